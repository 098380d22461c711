"""Benchmarks at Pemda scale (issue 15): every main page of every role, at demo size and at Pemda scale.

    make bench                                   # SQLite, then PostgreSQL when it answers
    .venv/bin/python benchmarks/run.py --opds 4 --requests 5 --db sqlite    # a quick smoke run

1. A throw-away database gets the demo; each page is measured on it ("small": queries_small).
2. `benchmarks/generate.py` adds a Pemda: 40 OPD with units, positions and people, a 5-year Renstra with
   250 cascaded indicators each (10 000), their targets, 5 years × 4 locked quarters (200 000 realisasi
   rows, evidence metadata on the IKU rows). The result is kept as a snapshot in var/bench/ (SQLite file
   or a PostgreSQL database) so a rerun skips the generation.
3. Each page is measured again: queries at scale, p50/p95 over N requests without template
   instrumentation, and the ratio of its p95 to the login page's p95 measured in the same run.
4. Unless --no-load: requests/s and p95 of five pages under gunicorn at 10 and 50 connections
   (benchmarks/load.py, ≤ 20 s a run).
It prints a table and writes var/bench/results.json. Targets are read from it by people (docs/deployment.md,
"Performance"), never asserted by tests.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "var" / "bench"
GENERATOR_VERSION = 2  # bump when generate.py changes: old snapshots are not reused


def pg_available(url):
    try:
        import psycopg

        with psycopg.connect(url.replace("/sakip_bench", "/postgres"), connect_timeout=3):
            return True
    except Exception:
        return False


def prepare(db, opds):
    """Point Django at a fresh copy of the snapshot (building it first when needed); returns its path/name."""
    OUT.mkdir(parents=True, exist_ok=True)
    key = f"v{GENERATOR_VERSION}-{opds}"
    os.environ["SAKIP_VAR_DIR"] = str(OUT / "var")
    if db == "sqlite":
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(OUT / f"work-{key}.sqlite3")
    else:
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/sakip_bench_{key.replace('-', '_')}"
    return key


def page_list(ctx):
    """(name, role, url) for the main pages of every stage and role; urls use demo objects."""
    p = ctx
    pages = [
        ("Beranda", "kepala", "/"),
        ("Beranda", "operator", "/"),
        ("Beranda", "pemda", "/"),
        ("Beranda", "admin", "/"),
        ("Organisasi", "admin", "/organisasi/"),
        ("Bagan organisasi", "kepala", f"/organisasi/opd/{p['opd']}/"),
        ("Daftar unit", "admin", "/organisasi/unit/"),
        ("Daftar jabatan", "admin", "/organisasi/jabatan/"),
        ("Daftar pegawai", "admin", "/organisasi/pegawai/"),
        ("Perencanaan", "timsakip", "/perencanaan/"),
        ("Daftar Renstra", "pemda", "/perencanaan/renstra/"),
        ("Renstra", "timsakip", f"/perencanaan/renstra/{p['renstra']}/"),
        ("Daftar indikator", "pemda", "/perencanaan/indikator/"),
        ("Daftar indikator", "timsakip", "/perencanaan/indikator/"),
        ("Pengukuran", "pemda", "/pengukuran/"),
        ("Pengukuran", "inspektorat", "/pengukuran/"),
        ("Pengukuran", "admin", "/pengukuran/"),
        ("Pengukuran", "kepala", "/pengukuran/"),
        ("Kotak masuk", "operator", "/pengukuran/kotak-masuk/"),
        ("Periode", "kepala", f"/pengukuran/periode/{p['period']}/"),
        ("Formulir unit", "operator", f"/pengukuran/formulir/{p['submission']}/"),
        ("Pelaporan", "pemda", "/pelaporan/"),
        ("Pelaporan", "kepala", "/pelaporan/"),
        ("Dasbor periode", "kepala", f"/pelaporan/periode/{p['period']}/dasbor/"),
        ("Kinerja SOP", "timsakip", "/pelaporan/kinerja-sop/"),
        ("Evaluasi", "inspektorat", "/evaluasi/"),
        ("Rekap evaluasi", "pemda", "/evaluasi/rekap/"),
        ("Matriks TL", "inspektorat", "/evaluasi/matriks-tl/"),
        ("SOP", "timsakip", "/sop/"),
        ("SOP", "pemda", "/sop/"),
        ("Versi SOP", "timsakip", f"/sop/versi/{p['sop_version']}/"),
        ("Pemeriksaan SOP", "timsakip", "/sop/pemeriksaan/"),
        ("Dokumen", "sekretaris", "/dokumen/"),
        ("Agenda surat", "sekretaris", "/dokumen/agenda/"),
        ("Surat", "sekretaris", "/dokumen/surat/"),
        ("API periode", "kepala", "/api/v1/measurement/periods/"),
    ]
    return pages


def measure(client, url, n):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm caches (templates, URL resolver, similarity)
    times = []
    with CaptureQueriesContext(connection) as ctxq:
        response = client.get(url)
    queries = len(ctxq.captured_queries)
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))]
    return {"status": response.status_code, "queries": queries, "p50": statistics.median(times), "p95": p95}


def run_db(db, args):
    key = prepare(db, args.opds)
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    os.environ.setdefault("SAKIP_2FA_DEMO_EXEMPT", "1")  # the demo's accounts, measured without the 2FA step
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    from sakip.organization.models import OPD, User

    t0 = time.perf_counter()
    if db == "pg":
        ensure_pg_database(os.environ["DATABASE_URL"])
    call_command("migrate", verbosity=0)
    if not OPD.objects.filter(akronim="Dinsospermasdes").exists():
        call_command("load_demo", verbosity=0, force=True)
    ctx = demo_context()
    pages = page_list(ctx)
    users = {u.username: u for u in User.objects.all()}
    # The demo-size figures are measured once, before the Pemda is generated, and kept beside the snapshot.
    small_file = OUT / f"small-{db}-{key}.json"
    from sakip.organization.models import Pemda

    if small_file.exists() and Pemda.objects.filter(name="Bench").exists():
        small = {tuple(k.split("|")): v for k, v in json.loads(small_file.read_text()).items()}
    else:
        small = {}
        for name, role, url in pages:
            c = Client()
            c.force_login(users[role])
            small[(name, role, url)] = measure(c, url, 5)
        small_file.write_text(json.dumps({"|".join(k): v for k, v in small.items()}))
    from benchmarks.generate import generate, generate_cycle

    if not Pemda.objects.filter(name="Bench").exists():
        t0 = time.perf_counter()
        pemda = generate(opds=args.opds)
        cycle = generate_cycle(pemda)
        print(f"Generated in {time.perf_counter() - t0:.0f} s: {cycle}")
    dataset = dataset_counts()
    print(f"[{db}] data: {json.dumps(dataset)}\n")
    login = measure(Client(), "/masuk/", args.requests)
    rows = []
    for name, role, url in pages:
        c = Client()
        c.force_login(users[role])
        large = measure(c, url, args.requests)
        before = small.get((name, role, url)) or {"queries": None, "p95": float("nan")}
        rows.append(
            {
                "db": db,
                "name": name,
                "role": role,
                "url": url,
                "status": large["status"],
                "queries_small": before["queries"],
                "queries_large": large["queries"],
                "p95_small_ms": round(before["p95"], 1),
                "p50_ms": round(large["p50"], 1),
                "p95_ms": round(large["p95"], 1),
                "floor_p95_ms": round(login["p95"], 1),
                "ratio_p95": round(large["p95"] / max(login["p95"], 0.001), 1),
                "growth_p95": round(large["p95"] / max(before["p95"], 0.001), 1),
            }
        )
    connection.close()
    load = []
    if not args.no_load:
        from benchmarks.load import load_test

        load = load_test(db, ctx, users)
    return {"dataset": dataset, "pages": rows, "load": load}


def ensure_pg_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def demo_context():
    from sakip.measurement.models import Period
    from sakip.organization.models import OPD
    from sakip.planning.models import Renstra
    from sakip.sop.models import SopVersion

    opd = OPD.objects.get(akronim="Dinsospermasdes")
    period = Period.objects.filter(opd=opd).order_by("-year", "-triwulan").first()
    return {
        "opd": opd.pk,
        "renstra": Renstra.objects.filter(opd=opd).order_by("-start_year").first().pk,
        "period": period.pk,
        "submission": operator_submission(period).pk,
        "sop_version": SopVersion.objects.filter(sop__opd=opd).order_by("pk").first().pk,
    }


def operator_submission(period):
    """The unit form the demo operator fills in (their unit's or its parent's)."""
    from sakip.measurement.models import UnitSubmission
    from sakip.organization.models import User

    unit = User.objects.select_related("unit").get(username="operator").unit
    subs = UnitSubmission.objects.filter(period=period).order_by("pk")
    return (
        subs.filter(unit=unit).first() or subs.filter(unit_id=getattr(unit, "parent_id", None)).first() or subs.first()
    )


def dataset_counts():
    from sakip.documents.models import ArchivedDocument, NumberRecord
    from sakip.measurement.models import Evidence, Period, Realisasi
    from sakip.organization.models import OPD, Employee, Position
    from sakip.planning.models import Indicator, Target

    return {
        "opd": OPD.objects.count(),
        "positions": Position.objects.count(),
        "employees": Employee.objects.count(),
        "indicators": Indicator.objects.count(),
        "targets": Target.objects.count(),
        "periods": Period.objects.count(),
        "realisasi": Realisasi.objects.count(),
        "evidence": Evidence.objects.count(),
        "agenda_numbers": NumberRecord.objects.count(),
        "archived_documents": ArchivedDocument.objects.count(),
    }


def print_table(result):
    header = (
        f"{'DB':<6} {'Halaman':<22} {'Peran':<11} {'HTTP':>4} {'Kueri 1x':>8} {'Kueri':>6} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'×login':>7} {'×demo':>6}"
    )
    print(header)
    print("-" * len(header))
    for r in result["pages"]:
        print(
            f"{r['db']:<6} {r['name'][:22]:<22} {r['role']:<11} {r['status']:>4} {r['queries_small'] or '–':>8} "
            f"{r['queries_large']:>6} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['ratio_p95']:>7.1f} "
            f"{r['growth_p95']:>6.1f}"
        )
    for r in result.get("load", []):
        print(
            f"load {r['db']} {r['name']} c={r['connections']}: {r['rps']:.1f} req/s, p95 {r['p95_ms']:.0f} ms "
            f"({r['ratio_rps']:.0%} of login's req/s)"
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--opds", type=int, default=40)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--db", choices=["sqlite", "pg", "both"], default="both")
    parser.add_argument("--no-load", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:  # one database per process: Django is set up once per process
        result = run_db(args.child, args)
        Path(OUT / f"part-{args.child}.json").write_text(json.dumps(result))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    dbs = ["sqlite", "pg"] if args.db == "both" else [args.db]
    merged = {"dataset": {}, "pages": [], "documents": [], "load": []}
    for db in dbs:
        if db == "pg" and not pg_available("postgres://postgres@127.0.0.1:5432/sakip_bench"):
            print("PostgreSQL tidak tersedia di 127.0.0.1:5432: hanya SQLite yang diukur.")
            continue
        cmd = [sys.executable, __file__, "--child", db, "--opds", str(args.opds), "--requests", str(args.requests)]
        if args.no_load:
            cmd.append("--no-load")
        subprocess.run(cmd, check=True)
        part = json.loads(Path(OUT / f"part-{db}.json").read_text())
        merged["dataset"][db] = part["dataset"]
        merged["pages"] += part["pages"]
        merged["load"] += part["load"]
    (OUT / "results.json").write_text(json.dumps(merged, indent=1))
    print_table(merged)
    print(f"\nvar/bench/results.json ({len(merged['pages'])} pages)")


if __name__ == "__main__":
    main()
