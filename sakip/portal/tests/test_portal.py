"""The public portal (issue 17 item 5): only published items, nothing personal, 404 for what is not
public, served from the cache, and the publish / withdraw action of the OPD's Kepala and Tim SAKIP."""

import json
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sakip.documents.models import ArchivedDocument
from sakip.organization.models import OPD, Employee, Pemda
from sakip.planning.models import PerjanjianKinerja
from sakip.portal import services
from sakip.portal.models import Publication
from sakip.reporting.models import Lkjip

# An 18-digit NIP, written together or in its 8 6 1 3 groups (sakip.organization.nip).
NIP = re.compile(r"(?<!\d)\d{8}\s?\d{6}\s?\d\s?\d{3}(?!\d)")


@pytest.fixture
def anon():
    return Client()


def _pages(anon, demo):
    pemda, dinas = demo["pemda"], demo["dinas"]
    urls = [
        f"/publik/{pemda.pk}/",
        f"/publik/{pemda.pk}/opd/{dinas.pk}/",
        f"/publik/{pemda.pk}/data.csv",
        f"/publik/{pemda.pk}/data.json",
        "/publik/sitemap.xml",
    ]
    out = {}
    for url in urls:
        response = anon.get(url)
        assert response.status_code == 200, url
        out[url] = response.content.decode()
    return out


def test_demo_publishes_the_2022_documents(demo):
    pubs = Publication.objects.filter(opd=demo["dinas"], published_at__isnull=False)
    kinds = sorted(pubs.values_list("kind", flat=True))
    assert kinds == ["dpk", "dpk", "dpk", "dpk", "lkjip", "pk", "renstra"]
    assert set(pubs.exclude(kind="renstra").values_list("year", flat=True)) == {2022}
    assert all(p.published_by.username == "timsakip" for p in pubs)


def test_portal_shows_only_published_items(anon, demo):
    dinas = demo["dinas"]
    html = anon.get(f"/publik/{demo['pemda'].pk}/opd/{dinas.pk}/").content.decode()
    published = ArchivedDocument.objects.filter(publication__published_at__isnull=False, opd=dinas)
    assert published.count() == 5
    for doc in published:
        assert doc.verification_code[:4] in html  # its verification code (link and QR)
        assert f"/publik/{demo['pemda'].pk}/dokumen/{doc.publication.pk}/" in html
    # Letters, notes, the Surat Pernyataan: never published, never shown.
    for doc in ArchivedDocument.objects.filter(opd=dinas).exclude(publication__published_at__isnull=False):
        assert doc.subject not in html
    # A withdrawn document disappears; the other stay.
    lkjip_doc = Lkjip.objects.get(opd=dinas, year=2022).document
    services.withdraw(user=_user("timsakip"), target=lkjip_doc)
    html = anon.get(f"/publik/{demo['pemda'].pk}/opd/{dinas.pk}/").content.decode()
    assert lkjip_doc.subject not in html and "Capaian IKU per tahun" not in html  # the figures came with the LKjIP
    assert "Dokumen Pengukuran Kinerja Dinsospermasdes TW IV Tahun 2022" in html


def test_nothing_personal_and_no_draft(anon, demo):
    nips = [n for n in Employee.objects.exclude(nip__isnull=True).exclude(nip="").values_list("nip", flat=True)]
    assert nips
    draft_pk = PerjanjianKinerja.objects.filter(opd=demo["dinas"], status="draft").first()
    for url, text in _pages(anon, demo).items():
        assert not NIP.search(text), url
        for nip in nips:
            assert nip not in text, url
        assert "Draf" not in text and "draft" not in text.lower(), url
        if draft_pk is not None:
            assert f"PK {draft_pk.year} {draft_pk.position.display_short}" not in text


def test_open_data_matches_the_published_lkjip(anon, demo):
    from sakip.reporting import lkjip as L

    lk = Lkjip.objects.get(opd=demo["dinas"], year=2022)
    ikus = [r for s in L.hydrate(lk.current.data)["sasaran"] for r in s["rows"] if r["is_iku"]]
    data = json.loads(anon.get(f"/publik/{demo['pemda'].pk}/data.json").content)
    assert len(data["rows"]) == len(ikus) > 0
    assert {(r["code"], r["capaian"]) for r in data["rows"]} == {(r["code"], str(r["capaian"])) for r in ikus}
    csv_text = anon.get(f"/publik/{demo['pemda'].pk}/data.csv").content.decode()
    assert csv_text.splitlines()[0].startswith("opd,opd_name,year,code,indicator")
    assert len(csv_text.strip().splitlines()) == len(ikus) + 1
    assert anon.get(f"/publik/{demo['pemda'].pk}/data.xml").status_code == 404


def test_404_for_unpublished_withdrawn_and_other_pemda(anon, demo):
    pemda = demo["pemda"]
    pub = Publication.objects.filter(opd=demo["dinas"], kind="dpk", published_at__isnull=False).first()
    assert anon.get(f"/publik/{pemda.pk}/dokumen/{pub.pk}/").status_code == 200
    other = Pemda.objects.create(kind=Pemda.Kind.KOTA, name="Contoh")
    assert anon.get(f"/publik/{other.pk}/dokumen/{pub.pk}/").status_code == 404  # another Pemda's id
    assert anon.get(f"/publik/{pemda.pk}/dokumen/999999/").status_code == 404
    # The document's archive id is not a publication id, and a non-document publication has no file.
    renstra = Publication.objects.get(opd=demo["dinas"], kind="renstra")
    assert anon.get(f"/publik/{pemda.pk}/dokumen/{renstra.pk}/").status_code == 404
    services.withdraw(user=_user("timsakip"), target=pub.document)
    assert anon.get(f"/publik/{pemda.pk}/dokumen/{pub.pk}/").status_code == 404
    # An OPD with nothing published has no page; an OPD of another Pemda neither.
    assert anon.get(f"/publik/{pemda.pk}/opd/{demo['inspektorat'].pk}/").status_code == 404
    assert anon.get(f"/publik/{other.pk}/opd/{demo['dinas'].pk}/").status_code == 404


def test_pages_are_served_from_the_cache(anon, demo):
    url = f"/publik/{demo['pemda'].pk}/opd/{demo['dinas'].pk}/"
    first = anon.get(url)
    assert first["X-Portal-Cache"] == "miss"
    with CaptureQueriesContext(connection) as ctx:
        second = anon.get(url)
    assert second["X-Portal-Cache"] == "hit" and len(ctx) == 0
    assert second.content == first.content
    # Publishing or withdrawing shows at once (a new cache generation).
    doc = Lkjip.objects.get(opd=demo["dinas"], year=2022).document
    services.withdraw(user=_user("timsakip"), target=doc)
    third = anon.get(url)
    assert third["X-Portal-Cache"] == "miss" and doc.subject.encode() not in third.content


def test_portal_is_indonesian_whatever_the_cookie(demo):
    c = Client()
    c.cookies["django_language"] = "en"
    html = c.get(f"/publik/{demo['pemda'].pk}/opd/{demo['dinas'].pk}/").content.decode()
    assert 'lang="id"' in html and "Dokumen bertanda tangan" in html


def _user(username):
    from sakip.organization.models import User

    return User.objects.get(username=username)


def _fresh_doc(demo):
    doc = ArchivedDocument.objects.get(
        opd=demo["dinas"], doc_type__code="dokumen_pengukuran", subject__contains="TW I Tahun 2022"
    )
    services.withdraw(user=_user("timsakip"), target=doc)
    return doc


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("timsakip", 302),
        ("kepala", 302),
        ("admin", 302),
        ("sekretaris", 403),
        ("kabid", 403),
        ("operator", 403),
        ("pemda", 403),
        ("inspektorat", 403),
        ("bappeda", 404),
    ],
)
def test_publish_action_permission_matrix(client_for, demo, username, status):
    doc = _fresh_doc(demo)
    response = client_for(username).post(f"/publik/kelola/dokumen/{doc.pk}/publikasikan/", {"next": "/"})
    assert response.status_code == status
    pub = Publication.objects.get(document=doc)
    assert pub.is_published == (status == 302)


def test_publish_is_audited_and_withdraw_keeps_the_record(client_for, demo):
    doc = _fresh_doc(demo)
    client_for("kepala").post(f"/publik/kelola/dokumen/{doc.pk}/publikasikan/")
    pub = Publication.objects.get(document=doc)
    assert pub.is_published and pub.published_by.username == "kepala"
    last = pub.history.order_by("-history_date", "-history_id").first()
    assert last.history_user.username == "kepala" and last.published_at is not None
    client_for("timsakip").post(f"/publik/kelola/dokumen/{doc.pk}/tarik/")
    pub.refresh_from_db()
    assert not pub.is_published
    assert pub.history.order_by("-history_date", "-history_id").first().history_user.username == "timsakip"


def test_button_only_for_those_allowed(client_for, demo):
    doc = Lkjip.objects.get(opd=demo["dinas"], year=2022).document
    mine = client_for("timsakip").get(doc.get_absolute_url()).content.decode()
    assert 'data-testid="withdraw"' in mine and "Dipublikasikan di portal publik sejak" in mine
    theirs = client_for("kabid").get(doc.get_absolute_url()).content.decode()
    assert 'data-testid="withdraw"' not in theirs and 'data-testid="publish"' not in theirs
    assert "Dipublikasikan di portal publik sejak" in theirs
    # A letter is not publishable: no panel at all.
    letter = ArchivedDocument.objects.filter(opd=demo["dinas"], doc_type__code="surat_pengantar").first()
    assert (
        'data-testid="publication-panel"' not in client_for("timsakip").get(letter.get_absolute_url()).content.decode()
    )


def test_refusals_change_nothing(demo, users):
    letter = ArchivedDocument.objects.filter(opd=demo["dinas"], doc_type__code="surat_pengantar").first()
    with pytest.raises(ValidationError, match="Hanya LKjIP dan Dokumen Pengukuran Kinerja"):
        services.publish(user=users["timsakip"], target=letter)
    assert not Publication.objects.filter(document=letter).exists()
    doc = Lkjip.objects.get(opd=demo["dinas"], year=2022).document
    with pytest.raises(ValidationError, match="Sudah dipublikasikan"):
        services.publish(user=users["timsakip"], target=doc)
    with pytest.raises(PermissionDenied):
        services.withdraw(user=users["operator"], target=doc)
    assert Publication.objects.get(document=doc).is_published
    draft = PerjanjianKinerja.objects.filter(status="draft").first()
    if draft is not None:
        with pytest.raises(ValidationError, match="belum ditandatangani"):
            services.publish(user=users["admin"], target=draft)


def test_sitemap_lists_the_published_opd(anon, demo):
    xml = anon.get("/publik/sitemap.xml").content.decode()
    assert f"/publik/{demo['pemda'].pk}/opd/{demo['dinas'].pk}/" in xml
    assert f"/publik/{demo['pemda'].pk}/opd/{demo['bappeda'].pk}/" not in xml
    assert OPD.objects.filter(pk=demo["bappeda"].pk).exists()
