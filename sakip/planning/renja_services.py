"""Writes of the Renja / RKT (docs/rules.md §11): draft (the snapshot of the year's plan), adopt, and a Renja
Perubahan (a new version with its reason). Atomic, for the OPD's managers, recorded in the history."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.core import permissions as P

from . import renja as R
from .models import Renja
from .services import can_manage_opd


def latest(opd, year) -> Renja | None:
    return Renja.objects.filter(opd=opd, year=year).order_by("-version").first()


def _check(user, opd):
    if not can_manage_opd(user, opd.pk):
        raise PermissionDenied(_("Hanya pengelola %(opd)s yang dapat menyusun Renja.") % {"opd": opd.akronim})


@transaction.atomic
def draft_renja(*, user, opd, year: int, reason: str = "", now=None) -> Renja:
    """Draft the Renja of the year from the Renstra as it stands (again: the draft is refreshed). When the
    latest version is adopted, a Renja Perubahan is drafted instead, which needs its reason."""
    _check(user, opd)
    year = int(year)
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Tahun harus antara 2000 dan 2100.")})
    data = R.snapshot(opd, year)
    if data is None:
        raise ValidationError(
            {"year": _("Belum ada Renstra %(opd)s yang mencakup tahun %(y)s.") % {"opd": opd.akronim, "y": year}}
        )
    current = Renja.objects.select_for_update().filter(opd=opd, year=year).order_by("-version").first()
    reason = (reason or "").strip()
    if current is not None and current.status == Renja.Status.DRAFT:
        obj = current
        if obj.is_perubahan and reason:
            obj.change_reason = reason
    elif current is not None:
        if not reason:
            raise ValidationError(
                {"reason": _("Renja %(y)s sudah ditetapkan: tuliskan alasan Renja Perubahan.") % {"y": year}}
            )
        obj = Renja(opd=opd, year=year, version=current.version + 1, supersedes=current, change_reason=reason)
    else:
        obj = Renja(opd=opd, year=year)
    obj.data = data
    obj.drafted_at = now or timezone.now()
    obj._history_user = user
    obj.save()
    return obj


@transaction.atomic
def adopt(*, user, renja: Renja, on=None) -> Renja:
    renja = Renja.objects.select_for_update().select_related("opd").get(pk=renja.pk)
    if not (P.is_admin(user) or (P.is_kepala_opd(user) and user.opd_id == renja.opd_id)):
        raise PermissionDenied(_("Renja ditetapkan oleh Kepala %(opd)s.") % {"opd": renja.opd.akronim})
    if renja.status != Renja.Status.DRAFT:
        raise ValidationError(_("Renja ini sudah ditetapkan."))
    renja.adopt()
    renja.adopted_on = on or timezone.localdate()
    renja._history_user = user
    renja.save()
    return renja
