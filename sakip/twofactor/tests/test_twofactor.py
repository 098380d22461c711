"""Issue 12 item 2: TOTP two-factor sign-in with recovery codes, required for the roles that sign or administer.
Codes are computed as an authenticator app would, with django-otp's TOTP (django_otp.oath).

The TOTP clock is frozen (`totp_clock`, autouse): django-otp's device reads the time from the `time` module its
model imports, and the codes here are computed for the same instant. With the real clock a 30-second step could
pass between computing a code and posting it (a loaded machine), so a test would accept or refuse depending on
when it ran."""

import types
from urllib.parse import unquote

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp import models as totp_models
from django_otp.plugins.otp_totp.models import TOTPDevice

from sakip.core import roles as R
from sakip.core.models import LoginFailure
from sakip.organization.models import User
from sakip.twofactor import services
from sakip.twofactor.models import TwoFactorEvent

pytestmark = pytest.mark.django_db
PW = django_settings.SAKIP_DEMO_PASSWORD
VERIFY_URL = "/akun/dua-langkah/verifikasi/"
SETUP_URL = "/akun/dua-langkah/"


# The middle of a 30-second step (1 800 000 010 = 60 000 000 steps + 10 s): far from a step boundary.
FROZEN_NOW = 1_800_000_010.0


@pytest.fixture(autouse=True)
def totp_clock(monkeypatch):
    """Freeze the clock django-otp's TOTP device verifies with (its model module's `time.time`); the other
    clocks (sessions, the lockout's window) run on."""
    clock = types.SimpleNamespace(now=FROZEN_NOW)
    monkeypatch.setattr(totp_models, "time", types.SimpleNamespace(time=lambda: clock.now))
    return clock


def code_for(device, steps_ahead=0):
    """The code an authenticator app shows at the frozen instant (or `steps_ahead` 30-second steps later, within
    the one step of drift the device accepts: a code is accepted once, so a second sign-in needs a later one)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, 0)
    totp.time = FROZEN_NOW + steps_ahead * device.step
    return f"{totp.token():06d}"


def password_login(username, ip="10.9.0.1"):
    c = Client(REMOTE_ADDR=ip)
    r = c.post("/masuk/", {"username": username, "password": PW})
    assert r.status_code == 302, r.content.decode()[:500]
    return c


def enrol(user):
    """A confirmed device and 10 recovery codes, as after the enrolment page."""
    device = TOTPDevice.objects.create(user=user, name=services.TOTP_NAME, confirmed=True)
    codes = services._new_recovery_codes(user)
    return device, codes


@pytest.fixture
def strict(settings):
    """Production-like: the demo's accounts are not exempt."""
    settings.SAKIP_2FA_DEMO_EXEMPT = False
    return settings


def test_enrolment_shows_qr_and_secret_confirms_with_a_code_and_shows_ten_recovery_codes_once(
    settings, client_for, users
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the right code at once after a wrong one (no wait)
    c = client_for("kabid")
    page = c.get(SETUP_URL)
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=users["kabid"], confirmed=False)
    assert page.status_code == 200 and "<svg" in html and 'data-testid="twofactor-qr"' in html
    assert services.secret_text(device) in html and device.config_url.startswith("otpauth://totp/sakip%3Akabid?")
    # The page is shown again with the same device (the QR code does not change under the user's hands).
    c.get(SETUP_URL)
    assert TOTPDevice.objects.filter(user=users["kabid"]).count() == 1

    wrong = c.post(SETUP_URL, {"action": "confirm", "code": "000000" if code_for(device) != "000000" else "111111"})
    assert "Kode tidak cocok" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=users["kabid"], confirmed=True).exists()
    assert not TwoFactorEvent.objects.filter(user=users["kabid"]).exists()

    done = c.post(SETUP_URL, {"action": "confirm", "code": code_for(device)})
    html = done.content.decode()
    assert done.status_code == 200 and 'data-testid="recovery-codes"' in html
    tokens = list(StaticToken.objects.filter(device__user=users["kabid"]).values_list("token", flat=True))
    assert len(tokens) == 10 and len(set(tokens)) == 10
    for token in tokens:
        assert services.format_recovery(token) in html
    # Downloadable as text: a data: link holding every code.
    href = html.split('data-testid="recovery-download"')[0].rsplit('href="', 1)[1].split('"')[0]
    assert href.startswith("data:text/plain;charset=utf-8,")
    text = unquote(href.split(",", 1)[1])
    assert all(services.format_recovery(t) in text for t in tokens)
    device.refresh_from_db()
    assert device.confirmed
    assert TwoFactorEvent.objects.get(user=users["kabid"]).action == TwoFactorEvent.Action.ENROLLED
    # The session counts as verified at once; the status page no longer shows the codes.
    assert c.get("/pengukuran/").status_code == 200
    status = c.get(SETUP_URL).content.decode()
    assert 'data-testid="twofactor-active"' in status and tokens[0] not in status


def test_second_step_after_the_password_and_nothing_else_before_it(settings, users):
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0
    device, _codes = enrol(users["kabid"])
    c = password_login("kabid")
    # Before the code: every page, the admin, the profile pages lead to the code page; htmx gets HX-Redirect.
    r = c.get("/pengukuran/")
    assert r.status_code == 302 and r["Location"] == f"{VERIFY_URL}?next=%2Fpengukuran%2F"
    for url in ["/", "/perencanaan/", "/akun/token-api/", SETUP_URL, "/admin/", "/akun/kata-sandi/", "/masuk/"]:
        r = c.get(url)
        assert r.status_code == 302 and r["Location"].startswith(VERIFY_URL), url
    r = c.post("/akun/token-api/", {"name": "x", "scope": "read"})
    assert r.status_code == 302 and r["Location"].startswith(VERIFY_URL)
    assert not users["kabid"].api_tokens.exists() if hasattr(users["kabid"], "api_tokens") else True
    r = c.get("/pengukuran/", HTTP_HX_REQUEST="true")
    assert r.status_code == 204 and r["HX-Redirect"].startswith(VERIFY_URL)
    # The API treats the session as anonymous.
    assert c.get("/api/v1/organisation/opd/").status_code in (401, 403)
    page = c.get(VERIFY_URL)
    assert page.status_code == 200 and 'data-testid="twofactor-verify"' in page.content.decode()
    assert 'data-testid="main-nav"' not in page.content.decode()  # no menu of pages that cannot be opened

    wrong = c.post(VERIFY_URL, {"code": "12345x"})
    assert "tidak dikenal" in wrong.content.decode()
    session_key = c.session.session_key
    ok = c.post(VERIFY_URL, {"code": code_for(device, 1), "next": "/pengukuran/"})
    assert ok.status_code == 302 and ok["Location"] == "/pengukuran/"
    assert c.session.session_key != session_key  # a new session key after the second step
    assert c.get("/pengukuran/").status_code == 200
    assert c.get("/api/v1/organisation/opd/").status_code == 200
    # A code is accepted once (replay refused).
    c2 = password_login("kabid", ip="10.9.0.2")
    again = c2.post(VERIFY_URL, {"code": code_for(device, 1)})
    assert again.status_code == 200 and "Kode tidak cocok" in again.content.decode()


def test_logout_stays_open_before_the_code(users):
    enrol(users["kabid"])
    c = password_login("kabid")
    r = c.post("/keluar/")
    assert r.status_code == 302 and "_auth_user_id" not in c.session


def test_a_recovery_code_signs_in_once(users):
    _device, codes = enrol(users["kabid"])
    c = password_login("kabid")
    r = c.post(VERIFY_URL, {"code": f"  {codes[3].upper()} "})  # any letter case, spaces around
    assert r.status_code == 302
    home = c.get("/").content.decode()
    assert "tersisa 9 kode" in home
    assert c.get("/pengukuran/").status_code == 200
    assert StaticToken.objects.filter(device__user=users["kabid"]).count() == 9
    event = TwoFactorEvent.objects.get(user=users["kabid"], action=TwoFactorEvent.Action.RECOVERY_USED)
    assert "9" in event.note
    c2 = password_login("kabid", ip="10.9.0.3")
    again = c2.post(VERIFY_URL, {"code": codes[3]})
    assert again.status_code == 200 and "sudah pernah dipakai" in again.content.decode()
    assert c2.get("/pengukuran/").status_code == 302


def test_wrong_codes_lock_the_account_like_wrong_passwords(settings, users):
    settings.SAKIP_LOGIN_LOCKOUT_ENABLED = True
    settings.SAKIP_LOGIN_LOCKOUT = {"pair": 5, "account": 20, "address": 50, "minutes": 15}
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # only the lockout under test (django-otp's own wait is a second brake)
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    device, _codes = enrol(users["kabid"])
    good = code_for(device, 1)
    bad = "000000" if good != "000000" else "111111"
    c = password_login("kabid")
    for _ in range(3):
        assert c.post(VERIFY_URL, {"code": bad}).status_code == 200
    # Signing in with the password again does not reset the count of wrong codes.
    c = password_login("kabid")
    for _ in range(2):
        c.post(VERIFY_URL, {"code": bad})
    assert LoginFailure.objects.filter(account=f"u{users['kabid'].pk}").count() == 5
    locked = c.post(VERIFY_URL, {"code": good})
    assert locked.status_code == 429 and "Terlalu banyak percobaan masuk yang gagal" in locked.content.decode()
    assert c.get("/pengukuran/").status_code == 302
    # The password login from that address is locked too; another address is not.
    assert Client(REMOTE_ADDR="10.9.0.1").post("/masuk/", {"username": "kabid", "password": PW}).status_code == 429
    other = password_login("kabid", ip="10.9.9.9")
    assert other.post(VERIFY_URL, {"code": good}).status_code == 302
    assert not LoginFailure.objects.filter(account=f"u{users['kabid'].pk}", ip="10.9.9.9").exists()


def test_django_otp_throttle_asks_to_wait_after_a_wrong_code(users):
    device, _codes = enrol(users["kabid"])
    c = password_login("kabid")
    c.post(VERIFY_URL, {"code": "000000" if code_for(device, 1) != "000000" else "111111"})
    r = c.post(VERIFY_URL, {"code": code_for(device, 1)})
    assert "Tunggu" in r.content.decode() and "detik" in r.content.decode()


@pytest.mark.parametrize("username", ["kepala", "inspektorat", "admin", "bappeda"])
def test_roles_that_sign_or_administer_must_enrol_before_anything_else(strict, users, username):
    c = password_login(username)
    r = c.get("/pengukuran/")
    assert r.status_code == 302 and r["Location"] == f"{SETUP_URL}?next=%2Fpengukuran%2F"
    assert c.get(VERIFY_URL).status_code == 302
    assert c.get("/admin/").status_code == 302
    page = c.get(SETUP_URL)
    html = page.content.decode()
    assert page.status_code == 200 and 'data-testid="twofactor-required"' in html
    assert 'data-testid="main-nav"' not in html and 'data-testid="logout-button"' in html
    device = TOTPDevice.objects.get(user=users[username], confirmed=False)
    done = c.post(SETUP_URL, {"action": "confirm", "code": code_for(device), "next": "/pengukuran/"})
    assert done.status_code == 200 and 'href="/pengukuran/"' in done.content.decode()
    assert c.get("/pengukuran/").status_code == 200
    # Next time: password, then the code.
    c2 = password_login(username, ip="10.9.0.4")
    assert c2.get("/pengukuran/")["Location"].startswith(VERIFY_URL)
    assert c2.post(VERIFY_URL, {"code": code_for(device, 1)}).status_code == 302
    assert c2.get("/pengukuran/").status_code == 200


@pytest.mark.parametrize("username", ["kabid", "operator", "sekretaris", "pemda"])
def test_two_factor_is_optional_for_the_other_roles(strict, username):
    c = password_login(username)
    assert c.get("/pengukuran/").status_code == 200


def test_the_required_roles_are_configurable(strict, settings):
    settings.SAKIP_2FA_REQUIRED_ROLES = [R.OPERATOR]
    assert password_login("kepala").get("/pengukuran/").status_code == 200
    assert password_login("operator").get("/pengukuran/")["Location"].startswith(SETUP_URL)
    settings.SAKIP_2FA_REQUIRED_ROLES = []
    assert password_login("operator", ip="10.9.0.5").get("/pengukuran/").status_code == 200


def test_demo_exemption_covers_only_the_demo_accounts(settings, users):
    settings.SAKIP_2FA_DEMO_EXEMPT = True
    assert password_login("kepala").get("/pengukuran/").status_code == 200
    assert password_login("admin").get("/admin/").status_code == 200
    # Another Kepala OPD, not created by the demo: required even with the exemption on.
    other = User.objects.create(username="kepala-dinkes", email="kepala@dinkes.banyumaskab.go.id")
    other.set_password(PW)
    other.save()
    other.groups.add(Group.objects.get(name=R.KEPALA_OPD))
    assert password_login("kepala-dinkes").get("/pengukuran/")["Location"].startswith(SETUP_URL)
    # A demo user name given a real address (a real account) is no longer exempt.
    users["inspektorat"].email = "auditor@inspektorat.banyumaskab.go.id"
    users["inspektorat"].save()
    assert password_login("inspektorat").get("/pengukuran/")["Location"].startswith(SETUP_URL)
    # An exempt demo account that enrolled on its own still gives its code.
    enrol(users["kepala"])
    assert password_login("kepala", ip="10.9.0.6").get("/pengukuran/")["Location"].startswith(VERIFY_URL)


def test_regenerate_and_disable_need_the_password_and_are_audited(client_for, users):
    user = users["kabid"]
    _device, codes = enrol(user)
    c = password_login("kabid")
    r = c.post(VERIFY_URL, {"code": codes[0]})
    assert r.status_code == 302, r.content.decode()
    r = c.post(SETUP_URL, {"action": "regenerate", "regen-password": "salah"})
    assert "Kata sandi tidak benar" in r.content.decode()
    assert StaticToken.objects.filter(device__user=user, token=codes[1].replace("-", "")).exists()
    r = c.post(SETUP_URL, {"action": "regenerate", "regen-password": PW})
    assert r.status_code == 200 and 'data-testid="recovery-codes"' in r.content.decode()
    assert StaticToken.objects.filter(device__user=user).count() == 10
    assert not StaticToken.objects.filter(device__user=user, token=codes[1].replace("-", "")).exists()
    r = c.post(SETUP_URL, {"action": "disable", "disable-password": "salah"})
    assert "Kata sandi tidak benar" in r.content.decode() and TOTPDevice.objects.filter(user=user).exists()
    r = c.post(SETUP_URL, {"action": "disable", "disable-password": PW})
    assert r.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists() and not StaticDevice.objects.filter(user=user).exists()
    actions = list(TwoFactorEvent.objects.filter(user=user).order_by("pk").values_list("action", flat=True))
    assert actions == ["recovery", "codes", "disabled"]
    assert all(e.actor == user for e in TwoFactorEvent.objects.filter(user=user))
    # Not required for kabid: signs in with the password alone again.
    assert password_login("kabid", ip="10.9.0.7").get("/pengukuran/").status_code == 200


def test_reset_command_removes_the_devices_and_sends_a_required_user_to_enrolment(strict, users):
    user = users["kepala"]
    device, _codes = enrol(user)
    c = password_login("kepala")
    assert c.post(VERIFY_URL, {"code": code_for(device, 1)}).status_code == 302
    assert c.get("/pengukuran/").status_code == 200
    call_command("reset_2fa", "19700315 199503 1 002", "--alasan", "ponsel hilang")
    assert not TOTPDevice.objects.filter(user=user).exists() and not StaticDevice.objects.filter(user=user).exists()
    event = TwoFactorEvent.objects.get(user=user)
    assert event.action == TwoFactorEvent.Action.RESET and event.actor is None and "ponsel hilang" in event.note
    # The session verified by the removed device is no longer verified: the Kepala must enrol again.
    assert c.get("/pengukuran/")["Location"].startswith(SETUP_URL)


def test_reset_command_refuses_an_unknown_user():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("reset_2fa", "tidak-ada")


def test_admin_resets_a_users_2fa_from_the_user_admin(users):
    enrol(users["kabid"])
    admin = Client()
    admin.force_login(users["admin"])
    listing = admin.get("/admin/organization/user/")
    assert listing.status_code == 200 and "Atur ulang verifikasi dua langkah" in listing.content.decode()
    r = admin.post(
        "/admin/organization/user/",
        {"action": "reset_two_factor", "_selected_action": [users["kabid"].pk]},
    )
    assert r.status_code == 302
    assert not TOTPDevice.objects.filter(user=users["kabid"]).exists()
    event = TwoFactorEvent.objects.get(user=users["kabid"])
    assert event.action == TwoFactorEvent.Action.RESET and event.actor == users["admin"]
    # django-otp's device pages (which show the secret key) are not in the admin.
    assert admin.get("/admin/otp_totp/totpdevice/").status_code == 404


def test_reset_service_refuses_a_non_administrator(users):
    from django.core.exceptions import PermissionDenied

    enrol(users["kabid"])
    with pytest.raises(PermissionDenied):
        services.reset(users["kabid"], actor=users["kepala"])
    assert TOTPDevice.objects.filter(user=users["kabid"]).exists()


def test_demo_logins_says_whether_the_demo_accounts_need_a_second_factor(settings):
    from io import StringIO

    settings.SAKIP_2FA_DEMO_EXEMPT = True
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "tidak diminta dari akun demo" in out.getvalue()
    settings.SAKIP_2FA_DEMO_EXEMPT = False
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "Administrator, Kepala OPD, Inspektorat mendaftarkan aplikasi autentikator" in out.getvalue()
