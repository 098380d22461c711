"""Evidence uploads: content-checked, size-limited, hashed; a replacement keeps the old file."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sakip.measurement import services as S
from sakip.measurement.minipdf import make_pdf
from sakip.measurement.models import Evidence

from .conftest import submission

pytestmark = pytest.mark.django_db


def pdf(name="bukti.pdf", text="bukti"):
    return SimpleUploadedFile(name, make_pdf([text]), content_type="application/pdf")


def test_upload_is_hashed_and_downloadable_by_the_unit_only_before_submission(open_period, users, client_for):
    row = submission(open_period, "Rehsos").rows.first()
    upload = pdf()
    evidence = S.add_evidence(user=users["operator"], row=row, upload=upload)
    assert evidence.kind == "pdf" and evidence.sha256 == hashlib.sha256(make_pdf(["bukti"])).hexdigest()
    response = client_for("kabid").get(reverse("measurement:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert client_for("kabid2").get(reverse("measurement:evidence_download", args=[evidence.pk])).status_code == 404


def test_an_executable_renamed_pdf_is_refused(open_period, users, client_for):
    row = submission(open_period, "Rehsos").rows.first()
    fake = SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00\x03" + b"\x00" * 500, content_type="application/pdf")
    with pytest.raises(ValidationError, match="program Windows"):
        S.add_evidence(user=users["operator"], row=row, upload=fake)
    fake.seek(0)
    response = client_for("operator").post(
        reverse("measurement:evidence_upload", args=[row.pk]), {"file": fake}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400 and "ditolak" in response.content.decode()
    assert not Evidence.objects.filter(realisasi=row).exists()


def test_the_size_limit_comes_from_settings(open_period, users, settings):
    settings.SAKIP_MAX_UPLOAD_BYTES = 200
    row = submission(open_period, "Rehsos").rows.first()
    with pytest.raises(ValidationError, match="terlalu besar"):
        S.add_evidence(user=users["operator"], row=row, upload=pdf(text="x" * 400))


def test_a_replacement_keeps_the_old_file(open_period, users):
    row = submission(open_period, "Rehsos").rows.first()
    old = S.add_evidence(user=users["operator"], row=row, upload=pdf("v1.pdf", "versi satu"))
    new = S.add_evidence(user=users["operator"], row=row, upload=pdf("v2.pdf", "versi dua"), replaces=old)
    old = Evidence.objects.get(pk=old.pk)
    assert not old.active and new.active and new.replaces_id == old.pk
    assert old.file.storage.exists(old.file.name) and new.file.storage.exists(new.file.name)
    with pytest.raises(ValidationError, match="sudah diganti"):
        S.add_evidence(user=users["operator"], row=row, upload=pdf("v3.pdf", "versi tiga"), replaces=old)
    with pytest.raises(ValidationError, match="sama persis"):
        S.add_evidence(user=users["operator"], row=row, upload=pdf("v2b.pdf", "versi dua"))
