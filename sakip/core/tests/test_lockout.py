"""Issue 12 item 2 / item 9 "lockout variants": the sign-in lockout counts the account the typed name or NIP
resolves to (never the raw string) and the client address from the trusted proxy header. Each test fails
when that part of the protection is removed (see the comment on each)."""

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.utils import timezone

from sakip.core import lockout
from sakip.core.clientip import client_ip
from sakip.core.models import LoginFailure

pytestmark = pytest.mark.django_db
PW = django_settings.SAKIP_DEMO_PASSWORD
KEPALA_NIP = "19700315 199503 1 002"


@pytest.fixture
def locking(settings):
    settings.SAKIP_LOGIN_LOCKOUT_ENABLED = True
    settings.SAKIP_LOGIN_LOCKOUT = {"pair": 5, "account": 8, "address": 12, "minutes": 15}
    return settings


def attempt(client, username, password="salah", **extra):
    return client.post("/masuk/", {"username": username, "password": password}, **extra)


def signed_in(client):
    return "_auth_user_id" in client.session


def test_changing_the_letter_case_does_not_reset_the_count(locking, users):
    # Counted per raw string, each spelling would have one failure and the last login would succeed.
    c = Client(REMOTE_ADDR="10.1.1.1")
    for name in ["Kepala", "KEPALA", "kEpAlA", "kepalA", " kepala "]:
        assert attempt(c, name).status_code == 200
    r = attempt(c, "kepala", PW)
    assert r.status_code == 429 and not signed_in(c)
    html = r.content.decode()
    assert "Terlalu banyak percobaan masuk yang gagal" in html and "menit" in html


def test_every_spelling_of_the_nip_counts_for_the_same_account(locking, users):
    # The NIP with spaces, dots, dashes or none, and the user name, are one account.
    c = Client(REMOTE_ADDR="10.1.1.2")
    for name in [KEPALA_NIP, "19700315.199503.1.002", "197003151995031002", "19700315-199503-1-002", "KEPALA"]:
        assert attempt(c, name).status_code == 200
    for name in [KEPALA_NIP, "kepala", "197003151995031002"]:
        r = attempt(c, name, PW)
        assert r.status_code == 429 and not signed_in(c)
    assert set(LoginFailure.objects.values_list("account", flat=True)) == {f"u{users['kepala'].pk}"}


def test_behind_the_proxy_one_client_does_not_lock_the_account_for_the_others(locking, users):
    # Every request arrives from the proxy 172.16.0.1; the client is the proxy's X-Forwarded-For entry.
    # Counted by REMOTE_ADDR, client B would be locked out too.
    locking.SAKIP_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    locking.SAKIP_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "172.16.0.1"}
    a = Client(**proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    for _ in range(5):
        attempt(a, "kepala")
    assert attempt(a, "kepala", PW).status_code == 429 and not signed_in(a)
    # The attacker cannot escape by typing an address of its own: the proxy appends the real one.
    spoof = Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.77, 203.0.113.5")
    assert attempt(spoof, "kepala", PW).status_code == 429 and not signed_in(spoof)
    b = Client(**proxy, HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert attempt(b, "kepala", PW).status_code == 302 and signed_in(b)


def test_a_typed_x_forwarded_for_without_a_trusted_proxy_changes_nothing(locking, users):
    # No proxy configured (the default): a header the client types is not its address. Taken as the address,
    # a new X-Forwarded-For on each guess would give every guess a fresh pair count and never lock.
    c = Client(REMOTE_ADDR="10.1.1.9")
    for i in range(5):
        assert (
            attempt(c, "kepala", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}", HTTP_X_REAL_IP=f"198.51.100.{i}").status_code
            == 200
        )
    r = attempt(c, "kepala", PW, HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert r.status_code == 429 and not signed_in(c)
    assert set(LoginFailure.objects.values_list("ip", flat=True)) == {"10.1.1.9"}


def test_the_account_locks_for_everybody_after_the_account_limit(locking, users):
    # A guess spread over many addresses (one failure each) is stopped by the per-account count.
    for i in range(8):
        attempt(Client(REMOTE_ADDR=f"10.2.0.{i + 1}"), "kabid")
    fresh = Client(REMOTE_ADDR="10.2.0.200")
    r = attempt(fresh, "kabid", PW)
    assert r.status_code == 429 and not signed_in(fresh)
    assert "akun ini" in r.content.decode()


def test_an_address_that_sprays_many_names_is_locked(locking, users):
    # Twelve failures for twelve different names from one address lock that address, even for a real
    # account with its right password; another address is unaffected.
    c = Client(REMOTE_ADDR="10.3.0.1")
    for i in range(12):
        attempt(c, f"tebakan{i}")
    r = attempt(c, "operator", PW)
    assert r.status_code == 429 and not signed_in(c)
    assert "alamat jaringan" in r.content.decode()
    other = Client(REMOTE_ADDR="10.3.0.2")
    assert attempt(other, "operator", PW).status_code == 302


def test_an_unknown_name_locks_like_a_real_one(locking, users):
    # No user enumeration: the sixth try for a name that does not exist looks the same as for one that does.
    unknown, known = Client(REMOTE_ADDR="10.4.0.1"), Client(REMOTE_ADDR="10.4.0.2")
    for _ in range(5):
        attempt(unknown, "tidak.ada")
        attempt(known, "kasi")
    r1, r2 = attempt(unknown, "Tidak.Ada"), attempt(known, "kasi")
    assert r1.status_code == r2.status_code == 429
    assert lockout.Lock("pair", timezone.now()).message()[:60] in r1.content.decode()
    assert lockout.Lock("pair", timezone.now()).message()[:60] in r2.content.decode()


def test_no_password_is_checked_while_locked_and_nothing_more_is_counted(locking, users):
    c = Client(REMOTE_ADDR="10.5.0.1")
    for _ in range(5):
        attempt(c, "kasi")
    before = LoginFailure.objects.count()
    for _ in range(3):
        assert attempt(c, "kasi", PW).status_code == 429
    assert LoginFailure.objects.count() == before


def test_a_successful_sign_in_clears_that_address_count(locking, users):
    c = Client(REMOTE_ADDR="10.6.0.1")
    for _ in range(4):
        attempt(c, "operator")
    assert attempt(c, "operator", PW).status_code == 302
    c.logout()
    for _ in range(4):
        attempt(c, "operator")
    assert attempt(c, "operator", PW).status_code == 302


def test_the_lock_ends_when_the_failures_leave_the_window(locking, users):
    c = Client(REMOTE_ADDR="10.7.0.1")
    for _ in range(5):
        attempt(c, "sekretaris")
    assert attempt(c, "sekretaris", PW).status_code == 429
    LoginFailure.objects.update(at=timezone.now() - timezone.timedelta(minutes=16))
    assert attempt(c, "sekretaris", PW).status_code == 302


def test_the_admin_login_is_behind_the_same_lockout(locking, users):
    # Without the lockout in the authentication backend the admin's form would be a side door.
    c = Client(REMOTE_ADDR="10.8.0.1")
    for _ in range(5):
        c.post("/admin/login/", {"username": "ADMIN", "password": "salah"})
    r = c.post("/admin/login/?next=/admin/", {"username": "admin", "password": PW})
    assert not signed_in(c)
    assert "Terlalu banyak percobaan masuk" in r.content.decode()


def test_unlock_command_clears_an_account(locking, users, capsys):
    c = Client(REMOTE_ADDR="10.9.0.1")
    for _ in range(5):
        attempt(c, "kabid2")
    assert attempt(c, "kabid2", PW).status_code == 429
    call_command("unlock_login", "KABID2")
    assert "kabid2" in capsys.readouterr().out
    assert attempt(c, "kabid2", PW).status_code == 302


def test_lockout_switched_off_counts_nothing(settings, users):
    settings.SAKIP_LOGIN_LOCKOUT_ENABLED = False
    c = Client(REMOTE_ADDR="10.10.0.1")
    for _ in range(8):
        attempt(c, "kepala")
    assert attempt(c, "kepala", PW).status_code == 302
    assert not LoginFailure.objects.exists()


@pytest.mark.parametrize(
    "header,count,meta,expected",
    [
        ("", 1, {"HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "10.0.0.1"),  # no header configured: REMOTE_ADDR
        ("X-Forwarded-For", 1, {"HTTP_X_FORWARDED_FOR": "9.9.9.9, 1.2.3.4"}, "1.2.3.4"),
        ("X-Forwarded-For", 2, {"HTTP_X_FORWARDED_FOR": "9.9.9.9, 1.2.3.4, 10.0.0.5"}, "1.2.3.4"),
        ("X-Forwarded-For", 2, {"HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "10.0.0.1"),  # too short: not via proxies
        ("X-Forwarded-For", 1, {"HTTP_X_FORWARDED_FOR": "bukan-alamat"}, "10.0.0.1"),
        ("X-Forwarded-For", 1, {}, "10.0.0.1"),
        ("X-Real-IP", 1, {"HTTP_X_REAL_IP": "2001:db8::1"}, "2001:db8::1"),
        ("HTTP_X_REAL_IP", 1, {"HTTP_X_REAL_IP": "1.2.3.4:5678"}, "1.2.3.4"),
    ],
)
def test_client_address_from_the_trusted_proxy_header(settings, header, count, meta, expected):
    settings.SAKIP_TRUSTED_PROXY_HEADER = header
    settings.SAKIP_TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", **meta)
    assert client_ip(request) == expected


def test_rate_limits_count_the_client_behind_the_proxy(settings):
    from sakip.core.ratelimit import client_key

    settings.SAKIP_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    rf = RequestFactory()
    a = rf.get("/", REMOTE_ADDR="172.16.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    b = rf.get("/", REMOTE_ADDR="172.16.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert client_key(a) != client_key(b)
