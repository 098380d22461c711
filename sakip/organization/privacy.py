"""Personal data (UU 27/2022 Pelindungan Data Pribadi): the export log and who may see whom.

- Every export that carries NIP (which encodes the birth date), e-mail or telephone numbers — the employee list
  in Excel, the employee API, an employee's history in Excel — writes one `PersonalDataExport` row through
  `log_export` (who, when, what, which filter, how many people, from which address). The row has its own history
  entry like every domain model; only administrators read the log.
- People who belong to no OPD (the Bupati/Wakil Bupati, Pemda-level officials) are visible only to users whose
  scope covers the whole Pemda: administrators and the Pemda readers (Inspektorat, Pemda viewer) of the same
  Pemda. An OPD's users see their own OPD's people only (`can_view_employee`, `selectors.employees_for`).
See docs/security.md (Privacy).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from sakip.core import permissions as P

from .models import PersonalDataExport

PERSONAL_FIELDS = "NIP (tanggal lahir), e-mail, telepon"


def log_export(request, *, channel, what, row_count, query="", fields=PERSONAL_FIELDS):
    user = request.user
    return PersonalDataExport.objects.create(
        user=user if user.is_authenticated else None,
        username=user.get_username() if user.is_authenticated else "",
        channel=channel,
        what=str(what)[:200],
        fields=fields[:200],
        query=str(query)[:500],
        row_count=row_count,
        opd_id=getattr(user, "opd_id", None),
        ip_address=request.META.get("REMOTE_ADDR") or None,
    )


def log_history_export(sender, *, request, obj, **kwargs):
    """An employee's history in Excel carries NIP, e-mail and telephone: logged (core.audit.history_exported)."""
    log_export(
        request, channel=PersonalDataExport.Channel.HISTORY, what=_("Riwayat %(obj)s") % {"obj": obj}, row_count=1
    )


def can_view_employee(user, employee) -> bool:
    """An employee of an OPD: the OPD's readers. A Pemda-level person (no OPD): administrators and Pemda readers
    of that Pemda only."""
    if employee.opd_id is not None:
        return P.can_read_opd(user, employee.opd_id)
    if P.is_admin(user):
        return True
    return bool(P.is_pemda_reader(user) and user.pemda_id and user.pemda_id == employee.pemda_id)
