"""What every page needs for its shell: the navigation by SAKIP cycle and the user's place."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The SAKIP cycle. `url_name` None = stage not built yet (the page says so, no dead link).
STAGES = [
    ("organization", _("Organisasi"), "bi-diagram-3", "organization:index"),
    ("planning", _("Perencanaan"), "bi-bullseye", "planning:index"),
    ("measurement", _("Pengukuran"), "bi-speedometer2", "measurement:index"),
    ("reporting", _("Pelaporan"), "bi-file-earmark-bar-graph", "reporting:index"),
    ("evaluation", _("Evaluasi"), "bi-clipboard-check", "evaluation:index"),
    ("sop", _("SOP"), "bi-list-ol", "sop:index"),
    ("documents", _("Dokumen"), "bi-archive", "documents:index"),
]


def shell(request):
    if not hasattr(request, "user"):
        return {}
    current = ""
    match = getattr(request, "resolver_match", None)
    if match and match.app_names:
        current = match.app_names[0]
    nav = []
    for key, label, icon, url_name in STAGES:
        nav.append({"key": key, "label": label, "icon": icon, "url": reverse(url_name), "active": key == current})
    subnav = f"{current}/includes/subnav.html" if current in {k for k, *_ in STAGES} else ""
    return {"sakip_nav": nav, "app_subnav": subnav}
