"""Browser journey of the Foundation: log in, browse the org chart, add an employee with a wrong
NIP (Indonesian field error), correct it (listed), switch to English."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def e2e_demo(transactional_db):
    """This journey needs only the organisation: load just its demo (fast)."""
    from sakip.organization import demo

    demo.load()


def test_foundation_journey(login_page, live_server):
    page = login_page("sekretaris")
    expect(page.get_by_test_id("user-scope")).to_contain_text("Dinsospermasdes")
    page.get_by_test_id("main-nav").get_by_role("link", name="Organisasi").click()
    chart = page.get_by_test_id("org-chart")
    expect(chart).to_contain_text("Bidang Rehabilitasi Sosial")
    expect(chart).to_contain_text("Kepala Dinas Sosial dan Pemberdayaan Masyarakat dan Desa")

    page.get_by_test_id("subnav").get_by_role("link", name="Pegawai").click()
    page.get_by_test_id("create-button").click()
    page.select_option("#id_opd", label="Dinsospermasdes")
    page.fill("#id_name", "LARAS PUSPITASARI")
    page.fill("#id_gelar_belakang", "S.Sos.")
    page.select_option("#id_kind", "pns")
    page.fill("#id_nip", "19951340 202001 2 003")
    page.get_by_test_id("save-button").click()
    error = page.locator("[data-field-error=nip]")
    expect(error).to_contain_text("bukan tanggal lahir yang sah")

    page.fill("#id_nip", "19951230 202001 2 003")
    page.get_by_test_id("save-button").click()
    expect(page.locator(".alert-success")).to_contain_text("LARAS PUSPITASARI")
    page.fill("input[name=q]", "LARAS")
    page.get_by_role("button", name="Saring").click()
    expect(page.locator("table")).to_contain_text("19951230 202001 2 003")

    page.get_by_test_id("language-form").get_by_role("button", name="EN").click()
    expect(page.locator("h1.page-title")).to_have_text("Employees")
    expect(page.get_by_test_id("main-nav")).to_contain_text("Organisation")
