"""The ESR package (sakip.reporting.esr): what it holds and lacks per OPD, the archive and its manifest, the page
and the command, the permissions. And the reporting pages' tabs drawn once."""

import hashlib
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from sakip.organization.models import OPD, Pemda
from sakip.reporting import esr
from sakip.reporting.models import Lkjip

pytestmark = pytest.mark.django_db


def _pemda():
    return Pemda.objects.get(name="Banyumas")


def test_the_plan_lists_every_opd_and_says_what_is_missing(django_assert_max_num_queries):
    pemda = _pemda()
    with django_assert_max_num_queries(8):
        plans = esr.plan(pemda, 2022)
    assert [p.opd for p in plans[:-1]] == list(OPD.objects.filter(pemda=pemda).order_by("name"))
    dinas = next(p for p in plans if p.opd and p.opd.akronim == "Dinsospermasdes")
    kinds = {i.kind: i for i in dinas.items}
    lkjip = Lkjip.objects.get(opd=dinas.opd, year=2022)
    assert kinds["lkjip"].document == lkjip.document and kinds["lkjip"].present
    assert kinds["renstra_iku"].present
    bappeda = next(p for p in plans if p.opd and p.opd.akronim == "Bappedalitbang")
    assert any(i.missing for i in bappeda.items)
    assert plans[-1].opd is None and plans[-1].items[0].kind == "lkjip_pemda"


def test_the_archive_holds_the_archived_files_unchanged_and_a_manifest():
    buffer = io.BytesIO()
    manifest = esr.build(_pemda(), 2022, buffer)
    archive = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    assert json.loads(archive.read("manifest.json")) == manifest
    names = set(archive.namelist())
    for entry in manifest["files"]:
        data = archive.read(entry["path"])
        assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["bytes"]
    dinas_lkjip = Lkjip.objects.get(opd__akronim="Dinsospermasdes", year=2022)
    lkjip_entry = next(e for e in manifest["files"] if e["kind"] == "lkjip" and e["opd"] == dinas_lkjip.opd.name)
    assert lkjip_entry["sha256"] == dinas_lkjip.document.sha256 and lkjip_entry["number"] == dinas_lkjip.document.number
    assert "/verifikasi/" in lkjip_entry["verification_url"]
    book = next(n for n in names if n.startswith("dinsospermasdes/renstra-iku"))
    wb = load_workbook(io.BytesIO(archive.read(book)), read_only=True)
    assert wb.sheetnames[0] == "Renstra" and any(name.startswith("IKU") for name in wb.sheetnames)
    assert manifest["missing"] and all(m["reason"] for m in manifest["missing"])


def test_the_page_for_pemda_readers_and_refused_to_an_opd(client_for):
    page = client_for("pemda").get("/pelaporan/pemda/esr/", {"tahun": "2022"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Dinas Sosial" in text and "Unduh paket ESR" in text and "belum" in text
    assert client_for("kepala").get("/pelaporan/pemda/esr/").status_code == 403
    assert client_for("inspektorat").get("/pelaporan/pemda/esr/", {"tahun": "abc"}).status_code == 200


def test_the_download_goes_through_the_task_worker(client_for):
    from sakip.core import exports
    from sakip.core.models import ExportJob

    client = client_for("pemda")
    response = client.get("/pelaporan/pemda/esr/", {"tahun": "2022", "export": "zip"})
    assert response.status_code == 302
    job = ExportJob.objects.latest("pk")
    exports.run(job.pk)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.filename.endswith("2022.zip")
    download = client.get(f"/ekspor/{job.token}/", {"download": "1"})
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert "manifest.json" in archive.namelist()


def test_the_command_writes_the_package(tmp_path, capsys):
    out = tmp_path / "esr.zip"
    call_command("esr_package", "--year", "2022", "-o", str(out))
    assert zipfile.ZipFile(out).read("manifest.json")
    assert "berkas" in capsys.readouterr().out


def test_the_lkjip_pages_show_the_reporting_tabs_once(client_for):
    client = client_for("kepala")
    lkjip = Lkjip.objects.get(opd__akronim="Dinsospermasdes", year=2022)
    for url in ("/pelaporan/lkjip/", lkjip.get_absolute_url()):
        page = client.get(url).content.decode()
        assert page.count('data-testid="subnav"') == 1, url
