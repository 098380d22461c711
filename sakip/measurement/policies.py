"""Who may do what in a measurement period — on top of sakip.core.permissions.

- Everyone who may read the OPD sees its periods, tasks and progress.
- A unit form is seen before submission only by the OPD managers (Kepala, Sekretaris, Tim SAKIP)
  and the users of that unit's subtree (its Kabid, Kasi, operators); after submission by every
  reader of the OPD. A Kabid never sees another bidang's draft.
- A row is edited by the users allowed to write the indicator's unit (sakip.core.permissions) while
  the period is open for entry and the form is a draft or returned.
- Validation and return belong to the unit head (the holder of the unit's head position, Plt./Plh.
  included); approval and signature only to the Kepala of the OPD.

`ScopeInfo` precomputes the user's unit subtree once, so checking many rows costs no queries.
"""

from __future__ import annotations

from datetime import date

from sakip.core import permissions as P
from sakip.core import roles as R
from sakip.organization.models import Position
from sakip.sop import actions as A


class ScopeInfo:
    """The user's scope computed once per request (unit subtree ids, roles)."""

    def __init__(self, user):
        self.user = user
        self.authenticated = bool(getattr(user, "is_authenticated", False))
        self.admin = P.is_admin(user) if self.authenticated else False
        self.roles = user.role_names if self.authenticated else set()
        self.opd_id = getattr(user, "opd_id", None)
        self.manager = bool(self.roles & R.OPD_MANAGERS)
        self.unit_role = bool(self.roles & R.UNIT_ROLES)
        self.unit_ids: set[int] = set()
        self.ancestor_ids: set[int] = set()
        if self.authenticated and getattr(user, "unit_id", None):
            unit = user.unit
            self.unit_ids = {unit.pk, *unit.descendants().values_list("pk", flat=True)}
            self.ancestor_ids = set(unit.ancestors().values_list("pk", flat=True))

    def reads_opd(self, opd_id) -> bool:
        return self.authenticated and P.can_read_opd(self.user, opd_id)

    def manages(self, opd_id) -> bool:
        return self.admin or (self.manager and self.opd_id == opd_id)

    def in_unit(self, unit_id) -> bool:
        """The user belongs to this (top-level) unit: his unit is it or below it."""
        if not unit_id:
            return False
        if unit_id in self.unit_ids:
            return True
        return unit_id in self.ancestor_ids

    def writes_unit(self, opd_id, unit_id) -> bool:
        """core.permissions.can_write_scope without queries: managers anywhere, unit roles in their subtree."""
        if self.admin:
            return True
        if not self.authenticated or self.opd_id != opd_id:
            return False
        if self.manager:
            return True
        return self.unit_role and unit_id is not None and unit_id in self.unit_ids


def scope(user) -> ScopeInfo:
    cache = getattr(user, "_measurement_scope", None)
    if cache is None:
        cache = ScopeInfo(user)
        try:
            user._measurement_scope = cache
        except AttributeError:  # AnonymousUser is shared
            pass
    return cache


# --- periods ---------------------------------------------------------------------------------------
def can_view_period(user, period) -> bool:
    return scope(user).reads_opd(period.opd_id)


def can_start_period(user, opd) -> bool:
    info = scope(user)
    opd_id = getattr(opd, "pk", opd)
    return info.admin or (info.opd_id == opd_id and bool(info.roles & {R.KEPALA_OPD, R.SEKRETARIS, R.TIM_SAKIP}))


def can_manage_period(user, period) -> bool:
    """Coordinate the period: reassign, cancel, complete plain tasks for an absent holder."""
    return scope(user).manages(period.opd_id)


# --- unit forms ----------------------------------------------------------------------------------------
def can_view_submission(user, submission) -> bool:
    info = scope(user)
    opd_id = submission.period.opd_id
    if not info.reads_opd(opd_id):
        return False
    if info.manages(opd_id) or (info.opd_id == opd_id and info.in_unit(submission.unit_id)):
        return True
    return submission.is_submitted


def period_active_for(submission) -> bool:
    """The period is running, or it is finished and this form was reopened by an approved revision."""
    period = submission.period
    return period.status == period.Status.BERJALAN or (
        period.status == period.Status.SELESAI and submission.version > 1
    )


def entry_allowed(submission) -> bool:
    """Rows may be written: the period runs and its forms were sent (or a revision reopened the form),
    and the form is a draft or returned."""
    period = submission.period
    if not submission.is_editable or not period_active_for(submission):
        return False
    return period.entry_opened_at is not None or submission.version > 1


def can_edit_submission(user, submission) -> bool:
    """May the user change any row of the form now (state and period allowing)?"""
    info = scope(user)
    if not entry_allowed(submission):
        return False
    return info.manages(submission.period.opd_id) or (
        info.opd_id == submission.period.opd_id and info.unit_role and info.in_unit(submission.unit_id)
    )


def row_unit_id(row) -> int | None:
    """The unit that owns an indicator row: the indicator's cascade node unit, else the form's unit."""
    node = row.indicator.node if row.indicator_id else None
    return (node.unit_id if node is not None and node.unit_id else None) or row.submission.unit_id


def can_edit_row(user, row) -> bool:
    submission = row.submission
    if not entry_allowed(submission):
        return False
    return scope(user).writes_unit(submission.period.opd_id, row_unit_id(row))


def can_submit(user, submission) -> bool:
    return can_edit_submission(user, submission)


def head_position(unit):
    """The head position of a unit: its Administrator (Kabid/Sekretaris), else its highest position."""
    order = [Position.Kind.ADMINISTRATOR, Position.Kind.PENGAWAS, Position.Kind.JPT_PRATAMA]
    positions = [p for p in unit.positions.all() if p.kind in order]
    positions.sort(key=lambda p: (order.index(p.kind), p.order, p.pk))
    return positions[0] if positions else None


def is_unit_head(user, unit, on: date | None = None) -> bool:
    """The holder (definitif, Plt. or Plh.) of the unit's head position on the date, or a
    Kepala Unit whose scope is exactly that unit. Administrators may act for a unit head."""
    info = scope(user)
    if info.admin:
        return True
    if not info.authenticated or info.opd_id != unit.opd_id:
        return False
    if R.KEPALA_UNIT in info.roles and getattr(user, "unit_id", None) == unit.pk:
        return True
    employee_id = getattr(user, "employee_id", None)
    if not employee_id:
        return False
    position = head_position(unit)
    if position is None:
        return False
    holder = position.holder_on(on)
    return bool(holder and holder.employee_id == employee_id)


def is_kepala(user, opd, on: date | None = None) -> bool:
    """The Kepala of the OPD: the Kepala OPD role of that OPD, or the holder (Plt./Plh. included)
    of its head position. Administrators are not the Kepala: approval and signature are personal."""
    info = scope(user)
    if not info.authenticated:
        return False
    opd_id = getattr(opd, "pk", opd)
    if info.opd_id != opd_id:
        return False
    if R.KEPALA_OPD in info.roles:
        return True
    employee_id = getattr(user, "employee_id", None)
    if not employee_id:
        return False

    head = Position.objects.filter(opd_id=opd_id, is_opd_head=True).first()
    holder = head.holder_on(on) if head else None
    return bool(holder and holder.employee_id == employee_id)


def can_validate(user, submission) -> bool:
    return is_unit_head(user, submission.unit)


def can_approve(user, submission_or_period) -> bool:
    period = getattr(submission_or_period, "period", submission_or_period)
    return is_kepala(user, period.opd_id)


def can_request_revision(user, submission) -> bool:
    info = scope(user)
    opd_id = submission.period.opd_id
    return info.manages(opd_id) or (info.opd_id == opd_id and info.in_unit(submission.unit_id))


# --- tasks -----------------------------------------------------------------------------------------------
def is_assignee(user, task, assignee_ids=None) -> bool:
    employee_id = getattr(user, "employee_id", None)
    if not employee_id:
        return False
    ids = assignee_ids if assignee_ids is not None else {e.pk for e in task.assignees.all()}
    return employee_id in ids


def can_act_on_task(user, task, assignee_ids=None) -> bool:
    """The task's assignees act on it. When a task has nobody (a lane not mapped, a vacant
    position), the OPD managers may act. Signature steps stay with the Kepala."""
    if task.action == A.SIGN:
        return is_kepala(user, task.period.opd_id)
    if is_assignee(user, task, assignee_ids):
        return True
    info = scope(user)
    if info.admin:
        return True
    ids = assignee_ids if assignee_ids is not None else {e.pk for e in task.assignees.all()}
    return not ids and info.manages(task.period.opd_id)
