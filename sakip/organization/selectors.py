"""Reads of organisation data, scoped to the user (one WHERE clause, related rows joined)."""

from datetime import date

from django.db.models import Prefetch, Q

from sakip.core.permissions import is_pemda_reader, readable_opd_ids, readable_opds, scope_queryset

from .models import Assignment, Employee, Position, TimSakip, Unit


def opds_for(user):
    return readable_opds(user)


def units_for(user):
    return scope_queryset(Unit.objects.select_related("opd", "parent"), user)


def positions_for(user):
    return scope_queryset(Position.objects.select_related("opd", "unit", "superior", "pemda"), user)


def employees_for(user):
    """The OPD's people; Pemda-level people (no OPD: the Bupati) for the Pemda's readers only (privacy.py)."""
    qs = Employee.objects.select_related("opd", "golongan")
    ids = readable_opd_ids(user)
    if ids is None:
        return qs
    if is_pemda_reader(user) and user.pemda_id:
        return qs.filter(Q(opd_id__in=ids) | Q(opd__isnull=True, pemda_id=user.pemda_id))
    return qs.filter(opd_id__in=ids)


def assignments_for(user):
    return scope_queryset(
        Assignment.objects.select_related("employee", "position", "position__opd", "position__unit"),
        user,
        "position__opd",
    )


def tim_for(user):
    return scope_queryset(TimSakip.objects.select_related("opd").prefetch_related("members__employee"), user)


def org_chart(opd, on=None):
    """Units (tree order) with their positions and current holders; two queries + prefetch."""
    on = on or date.today()
    active = Assignment.objects.active_on(on).select_related("employee", "employee__golongan").order_by("kind_rank")
    positions = Position.objects.filter(opd=opd).prefetch_related(
        Prefetch("assignments", queryset=active, to_attr="current")
    )
    by_unit = {}
    for pos in positions:
        by_unit.setdefault(pos.unit_id, []).append(pos)
    units = list(Unit.objects.with_tree_fields().filter(opd=opd).order_by("tree_ordering"))
    children = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)

    def node(unit):
        return {
            "unit": unit,
            "positions": by_unit.get(unit.pk, []),
            "children": [node(c) for c in children.get(unit.pk, [])],
        }

    return {"leaders": by_unit.get(None, []), "roots": [node(u) for u in children.get(None, [])]}
