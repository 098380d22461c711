"""Browser journey: create a Surat Pengantar → number → sign → open the verification page from its
code → upload the file → "asli"."""

import os
import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_surat_pengantar_number_sign_verify(login_page, live_server, tmp_path):
    page = login_page("kepala")
    page.goto(f"{live_server.url}/dokumen/surat/buat/?jenis=surat_pengantar")
    page.fill("#id_subject", "Penyampaian Dokumen Pengukuran Kinerja Triwulan I")
    page.fill("#id_recipient", "Inspektur Kabupaten Banyumas")
    page.fill("#id_body", "Bersama ini kami sampaikan dengan hormat naskah sebagai berikut:")
    page.fill("#id_items_text", "Dokumen Pengukuran Kinerja Triwulan I | 1 (satu) berkas | Untuk diketahui")
    page.fill("#id_tembusan", "Sekretaris Daerah Kabupaten Banyumas")
    page.click("[data-testid=save-button]")
    page.wait_for_selector("[data-testid=number-button]")
    page.click("[data-testid=number-button]")
    number = page.text_content("[data-testid=letter-number]").strip()
    assert re.fullmatch(r"000/\d+/\d{4}", number), number
    page.click("[data-testid=sign-button]")
    code = page.text_content("[data-testid=letter-code]").strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    href = page.get_attribute("a:has-text('Unduh PDF bertanda tangan')", "href")
    pdf = page.request.get(f"{live_server.url}{href}").body()
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "surat-pengantar.pdf"
    path.write_bytes(pdf)

    # The verification page, reached from the code printed on the letter (as a recipient would).
    page.goto(f"{live_server.url}/verifikasi/?code={code.lower()}")
    assert page.text_content("[data-testid=verify-number]").strip() == number
    page.set_input_files("[data-testid=verify-upload] input[type=file]", str(path))
    page.click("[data-testid=verify-upload] button")
    result = page.locator("[data-testid=verify-result]")
    assert result.get_attribute("data-status") == "asli"
    assert "ASLI" in result.text_content()
    page.screenshot(path=str(tmp_path / "verifikasi.png"), full_page=True)
    if os.environ.get("SAKIP_SHOTS"):
        page.screenshot(path=os.path.join(os.environ["SAKIP_SHOTS"], "verifikasi-asli.png"), full_page=True)

    # A changed copy is refused.
    path.write_bytes(pdf + b"\n%%diubah\n")
    page.set_input_files("[data-testid=verify-upload] input[type=file]", str(path))
    page.click("[data-testid=verify-upload] button")
    assert page.locator("[data-testid=verify-result]").get_attribute("data-status") == "berubah"
