"""Browser journey: compile the LKjIP → edit a narrative (htmx) → reviu with a note → revise → LHR and
Pernyataan Telah Direviu → sign → archived."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def switch(page, login_page, username):
    page.context.clear_cookies()
    return login_page(username)


def test_compile_to_archived(login_page, live_server):
    from sakip.reporting.models import Lkjip

    url = live_server.url
    Lkjip.objects.filter(opd__akronim="Dinsospermasdes", year=2022).delete()
    page = login_page("timsakip")
    page.goto(f"{url}/pelaporan/lkjip/")
    page.fill("#c-year", "2022")
    page.click('[data-testid="lkjip-compile"] button[type=submit]')
    page.wait_for_selector('[data-testid="lkjip-status"]')
    lkjip = Lkjip.objects.get(opd__akronim="Dinsospermasdes", year=2022)
    page.fill('[data-testid="section-isu_strategis"]', "Kemiskinan ekstrem dan data terpadu yang belum mutakhir")
    page.click('[data-testid="save-isu_strategis"]')
    page.wait_for_selector('[data-testid="saved-isu_strategis"]')
    lkjip.current.refresh_from_db()
    assert lkjip.current.isu_strategis.startswith("Kemiskinan ekstrem")
    page.click('[data-testid="lkjip-submit"]')
    page.wait_for_selector("text=diajukan untuk direviu")

    page = switch(page, login_page, "inspektorat")
    page.goto(f"{url}/pelaporan/lkjip/{lkjip.pk}/")
    page.click('[data-testid="reviu-assign"]')
    for box in page.query_selector_all('[data-testid="reviu-checklist"] input[type=checkbox]'):
        box.check()
    page.click('[data-testid="reviu-checklist-save"]')
    page.wait_for_selector('[data-testid="reviu-differences"]')
    page.fill('[data-testid="reviu-note-text"]', "Lengkapi rencana tindak lanjut Bab III")
    page.click('[data-testid="reviu-note-add"]')
    page.click('[data-testid="reviu-send-notes"]')
    page.wait_for_selector("text=Catatan reviu dikirim ke OPD")

    page = switch(page, login_page, "timsakip")
    page.goto(f"{url}/pelaporan/lkjip/{lkjip.pk}/")
    assert "Lengkapi rencana tindak lanjut" in page.text_content('[data-testid="reviu-notes"]')
    page.fill('[data-testid="note-response"]', "Sudah dilengkapi")
    page.click('[data-testid="reviu-notes"] button')
    page.wait_for_selector("text=Tanggapan disimpan")
    page.click('[data-testid="lkjip-submit"]')
    page.wait_for_selector("text=diajukan untuk direviu")

    page = switch(page, login_page, "inspektorat")
    page.goto(f"{url}/pelaporan/lkjip/{lkjip.pk}/")
    for box in page.query_selector_all('[data-testid="reviu-checklist"] input[type=checkbox]'):
        box.check()
    page.click('[data-testid="reviu-checklist-save"]')
    page.wait_for_selector('[data-testid="reviu-differences"]')
    page.click('[data-testid="reviu-finish"]')
    page.wait_for_selector("text=LHR dan Pernyataan Telah Direviu diterbitkan")

    page = switch(page, login_page, "kepala")
    page.goto(f"{url}/pelaporan/lkjip/{lkjip.pk}/")
    page.click('[data-testid="lkjip-sign"]')
    page.wait_for_selector("text=ditandatangani dan diarsipkan")
    lkjip.refresh_from_db()
    assert lkjip.status == Lkjip.Status.DITANDATANGANI and lkjip.document.signed
    assert page.text_content('[data-testid="lkjip-status"]').strip() == "Ditandatangani dan diarsipkan"
