"""Reporting screens: the period dashboard, the Dokumen Pengukuran Kinerja (preview PDF/DOCX; the
signed one lives in the archive) and the SOP performance reports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify

from sakip.core import permissions as P
from sakip.core.paging import in_order, page_of
from sakip.measurement import policies
from sakip.measurement import selectors as M
from sakip.measurement.models import Period

from . import selectors, services


def _period_or_404(request, pk) -> Period:
    period = get_object_or_404(M.period_queryset(), pk=pk)
    if not policies.can_view_period(request.user, period):
        raise Http404
    return period


def _opd_choices(user):
    from sakip.organization.models import OPD

    ids = P.readable_opd_ids(user)
    qs = OPD.objects.all() if ids is None else OPD.objects.filter(pk__in=ids)
    return list(qs.exclude(kind=OPD.Kind.INSPEKTORAT).order_by("name"))


@login_required
def index(request):
    qs = (
        M.periods_for(request.user)
        .exclude(status=Period.Status.DIBATALKAN)
        .order_by("-year", "-triwulan", "opd__name", "pk")
    )
    # The page first, then the counts of the rows shown (docs/architecture.md, "Pages").
    page, pks = page_of(request, qs)
    periods = in_order(
        M.period_queryset()
        .filter(pk__in=pks)
        .annotate(
            n_units=Count("submissions", distinct=True),
            n_locked=Count("submissions", filter=Q(submissions__state="dikunci"), distinct=True),
        ),
        pks,
    )
    return render(request, "reporting/index.html", {"periods": periods, "page": page})


@login_required
def dashboard(request, pk):
    period = _period_or_404(request, pk)
    data = selectors.dashboard(period, request.user)
    return render(
        request,
        "reporting/dashboard.html",
        {
            "period": period,
            "data": data,
            "charts": selectors.chart_data(period, data),
            "full_document": selectors.can_see_full_document(request.user, period),
        },
    )


@login_required
def dpk_preview(request, pk):
    period = _period_or_404(request, pk)
    if period.dpk_document_id and request.GET.get("konsep") != "1":
        return redirect(period.dpk_document.download_url)
    if not selectors.can_see_full_document(request.user, period):
        raise PermissionDenied
    pdf = services.render_dpk_pdf(period, draft=True, on=timezone.localdate())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="konsep-dpk-{slugify(period.opd.akronim)}-{period.year}-tw{period.triwulan}.pdf"'
    )
    return response


@login_required
def dpk_docx(request, pk):
    period = _period_or_404(request, pk)
    if period.dpk_document_id and period.dpk_document.docx_file and request.GET.get("konsep") != "1":
        return redirect(period.dpk_document.download_url + "?format=docx")
    if not selectors.can_see_full_document(request.user, period):
        raise PermissionDenied
    data = services.render_dpk_docx(period, on=timezone.localdate())
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="dpk-{slugify(period.opd.akronim)}-{period.year}-tw{period.triwulan}.docx"'
    )
    return response


@login_required
def period_sop(request, pk):
    period = _period_or_404(request, pk)
    return render(request, "reporting/period_sop.html", {"period": period, "report": selectors.period_sop(period)})


@login_required
def sop_performance(request):
    opds = _opd_choices(request.user)
    opd_id = request.GET.get("opd")
    opd_id = int(opd_id) if opd_id and opd_id.isdigit() else (request.user.opd_id or (opds[0].pk if opds else None))
    periods = selectors.periods_for_report(request.user, opd_id=opd_id)
    report = selectors.bottlenecks(periods)
    return render(request, "reporting/sop_performance.html", {"report": report, "opds": opds, "opd_id": opd_id})
