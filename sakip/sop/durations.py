"""Standard time of SOP steps (Mutu Baku: waktu) — pure Python.

A step's time is a number with a unit (menit, jam, hari). Totals are in minutes; a working day
counts SAKIP_SOP_MINUTES_PER_DAY minutes (default 450 = 7,5 jam: 37,5 jam kerja per minggu over
five days). The seed: 15+60+25+30+120+120+240+40+60+25+10+15+25+10 = 795 menit = 13 jam 15 menit.
"""

import re
from decimal import Decimal, InvalidOperation

from django.conf import settings

MENIT, JAM, HARI = "menit", "jam", "hari"
UNITS = (MENIT, JAM, HARI)
DEFAULT_MINUTES_PER_DAY = 450

_UNIT_WORDS = {
    "menit": MENIT,
    "mnt": MENIT,
    "m": MENIT,
    "min": MENIT,
    "minutes": MENIT,
    "minute": MENIT,
    "jam": JAM,
    "j": JAM,
    "hour": JAM,
    "hours": JAM,
    "hari": HARI,
    "hr": HARI,
    "hk": HARI,
    "day": HARI,
    "days": HARI,
}


class DurationError(ValueError):
    pass


def minutes_per_day() -> int:
    try:
        return int(getattr(settings, "SAKIP_SOP_MINUTES_PER_DAY", DEFAULT_MINUTES_PER_DAY))
    except Exception:  # outside Django
        return DEFAULT_MINUTES_PER_DAY


def unit_from_header(text: str) -> str | None:
    """ "Waktu (menit)" → "menit"; "Waktu" → None."""
    low = (text or "").lower()
    for word in ("menit", "jam", "hari"):
        if word in low:
            return word
    return None


def parse(text, default_unit=MENIT) -> tuple[Decimal | None, str]:
    """ "15" → (15, default); "2 jam" → (2, "jam"); "1,5" → (1.5, default); "" → (None, default).

    Raises DurationError for text that is not a number ("lima belas", "15-20").
    """
    if text is None:
        return None, default_unit
    if isinstance(text, (int, float, Decimal)):
        value = Decimal(str(text))
        if value < 0:
            raise DurationError("negatif")
        return value, default_unit
    raw = str(text).strip()
    if not raw or raw in {"-", "–"}:
        return None, default_unit
    match = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*([A-Za-z.]*)", raw)
    if not match:
        raise DurationError(raw)
    number, word = match.groups()
    unit = default_unit
    if word:
        unit = _UNIT_WORDS.get(word.lower().rstrip("."))
        if unit is None:
            raise DurationError(raw)
    try:
        value = Decimal(number.replace(",", "."))
    except InvalidOperation:
        raise DurationError(raw) from None
    return value, unit


def to_minutes(value, unit=MENIT) -> Decimal:
    if value is None:
        return Decimal(0)
    value = Decimal(str(value))
    if unit == JAM:
        return value * 60
    if unit == HARI:
        return value * minutes_per_day()
    return value


def _num(value: Decimal) -> str:
    value = Decimal(value).normalize()
    text = format(value, "f")
    return text.replace(".", ",")


def format_value(value, unit=MENIT) -> str:
    """(15, "menit") → "15 menit"."""
    if value is None:
        return ""
    return f"{_num(value)} {unit}"


def format_minutes(total) -> str:
    """795 → "13 jam 15 menit"; 45 → "45 menit"; 120 → "2 jam"."""
    total = Decimal(str(total or 0))
    hours = int(total // 60)
    minutes = total - hours * 60
    parts = []
    if hours:
        parts.append(f"{hours} jam")
    if minutes or not hours:
        parts.append(f"{_num(minutes)} menit")
    return " ".join(parts)


def total_minutes(steps) -> Decimal:
    """Sum of (value, unit) pairs in minutes."""
    return sum((to_minutes(v, u) for v, u in steps), Decimal(0))
