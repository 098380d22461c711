"""More than one server (docs/deployment.md "More than one server"): two gunicorn app servers and a task worker
on this machine, against PostgreSQL and Redis, with the production settings of the recipe. A journey alternates
between them — sign in on A, read the home page on B, draft a letter on B, sign it on A (in the background, so the
worker on its own process renders, signs and archives it), follow the job on B, verify on B — and the database
then holds every write once, audited. Rate limits count across servers (Redis), readiness answers on both.

Runs in the PostgreSQL half of `make test`; skipped on SQLite or when Redis does not answer."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from contextlib import closing
from datetime import date
from pathlib import Path

import psycopg
import pytest
import requests
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "sakip-demo-2026"
SUBJECT = f"Undangan rapat lintas server {uuid.uuid4().hex[:8]}"

# django_db: the test database (with the demo) must exist; the journey runs on a copy of it, never inside the
# test's transaction, so nothing leaks into other tests.
pytestmark = [pytest.mark.pg, pytest.mark.django_db]


def _free_port():
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _redis_answers():
    try:
        with closing(socket.create_connection(("127.0.0.1", 6379), timeout=1)) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
def cluster(tmp_path):
    """A copy of the test database (with the demo) served by two app servers and one worker."""
    if connection.vendor != "postgresql":
        pytest.skip("The multi-server recipe runs on PostgreSQL (DATABASE_URL=postgres://…).")
    if not _redis_answers():
        pytest.skip("Redis does not answer on 127.0.0.1:6379.")
    params = connection.settings_dict
    source = params["NAME"]
    clone = f"sakip_ms_{uuid.uuid4().hex[:10]}"
    admin = {
        "host": params.get("HOST") or "127.0.0.1",
        "port": params.get("PORT") or 5432,
        "user": params.get("USER") or "postgres",
        "password": params.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as pg:
        pg.execute(f'CREATE DATABASE "{clone}"')
    auth = admin["user"] + (f":{admin['password']}" if admin["password"] else "")
    # A copy of what is committed in the test database (the demo), through pg_dump as a backup would take it.
    pg_env = {**os.environ, "PGPASSWORD": admin["password"] or ""}
    conn_args = ["-h", str(admin["host"]), "-p", str(admin["port"]), "-U", admin["user"]]
    dump = subprocess.run(
        ["pg_dump", *conn_args, "--no-owner", "-d", source], env=pg_env, check=True, capture_output=True
    ).stdout
    subprocess.run(
        ["psql", *conn_args, "-q", "-v", "ON_ERROR_STOP=1", "-d", clone],
        input=dump,
        env=pg_env,
        check=True,
        capture_output=True,
    )
    shared = tmp_path / "shared"
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "PYTEST_XDIST_WORKER"}},
        "DEBUG": "0",
        "SECRET_KEY": "multi-server-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://{auth}@{admin['host']}:{admin['port']}/{clone}",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "CACHE_KEY_PREFIX": clone,
        "SAKIP_APP_SERVERS": "2",
        "MEDIA_ROOT": str(shared / "media"),
        "SAKIP_SIGNING_DIR": str(shared / "signing"),
        "SAKIP_VAR_DIR": str(tmp_path / "var"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "SECURE_COOKIES": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SAKIP_2FA_DEMO_EXEMPT": "1",
        "SAKIP_RATE_VERIFY": "5/120",
        "SAKIP_LOG_FORMAT": "json",
    }
    ports = [_free_port(), _free_port()]
    env["SITE_URL"] = f"http://127.0.0.1:{ports[0]}"
    manage = [sys.executable, "manage.py"]
    # The test database is built without migrations (--nomigrations): record them as applied, as a deployed
    # database has them, so that /readyz/ sees none missing.
    # The test settings hash passwords with a fast hasher production does not accept: set the one password the
    # journey uses with the production hasher.
    set_password = (
        "from sakip.organization.models import User; u = User.objects.get(username='kepala'); "
        f"u.set_password({PASSWORD!r}); u.save(update_fields=['password'])"
    )
    for command in (
        ["migrate", "--fake", "--no-input", "-v", "0"],
        ["collectstatic", "--no-input", "-v", "0"],
        ["shell", "-c", set_password],
    ):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    logs = tmp_path / "logs"
    logs.mkdir()
    procs = []
    try:
        for i, port in enumerate(ports):
            procs.append(
                subprocess.Popen(
                    [gunicorn, "sakip.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1", "--timeout", "120"],
                    cwd=ROOT,
                    env=env,
                    stdout=open(logs / f"app{i}.log", "w"),
                    stderr=subprocess.STDOUT,
                )
            )
        procs.append(
            subprocess.Popen(
                [*manage, "db_worker", "--interval", "0.2", "--no-startup-delay"],
                cwd=ROOT,
                env=env,
                stdout=open(logs / "worker.log", "w"),
                stderr=subprocess.STDOUT,
            )
        )
        urls = [f"http://127.0.0.1:{p}" for p in ports]
        deadline = time.monotonic() + 240
        for url in urls:
            while True:
                try:
                    if requests.get(url + "/readyz/", timeout=30).status_code == 200:
                        break
                except requests.RequestException:  # not listening yet, or still loading
                    pass
                if time.monotonic() > deadline:
                    raise AssertionError("app server did not become ready: " + _tail(logs))
                time.sleep(0.5)
        db = psycopg.connect(dbname=clone, autocommit=True, **admin)
        yield {"a": urls[0], "b": urls[1], "db": db, "logs": logs}
        db.close()
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{clone}" WITH (FORCE)')
        shutil.rmtree(shared, ignore_errors=True)


def _tail(logs):
    return "\n".join(f"--- {f.name}\n{f.read_text()[-3000:]}" for f in sorted(Path(logs).glob("*.log")))


def _csrf(session, url):
    page = session.get(url, timeout=30)
    assert page.status_code == 200, page.text[:500]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def _one(db, sql, *args):
    return db.execute(sql, args).fetchone()


def test_a_journey_across_two_app_servers_and_a_worker(cluster):
    a, b, db = cluster["a"], cluster["b"], cluster["db"]
    kepala_id, employee_id = _one(db, "SELECT id, employee_id FROM organization_user WHERE username = 'kepala'")
    (position_id,) = _one(
        db,
        "SELECT position_id FROM organization_assignment WHERE employee_id = %s AND start_date <= %s "
        "AND (end_date IS NULL OR end_date >= %s) ORDER BY kind_rank DESC LIMIT 1",
        employee_id,
        date.today(),
        date.today(),
    )
    doc_type_id, klasifikasi_id = _one(
        db, "SELECT id, default_klasifikasi_id FROM documents_documenttype WHERE code = 'undangan'"
    )
    s = requests.Session()

    # 1. Sign in on A.
    token = _csrf(s, a + "/masuk/")
    signed_in = s.post(
        a + "/masuk/",
        data={"csrfmiddlewaretoken": token, "username": "kepala", "password": PASSWORD},
        headers={"Referer": a + "/masuk/"},
        allow_redirects=False,
        timeout=30,
    )
    assert signed_in.status_code == 302, signed_in.text[:1000]

    # 2. B knows the session (sessions in the database behind Redis).
    home_b = s.get(b + "/", allow_redirects=False, timeout=30)
    assert home_b.status_code == 200 and "Keluar" in home_b.text

    # 3. Draft a letter on B.
    token = _csrf(s, b + "/dokumen/surat/buat/")
    drafted = s.post(
        b + "/dokumen/surat/buat/",
        data={
            "csrfmiddlewaretoken": token,
            "doc_type": doc_type_id,
            "klasifikasi": klasifikasi_id,
            "date": date.today().isoformat(),
            "subject": SUBJECT,
            "sifat": "Biasa",
            "recipient": "Para Kepala Bidang",
            "recipient_place": "Tempat",
            "body": "Dengan hormat,",
            "hari_tanggal": date.today().isoformat(),
            "waktu": "09.00 WIB",
            "tempat": "Aula",
            "acara": "Rapat koordinasi",
            "signer_position": position_id,
        },
        allow_redirects=False,
        timeout=30,
    )
    assert drafted.status_code == 302, drafted.text[:2000]
    letter_id = int(re.search(r"/dokumen/surat/(\d+)/", drafted.headers["Location"]).group(1))

    # 4. Sign it on A, in the background: the worker (its own process) renders, signs and archives.
    token = _csrf(s, a + f"/dokumen/surat/{letter_id}/")
    signed = s.post(
        a + f"/dokumen/surat/{letter_id}/tandatangani/",
        data={"csrfmiddlewaretoken": token, "background": "1"},
        allow_redirects=False,
        timeout=60,
    )
    assert signed.status_code == 302, signed.text[:2000]
    (job_id,) = _one(
        db,
        "SELECT id FROM documents_generationjob WHERE user_id = %s AND params->'context'->>'letter_id' = %s",
        kepala_id,
        str(letter_id),
    )

    # 5. Follow the job on B until the worker finished it.
    deadline = time.monotonic() + 180
    while True:
        status = _one(db, "SELECT status, error FROM documents_generationjob WHERE id = %s", job_id)
        if status[0] in ("done", "failed") or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert status[0] == "done", f"{status}\n{_tail(cluster['logs'])}"
    assert s.get(b + f"/dokumen/tugas/{job_id}/", timeout=30).status_code == 200  # attaches the document
    detail = s.get(b + f"/dokumen/surat/{letter_id}/", timeout=30)
    assert detail.status_code == 200

    # 6. Verify on B, without signing in (the public page), with the code printed on the document.
    (code, number) = _one(
        db,
        "SELECT d.verification_code, d.number FROM documents_archiveddocument d "
        "JOIN documents_letter l ON l.document_id = d.id WHERE l.id = %s",
        letter_id,
    )
    public = requests.get(b + f"/verifikasi/{code}/", timeout=30)
    assert public.status_code == 200 and number in public.text

    # Every write stored once, and audited by the user who made it.
    assert _one(db, "SELECT count(*) FROM documents_letter WHERE subject = %s", SUBJECT) == (1,)
    assert _one(db, "SELECT state FROM documents_letter WHERE id = %s", letter_id) == ("signed",)
    assert _one(db, "SELECT count(*) FROM documents_numberrecord WHERE number = %s", number) == (1,)
    history = db.execute(
        "SELECT history_type, history_user_id, state FROM documents_historicalletter WHERE id = %s ORDER BY history_id",
        (letter_id,),
    ).fetchall()
    # Drafted by the Kepala on B; the signed state recorded too (by the Kepala's request, or by the worker).
    assert history[0] == ("+", kepala_id, "draft"), history
    assert history[-1][2] == "signed" and history[-1][1] in (kepala_id, None), history
    assert {user for _t, user, _s in history} <= {kepala_id, None}, history

    # Rate limits count across servers (Redis): 5 verifications per 2 minutes per address, whichever server.
    answers = [requests.get((a, b)[i % 2] + f"/verifikasi/{code}/", timeout=30).status_code for i in range(6)]
    assert answers[:4] == [200] * 4 and 429 in answers[4:]

    # Both servers ready; their logs are JSON lines.
    for url in (a, b):
        assert requests.get(url + "/readyz/", timeout=10).json()["status"] == "ok"
