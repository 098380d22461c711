"""The public transparency portal (/publik/, no login; issue 17 item 5, docs/user-guide.md "Portal publik")
and the Publikasikan / Tarik dari publikasi action of the OPD's Kepala and Tim SAKIP.

Public pages are cached in Django's cache under a key that carries the portal's generation number
(services.generation, bumped on every publish and withdraw), so a publication shows at once and every
other request is served from the cache."""

from __future__ import annotations

import csv
import json
from functools import wraps
from io import StringIO

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sakip.core import permissions as P
from sakip.organization.models import OPD, Pemda

from . import selectors, services
from .models import Publication

CACHE_SECONDS = 600


def cached(view):
    """Serve a public page from the cache (key: generation, language, full path); store 200 answers only."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override("id"):  # the portal speaks Indonesian
            return _serve(request, *args, **kwargs)

    def _serve(request, *args, **kwargs):
        key = f"portal:page:{services.generation()}:{request.get_full_path()}"
        hit = cache.get(key)
        if hit is not None:
            content, headers = hit
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            response["X-Portal-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            keep = {h: response[h] for h in ("Content-Type", "Content-Disposition") if h in response}
            cache.set(key, (response.content, keep), CACHE_SECONDS)
            response["X-Portal-Cache"] = "miss"
        return response

    return wrapper


def _pemda(pk):
    return get_object_or_404(Pemda, pk=pk)


def _opd(pemda, pk):
    return get_object_or_404(OPD, pk=pk, pemda=pemda)


@require_GET
@cached
def index(request):
    found = selectors.pemdas()
    if len(found) == 1:
        return redirect("portal:pemda", pemda=found[0].pk)
    return render(request, "portal/index.html", {"pemdas": found})


@require_GET
@cached
def pemda(request, pemda):
    obj = _pemda(pemda)
    return render(request, "portal/pemda.html", selectors.pemda_page(obj))


@require_GET
@cached
def opd(request, pemda, pk):
    obj = _pemda(pemda)
    data = selectors.opd_page(_opd(obj, pk))
    if not data["has_any"] and not data["lke"]:
        raise Http404
    return render(request, "portal/opd.html", {"pemda": obj, **data})


@require_GET
def document(request, pemda, pk):
    """The published PDF: 404 for an unpublished publication, a withdrawn one or another Pemda's id."""
    pub = get_object_or_404(
        Publication.objects.select_related("document", "document__doc_type", "opd"),
        pk=pk,
        published_at__isnull=False,
        document__isnull=False,
        opd__pemda_id=pemda,
    )
    doc = pub.document
    return FileResponse(
        doc.file.open("rb"),
        content_type=doc.content_type,
        as_attachment=request.GET.get("unduh") == "1",
        filename=f"{doc.doc_type.code}-{pub.opd.akronim}-{pub.year}-{doc.verification_code}.pdf",
    )


FIELDS = [
    "opd",
    "opd_name",
    "year",
    "code",
    "indicator",
    "satuan",
    "precision",
    "target",
    "realisasi",
    "capaian",
    "category",
    "published_at",
]


@require_GET
@cached
def open_data(request, pemda, fmt):
    if fmt not in ("csv", "json"):
        raise Http404
    obj = _pemda(pemda)
    rows = selectors.figures(list(OPD.objects.filter(pemda=obj)))
    name = f"capaian-iku-{obj.kind}-{obj.name}".lower().replace(" ", "-")
    if fmt == "json":
        body = json.dumps(
            {"pemda": str(obj), "fields": FIELDS, "rows": rows}, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        buffer = StringIO()
        writer = csv.DictWriter(buffer, fieldnames=FIELDS)
        writer.writeheader()
        for row in rows:
            # A cell starting with = + - @ would be a formula in a spreadsheet (as sakip.core.excel).
            writer.writerow(
                {k: ("'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v) for k, v in row.items()}
            )
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


# --- the publish action (logged in; the OPD's Kepala and Tim SAKIP) -----------------------------------------
TARGETS = {
    "dokumen": ("documents", "ArchivedDocument"),
    "renstra": ("planning", "Renstra"),
    "pk": ("planning", "PerjanjianKinerja"),
}


@login_required
@require_POST
def act(request, kind, pk, action):
    if kind not in TARGETS or action not in ("publikasikan", "tarik"):
        raise Http404
    model = apps.get_model(*TARGETS[kind])
    target = get_object_or_404(model, pk=pk)

    P.require_view(request.user, target)
    try:
        if action == "publikasikan":
            services.publish(user=request.user, target=target)
            messages.success(request, _("Dipublikasikan di portal publik."))
        else:
            services.withdraw(user=request.user, target=target)
            messages.success(request, _("Ditarik dari portal publik."))
    except PermissionDenied:
        raise
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = target.get_absolute_url()
    return redirect(back)
