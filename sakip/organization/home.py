"""Home page cards of the organisation stage."""

from datetime import date

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from sakip.core import permissions as P

from .models import Assignment, Position


def cards(user):
    out = []
    today = date.today()
    if user.employee_id:
        current = list(
            Assignment.objects.active_on(today)
            .filter(employee_id=user.employee_id)
            .select_related("position", "position__superior", "position__unit")
        )
        items = []
        for a in current:
            note = _("atasan: %(s)s") % {"s": a.position.superior.name} if a.position.superior_id else ""
            items.append({"label": f"{a.prefix}{a.position.name}", "note": note})
        out.append(
            {
                "order": 90,
                "icon": "bi-person-badge",
                "title": _("Jabatan saya"),
                "items": items or [{"label": _("Belum ada penugasan jabatan.")}],
                "url": reverse("organization:employee_detail", args=[user.employee_id]),
                "action": _("Profil saya"),
            }
        )
    if user.opd_id and P.can_manage_org(user):
        active = Assignment.objects.active_on(today).filter(position=OuterRef("pk"))
        vacant = list(
            Position.objects.filter(opd_id=user.opd_id)
            .annotate(filled=Exists(active))
            .filter(filled=False)
            .values_list("name", flat=True)[:6]
        )
        out.append(
            {
                "order": 80,
                "icon": "bi-diagram-3",
                "title": _("Jabatan lowong"),
                "value": len(vacant),
                "items": [{"label": name} for name in vacant],
                "text": "" if vacant else _("Semua jabatan terisi."),
                "url": reverse("organization:chart", args=[user.opd_id]),
                "action": _("Bagan organisasi"),
            }
        )
    return out
