"""The one import mechanism: template → upload → preview (dry run) with row errors → apply
all-or-nothing.

An importer lists its columns and implements `import_row(data, ctx)`, which creates or updates
objects or raises ValidationError. The preview runs the real import inside a transaction and
rolls it back, so it reports exactly the errors the apply would meet (including rows that
depend on earlier rows). Apply runs it again and commits only when no row failed.

A large upload (over SAKIP_IMPORT_INLINE_BYTES) is previewed by the task worker instead of the web
request: the page shows the phase and the row count while it runs and the preview when it is done
(`ImportJob`, `sakip.core.tasks.preview_import`). Apply stays in the request: it is bounded by the same
row and size limits and must answer with the result.
"""

import importlib
import logging
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from . import bounds, ratelimit
from .excel import workbook_response
from .exports import remove_stale
from .jobs import poll_or_page
from .models import ImportJob


@dataclass
class Column:
    key: str
    header: str
    required: bool = False
    help: str = ""
    example: str = ""


@dataclass
class RowResult:
    number: int
    data: dict
    errors: list = field(default_factory=list)
    action: str = ""


class ImportAborted(Exception):
    pass


def _norm(text):
    return "".join(ch for ch in str(text or "").lower() if ch.isalnum())


# The template's example row is marked in an extra last column and skipped by the import (issue 13 item 7).
EXAMPLE_HEADER = "Baris contoh"
EXAMPLE_MARK = "CONTOH — baris ini diabaikan saat impor"


class Importer:
    title = ""
    columns: list[Column] = []
    filename = "template"

    def __new__(cls, *args, **kwargs):
        obj = super().__new__(cls)
        obj._init_args = args[1:]  # everything after the user: rebuilt by the background preview
        return obj

    def __init__(self, user):
        self.user = user

    # --- template -------------------------------------------------------------------------
    def template_response(self):
        """The template: the columns in row 1, one example row marked in the "Baris contoh" column (ignored by the
        import), a "Petunjuk" sheet; print setup from core/excel.build_workbook."""
        headers = [c.header for c in self.columns] + [EXAMPLE_HEADER]
        example = [c.example or None for c in self.columns] + [EXAMPLE_MARK]
        guide = [[c.header, "ya" if c.required else "", c.help] for c in self.columns]
        guide.append([EXAMPLE_HEADER, "", _("Baris yang bertanda CONTOH di kolom ini tidak diimpor.")])
        return workbook_response(
            self.filename,
            [("Data", headers, [example]), ("Petunjuk", ["Kolom", "Wajib", "Keterangan"], guide)],
            title=str(self.title),
        )

    def export_values(self, obj) -> list:
        """One object as a row of this importer's columns, so that a list export read back by the import changes
        nothing (docs/documents.md "Excel exports"). Importers behind a list export implement it."""
        raise ImproperlyConfiguredImporter(type(self).__name__)

    def export_queryset(self, qs):
        """The list's queryset with what export_values reads joined or prefetched (constant queries)."""
        return qs

    def export_response(self, objects, filename, title=""):
        headers = [c.header for c in self.columns]
        rows = (self.export_values(o) for o in self.export_queryset(objects))
        return workbook_response(filename, [(filename, headers, rows)], title=title)

    # --- reading --------------------------------------------------------------------------
    def read_rows(self, path):
        """Rows as dicts keyed by column key; headers matched loosely (case, spaces, punctuation)."""
        try:
            bounds.check_archive(path)  # before openpyxl unpacks anything (zip bomb)
        except bounds.TooLarge as exc:
            raise ImportAborted(str(exc)) from None
        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception:
            raise ImportAborted(_("Berkas bukan lembar kerja Excel (.xlsx) yang dapat dibaca.")) from None
        ws = wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None)
        if not header:
            raise ImportAborted(_("Lembar kerja kosong."))
        by_norm = {_norm(c.header): c for c in self.columns}
        by_norm.update({_norm(c.key): c for c in self.columns})
        index, example_at = {}, None
        for i, title in enumerate(header):
            column = by_norm.get(_norm(title))
            if column:
                index[column.key] = i
            elif _norm(title) == _norm(EXAMPLE_HEADER):
                example_at = i
        missing = [c.header for c in self.columns if c.required and c.key not in index]
        if missing:
            raise ImportAborted(
                _("Kolom wajib tidak ditemukan: %(cols)s. Gunakan templat yang disediakan.")
                % {"cols": ", ".join(missing)}
            )
        results = []
        for number, values in enumerate(rows, start=2):
            if values is None or all(v in (None, "") for v in values):
                continue
            if (
                example_at is not None
                and example_at < len(values)
                and str(values[example_at] or "").startswith("CONTOH")
            ):
                continue  # the template's example row
            data = {}
            for key, i in index.items():
                value = values[i] if i < len(values) else None
                data[key] = value.strip() if isinstance(value, str) else value
            results.append(RowResult(number=number, data=data))
            if len(results) > bounds.limit("SAKIP_MAX_IMPORT_ROWS"):
                try:
                    bounds.check_rows(len(results))
                except bounds.TooLarge as exc:
                    raise ImportAborted(str(exc)) from None
        if not results:
            raise ImportAborted(_("Tidak ada baris data di lembar kerja."))
        return results

    # --- running --------------------------------------------------------------------------
    def import_row(self, data, ctx):  # pragma: no cover - defined by every importer
        raise ImproperlyConfiguredImporter(type(self).__name__)

    def run(self, path, *, commit):
        rows = self.read_rows(path)
        ctx = {}
        for row in rows:
            missing = [c.header for c in self.columns if c.required and row.data.get(c.key) in (None, "")]
            if missing:
                row.errors.append(_("Kolom wajib kosong: %(cols)s.") % {"cols": ", ".join(missing)})
        failed = any(r.errors for r in rows)
        sid = transaction.savepoint()
        try:
            for row in rows:
                if row.errors:
                    continue
                try:
                    row_sid = transaction.savepoint()
                    row.action = self.import_row(row.data, ctx) or ""
                    transaction.savepoint_commit(row_sid)
                except ValidationError as exc:
                    transaction.savepoint_rollback(row_sid)
                    row.errors.extend(_messages(exc))
                    failed = True
        finally:
            if commit and not failed:
                transaction.savepoint_commit(sid)
            else:
                transaction.savepoint_rollback(sid)
        return rows, not failed


class ImproperlyConfiguredImporter(Exception):
    pass


def _messages(exc):
    if hasattr(exc, "message_dict"):
        out = []
        for fieldname, msgs in exc.message_dict.items():
            for m in msgs:
                out.append(m if fieldname == "__all__" else f"{fieldname}: {m}")
        return out
    return list(exc.messages)


def _upload_dir():
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def remove_stale_uploads(*, max_age_seconds=24 * 3600, now=None) -> int:
    """Delete preview uploads older than `max_age_seconds` (never applied); returns how many were removed."""
    now = time.time() if now is None else now
    removed = 0
    for path in _upload_dir().glob("*.xlsx"):
        try:
            if now - path.stat().st_mtime > max_age_seconds:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # removed meanwhile by an apply
            continue

    cutoff = datetime.fromtimestamp(now, UTC) - timedelta(seconds=max_age_seconds)
    ImportJob.objects.filter(created_at__lt=cutoff).delete()

    removed += remove_stale(cutoff=cutoff)
    return removed


# --- background previews ----------------------------------------------------------------------
log = logging.getLogger(__name__)


def _encode_arg(value):
    if isinstance(value, Model):
        return {"model": value._meta.label, "pk": value.pk}
    if value is None or isinstance(value, (str, int, float, bool)):
        return {"value": value}
    raise TypeError(f"importer argument {value!r} cannot be rebuilt by the worker")


def _decode_arg(spec):
    if "model" in spec:
        return apps.get_model(spec["model"])._default_manager.get(pk=spec["pk"])
    return spec["value"]


def _plain(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def start_background_preview(importer, token):
    """Record the preview of the upload `token` and hand it to the task worker once the request commits."""
    job = ImportJob.objects.create(
        token=token,
        user=importer.user,
        importer=f"{type(importer).__module__}.{type(importer).__qualname__}",
        args=[_encode_arg(a) for a in getattr(importer, "_init_args", ())],
    )

    def enqueue():
        from .tasks import preview_import  # tasks.py runs this module's previews: imported here, not above

        preview_import.enqueue(job.pk)

    transaction.on_commit(enqueue)
    return job


def run_background_preview(job_id):
    """The worker's half: rebuild the importer as its user and run the dry run; store the rows."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if job.status in (ImportJob.Status.DONE, ImportJob.Status.FAILED):
        return job
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    path = _upload_dir() / f"{slugify(job.token)}.xlsx"
    try:
        module, _sep, name = job.importer.rpartition(".")
        importer_cls = getattr(importlib.import_module(module), name)
        importer = importer_cls(job.user, *[_decode_arg(a) for a in job.args])
        with transaction.atomic():
            rows, ok = importer.run(path, commit=False)
    except ImportAborted as exc:
        path.unlink(missing_ok=True)
        job.status, job.error = ImportJob.Status.FAILED, str(exc)
    except Exception:  # the page must say it failed, never wait forever
        log.exception("background import preview %s failed", job.pk)
        path.unlink(missing_ok=True)
        job.status, job.error = ImportJob.Status.FAILED, _("Pratinjau gagal diproses. Periksa berkas lalu unggah lagi.")
    else:
        job.status = ImportJob.Status.DONE
        job.row_count = len(rows)
        job.result = {
            "ok": ok,
            "rows": [
                {
                    "number": r.number,
                    "data": {k: _plain(v) for k, v in r.data.items()},
                    "errors": [str(e) for e in r.errors],
                    "action": str(r.action or ""),
                }
                for r in rows
            ],
        }
    job.save(update_fields=["status", "error", "row_count", "result", "updated_at"])
    return job


def _job_page(request, importer, context, template, token):
    """The page of a background preview (sakip.core.jobs): the progress card, then the preview or the failure."""

    def page(job, poll):
        context.update({"job": job, "poll": poll})
        if job.status == ImportJob.Status.FAILED:
            context["abort"] = job.error
        elif job.status == ImportJob.Status.DONE:
            rows = [RowResult(**r) for r in job.result.get("rows", [])]
            ok = bool(job.result.get("ok"))
            context.update(
                {
                    "rows": rows,
                    "ok": ok,
                    "token": token if ok and request.session.get("import_token") == token else "",
                    "error_count": sum(1 for r in rows if r.errors),
                }
            )
        return render(request, template, context)

    return poll_or_page(request, ImportJob, token, page)


def import_view(request, importer, *, back_url, template="core/import.html"):
    """GET: upload form; POST file: preview (large ones in the background); POST token: apply all-or-nothing."""
    if request.GET.get("template"):
        return importer.template_response()
    context = {"importer": importer, "back_url": back_url, "columns": importer.columns}
    if request.method == "GET" and request.GET.get("job"):
        return _job_page(request, importer, context, template, request.GET["job"])
    if request.method == "POST" and not ratelimit.hit("upload", ratelimit.client_key(request)):
        return ratelimit.refused(request, "upload")
    if request.method == "POST":
        token = request.POST.get("token", "")
        if token:
            path = _upload_dir() / f"{slugify(token)}.xlsx"
            if not path.exists() or request.session.get("import_token") != token:
                messages.error(request, _("Sesi impor sudah kedaluwarsa; unggah berkas lagi."))
                return redirect(request.path)
            with transaction.atomic():
                try:
                    rows, ok = importer.run(path, commit=True)
                except ImportAborted as exc:
                    rows, ok = [], False
                    context["abort"] = str(exc)
            path.unlink(missing_ok=True)  # applied or refused: the upload is not kept (a new upload starts again)
            request.session.pop("import_token", None)
            ImportJob.objects.filter(token=token).delete()
            if ok:
                messages.success(request, _("Impor selesai: %(n)s baris diterapkan.") % {"n": len(rows)})
                return redirect(back_url)
            context.update({"rows": rows, "ok": False, "token": "", "error_count": sum(1 for r in rows if r.errors)})
            return render(request, template, context, status=400)
        upload = request.FILES.get("file")
        if upload is None:
            context["abort"] = _("Pilih berkas Excel (.xlsx) untuk diunggah.")
            return render(request, template, context, status=400)
        if upload.size > settings.SAKIP_MAX_UPLOAD_BYTES:
            context["abort"] = _("Berkas terlalu besar (maksimum %(mb)s MB).") % {
                "mb": settings.SAKIP_MAX_UPLOAD_BYTES // (1024 * 1024)
            }
            return render(request, template, context, status=400)
        head = upload.read(4)
        upload.seek(0)
        if head != b"PK\x03\x04":
            context["abort"] = _("Berkas bukan lembar kerja Excel (.xlsx).")
            return render(request, template, context, status=400)
        token = uuid.uuid4().hex
        path = _upload_dir() / f"{token}.xlsx"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        if upload.size > settings.SAKIP_IMPORT_INLINE_BYTES:
            start_background_preview(importer, token)
            request.session["import_token"] = token
            return redirect(f"{request.path}?job={token}")
        try:
            with transaction.atomic():
                rows, ok = importer.run(path, commit=False)
        except ImportAborted as exc:
            path.unlink(missing_ok=True)
            context["abort"] = str(exc)
            return render(request, template, context, status=400)
        request.session["import_token"] = token
        context.update({"rows": rows, "ok": ok, "token": token, "error_count": sum(1 for r in rows if r.errors)})
    return render(request, template, context)
