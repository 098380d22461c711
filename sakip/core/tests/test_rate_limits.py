"""Issue 12 item 4: uploads, imports and the public verification page are rate-limited (cache-based),
with an Indonesian 429 page."""

import pytest
from django.core.cache import cache
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    settings.SAKIP_RATELIMIT_ENABLED = True
    settings.SAKIP_RATE_LIMITS = {"upload": "3/600", "verify": "4/60"}
    cache.clear()
    yield
    cache.clear()


def test_the_public_verification_page_is_rate_limited_per_address(limits):
    client = Client(REMOTE_ADDR="10.0.0.9")
    codes = [client.get("/verifikasi/").status_code for _ in range(6)]
    assert codes[:4] == [200] * 4 and codes[4:] == [429, 429]
    refused = client.get("/verifikasi/")
    assert "Terlalu banyak permintaan" in refused.content.decode() and refused["Retry-After"] == "60"
    assert Client(REMOTE_ADDR="10.0.0.10").get("/verifikasi/").status_code == 200  # another address


def test_imports_are_rate_limited_per_user(limits, client_for):
    kabid = client_for("kabid")
    codes = [kabid.post("/perencanaan/indikator/impor/", {}).status_code for _ in range(5)]
    assert codes[:3] == [400] * 3 and codes[3:] == [429, 429]
    assert client_for("operator").post("/perencanaan/indikator/impor/", {}).status_code == 400


def test_no_limit_when_switched_off(settings, client_for):
    settings.SAKIP_RATELIMIT_ENABLED = False
    kabid = client_for("kabid")
    assert all(kabid.post("/perencanaan/indikator/impor/", {}).status_code == 400 for _ in range(40))
