"""The ESR package page (sakip.reporting.esr): what the Pemda's package for a year holds and lacks, and its
download, written by the task worker (core.exports: the same view replayed as the user)."""

import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.core import exports

from . import esr
from . import pemda as PD


def _year(request):
    raw = (request.GET.get("tahun") or "").strip()
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return timezone.localdate().year - 1  # the package of last year is sent this year


@login_required
def esr_package(request):
    if not PD.can_view(request.user):
        raise PermissionDenied
    pemda = PD.pemda_of(request.user)
    if pemda is None:
        raise Http404
    year = _year(request)
    if request.GET.get("export"):
        if not getattr(request, "sakip_background_export", False):
            count = sum(len(p.items) for p in esr.plan(pemda, year))
            return exports.start(request, title=_("Paket ESR %(y)s") % {"y": year}, row_count=count)
        buffer = io.BytesIO()
        esr.build(pemda, year, buffer)
        response = HttpResponse(buffer.getvalue(), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="paket-esr-{pemda.name.lower()}-{year}.zip"'
        return response
    plans = esr.plan(pemda, year)
    missing = sum(1 for p in plans for i in p.items if i.missing)
    total = sum(len(p.items) for p in plans)
    return render(
        request,
        "reporting/esr.html",
        {"pemda": pemda, "year": year, "plans": plans, "missing": missing, "total": total},
    )
