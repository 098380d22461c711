"""Every page × every demo role: allowed → 200, forbidden → 403/404, never 500; constant queries."""

import hashlib

import pytest
from django.urls import reverse

from sakip.documents.models import ArchivedDocument, DocumentType, Letter

pytestmark = pytest.mark.django_db

ROLES = [
    "admin",
    "kepala",
    "sekretaris",
    "timsakip",
    "kabid",
    "kabid2",
    "kasi",
    "operator",
    "inspektorat",
    "pemda",
    "bappeda",
]
WRITERS = {"admin", "kepala", "sekretaris", "timsakip", "kabid", "kabid2", "kasi", "operator", "bappeda"}
ORG_MANAGERS = {"admin", "kepala", "sekretaris", "bappeda"}


def expected(page, role):
    if page in ("archive_detail", "archive_download", "letter_detail", "letter_preview", "letter_docx"):
        return 404 if role == "bappeda" else 200
    if page == "number_register":  # only the Sekretariat registers external numbers
        return 200 if role in {"admin", "sekretaris"} else 403
    if page == "letter_create":
        return 200 if role in WRITERS else 403
    if page == "doc_type_edit":
        return 200 if role == "admin" else 403
    if page == "certificates":
        return 200 if role in ORG_MANAGERS else 403
    return 200


@pytest.fixture
def urls(statement):
    letter = Letter.objects.get(document=statement)
    dtype = DocumentType.objects.get(code="surat_pengantar")
    return {
        "index": reverse("documents:index"),
        "archive_detail": reverse("documents:archive_detail", args=[statement.pk]),
        "archive_download": reverse("documents:archive_download", args=[statement.pk]),
        "agenda": reverse("documents:agenda"),
        "number_register": reverse("documents:number_register"),
        "letters": reverse("documents:letters"),
        "letter_create": reverse("documents:letter_create"),
        "letter_detail": reverse("documents:letter_detail", args=[letter.pk]),
        "letter_preview": reverse("documents:letter_preview", args=[letter.pk]),
        "letter_docx": reverse("documents:letter_docx", args=[letter.pk]),
        "retention": reverse("documents:retention"),
        "klasifikasi": reverse("documents:klasifikasi"),
        "doc_types": reverse("documents:doc_types"),
        "doc_type_edit": reverse("documents:doc_type_edit", args=[dtype.pk]),
        "certificates": reverse("documents:certificates"),
    }


PAGES = [
    "index",
    "archive_detail",
    "archive_download",
    "agenda",
    "number_register",
    "letters",
    "letter_create",
    "letter_detail",
    "letter_docx",
    "retention",
    "klasifikasi",
    "doc_types",
    "doc_type_edit",
    "certificates",
]


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, urls, client_for):
    client = client_for(role)
    for page in PAGES:
        response = client.get(urls[page])
        assert response.status_code == expected(page, role), f"{page} as {role}: {response.status_code}"


def test_letter_preview_is_a_pdf(urls, client_for):
    response = client_for("kabid").get(urls["letter_preview"])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_anonymous_users_are_sent_to_login_but_verification_is_public(urls, client, statement):
    for page in ("index", "archive_download", "agenda", "letters"):
        assert client.get(urls[page]).status_code == 302
    assert client.get(statement.verification_url).status_code == 200


def test_excel_exports(client_for, urls):
    for page in ("index", "agenda", "letters", "retention"):
        response = client_for("sekretaris").get(urls[page], {"export": "xlsx"})
        assert response.status_code == 200 and "spreadsheet" in response["Content-Type"]


def test_agenda_search_finds_the_seed_number(client_for, urls):
    html = client_for("timsakip").get(urls["agenda"], {"q": "7327"}).content.decode()
    assert "700/7327/2022" in html and "700/7328/2022" not in html


def test_archive_search_by_verification_code(client_for, urls, statement):
    html = client_for("inspektorat").get(urls["index"], {"q": statement.code_display}).content.decode()
    assert "700/7327/2022" in html


def _fill_archive(dinas, n):
    dtype = DocumentType.objects.get(code="lainnya")
    ArchivedDocument.objects.bulk_create(
        [
            ArchivedDocument(
                opd=dinas,
                doc_type=dtype,
                subject=f"Dokumen {i}",
                date="2026-01-01",
                file=f"arsip/x{i}.pdf",
                sha256=hashlib.sha256(f"q{i}".encode()).hexdigest(),
                verification_code=f"QQQQ{i:04d}"[:8],
            )
            for i in range(n)
        ]
    )


@pytest.mark.parametrize("n", [5, 50])
def test_archive_list_queries_do_not_grow(n, dinas, client_for, django_assert_max_num_queries):
    _fill_archive(dinas, n)
    client = client_for("sekretaris")
    with django_assert_max_num_queries(14):
        assert client.get(reverse("documents:index")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("documents:retention")).status_code == 200


def test_register_external_number_form(client_for):
    client = client_for("sekretaris")
    from sakip.organization.models import OPD

    dinas = OPD.objects.get(akronim="Dinsospermasdes")
    dtype = DocumentType.objects.get(code="surat_pengantar")
    bad = client.post(
        reverse("documents:number_register"),
        {"opd": dinas.pk, "doc_type": dtype.pk, "number": "700/7327/2022", "date": "2022-11-21", "subject": "dup"},
    )
    assert bad.status_code == 400 and "sudah tercatat" in bad.content.decode()
    from django.db.models import Max

    from sakip.documents.models import NumberRecord

    last = NumberRecord.objects.filter(opd=dinas, year=2022, sequence_key=dtype.sequence_key).aggregate(m=Max("urut"))[
        "m"
    ]
    far = client.post(
        reverse("documents:number_register"),
        {"opd": dinas.pk, "doc_type": dtype.pk, "number": "005/1000000/2099", "date": "2099-12-20", "subject": "x"},
    )
    assert far.status_code == 400 and "terlalu jauh" in far.content.decode()
    assert not NumberRecord.objects.filter(opd=dinas, number="005/1000000/2099").exists()
    ok = client.post(
        reverse("documents:number_register"),
        {
            "opd": dinas.pk,
            "doc_type": dtype.pk,
            "number": f"000/{last + 5}/2022",
            "date": "2022-12-20",
            "subject": "Surat lama",
        },
    )
    assert ok.status_code == 302


def test_cancel_number_form_needs_a_reason(client_for, dinas):
    from datetime import date

    from sakip.documents.services import next_number

    record = next_number(opd=dinas, doc_type="surat_pengantar", date=date(2026, 5, 5), klasifikasi="000", subject="x")
    client = client_for("sekretaris")
    url = reverse("documents:number_cancel", args=[record.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Konsep dibatalkan"}).status_code == 302
    assert client_for("inspektorat").post(url, {"reason": "x"}).status_code == 403


def test_background_job_ready_indicator(users, positions, client_for):
    from datetime import date

    from sakip.documents import services

    job = services.issue_document_async(
        user=users["kepala"],
        opd=users["kepala"].opd,
        doc_type="lhe",
        subject="LHE berat",
        date=date(2035, 1, 5),
        html_template="documents/print/surat_pernyataan.html",
        context={"paragraphs": ["Isi"]},
        klasifikasi="700",
    )
    url = reverse("documents:job_status", args=[job.pk])
    client = client_for("kepala")
    pending = client.get(url).content.decode()
    assert 'data-status="pending"' in pending and 'hx-trigger="every 2s"' in pending
    services.run_job(job.pk)
    done = client.get(url).content.decode()
    assert 'data-status="done"' in done and "hx-get" not in done and "Siap" in done
    assert client_for("bappeda").get(url).status_code == 404


def test_make_signing_ca_issues_one_certificate_per_demo_signer():
    import io

    from django.core.management import call_command

    from sakip.documents.models import SigningCertificate

    out = io.StringIO()
    call_command("make_signing_ca", stdout=out)
    text = out.getvalue()
    assert "CA demo" in text and "SUGENG AMIN" in text and "Selesai" in text
    assert SigningCertificate.objects.filter(employee__name="ARIF PRASETYO", active=True).exists()  # the Bupati
    again = io.StringIO()
    call_command("make_signing_ca", stdout=again)
    assert "sertifikat demo baru" not in again.getvalue()
