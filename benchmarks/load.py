"""Requests/s and p95 of a few pages under gunicorn at 10 and 50 connections (loopback, bounded runs).

A small threaded client (http.client, one keep-alive connection per thread) against gunicorn started on
the benchmark's database. Each run lasts RUN_SECONDS; the login page is run the same way as the floor.
"""

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN_SECONDS = 15
PAGES = [
    ("Beranda", "kepala", "/"),
    ("Pengukuran", "pemda", "/pengukuran/"),
    ("Daftar indikator", "timsakip", "/perencanaan/indikator/"),
    ("Formulir unit", "operator", "submission"),
    ("Dasbor periode", "kepala", "dashboard"),
]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _session_cookie(user):
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def _hammer(port, url, cookie, connections):
    times, errors, stop = [], [0], time.perf_counter() + RUN_SECONDS
    lock = threading.Lock()

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        local = []
        while time.perf_counter() < stop:
            start = time.perf_counter()
            try:
                conn.request("GET", url, headers={"Cookie": cookie, "Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    errors[0] += 1
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            local.append((time.perf_counter() - start) * 1000)
        with lock:
            times.extend(local)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))] if times else 0.0
    return {"rps": len(times) / RUN_SECONDS, "p95_ms": p95, "errors": errors[0]}


def load_test(db, ctx, users):
    port = _free_port()
    env = dict(
        os.environ,
        DEBUG="0",
        SECRET_KEY="bench-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        SAKIP_2FA_DEMO_EXEMPT="1",  # the demo's Kepala/admin/Inspektorat measure their pages, not the 2FA redirect
    )
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "sakip.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--threads",
            "4",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        results = []
        for connections in (10, 50):
            floor = _hammer(port, "/masuk/", "", connections)
            for name, role, url in PAGES:
                if url == "submission":
                    url = f"/pengukuran/formulir/{ctx['submission']}/"
                elif url == "dashboard":
                    url = f"/pelaporan/periode/{ctx['period']}/dasbor/"
                r = _hammer(port, url, _session_cookie(users[role]), connections)
                results.append(
                    {
                        "db": db,
                        "name": name,
                        "role": role,
                        "url": url,
                        "connections": connections,
                        "rps": round(r["rps"], 1),
                        "p95_ms": round(r["p95_ms"], 1),
                        "errors": r["errors"],
                        "login_rps": round(floor["rps"], 1),
                        "ratio_rps": r["rps"] / max(floor["rps"], 0.001),
                    }
                )
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)
