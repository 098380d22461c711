"""A list export larger than SAKIP_EXPORT_INLINE_ROWS is written by the task worker (docs/documents.md,
"Excel exports"): the list answers at once with the job's page, the worker replays the list as the same user
with the same filters and scope, the owner downloads the file, nobody else sees the job."""

from io import BytesIO

import pytest
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from sakip.core.exports import export_dir, run
from sakip.core.models import ExportJob
from sakip.organization.models import PersonalDataExport

pytestmark = pytest.mark.django_db

URL = "/organisasi/pegawai/"


@pytest.fixture
def background(settings):
    settings.SAKIP_EXPORT_INLINE_ROWS = 1


def _rows(content):
    return [row for row in load_workbook(BytesIO(content)).active.iter_rows(values_only=True)]


def test_a_large_export_runs_in_the_worker_with_the_users_scope_and_filters(
    background, settings, client_for, demo, django_capture_on_commit_callbacks
):
    c = client_for("sekretaris")
    with django_capture_on_commit_callbacks(execute=True):
        response = c.get(URL + "?q=a&export=xlsx")
    assert response.status_code == 302 and response["Location"].startswith("/ekspor/")
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.PENDING and job.query == "q=a" and job.path == URL
    assert DBTaskResult.objects.filter(task_path="sakip.core.tasks.run_export").exists()  # queued on commit
    waiting = c.get(response["Location"])
    assert 'data-testid="export-job"' in waiting.content.decode() and "Menunggu giliran" in waiting.content.decode()

    run(job.pk)  # what the worker does
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.filename.endswith(".xlsx")
    poll = c.get(response["Location"] + "?fragment=1")
    assert poll.status_code == 204 and poll["HX-Refresh"] == "true"
    page = c.get(response["Location"]).content.decode()
    assert 'data-testid="export-download"' in page
    download = c.get(response["Location"] + "?download=1")
    assert download.status_code == 200
    background_rows = _rows(b"".join(download.streaming_content))
    settings.SAKIP_EXPORT_INLINE_ROWS = 100_000
    inline_rows = _rows(c.get(URL + "?q=a&export=xlsx").content)
    assert background_rows == inline_rows and len(inline_rows) > 2  # same filter, same scope, same file
    everyone = _rows(c.get(URL + "?export=xlsx").content)
    assert len(everyone) > len(inline_rows)  # the filter was applied
    assert PersonalDataExport.objects.filter(user__username="sekretaris", what__icontains="egawai").exists()


def test_another_user_cannot_see_or_download_the_job(background, client_for):
    response = client_for("sekretaris").get(URL + "?export=xlsx")
    run(ExportJob.objects.get().pk)
    other = client_for("kepala")
    assert other.get(response["Location"]).status_code == 404
    assert other.get(response["Location"] + "?download=1").status_code == 404


def test_a_failed_export_says_so(background, client_for):
    c = client_for("sekretaris")
    response = c.get(URL + "?export=xlsx")
    job = ExportJob.objects.get()
    ExportJob.objects.filter(pk=job.pk).update(path="/organisasi/tidak-ada/")
    job = run(job.pk)
    assert job.status == ExportJob.Status.FAILED
    page = c.get(response["Location"]).content.decode()
    assert 'data-testid="export-error"' in page and "Ekspor gagal" in page


def test_small_exports_stay_in_the_request(client_for):
    response = client_for("sekretaris").get(URL + "?export=xlsx")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert not ExportJob.objects.exists()


def test_cleanup_removes_day_old_exports(background, client_for):
    from datetime import timedelta

    from django.core.management import call_command

    client_for("sekretaris").get(URL + "?export=xlsx")
    job = run(ExportJob.objects.get().pk)
    path = export_dir() / f"{job.token}.xlsx"
    assert path.exists()
    ExportJob.objects.filter(pk=job.pk).update(created_at=job.created_at - timedelta(hours=25))
    call_command("cleanup_uploads", stdout=open("/dev/null", "w"))
    assert not path.exists() and not ExportJob.objects.exists()


def test_the_worker_request_is_addressed_to_the_site_from_the_client(settings, demo):
    """The replayed request is a plain HttpRequest for the site's own host (so it passes ALLOWED_HOSTS in
    production) from the address the export was asked from (the personal-data export log records it)."""
    from django.http import QueryDict

    from sakip.core import replay
    from sakip.organization.models import User

    settings.SITE_URL = "https://sakip.example.go.id"
    settings.ALLOWED_HOSTS = ["sakip.example.go.id"]
    user = User.objects.get(username="sekretaris")
    request = replay.get_request(URL, QueryDict("q=a&export=xlsx"), user=user, remote_addr="10.1.2.3")
    assert request.get_host() == "sakip.example.go.id" and request.META["REMOTE_ADDR"] == "10.1.2.3"
    assert request.GET["q"] == "a" and request.get_full_path() == URL + "?q=a&export=xlsx"
    assert request.user == user and not request.htmx
    request.sakip_background_export = True
    response = replay.run_view(request)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert request.resolver_match.url_name
