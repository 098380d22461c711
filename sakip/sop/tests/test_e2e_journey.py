"""Browser journey: paste the seed's table → preview → save → the flowchart shows 14 steps → the lint
shows "Kepala Badan" → fix → clean → download the PDF."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SEED = (Path(__file__).parent / "data" / "seed_procedure.tsv").read_text(encoding="utf-8")
# A careful reading of the seed assigns each step to a lane (the marks were lost when it was copied).
MARKS = [[0], [2], [2], [2], [0, 1, 2, 3], [3], [3], [3], [0], [1], [0], [2], [2], [2]]
# The fix: each step written for this Dinas, in its own words (no Badan roles, no copied text).
REWRITTEN = [
    "Menerbitkan disposisi pengukuran kinerja triwulanan kepada Tim SAKIP",
    "Menyiapkan formulir capaian indikator untuk setiap unit kerja",
    "Mengirimkan formulir capaian kepada setiap unit kerja",
    "Menyiapkan undangan rapat koordinasi pengukuran",
    "Rapat koordinasi menyepakati jadwal dan sumber data",
    "Merekap isian realisasi dari setiap unit kerja",
    "Memeriksa kelengkapan bukti dukung realisasi",
    "Menghitung capaian setiap indikator kinerja",
    "Menelaah draf dokumen pengukuran kinerja",
    "Mengajukan dokumen untuk ditandatangani",
    "Menandatangani dokumen pengukuran kinerja",
    "Membuat dan menomori surat pengantar",
    "Menggandakan dokumen sesuai kebutuhan",
    "Menyimpan dokumen dan bukti dukung dalam arsip",
]


def test_paste_fix_and_download(login_page, tmp_path):
    page = login_page("timsakip")
    page.get_by_test_id("main-nav").get_by_role("link", name="SOP").click()
    page.get_by_test_id("paste-button").click()
    page.fill("#id_number", "061.1/400")
    page.fill("#id_judul", "Pengukuran Kinerja Triwulanan")
    page.get_by_test_id("paste-area").fill(SEED)
    page.get_by_test_id("preview-button").click()

    expect(page.get_by_test_id("preview-count")).to_have_text("14")
    expect(page.get_by_test_id("preview-total")).to_contain_text("795")
    expect(page.get_by_test_id("preview-row")).to_have_count(14)
    for step, lanes in enumerate(MARKS, start=1):
        for lane in lanes:
            page.get_by_test_id(f"mark-{step}-{lane}").check()
    page.get_by_test_id("save-import").click()

    flowchart = page.get_by_test_id("flowchart")
    expect(flowchart.locator("g.sop-text")).to_have_count(14)
    for n in range(1, 15):
        expect(flowchart.locator(f'g.sop-shape[data-step="{n}"]').first).to_be_visible()
    expect(page.get_by_test_id("total-time")).to_contain_text("13 jam 15 menit")

    page.get_by_test_id("tab-lint").click()
    findings = page.get_by_test_id("findings")
    expect(findings).to_contain_text("Kepala Badan")
    expect(findings).to_contain_text("Kasubbid Data")
    expect(findings).to_contain_text("Bappedalitbang")
    expect(page.get_by_test_id("lint-status")).to_have_text("Perlu perbaikan")

    # Fix the steps: the Dinas's own wording, and the core steps marked as langkah utama.
    page.get_by_test_id("tab-procedure").click()
    page.get_by_test_id("edit-steps").click()
    rows = page.get_by_test_id("step-row")
    for i, text in enumerate(REWRITTEN):
        rows.nth(i).locator("textarea[data-field=uraian]").fill(text)
        if 4 <= i <= 8:
            rows.nth(i).locator("input[data-field=utama]").check()
    page.get_by_test_id("save-steps").click()
    expect(page.get_by_test_id("flowchart")).to_contain_text("Menelaah draf dokumen")

    # Fix the identity page.
    page.get_by_test_id("version-tabs").get_by_role("link", name="Identitas").click()
    page.get_by_test_id("edit-identity").click()
    page.fill("#id_effective_on", "2026-01-05")
    page.fill(
        "#id_dasar_hukum",
        "Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang SOP di Lingkungan Pemerintah Provinsi "
        "dan Kabupaten/Kota",
    )
    page.fill("#id_kualifikasi_pelaksana", "Memahami indikator kinerja Dinsospermasdes")
    page.fill("#id_peralatan", "Komputer\nPrinter")
    page.fill("#id_peringatan", "Capaian tidak dapat dipertanggungjawabkan bila data tidak divalidasi")
    page.fill("#id_pencatatan", "Lembar disposisi dan arsip dokumen")
    page.fill("#id_pj_produk", "Kepala Dinsospermasdes")
    page.fill("#id_pj_kegiatan", "Sekretaris Dinsospermasdes")
    page.fill("#id_ruang_lingkup", "Sekretariat dan seluruh bidang")
    page.get_by_test_id("save-button").click()

    page.get_by_test_id("tab-lint").click()
    expect(page.get_by_test_id("lint-status")).to_have_text("Bersih")
    expect(page.get_by_test_id("lint-clean").first).to_be_visible()

    with page.expect_download() as info:
        page.get_by_test_id("download-pdf").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name.endswith(".pdf") and path.read_bytes()[:5] == b"%PDF-"
