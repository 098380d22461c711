"""Reporting screens: the period dashboard, the Dokumen Pengukuran Kinerja (preview PDF/DOCX; the
signed one lives in the archive) and the SOP performance reports."""

from __future__ import annotations

from datetime import date

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from sakip.core import permissions as P
from sakip.core.excel import workbook_response
from sakip.core.paging import in_order, page_of
from sakip.core.service_calls import FAILED, run_action
from sakip.measurement import policies
from sakip.measurement import selectors as M
from sakip.measurement.models import Period
from sakip.organization.models import OPD

from . import lkjip as L
from . import lkjip_documents as DOCS
from . import lkjip_services, selectors, services
from . import pemda as PD
from .models import Lkjip, LkjipReviu, LkjipSasaran, LkjipVersion, ReviuNote


def _period_or_404(request, pk) -> Period:
    period = get_object_or_404(M.period_queryset(), pk=pk)
    if not policies.can_view_period(request.user, period):
        raise Http404
    return period


def _opd_choices(user):
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
@xframe_options_sameorigin  # embedded in the task pages of the check, submit and sign steps
@csp_replace({"frame-ancestors": [SELF]})  # the same for the Content-Security-Policy (elsewhere 'none')
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


# --- LKjIP -----------------------------------------------------------------------------------------------------
def _lkjip_or_404(request, pk):
    lkjip = get_object_or_404(Lkjip.objects.select_related("opd", "opd__pemda", "current", "document"), pk=pk)
    if not lkjip_services.can_view(request.user, lkjip):
        raise Http404
    return lkjip


def _act(request, func, success, **kwargs):
    if run_action(request, func, user=request.user, denied_as_message=True, **kwargs) is FAILED:
        return False
    messages.success(request, success)
    return True


@login_required
def lkjip_list(request):
    items = list(
        P.scope_queryset(Lkjip.objects.select_related("opd", "current", "document"), request.user).order_by(
            "-year", "opd__name"
        )[:200]
    )
    opds = [o for o in _opd_choices(request.user) if lkjip_services.can_edit(request.user, o.pk)]
    return render(
        request,
        "reporting/lkjip_list.html",
        {"items": items, "opds": opds, "this_year": timezone.localdate().year},
    )


@login_required
@require_POST
def lkjip_compile(request):
    opd = get_object_or_404(OPD, pk=request.POST.get("opd") or 0)
    version = run_action(
        request, lkjip_services.compile_lkjip, user=request.user, opd=opd, year=request.POST.get("year")
    )
    if version is FAILED:
        return redirect("reporting:lkjip_list")
    messages.success(request, _("LKjIP disusun (versi %(v)s).") % {"v": version.number})
    return redirect("reporting:lkjip_detail", version.lkjip_id)


@login_required
@require_POST
def lkjip_upload(request):
    opd = get_object_or_404(OPD, pk=request.POST.get("opd") or 0)
    try:
        on = date.fromisoformat(request.POST.get("date", ""))
    except ValueError:
        on = None
    lkjip = run_action(
        request,
        lkjip_services.upload_lkjip,
        user=request.user,
        opd=opd,
        year=request.POST.get("year"),
        upload=request.FILES.get("file"),
        statement=request.FILES.get("statement"),
        signed_on_paper=request.POST.get("signed_on_paper") == "1",
        date_signed=on,
    )
    if lkjip is FAILED:
        return redirect("reporting:lkjip_list")
    messages.success(request, _("LKjIP diunggah dan diarsipkan."))
    return redirect("reporting:lkjip_detail", lkjip.pk)


def _detail_context(request, lkjip):
    version = lkjip.current
    user = request.user
    reviewer = lkjip_services.is_reviewer(user, lkjip)
    reviu = (
        LkjipReviu.objects.filter(lkjip=lkjip).select_related("reviewer", "lhr_document", "statement_document").first()
    )
    notes = list(reviu.notes.order_by("pk")) if reviu else []
    if not reviewer:
        notes = [n for n in notes if n.sent_at]
    data = L.hydrate(version.data) if version else None
    if data:
        texts = {s.node_id: s for s in version.sasaran.all()}
        for s in data["sasaran"]:
            s["text"] = texts.get(s["node"])
    return {
        "lkjip": lkjip,
        "version": version,
        "data": data,
        "versions": list(lkjip.versions.order_by("-number")),
        "stale": lkjip_services.needs_update(lkjip) if version else [],
        "can_edit": version is not None and lkjip_services.can_edit_narrative(user, lkjip),
        "can_manage": lkjip_services.can_edit(user, lkjip.opd_id),
        "is_reviewer": reviewer,
        "can_sign": lkjip_services.can_sign(user, lkjip),
        "can_finish_reviu": lkjip_services.can_finish_reviu(user, lkjip),
        "reviu": reviu,
        "notes": notes,
        "checklist": [
            (k, label, (reviu.checklist if reviu else {}).get(k, {})) for k, label in lkjip_services.CHECKLIST
        ],
        "fields": [(f, LkjipVersion._meta.get_field(f).verbose_name) for f in lkjip_services.NARRATIVE_FIELDS],
    }


@login_required
def lkjip_detail(request, pk):
    lkjip = _lkjip_or_404(request, pk)
    return render(request, "reporting/lkjip_detail.html", _detail_context(request, lkjip))


@login_required
@require_POST
def lkjip_section(request, pk):
    lkjip = _lkjip_or_404(request, pk)
    field = request.POST.get("field", "")
    error = ""
    try:
        version = lkjip_services.save_section(
            user=request.user,
            version=lkjip.current,
            field=field,
            text=request.POST.get("text", ""),
            expected_revision=request.POST.get("revision"),
        )
    except ValidationError as exc:
        error, version = " ".join(exc.messages), lkjip.current
    if not request.htmx:
        (messages.error if error else messages.success)(request, error or _("Tersimpan."))
        return redirect("reporting:lkjip_detail", lkjip.pk)
    label = LkjipVersion._meta.get_field(field).verbose_name if field in lkjip_services.NARRATIVE_FIELDS else field
    return render(
        request,
        "reporting/includes/lkjip_section.html",
        {
            "lkjip": lkjip,
            "version": version,
            "field": field,
            "label": label,
            "text": request.POST.get("text", "") if error else getattr(version, field, ""),
            "error": error,
            "saved": not error,
            "can_edit": True,
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def lkjip_sasaran(request, pk, item):
    lkjip = _lkjip_or_404(request, pk)
    obj = get_object_or_404(LkjipSasaran, pk=item, version__lkjip=lkjip)
    error = ""
    try:
        obj = lkjip_services.save_sasaran(
            user=request.user,
            item=obj,
            analisis=request.POST.get("analisis", ""),
            solusi=request.POST.get("solusi", ""),
            expected_revision=request.POST.get("revision"),
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if not request.htmx:
        (messages.error if error else messages.success)(request, error or _("Tersimpan."))
        return redirect("reporting:lkjip_detail", lkjip.pk)
    return render(
        request,
        "reporting/includes/lkjip_sasaran.html",
        {"lkjip": lkjip, "item": obj, "error": error, "saved": not error, "can_edit": True},
        status=400 if error else 200,
    )


@login_required
def lkjip_pdf(request, pk):
    lkjip = _lkjip_or_404(request, pk)
    if lkjip.document_id and request.GET.get("konsep") != "1":
        return redirect(lkjip.document.download_url)
    if lkjip.current is None:
        raise Http404
    pdf = DOCS.render_pdf(lkjip, draft=True)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="konsep-lkjip-{slugify(lkjip.opd.akronim)}-{lkjip.year}.pdf"'
    return response


@login_required
def lkjip_docx(request, pk):
    lkjip = _lkjip_or_404(request, pk)
    if lkjip.document_id and lkjip.document.docx_file and request.GET.get("konsep") != "1":
        return redirect(lkjip.document.download_url + "?format=docx")
    if lkjip.current is None:
        raise Http404
    response = HttpResponse(
        DOCS.render_docx(lkjip), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="lkjip-{slugify(lkjip.opd.akronim)}-{lkjip.year}.docx"'
    return response


ACTIONS = {
    "submit": (lkjip_services.send_to_reviu, _("LKjIP diajukan untuk direviu Inspektorat.")),
    "assign": (lkjip_services.assign_reviu, _("Reviu ditugaskan.")),
    "send_notes": (lkjip_services.send_notes, _("Catatan reviu dikirim ke OPD.")),
    "finish": (lkjip_services.finish_reviu, _("LHR dan Pernyataan Telah Direviu diterbitkan.")),
    "sign": (
        lkjip_services.sign_lkjip,
        _("LKjIP ditandatangani dan diarsipkan, dengan Pernyataan Telah Direviu terlampir."),
    ),
}


@login_required
@require_POST
def lkjip_action(request, pk, action):
    lkjip = _lkjip_or_404(request, pk)
    if action == "compile":
        if (
            run_action(request, lkjip_services.compile_lkjip, user=request.user, opd=lkjip.opd, year=lkjip.year)
            is not FAILED
        ):
            messages.success(request, _("Versi baru disusun."))
        return redirect("reporting:lkjip_detail", lkjip.pk)
    if action == "checklist":
        answers = {
            key: {"ok": request.POST.get(f"ok_{key}") == "1", "note": request.POST.get(f"note_{key}", "")}
            for key, _label in lkjip_services.CHECKLIST
        }
        _act(
            request,
            lkjip_services.save_checklist,
            _("Daftar uji disimpan; perhitungan diulang."),
            lkjip=lkjip,
            answers=answers,
            conclusion=request.POST.get("conclusion", ""),
        )
        return redirect("reporting:lkjip_detail", lkjip.pk)
    if action == "note":
        _act(
            request,
            lkjip_services.add_note,
            _("Catatan ditambahkan."),
            lkjip=lkjip,
            text=request.POST.get("text", ""),
            section=request.POST.get("section", ""),
        )
        return redirect("reporting:lkjip_detail", lkjip.pk)
    if action == "answer":
        note = get_object_or_404(ReviuNote, pk=request.POST.get("note") or 0, reviu__lkjip=lkjip)
        _act(
            request,
            lkjip_services.answer_note,
            _("Tanggapan disimpan."),
            note=note,
            response=request.POST.get("response", ""),
        )
        return redirect("reporting:lkjip_detail", lkjip.pk)
    if action not in ACTIONS:
        raise Http404
    func, success = ACTIONS[action]
    _act(request, func, success, lkjip=lkjip)
    return redirect("reporting:lkjip_detail", lkjip.pk)


# --- the Pemda-wide dashboard (issue 17 item 4; docs/user-guide.md "Dasbor Pemda") ----------------------
def _pemda_year(request, pemda):
    text = request.GET.get("tahun", "")
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else PD.default_year(pemda)


@login_required
def pemda_dashboard(request):
    if not PD.can_view(request.user):
        raise PermissionDenied
    pemda = PD.pemda_of(request.user)
    if pemda is None:
        raise Http404
    year = _pemda_year(request, pemda)
    sort = request.GET.get("urut", "opd")
    sort = sort if sort in PD.SORT_KEYS else "opd"
    descending = request.GET.get("arah") == "turun"
    data = PD.overview(request.user, pemda, year, sort=sort, descending=descending)
    if request.GET.get("export") == "xlsx":
        return workbook_response(
            f"dasbor-pemda-{year}",
            [(_("Dasbor %(y)s") % {"y": year}, *PD.excel_table(data))],
            title=_("Kinerja Perangkat Daerah %(pemda)s Tahun %(y)s") % {"pemda": pemda.short_name, "y": year},
        )
    years = sorted(set(PD.years(pemda)) | {year}, reverse=True)
    columns = [
        ("opd", _("OPD")),
        ("iku", _("Capaian IKU %(y)s") % {"y": year}),
        ("iku_prev", _("Capaian IKU %(y)s") % {"y": year - 1}),
        ("iku_change", _("Perubahan")),
        ("pk", _("PK ditandatangani")),
        ("tw", _("Pengukuran TW I–IV")),
        ("lkjip", _("LKjIP")),
        ("lke", _("Nilai LKE")),
        ("lke_change", _("Perubahan LKE")),
        ("open", _("Rekomendasi terbuka")),
        ("overdue", _("Lewat batas")),
    ]
    headers = []
    for key, label in columns:
        active = key == sort
        next_dir = "naik" if active and descending else ("turun" if active else ("naik" if key == "opd" else "turun"))
        headers.append(
            {
                "key": key,
                "label": label,
                "active": active,
                "aria": ("descending" if descending else "ascending") if active else "none",
                "query": f"?tahun={year}&urut={key}&arah={next_dir}",
                "numeric": key != "opd",
            }
        )
    return render(
        request,
        "reporting/pemda_dashboard.html",
        {
            "data": data,
            "year": year,
            "years": years,
            "pemda": pemda,
            "headers": headers,
            "sort": sort,
            "descending": descending,
            "export_query": f"?tahun={year}&urut={sort}&arah={'turun' if descending else 'naik'}&export=xlsx",
        },
    )


@login_required
def pemda_opd(request, pk):
    """Drill-down of one OPD from the Pemda dashboard: its IKU with capaian of the year and the year before,
    and links to its measurements, PK, LKjIP and evaluation."""
    if not PD.can_view(request.user):
        raise PermissionDenied
    opd = get_object_or_404(OPD, pk=pk)
    shown = PD.dashboard_opd_ids(request.user)
    if shown is not None and opd.pk not in shown:
        raise Http404
    year = _pemda_year(request, opd.pemda)
    data = PD.opd_detail(request.user, opd, year)
    readable = P.can_read_opd(request.user, opd.pk)
    return render(request, "reporting/pemda_opd.html", {"opd": opd, "year": year, "readable": readable, **data})
