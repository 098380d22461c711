"""Home page cards of the planning stage (constant queries)."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors


def cards(user):
    year = date.today().year
    out = []
    opd = user.opd if user.opd_id and not user.opd.is_inspektorat else None
    summary = selectors.home_summary(opd, user.employee if user.employee_id else None, year)
    if user.employee_id:
        n_ind = summary["iki_count"]
        out.append(
            {
                "title": _("IKI/SKP saya %(y)s") % {"y": year},
                "icon": "bi-person-check",
                "value": n_ind,
                "text": _("indikator kinerja individu yang menjadi tanggung jawab Anda.")
                if n_ind
                else _("Jabatan Anda belum memiliki IKI tahun ini."),
                "url": reverse("planning:my_iki"),
                "action": _("Lihat IKI saya"),
                "order": 20,
            }
        )
    if opd is not None:
        coverage, pk = summary["coverage"], summary["pk"]
        items = [{"label": g.message, "url": reverse("planning:checks")} for g in coverage.gaps[:4]]
        out.append(
            {
                "title": _("Perencanaan kinerja %(y)s") % {"y": year},
                "icon": "bi-diagram-3",
                "value": f"{coverage.holders_with_iki}/{coverage.holders_total}",
                "text": _("pemegang jabatan memiliki IKI; PK ditandatangani %(a)s dari %(b)s pejabat.")
                % {"a": pk["signed_count"], "b": pk["total"]},
                "items": items,
                "url": reverse("planning:pohon"),
                "action": _("Buka pohon kinerja"),
                "order": 21,
            }
        )
    return out
