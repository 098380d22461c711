"""What an uploaded evidence file really is, from its content (magic bytes) — pure Python.

Evidence (data dukung) may be a PDF, an image (PNG, JPEG, GIF, WebP) or an Office file (Word,
Excel, PowerPoint as OOXML; OpenDocument; the older binary .doc/.xls/.ppt). The name's extension
must agree with the content: an executable renamed ".pdf" is refused, so is a PNG named ".pdf".
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from sakip.core import bounds

__all__ = ["FileKind", "KINDS", "UploadRefused", "check", "sniff"]


@dataclass(frozen=True)
class FileKind:
    code: str
    label: str
    mime: str
    extensions: tuple[str, ...]


KINDS = {
    "pdf": FileKind("pdf", "PDF", "application/pdf", (".pdf",)),
    "png": FileKind("png", "Gambar PNG", "image/png", (".png",)),
    "jpeg": FileKind("jpeg", "Gambar JPEG", "image/jpeg", (".jpg", ".jpeg")),
    "gif": FileKind("gif", "Gambar GIF", "image/gif", (".gif",)),
    "webp": FileKind("webp", "Gambar WebP", "image/webp", (".webp",)),
    "docx": FileKind(
        "docx", "Dokumen Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)
    ),
    "xlsx": FileKind(
        "xlsx", "Lembar kerja Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)
    ),
    "pptx": FileKind(
        "pptx",
        "Presentasi PowerPoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (".pptx",),
    ),
    "odt": FileKind("odt", "Dokumen OpenDocument", "application/vnd.oasis.opendocument.text", (".odt",)),
    "ods": FileKind("ods", "Lembar kerja OpenDocument", "application/vnd.oasis.opendocument.spreadsheet", (".ods",)),
    "odp": FileKind("odp", "Presentasi OpenDocument", "application/vnd.oasis.opendocument.presentation", (".odp",)),
    "ole": FileKind("ole", "Dokumen Office lama", "application/x-ole-storage", (".doc", ".xls", ".ppt")),
}

# Content that is never evidence, named so the message can say what it is.
_FORBIDDEN = [
    (b"MZ", "program Windows (EXE/DLL)"),
    (b"\x7fELF", "program Linux (ELF)"),
    (b"\xca\xfe\xba\xbe", "program (Mach-O/Java)"),
    (b"\xcf\xfa\xed\xfe", "program macOS (Mach-O)"),
    (b"#!", "skrip yang dapat dijalankan"),
]


class UploadRefused(ValueError):
    """The file may not be stored; the message (Indonesian) says why."""


def _zip_kind(fileobj) -> str | None:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "ignore").strip()
                for code in ("odt", "ods", "odp"):
                    if mimetype == KINDS[code].mime:
                        return code
            if "[Content_Types].xml" in names:
                if any(n.startswith("word/") for n in names):
                    return "docx"
                if any(n.startswith("xl/") for n in names):
                    return "xlsx"
                if any(n.startswith("ppt/") for n in names):
                    return "pptx"
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    return None


def sniff(fileobj) -> tuple[FileKind | None, str]:
    """(kind, description) of a seekable binary file; kind None when it is not an accepted type.
    The file position is restored."""
    position = fileobj.tell()
    try:
        fileobj.seek(0)
        head = fileobj.read(16)
        for magic, what in _FORBIDDEN:
            if head.startswith(magic):
                return None, what
        if head.startswith(b"%PDF-"):
            return KINDS["pdf"], KINDS["pdf"].label
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return KINDS["png"], KINDS["png"].label
        if head.startswith(b"\xff\xd8\xff"):
            return KINDS["jpeg"], KINDS["jpeg"].label
        if head[:6] in (b"GIF87a", b"GIF89a"):
            return KINDS["gif"], KINDS["gif"].label
        if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            return KINDS["webp"], KINDS["webp"].label
        if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
            return KINDS["ole"], KINDS["ole"].label
        if head.startswith(b"PK\x03\x04"):
            fileobj.seek(0)
            code = _zip_kind(fileobj)
            if code:
                return KINDS[code], KINDS[code].label
            return None, "arsip ZIP"
        if not head:
            return None, "berkas kosong"
        return None, "jenis tidak dikenal"
    finally:
        fileobj.seek(position)


def head_is_zip(fileobj) -> bool:
    position = fileobj.tell()
    try:
        fileobj.seek(0)
        return fileobj.read(4) == b"PK\x03\x04"
    finally:
        fileobj.seek(position)


def _extension(name: str) -> str:
    name = (name or "").lower().strip()
    dot = name.rfind(".")
    return name[dot:] if dot >= 0 else ""


def check(fileobj, name: str, size: int, max_bytes: int) -> FileKind:
    """The accepted kind of an upload, or UploadRefused with a clear Indonesian message."""
    if size is not None and size > max_bytes:
        raise UploadRefused(f'Berkas "{name}" terlalu besar ({_size(size)}); batas unggahan {_size(max_bytes)}.')
    if not size:
        raise UploadRefused(f'Berkas "{name}" kosong.')
    kind, what = sniff(fileobj)
    if kind is None:
        raise UploadRefused(
            f'Berkas "{name}" ditolak: isinya {what}. Bukti dukung harus berupa PDF, gambar '
            f"(PNG/JPEG/GIF/WebP) atau berkas Office."
        )
    if head_is_zip(fileobj):
        try:
            bounds.check_archive(fileobj)
        except bounds.TooLarge as exc:
            raise UploadRefused(f'Berkas "{name}": {exc}') from None
    ext = _extension(name)
    if ext not in kind.extensions:
        raise UploadRefused(
            f'Berkas "{name}" ditolak: isinya {kind.label}, tetapi nama berkas berakhiran '
            f'"{ext or "(tanpa ekstensi)"}". Gunakan ekstensi {" / ".join(kind.extensions)}.'
        )
    return kind


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".", ",")
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bita"
