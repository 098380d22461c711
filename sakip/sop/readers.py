"""Reading an SOP from a file: a DOCX in the standard layout or the Excel template.

DOCX: the identity table (labels "Nomor SOP", "Tanggal Pembuatan", … with the value beside or
below) and the procedure table (read by the same parser as a paste). A lane mark is any non-empty
lane cell: text, or a picture/shape — except pictures described "Garis alur"/"Konektor" (the arrows
and connectors sakip puts in its own DOCX).
Excel: sheet "Identitas" (label | value) and sheet "Prosedur" (the procedure table, plus the
template's columns Bentuk, Ya ke, Tidak ke, Aksi sistem, Langkah utama).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.utils.text import slugify
from docx import Document
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from sakip.core import bounds
from sakip.core.formats import BULAN

from . import actions
from .parsing import ParsedTable, TableError, find_header, norm, parse_rows, split_rows

LABELS = {
    "nomorsop": "number",
    "nosop": "number",
    "nomor": "number",
    "tanggalpembuatan": "made_on",
    "tglpembuatan": "made_on",
    "tanggalrevisi": "revised_on",
    "tglrevisi": "revised_on",
    "tanggalefektif": "effective_on",
    "tglefektif": "effective_on",
    "disahkanoleh": "disahkan",
    "judulsop": "judul",
    "namasop": "judul",
    "judul": "judul",
    "jenissop": "jenis",
    "jeniskegiatan": "jenis_kegiatan",
    "dasarhukum": "dasar_hukum",
    "kualifikasipelaksana": "kualifikasi_pelaksana",
    "keterkaitan": "keterkaitan",
    "peralatanperlengkapan": "peralatan",
    "peralatan": "peralatan",
    "perlengkapan": "peralatan",
    "peringatan": "peringatan",
    "pencatatandanpendataan": "pencatatan",
    "pencatatan": "pencatatan",
    "penanggungjawabproduk": "pj_produk",
    "produk": "pj_produk",
    "penanggungjawabkegiatan": "pj_kegiatan",
    "kegiatan": "pj_kegiatan",
    "ruanglingkup": "ruang_lingkup",
    "scope": "ruang_lingkup",
    "scoperuanglingkup": "ruang_lingkup",
}
LIST_FIELDS = {"dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan"}
DATE_FIELDS = {"made_on", "revised_on", "effective_on"}
IGNORED_DRAWINGS = ("garis alur", "konektor")


class ReadError(ValueError):
    pass


@dataclass
class ImportedSop:
    kind: str
    number: str = ""
    judul: str = ""
    identity: dict = field(default_factory=dict)
    keterkaitan: list[str] = field(default_factory=list)
    disahkan: str = ""
    table: ParsedTable | None = None
    error: str = ""
    notes: list[str] = field(default_factory=list)


def parse_date(value) -> date | None:
    """ "18 Januari 2021", "18-01-2021", "2021-01-18" or an Excel date → date; "" → None."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = " ".join(str(value).split())
    months = {m.lower(): i for i, m in enumerate(BULAN, start=1)}
    months.update({m.lower()[:3]: i for i, m in enumerate(BULAN, start=1)})
    m = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})", text)
    if m and m.group(2).lower() in months:
        return date(int(m.group(3)), months[m.group(2).lower()], int(m.group(1)))
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    if m:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    raise ValueError(text)


def _label_of(text: str):
    """(field, rest) when a cell starts with an identity label ("Dasar Hukum :" or "Nomor SOP"), else (None, "")."""
    raw = re.sub(r"^\s*(?:\d{1,2}|[a-h])\.\s+", "", (text or "").strip())
    head, sep, rest = raw.partition(":")
    key = LABELS.get(norm(head))
    if key:
        return key, rest.strip() if sep else ""
    key = LABELS.get(norm(raw))
    return (key, "") if key else (None, "")


def _lines(text: str) -> list[str]:
    out = []
    for line in (text or "").splitlines():
        line = re.sub(r"^\s*(?:\d+[.)]|[a-z][.)]|[-•*])\s*", "", line).strip()
        if line:
            out.append(line)
    return out


def _store_identity(result: ImportedSop, key: str, value: str):
    value = (value or "").strip()
    if not value:
        return
    if key == "number":
        result.number = result.number or value.splitlines()[0].strip()
    elif key == "judul":
        result.judul = result.judul or " ".join(value.split())
    elif key == "disahkan":
        result.disahkan = " ".join(value.split())
    elif key == "keterkaitan":
        result.keterkaitan = _lines(value)
    elif key in LIST_FIELDS:
        result.identity[key] = "\n".join(_lines(value))
    elif key in DATE_FIELDS:
        try:
            result.identity[key] = parse_date(value)
        except ValueError:
            result.notes.append(f'Tanggal "{value}" tidak dikenali; isi {key.replace("_", " ")} setelah impor.')
    elif key == "jenis":
        low = value.lower()
        result.identity["jenis"] = "teknis" if "teknis" in low else "administratif"
    elif key == "jenis_kegiatan":
        low = value.lower()
        result.identity["jenis_kegiatan"] = next((k for k in ("pelayanan", "penugasan", "rutin") if k in low), "rutin")
    else:
        result.identity[key] = " ".join(value.split())


def read_identity_grid(grid: list[list[str]], result: ImportedSop):
    """Label cells with the value to their right, or (when the neighbour is a label too) below."""
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            key, rest = _label_of(text)
            if key is None or (c > 0 and row[c - 1] == text):
                continue
            if rest:
                _store_identity(result, key, rest)
                continue
            right = next((row[j] for j in range(c + 1, len(row)) if row[j] != text), None)
            if right is not None and _label_of(right)[0] is None and right.strip():
                _store_identity(result, key, right)
            elif r + 1 < len(grid) and c < len(grid[r + 1]) and _label_of(grid[r + 1][c])[0] is None:
                _store_identity(result, key, grid[r + 1][c])


# --- DOCX --------------------------------------------------------------------------------------------
def _cell_text(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs).strip()


def _cell_has_mark(cell) -> bool:
    if _cell_text(cell):
        return True
    xml = cell._tc
    for docpr in xml.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"):
        descr = (docpr.get("descr") or docpr.get("title") or "").lower()
        if not descr.startswith(IGNORED_DRAWINGS):
            return True
    for tag in (
        "{urn:schemas-microsoft-com:vml}shape",
        "{urn:schemas-microsoft-com:vml}rect",
        "{urn:schemas-microsoft-com:vml}oval",
    ):
        if next(xml.iter(tag), None) is not None:
            return True
    return False


def _table_rows(table, with_marks=False):
    rows = []
    for r, row in enumerate(table.rows, start=1):
        cells = []
        for cell in row.cells:
            text = _cell_text(cell)
            if with_marks and not text and _cell_has_mark(cell):
                text = "x"
            cells.append(text.replace("\n", " ") if with_marks else text)
        rows.append((r, cells))
    return rows


def read_docx(data: bytes) -> ImportedSop:
    try:
        bounds.check_archive(data)  # declared sizes first: a zip bomb never reaches the reader
    except bounds.TooLarge as exc:
        raise ReadError(str(exc)) from None
    try:
        doc = Document(BytesIO(data))
    except Exception:
        raise ReadError("Berkas bukan dokumen Word (.docx) yang dapat dibaca.") from None
    result = ImportedSop(kind="docx")
    procedure_rows = []
    for table in doc.tables:
        plain = _table_rows(table)
        try:
            header = find_header(
                [(n, [c.replace("\n", " ") for c in cells]) for n, cells in plain if any(c.strip() for c in cells)]
            )
        except TableError:
            header = None
        if header is None:
            read_identity_grid([cells for _n, cells in plain], result)
            continue
        rows = [(n, cells) for n, cells in _table_rows(table, with_marks=True) if any(c.strip() for c in cells)]
        if procedure_rows:
            rows = rows[header.data_start :]
        procedure_rows.extend(rows)
    if not result.judul:
        for p in doc.paragraphs:
            m = re.match(r"^\s*SOP\s+(.+)$", p.text.strip(), re.I)
            if m:
                result.judul = m.group(1).strip()
                break
    if not procedure_rows:
        result.error = (
            "Tabel prosedur tidak ditemukan: dokumen harus memuat tabel dengan kolom No, Uraian Prosedur, "
            "pelaksana, Kelengkapan, Waktu, Output."
        )
        return result
    try:
        result.table = parse_rows(procedure_rows)
    except TableError as exc:
        result.error = str(exc)
    return result


# --- Excel ---------------------------------------------------------------------------------------------
def _xl(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def read_xlsx(data: bytes) -> ImportedSop:
    try:
        bounds.check_archive(data)  # declared sizes first: a zip bomb never reaches the reader
    except bounds.TooLarge as exc:
        raise ReadError(str(exc)) from None
    try:
        wb = load_workbook(BytesIO(data), data_only=True)
    except Exception:
        raise ReadError("Berkas bukan lembar kerja Excel (.xlsx) yang dapat dibaca.") from None
    result = ImportedSop(kind="xlsx")
    sheets = {norm(ws.title): ws for ws in wb.worksheets}
    ident = sheets.get("identitas")
    if ident is not None:
        grid = [[_xl(v) for v in row] for row in ident.iter_rows(values_only=True)]
        for r, row in enumerate(ident.iter_rows(values_only=True)):
            for c, value in enumerate(row):
                if isinstance(value, (date, datetime)) and c > 0:
                    grid[r][c] = value.strftime("%Y-%m-%d")
        read_identity_grid(grid, result)
    proc = sheets.get("prosedur") or next(
        (ws for ws in wb.worksheets if norm(ws.title) not in ("identitas", "petunjuk", "daftaraksi")), None
    )
    if proc is None:
        result.error = 'Lembar "Prosedur" tidak ditemukan.'
        return result
    rows = [(r, [_xl(v) for v in row]) for r, row in enumerate(proc.iter_rows(values_only=True), start=1)]
    try:
        result.table = parse_rows(rows)
    except TableError as exc:
        result.error = str(exc)
    return result


def read_text(data: bytes) -> ImportedSop:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    result = ImportedSop(kind="tempel")
    try:
        result.table = parse_rows(split_rows(text))
    except TableError as exc:
        result.error = str(exc)
    return result


def read_path(path: Path) -> ImportedSop:
    data = Path(path).read_bytes()
    suffix = Path(path).suffix.lower()
    if data[:4] == b"PK\x03\x04":
        if suffix == ".xlsx":
            return read_xlsx(data)
        if suffix == ".docx":
            return read_docx(data)
        try:
            return read_docx(data)
        except ReadError:
            return read_xlsx(data)
    if suffix in (".txt", ".tsv", ".csv", ""):
        return read_text(data)
    raise ReadError("Jenis berkas tidak didukung: gunakan .docx, .xlsx, atau .txt/.tsv berisi tabel prosedur.")


# --- uploads (kept between preview and save) ---------------------------------------------------
def _dir():
    path = Path(settings.MEDIA_ROOT) / "imports" / "sop"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_upload(request, upload) -> tuple[str, Path]:
    if upload.size > settings.SAKIP_MAX_UPLOAD_BYTES:
        raise ReadError("Berkas terlalu besar (maksimum %d MB)." % (settings.SAKIP_MAX_UPLOAD_BYTES // (1024 * 1024)))
    suffix = Path(upload.name).suffix.lower()
    if suffix not in (".docx", ".xlsx"):
        raise ReadError("Jenis berkas tidak didukung: unggah .docx (format SOP standar) atau .xlsx (templat sakip).")
    head = upload.read(4)
    upload.seek(0)
    if head != b"PK\x03\x04":
        raise ReadError("Berkas bukan dokumen Word/Excel (.docx/.xlsx) yang sah.")
    token = uuid.uuid4().hex
    path = _dir() / f"{token}{suffix}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    tokens = request.session.get("sop_import_tokens", [])
    request.session["sop_import_tokens"] = (tokens + [token])[-10:]
    return token, path


def stored_upload(request, token) -> Path:
    token = slugify(token or "")
    if token not in request.session.get("sop_import_tokens", []):
        raise ReadError("Sesi impor sudah kedaluwarsa; unggah berkas lagi.")
    for suffix in (".docx", ".xlsx"):
        path = _dir() / f"{token}{suffix}"
        if path.exists():
            return path
    raise ReadError("Sesi impor sudah kedaluwarsa; unggah berkas lagi.")


def discard_upload(request, token):
    for suffix in (".docx", ".xlsx"):
        (_dir() / f"{slugify(token or '')}{suffix}").unlink(missing_ok=True)


# --- the Excel template ----------------------------------------------------------------------------
TEMPLATE_LANES = ["Kepala OPD", "Sekretaris", "Sek. Tim SAKIP", "Anggota Tim SAKIP"]


def template_bytes() -> bytes:
    wb = Workbook()
    guide = wb.active
    guide.title = "Petunjuk"
    for row in [
        ["Templat impor SOP AP sakip (Permendagri 52/2011)"],
        [],
        [
            "1. Lembar Identitas: isi kolom B di samping setiap label. Daftar (dasar hukum, peralatan, …) "
            "satu butir per baris dalam sel (Alt+Enter)."
        ],
        [
            "2. Lembar Prosedur: satu baris per langkah. Ganti nama pelaksana di baris 2 (kolom C–F); "
            "tambah/hapus kolom pelaksana bila perlu, di antara Uraian Prosedur dan Kelengkapan."
        ],
        [
            "   Tandai pelaksana setiap langkah dengan isi apa saja (mis. x) pada kolomnya. Langkah tanpa "
            "pelaksana diterima dan ditandai oleh pemeriksaan."
        ],
        ['3. Waktu: angka (menit, sesuai judul kolom) atau dengan satuan, mis. "2 jam", "1 hari".'],
        [
            "4. Bentuk: mulai, proses, keputusan, selesai. Untuk keputusan isi Ya ke / Tidak ke dengan "
            "nomor langkah tujuan."
        ],
        ["5. Aksi sistem (opsional): kode aksi yang dijalankan aplikasi Pengukuran — lihat lembar Daftar Aksi."],
        ['6. Langkah utama: isi "ya" untuk langkah inti (Lembar Kerja Identifikasi Kegiatan).'],
        ["Nomor baru membuat SOP baru; nomor yang sudah terdaftar membuat versi (draf) baru."],
    ]:
        guide.append(row)
    guide.column_dimensions["A"].width = 120
    guide["A1"].font = Font(bold=True, size=13)

    ident = wb.create_sheet("Identitas")
    labels = [
        ("Nomor SOP", "061.1/366"),
        ("Judul SOP", "Pengukuran Kinerja"),
        ("Jenis SOP", "Administratif"),
        ("Jenis Kegiatan", "Rutin"),
        ("Tanggal Pembuatan", "18 Januari 2021"),
        ("Tanggal Revisi", ""),
        ("Tanggal Efektif", ""),
        (
            "Dasar Hukum",
            "Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional Prosedur di "
            "Lingkungan Pemerintah Provinsi dan Kabupaten/Kota",
        ),
        ("Kualifikasi Pelaksana", "Memahami tugas dan fungsi OPD"),
        ("Keterkaitan", "SOP Pelaksanaan Rapat"),
        ("Peralatan/Perlengkapan", "Komputer\nPrinter"),
        ("Peringatan", "Pelaporan kinerja terhambat bila data tidak lengkap"),
        ("Pencatatan dan Pendataan", "Lembar disposisi"),
        ("Penanggung Jawab Produk", "Kepala OPD"),
        ("Penanggung Jawab Kegiatan", "Sekretaris"),
        ("Ruang Lingkup", "Seluruh unit kerja"),
    ]
    for label, example in labels:
        ident.append([label, example])
    ident.column_dimensions["A"].width = 28
    ident.column_dimensions["B"].width = 90
    for cell in ident["A"]:
        cell.font = Font(bold=True)
    for cell in ident["B"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")

    proc = wb.create_sheet("Prosedur")
    n = len(TEMPLATE_LANES)
    top = (
        ["No", "Uraian Prosedur", "Pelaksana"]
        + [""] * (n - 1)
        + ["Mutu Baku", "", "", "Keterangan", "Bentuk", "Ya ke", "Tidak ke", "Aksi sistem", "Langkah utama"]
    )
    second = ["", ""] + TEMPLATE_LANES + ["Kelengkapan", "Waktu (menit)", "Output", "", "", "", "", "", ""]
    proc.append(top)
    proc.append(second)
    proc.append(
        [
            1,
            "Memerintahkan penyusunan pengukuran kinerja",
            "x",
            "",
            "",
            "",
            "Lembar disposisi",
            15,
            "Disposisi pimpinan",
            "",
            "mulai",
            "",
            "",
            actions.DISPOSITION,
            "",
        ]
    )
    proc.append(
        [
            2,
            "Apakah data sudah lengkap?",
            "",
            "x",
            "",
            "",
            "Draf dokumen",
            30,
            "Data lengkap",
            "",
            "keputusan",
            3,
            1,
            actions.VALIDATE,
            "ya",
        ]
    )
    proc.append(
        [3, "Mengarsipkan dokumen", "", "", "x", "", "Dokumen", 10, "Arsip", "", "selesai", "", "", actions.ARCHIVE, ""]
    )
    proc.merge_cells(start_row=1, start_column=3, end_row=1, end_column=2 + n)
    proc.merge_cells(start_row=1, start_column=3 + n, end_row=1, end_column=5 + n)
    fill = PatternFill("solid", fgColor="1F4E79")
    thin = Side(style="thin", color="999999")
    for row in proc.iter_rows(min_row=1, max_row=2):
        for cell in row:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    widths = [6, 55] + [14] * n + [24, 10, 24, 22, 12, 8, 8, 20, 10]

    for i, w in enumerate(widths, start=1):
        proc.column_dimensions[get_column_letter(i)].width = w
    proc.freeze_panes = "C3"
    col = get_column_letter(7 + n)
    dv = DataValidation(type="list", formula1='"mulai,proses,keputusan,selesai"', allow_blank=True)
    dv.add(f"{col}3:{col}500")
    proc.add_data_validation(dv)
    aksi_col = get_column_letter(10 + n)
    dv2 = DataValidation(type="list", formula1="=DaftarAksi!$A$2:$A$%d" % (len(actions.CHOICES) + 1), allow_blank=True)
    dv2.add(f"{aksi_col}3:{aksi_col}500")
    proc.add_data_validation(dv2)
    aksi = wb.create_sheet("DaftarAksi")
    aksi.append(["Kode", "Aksi"])
    for code, label in actions.CHOICES:
        aksi.append([code, str(label)])
    aksi.column_dimensions["A"].width = 22
    aksi.column_dimensions["B"].width = 40
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def template_response():
    response = HttpResponse(
        template_bytes(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="templat-impor-sop.xlsx"'
    return response
