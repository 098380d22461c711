"""Home page cards of the planning stage (constant queries)."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors


def cards(user):
    year = date.today().year
    out = []
    if user.employee_id:
        rows = selectors.my_iki(user.employee, year)
        n_ind = sum(len(n["indicators"]) for r in rows for n in r["nodes"])
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
    if user.opd_id and user.opd and not user.opd.is_inspektorat:
        coverage = selectors.cascade_coverage(user.opd, year)
        pk = selectors.pk_signed_for_every_official(user.opd, year)
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
