"""The draft document (every unit's figures) is for the coordinators and the Kepala; once signed,
the archived document is served."""

import pytest
from django.urls import reverse

from sakip.measurement.models import Period

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(demo):
    return Period.objects.get(opd=demo["dinas"], status=Period.Status.BERJALAN)


def test_draft_pdf_and_docx_for_the_coordinators(running, client_for):
    client = client_for("timsakip")
    pdf = client.get(reverse("reporting:dpk_preview", args=[running.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    docx = client.get(reverse("reporting:dpk_docx", args=[running.pk]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"


@pytest.mark.parametrize("role", ["kabid", "operator", "inspektorat"])
def test_draft_is_not_for_unit_users_or_readers(running, client_for, role):
    assert client_for(role).get(reverse("reporting:dpk_preview", args=[running.pk])).status_code == 403


def test_signed_period_serves_the_archive(demo, client_for):
    period = Period.objects.get(opd=demo["dinas"], year=2022, triwulan=2)
    response = client_for("inspektorat").get(reverse("reporting:dpk_preview", args=[period.pk]))
    assert response.status_code == 302 and response["Location"] == period.dpk_document.download_url
