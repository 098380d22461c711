"""The quarterly Permendagri 86/2017 evaluation form of the Renja (issue 14 item 5; docs/rules.md §7, §11), as a
page and in Excel: the rows are `lkjip.renja_evaluation` (the same code as the LKjIP's Lampiran 3), computed
from the measurement of the triwulan (or of the year) with the figures engine."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from sakip.core import permissions as P
from sakip.core.excel import workbook_response
from sakip.measurement import policies
from sakip.measurement.models import TW_LABELS, Period
from sakip.organization.models import OPD

from . import lkjip as L


@login_required
def renja_evaluation(request):
    try:
        opd_id, year, tw = (
            int(request.GET.get("opd", "")),
            int(request.GET.get("tahun", "")),
            int(request.GET.get("tw", "")),
        )
    except ValueError:
        raise Http404 from None
    if tw not in TW_LABELS:
        raise Http404
    opd = OPD.objects.filter(pk=opd_id).first()
    if opd is None:
        raise Http404
    period = (
        Period.objects.filter(opd=opd, year=year, triwulan=tw)
        .exclude(status=Period.Status.DIBATALKAN)
        .select_related("opd")
        .first()
    )
    if period is not None and not policies.can_view_period(request.user, period):
        raise Http404
    if period is None:
        P.require_view(request.user, opd)
        return render(
            request,
            "reporting/renja_evaluation.html",
            {"opd": opd, "year": year, "tw_label": TW_LABELS[tw], "form": None},
            status=404,
        )
    form = L.renja_evaluation(period)
    if request.GET.get("export") == "xlsx":
        headers, rows = L.renja_excel(form)
        title = _("Evaluasi Hasil Renja %(opd)s %(tw)s Tahun %(y)s (Permendagri 86/2017)") % {
            "opd": opd.akronim,
            "tw": period.tw_label,
            "y": year,
        }
        return workbook_response(
            f"evaluasi-renja-{opd.akronim.lower()}-{year}-tw{tw}", [(period.tw_label, headers, rows)], title=title
        )
    return render(
        request,
        "reporting/renja_evaluation.html",
        {"opd": opd, "year": year, "tw_label": period.tw_label, "form": form, "tw": tw},
    )
