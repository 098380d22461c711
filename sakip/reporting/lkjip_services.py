"""Writes of the LKjIP and its reviu: each atomic, permission-checked, audited (simple-history
with a change reason). Rules: docs/rules.md §8.

Who may do what:
- compile, edit narratives, send to reviu, revise: the OPD's Kepala, Sekretaris, Tim SAKIP
  (core.permissions.can_write_scope for OPD-wide data) — nobody of another OPD;
- reviu (assignment, checklist, notes, LHR, Pernyataan Telah Direviu): the Inspektorat of the
  OPD's Pemda only;
- sign: the Kepala of the OPD (the holder of the head position, Plt. included);
- upload of an LKjIP made elsewhere (older years): the OPD's managers.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.core import permissions as P
from sakip.core import roles as R
from sakip.core.actors import is_system, person, require_actor
from sakip.documents import services as document_services
from sakip.measurement import policies as measurement_policies

from . import lkjip as L
from . import lkjip_documents as DOCS
from .models import Lkjip, LkjipReviu, LkjipSasaran, LkjipVersion, ReviuNote

DOC_TYPE = "lkjip"
LHR_TYPE = "lhr_lkjip"
STATEMENT_TYPE = "pernyataan_reviu"
MAX_UPLOAD = 20 * 1024 * 1024
NARRATIVE_FIELDS = ("ikhtisar", "pendahuluan", "isu_strategis", "penutup")


# --- permissions ---------------------------------------------------------------------------------------
def can_view(user, lkjip) -> bool:
    return P.can_read_opd(user, lkjip.opd_id)


def can_edit(user, opd_id) -> bool:
    """OPD-wide writers of the OPD (Kepala, Sekretaris, Tim SAKIP) or the Administrator."""
    return P.can_write_scope(user, opd_id, None)


def can_edit_narrative(user, lkjip) -> bool:
    return lkjip.is_editable and can_edit(user, lkjip.opd_id)


def is_reviewer(user, lkjip) -> bool:
    """The Inspektorat of the OPD's Pemda (the Administrator too)."""
    if P.is_admin(user):
        return True
    if not getattr(user, "is_authenticated", False) or R.INSPEKTORAT not in user.role_names:
        return False
    return user.pemda_id is not None and user.pemda_id == lkjip.opd.pemda_id


def can_finish_reviu(user, lkjip) -> bool:
    """Finishing the reviu issues the LHR and the Pernyataan Telah Direviu, signed by the Inspektur: only he (or the
    Administrator) finishes it; the auditors prepare it."""
    if not is_reviewer(user, lkjip):
        return False
    if P.is_admin(user):
        return True
    try:
        head = DOCS.reviu_signer(lkjip, timezone.localdate())
    except ValidationError:
        return False
    assignment = head.holder_on(timezone.localdate())
    return assignment is not None and getattr(user, "employee_id", None) == assignment.employee_id


def can_sign(user, lkjip) -> bool:
    return lkjip.status == Lkjip.Status.DIREVIU and measurement_policies.is_kepala(user, lkjip.opd_id)


def _require(allowed, message):
    if not allowed:
        raise PermissionDenied(message)


def _reason(obj, text):
    obj._change_reason = text[:100]


def _fresh(lkjip):
    return Lkjip.objects.select_for_update(of=("self",)).select_related("opd", "opd__pemda", "current").get(pk=lkjip.pk)


# --- compile ---------------------------------------------------------------------------------------------
def _default_texts(opd, year, data) -> dict:
    s = data["summary"]
    org = ", ".join(u["name"] for u in data["organisation"]["units"])
    avg = s["average"] or "-"
    return {
        "ikhtisar": _(
            "Laporan Kinerja %(opd)s Tahun %(year)s menyajikan capaian %(n)s indikator kinerja utama dengan rata-rata "
            "capaian %(avg)s%% (%(cat)s) dan serapan anggaran %(ser)s%%."
        )
        % {
            "opd": opd.name,
            "year": year,
            "n": s["indicators"],
            "avg": avg,
            "cat": s["category"] or "-",
            "ser": s["serapan"] or "-",
        },
        "pendahuluan": _(
            "%(opd)s melaksanakan urusan pemerintahan yang menjadi kewenangan daerah sesuai tugas dan fungsinya. "
            "Susunan organisasi: %(org)s."
        )
        % {"opd": opd.name, "org": org or "-"},
    }


@transaction.atomic
def compile_lkjip(*, user, opd, year: int, reason: str = "", now=None) -> LkjipVersion:
    """Compile the LKjIP of `opd` for `year` from its locked measurement: the first version, or a new
    version of the existing LKjIP (narratives carried over). Refused when the measurement is not locked."""
    require_actor(user)
    now = now or timezone.now()
    if not is_system(user):
        P.require_view(user, opd)
        _require(can_edit(user, opd.pk), _("Hanya pengelola %(opd)s yang dapat menyusun LKjIP.") % {"opd": opd.akronim})
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": _("Tahun tidak valid.")}) from None
    try:
        source = L.locked_source(opd, year)
    except L.NotLocked as exc:
        raise ValidationError({"year": str(exc)}) from None
    lkjip = Lkjip.objects.select_for_update().filter(opd=opd, year=year).first()
    if lkjip is not None and lkjip.status in (Lkjip.Status.REVIU,):
        raise ValidationError(
            _("LKjIP %(y)s sedang direviu Inspektorat; versi baru dapat disusun setelah catatan reviu dikirim.")
            % {"y": year}
        )
    if lkjip is not None and lkjip.status == Lkjip.Status.DIUNGGAH:
        raise ValidationError(_("LKjIP %(y)s sudah diunggah dari luar sakip.") % {"y": year})
    data = L.compute(opd, year, source)
    previous = None
    if lkjip is None:
        lkjip = Lkjip(opd=opd, year=year)
        _reason(lkjip, "Disusun")
        lkjip.save()
        number = 1
    else:
        previous = lkjip.current
        number = (lkjip.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        if lkjip.status in (Lkjip.Status.DIREVIU, Lkjip.Status.DITANDATANGANI):
            lkjip.reopen()
            lkjip.document = None
            lkjip.reviewed_document = None
            reviu = LkjipReviu.objects.filter(lkjip=lkjip).first()
            if reviu is not None:
                _reason(reviu, "Dihapus: versi baru LKjIP")
                reviu.delete()
        if number > 1 and not (reason or "").strip():
            reason = _("Disusun ulang dari pengukuran %(tw)s %(y)s") % {"tw": source.period.tw_label, "y": year}
    defaults = _default_texts(opd, year, data)
    version = LkjipVersion(
        lkjip=lkjip,
        number=number,
        period=source.period,
        source_versions=source.versions,
        data=data,
        compiled_at=now,
        compiled_by=person(user),
        reason=(reason or "").strip()[:300],
    )
    for name in NARRATIVE_FIELDS:
        setattr(version, name, getattr(previous, name) if previous else defaults.get(name, ""))
    _reason(version, f"Versi {number} disusun")
    version.save()
    old = {}
    if previous is not None:
        old = {s.node_id: s for s in previous.sasaran.all()}
    for order, s in enumerate(data["sasaran"]):
        before = old.get(s["node"])
        if before is not None:
            analisis, solusi = before.analisis, before.solusi
        else:
            analisis, solusi = L.prefill_narrative(s["rows"])
        item = LkjipSasaran(version=version, node_id=s["node"], order=order, analisis=analisis, solusi=solusi)
        _reason(item, "Disusun")
        item.save()
    lkjip.current = version
    _reason(lkjip, f"Versi {number}")
    lkjip.save()
    return version


# --- narratives ------------------------------------------------------------------------------------------------
def _check_revision(obj, expected):
    if expected is not None and str(expected) != str(obj.revision):
        raise ValidationError(
            _("Bagian ini sudah diubah orang lain sejak halaman dibuka; muat ulang halaman lalu ulangi perubahan Anda.")
        )


@transaction.atomic
def save_section(*, user, version: LkjipVersion, field: str, text: str, expected_revision=None) -> LkjipVersion:
    require_actor(user)
    if field not in NARRATIVE_FIELDS:
        raise ValidationError({"field": _("Bagian tidak dikenal.")})
    lkjip = _fresh(version.lkjip)
    P.check(can_view(user, lkjip), hide=True)
    _require(
        can_edit(user, lkjip.opd_id),
        _("Hanya pengelola %(opd)s yang dapat mengubah LKjIP.") % {"opd": lkjip.opd.akronim},
    )
    if not lkjip.is_editable:
        raise ValidationError(_("LKjIP berstatus %(s)s tidak dapat diubah.") % {"s": lkjip.get_status_display()})
    version = LkjipVersion.objects.select_for_update().get(pk=version.pk)
    if lkjip.current_id != version.pk:
        raise ValidationError(_("Hanya versi yang berlaku yang dapat diubah."))
    _check_revision(version, expected_revision)
    text = (text or "").strip()
    if len(text) > 20000:
        raise ValidationError({field: _("Teks terlalu panjang (paling banyak 20.000 karakter).")})
    setattr(version, field, text)
    version.revision += 1
    _reason(version, f"Diubah: {LkjipVersion._meta.get_field(field).verbose_name}")
    version.save()
    return version


@transaction.atomic
def save_sasaran(*, user, item: LkjipSasaran, analisis: str, solusi: str, expected_revision=None) -> LkjipSasaran:
    require_actor(user)
    lkjip = _fresh(item.version.lkjip)
    P.check(can_view(user, lkjip), hide=True)
    _require(
        can_edit(user, lkjip.opd_id),
        _("Hanya pengelola %(opd)s yang dapat mengubah LKjIP.") % {"opd": lkjip.opd.akronim},
    )
    if not lkjip.is_editable:
        raise ValidationError(_("LKjIP berstatus %(s)s tidak dapat diubah.") % {"s": lkjip.get_status_display()})
    item = LkjipSasaran.objects.select_for_update().get(pk=item.pk)
    if lkjip.current_id != item.version_id:
        raise ValidationError(_("Hanya versi yang berlaku yang dapat diubah."))
    _check_revision(item, expected_revision)
    analisis, solusi = (analisis or "").strip(), (solusi or "").strip()
    if len(analisis) > 20000 or len(solusi) > 20000:
        raise ValidationError(_("Teks terlalu panjang (paling banyak 20.000 karakter)."))
    item.analisis, item.solusi = analisis, solusi
    item.revision += 1
    _reason(item, "Analisis diubah")
    item.save()
    return item


def needs_update(lkjip) -> list[str]:
    """Units whose locked measurement changed through a recorded revision after the current version was compiled."""
    if lkjip.status == Lkjip.Status.DIUNGGAH:
        return []
    return L.changed_since(lkjip.current)


# --- reviu ------------------------------------------------------------------------------------------------------
@transaction.atomic
def send_to_reviu(*, user, lkjip, now=None) -> Lkjip:
    require_actor(user)
    lkjip = _fresh(lkjip)
    P.check(can_view(user, lkjip), hide=True)
    _require(
        can_edit(user, lkjip.opd_id),
        _("Hanya pengelola %(opd)s yang dapat mengajukan LKjIP untuk direviu.") % {"opd": lkjip.opd.akronim},
    )
    if lkjip.status not in (Lkjip.Status.DRAFT, Lkjip.Status.REVISI):
        raise ValidationError(_("LKjIP berstatus %(s)s tidak dapat diajukan.") % {"s": lkjip.get_status_display()})
    stale = needs_update(lkjip)
    if stale:
        raise ValidationError(
            _("Pengukuran sumber telah direvisi (%(u)s) sejak LKjIP disusun: susun versi baru lebih dahulu.")
            % {"u": ", ".join(stale)}
        )
    lkjip.send_to_reviu()
    _reason(lkjip, "Diajukan untuk direviu")
    lkjip.save()
    reviu = LkjipReviu.objects.filter(lkjip=lkjip).first()
    if reviu is not None and reviu.state == LkjipReviu.State.CATATAN:
        reviu.resume()
        _reason(reviu, "Perbaikan OPD diterima")
        reviu.save()
    return lkjip


@transaction.atomic
def assign_reviu(*, user, lkjip, reviewer=None, now=None) -> LkjipReviu:
    """The Inspektorat takes the LKjIP for reviu (the assignment names the reviewer; default: the user)."""
    require_actor(user)
    now = now or timezone.now()
    lkjip = _fresh(lkjip)
    P.check(can_view(user, lkjip), hide=True)
    _require(is_reviewer(user, lkjip), _("Reviu LKjIP hanya dilakukan oleh Inspektorat."))
    reviewer = reviewer or user
    if not is_reviewer(reviewer, lkjip):
        raise ValidationError({"reviewer": _("Pereviu harus pegawai Inspektorat.")})
    if lkjip.status != Lkjip.Status.REVIU:
        raise ValidationError(_("LKjIP belum diajukan untuk direviu."))
    reviu = LkjipReviu.objects.filter(lkjip=lkjip).first()
    if reviu is not None:
        reviu.reviewer = reviewer
        _reason(reviu, "Pereviu diganti")
        reviu.save()
        return reviu
    reviu = LkjipReviu(lkjip=lkjip, reviewer=reviewer, assigned_at=now, assigned_by=user)
    _reason(reviu, "Ditugaskan")
    reviu.save()
    return reviu


CHECKLIST = (
    ("data", _("Data realisasi di LKjIP sesuai dengan data pengukuran yang dikunci (formulir unit dan bukti dukung)")),
    ("hitung", _("Perhitungan capaian dan serapan dihitung ulang oleh sakip; selisih tercantum")),
    ("pk", _("Indikator dan target konsisten dengan Perjanjian Kinerja tahun berkenaan")),
    ("renstra", _("Sasaran, indikator dan target konsisten dengan Renstra")),
    ("format", _("Sistematika sesuai PermenPAN-RB 53/2014 Lampiran II")),
)


def recompute_differences(lkjip) -> list[dict]:
    """The LKjIP's figures recomputed by sakip from the measurement records now, compared with the
    stored version: every difference (indicator, field, in the LKjIP, recomputed)."""
    version = lkjip.current
    stored = version.data
    try:
        fresh = L.compute(lkjip.opd, lkjip.year, L.Source(version.period, L.current_versions(version.period)))
    except L.NotLocked as exc:
        return [{"indicator": "", "field": _("pengukuran"), "lkjip": "", "recomputed": str(exc)}]
    before = {(r["sasaran"], r["indicator"]): r for r in L.bab3_rows(stored)}
    after = {(r["sasaran"], r["indicator"]): r for r in L.bab3_rows(fresh)}
    out = []
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        if a is None or b is None:
            out.append(
                {
                    "indicator": key[1],
                    "field": _("baris"),
                    "lkjip": "ada" if a else "-",
                    "recomputed": "ada" if b else "-",
                }
            )
            continue
        for field in ("target", "realisasi", "capaian", "category", "prev_realisasi", "renstra_target"):
            if (a.get(field) or "") != (b.get(field) or ""):
                out.append({"indicator": key[1], "field": field, "lkjip": a.get(field), "recomputed": b.get(field)})
    for field in ("pagu", "realisasi", "serapan"):
        if (stored["summary"].get(field) or "") != (fresh["summary"].get(field) or ""):
            out.append(
                {
                    "indicator": _("Anggaran"),
                    "field": field,
                    "lkjip": stored["summary"].get(field),
                    "recomputed": fresh["summary"].get(field),
                }
            )
    return out


def consistency_findings(lkjip) -> list[str]:
    """IKU of the LKjIP missing from the head's PK, and PK rows missing from the LKjIP."""
    data = lkjip.current.data
    pk = data.get("pk")
    if not pk:
        return [_("Perjanjian Kinerja kepala OPD tahun %(y)s tidak ditemukan.") % {"y": lkjip.year}]
    pk_names = {i["indicator"].strip().lower() for i in pk["items"]}
    rows = [r for s in data["sasaran"] for r in s["rows"]]
    out = []
    for r in rows:
        if r["is_iku"] and r["name"].strip().lower() not in pk_names:
            out.append(_('IKU "%(n)s" tidak tercantum di PK.') % {"n": r["name"]})
    names = {r["name"].strip().lower() for r in rows}
    for i in pk["items"]:
        if i["indicator"].strip().lower() not in names:
            out.append(_('Indikator PK "%(n)s" tidak dilaporkan di Bab III.') % {"n": i["indicator"]})
    for r in rows:
        if not r["renstra_target"]:
            out.append(_('Indikator "%(n)s" tidak memiliki target akhir Renstra.') % {"n": r["name"]})
    return out


def _reviu_of(user, lkjip, *, states=None):
    reviu = LkjipReviu.objects.select_for_update().filter(lkjip=lkjip).first()
    _require(is_reviewer(user, lkjip), _("Reviu LKjIP hanya dilakukan oleh Inspektorat."))
    if reviu is None:
        raise ValidationError(_("Reviu LKjIP ini belum ditugaskan."))
    if states and reviu.state not in states:
        raise ValidationError(_("Reviu berstatus %(s)s.") % {"s": reviu.get_state_display()})
    return reviu


@transaction.atomic
def save_checklist(*, user, lkjip, answers: dict, conclusion: str = "") -> LkjipReviu:
    """answers: {key: {"ok": bool, "note": str}} for the CHECKLIST keys; the differences are recomputed."""
    require_actor(user)
    lkjip = _fresh(lkjip)
    P.check(can_view(user, lkjip), hide=True)
    reviu = _reviu_of(user, lkjip, states={LkjipReviu.State.BERJALAN})
    if lkjip.status != Lkjip.Status.REVIU:
        raise ValidationError(_("LKjIP tidak sedang direviu."))
    keys = {k for k, _label in CHECKLIST}
    clean = {}
    for key, value in (answers or {}).items():
        if key not in keys:
            raise ValidationError(_("Butir daftar uji tidak dikenal: %(k)s.") % {"k": key})
        clean[key] = {"ok": bool(value.get("ok")), "note": str(value.get("note", "")).strip()[:2000]}
    reviu.checklist = clean
    reviu.differences = recompute_differences(lkjip)
    reviu.checked_version = lkjip.current.number
    reviu.conclusion = (conclusion or "").strip()[:5000]
    _reason(reviu, "Daftar uji diisi")
    reviu.save()
    return reviu


@transaction.atomic
def add_note(*, user, lkjip, text: str, section: str = "") -> ReviuNote:
    require_actor(user)
    lkjip = _fresh(lkjip)
    P.check(can_view(user, lkjip), hide=True)
    reviu = _reviu_of(user, lkjip, states={LkjipReviu.State.BERJALAN})
    if not (text or "").strip():
        raise ValidationError({"text": _("Catatan reviu wajib diisi.")})
    note = ReviuNote(
        reviu=reviu,
        text=text.strip()[:5000],
        section=(section or "").strip()[:120],
        version_number=lkjip.current.number,
        created_by=user,
    )
    _reason(note, "Ditulis")
    note.save()
    return note


@transaction.atomic
def send_notes(*, user, lkjip, now=None) -> LkjipReviu:
    """The notes go back to the OPD, which revises (status revisi) and sends the LKjIP again."""
    require_actor(user)
    now = now or timezone.now()
    lkjip = _fresh(lkjip)
    P.check(can_view(user, lkjip), hide=True)
    reviu = _reviu_of(user, lkjip, states={LkjipReviu.State.BERJALAN})
    pending = list(reviu.notes.filter(sent_at__isnull=True))
    if not pending:
        raise ValidationError(_("Belum ada catatan baru untuk dikirim."))
    for note in pending:
        note.sent_at = now
        _reason(note, "Dikirim ke OPD")
        note.save()
    reviu.send_notes()
    _reason(reviu, "Catatan dikirim ke OPD")
    reviu.save()
    lkjip.return_for_revision()
    _reason(lkjip, "Dikembalikan untuk perbaikan hasil reviu")
    lkjip.save()
    return reviu


@transaction.atomic
def answer_note(*, user, note: ReviuNote, response: str) -> ReviuNote:
    require_actor(user)
    lkjip = _fresh(note.reviu.lkjip)
    P.check(can_view(user, lkjip), hide=True)
    _require(
        can_edit(user, lkjip.opd_id),
        _("Hanya pengelola %(opd)s yang dapat menanggapi catatan reviu.") % {"opd": lkjip.opd.akronim},
    )
    if lkjip.status != Lkjip.Status.REVISI:
        raise ValidationError(_("Catatan reviu hanya ditanggapi selama perbaikan."))
    if not (response or "").strip():
        raise ValidationError({"response": _("Tanggapan wajib diisi.")})
    note = ReviuNote.objects.select_for_update().get(pk=note.pk)
    note.response = response.strip()[:5000]
    note.resolved = True
    _reason(note, "Ditanggapi OPD")
    note.save()
    return note


@transaction.atomic
def finish_reviu(*, user, lkjip, on: date | None = None, now=None) -> LkjipReviu:
    """The Inspektur issues the Laporan Hasil Reviu and the Pernyataan Telah Direviu (numbered in the Inspektorat's
    register, PAdES-signed by him), attaches the Pernyataan to the LKjIP: status direviu. Anybody else (an auditor)
    is refused before anything is numbered."""
    require_actor(user)
    now = now or timezone.now()
    on = on or timezone.localtime(now).date()
    lkjip = _fresh(lkjip)
    P.check(can_view(user, lkjip), hide=True)
    reviu = _reviu_of(user, lkjip, states={LkjipReviu.State.BERJALAN})
    if lkjip.status != Lkjip.Status.REVIU:
        raise ValidationError(_("LKjIP tidak sedang direviu."))
    if reviu.checked_version != lkjip.current.number:
        raise ValidationError(_("Isi daftar uji untuk versi %(v)s lebih dahulu.") % {"v": lkjip.current.number})
    keys = {k for k, _label in CHECKLIST}
    if set(reviu.checklist) != keys:
        raise ValidationError(_("Semua butir daftar uji wajib dijawab."))
    if reviu.notes.filter(sent_at__isnull=True).exists():
        raise ValidationError(_("Masih ada catatan yang belum dikirim ke OPD."))
    lhr = DOCS.issue_lhr(user=user, lkjip=lkjip, reviu=reviu, on=on)
    statement = DOCS.issue_statement(user=user, lkjip=lkjip, reviu=reviu, on=on)
    reviu.lhr_document, reviu.statement_document = lhr, statement
    reviu.finished_at = now
    reviu.finish()
    _reason(reviu, "Selesai: LHR dan Pernyataan Telah Direviu diterbitkan")
    reviu.save()
    lkjip.finish_reviu()
    lkjip.reviewed_document = statement
    _reason(lkjip, "Telah direviu")
    lkjip.save()
    return reviu


# --- sign --------------------------------------------------------------------------------------------------------
@transaction.atomic
def sign_lkjip(*, user, lkjip, on: date | None = None, now=None):
    """Number, sign (the Kepala, Plt. shown), archive, with the Pernyataan Telah Direviu attached."""
    require_actor(user)
    now = now or timezone.now()
    on = on or timezone.localtime(now).date()
    lkjip = _fresh(lkjip)
    P.check(can_view(user, lkjip), hide=True)
    if not is_system(user):
        _require(
            measurement_policies.is_kepala(user, lkjip.opd_id),
            _("Hanya Kepala %(opd)s yang dapat menandatangani LKjIP.") % {"opd": lkjip.opd.akronim},
        )
    if lkjip.status != Lkjip.Status.DIREVIU:
        raise ValidationError(
            _("LKjIP ditandatangani setelah direviu Inspektorat (Pernyataan Telah Direviu terlampir).")
        )
    stale = needs_update(lkjip)
    if stale:
        raise ValidationError(
            _("Pengukuran sumber telah direvisi (%(u)s) sejak LKjIP disusun: susun versi baru lebih dahulu.")
            % {"u": ", ".join(stale)}
        )
    doc = DOCS.issue_lkjip(user=user, lkjip=lkjip, on=on)
    lkjip.document = doc
    lkjip.sign()
    _reason(lkjip, "Ditandatangani dan diarsipkan")
    lkjip.save()
    return doc


# --- upload (made elsewhere) ------------------------------------------------------------------------------
def _read_pdf(upload, label):
    if upload is None:
        return None
    if upload.size > MAX_UPLOAD:
        raise ValidationError(
            {label: _("Berkas terlalu besar (paling besar %(mb)s MB).") % {"mb": MAX_UPLOAD // (1024 * 1024)}}
        )
    data = upload.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise ValidationError(
            {label: _("Berkas terlalu besar (paling besar %(mb)s MB).") % {"mb": MAX_UPLOAD // (1024 * 1024)}}
        )
    if not data.startswith(b"%PDF-"):
        raise ValidationError({label: _("Berkas bukan PDF (isi berkas diperiksa, bukan nama berkasnya).")})
    return data


@transaction.atomic
def upload_lkjip(*, user, opd, year: int, upload, signed_on_paper: bool, date_signed: date, statement=None) -> Lkjip:
    """Archive an LKjIP made outside sakip for an older year (PDF only; optionally its Pernyataan Telah Direviu)."""
    require_actor(user)
    P.require_view(user, opd)
    _require(can_edit(user, opd.pk), _("Hanya pengelola %(opd)s yang dapat mengunggah LKjIP.") % {"opd": opd.akronim})
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": _("Tahun tidak valid.")}) from None
    this_year = timezone.localdate().year
    if year >= this_year:
        raise ValidationError(
            {"year": _("Unggahan hanya untuk LKjIP tahun-tahun lalu; LKjIP %(y)s disusun di sakip.") % {"y": year}}
        )
    if date_signed is None:
        raise ValidationError({"date": _("Tanggal LKjIP wajib diisi.")})
    if date_signed.year <= year - 1 or date_signed > timezone.localdate():
        raise ValidationError(
            {"date": _("Tanggal LKjIP %(y)s harus setelah tahun %(y)s berjalan dan tidak di masa depan.") % {"y": year}}
        )
    if upload is None:
        raise ValidationError({"file": _("Pilih berkas PDF LKjIP.")})
    pdf = _read_pdf(upload, "file")
    statement_pdf = _read_pdf(statement, "statement") if statement else None
    existing = Lkjip.objects.select_for_update().filter(opd=opd, year=year).first()
    if existing is not None and existing.status not in (Lkjip.Status.DIUNGGAH,):
        raise ValidationError({"year": _("LKjIP %(y)s sudah disusun di sakip.") % {"y": year}})
    statement_doc = None
    if statement_pdf:
        statement_doc = document_services.issue_document(
            user=user,
            opd=opd,
            doc_type=STATEMENT_TYPE,
            subject=_("Pernyataan Telah Direviu LKjIP %(opd)s Tahun %(y)s (unggahan)")
            % {"opd": opd.akronim, "y": year},
            date=date_signed,
            pdf_bytes=statement_pdf,
            check_permission=False,
        )
    doc = document_services.issue_document(
        user=user,
        opd=opd,
        doc_type=DOC_TYPE,
        subject=_("Laporan Kinerja Instansi Pemerintah (LKjIP) %(opd)s Tahun %(y)s (unggahan)")
        % {"opd": opd.akronim, "y": year},
        date=date_signed,
        pdf_bytes=pdf,
        previous=existing.document if existing and existing.document_id else None,
        check_permission=False,
    )
    lkjip = existing or Lkjip(opd=opd, year=year)
    lkjip.mark_uploaded()
    lkjip.document = doc
    lkjip.signed_on_paper = bool(signed_on_paper)
    if statement_doc is not None:
        lkjip.reviewed_document = statement_doc
    _reason(lkjip, "Diunggah")
    lkjip.save()
    return lkjip
