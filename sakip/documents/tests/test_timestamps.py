"""Trusted timestamps (docs/documents.md "Trusted timestamps"): with a TSA configured every signature carries an
RFC 3161 timestamp token that pyHanko validates against the demo CA; an unreachable TSA refuses the signature with
nothing numbered; the verification page shows the timestamp, and says plainly when a signature was applied after
the document's date (the demo's historical documents)."""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from sakip.core.pdf import render_pdf_from_html
from sakip.documents import services, signing, tsa
from sakip.documents.models import ArchivedDocument, NumberRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_tsa(settings):
    server = tsa.demo_tsa_server("127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SAKIP_TSA_URL = f"http://127.0.0.1:{server.server_address[1]}/"
    yield settings.SAKIP_TSA_URL
    server.shutdown()
    server.server_close()


def _issue(users, dinas, positions, **kw):
    return services.issue_document(
        user=users["kepala"],
        opd=dinas,
        doc_type="dokumen_pengukuran",
        subject="DPK bercap waktu",
        date=date.today(),
        pdf_bytes=render_pdf_from_html("<p>Dokumen Pengukuran Kinerja</p>"),
        klasifikasi="050",
        signer_position=positions["kepala"],
        sign=True,
        **kw,
    )


def test_signature_carries_a_validated_rfc3161_timestamp(demo_tsa, users, dinas, positions):
    doc = _issue(users, dinas, positions)
    data = doc.file.read()
    result = signing.validate_pdf(data)
    assert result["valid"], result
    stamp = result["signatures"][0]["timestamp"]
    assert stamp is not None and stamp["valid"] and stamp["trusted"], result["signatures"][0]["summary"]
    assert abs((stamp["time"] - doc.signed_at).total_seconds()) < 120
    assert signing.signature_timestamp(data) == stamp["time"]
    page = Client().get(doc.verification_url).content.decode()
    assert 'data-testid="verify-timestamp"' in page and "RFC 3161" in page
    assert 'data-testid="verify-signed-later"' not in page  # signed on its own date


def test_an_unreachable_tsa_refuses_and_numbers_nothing(settings, users, dinas, positions):
    settings.SAKIP_TSA_URL = "http://127.0.0.1:9/"  # discard port: nothing answers
    before = (NumberRecord.objects.count(), ArchivedDocument.objects.count())
    with pytest.raises(ValidationError, match="cap waktu"):
        _issue(users, dinas, positions)
    assert (NumberRecord.objects.count(), ArchivedDocument.objects.count()) == before


def test_without_a_tsa_no_token_and_the_page_says_so(settings, users, dinas, positions):
    settings.SAKIP_TSA_URL = ""
    doc = _issue(users, dinas, positions)
    data = doc.file.read()
    assert signing.validate_pdf(data)["signatures"][0]["timestamp"] is None
    assert signing.signature_timestamp(data) is None
    assert (
        "tidak ada: waktu tanda tangan menurut jam penanda tangan"
        in Client().get(doc.verification_url).content.decode()
    )


def test_a_historical_demo_document_says_its_signature_was_applied_later(dinas):
    statement = ArchivedDocument.objects.filter(opd=dinas, number="700/7327/2022").order_by("-version").first()
    assert statement.date == date(2022, 11, 21) and statement.signed_at.date() > statement.date
    page = Client().get(statement.verification_url).content.decode()
    assert 'data-testid="verify-signed-later"' in page
    assert "Dokumen ini bertanggal 21 November 2022" in page and "dibubuhkan kemudian" in page
