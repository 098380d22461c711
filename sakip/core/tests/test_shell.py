"""The application shell: login by user name or NIP, rate limit, language, navigation, errors, settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from sakip.core import formats

pytestmark = pytest.mark.django_db
PW = settings.SAKIP_DEMO_PASSWORD


def test_login_by_user_name_and_by_nip(users):
    c = Client()
    assert c.login(username="kepala", password=PW)
    c = Client()
    r = c.post("/masuk/", {"username": "19700315 199503 1 002", "password": PW})
    assert r.status_code == 302
    assert c.get("/").context["user"].username == "kepala"


def test_wrong_password_gives_an_indonesian_message():
    r = Client().post("/masuk/", {"username": "kepala", "password": "salah"})
    assert r.status_code == 200
    assert "Masukkan nama pengguna dan sandi yang benar" in r.content.decode() or "benar" in r.content.decode()


def test_failed_logins_are_rate_limited(settings, users):
    settings.SAKIP_LOGIN_LOCKOUT_ENABLED = True
    settings.SAKIP_LOGIN_LOCKOUT = {"pair": 3}
    c = Client(REMOTE_ADDR="10.9.8.7")
    for _ in range(3):
        c.post("/masuk/", {"username": "kabid", "password": "salah"})
    r = c.post("/masuk/", {"username": "kabid", "password": PW})
    assert r.status_code == 429
    assert "Terlalu banyak percobaan" in r.content.decode()


def test_shell_shows_opd_unit_and_role_and_every_stage(client_for):
    html = client_for("kabid").get("/").content.decode()
    assert "Dinsospermasdes" in html and "Bidang Rehabilitasi Sosial" in html and "Kepala Unit" in html
    for label in ["Organisasi", "Perencanaan", "Pengukuran", "Pelaporan", "Evaluasi", "SOP", "Dokumen"]:
        assert label in html


def test_every_stage_link_answers(client_for):
    c = client_for("kepala")
    for url in ["/organisasi/", "/perencanaan/", "/pengukuran/", "/pelaporan/", "/evaluasi/", "/sop/", "/dokumen/"]:
        assert c.get(url, follow=True).status_code == 200, url


def test_indonesian_by_default_even_for_an_english_browser_then_english_on_request(client_for):
    c = client_for("kepala")
    html = c.get("/organisasi/pegawai/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="id"' in html and "Pegawai" in html
    c.post("/bahasa/", {"language": "en", "next": "/organisasi/pegawai/"})
    html = c.get("/organisasi/pegawai/").content.decode()
    assert 'lang="en"' in html and "Employees" in html


def test_errors_are_friendly_pages_not_stack_traces(client_for):
    r = client_for("kabid").get("/organisasi/pegawai/tambah/")
    assert r.status_code == 403 and "Akses ditolak" in r.content.decode()
    r = client_for("kabid").get("/organisasi/pegawai/999999/")
    assert r.status_code == 404 and "Tidak ditemukan" in r.content.decode()


def test_password_change(client_for, users):
    c = client_for("operator")
    r = c.post(
        "/akun/kata-sandi/",
        {"old_password": PW, "new_password1": "Rahasia-Baru-2026!", "new_password2": "Rahasia-Baru-2026!"},
    )
    assert r.status_code == 302
    users["operator"].refresh_from_db()
    assert users["operator"].check_password("Rahasia-Baru-2026!")


def test_indonesian_formats():
    from datetime import date
    from decimal import Decimal

    assert formats.tanggal(date(2021, 1, 18)) == "18 Januari 2021"
    assert formats.angka(Decimal("1234567.891"), 2) == "1.234.567,89"
    assert formats.angka(Decimal("107.145"), 2) == "107,15"
    assert formats.rupiah(1500000) == "Rp 1.500.000"
    assert formats.hari_tanggal(date(2022, 10, 24)) == "Senin, 24 Oktober 2022"


def test_check_deploy_is_clean_with_production_variables(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x" * 60 + "Yz9!kQ",
        "ALLOWED_HOSTS": "sakip.example.go.id",
        "SITE_URL": "https://sakip.example.go.id",  # without it check sakip.W001 warns (docs/deployment.md)
        "SAKIP_VAR_DIR": str(tmp_path),
    }
    env.pop("PYTEST_VERSION", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    root = Path(settings.BASE_DIR)
    r = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_secret_key_is_required_without_debug(tmp_path):
    env = {**os.environ, "DEBUG": "0", "ALLOWED_HOSTS": "x", "SAKIP_VAR_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    env.pop("PYTEST_VERSION", None)
    r = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert r.returncode != 0 and "SECRET_KEY must be set" in r.stderr


def test_sqlite_runs_in_wal_mode_with_immediate_transactions():
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in settings.DATABASES["default"]["OPTIONS"]["init_command"]
