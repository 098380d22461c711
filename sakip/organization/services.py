"""Writes of organisation data (units, positions, employees, assignments).

One permission check (Administrator, or Kepala OPD / Sekretaris of the OPD — before and after the
change, so an object cannot be moved out of one's own OPD), the model's own validation, and a
history entry with a reason. The API calls these; so may any other writer.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from sakip.core import permissions as P

from .models import Assignment, Employee, Position, Unit

EDITABLE = {
    Unit: ["opd", "parent", "name", "short_name", "kind", "order"],
    Position: ["opd", "unit", "name", "short_name", "kind", "eselon", "superior", "is_opd_head", "order"],
    Employee: ["opd", "gelar_depan", "name", "gelar_belakang", "kind", "nip", "golongan", "email", "phone", "active"],
    Assignment: ["employee", "position", "kind", "start_date", "end_date", "decree"],
}


def _require(allowed):
    if not allowed:
        raise PermissionDenied(
            _("Hanya Administrator atau Kepala OPD/Sekretaris OPD ini yang dapat mengubah data organisasi.")
        )


def _user_name(user):
    return getattr(user, "display_name", None) or getattr(user, "username", "") or "sistem"


@transaction.atomic
def save_org_object(*, user, obj, values: dict):
    """Create (obj without pk) or update a Unit/Position/Employee/Assignment with `values`."""
    model = type(obj)
    allowed_fields = EDITABLE.get(model)
    if allowed_fields is None:
        raise ValueError(f"not an organisation object: {model.__name__}")
    unknown = set(values) - set(allowed_fields)
    if unknown:
        raise ValidationError({name: _("Kolom ini tidak dapat diubah.") for name in sorted(unknown)})
    creating = obj.pk is None
    if creating:
        _require(P.can_manage_org(user))
    else:
        _require(P.can_manage_org(user, obj))
    for name, value in values.items():
        setattr(obj, name, value)
    if model in (Position, Employee) and obj.opd_id:
        obj.pemda_id = obj.opd.pemda_id
    if model is Employee and not obj.pemda_id:
        obj.pemda_id = getattr(user, "pemda_id", None) or getattr(getattr(user, "opd", None), "pemda_id", None)
    if model is Assignment and obj.position_id and obj.employee_id:
        if not P.can_manage_org(user, obj.employee):
            raise ValidationError({"employee": _("Pegawai harus dari OPD Anda.")})
    _require(P.can_manage_org(user, obj))  # the new values stay within the user's OPD
    obj.full_clean()
    obj._change_reason = (_("Dibuat oleh %(u)s") if creating else _("Diubah oleh %(u)s")) % {"u": _user_name(user)}
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise ValidationError(_("Data bertentangan dengan data lain (duplikat). Periksa kembali isian Anda.")) from None
    return obj


@transaction.atomic
def delete_org_object(*, user, obj) -> None:
    if type(obj) not in EDITABLE:
        raise ValueError(f"not an organisation object: {type(obj).__name__}")
    _require(P.can_manage_org(user, obj))
    obj._change_reason = _("Dihapus oleh %(u)s") % {"u": _user_name(user)}
    try:
        with transaction.atomic():
            obj.delete()
    except ProtectedError:
        raise ValidationError(
            _("%(obj)s tidak dapat dihapus karena masih dipakai oleh data lain.") % {"obj": obj}
        ) from None
