"""Browser journey of the LKjIP (issue 14 item 8): compile → edit a narrative → reviu with a note (Inspektorat) →
revise → LHR and Pernyataan Telah Direviu (Inspektur) → sign (Kepala) → archived → the LKE 3.a answers "Y" with
the archived LKjIP as evidence. Every wait is on a concrete element or a page load, never a timeout."""

import os
from datetime import date

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def shot(page, name):
    folder = os.environ.get("SAKIP_SHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"lkjip-{name}.png"), full_page=True)


def switch(page, login_page, username):
    page.context.clear_cookies()
    return login_page(username)


def post(page, selector, *, within=60_000):
    """Click a button that submits a form and wait for the page it leads to (a concrete response, no sleep).
    `within` bounds the wait (ms): signing renders, signs and archives the LKjIP with its attachment, which on
    a loaded machine takes longer than Playwright's default 30 s."""
    with page.expect_navigation(timeout=within):
        page.click(selector, timeout=within)  # the click itself waits for the navigation it starts


def check_all(page):
    for box in page.locator('[data-testid="reviu-checklist"] input[type=checkbox]').all():
        box.check()


def status(page):
    return page.text_content('[data-testid="lkjip-status"]').strip()


@pytest.mark.skipif(date.today() < date(2026, 1, 12), reason="the demo runs the 2025 measurement from 12 January 2026")
def test_lkjip_compile_reviu_sign_and_lke(login_page, live_server):
    from sakip.evaluation.models import Evaluation
    from sakip.reporting.models import Lkjip

    url = live_server.url
    lkjip = Lkjip.objects.get(opd__akronim="Dinsospermasdes", year=2025)
    detail = f"{url}/pelaporan/lkjip/{lkjip.pk}/"
    ev = Evaluation.objects.get(opd__akronim="Dinsospermasdes", year=date.today().year)

    # 1. The Tim SAKIP compiles (a new version of the draft), edits a narrative, sends it to reviu.
    page = login_page("timsakip")
    page.goto(detail)
    assert status(page) == "Draf"
    post(page, '[data-testid="lkjip-recompile"]')
    page.fill('[data-testid="section-penutup"]', "Capaian 2025 menjadi dasar perbaikan Renja 2027.")
    page.click('[data-testid="save-penutup"]')
    page.wait_for_selector('[data-testid="saved-penutup"]')  # the htmx answer swapped in
    post(page, '[data-testid="lkjip-submit"]')
    assert status(page) == "Direviu Inspektorat"
    shot(page, "1-diajukan")

    # 2. The Inspektorat's auditor takes the reviu, checks it, writes a note and sends it back.
    page = switch(page, login_page, "inspektorat")
    page.goto(detail)
    post(page, '[data-testid="reviu-assign"]')
    check_all(page)
    post(page, '[data-testid="reviu-checklist-save"]')
    page.wait_for_selector('[data-testid="reviu-differences"]')
    page.fill('[data-testid="reviu-note-text"]', "Lengkapi penyebab capaian yang di bawah target pada Bab III.")
    post(page, '[data-testid="reviu-note-add"]')
    page.wait_for_selector('[data-testid="reviu-notes"] >> text=Lengkapi penyebab capaian')
    post(page, '[data-testid="reviu-send-notes"]')
    assert status(page) == "Perbaikan hasil reviu"

    # 3. The OPD answers the note and sends it again.
    page = switch(page, login_page, "timsakip")
    page.goto(detail)
    page.fill('[data-testid="note-response"]', "Penyebab dan tindak lanjut dilengkapi pada Bab III.")
    post(page, '[data-testid="reviu-notes"] button[type=submit]')
    page.wait_for_selector('[data-testid="reviu-notes"] >> text=Penyebab dan tindak lanjut dilengkapi')
    post(page, '[data-testid="lkjip-submit"]')
    assert status(page) == "Direviu Inspektorat"

    # 4. The Inspektur checks again and issues the LHR and the Pernyataan Telah Direviu.
    page = switch(page, login_page, "inspektur")
    page.goto(detail)
    check_all(page)
    post(page, '[data-testid="reviu-checklist-save"]')
    post(page, '[data-testid="reviu-finish"]', within=180_000)
    assert status(page) == "Telah direviu", page.text_content("main")
    shot(page, "2-direviu")

    # 5. The Kepala signs: numbered, archived, with the Pernyataan attached.
    page = switch(page, login_page, "kepala")
    page.goto(detail)
    post(page, '[data-testid="lkjip-sign"]', within=240_000)
    assert status(page).startswith("Ditandatangani"), page.text_content("main")
    assert "Pernyataan Telah Direviu" in page.text_content(".alert-success")
    archived = Lkjip.objects.get(pk=lkjip.pk).document
    assert archived is not None and archived.signed
    shot(page, "3-diarsipkan")

    # 6. The LKE of this year: 3.a.1 and 3.a.3 answer "Y" with the archived LKjIP as evidence.
    page = switch(page, login_page, "timsakip")
    page.goto(f"{url}/evaluasi/{ev.pk}/lke/?komponen=3")
    post(page, 'button:has-text("Hitung ulang otomatis")', within=120_000)
    page.wait_for_selector("text=Jawaban otomatis dihitung ulang")
    for code in ("3.a.1", "3.a.3"):
        cell = page.locator(f'[data-testid="auto-{code}"]')
        assert cell.locator(".badge.text-bg-success").count() == 1, cell.text_content()
        assert cell.locator(f'a[href="{archived.get_absolute_url()}"]').count() >= 1, cell.inner_html()
    shot(page, "4-lke")
