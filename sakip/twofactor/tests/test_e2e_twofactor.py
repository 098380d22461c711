"""Browser: the Kepala OPD (exemption off) is sent to enrolment after the password, scans the QR code (its key
read from the page, the code computed as an app would with django_otp.oath), receives 10 recovery codes, and
signs in the next time with the password and a code."""

import base64
import re
import time

import pytest
from django.conf import settings as django_settings
from django_otp.oath import TOTP
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def e2e_demo(transactional_db):
    from sakip.organization import demo

    demo.load()


def app_code(secret_text, steps_ahead=0):
    key = secret_text.replace(" ", "")
    totp = TOTP(base64.b32decode(key + "=" * (-len(key) % 8)))
    totp.time = time.time() + steps_ahead * 30
    return f"{totp.token():06d}"


def sign_in(page, live_server):
    page.goto(f"{live_server.url}/masuk/?next=/organisasi/")
    page.fill("#id_username", "kepala")
    page.fill("#id_password", django_settings.SAKIP_DEMO_PASSWORD)
    page.click("button[type=submit]")


def test_kepala_enrols_then_signs_in_with_a_code(settings, e2e_demo, live_server, page):
    settings.SAKIP_2FA_DEMO_EXEMPT = False
    sign_in(page, live_server)
    page.wait_for_url(f"{live_server.url}/akun/dua-langkah/?next=%2Forganisasi%2F")
    expect(page.get_by_test_id("twofactor-required")).to_be_visible()
    expect(page.get_by_test_id("twofactor-qr").locator("svg")).to_be_visible()
    expect(page.get_by_test_id("main-nav")).to_have_count(0)
    # Nothing else opens before enrolment.
    page.goto(f"{live_server.url}/pengukuran/")
    page.wait_for_url(f"{live_server.url}/akun/dua-langkah/?next=%2Fpengukuran%2F")
    secret = page.get_by_test_id("twofactor-secret").inner_text()
    page.fill("#id_code", app_code(secret))
    page.get_by_test_id("confirm-submit").click()
    codes = page.get_by_test_id("recovery-codes").locator("li")
    expect(codes).to_have_count(10)
    with page.expect_download() as download:
        page.get_by_test_id("recovery-download").click()
    assert download.value.suggested_filename == "sakip-kode-pemulihan-kepala.txt"
    with open(download.value.path(), encoding="utf-8") as fh:
        text = fh.read()
    assert codes.first.inner_text() in text
    page.get_by_test_id("recovery-done").click()
    page.wait_for_url(f"{live_server.url}/pengukuran/")
    page.get_by_test_id("logout-button").click()
    page.wait_for_url(f"{live_server.url}/masuk/")

    sign_in(page, live_server)
    page.wait_for_url(f"{live_server.url}/akun/dua-langkah/verifikasi/?next=%2Forganisasi%2F")
    page.fill("#id_code", "000000" if app_code(secret, 1) != "000000" else "111111")
    page.get_by_test_id("twofactor-submit").click()
    expect(page.locator("[data-field-error=code]")).to_contain_text("Kode tidak cocok")
    time.sleep(1.1)  # django-otp's wait after a wrong code
    page.fill("#id_code", app_code(secret, 1))
    page.get_by_test_id("twofactor-submit").click()
    page.wait_for_url(re.compile(re.escape(f"{live_server.url}/organisasi/")))  # the OPD's page
    expect(page.get_by_test_id("main-nav")).to_be_visible()
