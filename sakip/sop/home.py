"""Home page cards of the SOP register: what concerns each role (constant queries)."""

from datetime import date

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from sakip.core import permissions as P

from . import selectors
from .models import SopVersion


def cards(user):
    if not getattr(user, "is_authenticated", False):
        return []
    sops = selectors.sops_for(user)
    today = date.today()
    in_force = SopVersion.objects.filter(selectors.in_force_q(today), sop=OuterRef("pk"))
    total = sops.count()
    berlaku = sops.filter(Exists(in_force)).count()
    items = []
    pending = list(selectors.versions_for(user).filter(status=SopVersion.Status.DIAJUKAN).order_by("-updated_at")[:5])
    for v in pending:
        items.append(
            {
                "label": f"{v.sop.number} {v.judul}",
                "url": reverse("sop:version", args=[v.pk]),
                "note": _("menunggu pengesahan"),
            }
        )
    drafts = (
        list(
            selectors.versions_for(user)
            .filter(status=SopVersion.Status.DRAFT)
            .order_by("-updated_at")[: 5 - len(items)]
        )
        if len(items) < 5
        else []
    )
    for v in drafts:
        items.append(
            {
                "label": f"{v.sop.number} {v.judul}",
                "url": reverse("sop:version", args=[v.pk]),
                "note": _("draf versi %(v)s") % {"v": v.version},
            }
        )
    text = _("%(b)s dari %(t)s SOP berlaku hari ini.") % {"b": berlaku, "t": total}
    action = _("Buka register")
    url = reverse("sop:index")
    if pending and (P.is_admin(user) or P.is_kepala_opd(user)):
        text += " " + _("%(n)s SOP menunggu pengesahan Anda.") % {"n": len(pending)}
    return [
        {
            "title": _("SOP AP"),
            "icon": "bi-list-ol",
            "value": berlaku,
            "text": text,
            "items": items,
            "url": url,
            "action": action,
            "order": 60,
        }
    ]
