"""Backup and restore of a whole installation (issue 12 item 7): `manage.py backup` / `manage.py restore`.

One archive (tar.gz) holds everything an installation needs to come back:

- `database/db.sqlite3` (SQLite's online backup API: a consistent copy while the server runs) or
  `database/db.pgdump` (`pg_dump --format=custom`, PostgreSQL);
- `media/…`: every file under MEDIA_ROOT (evidence, the document archive, LHE, generated outputs) except
  the temporary import uploads;
- `signing/…`: the signing folder (the demo CA's key and certificate, the signers' PKCS#12 files, extra
  trust roots), see `sakip.documents.signing.signing_dir`;
- `secret_key`: the file var/secret_key when the installation keeps its key there;
- `manifest.json`: the format, the database engine, the applied migrations, the paths the files came from,
  the number of archived documents and evidence files, and the SHA-256 and size of every other member.

`restore` reads the whole archive once and compares every member with the manifest before it touches
anything; it refuses an installation that already holds data unless asked to overwrite it (`force`), then
restores the database, the files, the key, points the signers' certificate paths at the new signing folder
and checks every archived document and evidence file against the hash the database holds.
The archive contains private keys and passwords: it is written readable by its owner only (docs/deployment.md).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
DB_MEMBER = {"sqlite": "database/db.sqlite3", "postgresql": "database/db.pgdump"}
SKIP_MEDIA = ("imports/",)  # import previews' uploads: temporary by design
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message (Indonesian) says why."""


@dataclass
class RestoreReport:
    documents: int = 0
    evidence: int = 0
    files: int = 0
    secret_key: bool = False
    problems: list[str] = field(default_factory=list)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in DB_MEMBER:
        raise BackupError(_("Basis data %(vendor)s tidak didukung oleh perintah cadangan.") % {"vendor": vendor})
    return vendor


def _pg_env_args(settings_dict) -> tuple[dict, list[str]]:
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    return env, args


def _in_memory(name) -> bool:
    return str(name) == ":memory:" or "mode=memory" in str(name)


def _sqlite_copy(source: sqlite3.Connection, target_path: Path, *, timeout=300) -> None:
    """SQLite's online backup API, page by page, giving up (instead of waiting for ever) on a locked database."""
    deadline = time.monotonic() + timeout

    def progress(status, remaining, total):
        if time.monotonic() > deadline:
            raise BackupError(_("Basis data SQLite terkunci terlalu lama; cadangan dibatalkan. Coba lagi."))

    dest = sqlite3.connect(target_path)
    try:
        source.backup(dest, pages=1024, progress=progress)
    finally:
        dest.close()


def sqlite_snapshot(database, target: Path) -> None:
    """A consistent copy of an SQLite database file through a connection of its own (read only): in WAL mode it
    sees the last committed state while the application keeps writing."""
    uri = f"file:{Path(database).resolve()}?mode=ro"
    source = sqlite3.connect(uri, uri=True, timeout=30)
    try:
        _sqlite_copy(source, target)
    finally:
        source.close()


def _dump_database(engine: str, target: Path) -> None:
    if engine == "sqlite":
        name = connection.settings_dict["NAME"]
        if _in_memory(name):
            # A database in memory (the test harness) has no file to open: serialise it from the connection
            # that holds it.
            connection.ensure_connection()
            target.write_bytes(connection.connection.serialize())
        else:
            sqlite_snapshot(name, target)
        return
    settings_dict = connection.settings_dict
    env, args = _pg_env_args(settings_dict)
    command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *args]
    command.append(str(settings_dict["NAME"]))
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)
    except FileNotFoundError:
        raise BackupError(_("Program pg_dump tidak ditemukan; pasang klien PostgreSQL (postgresql-client).")) from None
    if result.returncode != 0:
        raise BackupError(_("pg_dump gagal: %(err)s") % {"err": result.stderr.strip()[:500]})


def _applied_migrations() -> dict[str, str]:
    latest = {}
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():  # tests build their tables without migrations
        return latest
    for app, name in recorder.migration_qs.order_by("id").values_list("app", "name"):
        latest[app] = name
    return latest


def _counts() -> dict[str, int]:
    ArchivedDocument, Evidence = apps.get_model("documents.ArchivedDocument"), apps.get_model("measurement.Evidence")
    return {"archived_documents": ArchivedDocument.objects.count(), "evidence": Evidence.objects.count()}


def _files_under(root: Path, *, skip=()):
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(root).as_posix()
        if relative == ".lock" or any(relative.startswith(prefix) for prefix in skip):
            continue
        yield relative, path


class _HashingReader(io.RawIOBase):
    def __init__(self, fh):
        self.fh, self.digest = fh, hashlib.sha256()

    def readable(self):
        return True

    def read(self, size=-1):
        data = self.fh.read(size)
        self.digest.update(data)
        return data


def _add(tar: tarfile.TarFile, name: str, path: Path, files: dict) -> None:
    info = tarfile.TarInfo(name)
    stat = path.stat()
    info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o600
    with open(path, "rb") as fh:
        reader = _HashingReader(fh)
        tar.addfile(info, reader)
    files[name] = {"sha256": reader.digest.hexdigest(), "size": info.size}


def default_output() -> Path:
    folder = Path(settings.VAR_DIR) / "backups"
    return folder / f"sakip-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"


def create_backup(output: Path | None = None) -> tuple[Path, dict]:
    """Write one archive; returns its path and manifest."""
    from sakip.documents.signing import signing_dir  # core sits below documents, whose folder this is

    engine = _engine()
    output = Path(output) if output else default_output()
    output.parent.mkdir(parents=True, exist_ok=True)
    media_root, signing = Path(settings.MEDIA_ROOT), signing_dir()
    secret_file = Path(settings.VAR_DIR) / "secret_key"
    files: dict[str, dict] = {}
    partial = output.with_name(output.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="sakip-backup-") as tmp:
        dump = Path(tmp) / Path(DB_MEMBER[engine]).name
        _dump_database(engine, dump)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                _add(tar, DB_MEMBER[engine], dump, files)
                for relative, path in _files_under(media_root, skip=SKIP_MEDIA):
                    _add(tar, f"media/{relative}", path, files)
                for relative, path in _files_under(signing):
                    _add(tar, f"signing/{relative}", path, files)
                if secret_file.is_file():
                    _add(tar, "secret_key", secret_file, files)
                manifest = {
                    "format": FORMAT,
                    "application": "sakip",
                    "created_at": timezone.now().isoformat(),
                    "engine": engine,
                    "database": DB_MEMBER[engine],
                    "migrations": _applied_migrations(),
                    "media_root": str(media_root),
                    "signing_dir": str(signing),
                    "counts": _counts(),
                    "files": files,
                }
                data = json.dumps(manifest, indent=2, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
                tar.addfile(info, io.BytesIO(data))
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    os.replace(partial, output)
    return output, manifest


# --- restore ------------------------------------------------------------------------------------
def _safe_name(name: str) -> bool:
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


def read_and_verify(archive: Path) -> dict:
    """Read every member once: each must be a plain file with a safe name, listed in the manifest with the
    same SHA-256 and size; nothing missing, nothing extra. Returns the manifest."""
    if not Path(archive).is_file():
        raise BackupError(_("Berkas cadangan tidak ditemukan: %(path)s") % {"path": archive})
    seen: dict[str, tuple[str, int]] = {}
    manifest = None
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for member in tar:
                if not member.isfile() or not _safe_name(member.name):
                    raise BackupError(
                        _("Arsip cadangan ditolak: anggota %(name)s bukan berkas biasa atau namanya tidak aman.")
                        % {"name": member.name[:120]}
                    )
                if member.name in seen or (member.name == MANIFEST and manifest is not None):
                    raise BackupError(_("Arsip cadangan ditolak: %(name)s muncul dua kali.") % {"name": member.name})
                fh = tar.extractfile(member)
                if member.name == MANIFEST:
                    try:
                        manifest = json.loads(fh.read(10 * 1024 * 1024))
                    except ValueError:
                        raise BackupError(_("Arsip cadangan rusak: manifest.json tidak dapat dibaca.")) from None
                    continue
                digest = hashlib.sha256()
                for chunk in iter(lambda fh=fh: fh.read(CHUNK), b""):
                    digest.update(chunk)
                seen[member.name] = (digest.hexdigest(), member.size)
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(_("Berkas bukan arsip cadangan sakip yang utuh (%(err)s).") % {"err": exc}) from None
    if not isinstance(manifest, dict) or manifest.get("application") != "sakip" or "files" not in manifest:
        raise BackupError(_("Arsip cadangan tidak memuat manifest.json sakip."))
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("Format cadangan %(found)s tidak dikenal (versi ini membaca format %(known)s).")
            % {"found": manifest.get("format"), "known": FORMAT}
        )
    listed = manifest["files"]
    missing = sorted(set(listed) - set(seen))
    extra = sorted(set(seen) - set(listed))
    if missing:
        raise BackupError(_("Arsip cadangan tidak lengkap: %(names)s hilang.") % {"names": ", ".join(missing[:5])})
    if extra:
        raise BackupError(
            _("Arsip cadangan memuat berkas yang tidak tercatat di manifest: %(names)s.")
            % {"names": ", ".join(extra[:5])}
        )
    changed = [
        name
        for name, (digest, size) in seen.items()
        if (digest, size) != (listed[name]["sha256"], listed[name]["size"])
    ]
    if changed:
        raise BackupError(
            _(
                "Arsip cadangan rusak atau diubah: hash %(names)s tidak cocok dengan manifest. Tidak ada "
                "yang dipulihkan."
            )
            % {"names": ", ".join(sorted(changed)[:5])}
        )
    if manifest.get("database") not in listed:
        raise BackupError(_("Arsip cadangan tidak memuat basis data."))
    return manifest


def _table_rows(table: str) -> int:
    with connection.cursor() as cursor:
        if table not in connection.introspection.table_names(cursor):
            return 0
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - fixed names
        return cursor.fetchone()[0]


def installation_contents() -> list[str]:
    """What makes this installation non-empty (Indonesian, for the refusal message); [] when empty."""
    ArchivedDocument, OPD, User = (
        apps.get_model("documents.ArchivedDocument"),
        apps.get_model("organization.OPD"),
        apps.get_model("organization.User"),
    )
    found = []
    for model, label in ((User, _("pengguna")), (OPD, _("OPD")), (ArchivedDocument, _("arsip dokumen"))):
        count = _table_rows(model._meta.db_table)
        if count:
            found.append(f"{count} {label}")
    media = Path(settings.MEDIA_ROOT)
    if any(True for _rel, _path in _files_under(media, skip=SKIP_MEDIA)):
        found.append(_("berkas di %(path)s") % {"path": media})
    return found


def _restore_database(engine: str, dump: Path) -> None:
    if engine == "sqlite":
        name = connection.settings_dict["NAME"]
        if _in_memory(name):
            raise BackupError(_("Basis data SQLite di memori tidak dapat dipulihkan; atur SQLITE_PATH."))
        connection.close()
        source = sqlite3.connect(dump)
        try:
            _sqlite_copy(source, Path(name))
        finally:
            source.close()
        return
    settings_dict = connection.settings_dict
    connection.close()
    env, args = _pg_env_args(settings_dict)
    command = [
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        "--dbname",
        str(settings_dict["NAME"]),
        *args,
        str(dump),
    ]
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)
    except FileNotFoundError:
        raise BackupError(
            _("Program pg_restore tidak ditemukan; pasang klien PostgreSQL (postgresql-client).")
        ) from None
    if result.returncode != 0:
        raise BackupError(
            _("pg_restore gagal, basis data tidak berubah: %(err)s") % {"err": result.stderr.strip()[:500]}
        )


def _copy_tree(source: Path, target: Path) -> int:
    count = 0
    if not source.is_dir():
        return 0
    for path in sorted(source.rglob("*")):
        if path.is_file():
            dest = target / path.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)
            count += 1
    return count


def _repoint_certificates(old_dir: str, new_dir: Path) -> None:
    """Signers' PKCS#12 paths are absolute: move them from the old signing folder to this installation's."""
    SigningCertificate = apps.get_model("documents.SigningCertificate")
    old = old_dir.rstrip("/") + "/"
    if not old_dir or Path(old_dir) == new_dir:
        return
    for cert in SigningCertificate.objects.filter(p12_path__startswith=old).only("pk", "p12_path"):
        new_path = str(new_dir / cert.p12_path[len(old) :])
        SigningCertificate.objects.filter(pk=cert.pk).update(p12_path=new_path)


def verify_files() -> RestoreReport:
    """Every archived document's PDF (and DOCX when present) and every evidence file exist and hash as recorded."""
    ArchivedDocument, Evidence = apps.get_model("documents.ArchivedDocument"), apps.get_model("measurement.Evidence")
    report = RestoreReport()
    media = Path(settings.MEDIA_ROOT)
    for doc in ArchivedDocument.objects.only("pk", "file", "sha256", "number").iterator():
        report.documents += 1
        path = media / doc.file.name
        if not path.is_file():
            report.problems.append(
                _("Arsip #%(pk)s: berkas %(name)s tidak ada.") % {"pk": doc.pk, "name": doc.file.name}
            )
        elif _sha256_file(path) != doc.sha256:
            report.problems.append(
                _("Arsip #%(pk)s: hash berkas %(name)s berbeda.") % {"pk": doc.pk, "name": doc.file.name}
            )
    for item in Evidence.objects.only("pk", "file", "sha256").iterator():
        report.evidence += 1
        path = media / item.file.name
        if not path.is_file():
            report.problems.append(
                _("Bukti dukung #%(pk)s: berkas %(name)s tidak ada.") % {"pk": item.pk, "name": item.file.name}
            )
        elif _sha256_file(path) != item.sha256:
            report.problems.append(
                _("Bukti dukung #%(pk)s: hash berkas %(name)s berbeda.") % {"pk": item.pk, "name": item.file.name}
            )
    return report


def restore_backup(archive: Path, *, force: bool = False) -> RestoreReport:
    from sakip.documents.signing import signing_dir  # core sits below documents, whose folder this is

    manifest = read_and_verify(Path(archive))
    engine = _engine()
    if manifest.get("engine") != engine:
        raise BackupError(
            _("Cadangan ini dibuat dari basis data %(found)s, instalasi ini memakai %(here)s.")
            % {"found": manifest.get("engine"), "here": engine}
        )
    if not force:
        contents = installation_contents()
        if contents:
            raise BackupError(
                _(
                    "Instalasi tujuan tidak kosong (%(what)s). Pemulihan hanya ke instalasi kosong; "
                    "gunakan --force untuk menimpa isinya."
                )
                % {"what": ", ".join(contents)}
            )
    with tempfile.TemporaryDirectory(prefix="sakip-restore-") as tmp:
        with tarfile.open(archive, mode="r:gz") as tar:
            tar.extractall(tmp, filter="data")
        root = Path(tmp)
        # The members were checked above; check again what was extracted (the file may have changed since).
        for name, meta in manifest["files"].items():
            if _sha256_file(root / name) != meta["sha256"]:
                raise BackupError(_("Arsip cadangan berubah selama pemulihan (%(name)s).") % {"name": name})
        _restore_database(engine, root / manifest["database"])
        report = RestoreReport()
        report.files += _copy_tree(root / "media", Path(settings.MEDIA_ROOT))
        signing = signing_dir()
        report.files += _copy_tree(root / "signing", signing)
        for path in signing.rglob("*"):
            if path.is_file():
                path.chmod(0o600)
        secret = root / "secret_key"
        if secret.is_file():
            # An empty development installation has already made a key of its own at start-up: the restored one
            # replaces it (sessions and signed links of the old installation stay valid after a restart).
            target = Path(settings.VAR_DIR) / "secret_key"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(secret, target)
            target.chmod(0o600)
            report.files += 1
            report.secret_key = True
    _repoint_certificates(manifest.get("signing_dir", ""), signing)
    checked = verify_files()
    report.documents, report.evidence, report.problems = checked.documents, checked.evidence, checked.problems
    return report
