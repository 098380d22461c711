"""Indonesian formats for documents and screens (pure Python)."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
UNREADABLE = "tidak terbaca"
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def tanggal(value: date) -> str:
    """date(2021, 1, 18) → "18 Januari 2021"."""
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


def hari_tanggal(value: date) -> str:
    """ "Senin, 18 Januari 2021"."""
    return f"{HARI[value.weekday()]}, {tanggal(value)}"


TITLE_PREFIXES = ("Plt.", "Plh.", "a.n.", "u.b.")


def jabatan_kapital(title: str) -> str:
    """An official's title in capitals for a document heading, its Plt./Plh./a.n./u.b. kept as written
    (Permendagri 1/2023): "Plt. Kepala Dinas X" → "Plt. KEPALA DINAS X"."""
    words = (title or "").split(" ")
    return " ".join(w if w in TITLE_PREFIXES else w.upper() for w in words)


def dengan_satuan(value: str, satuan: str) -> str:
    """A target with its unit: "%" is written against the number ("70,00%"), other units after a space
    ("12 desa"); either part may be empty."""
    value, satuan = (value or "").strip(), (satuan or "").strip()
    if not satuan:
        return value
    if not value:
        return satuan
    return f"{value}{satuan}" if satuan == "%" else f"{value} {satuan}"


def angka(value, places=None, *, english=False, minus="-") -> str:
    """Decimal("1234.5") → "1.234,5"; places rounds half-up first. A stored number that could not be read
    (NaN, sakip.core.numbers) prints as "tidak terbaca" instead of failing the page. `minus` is the sign of a
    negative number: "-" in tables and inputs, "−" (U+2212) inside the capaian formulas (planning/capaian.py),
    whose operators are the same character."""
    dec = value if isinstance(value, Decimal) else Decimal(str(value))
    if not dec.is_finite():
        return UNREADABLE
    if places is not None:
        dec = dec.quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)
    sign = minus if dec < 0 else ""
    text = format(abs(dec), "f")
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    thousands, decimal_sep = (",", ".") if english else (".", ",")
    out = thousands.join(groups)
    if frac:
        out += decimal_sep + frac
    return sign + out


def angka_input(value) -> str:
    """A number as it is typed into a form field: no grouping, never an exponent, a comma for decimals
    (Decimal("440.0000") → "440", Decimal("82.5000") → "82,5"; `str(Decimal.normalize())` gave "4.4E+2")."""
    if value in (None, ""):
        return ""
    dec = value if isinstance(value, Decimal) else Decimal(str(value))
    if not dec.is_finite():
        return ""
    dec = dec.quantize(Decimal(1)) if dec == dec.to_integral_value() else dec.normalize()
    return format(dec, "f").replace(".", ",")


def rupiah(value) -> str:
    return "Rp " + angka(value, 0)
