import subprocess

import pytest


@pytest.fixture
def dinas(demo):
    return demo["dinas"]


@pytest.fixture
def positions(dinas):
    from sakip.organization.models import Position

    return {
        "kepala": Position.objects.get(opd=dinas, is_opd_head=True),
        "sekretaris": Position.objects.get(opd=dinas, name__startswith="Sekretaris Dinas"),
        "kasubbag": Position.objects.get(opd=dinas, name="Kepala Subbagian Perencanaan dan Keuangan"),
        "kabid_rehsos": Position.objects.get(opd=dinas, name="Kepala Bidang Rehabilitasi Sosial"),
        "kasi": Position.objects.get(opd=dinas, name="Kepala Seksi Rehabilitasi Sosial Anak dan Lanjut Usia"),
        "bupati": Position.objects.get(name="Bupati Banyumas"),
    }


@pytest.fixture
def statement(dinas):
    """The demo's Surat Pernyataan 700/7327/2022 (generated and signed while the demo loaded)."""
    from sakip.documents.models import ArchivedDocument

    return ArchivedDocument.objects.filter(opd=dinas, number="700/7327/2022").order_by("-version").first()


def pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode()
