"""Issue 12 item 4: every view that takes a file is rate-limited (file-carrying POSTs only), and import preview
uploads do not stay behind: deleted when applied or refused, and by `manage.py cleanup_uploads` after a day."""

import os
import time
from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    settings.SAKIP_RATELIMIT_ENABLED = True
    settings.SAKIP_RATE_LIMITS = {"upload": "2/600", "verify": "60/60"}
    cache.clear()
    yield
    cache.clear()


def _file():
    return SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def test_file_posts_to_an_evidence_view_are_limited_and_other_actions_are_not(limits, client_for):
    from sakip.evaluation.models import Recommendation

    rec = Recommendation.objects.filter(finding__evaluation__opd__akronim="Dinsospermasdes").first()
    if rec is None:
        pytest.skip("The demo has no recommendation.")
    c = client_for("timsakip")
    url = reverse("evaluation:recommendation", args=[rec.pk])
    codes = [c.post(url, {"action": "evidence", "file": _file()}).status_code for _ in range(4)]
    assert 429 not in codes[:2] and codes[2:] == [429, 429]
    # A POST without a file (another action of the same page) is not counted as an upload.
    assert c.post(url, {"action": "none"}).status_code != 429


@pytest.mark.parametrize(
    "name,args",
    [("documents:certificate_add", []), ("organization:opd_edit", ["dinas"])],
)
def test_other_upload_views_are_limited(limits, client_for, demo, name, args):
    url = reverse(name, args=[demo["dinas"].pk] if args else [])
    c = client_for("kepala")
    codes = [c.post(url, {"file": _file()}).status_code for _ in range(3)]
    assert codes[-1] == 429 and 429 not in codes[:2]


def _workbook(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["OPD", "Nama unit", "Jenis", "Unit induk", "Nama singkat", "Urutan"])
    for row in rows:
        ws.append(row)
    buffer = BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("unit.xlsx", buffer.getvalue())


def _uploads():
    from sakip.core.imports import _upload_dir

    return sorted(_upload_dir().glob("*.xlsx"))


def test_a_refused_apply_deletes_its_upload_too(client_for):
    from sakip.core.imports import _upload_dir

    for path in _upload_dir().glob("*.xlsx"):
        path.unlink()
    c = client_for("sekretaris")
    preview = c.post(
        "/organisasi/unit/impor/", {"file": _workbook([["Dinsospermasdes", "Bidang Uji", "Bidang", "", "Uji", 9]])}
    )
    token = preview.context["token"]
    assert token and len(_uploads()) == 1
    c.post("/organisasi/unit/impor/", {"token": token})
    assert _uploads() == []
    # The token cannot be replayed once its file is gone.
    again = c.post("/organisasi/unit/impor/", {"token": token}, follow=True)
    assert "kedaluwarsa" in again.content.decode()


def test_cleanup_uploads_removes_previews_older_than_a_day(tmp_path):
    from sakip.core.imports import _upload_dir

    folder = _upload_dir()
    old, fresh = folder / "lama-uji.xlsx", folder / "baru-uji.xlsx"
    old.write_bytes(b"PK")
    fresh.write_bytes(b"PK")
    day_and_a_bit = time.time() - 25 * 3600
    os.utime(old, (day_and_a_bit, day_and_a_bit))
    call_command("cleanup_uploads", stdout=open(os.devnull, "w"))
    assert not old.exists() and fresh.exists()
    fresh.unlink()


def test_cleanup_uploads_removes_background_previews_older_than_a_day(users):
    """The preview jobs (core.ImportJob, with the rows of a file) go after a day like their uploads."""
    from datetime import timedelta

    from django.utils import timezone

    from sakip.core.models import ImportJob

    old = ImportJob.objects.create(token="lama-uji", user=users["sekretaris"], importer="x.Y")
    fresh = ImportJob.objects.create(token="baru-uji", user=users["sekretaris"], importer="x.Y")
    ImportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))
    call_command("cleanup_uploads", stdout=open(os.devnull, "w"))
    assert list(ImportJob.objects.filter(pk__in=[old.pk, fresh.pk]).values_list("token", flat=True)) == ["baru-uji"]
