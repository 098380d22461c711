"""Screens of the Pemda LKjIP (docs/rules.md §10): the list with "Susun", the page with the computed tables and
the narratives beside them, signing by the Bupati, the PDF and DOCX (draft, or the archived copy once signed)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.core.service_calls import FAILED, run_action
from sakip.planning import pemda_services as plan

from . import pemda as PD
from . import pemda_lkjip as PL
from . import pemda_lkjip_documents as DOCS
from . import pemda_lkjip_services as S
from .models import PemdaLkjip

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _lkjip(request, pk) -> PemdaLkjip:
    lkjip = get_object_or_404(PemdaLkjip.objects.select_related("pemda", "preparer", "document"), pk=pk)
    if not plan.can_read(request.user, lkjip.pemda):
        raise Http404
    return lkjip


@login_required
def pemda_lkjip_list(request):
    pemda = PD.pemda_of(request.user)
    if pemda is None:
        raise Http404
    if not plan.can_read(request.user, pemda):
        raise PermissionDenied
    can_plan = plan.can_plan(request.user, pemda)
    if request.method == "POST":
        if not can_plan:
            raise PermissionDenied
        text = request.POST.get("year", "").strip()
        if not text.isdigit():
            messages.error(request, _("Tahun harus berupa angka, mis. 2022."))
        else:
            done = run_action(request, S.compile_lkjip, user=request.user, pemda=pemda, year=int(text))
            if done is not FAILED:
                messages.success(
                    request,
                    _("LKjIP %(p)s %(y)s disusun (versi %(v)s).")
                    % {"p": pemda.short_name, "y": done.year, "v": done.version},
                )
                return redirect(done.get_absolute_url())
    return render(
        request,
        "reporting/pemda_lkjip_list.html",
        {
            "pemda": pemda,
            "items": list(PemdaLkjip.objects.filter(pemda=pemda).select_related("document").order_by("-year")),
            "can_plan": can_plan,
            "default_year": PD.default_year(pemda),
        },
    )


@login_required
def pemda_lkjip_detail(request, pk):
    lkjip = _lkjip(request, pk)
    can_plan = plan.can_plan(request.user, lkjip.pemda)
    fields = [(f, PemdaLkjip._meta.get_field(f).verbose_name, getattr(lkjip, f)) for f in PemdaLkjip.NARRATIVES]
    return render(
        request,
        "reporting/pemda_lkjip_detail.html",
        {
            "lkjip": lkjip,
            "data": PL.hydrate(lkjip.data),
            "fields": fields,
            "can_edit": can_plan and lkjip.is_editable,
            "can_sign": lkjip.is_editable and S.can_sign(request.user, lkjip),
            "can_compile": can_plan and lkjip.is_editable,
        },
    )


@login_required
@require_POST
def pemda_lkjip_section(request, pk):
    lkjip = _lkjip(request, pk)
    field = request.POST.get("field", "")
    if (
        run_action(
            request, S.save_section, user=request.user, lkjip=lkjip, field=field, text=request.POST.get("text", "")
        )
        is not FAILED
    ):
        messages.success(request, _("Tersimpan."))
    return redirect(lkjip.get_absolute_url() + f"#bagian-{field}")


@login_required
@require_POST
def pemda_lkjip_sign(request, pk):
    lkjip = _lkjip(request, pk)
    done = run_action(request, S.sign, user=request.user, lkjip=lkjip)
    if done is not FAILED:
        messages.success(
            request, _("LKjIP Pemda ditandatangani dan diarsipkan: Nomor %(n)s.") % {"n": done.document.number}
        )
    return redirect(lkjip.get_absolute_url())


@login_required
def pemda_lkjip_pdf(request, pk):
    lkjip = _lkjip(request, pk)
    if lkjip.document_id and request.GET.get("konsep") != "1":
        return redirect(lkjip.document.download_url)
    response = HttpResponse(DOCS.render_pdf(lkjip), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="konsep-lkjip-pemda-{lkjip.year}.pdf"'
    return response


@login_required
def pemda_lkjip_docx(request, pk):
    lkjip = _lkjip(request, pk)
    if lkjip.document_id and lkjip.document.docx_file and request.GET.get("konsep") != "1":
        return redirect(lkjip.document.download_url + "?format=docx")
    response = HttpResponse(DOCS.render_docx(lkjip), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="lkjip-pemda-{lkjip.year}.docx"'
    return response
