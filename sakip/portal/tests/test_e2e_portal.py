"""Browser journey (issue 17 item 7): the Bupati opens the Pemda dashboard from his home page, sorts it and
drills down to an OPD; the Tim SAKIP withdraws and re-publishes a document; the public portal shows it,
at desktop width and at a phone's 390 px without horizontal overflow."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def no_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_bupati_dashboard_and_public_portal(login_page, live_server):
    from sakip.organization.models import OPD

    url = live_server.url
    dinas = OPD.objects.get(akronim="Dinsospermasdes")
    page = login_page("pemda")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.click("text=Buka dasbor Pemda")
    page.wait_for_selector("[data-testid=pemda-table]")
    assert page.locator("[data-testid=opd-row-Dinsospermasdes]").count() == 1
    page.wait_for_selector("#chart-pemda canvas")
    page.click("[data-testid=sort-iku]")  # highest capaian first
    page.wait_for_selector("th[aria-sort=descending]")
    first = page.locator("[data-testid=pemda-table] tbody tr").first
    assert first.get_attribute("data-testid") == "opd-row-Dinsospermasdes"
    with page.expect_download() as download:
        page.click("[data-testid=export-xlsx]")
    assert download.value.suggested_filename.endswith(".xlsx")
    page.click("[data-testid=drill-Dinsospermasdes]")
    page.wait_for_selector("[data-testid=opd-iku]")
    assert "IKU 1" in page.inner_text("[data-testid=opd-iku]")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{url}/pelaporan/pemda/?tahun=2022")
    assert no_overflow(page)

    # The Tim SAKIP withdraws the LKjIP 2022 and publishes it again from its archive page.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1366, "height": 900})
    login_page("timsakip")
    from sakip.reporting.models import Lkjip

    doc = Lkjip.objects.get(opd=dinas, year=2022).document
    page.goto(f"{url}{doc.get_absolute_url()}")
    page.click("[data-testid=withdraw]")
    page.wait_for_selector("[data-testid=publish]")
    page.goto(f"{url}/publik/{dinas.pemda_id}/opd/{dinas.pk}/")
    assert doc.subject not in page.content()
    page.goto(f"{url}{doc.get_absolute_url()}")
    page.click("[data-testid=publish]")
    page.wait_for_selector("[data-testid=withdraw]")

    # The public, without an account, on a desktop and on a phone.
    page.context.clear_cookies()
    page.goto(f"{url}/publik/")
    page.wait_for_selector("[data-testid=portal-opds]")
    page.click(f"text={dinas.name}")
    page.wait_for_selector("[data-testid=portal-documents]")
    assert doc.subject in page.content()
    page.wait_for_selector("#chart-capaian canvas")
    assert page.locator("[data-testid=portal-capaian] tbody tr").count() >= 3
    for path in (f"/publik/{dinas.pemda_id}/", f"/publik/{dinas.pemda_id}/opd/{dinas.pk}/"):
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{url}{path}")
        assert no_overflow(page), path
