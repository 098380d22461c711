"""Screens of the Renja / RKT (issue 14 item 5; docs/rules.md §11): the OPD's Renja per year with their versions,
drafting (and a Renja Perubahan with its reason), adoption by the Kepala, and the links to the quarterly
Permendagri 86/2017 evaluation form of each measurement of the year."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.core import permissions as P
from sakip.core.service_calls import FAILED, run_action

from . import renja as R
from . import renja_services as S
from .models import Renja
from .services import can_manage_opd
from .views import _opd


def _num(data):
    for key in ("target_value", "pagu", "total_pagu"):
        if data.get(key) not in (None, ""):
            data[key] = Decimal(data[key])
    return data


@login_required
def renja_list(request):
    opd, opds = _opd(request)
    can_manage = can_manage_opd(request.user, opd.pk)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        text = request.POST.get("year", "").strip()
        if not text.isdigit():
            messages.error(request, _("Tahun harus berupa angka, mis. 2025."))
        else:
            done = run_action(
                request,
                S.draft_renja,
                user=request.user,
                opd=opd,
                year=int(text),
                reason=request.POST.get("reason", ""),
            )
            if done is not FAILED:
                messages.success(request, _("%(r)s disusun dari Renstra.") % {"r": done})
                return redirect(done.get_absolute_url())
    items = list(Renja.objects.filter(opd=opd).select_related("opd").order_by("-year", "-version"))
    return render(
        request,
        "planning/renja_list.html",
        {
            "opd": opd,
            "opds": opds,
            "items": items,
            "can_manage": can_manage,
            "default_year": timezone.localdate().year,
        },
    )


@login_required
def renja_detail(request, pk):
    renja = get_object_or_404(Renja.objects.select_related("opd", "supersedes"), pk=pk)
    P.require_view(request.user, renja)
    data = renja.data or {}
    targets = [_num(dict(r)) for r in data.get("targets", [])]
    budget = [_num(dict(b)) for b in data.get("budget", [])]
    changes = []
    if renja.supersedes_id:
        for c in R.changes(renja.supersedes.data or {}, data):
            if c["kind"] == "pagu":
                c = {
                    **c,
                    "before": Decimal(c["before"]) if c["before"] else None,
                    "after": Decimal(c["after"]) if c["after"] else None,
                }
            changes.append(c)
    is_latest = not Renja.objects.filter(supersedes=renja).exists()
    return render(
        request,
        "planning/renja_detail.html",
        {
            "renja": renja,
            "targets": targets,
            "budget": budget,
            "total_pagu": Decimal(data["total_pagu"]) if data.get("total_pagu") else None,
            "changes": changes,
            "quarters": [(1, "TW I"), (2, "TW II"), (3, "TW III"), (4, "TW IV"), (0, _("Tahunan"))],
            "versions": list(Renja.objects.filter(opd=renja.opd, year=renja.year).order_by("version")),
            "can_adopt": renja.status == Renja.Status.DRAFT
            and (P.is_admin(request.user) or (P.is_kepala_opd(request.user) and request.user.opd_id == renja.opd_id)),
            "can_redraft": is_latest and can_manage_opd(request.user, renja.opd_id),
        },
    )


@login_required
@require_POST
def renja_adopt(request, pk):
    renja = get_object_or_404(Renja.objects.select_related("opd"), pk=pk)
    P.require_view(request.user, renja)
    done = run_action(request, S.adopt, user=request.user, renja=renja)
    if done is not FAILED:
        messages.success(request, _("%(r)s ditetapkan.") % {"r": done})
    return redirect(reverse("planning:renja_detail", args=[renja.pk]))
