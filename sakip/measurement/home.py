"""Home page cards of the measurement stage: what waits for the user (tasks due and overdue,
forms to fill, validate, approve; revision requests), or for readers the latest periods."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.core import permissions as P

from . import selectors
from .models import Period


def _due(task, now):
    if not task.due_at:
        return ""
    local = timezone.localtime(task.due_at)
    if task.due_at < now:
        return _("terlambat, batas %(d)s") % {"d": local.strftime("%d/%m %H.%M")}
    return _("batas %(d)s") % {"d": local.strftime("%d/%m %H.%M")}


def cards(user):
    now = timezone.now()
    box = selectors.inbox(user, now=now)
    out = []
    items = []
    for task in box["tasks"][:6]:
        unit = f" — {task.unit.short_name or task.unit.name}" if task.unit_id else ""
        items.append(
            {
                "label": f"{task.period.tw_label} {task.period.year}: {task.number}. {task.uraian[:70]}{unit}",
                "url": reverse("measurement:task_detail", args=[task.pk]),
                "note": _due(task, now),
            }
        )
    for s in box["to_validate"][:4]:
        items.append(
            {
                "label": _("Validasi data %(u)s (%(tw)s %(y)s)")
                % {"u": s.unit.name, "tw": s.period.tw_label, "y": s.period.year},
                "url": reverse("measurement:submission_detail", args=[s.pk]),
            }
        )
    for s in box["to_approve"][:4]:
        items.append(
            {
                "label": _("Setujui data %(u)s (%(tw)s %(y)s)")
                % {"u": s.unit.name, "tw": s.period.tw_label, "y": s.period.year},
                "url": reverse("measurement:submission_detail", args=[s.pk]),
            }
        )
    for r in box["revisions"][:3]:
        items.append(
            {
                "label": _("Putuskan revisi %(u)s (%(tw)s %(y)s)")
                % {"u": r.submission.unit.name, "tw": r.submission.period.tw_label, "y": r.submission.period.year},
                "url": reverse("measurement:submission_detail", args=[r.submission_id]),
                "note": r.reason[:60],
            }
        )
    for s in box["returned"][:3]:
        items.append(
            {
                "label": _("Perbaiki formulir %(u)s (dikembalikan)") % {"u": s.unit.name},
                "url": reverse("measurement:submission_detail", args=[s.pk]),
                "note": s.return_reason[:60],
            }
        )
    for s in box["to_fill"][:3]:
        items.append(
            {
                "label": _("Isi realisasi %(u)s %(tw)s %(y)s")
                % {"u": s.unit.name, "tw": s.period.tw_label, "y": s.period.year},
                "url": reverse("measurement:submission_detail", args=[s.pk]),
            }
        )
    count = (
        len(box["tasks"])
        + len(box["to_validate"])
        + len(box["to_approve"])
        + len(box["revisions"])
        + len(box["returned"])
        + len(box["to_fill"])
    )
    if count:
        overdue = len(box["overdue"])
        text = (
            _("%(n)s tugas pengukuran aktif, %(o)s terlambat.") % {"n": len(box["tasks"]), "o": overdue}
            if box["tasks"]
            else ""
        )
        out.append(
            {
                "order": 5,
                "icon": "bi-list-check",
                "title": _("Pengukuran kinerja: tugas saya"),
                "value": count,
                "text": text,
                "items": items,
                "url": reverse("measurement:inbox"),
                "action": _("Buka tugas saya"),
            }
        )
    # Readers and coordinators: the latest periods and their documents.
    if P.is_pemda_reader(user) or P.is_opd_manager(user) or P.is_admin(user) or not count:
        periods = list(
            selectors.periods_for(user)
            .exclude(status=Period.Status.DIBATALKAN)
            .order_by("-year", "-triwulan", "opd__name")[:5]
        )
        if periods:
            rows = []
            for p in periods:
                note = (
                    _("ditandatangani, nomor %(n)s") % {"n": p.dpk_document.number}
                    if p.dpk_document_id
                    else p.get_status_display().lower()
                )
                rows.append(
                    {
                        "label": f"{p.opd.akronim} {p.tw_label} {p.year}",
                        "url": reverse("reporting:dashboard", args=[p.pk]),
                        "note": note,
                    }
                )
            out.append(
                {
                    "order": 20,
                    "icon": "bi-speedometer2",
                    "title": _("Pengukuran terakhir"),
                    "items": rows,
                    "url": reverse("reporting:index"),
                    "action": _("Dasbor dan dokumen"),
                }
            )
    return out
