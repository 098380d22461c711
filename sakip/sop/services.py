"""Writes of the SOP register: create, edit a draft, import, approve, replace, revoke, monitor, evaluate.

Every function is keyword-only and atomic, names its actor and checks the actor's permission (the system user
of sakip.core.actors — demo loader, management commands run by an administrator — is not checked) and raises
ValidationError with an Indonesian message for bad input — nothing is half-saved.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from sakip.core import permissions as P
from sakip.core import roles as ROLES
from sakip.core.actors import is_system, person, require_actor
from sakip.core.formats import tanggal
from sakip.documents.models import ArchivedDocument
from sakip.documents.services import issue_document
from sakip.organization.models import OPD, Employee, Position, TimSakipMember, Unit, signer_title

from . import actions, durations, printing, selectors
from . import lint as L
from . import roles as R
from .docx_export import sop_docx
from .models import Lane, Monitoring, MonitoringItem, ProcessKind, Sop, SopReview, SopVersion, Step
from .parsing import ParsedTable

IDENTITY_FIELDS = [
    "judul",
    "jenis",
    "jenis_kegiatan",
    "made_on",
    "revised_on",
    "effective_on",
    "dasar_hukum",
    "kualifikasi_pelaksana",
    "keterkaitan",
    "peralatan",
    "peringatan",
    "pencatatan",
    "pj_produk",
    "pj_kegiatan",
    "ruang_lingkup",
    "revision_note",
]


# --- permissions ------------------------------------------------------------------------------------
def can_edit_sop(user, sop: Sop) -> bool:
    """A unit edits its own SOPs; the OPD managers (Kepala, Sekretaris, Tim SAKIP) all of the OPD's."""
    if is_system(user):
        return True
    return P.can_write_scope(user, sop.opd_id, sop.unit)


def can_create_in(user, opd_id, unit) -> bool:
    if is_system(user):
        return True
    return P.can_write_scope(user, opd_id, unit)


def can_approve(user, sop: Sop) -> bool:
    """Approval (and revocation) belongs to the OPD head: the Kepala OPD of this OPD, or an administrator."""
    if is_system(user) or P.is_admin(user):
        return True
    return bool(
        getattr(user, "is_authenticated", False) and user.has_role(ROLES.KEPALA_OPD) and user.opd_id == sop.opd_id
    )


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def _reason(obj, text):
    obj._change_reason = text[:100]


# --- nomor ------------------------------------------------------------------------------------------
def normalize_number(number: str) -> str:
    return re.sub(r"\s+", "", (number or "").strip())


def find_sop(opd, number) -> Sop | None:
    key = normalize_number(number)
    for sop in Sop.objects.filter(opd=opd):
        if normalize_number(sop.number) == key:
            return sop
    return None


# --- lanes: guessing the mapping from the label --------------------------------------------------------
def guess_lane_mapping(opd: OPD, label: str) -> dict:
    """ "Kepala Dinsospermasdes" → the head's position; "Sek. Tim SAKIP" → Tim SAKIP secretary;
    "Kepala Bidang/Sekretariat" → each unit head; unknown → unmapped (the lint says so)."""
    low = " ".join((label or "").lower().split())
    if re.search(
        r"\b(setiap|masing-masing|para)\b.*\b(kepala|kabid)\b|kepala\s+unit|kabid\s*/|kepala\s+bidang\s*/|bidang\s*/\s*sekretariat",
        low,
    ):
        return {"mapping": Lane.Mapping.UNIT_HEADS}
    positions = list(Position.objects.filter(opd=opd).select_related("unit"))
    akronims = list(OPD.objects.filter(pemda_id=opd.pemda_id).values_list("akronim", flat=True))
    mentions = R.find_mentions(label, akronims)
    if mentions:
        m = mentions[0]
        if m.kind == R.TIM:
            return {
                "mapping": Lane.Mapping.TIM_ROLE,
                "tim_role": {
                    "sekretaris": TimSakipMember.Role.SEKRETARIS,
                    "anggota": TimSakipMember.Role.ANGGOTA,
                    "ketua": TimSakipMember.Role.KETUA,
                }[m.qualifier],
            }
        facts = R.OpdFacts(
            opd.name,
            opd.akronim,
            opd.kind,
            [R.UnitFact(u.name, u.kind, u.short_name) for u in Unit.objects.filter(opd=opd)],
            [],
        )
        res = R.resolve(m, facts, [])
        if res.ok:
            if m.kind == R.HEAD:
                head = next((p for p in positions if p.is_opd_head), None)
                if head:
                    return {"mapping": Lane.Mapping.POSITION, "position": head}
            elif m.kind == R.SEKRETARIS:
                sek = next(
                    (
                        p
                        for p in positions
                        if p.unit_id and p.unit.kind == Unit.Kind.SEKRETARIAT and p.kind == Position.Kind.ADMINISTRATOR
                    ),
                    None,
                )
                if sek:
                    return {"mapping": Lane.Mapping.POSITION, "position": sek}
            elif res.unit:
                pos = next(
                    (
                        p
                        for p in positions
                        if p.unit_id
                        and p.unit.name == res.unit
                        and p.kind in (Position.Kind.ADMINISTRATOR, Position.Kind.PENGAWAS)
                    ),
                    None,
                )
                if pos:
                    return {"mapping": Lane.Mapping.POSITION, "position": pos}
            elif m.kind in R.UNIT_LEVEL_KINDS:
                return {"mapping": Lane.Mapping.UNIT_HEADS}
    exact = next((p for p in positions if low in {p.name.lower(), (p.short_name or "").lower()}), None)
    if exact:
        return {"mapping": Lane.Mapping.POSITION, "position": exact}
    return {"mapping": Lane.Mapping.NONE}


# --- creating and editing -----------------------------------------------------------------------------
def _check_unit(opd, unit):
    if unit is not None and unit.opd_id != opd.pk:
        raise ValidationError({"unit": _("Unit pemilik harus berada di %(opd)s.") % {"opd": opd.akronim}})


def _clean_identity(data: dict) -> dict:
    out = {}
    for key in IDENTITY_FIELDS:
        if key in data:
            value = data[key]
            out[key] = value.strip() if isinstance(value, str) else value
    if "judul" in out and not out["judul"]:
        raise ValidationError({"judul": _("Judul SOP wajib diisi.")})
    return out


def _check_process_kind(kind):
    if kind not in ProcessKind.values:
        raise ValidationError({"process_kind": _("Pilih proses yang dijalankan SOP ini dari daftar.")})
    return kind


@transaction.atomic
def create_sop(
    *,
    user,
    opd: OPD,
    number: str,
    judul: str,
    unit: Unit | None = None,
    source: str = "manual",
    process_kind: str = ProcessKind.LAINNYA,
    **identity,
) -> SopVersion:
    """A new register entry with its first (draft) version."""
    require_actor(user)
    _check_unit(opd, unit)
    _check_process_kind(process_kind)
    _require(can_create_in(user, opd.pk, unit))
    number = (number or "").strip()
    judul = (judul or "").strip()
    errors = {}
    if not number:
        errors["number"] = _("Nomor SOP wajib diisi.")
    if not judul:
        errors["judul"] = _("Judul SOP wajib diisi.")
    existing = find_sop(opd, number) if number else None
    if existing:
        errors["number"] = _(
            "Nomor SOP %(nomor)s sudah terdaftar di %(opd)s (%(judul)s). Buat revisi dari SOP tersebut, bukan SOP baru."
        ) % {"nomor": existing.number, "opd": opd.akronim, "judul": existing.judul}
    if errors:
        raise ValidationError(errors)
    sop = Sop(opd=opd, unit=unit, number=number, judul=judul, process_kind=process_kind)
    sop.full_clean()
    try:
        with transaction.atomic():
            sop.save()
    except IntegrityError:
        raise ValidationError(
            {"number": _("Nomor SOP %(nomor)s sudah terdaftar di %(opd)s.") % {"nomor": number, "opd": opd.akronim}}
        ) from None
    values = _clean_identity(identity)
    values["judul"] = judul
    version = SopVersion(sop=sop, version=1, source=source, **values)
    if version.made_on is None:
        version.made_on = date.today()
    version.full_clean(exclude=["sop", "status"])
    _reason(version, "Dibuat")
    version.save()
    return version


@transaction.atomic
def update_identity(
    *,
    user,
    version: SopVersion,
    data: dict,
    keterkaitan_sop=None,
    unit: Unit | None | bool = False,
    process_kind: str | None = None,
) -> SopVersion:
    require_actor(user)
    version = SopVersion.objects.select_related("sop", "sop__opd", "sop__unit").get(pk=version.pk)
    sop = version.sop
    _require(can_edit_sop(user, sop))
    if not version.is_editable:
        raise ValidationError(
            _("Versi %(v)s berstatus %(s)s dan tidak dapat diubah; buat revisi (versi baru).")
            % {"v": version.version, "s": version.get_status_display()}
        )
    values = _clean_identity(data)
    for key, value in values.items():
        setattr(version, key, value)
    version.full_clean(exclude=["sop", "status"])
    _reason(version, "Identitas diubah")
    version.save()
    if keterkaitan_sop is not None:
        linked = list(keterkaitan_sop)
        if any(s.pk == sop.pk for s in linked):
            raise ValidationError({"keterkaitan_sop": _("SOP tidak dapat dikaitkan dengan dirinya sendiri.")})
        version.keterkaitan_sop.set(linked)
    changed_sop = False
    if unit is not False and unit != sop.unit:
        _check_unit(sop.opd, unit)
        _require(can_create_in(user, sop.opd_id, unit))
        sop.unit = unit
        changed_sop = True
    if values.get("judul") and sop.judul != values["judul"]:
        sop.judul = values["judul"]
        changed_sop = True
    if process_kind is not None and process_kind != sop.process_kind:
        sop.process_kind = _check_process_kind(process_kind)
        changed_sop = True
    if changed_sop:
        sop.save()
    return version


@transaction.atomic
def set_process_kind(*, user, sop: Sop, process_kind: str) -> Sop:
    """Declare which sakip process the SOP drives (docs/rules.md "SOP dan proses"). A fact of the register
    entry, not of a version's content, so it can be set on an approved SOP without a revision; the periods
    already started keep the SOP they run."""
    require_actor(user)
    sop = Sop.objects.select_for_update().get(pk=sop.pk)
    _require(can_edit_sop(user, sop))
    _check_process_kind(process_kind)
    if sop.process_kind != process_kind:
        sop.process_kind = process_kind
        _reason(sop, "Proses yang dijalankan diubah")
        if not is_system(user):
            sop._history_user = user  # the request's user outside a request (commands, services called directly)
        sop.save()
    return sop


def _validate_procedure(lanes: list[dict], steps: list[dict]):
    errors = []
    labels = [(spec.get("label") or "").strip() for spec in lanes]
    if any(not label for label in labels):
        errors.append(_("Nama pelaksana tidak boleh kosong."))
    seen = set()
    for label in labels:
        key = label.lower()
        if key and key in seen:
            errors.append(_('Pelaksana "%(label)s" tercantum dua kali.') % {"label": label})
        seen.add(key)
    numbers = [int(s["number"]) for s in steps]
    if len(set(numbers)) != len(numbers):
        dup = sorted({n for n in numbers if numbers.count(n) > 1})
        errors.append(_("Nomor langkah %(n)s tercantum lebih dari sekali.") % {"n": ", ".join(map(str, dup))})
    existing = set(numbers)
    for spec in steps:
        if not (spec.get("uraian") or "").strip():
            errors.append(_("Langkah %(n)s: uraian prosedur wajib diisi.") % {"n": spec["number"]})
        for i in spec.get("lanes", []):
            if not 0 <= i < len(lanes):
                errors.append(_("Langkah %(n)s: pelaksana tidak dikenal.") % {"n": spec["number"]})
        if spec.get("kind") == Step.Kind.DECISION:
            for label, key in (("Ya", "ya_ke"), ("Tidak", "tidak_ke")):
                target = spec.get(key)
                if target is not None and int(target) not in existing:
                    errors.append(
                        _('Langkah %(n)s: cabang "%(b)s" menuju langkah %(t)s yang tidak ada.')
                        % {"n": spec["number"], "b": label, "t": target}
                    )
            if spec.get("tidak_ke") is None:
                errors.append(
                    _('Langkah %(n)s: keputusan harus memiliki cabang "Tidak" (nomor langkah tujuan).')
                    % {"n": spec["number"]}
                )
        waktu = spec.get("waktu")
        if waktu is not None and Decimal(str(waktu)) < 0:
            errors.append(_("Langkah %(n)s: waktu tidak boleh negatif.") % {"n": spec["number"]})
        if spec.get("action", actions.NONE) not in actions.CODES:
            errors.append(
                _('Langkah %(n)s: aksi sistem "%(a)s" tidak dikenal.') % {"n": spec["number"], "a": spec.get("action")}
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_procedure(*, user, version: SopVersion, lanes: list[dict], steps: list[dict]) -> SopVersion:
    """Replace the lanes and steps of a draft. lanes: [{label, mapping, position, tim_role}];
    steps: [{number, uraian, kind, lanes: [lane index], kelengkapan, waktu, waktu_satuan, output,
    keterangan, keterangan_sop, action, utama, ya_ke, tidak_ke}]. Steps are renumbered 1..n in the
    given order (branch targets follow); existing rows are updated in place (their history stays)."""
    require_actor(user)
    version = SopVersion.objects.select_related("sop", "sop__opd", "sop__unit").get(pk=version.pk)
    _require(can_edit_sop(user, version.sop))
    if not version.is_editable:
        raise ValidationError(
            _("Versi %(v)s berstatus %(s)s dan tidak dapat diubah; buat revisi (versi baru).")
            % {"v": version.version, "s": version.get_status_display()}
        )
    _validate_procedure(lanes, steps)
    renumber = {int(spec["number"]): i for i, spec in enumerate(steps, start=1)}
    opd_id = version.sop.opd_id
    old_lanes = list(version.lanes.order_by("order"))
    lane_objs = []
    for order, spec in enumerate(lanes, start=1):
        lane = old_lanes[order - 1] if order - 1 < len(old_lanes) else Lane(version=version, order=order)
        lane.label = spec["label"].strip()
        lane.mapping = spec.get("mapping") or Lane.Mapping.NONE
        lane.position = spec.get("position") if lane.mapping == Lane.Mapping.POSITION else None
        lane.tim_role = spec.get("tim_role", "") if lane.mapping == Lane.Mapping.TIM_ROLE else ""
        if lane.position is not None and lane.position.opd_id not in (None, opd_id):
            raise ValidationError(
                _('Pelaksana "%(l)s": jabatan %(p)s bukan jabatan di %(opd)s.')
                % {"l": lane.label, "p": lane.position, "opd": version.sop.opd.akronim}
            )
        try:
            lane.full_clean(exclude=["version"])
        except ValidationError as exc:
            raise ValidationError([f'{_("Pelaksana")} "{lane.label}": {m}' for m in exc.messages]) from None
        lane_objs.append(lane)
    # Free the orders first (unique per version), then save.
    for lane in old_lanes[len(lanes) :]:
        lane.delete()
    for i, lane in enumerate(lane_objs):
        if lane.pk:
            Lane.objects.filter(pk=lane.pk).update(order=1000 + i)
    for lane in lane_objs:
        lane.save()
    old_steps = list(version.steps.order_by("number"))
    Step.objects.filter(version=version).update(number=models_offset(len(old_steps) + len(steps)))
    step_objs = []
    old_steps = list(version.steps.order_by("number"))
    for i, spec in enumerate(steps, start=1):
        step = old_steps[i - 1] if i - 1 < len(old_steps) else Step(version=version)
        step.number = i
        step.uraian = " ".join(spec["uraian"].split())
        step.kind = spec.get("kind") or Step.Kind.PROCESS
        step.kelengkapan = (spec.get("kelengkapan") or "").strip()
        step.waktu = spec.get("waktu")
        step.waktu_satuan = spec.get("waktu_satuan") or durations.MENIT
        step.output = (spec.get("output") or "").strip()
        step.keterangan = (spec.get("keterangan") or "").strip()
        step.keterangan_sop = spec.get("keterangan_sop")
        step.action = spec.get("action") or actions.NONE
        step.utama = bool(spec.get("utama"))
        step.ya_ke = (
            renumber.get(int(spec["ya_ke"]))
            if step.kind == Step.Kind.DECISION and spec.get("ya_ke") is not None
            else None
        )
        step.tidak_ke = (
            renumber.get(int(spec["tidak_ke"]))
            if step.kind == Step.Kind.DECISION and spec.get("tidak_ke") is not None
            else None
        )
        try:
            step.full_clean(exclude=["version", "lanes"])
        except ValidationError as exc:
            raise ValidationError([_("Langkah %(n)s: %(m)s") % {"n": i, "m": m} for m in exc.messages]) from None
        step.save()
        step.lanes.set([lane_objs[j] for j in sorted(set(spec.get("lanes", [])))])
        step_objs.append(step)
    for step in old_steps[len(steps) :]:
        step.delete()
    _reason(version, "Prosedur diubah")
    version.save()
    return version


def models_offset(n):
    """A temporary number range above the real ones, so renumbering never collides."""
    return F("number") + 1000 + n


def _copy_content(source: SopVersion, target: SopVersion):
    lanes = list(source.lanes.order_by("order"))
    mapping = {}
    for lane in lanes:
        new = Lane.objects.create(
            version=target,
            order=lane.order,
            label=lane.label,
            mapping=lane.mapping,
            position=lane.position,
            tim_role=lane.tim_role,
        )
        mapping[lane.pk] = new
    for step in source.steps.order_by("number").prefetch_related("lanes"):
        lane_pks = [lane.pk for lane in step.lanes.all()]
        step.pk = None
        step.id = None
        step._state.adding = True
        step.version = target
        step.save()
        step.lanes.set([mapping[pk] for pk in lane_pks if pk in mapping])
    target.keterkaitan_sop.set(source.keterkaitan_sop.all())


@transaction.atomic
def new_revision(
    *, user, sop: Sop, revised_on: date | None = None, revision_note: str = "", base: SopVersion | None = None
) -> SopVersion:
    """A revision is a new draft version copied from the version in force (else the latest)."""
    require_actor(user)
    sop = Sop.objects.select_related("opd", "unit").get(pk=sop.pk)
    _require(can_edit_sop(user, sop))
    open_version = sop.versions.filter(status__in=[SopVersion.Status.DRAFT, SopVersion.Status.DIAJUKAN]).first()
    if open_version:
        raise ValidationError(
            _("Versi %(v)s masih berstatus %(s)s; selesaikan atau hapus dahulu sebelum membuat revisi baru.")
            % {"v": open_version.version, "s": open_version.get_status_display()}
        )
    if base is None:
        base = selectors.current_version(sop)
    if base is None:
        raise ValidationError(_("SOP belum memiliki versi untuk direvisi."))
    last = sop.versions.order_by("-version").first()
    version = SopVersion(sop=sop, version=last.version + 1, source="revisi")
    for key in IDENTITY_FIELDS:
        setattr(version, key, getattr(base, key))
    version.revised_on = revised_on or date.today()
    version.effective_on = None
    version.revision_note = revision_note
    _reason(version, f"Revisi dari versi {base.version}")
    version.save()
    _copy_content(base, version)
    return version


@transaction.atomic
def delete_draft(*, user, version: SopVersion) -> bool:
    """Delete a draft version; the register entry goes too when it was its only version. Returns True when the SOP was
    deleted.
    """
    require_actor(user)
    version = SopVersion.objects.select_related("sop").get(pk=version.pk)
    _require(can_edit_sop(user, version.sop))
    if version.status != SopVersion.Status.DRAFT:
        raise ValidationError(_("Hanya draf yang dapat dihapus; versi yang sudah disahkan dicabut atau diganti."))
    sop = version.sop
    version.steps.all().delete()
    version.lanes.all().delete()
    version.delete()
    if not sop.versions.exists():
        sop.delete()
        return True
    latest = sop.versions.order_by("-version").first()
    if latest and sop.judul != latest.judul:
        sop.judul = latest.judul
        sop.save()
    return False


# --- approval -----------------------------------------------------------------------------------------
@transaction.atomic
def submit(*, user, version: SopVersion) -> SopVersion:
    require_actor(user)
    version = SopVersion.objects.select_related("sop").get(pk=version.pk)
    _require(can_edit_sop(user, version.sop))
    if version.status != SopVersion.Status.DRAFT:
        raise ValidationError(_("Hanya draf yang dapat diajukan."))
    if not version.steps.exists():
        raise ValidationError(_("SOP belum memiliki langkah; tempelkan tabel prosedur atau tambahkan langkah dahulu."))
    version.submit()
    version.submitted_by = person(user)
    _reason(version, "Diajukan untuk disahkan")
    version.save()
    return version


@transaction.atomic
def return_to_draft(*, user, version: SopVersion, alasan: str = "") -> SopVersion:
    require_actor(user)
    version = SopVersion.objects.select_related("sop").get(pk=version.pk)
    _require(can_approve(user, version.sop) or can_edit_sop(user, version.sop))
    if version.status != SopVersion.Status.DIAJUKAN:
        raise ValidationError(_("Hanya versi yang diajukan yang dapat dikembalikan menjadi draf."))
    version.return_to_draft()
    _reason(version, f"Dikembalikan: {alasan}" if alasan else "Dikembalikan menjadi draf")
    version.save()
    return version


@transaction.atomic
def approve(
    *,
    user,
    version: SopVersion,
    signed_on: date | None = None,
    effective_on: date | None = None,
    signer: Employee | None = None,
) -> SopVersion:
    """Disahkan by the OPD head on `signed_on`; in force from tanggal efektif (else from that date).
    The version in force until then is replaced (berlaku sampai the day before)."""
    require_actor(user)
    version = SopVersion.objects.select_related("sop", "sop__opd", "sop__opd__pemda").get(pk=version.pk)
    sop = version.sop
    _require(can_approve(user, sop))
    if version.status != SopVersion.Status.DIAJUKAN:
        raise ValidationError(
            _("Hanya versi yang sudah diajukan yang dapat disahkan (status sekarang: %(s)s).")
            % {"s": version.get_status_display()}
        )
    today = date.today()
    signed_on = signed_on or today
    if signed_on > today:
        raise ValidationError({"signed_on": _("Tanggal pengesahan tidak boleh di masa depan.")})
    head = sop.opd.head_position()
    if head is None:
        raise ValidationError(
            _("%(opd)s belum memiliki jabatan Kepala OPD di data organisasi.") % {"opd": sop.opd.akronim}
        )
    holder = head.holder_on(signed_on)
    if signer is not None:
        if not is_system(user) and not P.is_admin(user):
            raise PermissionDenied
    else:
        if holder is None:
            raise ValidationError(
                {
                    "signed_on": _("Pada %(d)s tidak ada pejabat Kepala %(opd)s yang tercatat.")
                    % {"d": tanggal(signed_on), "opd": sop.opd.akronim}
                }
            )
        signer = holder.employee
        if not is_system(user) and not P.is_admin(user) and user.employee_id != signer.pk:
            raise ValidationError(
                {
                    "signed_on": _(
                        "Pada %(d)s Kepala %(opd)s adalah %(name)s; hanya beliau yang dapat mengesahkan "
                        "dengan tanggal itu."
                    )
                    % {"d": tanggal(signed_on), "opd": sop.opd.akronim, "name": f"{holder.prefix}{signer.full_name}"}
                }
            )
    if holder is None or holder.employee_id != signer.pk:
        raise ValidationError(
            _("%(name)s tidak memegang jabatan Kepala %(opd)s pada %(d)s; SOP tidak dapat ditandatangani atas namanya.")
            % {"name": signer.full_name, "opd": sop.opd.akronim, "d": tanggal(signed_on)}
        )
    if effective_on is not None:
        version.effective_on = effective_on
    if version.effective_on and version.effective_on < signed_on:
        raise ValidationError(
            {
                "effective_on": _("Tanggal efektif (%(e)s) tidak boleh sebelum tanggal pengesahan (%(d)s).")
                % {"e": tanggal(version.effective_on), "d": tanggal(signed_on)}
            }
        )
    mulai = version.effective_on or signed_on
    # Another register entry with the same number (written differently) in force: refuse.
    for other in Sop.objects.filter(opd=sop.opd).exclude(pk=sop.pk):
        if (
            normalize_number(other.number) == normalize_number(sop.number)
            and other.versions.filter(status=SopVersion.Status.DISAHKAN).exists()
        ):
            raise ValidationError(
                _("SOP lain dengan nomor %(n)s (%(j)s) masih berlaku di %(opd)s; cabut SOP itu atau pakai nomor lain.")
                % {"n": other.number, "j": other.judul, "opd": sop.opd.akronim}
            )
    for previous in sop.versions.filter(status=SopVersion.Status.DISAHKAN).exclude(pk=version.pk):
        if previous.valid_from and previous.valid_from >= mulai:
            raise ValidationError(
                {
                    "effective_on": _(
                        "Versi %(v)s berlaku sejak %(d)s; tanggal efektif versi baru harus sesudahnya, "
                        "agar tidak ada dua versi berlaku bersamaan."
                    )
                    % {"v": previous.version, "d": tanggal(previous.valid_from)}
                }
            )
        previous.valid_until = mulai - timedelta(days=1)
        previous.replace()
        _reason(previous, f"Diganti versi {version.version} mulai {mulai.isoformat()}")
        previous.save()
    version.approved_by_position = head
    version.approved_by_employee = signer
    version.approved_on = signed_on
    version.approver_title = signer_title(
        head, signed_on, holder if holder and holder.employee_id == signer.pk else None
    )
    version.valid_from = mulai
    version.valid_until = None
    version.approve()
    _reason(version, f"Disahkan oleh {signer.full_name}")
    version.save()
    # The approved SOP is an official document: issued through the documents pipeline, signed by the approving head.
    issue_approved(user=user, version=version)
    return version


@transaction.atomic
def revoke(*, user, version: SopVersion, on: date | None = None, alasan: str = "") -> SopVersion:
    """Dicabut: in force until `on` (default today)."""
    require_actor(user)
    version = SopVersion.objects.select_related("sop").get(pk=version.pk)
    _require(can_approve(user, version.sop))
    if version.status != SopVersion.Status.DISAHKAN:
        raise ValidationError(_("Hanya versi yang disahkan yang dapat dicabut."))
    on = on or date.today()
    if version.valid_from and on < version.valid_from - timedelta(days=1):
        raise ValidationError(
            {
                "on": _("Tanggal pencabutan tidak boleh sebelum SOP berlaku (%(d)s).")
                % {"d": tanggal(version.valid_from)}
            }
        )
    version.valid_until = on
    version.revoke()
    _reason(version, f"Dicabut: {alasan}" if alasan else "Dicabut")
    version.save()
    return version


# --- import -----------------------------------------------------------------------------------------
def _step_specs(table: ParsedTable, opd: OPD) -> list[dict]:
    registered = {L._title_key(s.judul): s for s in Sop.objects.filter(opd=opd)}
    specs = []
    for step in table.steps:
        link = registered.get(L._title_key(step.keterangan)) if step.keterangan else None
        specs.append(
            {
                "number": step.number,
                "uraian": step.uraian,
                "kind": step.kind,
                "lanes": step.lanes,
                "kelengkapan": step.kelengkapan[:255],
                "waktu": step.waktu,
                "waktu_satuan": step.waktu_satuan,
                "output": step.output[:255],
                "keterangan": step.keterangan[:255],
                "keterangan_sop": link,
                "action": step.action,
                "utama": step.utama,
                "ya_ke": step.ya_ke,
                "tidak_ke": step.tidak_ke,
            }
        )
    return specs


def lane_specs(opd: OPD, labels: list[str]) -> list[dict]:
    return [{"label": label, **guess_lane_mapping(opd, label)} for label in labels]


@transaction.atomic
def import_table(
    *,
    user,
    opd: OPD,
    number: str,
    judul: str = "",
    table: ParsedTable,
    unit: Unit | None = None,
    identity: dict | None = None,
    keterkaitan: list[str] | None = None,
    source: str = "tempel",
) -> SopVersion:
    """Save a parsed procedure: a new nomor makes a new SOP; an existing one a new draft version."""
    require_actor(user)
    if table.errors:
        raise ValidationError([e.message for e in table.errors])
    if not table.steps:
        raise ValidationError(_("Tabel tidak memuat langkah."))
    identity = {k: v for k, v in (identity or {}).items() if v not in (None, "")}
    existing = find_sop(opd, number)
    if existing is None:
        if not (judul or identity.get("judul")):
            raise ValidationError({"judul": _("Judul SOP wajib diisi untuk SOP baru.")})
        identity.pop("judul", None)
        version = create_sop(
            user=user,
            opd=opd,
            unit=unit,
            number=number,
            judul=judul or identity.get("judul"),
            source=source,
            **identity,
        )
    else:
        version = new_revision(user=user, sop=existing)
        version.source = source
        version.save()
        data = dict(identity)
        if judul:
            data["judul"] = judul
        if data:
            update_identity(user=user, version=version, data=data)
    if keterkaitan:
        registered = {L._title_key(s.judul): s for s in Sop.objects.filter(opd=opd).exclude(pk=version.sop_id)}
        linked, texts = [], []
        for line in keterkaitan:
            match = registered.get(L._title_key(line))
            (linked.append(match) if match else texts.append(line))
        version.keterkaitan = "\n".join(texts)
        version.save()
        version.keterkaitan_sop.set(linked)
    save_procedure(user=user, version=version, lanes=lane_specs(opd, table.lanes), steps=_step_specs(table, opd))
    return SopVersion.objects.get(pk=version.pk)


# --- monitoring and evaluation ---------------------------------------------------------------------
@transaction.atomic
def save_monitoring(
    *,
    user,
    version: SopVersion,
    period: str,
    on: date,
    assessor: str = "",
    note: str = "",
    items: list[dict] | None = None,
) -> Monitoring:
    """One monitoring form per version and period; items default to the steps of the version."""
    require_actor(user)
    version = SopVersion.objects.select_related("sop").get(pk=version.pk)
    _require(can_edit_sop(user, version.sop))
    if not version.is_approved:
        raise ValidationError(_("Monitoring hanya untuk SOP yang sudah disahkan."))
    period = (period or "").strip()
    if not period:
        raise ValidationError({"period": _("Periode wajib diisi.")})
    monitoring, created = Monitoring.objects.get_or_create(
        version=version,
        period=period,
        defaults={"date": on, "assessor": assessor, "note": note},
    )
    if not created:
        monitoring.date, monitoring.assessor, monitoring.note = on, assessor, note
        monitoring.save()
    if items is None and created:
        items = [{"number": s.number, "procedure": s.uraian} for s in version.steps.order_by("number")]
    if items is not None:
        existing = {item.number: item for item in monitoring.items.all()}
        for spec in items:
            item = existing.pop(int(spec["number"]), None) or MonitoringItem(
                monitoring=monitoring, number=int(spec["number"])
            )
            item.procedure = spec.get("procedure", item.procedure) or item.procedure
            for key in ("assessment", "note", "action_needed"):
                if key in spec:
                    setattr(item, key, spec[key] or "")
            item.full_clean(exclude=["monitoring"])
            item.save()
    return monitoring


@transaction.atomic
def save_review(
    *,
    user,
    version: SopVersion,
    period: str,
    on: date,
    answers: dict,
    assessor: str = "",
    note: str = "",
    conclusion: str = "",
) -> SopReview:
    """Evaluasi penerapan SOP: one review per version and period."""
    require_actor(user)
    version = SopVersion.objects.select_related("sop").get(pk=version.pk)
    _require(can_edit_sop(user, version.sop))
    if not version.is_approved:
        raise ValidationError(_("Evaluasi penerapan hanya untuk SOP yang sudah disahkan."))
    period = (period or "").strip()
    if not period:
        raise ValidationError({"period": _("Periode wajib diisi.")})
    review = SopReview.objects.filter(version=version, period=period).first() or SopReview(
        version=version, period=period
    )
    review.date, review.assessor, review.note, review.conclusion = on, assessor, note, conclusion
    for name, _label in SopReview.QUESTIONS:
        setattr(review, name, answers.get(name))
    review.full_clean(exclude=["version"])
    review.save()
    return review


# --- the Documents app's pipeline (number, archive) ---------------------------------------------
def archived_documents(version: SopVersion):
    """ArchivedDocument rows issued from this version."""
    ct = ContentType.objects.get_for_model(SopVersion)
    return list(ArchivedDocument.objects.filter(source_type=ct, source_id=str(version.pk)).order_by("-created_at"))


def issue_approved(*, user, version: SopVersion):
    """Issue the approved SOP (PDF + DOCX) through the documents pipeline: its number (the SOP number) recorded in
    the OPD's agenda, PAdES-signed by the head who approved it (the holder of the head position on the approval date,
    Plt./Plh. shown; the verification QR stamped on the last page), archived and linked to the previous version's
    document (docs/documents.md)."""
    require_actor(user)
    version = selectors.version_detail(version.pk)
    previous = None
    for older in version.sop.versions.filter(version__lt=version.version).order_by("-version"):
        docs = archived_documents(older)
        if docs:
            previous = docs[0]
            break
    return issue_document(
        user=user,
        opd=version.sop.opd,
        doc_type="sop",
        subject=f"SOP {version.judul} (versi {version.version})",
        date=version.approved_on,
        pdf_bytes=printing.sop_pdf(version),
        docx_render=lambda c: sop_docx(version, verification=c["verification"]),
        number=version.sop.number if previous is None else None,
        signer_position=version.approved_by_position,
        sign=True,
        unit=version.sop.unit,
        source=version,
        previous=previous,
        check_permission=not is_system(user),
    )


def archive_version(*, user, version: SopVersion):
    """A version approved before approval issued it (older data): issue it now, signed by the head who approved it
    (only he, or an administrator with his certificate, may)."""
    require_actor(user)
    version = selectors.version_detail(version.pk)
    _require(can_edit_sop(user, version.sop) or can_approve(user, version.sop))
    if not version.is_approved:
        raise ValidationError(_("Hanya SOP yang sudah disahkan yang diarsipkan sebagai dokumen resmi."))
    if archived_documents(version):
        raise ValidationError(_("Versi ini sudah diarsipkan."))
    return issue_approved(user=user, version=version)
