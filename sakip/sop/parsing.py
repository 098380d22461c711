"""Reading a procedure table pasted from Word or Excel (tab-separated rows) — pure Python.

The table of Permendagri 52/2011: No | Uraian Prosedur | one column per lane | Kelengkapan |
Waktu | Output | Keterangan, with one or two header rows ("Pelaksana" and "Mutu Baku" above the
lane names and the mutu baku columns). Headers are matched loosely (the seed writes "Ouput").

Rows copied across a page break may lose an empty lane cell (the seed's rows 9–14 have one cell
less): Kelengkapan, Waktu, Output and Keterangan are then aligned from the right. A lane mark is
any non-empty lane cell. A step without a lane is accepted (the lint flags it).
A decision is a step whose text ends with "?" or starts with "Apakah"; its branches are read from
the Keterangan ("Ya: 12; Tidak: 7" or "Ya → 12, Tidak → 7").
"""

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from . import actions, durations

COLUMN_ALIASES = {
    "no": ("no", "nomor", "nourut", "langkah"),
    "uraian": ("uraianprosedur", "uraian", "uraiankegiatan", "kegiatan", "aktivitas", "prosedur", "uraianaktivitas"),
    "kelengkapan": ("kelengkapan", "persyaratan", "persyaratankelengkapan", "input"),
    "waktu": ("waktu", "waktumenit", "waktujam", "waktuhari", "durasi"),
    "output": ("output", "keluaran", "hasil", "outputhasil"),
    "keterangan": ("keterangan", "ket", "catatan"),
    # Columns of the Excel template only (after Keterangan):
    "bentuk": ("bentuk", "bentuklangkah", "simbol", "jenislangkah"),
    "ya": ("yake", "jikaya", "ya"),
    "tidak": ("tidakke", "jikatidak", "tidak"),
    "aksi": ("aksisistem", "aksi"),
    "utama": ("langkahutama", "utama"),
}
EXTRA = ("bentuk", "ya", "tidak", "aksi", "utama")
KIND_WORDS = {
    "mulai": "start",
    "start": "start",
    "awal": "start",
    "proses": "process",
    "process": "process",
    "kegiatan": "process",
    "keputusan": "decision",
    "decision": "decision",
    "pilihan": "decision",
    "selesai": "end",
    "end": "end",
    "akhir": "end",
}
TRUE_WORDS = {"ya", "y", "x", "v", "√", "✓", "1", "true", "benar"}
GROUP_HEADERS = ("pelaksana", "mutubaku", "mutu")
REQUIRED = ("no", "uraian", "kelengkapan", "waktu", "output")
COLUMN_LABELS = {
    "no": "No",
    "uraian": "Uraian Prosedur",
    "kelengkapan": "Kelengkapan",
    "waktu": "Waktu",
    "output": "Output",
    "keterangan": "Keterangan",
}
TAIL = ("kelengkapan", "waktu", "output", "keterangan")

_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.)]?\s*$")
_BRANCH = re.compile(r"\b(ya|tidak)\b\s*[:=→>\-–]*\s*(?:ke\s+)?(?:langkah\s+|no\.?\s*)?(\d{1,3})", re.IGNORECASE)


def norm(text) -> str:
    return "".join(ch for ch in str(text or "").lower() if ch.isalnum())


def match_column(header: str) -> str | None:
    """The column key a header names, loosely: exact alias, prefix, or a close spelling."""
    n = norm(header)
    if not n:
        return None
    for key, aliases in COLUMN_ALIASES.items():
        if n in aliases:
            return key
    for key, aliases in COLUMN_ALIASES.items():
        if any(n.startswith(a) for a in aliases if len(a) >= 4):
            return key
    best, best_ratio = None, 0.0
    for key, aliases in COLUMN_ALIASES.items():
        if key in EXTRA:
            continue
        for alias in aliases:
            if len(alias) < 4:
                continue
            ratio = difflib.SequenceMatcher(None, n, alias).ratio()
            if ratio > best_ratio:
                best, best_ratio = key, ratio
    return best if best_ratio >= 0.8 else None


@dataclass
class ParsedStep:
    number: int
    uraian: str
    lanes: list[int] = field(default_factory=list)
    kelengkapan: str = ""
    waktu: Decimal | None = None
    waktu_satuan: str = durations.MENIT
    output: str = ""
    keterangan: str = ""
    kind: str = "process"
    ya_ke: int | None = None
    tidak_ke: int | None = None
    action: str = actions.NONE
    utama: bool = False
    line: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def minutes(self):
        return durations.to_minutes(self.waktu, self.waktu_satuan)


@dataclass
class RowError:
    line: int
    message: str


@dataclass
class ParsedTable:
    lanes: list[str] = field(default_factory=list)
    steps: list[ParsedStep] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    waktu_satuan: str = durations.MENIT

    @property
    def ok(self):
        return not self.errors and bool(self.steps)

    @property
    def total_minutes(self):
        return sum((s.minutes for s in self.steps), Decimal(0))


class TableError(ValueError):
    """The table cannot be read at all (no header, missing columns)."""


def split_rows(text: str) -> list[tuple[int, list[str]]]:
    """Tab-separated rows with their line numbers; quoted multi-line cells (Excel) are kept whole."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    rows = []
    reader = csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')
    line = 1
    for cells in reader:
        rows.append((line, [c.replace("\xa0", " ") for c in cells]))
        line = reader.line_num + 1
    return rows


def _is_blank(cells):
    return all(not c.strip() for c in cells)


@dataclass
class Header:
    columns: dict  # key → index
    lane_columns: list[int]
    lane_names: list[str]
    width: int
    waktu_satuan: str
    data_start: int  # index in rows of the first data row


def find_header(rows) -> Header:
    """Locate the header row(s): the first row naming Uraian and No, plus an optional second row."""
    for i, (_line, cells) in enumerate(rows[:15]):
        keys = [match_column(c) for c in cells]
        if "uraian" not in keys:
            continue
        first = cells
        second = None
        if i + 1 < len(rows):
            nxt = rows[i + 1][1]
            if not _is_blank(nxt) and not _NUMBER.match(nxt[0] if nxt else ""):
                second = nxt
        width = max(len(first), len(second or []))
        labels = []
        for c in range(width):
            top = first[c].strip() if c < len(first) else ""
            below = second[c].strip() if second and c < len(second) else ""
            labels.append((top, below))
        columns, lane_columns, lane_names = {}, [], []
        satuan = None
        for c, (top, below) in enumerate(labels):
            key = match_column(below) or (match_column(top) if not below or norm(below) == norm(top) else None)
            if key is None and not below:
                key = match_column(top)
            if key and key not in columns:
                columns[key] = c
                if key == "waktu":
                    satuan = durations.unit_from_header(below or top)
                continue
        # Lane columns: between Uraian and Kelengkapan (or the first mutu baku column).
        start = columns.get("uraian", 0) + 1
        tail_indexes = [columns[k] for k in TAIL if k in columns]
        end = min(tail_indexes) if tail_indexes else width
        for c in range(start, end):
            top, below = labels[c]
            name = below or (top if norm(top) not in GROUP_HEADERS else "")
            if not name and norm(top) in GROUP_HEADERS:
                name = ""
            lane_columns.append(c)
            lane_names.append(name.strip())
        missing = [COLUMN_LABELS[k] for k in REQUIRED if k not in columns]
        if missing:
            raise TableError("Kolom tidak ditemukan pada judul tabel: %s." % ", ".join(missing))
        if not lane_columns:
            raise TableError(
                "Kolom pelaksana tidak ditemukan: tabel harus memuat satu kolom per pelaksana di antara "
                '"Uraian Prosedur" dan "Kelengkapan".'
            )
        unnamed = [str(n + 1) for n, name in enumerate(lane_names) if not name]
        if unnamed:
            raise TableError(
                "Kolom pelaksana ke-%s tidak bernama; isi nama pelaksana pada baris judul." % ", ".join(unnamed)
            )
        return Header(
            columns=columns,
            lane_columns=lane_columns,
            lane_names=lane_names,
            width=width,
            waktu_satuan=satuan or durations.MENIT,
            data_start=i + (2 if second else 1),
        )
    raise TableError('Judul tabel tidak ditemukan: baris pertama harus memuat kolom "No" dan "Uraian Prosedur".')


def _parse_waktu(text, satuan):
    return durations.parse(text, satuan)


def _assign(header: Header, cells: list[str], warnings: list[str]):
    """Cells of one data row → dict, aligning the tail (mutu baku, keterangan) from the right when short."""
    width = header.width
    cols = header.columns
    out = {
        "no": cells[cols["no"]] if cols["no"] < len(cells) else "",
        "uraian": cells[cols["uraian"]] if cols["uraian"] < len(cells) else "",
    }
    tail_keys = [k for k in TAIL if k in cols]
    n = len(cells)
    # Trailing empty cells beyond the header width carry nothing.
    while n > width and not cells[n - 1].strip():
        n -= 1
    cells = cells[:n]
    shift = width - n  # > 0 when cells were lost
    if shift <= 0:
        for k in tail_keys + [k for k in EXTRA if k in cols]:
            out[k] = cells[cols[k]] if cols[k] < len(cells) else ""
        out["lanes"] = [c for c, col in enumerate(header.lane_columns) if col < len(cells) and cells[col].strip()]
        return out

    def tail_at(offset):
        # offset 0: the last cell is Keterangan; offset 1: the trailing Keterangan cell was dropped too.
        values = {}
        for k in tail_keys:
            idx = cols[k] - shift + offset
            values[k] = cells[idx] if 0 <= idx < len(cells) else ""
        return values

    candidates = [tail_at(0)]
    if "keterangan" in tail_keys:
        candidates.append(tail_at(1))
    chosen = candidates[0]
    for cand in candidates:
        try:
            _parse_waktu(cand.get("waktu", ""), header.waktu_satuan)
        except durations.DurationError:
            continue
        chosen = cand
        break
    out.update(chosen)
    first_tail = min(cols[k] for k in tail_keys) - shift
    lane_cells = cells[cols["uraian"] + 1 : first_tail] if first_tail > cols["uraian"] else []
    marks = [i for i, c in enumerate(lane_cells) if c.strip()]
    if marks:
        warnings.append(
            "Baris kehilangan %d sel; tanda pelaksana tidak dapat dipastikan — periksa kolom pelaksana langkah ini."
            % shift
        )
        out["lanes"] = [i for i in marks if i < len(header.lane_columns)]
    else:
        out["lanes"] = []
    return out


def detect_decision(uraian: str) -> bool:
    text = uraian.strip()
    return text.endswith("?") or text.lower().startswith("apakah")


def read_branches(text: str) -> tuple[int | None, int | None]:
    ya = tidak = None
    for word, number in _BRANCH.findall(text or ""):
        if word.lower() == "ya" and ya is None:
            ya = int(number)
        elif word.lower() == "tidak" and tidak is None:
            tidak = int(number)
    return ya, tidak


def strip_branches(text: str) -> str:
    """Keterangan without its "Ya: langkah 10; Tidak: langkah 8" part."""
    out = _BRANCH.sub("", text or "")
    return " ".join(out.replace(";", " ").split()).strip(" ,.")


def branch_text(ya: int | None, tidak: int | None) -> str:
    parts = []
    if ya:
        parts.append(f"Ya: langkah {ya}")
    if tidak:
        parts.append(f"Tidak: langkah {tidak}")
    return "; ".join(parts)


def parse_table(text: str) -> ParsedTable:
    """Parse a pasted procedure table. Raises TableError when no usable header is found."""
    return parse_rows(split_rows(text))


def _is_total(cells):
    first = next((c.strip().lower() for c in cells if c.strip()), "")
    return first.startswith(("jumlah", "total"))


def parse_rows(rows: list[tuple[int, list[str]]]) -> ParsedTable:
    """Parse rows of cells (from a paste, a DOCX table or an Excel sheet)."""
    rows = [(line, [str(c) if c is not None else "" for c in cells]) for line, cells in rows]
    rows = [(line, cells) for line, cells in rows if not _is_blank(cells) and not _is_total(cells)]
    if not rows:
        raise TableError("Tabel kosong: tempelkan tabel prosedur beserta baris judulnya.")
    header = find_header(rows)
    table = ParsedTable(lanes=header.lane_names, waktu_satuan=header.waktu_satuan)
    previous = None
    for line, cells in rows[header.data_start :]:
        no_cell = cells[header.columns["no"]] if header.columns["no"] < len(cells) else ""
        match = _NUMBER.match(no_cell)
        if not match:
            uraian_idx = header.columns["uraian"]
            continuation = cells[uraian_idx].strip() if uraian_idx < len(cells) else ""
            if no_cell.strip() == "" and previous is not None and continuation:
                previous.uraian = f"{previous.uraian} {continuation}".strip()
                continue
            table.errors.append(
                RowError(line, 'Baris %d: nomor langkah "%s" bukan angka.' % (line, no_cell.strip() or "(kosong)"))
            )
            continue
        warnings: list[str] = []
        data = _assign(header, cells, warnings)
        number = int(match.group(1))
        uraian = " ".join(data["uraian"].split())
        if not uraian:
            table.errors.append(RowError(line, "Baris %d (langkah %d): uraian prosedur kosong." % (line, number)))
            continue
        step = ParsedStep(number=number, uraian=uraian, line=line, warnings=warnings)
        step.lanes = data.get("lanes", [])
        step.kelengkapan = " ".join(data.get("kelengkapan", "").split())
        step.output = " ".join(data.get("output", "").split())
        step.keterangan = " ".join(data.get("keterangan", "").split())
        try:
            step.waktu, step.waktu_satuan = _parse_waktu(data.get("waktu", ""), header.waktu_satuan)
        except durations.DurationError:
            table.errors.append(
                RowError(
                    line,
                    'Baris %d (langkah %d): waktu "%s" bukan angka; tulis jumlah %s, mis. 15.'
                    % (line, number, data.get("waktu", "").strip(), header.waktu_satuan),
                )
            )
            continue
        if not step.lanes:
            step.warnings.append("Langkah tanpa pelaksana: tandai kolom pelaksananya.")
        if detect_decision(uraian):
            step.kind = "decision"
            step.ya_ke, step.tidak_ke = read_branches(step.keterangan)
            step.keterangan = strip_branches(step.keterangan)
        step.action = actions.suggest(uraian)
        problem = _read_extra(step, data)
        if problem:
            table.errors.append(RowError(line, "Baris %d (langkah %d): %s" % (line, number, problem)))
            continue
        table.steps.append(step)
        previous = step
    validate_steps(table)
    return table


def _read_extra(step: ParsedStep, data: dict) -> str:
    """Template columns: Bentuk, Ya ke, Tidak ke, Aksi sistem, Langkah utama. Returns an error or ""."""
    bentuk = norm(data.get("bentuk", ""))
    if bentuk:
        kind = KIND_WORDS.get(bentuk)
        if kind is None:
            return 'bentuk "%s" tidak dikenal (mulai, proses, keputusan, selesai).' % data["bentuk"].strip()
        step.kind = kind
    for key, attr in (("ya", "ya_ke"), ("tidak", "tidak_ke")):
        raw = str(data.get(key, "") or "").strip()
        if raw:
            match = _NUMBER.match(raw)
            if not match:
                return 'langkah tujuan "%s" bukan nomor langkah.' % raw
            setattr(step, attr, int(match.group(1)))
    aksi = str(data.get("aksi", "") or "").strip()
    if aksi:
        by_label = {norm(str(label)): code for code, label in actions.CHOICES}
        code = aksi if aksi in actions.CODES else by_label.get(norm(aksi))
        if code is None:
            return 'aksi sistem "%s" tidak dikenal.' % aksi
        step.action = code
    utama = str(data.get("utama", "") or "").strip().lower()
    if utama:
        step.utama = utama in TRUE_WORDS
    return ""


def validate_steps(table: ParsedTable) -> None:
    """Numbers unique and consecutive, decision branches pointing to existing steps; kinds of first/last."""
    numbers = [s.number for s in table.steps]
    seen = set()
    for step in table.steps:
        if step.number in seen:
            table.errors.append(
                RowError(step.line, "Baris %d: nomor langkah %d muncul dua kali." % (step.line, step.number))
            )
        seen.add(step.number)
    if numbers and sorted(numbers) != list(range(1, len(numbers) + 1)):
        table.warnings.append(
            RowError(
                0,
                "Nomor langkah tidak berurutan (%s); langkah disimpan menurut urutan baris dan dinomori ulang 1–%d."
                % (", ".join(map(str, numbers)), len(numbers)),
            )
        )
    existing = set(numbers)
    for step in table.steps:
        if step.kind != "decision":
            continue
        for label, target in (("Ya", step.ya_ke), ("Tidak", step.tidak_ke)):
            if target is not None and target not in existing:
                table.errors.append(
                    RowError(
                        step.line,
                        'Baris %d (langkah %d): cabang "%s" menuju langkah %d yang tidak ada.'
                        % (step.line, step.number, label, target),
                    )
                )
        if step.tidak_ke is None:
            table.errors.append(
                RowError(
                    step.line,
                    'Baris %d (langkah %d): keputusan tanpa cabang "Tidak"; tulis pada Keterangan mis. '
                    '"Ya: %d; Tidak: %d".' % (step.line, step.number, step.number + 1, max(1, step.number - 1)),
                )
            )
    if table.steps:
        if table.steps[0].kind == "process":
            table.steps[0].kind = "start"
        if table.steps[-1].kind == "process" and len(table.steps) > 1:
            table.steps[-1].kind = "end"
