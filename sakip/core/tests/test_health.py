"""Health and readiness probes (sakip.core.health) and start-up validation of production settings
(sakip.core.startup)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sakip.core import health, startup

ROOT = Path(__file__).resolve().parents[3]


def test_healthz_answers_without_login_or_database(client):
    response = client.get("/healthz/")
    assert response.status_code == 200 and response.content == b"ok"


@pytest.mark.django_db
def test_readyz_checks_database_migrations_cache_and_media(client):
    response = client.get("/readyz/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "cache": "ok", "media": "ok"},
    }


@pytest.mark.django_db
def test_readyz_names_a_failing_check_with_503(client, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.MEDIA_ROOT = str(blocker / "media")  # cannot be created: a file stands in the way
    response = client.get("/readyz/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error" and body["checks"]["media"].startswith("error")
    assert body["checks"]["database"] == "ok"
    assert "not-a-folder" not in response.content.decode()  # no paths or internals leak


def test_development_needs_no_production_setting(settings):
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = []
    assert startup.missing_settings() == []
    # A test runner turns settings.DEBUG off; the environment still says development (sakip.settings).
    settings.DEBUG, settings.SAKIP_PRODUCTION = False, False
    assert startup.missing_settings() == []


def test_production_names_every_missing_setting(settings, monkeypatch):
    settings.DEBUG, settings.SAKIP_PRODUCTION = False, True
    settings.ALLOWED_HOSTS = []
    settings.SITE_URL_CONFIGURED = False
    settings.SAKIP_APP_SERVERS = 2
    settings.REDIS_URL = ""
    monkeypatch.delenv("MEDIA_ROOT", raising=False)
    monkeypatch.delenv("SAKIP_SIGNING_DIR", raising=False)
    missing = " ".join(startup.missing_settings())
    for name in ("ALLOWED_HOSTS", "SITE_URL", "REDIS_URL", "MEDIA_ROOT", "SAKIP_SIGNING_DIR"):
        assert name in missing
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        assert "DATABASE_URL" in missing
    with pytest.raises(Exception, match="sakip cannot start: set ALLOWED_HOSTS"):
        startup.refuse_incomplete_settings()
    errors = startup.complete_settings()
    assert [e.id for e in errors] == ["sakip.E002"] and "SITE_URL" not in errors[0].msg


def test_one_production_server_with_complete_settings_starts(settings):
    settings.DEBUG, settings.SAKIP_PRODUCTION = False, True
    settings.ALLOWED_HOSTS = ["sakip.example.go.id"]
    settings.SITE_URL_CONFIGURED = True
    settings.SAKIP_APP_SERVERS = 1
    assert startup.missing_settings() == []
    startup.refuse_incomplete_settings()


def test_the_wsgi_application_refuses_to_start_with_incomplete_settings():
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "ALLOWED_HOSTS", "PYTEST_VERSION"}}
    env.update({"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "sakip.example.go.id"})
    code = "import sakip.wsgi"
    refused = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env)
    assert refused.returncode != 0 and "SITE_URL" in refused.stderr
    started = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**env, "SITE_URL": "https://sakip.example.go.id"},
    )
    assert started.returncode == 0, started.stderr[-2000:]
    assert health.CHECKS.keys() == {"database", "migrations", "cache", "media"}
