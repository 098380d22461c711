"""Personal API tokens: hashed at rest, expiry, scope, revocation, audit trail, the command, the page."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from sakip.api import services
from sakip.api.models import ApiToken

pytestmark = pytest.mark.django_db

OPD_URL = "/api/v1/organisation/opd/"


def _client(raw):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def test_the_secret_is_not_stored(users):
    token, raw = services.create_token(user=users["kabid"], name="skrip", scope="read")
    stored = ApiToken.objects.get(pk=token.pk)
    assert raw not in (stored.digest, stored.prefix, stored.name)
    assert stored.digest == services.digest(raw) and len(raw) >= 40
    assert stored.history.filter(history_type="+").exists()


def test_token_authenticates_and_records_its_use(users):
    token, raw = services.create_token(user=users["kabid"], name="skrip")
    r = _client(raw).get(OPD_URL)
    assert r.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert token.history.filter(history_change_reason="Token API dipakai").exists()


@pytest.mark.parametrize("header", ["Token", "Token a b", "Token nope", "Bearer x"])
def test_bad_credentials_are_401_json(header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    r = client.get(OPD_URL)
    assert r.status_code == 401
    assert r.json()["detail"]


def test_revoked_and_expired_tokens_are_refused(users):
    token, raw = services.create_token(user=users["kabid"], name="lama")
    services.revoke_token(user=users["kabid"], token=token)
    r = _client(raw).get(OPD_URL)
    assert r.status_code == 401
    assert "dicabut" in r.json()["detail"]
    token2, raw2 = services.create_token(
        user=users["kabid"], name="singkat", expires_at=timezone.now() + timedelta(minutes=1)
    )
    ApiToken.objects.filter(pk=token2.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _client(raw2).get(OPD_URL).status_code == 401
    assert token.history.filter(history_change_reason="Token API dicabut").exists()


def test_read_only_token_cannot_write(users, demo):
    _token, raw = services.create_token(user=users["sekretaris"], name="baca", scope="read")
    r = _client(raw).post(
        "/api/v1/organisation/units/", {"opd": demo["dinas"].pk, "name": "Unit X", "kind": "seksi"}, format="json"
    )
    assert r.status_code == 403
    assert "hanya untuk membaca" in r.json()["detail"]


def test_bad_expiry_and_names_are_refused(users):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.create_token(user=users["kabid"], name="", expires_at=timezone.now() - timedelta(days=1))
    assert set(exc.value.message_dict) == {"name", "expires_at"}
    with pytest.raises(ValidationError):
        services.create_token(user=users["kabid"], name="x", expires_at=timezone.now() + timedelta(days=1000))
    with pytest.raises(ValidationError):
        services.create_token(user=users["kabid"], name="x", scope="admin")


def test_only_the_owner_revokes(users):
    from django.core.exceptions import PermissionDenied

    token, _raw = services.create_token(user=users["kabid"], name="milik kabid")
    with pytest.raises(PermissionDenied):
        services.revoke_token(user=users["kabid2"], token=token)
    # Through the API another user's token simply does not exist.
    r = APIClient()
    r.force_authenticate(users["kabid2"])
    assert r.delete(f"/api/v1/tokens/{token.pk}/").status_code == 404


def test_tokens_cannot_mint_tokens_but_the_session_can(users, client_for):
    _token, raw = services.create_token(user=users["kabid"], name="skrip")
    r = _client(raw).post("/api/v1/tokens/", {"name": "baru"}, format="json")
    assert r.status_code == 403
    session = client_for("kabid")
    r = session.post("/api/v1/tokens/", {"name": "baru", "scope": "write"}, content_type="application/json")
    assert r.status_code == 201
    body = r.json()
    assert body["token"] and body["scope"] == "write"
    assert _client(body["token"]).get(OPD_URL).status_code == 200
    listed = _client(body["token"]).get("/api/v1/tokens/").json()["results"]
    assert {t["name"] for t in listed} == {"skrip", "baru"}
    assert all("token" not in t and "digest" not in t for t in listed)


def test_command_prints_one_line_with_a_working_token():
    out = StringIO()
    call_command("drf_create_token", "kabid", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    assert _client(lines[0]).get(OPD_URL).status_code == 200


def test_command_refuses_an_unknown_user():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("drf_create_token", "nobody", stdout=StringIO())


def test_profile_page_creates_shows_once_and_revokes(client_for, users):
    page = client_for("kabid")
    r = page.get("/akun/token-api/")
    assert r.status_code == 200
    r = page.post("/akun/token-api/", {"name": "Dasbor", "scope": "read", "expires_on": ""})
    assert r.status_code == 200
    raw = r.context["new_token"]
    assert raw and raw in r.content.decode()
    token = ApiToken.objects.get(user=users["kabid"], name="Dasbor")
    assert page.get("/akun/token-api/").content.decode().count(raw) == 0  # shown only once
    r = page.post(f"/akun/token-api/{token.pk}/cabut/")
    assert r.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    # Another user cannot revoke it, nor read its history.
    other = client_for("kabid2")
    assert other.post(f"/akun/token-api/{token.pk}/cabut/").status_code == 404
    assert other.get(f"/riwayat/api/apitoken/{token.pk}/").status_code == 404
    assert page.get(f"/riwayat/api/apitoken/{token.pk}/").status_code == 200


def test_profile_page_reports_bad_input_in_indonesian(client_for):
    r = client_for("kabid").post("/akun/token-api/", {"name": "", "scope": "read", "expires_on": "2001-01-01"})
    assert r.status_code == 200
    assert r.context["new_token"] is None
    errors = r.context["form"].errors
    assert "name" in errors and "expires_on" in errors
