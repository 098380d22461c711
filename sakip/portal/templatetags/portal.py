"""{% publication_panel obj %}: the publication state of a Renstra, PK or archived document, with the
Publikasikan / Tarik dari publikasi button for those who may use it (the OPD's Kepala and Tim SAKIP)."""

from django import template
from django.core.exceptions import ValidationError

from sakip.portal import services

register = template.Library()

KINDS = {"ArchivedDocument": "dokumen", "Renstra": "renstra", "PerjanjianKinerja": "pk"}


@register.inclusion_tag("portal/includes/publication_panel.html", takes_context=True)
def publication_panel(context, target):
    request = context.get("request")
    user = getattr(request, "user", None)
    if target is None:
        return {"show": False}
    try:
        _kind, opd_id, _year = services.describe(target)
        publishable = True
    except ValidationError:
        publishable, opd_id = False, target.get_opd_id()
    pub = services.publication_of(target) if publishable else None
    may = publishable and services.can_publish(user, opd_id)
    if not publishable or (not may and not (pub and pub.is_published)):
        return {"show": False}
    return {
        "show": True,
        "publication": pub,
        "may": may,
        "kind": KINDS[type(target).__name__],
        "pk": target.pk,
        "next": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
    }
