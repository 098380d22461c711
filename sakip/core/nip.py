"""NIP (Nomor Induk Pegawai) rules — PP 11/2017 and BKN practice.

A PNS NIP has 18 digits: birth date (yyyymmdd), TMT CPNS (yyyymm), gender (1 = male,
2 = female) and a three-digit sequence. A PPPK number also has 18 digits and starts with the
birth date; the rest is not checked. Pure Python: no Django imports.
"""

from dataclasses import dataclass
from datetime import date

PNS = "pns"
PPPK = "pppk"


class NipError(ValueError):
    """A NIP that breaks a rule; the message is Indonesian and fit for the user."""


@dataclass(frozen=True)
class Nip:
    digits: str
    birth_date: date
    tmt: tuple[int, int] | None  # (year, month) of TMT CPNS, PNS only
    gender: str | None  # "L" or "P", PNS only
    sequence: int | None

    def __str__(self):
        return format_nip(self.digits)


def normalize(value) -> str:
    """Keep digits only: "19670128 199302 1 001" → "196701281993021001"."""
    return "".join(ch for ch in str(value or "") if ch.isdigit())


def format_nip(value) -> str:
    """ "196701281993021001" → "19670128 199302 1 001"; anything else is returned unchanged."""
    digits = normalize(value)
    if len(digits) != 18:
        return str(value or "")
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def _birth_date(digits: str) -> date:
    try:
        born = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise NipError(f"8 digit pertama NIP ({digits[:8]}) bukan tanggal lahir yang sah (format ttttbbhh).") from None
    if born.year < 1940:
        raise NipError(f"Tahun lahir pada NIP ({born.year}) tidak masuk akal.")
    return born


def parse(value, kind: str = PNS, *, today: date | None = None) -> Nip:
    """Validate a NIP and return its parts; raise NipError with the reason otherwise."""
    raw = str(value or "").strip()
    if any(not (ch.isdigit() or ch in " .-") for ch in raw):
        raise NipError("NIP hanya boleh berisi angka (spasi boleh sebagai pemisah).")
    digits = normalize(raw)
    if len(digits) != 18:
        raise NipError(f"NIP harus 18 digit angka; yang diisi {len(digits)} digit.")
    today = today or date.today()
    born = _birth_date(digits)
    if born > today:
        raise NipError("Tanggal lahir pada NIP berada di masa depan.")
    if kind == PPPK:
        return Nip(digits, born, None, None, None)
    year, month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= month <= 12:
        raise NipError(f"Digit 9–14 NIP ({digits[8:14]}) bukan TMT CPNS yang sah (format ttttbb).")
    if (year, month) <= (born.year, born.month):
        raise NipError("TMT CPNS pada NIP (digit 9–14) harus setelah tanggal lahir.")
    if year - born.year < 17:
        raise NipError("TMT CPNS pada NIP (digit 9–14) menunjukkan usia di bawah 17 tahun.")
    if (year, month) > (today.year, today.month):
        raise NipError("TMT CPNS pada NIP (digit 9–14) berada di masa depan.")
    gender = digits[14]
    if gender not in "12":
        raise NipError("Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan).")
    sequence = int(digits[15:])
    if sequence == 0:
        raise NipError("Nomor urut NIP (3 digit terakhir) tidak boleh 000.")
    return Nip(digits, born, (year, month), "L" if gender == "1" else "P", sequence)
