"""Budget absorption and efficiency — pure Python (docs/rules.md §1).

serapan (absorption) = realisasi anggaran / pagu × 100, rounded half-up to 2 places.
Efficiency compares the capaian kinerja % with the serapan %: gap = capaian − serapan;
gap > +threshold → "Efisien", −threshold ≤ gap ≤ +threshold → "Cukup efisien", otherwise
"Tidak efisien" (threshold 5 points by default, configurable: SAKIP_EFISIENSI_THRESHOLD).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

EFISIEN = "Efisien"
CUKUP = "Cukup efisien"
TIDAK = "Tidak efisien"


def _dec(value):
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def serapan(pagu, realisasi) -> Decimal | None:
    """Absorption in percent, or None without a pagu (or a pagu of 0) or without realisasi."""
    pagu, realisasi = _dec(pagu), _dec(realisasi)
    if pagu is None or realisasi is None or pagu <= 0:
        return None
    if realisasi < 0:
        raise ValueError("Realisasi anggaran tidak boleh negatif.")
    return (realisasi / pagu * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def efisiensi(capaian_pct, serapan_pct, threshold=5) -> tuple[str | None, Decimal | None]:
    """(label, gap in points) or (None, None) when either side is missing."""
    c, s = _dec(capaian_pct), _dec(serapan_pct)
    if c is None or s is None:
        return None, None
    t = _dec(threshold)
    gap = (c - s).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if gap > t:
        return EFISIEN, gap
    if gap >= -t:
        return CUKUP, gap
    return TIDAK, gap
