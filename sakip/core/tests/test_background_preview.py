"""A large import upload is previewed by the task worker, not in the web request (docs/security.md,
"Bounded work"): the page shows the progress indicator, then the same preview the request would have shown,
and the apply works from it; the job belongs to its user; a failed preview says so."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult
from openpyxl import Workbook

from sakip.core.imports import run_background_preview
from sakip.core.models import ImportJob
from sakip.organization.models import Unit

pytestmark = pytest.mark.django_db

URL = "/organisasi/unit/impor/"


def _upload(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["OPD", "Nama unit", "Jenis", "Unit induk", "Nama singkat", "Urutan"])
    for row in rows:
        ws.append(row)
    buffer = BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("unit.xlsx", buffer.getvalue())


@pytest.fixture
def background(settings):
    settings.SAKIP_IMPORT_INLINE_BYTES = 0  # every upload goes to the worker


def test_a_large_upload_is_previewed_by_the_worker_then_applied(
    background, client_for, django_capture_on_commit_callbacks
):
    c = client_for("sekretaris")
    with django_capture_on_commit_callbacks() as callbacks:
        response = c.post(URL, {"file": _upload([["Dinsospermasdes", "Bidang Latar", "Bidang", "", "Latar", 9]])})
    assert response.status_code == 302 and "?job=" in response["Location"]
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.PENDING and len(callbacks) == 1  # handed to the worker on commit
    callbacks[0]()
    queued = DBTaskResult.objects.get(task_path="sakip.core.tasks.preview_import")
    assert queued.args_kwargs["args"] == [job.pk]
    waiting = c.get(response["Location"])
    assert waiting.status_code == 200 and 'data-testid="import-job"' in waiting.content.decode()
    assert "Menunggu giliran" in waiting.content.decode() and not waiting.context.get("rows")
    poll = c.get(response["Location"] + "&fragment=1")
    assert poll.status_code == 200 and "every 2s" in poll.content.decode()

    run_background_preview(job.pk)  # what the task does
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.row_count == 1 and job.result["ok"] is True
    assert not Unit.objects.filter(name="Bidang Latar").exists()  # a preview writes nothing

    done_poll = c.get(response["Location"] + "&fragment=1")
    assert done_poll.status_code == 204 and done_poll["HX-Refresh"] == "true"
    page = c.get(response["Location"])
    assert page.context["ok"] is True and page.context["rows"][0].data["name"] == "Bidang Latar"
    token = page.context["token"]
    assert token == job.token and 'data-testid="apply-import"' in page.content.decode()

    applied = c.post(URL, {"token": token})
    assert applied.status_code == 302
    assert Unit.objects.filter(name="Bidang Latar", opd__akronim="Dinsospermasdes").exists()
    assert not ImportJob.objects.filter(token=token).exists()


def test_row_errors_come_back_from_the_worker_and_nothing_can_be_applied(background, client_for):
    c = client_for("sekretaris")
    response = c.post(URL, {"file": _upload([["Dinsospermasdes", "Bidang X", "Bukan jenis", "", "X", 1]])})
    job = run_background_preview(ImportJob.objects.get().pk)
    assert job.result["ok"] is False and job.result["rows"][0]["errors"]
    page = c.get(response["Location"])
    assert page.context["ok"] is False and page.context["token"] == ""
    assert 'data-testid="row-error"' in page.content.decode()


def test_the_job_belongs_to_its_user(background, client_for):
    response = client_for("sekretaris").post(URL, {"file": _upload([["Dinsospermasdes", "B", "Bidang", "", "B", 1]])})
    assert client_for("kepala").get(response["Location"]).status_code == 404


def test_an_unreadable_file_fails_with_a_message_not_forever(background, client_for):
    c = client_for("sekretaris")
    bad = SimpleUploadedFile("rusak.xlsx", b"PK\x03\x04" + b"\x00" * 200)
    response = c.post(URL, {"file": bad})
    job = run_background_preview(ImportJob.objects.get().pk)
    assert job.status == ImportJob.Status.FAILED and job.error
    page = c.get(response["Location"])
    assert page.status_code == 200 and page.context["abort"] == job.error
    assert 'data-testid="import-job"' not in page.content.decode()


def test_small_uploads_are_still_previewed_at_once(client_for):
    response = client_for("sekretaris").post(URL, {"file": _upload([["Dinsospermasdes", "B", "Bidang", "", "B", 1]])})
    assert response.status_code == 200 and response.context["rows"] and not ImportJob.objects.exists()
