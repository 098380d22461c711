"""Issue 13 item 5: the QR code and every link use the address users reach (SITE_URL), `make run PORT=…`
sets it, a deployment takes it from its configuration, the verification page works behind the reverse
proxy, and check sakip.W001 warns when SITE_URL is missing in production."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sakip.core import checks as sakip_checks
from sakip.core.actors import system_user

ROOT = Path(__file__).resolve().parents[3]
PUBLIC = "https://sakip.banyumaskab.go.id"


def make_dry_run(*args, env=None):
    result = subprocess.run(
        ["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    return result.stdout


def test_make_run_puts_its_port_into_site_url():
    out = make_dry_run("run", "PORT=8123")
    assert 'SITE_URL="http://127.0.0.1:8123"' in out
    assert "127.0.0.1:8000" not in out


def test_make_run_keeps_a_configured_site_url():
    out = make_dry_run("run", "PORT=8123", env={"SITE_URL": PUBLIC})
    assert f'SITE_URL="{PUBLIC}"' in out and 'SITE_URL="http://127.0.0.1:8123"' not in out


def settings_from_env(**env):
    """Import the settings module in a fresh interpreter with this environment (as a deployment would)."""
    code = (
        "import django, json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'sakip.settings'; django.setup();"
        "from django.conf import settings as s;"
        "print(json.dumps([s.SITE_URL, s.SITE_URL_CONFIGURED, s.CSRF_TRUSTED_ORIGINS, s.ALLOWED_HOSTS]))"
    )
    base = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "DEBUG", "ALLOWED_HOSTS")}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env={**base, **env}, check=True
    )
    import json

    return json.loads(result.stdout.strip().splitlines()[-1])


def test_deployment_takes_site_url_from_configuration():
    site, configured, origins, hosts = settings_from_env(
        SITE_URL=PUBLIC + "/", DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="127.0.0.1"
    )
    assert site == PUBLIC and configured is True
    assert PUBLIC in origins  # the upload form of the verification page posts from the public origin
    assert "sakip.banyumaskab.go.id" in hosts and "127.0.0.1" in hosts


def test_without_site_url_the_development_default_is_kept():
    site, configured, origins, _hosts = settings_from_env(DEBUG="1")
    assert site == "http://127.0.0.1:8000" and configured is False and origins == []


def test_system_check_warns_when_site_url_is_missing_in_production(settings):
    settings.DEBUG = False
    settings.SITE_URL_CONFIGURED = False
    warnings = sakip_checks.site_url_configured()
    assert [w.id for w in warnings] == ["sakip.W001"]
    assert "SITE_URL" in warnings[0].msg and "docs/deployment.md" in warnings[0].hint
    settings.SITE_URL_CONFIGURED = True
    assert sakip_checks.site_url_configured() == []
    settings.DEBUG, settings.SITE_URL_CONFIGURED = True, False
    assert sakip_checks.site_url_configured() == []


def test_the_check_runs_at_start_up():
    base = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env = {**base, "DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "127.0.0.1"}
    missing = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, capture_output=True, text=True, env=env)
    assert "sakip.W001" in missing.stderr + missing.stdout
    present = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**env, "SITE_URL": PUBLIC},
    )
    assert "sakip.W001" not in present.stderr + present.stdout and present.returncode == 0


def qr_payloads(pdf: bytes, tmp_path) -> list[str]:
    """Decode every QR code on the PDF's pages as a phone would (pdftoppm render → zbarimg)."""
    (tmp_path / "doc.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(tmp_path / "doc.pdf"), str(tmp_path / "page")], check=True)
    found = []
    for png in sorted(tmp_path.glob("page*.png")):
        result = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
        found += [line for line in result.stdout.splitlines() if line]
    return found


@pytest.mark.django_db
def test_the_qr_code_points_at_site_url(settings, statement, tmp_path):
    """The QR of a signed document, decoded from its rendering, opens SITE_URL's verification page."""
    from sakip.documents.services import issue_document

    settings.SITE_URL = PUBLIC
    doc = issue_document(
        user=system_user(),
        opd=statement.opd,
        doc_type=statement.doc_type.code,
        subject="Uji alamat QR",
        date=date(2026, 3, 2),
        pdf_bytes=_plain_pdf(),
        signer_position=statement.signer_position,
        sign=True,
        check_permission=False,
    )
    assert qr_payloads(doc.file.read(), tmp_path) == [f"{PUBLIC}/verifikasi/{doc.verification_code}/"]


def _plain_pdf():
    from sakip.core.pdf import render_pdf_from_html

    return render_pdf_from_html("<html><body><p>Uji alamat QR</p></body></html>")


@pytest.mark.django_db
def test_verification_page_behind_the_reverse_proxy(settings, statement):
    """The proxy terminates TLS and forwards X-Forwarded-Proto/-Host/-For; CSRF on the upload form passes with
    the public origin, the page links to the public address, the rate limit counts the visitor."""
    settings.SITE_URL = PUBLIC
    settings.USE_X_FORWARDED_HOST = True
    settings.ALLOWED_HOSTS = ["sakip.banyumaskab.go.id"]
    settings.CSRF_TRUSTED_ORIGINS = [PUBLIC]
    settings.SAKIP_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.SAKIP_TRUSTED_PROXY_COUNT = 1
    proxy = {
        "REMOTE_ADDR": "10.1.0.2",
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_X_FORWARDED_HOST": "sakip.banyumaskab.go.id",
        "HTTP_X_FORWARDED_FOR": "203.0.113.7",
        "HTTP_HOST": "127.0.0.1:8000",
    }
    client = Client(enforce_csrf_checks=True, **proxy)
    url = f"/verifikasi/{statement.verification_code}/"
    page = client.get(url)
    assert page.status_code == 200
    token = page.cookies["csrftoken"].value
    upload = SimpleUploadedFile("pernyataan.pdf", statement.file.read(), content_type="application/pdf")
    posted = client.post(
        url, {"file": upload, "csrfmiddlewaretoken": token}, HTTP_ORIGIN=PUBLIC, HTTP_REFERER=PUBLIC + url
    )
    assert posted.status_code == 200
    assert "ASLI" in posted.content.decode()
