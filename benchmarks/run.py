"""Benchmarks at Pemda scale: generate data in a throw-away SQLite database, then time the main
pages and exports and print a table (page, rows, queries, median ms, peak memory).

    make bench            # or: .venv/bin/python benchmarks/run.py --opds 40

Apps add scenarios in `sakip/<app>/bench.py` with `scenarios(ctx) -> list[(name, username_or_user, url)]`.
Targets are read from the table by people, never asserted by tests.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--opds", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="sakip-bench-")
    os.environ["SQLITE_PATH"] = str(Path(tmp) / "bench.sqlite3")
    os.environ["SAKIP_VAR_DIR"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, force=True)
    from benchmarks.generate import generate

    pemda = generate(opds=args.opds)
    from sakip.organization.models import OPD, Employee, Position, User

    print(
        f"Data: {OPD.objects.count()} OPD, {Position.objects.count()} jabatan, {Employee.objects.count()} pegawai (generated in {time.perf_counter() - t0:.1f} s)\n"
    )
    admin = User.objects.get(username="admin")
    big = OPD.objects.filter(pemda=pemda).first()
    ctx = {"pemda": pemda, "opd": big, "admin": admin}
    scenarios = [
        ("Bagan organisasi (1 OPD)", admin, f"/organisasi/opd/{big.pk}/"),
        ("Daftar pegawai, 50 baris", admin, "/organisasi/pegawai/?per_page=50"),
        ("Ekspor Excel semua pegawai", admin, "/organisasi/pegawai/?export=xlsx"),
        ("Daftar jabatan, 50 baris", admin, "/organisasi/jabatan/?per_page=50"),
        ("Beranda", admin, "/"),
    ]
    for label in ["planning", "measurement", "reporting", "evaluation", "sop", "documents"]:
        try:
            module = import_module(f"sakip.{label}.bench")
        except ModuleNotFoundError:
            continue
        scenarios.extend(module.scenarios(ctx))
    rows = []
    for name, user, url in scenarios:
        client = Client()
        client.force_login(user if not isinstance(user, str) else User.objects.get(username=user))
        client.get(url)  # warm caches (templates, URL resolver)
        times, queries, status = [], 0, 0
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as ctxq:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            queries, status = len(ctxq.captured_queries), response.status_code
        tracemalloc.start()  # memory measured on a separate run: tracing slows Python down
        client.get(url)
        peak = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
        tracemalloc.stop()
        rows.append((name, status, queries, statistics.median(times), peak, len(response.content) / 1024))
    header = f"{'Skenario':<44} {'HTTP':>4} {'Kueri':>6} {'Median ms':>10} {'Puncak MB':>10} {'KB':>8}"
    print(header)
    print("-" * len(header))
    for name, status, queries, ms, peak, kb in rows:
        print(f"{name:<44} {status:>4} {queries:>6} {ms:>10.1f} {peak:>10.1f} {kb:>8.0f}")


if __name__ == "__main__":
    main()
