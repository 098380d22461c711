"""Issue 12 item 7: `manage.py backup` / `manage.py restore`.

The backup is taken from the test database (the demo with its archived, signed documents and evidence); the
restore runs in a separate process with its own settings (a fresh SQLite file, or a separate PostgreSQL
database, and its own media and signing folders), so it never waits on the test's own connection. The
restored database and files are then read directly (sqlite3 / psycopg) and every archived PDF and evidence
file is hashed again."""

import hashlib
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from sakip.core import backup

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _source_rows():
    from sakip.documents.models import ArchivedDocument
    from sakip.measurement.models import Evidence

    docs = sorted(ArchivedDocument.objects.values_list("file", "sha256"))
    evidence = sorted(Evidence.objects.values_list("file", "sha256"))
    return docs, evidence


def _add_evidence():
    """One more evidence file, so the backup holds at least one whatever the demo contains."""
    from sakip.measurement.models import Evidence, Realisasi

    row = Realisasi.objects.order_by("pk").first()
    data = b"%PDF-1.4\n% bukti dukung uji cadangan\n%%EOF\n"
    digest = hashlib.sha256(data).hexdigest()
    item = Evidence(
        realisasi=row, original_name="bukti.pdf", kind="pdf", content_type="application/pdf", size=len(data)
    )
    item.sha256 = digest
    item.file.save("bukti.pdf", ContentFile(data), save=False)
    item.save()
    return item


def _restore_env(tmp_path: Path, database_url: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_VERSION", "DATABASE_URL", "PYTEST_XDIST_WORKER")}
    env.update(
        DEBUG="1",
        SAKIP_VAR_DIR=str(tmp_path / "var"),
        MEDIA_ROOT=str(tmp_path / "media"),
        SAKIP_SIGNING_DIR=str(tmp_path / "signing"),
        STATIC_ROOT=str(tmp_path / "static"),
        SQLITE_PATH=str(tmp_path / "restored.sqlite3"),
    )
    env.pop("SECRET_KEY", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _run_restore(archive: Path, env: dict, *extra):
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "restore", str(archive), *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _check_restored(tmp_path, rows_after, docs, evidence, manifest):
    assert sorted(rows_after[0]) == docs
    assert sorted(rows_after[1]) == evidence
    media = tmp_path / "media"
    for name, digest in docs + evidence:
        assert _sha(media / name) == digest, name
    # The signing keys and the secret key came back byte for byte.
    signing = [n for n in manifest["files"] if n.startswith("signing/")]
    assert "signing/demo-ca.key" in signing
    for name in signing:
        assert _sha(tmp_path / "signing" / name.removeprefix("signing/")) == manifest["files"][name]["sha256"]
    if "secret_key" in manifest["files"]:
        assert _sha(tmp_path / "var" / "secret_key") == manifest["files"]["secret_key"]["sha256"]


def test_backup_and_restore_into_a_fresh_sqlite_file(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite path; the PostgreSQL path is the next test.")
    _add_evidence()
    docs, evidence = _source_rows()
    assert docs and evidence
    archive = tmp_path / "cadangan.tar.gz"
    call_command("backup", output=str(archive), stdout=open(os.devnull, "w"))
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    manifest = backup.read_and_verify(archive)
    assert manifest["engine"] == "sqlite" and manifest["counts"]["archived_documents"] == len(docs)

    env = _restore_env(tmp_path, None)
    result = _run_restore(archive, env)
    assert result.returncode == 0, result.stderr
    assert "Semua hash cocok" in result.stdout

    import sqlite3

    db = sqlite3.connect(tmp_path / "restored.sqlite3")
    try:
        rows = (
            db.execute("SELECT file, sha256 FROM documents_archiveddocument").fetchall(),
            db.execute("SELECT file, sha256 FROM measurement_evidence").fetchall(),
        )
        p12 = [r[0] for r in db.execute("SELECT p12_path FROM documents_signingcertificate")]
    finally:
        db.close()
    _check_restored(tmp_path, rows, docs, evidence, manifest)
    # The signers' PKCS#12 paths now point into the new signing folder and the files are there.
    assert p12 and all(p.startswith(str(tmp_path / "signing")) and Path(p).is_file() for p in p12)

    # A second restore into the now non-empty installation is refused without --force.
    again = _run_restore(archive, env)
    assert again.returncode != 0
    assert "tidak kosong" in again.stderr


def test_backup_and_restore_into_a_separate_postgresql_database(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL path (DATABASE_URL=postgres://…).")
    import psycopg

    # pg_dump reads committed rows only: the demo loaded for this test database.
    docs, evidence = _source_rows()
    assert docs
    archive = tmp_path / "cadangan.tar.gz"
    call_command("backup", output=str(archive), stdout=open(os.devnull, "w"))
    manifest = backup.read_and_verify(archive)
    assert manifest["engine"] == "postgresql"

    params = connection.settings_dict
    target = f"{params['NAME']}_restore"[:60]
    admin = dict(
        host=params.get("HOST") or None,
        port=params.get("PORT") or None,
        user=params.get("USER") or None,
        password=params.get("PASSWORD") or None,
    )
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{target}"')
        conn.execute(f'CREATE DATABASE "{target}"')
    try:
        auth = params.get("USER") or ""
        if params.get("PASSWORD"):
            auth += f":{params['PASSWORD']}"
        url = f"postgres://{auth}@{params.get('HOST') or '127.0.0.1'}:{params.get('PORT') or 5432}/{target}"
        result = _run_restore(archive, _restore_env(tmp_path, url))
        assert result.returncode == 0, result.stderr
        with psycopg.connect(dbname=target, **admin) as conn:
            rows = (
                conn.execute("SELECT file, sha256 FROM documents_archiveddocument").fetchall(),
                conn.execute("SELECT file, sha256 FROM measurement_evidence").fetchall(),
            )
            # The database guards came back with the dump: an archived document still cannot be changed.
            with pytest.raises(psycopg.errors.IntegrityConstraintViolation):
                conn.execute("UPDATE documents_archiveddocument SET sha256 = 'x'")
        _check_restored(tmp_path, rows, docs, evidence, manifest)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')


def _rewrite(archive: Path, out: Path, change):
    with tarfile.open(archive, "r:gz") as src, tarfile.open(out, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read()
            member, data = change(member, data)
            member.size = len(data)
            import io

            dst.addfile(member, io.BytesIO(data))


def test_restore_refuses_a_tampered_archive_before_touching_anything(tmp_path):
    archive = tmp_path / "cadangan.tar.gz"
    call_command("backup", output=str(archive), stdout=open(os.devnull, "w"))
    manifest = backup.read_and_verify(archive)
    victim = next(n for n in manifest["files"] if n.startswith("media/arsip/"))

    def flip(member, data):
        return member, (data + b"x" if member.name == victim else data)

    tampered = tmp_path / "ubah.tar.gz"
    _rewrite(archive, tampered, flip)
    before = _source_rows()
    with pytest.raises(CommandError, match="tidak cocok dengan manifest"):
        call_command("restore", str(tampered), force=True)
    assert _source_rows() == before

    def extra(member, data):
        if member.name == "manifest.json":
            listed = json.loads(data)
            listed["files"].pop(victim)
            return member, json.dumps(listed).encode()
        return member, data

    unlisted = tmp_path / "tambah.tar.gz"
    _rewrite(archive, unlisted, extra)
    with pytest.raises(CommandError, match="tidak tercatat di manifest"):
        call_command("restore", str(unlisted), force=True)


def test_restore_refuses_a_non_empty_installation(tmp_path):
    archive = tmp_path / "cadangan.tar.gz"
    call_command("backup", output=str(archive), stdout=open(os.devnull, "w"))
    with pytest.raises(CommandError, match="tidak kosong"):
        call_command("restore", str(archive))


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    junk = tmp_path / "bukan.tar.gz"
    junk.write_bytes(b"bukan arsip")
    with pytest.raises(CommandError, match="bukan arsip cadangan"):
        call_command("restore", str(junk))
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("restore", str(tmp_path / "tidak-ada.tar.gz"))


def test_sqlite_snapshot_copies_the_committed_state_while_a_writer_holds_a_transaction(tmp_path):
    """The file path of `backup` on SQLite: its own read-only connection, not blocked by the server's writer."""
    import sqlite3

    source = tmp_path / "live.sqlite3"
    writer = sqlite3.connect(source, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("CREATE TABLE t (x)")
    writer.execute("INSERT INTO t VALUES (1)")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO t VALUES (2)")
    try:
        backup.sqlite_snapshot(source, tmp_path / "copy.sqlite3")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    assert copy.execute("SELECT x FROM t").fetchall() == [(1,)]
    copy.close()
