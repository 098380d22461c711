"""Large list exports in the task worker (docs/documents.md "Excel exports"; issue: no export longer than a
web request should be).

A list (core.crud.ScopedListView) whose filtered rows exceed SAKIP_EXPORT_INLINE_ROWS does not build the file
in the request: it records an ExportJob (the list's address and filters, the user) and sends the user to the
job's page, which shows the phase and then the download. The worker replays the same list view as that user
(same selector, same scope, same filters, the same `exported()` hook that logs personal-data exports) and
keeps the file under MEDIA_ROOT/exports/ for a day.
"""

import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import replay
from .clientip import client_ip
from .jobs import poll_or_page
from .models import ExportJob

log = logging.getLogger(__name__)


def export_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "exports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def start(request, *, title, row_count):
    """Record the export of the list `request` asks for and hand it to the worker once the request commits."""
    query = request.GET.copy()
    query.pop("export", None)
    job = ExportJob.objects.create(
        token=uuid.uuid4().hex,
        user=request.user,
        path=request.path[:500],
        query=query.urlencode()[:2000],
        title=str(title)[:200],
        client_ip=client_ip(request) or None,
        row_count=row_count,
    )

    def enqueue():
        from .tasks import run_export  # tasks.py runs this module's exports: imported here, not above

        run_export.enqueue(job.pk)

    transaction.on_commit(enqueue)
    return redirect(reverse("export_job", args=[job.token]))


def run(job_id):
    """The worker's half: run the list view as the job's user with `export=xlsx` and keep the file."""
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    if job.status in (ExportJob.Status.DONE, ExportJob.Status.FAILED):
        return job
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    query = QueryDict(job.query, mutable=True)
    query["export"] = "xlsx"
    request = replay.get_request(job.path, query, user=job.user, remote_addr=job.client_ip)
    request.sakip_background_export = True  # the list builds the file here instead of starting another job
    try:
        response = replay.run_view(request)
        if response.status_code != 200 or not response.get("Content-Disposition"):
            raise RuntimeError(f"export of {job.path} answered {response.status_code}")
        disposition = response["Content-Disposition"]
        filename = disposition.split('filename="', 1)[1].rstrip('"') if 'filename="' in disposition else "ekspor.xlsx"
        (export_dir() / f"{job.token}.xlsx").write_bytes(response.content)
    except Exception:
        log.exception("background export %s failed", job.pk)
        job.status, job.error = (
            ExportJob.Status.FAILED,
            _("Ekspor gagal disusun. Coba lagi atau persempit penyaringnya."),
        )
    else:
        job.status, job.filename = ExportJob.Status.DONE, filename[:200]
    job.save(update_fields=["status", "error", "filename", "updated_at"])
    return job


def remove_stale(*, cutoff) -> int:
    removed = 0
    for job in ExportJob.objects.filter(created_at__lt=cutoff):
        (export_dir() / f"{job.token}.xlsx").unlink(missing_ok=True)
        job.delete()
        removed += 1
    return removed


def job_view(request, token):
    """The export's page (sakip.core.jobs): the phase while the worker writes it, then the download."""

    def page(job, poll):
        if request.GET.get("download"):
            path = export_dir() / f"{job.token}.xlsx"
            if job.status != ExportJob.Status.DONE or not path.exists():
                raise Http404
            return FileResponse(path.open("rb"), as_attachment=True, filename=job.filename or "ekspor.xlsx")
        back = job.path + (f"?{job.query}" if job.query else "")
        return render(request, "core/export_job.html", {"job": job, "poll": poll, "back": back})

    return poll_or_page(request, ExportJob, token, page)
