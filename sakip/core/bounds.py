"""Bounded work for uploads and imports (issue 12 item 4): size, rows and unpacked size.

An .xlsx or .docx is a ZIP archive. Its central directory declares each member's uncompressed size, so a
"zip bomb" (2 MB that unpacks to gigabytes) is refused by reading that directory with `zipfile` — before
openpyxl or python-docx decompresses anything. The limits come from settings (with defaults):

- SAKIP_MAX_UPLOAD_BYTES: one uploaded file (20 MB);
- SAKIP_MAX_UNPACKED_BYTES: the sum of an archive's declared member sizes (100 MB);
- SAKIP_MAX_ARCHIVE_MEMBERS: members of one archive (5 000);
- SAKIP_MAX_COMPRESSION_RATIO: declared size / compressed size of one member (200; real workbooks stay
  well below 100);
- SAKIP_MAX_IMPORT_ROWS: data rows of one import (5 000).
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from django.conf import settings
from django.utils.translation import gettext as _


class TooLarge(ValueError):
    """A file or an import over a limit; the message (Indonesian) says which."""


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


def limit(name: str) -> int:
    defaults = {
        "SAKIP_MAX_UPLOAD_BYTES": 20 * 1024 * 1024,
        "SAKIP_MAX_UNPACKED_BYTES": 100 * 1024 * 1024,
        "SAKIP_MAX_ARCHIVE_MEMBERS": 5000,
        "SAKIP_MAX_COMPRESSION_RATIO": 200,
        "SAKIP_MAX_IMPORT_ROWS": 5000,
    }
    return int(getattr(settings, name, defaults[name]))


def check_size(size: int | None) -> None:
    if size is not None and size > limit("SAKIP_MAX_UPLOAD_BYTES"):
        raise TooLarge(_("Berkas terlalu besar (maksimum %(mb)s).") % {"mb": _mb(limit("SAKIP_MAX_UPLOAD_BYTES"))})


def check_archive(source) -> None:
    """Refuse an Office archive whose declared content is too large. `source`: a path, bytes or a seekable file
    (its position is restored). A file that is not a ZIP at all is left to the reader's own message."""
    position = None
    if isinstance(source, bytes | bytearray):
        source = BytesIO(source)
    elif hasattr(source, "tell"):
        position = source.tell()
    try:
        try:
            archive = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, OSError):
            return
        with archive:
            members = archive.infolist()
            if len(members) > limit("SAKIP_MAX_ARCHIVE_MEMBERS"):
                raise TooLarge(
                    _("Berkas memuat terlalu banyak bagian (%(n)s; maksimum %(max)s).")
                    % {"n": len(members), "max": limit("SAKIP_MAX_ARCHIVE_MEMBERS")}
                )
            total = sum(m.file_size for m in members)
            if total > limit("SAKIP_MAX_UNPACKED_BYTES"):
                raise TooLarge(
                    _("Isi berkas setelah dibuka terlalu besar (%(size)s; maksimum %(max)s). Berkas ditolak.")
                    % {"size": _mb(total), "max": _mb(limit("SAKIP_MAX_UNPACKED_BYTES"))}
                )
            ratio = limit("SAKIP_MAX_COMPRESSION_RATIO")
            for m in members:
                if m.file_size > 1024 * 1024 and m.file_size > ratio * max(m.compress_size, 1):
                    raise TooLarge(
                        _("Berkas ditolak: bagian %(name)s dimampatkan secara tidak wajar (kemungkinan bom ZIP).")
                        % {"name": m.filename[:80]}
                    )
    finally:
        if position is not None:
            source.seek(position)


def check_rows(count: int) -> None:
    if count > limit("SAKIP_MAX_IMPORT_ROWS"):
        raise TooLarge(
            _("Lembar kerja memuat lebih dari %(max)s baris data; bagi menjadi beberapa berkas.")
            % {"max": limit("SAKIP_MAX_IMPORT_ROWS")}
        )
