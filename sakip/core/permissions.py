"""The one permission mechanism of sakip: predicates over the org tree + scoped selectors.

Every view, export, service and API call uses these. A domain object exposes its scope through
`get_opd_id()` and `get_scope_unit()` (see sakip.core.models.DomainModel).

Rules (Foundation issue §5):
- Administrator: everything.
- Kepala OPD, Sekretaris, Tim SAKIP: read and write anywhere in their own OPD.
- Kepala Unit, Operator: read their own OPD, write only within their unit's subtree.
- Inspektorat, Pemda viewer: read every OPD of their Pemda; they do not write OPD data.
- An OPD's users never see another OPD's internal data.
"""

import rules
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404

from . import roles as R


def _roles(user):
    if not getattr(user, "is_authenticated", False):
        return set()
    return user.role_names


@rules.predicate
def is_admin(user):
    return bool(getattr(user, "is_authenticated", False) and (user.is_superuser or R.ADMIN in _roles(user)))


@rules.predicate
def is_pemda_reader(user):
    return bool(_roles(user) & R.PEMDA_READERS)


@rules.predicate
def is_inspektorat(user):
    return R.INSPEKTORAT in _roles(user)


@rules.predicate
def is_opd_manager(user):
    return bool(_roles(user) & R.OPD_MANAGERS)


@rules.predicate
def is_kepala_opd(user):
    return R.KEPALA_OPD in _roles(user)


@rules.predicate
def is_unit_role(user):
    return bool(_roles(user) & R.UNIT_ROLES)


def _opd_id(obj):
    if obj is None:
        return None
    if hasattr(obj, "get_opd_id"):
        return obj.get_opd_id()
    return getattr(obj, "opd_id", None)


def _opd_model():
    # core sits below the apps: it names organization's OPD through the app registry, not an import
    return apps.get_model("organization", "OPD")


def _pemda_id_of_opd(opd_id):
    return _opd_model().objects.filter(pk=opd_id).values_list("pemda_id", flat=True).first()


def readable_opd_ids(user):
    """OPD ids whose data the user may read (None = all)."""
    if is_admin(user):
        return None
    if not getattr(user, "is_authenticated", False):
        return []
    cache = getattr(user, "_readable_opd_ids", None)
    if cache is not None:
        return cache
    if is_pemda_reader(user) and user.pemda_id:
        ids = list(_opd_model().objects.filter(pemda_id=user.pemda_id).values_list("pk", flat=True))
    else:
        ids = [user.opd_id] if user.opd_id else []
    user._readable_opd_ids = ids
    return ids


def readable_opds(user):
    """The OPDs whose data the user may read, with their Pemda."""
    ids = readable_opd_ids(user)
    qs = _opd_model().objects.select_related("pemda")
    return qs if ids is None else qs.filter(pk__in=ids)


def can_read_opd(user, opd_id):
    if opd_id is None:
        return bool(getattr(user, "is_authenticated", False))
    ids = readable_opd_ids(user)
    return ids is None or opd_id in ids


def unit_in_subtree(unit, root) -> bool:
    """True when `unit` is `root` or below it."""
    if unit is None or root is None:
        return False
    if unit.pk == root.pk:
        return True
    return unit.ancestors().filter(pk=root.pk).exists()


def can_write_scope(user, opd_id, unit=None):
    """May the user write data of this OPD/unit? (unit None = OPD-wide data)."""
    if is_admin(user):
        return True
    if not getattr(user, "is_authenticated", False) or opd_id is None or user.opd_id != opd_id:
        return False
    if is_opd_manager(user):
        return True
    if is_unit_role(user) and user.unit_id and unit is not None:
        return unit_in_subtree(unit, user.unit)
    return False


@rules.predicate
def can_view_object(user, obj):
    if obj is None:
        return bool(getattr(user, "is_authenticated", False))
    # An object whose visibility is not its OPD alone (a Pemda-level person, sakip.organization.privacy).
    scope_visible = getattr(obj, "scope_visible", None)
    if scope_visible is not None:
        return bool(getattr(user, "is_authenticated", False)) and scope_visible(user)
    return can_read_opd(user, _opd_id(obj))


@rules.predicate
def can_edit_object(user, obj):
    if obj is None:  # creating: the form limits the choices to the user's scope
        return is_admin(user) or is_opd_manager(user) or is_unit_role(user)
    unit = obj.get_scope_unit() if hasattr(obj, "get_scope_unit") else getattr(obj, "unit", None)
    return can_write_scope(user, _opd_id(obj), unit)


@rules.predicate
def can_manage_org(user, obj=None):
    """Organisation data (units, positions, employees): Administrator, or Kepala OPD / Sekretaris of the OPD."""
    if is_admin(user):
        return True
    if not (_roles(user) & {R.KEPALA_OPD, R.SEKRETARIS}):
        return False
    if obj is None:
        return True
    return _opd_id(obj) == user.opd_id


def scope_queryset(qs, user, opd_field="opd"):
    """Limit a queryset to what the user may read (one WHERE clause, no extra per-row queries)."""
    ids = readable_opd_ids(user)
    if ids is None:
        return qs
    return qs.filter(**{f"{opd_field}__in": ids})


def check(allowed: bool, *, hide=False):
    """Raise 403 (or 404 when the object's existence must not leak)."""
    if not allowed:
        if hide:
            raise Http404
        raise PermissionDenied


def require_view(user, obj):
    """404 for objects of another OPD (never reveal them), else pass."""
    check(can_view_object(user, obj), hide=True)


def require_edit(user, obj):
    require_view(user, obj)
    check(can_edit_object(user, obj))


# Django permission names used by templates and views ({% if perms... %} / has_perm).
rules.add_perm("sakip.view_object", can_view_object)
rules.add_perm("sakip.edit_object", can_edit_object)
rules.add_perm("sakip.manage_org", can_manage_org)
rules.add_perm("sakip.admin", is_admin)
