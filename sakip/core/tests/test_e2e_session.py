"""Browser: the logout button is visible on a 390 px phone screen and signs out; "Lupa kata sandi?" is on
the login page."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def e2e_demo(transactional_db):
    from sakip.organization import demo

    demo.load()


def test_logout_is_visible_at_390_px_and_signs_out(login_page, live_server, page):
    page.set_viewport_size({"width": 390, "height": 844})
    login_page("kabid")
    button = page.get_by_test_id("logout-button")
    expect(button).to_be_visible()
    expect(button).to_be_in_viewport()
    box = button.bounding_box()
    assert box["x"] + box["width"] <= 390
    button.click()
    page.wait_for_url(f"{live_server.url}/masuk/")
    expect(page.get_by_test_id("password-reset-link")).to_be_visible()
