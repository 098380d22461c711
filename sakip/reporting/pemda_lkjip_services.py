"""Writes of the Pemda LKjIP (docs/rules.md §10): compile (and compile again: a new version, narratives kept),
edit a narrative, sign by the Bupati through the documents pipeline. Atomic, permission-checked, recorded in
the model's history."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.core import permissions as P
from sakip.organization.models import OPD
from sakip.planning import pemda_services as plan

from . import pemda_lkjip as PL
from . import pemda_lkjip_documents as DOCS
from .models import PemdaLkjip

MAX_TEXT = 20000


bupati_position = PL.bupati_position


def can_sign(user, lkjip) -> bool:
    """The Bupati on the day (the holder of the Kepala Daerah position, definitif or Plt.) or the administrator."""
    if P.is_admin(user):
        return True
    try:
        holder = bupati_position(lkjip.pemda).holder_on(timezone.localdate())
    except ValidationError:
        return False
    return bool(holder is not None and getattr(user, "employee_id", None) == holder.employee_id)


def _preparer(user, pemda, existing=None):
    if existing is not None:
        return existing
    if getattr(user, "opd_id", None) and user.opd.pemda_id == pemda.pk:
        return user.opd
    found = OPD.objects.filter(pemda=pemda, akronim__istartswith="Bappeda").order_by("pk").first()
    if found is None:
        raise ValidationError(_("Tentukan Perangkat Daerah penyusun LKjIP Pemda (Bappeda) di data organisasi."))
    return found


def _default_texts(pemda, data) -> dict:
    s = data["summary"]
    y = data["year"]
    r = data["rpjmd"]
    ikhtisar = _(
        "Laporan Kinerja %(p)s Tahun %(y)s menyajikan capaian %(n)s Indikator Kinerja Utama Pemda dari %(rpjmd)s "
        "%(a)s–%(b)s, dihitung dari angka resmi dan dari pengukuran kinerja Perangkat Daerah yang telah dikunci."
    ) % {"p": pemda.name, "y": y, "n": s["ikus"], "rpjmd": r["name"], "a": r["start"], "b": r["end"]}
    pendahuluan = _(
        "Laporan ini disusun sebagai pertanggungjawaban kinerja %(p)s tahun %(y)s kepada Menteri PANRB "
        "(Perpres 29/2014 Pasal 18; PermenPAN-RB 53/2014)."
    ) % {"p": pemda.name, "y": y}
    return {"ikhtisar": ikhtisar, "pendahuluan": pendahuluan}


@transaction.atomic
def compile_lkjip(*, user, pemda, year: int, now=None) -> PemdaLkjip:
    if not plan.can_plan(user, pemda):
        raise PermissionDenied(_("Hanya perencana Pemda (Bappeda) atau administrator yang dapat menyusun LKjIP Pemda."))
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": _("Tahun harus antara 2000 dan 2100.")})
    existing = PemdaLkjip.objects.select_for_update().filter(pemda=pemda, year=year).first()
    if existing is not None and not existing.is_editable:
        raise ValidationError(
            _("LKjIP %(p)s %(y)s sudah ditandatangani dan diarsipkan; tidak disusun ulang.")
            % {"p": pemda.short_name, "y": year}
        )
    try:
        data = PL.compute(pemda, year)
    except PL.NoRpjmd as exc:
        raise ValidationError({"year": str(exc)}) from exc
    obj = existing or PemdaLkjip(pemda=pemda, year=year, preparer=_preparer(user, pemda))
    if existing is None:
        for field, text in _default_texts(pemda, data).items():
            setattr(obj, field, text)
    else:
        obj.version += 1
    obj.data = data
    obj.compiled_at = now or timezone.now()
    obj._history_user = user
    obj._change_reason = _("Disusun (versi %(v)s)") % {"v": obj.version}
    obj.save()
    return obj


@transaction.atomic
def save_section(*, user, lkjip: PemdaLkjip, field: str, text: str) -> PemdaLkjip:
    if field not in PemdaLkjip.NARRATIVES:
        raise ValidationError({"field": _("Bagian tidak dikenal.")})
    lkjip = PemdaLkjip.objects.select_for_update().get(pk=lkjip.pk)
    if not plan.can_plan(user, lkjip.pemda):
        raise PermissionDenied(_("Hanya perencana Pemda (Bappeda) atau administrator yang dapat mengubah LKjIP Pemda."))
    if not lkjip.is_editable:
        raise ValidationError(_("LKjIP berstatus %(s)s tidak dapat diubah.") % {"s": lkjip.get_status_display()})
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise ValidationError({field: _("Teks terlalu panjang (paling banyak 20.000 karakter).")})
    setattr(lkjip, field, text)
    lkjip._history_user = user
    lkjip._change_reason = _("Diubah: %(f)s") % {"f": PemdaLkjip._meta.get_field(field).verbose_name}
    lkjip.save()
    return lkjip


@transaction.atomic
def sign(*, user, lkjip: PemdaLkjip, on=None) -> PemdaLkjip:
    """Number, sign (electronically when the Bupati signs himself), archive with the DOCX."""
    lkjip = PemdaLkjip.objects.select_for_update().select_related("pemda", "preparer").get(pk=lkjip.pk)
    if not can_sign(user, lkjip):
        raise PermissionDenied(_("Hanya Bupati yang dapat menandatangani LKjIP Pemda."))
    if not lkjip.is_editable:
        raise ValidationError(_("LKjIP Pemda ini sudah ditandatangani."))
    if not lkjip.data:
        raise ValidationError(_("LKjIP Pemda belum disusun."))
    on = on or timezone.localdate()
    doc = DOCS.issue(user=user, lkjip=lkjip, on=on, signer=bupati_position(lkjip.pemda))
    lkjip.document = doc
    lkjip.sign()
    lkjip._history_user = user
    lkjip._change_reason = _("Ditandatangani Bupati, Nomor %(n)s") % {"n": doc.number}
    lkjip.save()
    return lkjip
