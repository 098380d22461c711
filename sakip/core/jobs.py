"""The page of a background job (core.models.BackgroundJob: a large import's preview, a large list export).

A job belongs to the user who started it: anyone else gets 404. While the worker runs, the page shows one
progress card (core/includes/job_progress.html) that polls the same address with `fragment=1` every two
seconds through htmx; once the job is finished the poll answers 204 with `HX-Refresh`, so the whole page is
loaded again and shows the result (the preview, the download or the failure).
"""

from django.http import Http404, HttpResponse
from django.shortcuts import render

PROGRESS_TEMPLATE = "core/includes/job_progress.html"


def poll_or_page(request, model, token, page):
    """Answer the htmx poll of the job `token` of `model`, or `page(job, poll)` for the page itself.

    `poll` is the address the progress card polls (this address with `fragment=1`); the page passes it on to
    its template with the job: `{% include "core/includes/job_progress.html" %}`."""
    if not request.user.is_authenticated:
        raise Http404
    job = model.objects.filter(token=token, user=request.user).first()
    if job is None:
        raise Http404
    query = request.GET.copy()
    query["fragment"] = "1"
    poll = "?" + query.urlencode()
    if request.GET.get("fragment"):
        if job.finished:  # the whole page shows the result now
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
            return response
        return render(request, PROGRESS_TEMPLATE, {"job": job, "poll": poll})
    return page(job, poll)
