"""Issue 12 item 2: password reset by e-mail (Indonesian, no user enumeration, rate-limited), idle session
timeout with a message on the login page, a visible logout on every page."""

import re
import time

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from sakip.core.middleware import LAST_SEEN_KEY
from sakip.core.models import LoginFailure

pytestmark = pytest.mark.django_db
PW = django_settings.SAKIP_DEMO_PASSWORD
NEW_PW = "Sandi-Baru-Banyumas-77"


def reset_link(message):
    match = re.search(r"https?://\S+/akun/atur-ulang/\S+/\S+/", message.body)
    assert match, message.body
    return match.group(0)


def test_password_reset_by_e_mail_end_to_end(users):
    c = Client()
    page = c.get("/masuk/").content.decode()
    assert 'href="/akun/lupa-sandi/"' in page and "Lupa kata sandi?" in page
    r = c.post("/akun/lupa-sandi/", {"email": users["operator"].email})
    assert r.status_code == 302 and r["Location"] == "/akun/lupa-sandi/terkirim/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [users["operator"].email]
    assert "Atur ulang kata sandi" in message.subject and "Yth." in message.body
    link = reset_link(message)
    assert link.startswith(django_settings.SITE_URL.rstrip("/"))  # never the request's Host header
    path = link.split("://", 1)[1].split("/", 1)[1]
    r = c.get("/" + path, follow=True)
    assert r.status_code == 200 and 'data-testid="password-reset-confirm"' in r.content.decode()
    form_url = r.redirect_chain[-1][0]
    r = c.post(form_url, {"new_password1": NEW_PW, "new_password2": NEW_PW})
    assert r.status_code == 302 and r["Location"] == "/akun/atur-ulang/selesai/"
    users["operator"].refresh_from_db()
    assert users["operator"].check_password(NEW_PW)
    # The link works once.
    r = Client().get("/" + path, follow=True)
    assert 'data-testid="password-reset-invalid"' in r.content.decode()
    assert "tidak berlaku lagi" in r.content.decode()


def test_reset_page_says_the_same_for_an_unknown_address(users):
    # No user enumeration: the same redirect and page, no e-mail, for an address nobody has.
    known = Client().post("/akun/lupa-sandi/", {"email": users["kabid"].email}, follow=True)
    unknown = Client().post("/akun/lupa-sandi/", {"email": "tidak.ada@contoh.go.id"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain == [("/akun/lupa-sandi/terkirim/", 302)]
    strip = lambda html: re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+"', "", html)  # noqa: E731
    assert strip(known.content.decode()) == strip(unknown.content.decode())
    assert 'data-testid="password-reset-done"' in known.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [users["kabid"].email]


def test_a_new_password_ends_the_sign_in_lockout(settings, users):
    settings.SAKIP_LOGIN_LOCKOUT_ENABLED = True
    c = Client(REMOTE_ADDR="10.20.0.1")
    for _ in range(5):
        c.post("/masuk/", {"username": "kasi", "password": "salah"})
    assert c.post("/masuk/", {"username": "kasi", "password": PW}).status_code == 429
    c.post("/akun/lupa-sandi/", {"email": users["kasi"].email})
    path = "/" + reset_link(mail.outbox[-1]).split("://", 1)[1].split("/", 1)[1]
    form_url = c.get(path, follow=True).redirect_chain[-1][0]
    c.post(form_url, {"new_password1": NEW_PW, "new_password2": NEW_PW})
    assert not LoginFailure.objects.filter(account=f"u{users['kasi'].pk}").exists()
    assert c.post("/masuk/", {"username": "kasi", "password": NEW_PW}).status_code == 302


@pytest.fixture
def limits(settings):
    settings.SAKIP_RATELIMIT_ENABLED = True
    settings.SAKIP_RATE_LIMITS = {"password_reset": "4/3600", "password_reset_email": "2/3600"}
    cache.clear()
    yield settings
    cache.clear()


def test_reset_requests_are_rate_limited_per_address_and_per_inbox(limits, users):
    c = Client(REMOTE_ADDR="10.21.0.1")
    codes = [c.post("/akun/lupa-sandi/", {"email": users["kabid"].email}).status_code for _ in range(5)]
    assert codes == [302, 302, 302, 302, 429]
    # Only two e-mails reach one inbox in the window; the page does not tell (same redirect).
    assert len(mail.outbox) == 2
    refused = c.post("/akun/lupa-sandi/", {"email": users["kabid"].email})
    assert refused.status_code == 429 and "Terlalu banyak permintaan" in refused.content.decode()
    assert Client(REMOTE_ADDR="10.21.0.2").post("/akun/lupa-sandi/", {"email": "x@contoh.go.id"}).status_code == 302


def age_session(client, seconds):
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - seconds
    session.save()


def test_idle_session_is_signed_out_with_a_message_on_the_login_page(settings, client_for):
    settings.SAKIP_IDLE_TIMEOUT_MINUTES = 30
    c = client_for("kabid")
    assert c.get("/").status_code == 200
    age_session(c, 31 * 60)
    r = c.get("/perencanaan/")
    assert r.status_code == 302 and r["Location"].startswith("/masuk/?next=/perencanaan/")
    page = c.get(r["Location"]).content.decode()
    assert 'data-testid="idle-expired"' in page and "tidak ada aktivitas selama 30 menit" in page
    assert "_auth_user_id" not in c.session
    # The message is shown once.
    assert 'data-testid="idle-expired"' not in c.get("/masuk/").content.decode()


def test_activity_keeps_the_session_alive(settings, client_for):
    settings.SAKIP_IDLE_TIMEOUT_MINUTES = 30
    c = client_for("kabid")
    age_session(c, 29 * 60)
    assert c.get("/").status_code == 200
    assert int(time.time()) - c.session[LAST_SEEN_KEY] < 60  # the clock restarted at this request
    assert c.get("/perencanaan/").status_code == 200


def test_idle_timeout_is_configurable_and_can_be_switched_off(settings, client_for):
    settings.SAKIP_IDLE_TIMEOUT_MINUTES = 5
    c = client_for("kabid")
    c.get("/")
    age_session(c, 6 * 60)
    assert c.get("/").status_code == 302
    settings.SAKIP_IDLE_TIMEOUT_MINUTES = 0
    c = client_for("kabid")
    c.get("/")
    age_session(c, 24 * 3600)
    assert c.get("/").status_code == 200


def test_htmx_request_after_idle_timeout_redirects_the_whole_page(settings, client_for):
    c = client_for("kabid")
    c.get("/")
    age_session(c, 31 * 60)
    r = c.get("/perencanaan/", HTTP_HX_REQUEST="true")
    assert r.status_code == 204 and r["HX-Redirect"].startswith("/masuk/?next=")


def test_a_fresh_sign_in_starts_the_idle_clock(settings, users):
    c = Client()
    assert c.post("/masuk/", {"username": "kabid", "password": PW}).status_code == 302
    assert abs(c.session[LAST_SEEN_KEY] - timezone.now().timestamp()) < 120
    assert c.get("/").status_code == 200


@pytest.mark.parametrize("username", ["kabid", "kepala", "inspektorat", "admin"])
def test_a_visible_logout_button_on_every_page(client_for, username):
    c = client_for(username)
    for url in ["/", "/perencanaan/", "/pengukuran/", "/akun/kata-sandi/", "/akun/token-api/"]:
        html = c.get(url, follow=True).content.decode()
        button = re.search(
            r'<form method="post" action="/keluar/"[^>]*>.*?data-testid="logout-button".*?</form>', html, re.S
        )
        assert button and "Keluar" in button.group(0), url
        assert "dropdown-menu" not in html[button.start() - 200 : button.start()]  # not hidden in the menu
    r = c.post("/keluar/")
    assert r.status_code == 302 and "_auth_user_id" not in c.session
