"""Browser journey: add an IKU → cascade it to a Kabid and a Kasi → give an employee an IKI → the tree
shows the chain and the gap disappears from the report → download the PK PDF and check its text."""

import shutil
import subprocess
from datetime import date

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

IKU = "Persentase korban bencana sosial yang pulih keberfungsian sosialnya"
KABID = "Meningkatnya pemulihan sosial korban bencana"
KASI = "Meningkatnya korban bencana yang mendapat layanan dukungan psikososial"
IKI = "Tersedianya data korban bencana penerima dukungan psikososial"


def _save(page):
    page.click("[data-testid=save-button]")
    page.wait_for_load_state()


def test_iku_to_iki_journey_and_pk_pdf(login_page, live_server, tmp_path):
    from sakip.planning.models import Indicator, Kinerja, Renstra

    year = date.today().year
    page = login_page("timsakip")
    renstra = Renstra.objects.get(opd__akronim="Dinsospermasdes", start_year__lte=year, end_year__gte=year)
    sasaran = Kinerja.objects.get(renstra=renstra, code="S1")

    # the gap before: the staff member of Seksi Perlindungan Sosial Korban Bencana has no IKI
    page.goto(f"{live_server.url}/perencanaan/pemeriksaan/?tahun={year}")
    assert "EKO PRASETYO" in page.inner_text("[data-testid=gap-list]")

    # 1. an IKU on the sasaran strategis
    page.goto(f"{live_server.url}/perencanaan/kinerja/{sasaran.pk}/indikator/tambah/")
    page.fill("#id_code", "IKU 5")
    page.fill("#id_name", IKU)
    page.check("#id_is_iku")
    page.fill("#id_satuan", "%")
    page.fill("#id_definition", "Korban bencana sosial yang setelah layanan kembali menjalankan fungsi sosialnya.")
    page.fill("#id_formula", "(korban pulih ÷ korban ditangani) × 100%")
    page.fill("#id_data_source", "Register layanan korban bencana")
    page.fill("#id_baseline", "55,5")
    _save(page)
    iku = Indicator.objects.get(name=IKU)
    page.fill(f"input[name=y{year}-value]", "70,5")
    page.click("[data-testid=save-targets]")
    page.wait_for_load_state()
    assert Indicator.objects.get(pk=iku.pk).targets.get(year=year).value == 70.5

    # 2. cascade to the Kabid (sasaran program) supporting that IKU
    page.goto(f"{live_server.url}/perencanaan/renstra/{renstra.pk}/kinerja/tambah/?parent={sasaran.pk}&tahun={year}")
    page.select_option("#id_position", label="Kepala Bidang Perlindungan dan Jaminan Sosial")
    page.select_option("#id_parent_indicator", label=f"IKU 5 {IKU}")
    page.fill("#id_statement", KABID)
    _save(page)
    kabid_node = Kinerja.objects.get(statement=KABID)
    page.goto(f"{live_server.url}/perencanaan/kinerja/{kabid_node.pk}/indikator/tambah/")
    page.fill("#id_name", "Persentase korban bencana yang mendapat pemulihan sosial")
    page.fill("#id_satuan", "%")
    _save(page)

    # 3. … and to the Kasi (sasaran kegiatan)
    page.goto(f"{live_server.url}/perencanaan/renstra/{renstra.pk}/kinerja/tambah/?parent={kabid_node.pk}&tahun={year}")
    page.select_option("#id_position", label="Kepala Seksi Perlindungan Sosial Korban Bencana")
    page.fill("#id_statement", KASI)
    _save(page)
    kasi_node = Kinerja.objects.get(statement=KASI)
    page.goto(f"{live_server.url}/perencanaan/kinerja/{kasi_node.pk}/indikator/tambah/")
    page.fill("#id_name", "Jumlah korban bencana yang mendapat dukungan psikososial")
    page.fill("#id_satuan", "orang")
    page.fill("#id_precision", "0")
    _save(page)
    page.fill(f"input[name=y{year}-value]", "240")
    page.click("[data-testid=save-targets]")
    page.wait_for_load_state()

    # 4. an IKI for the employee in that seksi
    page.goto(f"{live_server.url}/perencanaan/renstra/{renstra.pk}/kinerja/tambah/?parent={kasi_node.pk}&tahun={year}")
    page.select_option("#id_position", label="Pengelola Data Perlindungan Sosial Korban Bencana")
    page.fill("#id_statement", IKI)
    _save(page)
    iki_node = Kinerja.objects.get(statement=IKI)
    assert iki_node.year == year and iki_node.level == 4
    page.goto(f"{live_server.url}/perencanaan/kinerja/{iki_node.pk}/indikator/tambah/")
    page.fill("#id_name", "Persentase data korban bencana yang dimutakhirkan setiap bulan")
    page.fill("#id_satuan", "%")
    _save(page)

    # 5. the tree shows the chain IKU → Kabid → Kasi → IKI, nested
    page.goto(f"{live_server.url}/perencanaan/pohon-kinerja/?tahun={year}")
    chain = page.locator(
        f"[data-node='{sasaran.pk}'] [data-node='{kabid_node.pk}'] [data-node='{kasi_node.pk}'] "
        f"[data-node='{iki_node.pk}']"
    )
    assert chain.count() == 1
    assert IKI in chain.inner_text()
    page.screenshot(path=str(tmp_path / "pohon.png"), full_page=True)

    # 6. the gap is gone from the report
    page.goto(f"{live_server.url}/perencanaan/pemeriksaan/?tahun={year}")
    gaps = page.inner_text("[data-testid=gap-list]")
    assert "EKO PRASETYO" not in gaps and "LINA MARLINA" not in gaps
    assert IKU in page.inner_text("[data-testid=coverage-report]")

    # 7. the Kasi's PK, then its PDF
    page.goto(f"{live_server.url}/perencanaan/pk/susun/")
    page.select_option("#id_position", label="Kepala Seksi Perlindungan Sosial Korban Bencana")
    page.fill("#id_year", str(year))
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_url("**/perencanaan/pk/*/")
    assert page.inner_text("[data-testid=pk-status]") == "Draf"
    with page.expect_download() as info:
        page.click("[data-testid=pk-pdf]")
    pdf_path = tmp_path / "pk.pdf"
    info.value.save_as(pdf_path)
    if shutil.which("pdftotext") is None:  # pragma: no cover
        pytest.skip("pdftotext tidak tersedia")
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, check=True).stdout.decode().split()
    )
    assert "PERJANJIAN KINERJA" in text and f"TAHUN {year}" in text
    assert "LINA MARLINA" in text and "Kepala Bidang Perlindungan dan Jaminan Sosial" in text
    assert "Jumlah korban bencana yang mendapat dukungan psikososial" in text and "240 orang" in text
    assert "NIP." in text
