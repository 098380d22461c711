"""The capaian (achievement) engine — pure Python, no Django.

Implements docs/capaian.md: the PermenPAN-RB 8/2021 formulas for maximal/minimal indicators (with range
targets), the `stabil` rule, binary indicators, values that may be negative, the five-band category scale,
strict period aggregation and capped averages.
Documented in docs/capaian.md. All arithmetic is Decimal; results are rounded half-up to 2 places.

Public API (the measurement and reporting apps use only these):
    capaian(target, realisasi, polarity="max", *, target_max=None, allow_negative=False, bands=None,
            note="") -> Capaian
    aggregate(values, method) -> Decimal | None
    capaian_periode(targets, realisasi, polarity, method, *, cumulative_targets=False,
                    targets_max=None, allow_negative=False, bands=None) -> Capaian
    average_capaian(percents, cap=Decimal("120")) -> Decimal | None
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from sakip.core.formats import angka  # pure Python too: the one number formatter

MINUS = "−"  # U+2212, the formulas' minus (operators and signs alike)

__all__ = [
    "AGGREGATIONS",
    "DEFAULT_BANDS",
    "POLARITIES",
    "Capaian",
    "aggregate",
    "average_capaian",
    "capaian",
    "capaian_periode",
    "category_for",
    "fmt_number",
    "to_decimal",
]

POLARITIES = ("max", "min", "stabil", "binary")
AGGREGATIONS = ("sum", "last", "average", "max", "min")

OK = "ok"
BELUM_ADA_REALISASI = "belum_ada_realisasi"
TIDAK_DAPAT_DIHITUNG = "tidak_dapat_dihitung"

# docs/capaian.md (categories): C ≥ 91 Sangat Tinggi; 76 ≤ C < 91 Tinggi; 66 ≤ C < 76 Sedang; 51 ≤ C < 66 Rendah; C < 51
# Sangat Rendah.
# Each band is (inclusive lower bound, label); the first band whose bound the rounded percent reaches wins.
DEFAULT_BANDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal("91"), "Sangat Tinggi"),
    (Decimal("76"), "Tinggi"),
    (Decimal("66"), "Sedang"),
    (Decimal("51"), "Rendah"),
    (Decimal("-Infinity"), "Sangat Rendah"),
)

POLARITY_LABEL = {
    "max": "polaritas maksimal",
    "min": "polaritas minimal",
    "stabil": "polaritas stabil",
    "binary": "polaritas biner",
}
AGGREGATION_LABEL = {
    "sum": "jumlah",
    "last": "nilai terakhir",
    "average": "rata-rata",
    "max": "nilai tertinggi",
    "min": "nilai terendah",
}

TWO_PLACES = Decimal("0.01")
HUNDRED = Decimal(100)
_PREC = 40  # working precision for exact-enough intermediate results


@dataclass(frozen=True)
class Capaian:
    """One achievement result.

    percent: Decimal rounded half-up to 2 places, or None when there is no capaian.
    status: "ok" | "belum_ada_realisasi" | "tidak_dapat_dihitung".
    category: band label of the rounded percent (e.g. "Sangat Tinggi"), None without a percent.
    explanation: one Indonesian line naming the rule and the numbers (the caller appends the period).
    target, target_max: the target (and upper bound) actually compared, when there was one.
    """

    percent: Decimal | None
    status: str
    category: str | None
    explanation: str
    target: Decimal | None = None
    target_max: Decimal | None = None

    @property
    def ok(self) -> bool:
        return self.status == OK


# --- parsing -----------------------------------------------------------------------------------
def to_decimal(value, name: str = "nilai", *, allow_negative: bool = False) -> Decimal | None:
    """int, Decimal, float (through str) or a string with a dot as decimal separator → Decimal.

    None and a blank string are "missing" (None). Non-numbers, NaN, infinity and (unless
    `allow_negative`) negative numbers raise ValueError with an Indonesian message naming `name`.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{name.capitalize()} harus berupa angka, bukan {value!r}.")
    if isinstance(value, Decimal):
        dec = value
    elif isinstance(value, int):
        dec = Decimal(value)
    elif isinstance(value, float):
        dec = Decimal(str(value))
    elif isinstance(value, str):
        text = value.strip()
        if text == "":
            return None
        if "," in text:
            raise ValueError(f'{name.capitalize()} "{value}" harus memakai titik sebagai pemisah desimal (mis. 6.5).')
        try:
            dec = Decimal(text)
        except InvalidOperation:
            raise ValueError(f'{name.capitalize()} "{value}" bukan angka.') from None
    else:
        raise ValueError(f"{name.capitalize()} harus berupa angka, bukan {type(value).__name__}.")
    if not dec.is_finite():
        raise ValueError(f"{name.capitalize()} harus berupa angka terhingga, bukan {value!r}.")
    if dec < 0 and not allow_negative:
        raise ValueError(
            f"{name.capitalize()} tidak boleh negatif ({fmt_number(dec)}); "
            "hanya indikator yang ditandai 'dapat bernilai negatif' menerima nilai negatif."
        )
    return dec


_YES = {"ya", "y", "true", "1", "ada", "tercapai", "tepat waktu"}
_NO = {"tidak", "t", "false", "0", "tidak ada", "tidak tercapai", "terlambat"}


def _to_binary(value) -> bool | None:
    """True/False, 1/0 or "ya"/"tidak" → bool; None/blank → None; anything else → ValueError."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        if value == 1:
            return True
        if value == 0:
            return False
        raise ValueError(f"Realisasi indikator biner harus ya/tidak (1/0), bukan {value}.")
    if isinstance(value, str):
        text = value.strip().lower()
        if text == "":
            return None
        if text in _YES:
            return True
        if text in _NO:
            return False
    raise ValueError(f"Realisasi indikator biner harus ya/tidak (1/0), bukan {value!r}.")


def _check_polarity(polarity):
    if polarity not in POLARITIES:
        raise ValueError(f"Polaritas tidak dikenal: {polarity!r} (pilihan: {', '.join(POLARITIES)}).")


def _check_method(method):
    if method not in AGGREGATIONS:
        raise ValueError(f"Cara agregasi tidak dikenal: {method!r} (pilihan: {', '.join(AGGREGATIONS)}).")


# --- formatting --------------------------------------------------------------------------------
def fmt_number(value: Decimal) -> str:
    """Indonesian number without trailing zeros: Decimal("6.50") → "6,5", 1234 → "1.234" (core.formats.angka,
    with the formulas' minus sign "−")."""
    dec = value if isinstance(value, Decimal) else Decimal(str(value))
    if dec == dec.to_integral_value():
        dec = dec.quantize(Decimal(1))
    else:
        dec = dec.normalize()
    return angka(dec, minus=MINUS)


def _pct(value: Decimal) -> str:
    return angka(value, 2, minus=MINUS) + "%"


def _round(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def category_for(percent: Decimal | None, bands=None) -> str | None:
    """The band label of a (rounded) percent; bands = [(lower bound, label), …], any order."""
    if percent is None:
        return None
    ordered = sorted(
        ((Decimal(str(lo)) if not isinstance(lo, Decimal) else lo, label) for lo, label in (bands or DEFAULT_BANDS)),
        key=lambda b: b[0],
        reverse=True,
    )
    for lower, label in ordered:
        if percent >= lower:
            return label
    return ordered[-1][1] if ordered else None


def _result(raw: Decimal, explanation_rule: str, note: str, bands) -> Capaian:
    percent = _round(raw)
    return Capaian(percent, OK, category_for(percent, bands), f"Capaian {_pct(percent)} {explanation_rule} ({note})")


def _none(status: str, explanation: str) -> Capaian:
    return Capaian(None, status, None, explanation)


# --- the formulas ------------------------------------------------------------------------------
def _base(polarity: str, t: Decimal, r: Decimal, label: str, bands, *, generalised: bool, suffix: str = "") -> Capaian:
    """The max/min formula of PermenPAN-RB 8/2021 against one bound `t` (docs/capaian.md §1).

    generalised (the indicator may be negative): max C = (1 + (R − T) / |T|) × 100, min C = (1 − (R − T) / |T|) × 100,
    which equal R / T × 100 and (2 − R / T) × 100 when T > 0. Both floored at 0.
    """
    tail = f", {suffix}" if suffix else ""
    if polarity == "max":
        if t == 0:
            return _none(TIDAK_DAPAT_DIHITUNG, f"Capaian tidak dapat dihitung: target 0 ({label}).")
        if generalised and t < 0:
            raw = (1 + (r - t) / abs(t)) * HUNDRED
            rule = f"= (1 + ({fmt_number(r)} − {fmt_number(t)}) / |{fmt_number(t)}|) × 100"
        else:
            raw = r / t * HUNDRED
            rule = f"= {fmt_number(r)} / {fmt_number(t)} × 100"
    else:  # min
        if t == 0:
            if r == 0:
                return _result(HUNDRED, f"= target 0 dan realisasi 0{tail}", label, bands)
            return _none(
                TIDAK_DAPAT_DIHITUNG,
                f"Capaian tidak dapat dihitung: target 0 dengan realisasi {fmt_number(r)} ({label}).",
            )
        if generalised and t < 0:
            raw = (1 - (r - t) / abs(t)) * HUNDRED
            rule = f"= (1 − ({fmt_number(r)} − {fmt_number(t)}) / |{fmt_number(t)}|) × 100"
        else:
            raw = (2 - r / t) * HUNDRED
            rule = f"= (2 − {fmt_number(r)} / {fmt_number(t)}) × 100"
    if raw < 0:
        return _result(Decimal(0), f"{rule} = {_pct(raw)}, dibatasi paling rendah 0{tail}", label, bands)
    return _result(raw, rule + tail, label, bands)


def capaian(
    target,
    realisasi,
    polarity: str = "max",
    *,
    target_max=None,
    allow_negative: bool = False,
    bands=None,
    note: str = "",
) -> Capaian:
    """Capaian of one realisasi against one target (docs/capaian.md).

    max: C = R / T × 100; min: C = (2 − R / T) × 100 floored at 0 (PermenPAN-RB 8/2021 Lampiran).
    max/min with a range target [T, target_max] (PermenPAN-RB 8/2021: a range is a target): R inside → 100,
    R above → the polarity's formula with target_max, R below → with T.
    stabil [T, target_max] (KMK 467/2014 "stabilize"): inside → 100, below → R / T × 100,
    above → (2 − R / target_max) × 100 floored at 0. binary: met → 100, else 0.
    allow_negative: values may be negative (growth rates); the generalised formulas of `_base` apply.
    `note` is appended inside the explanation's brackets (e.g. the aggregation used).
    """
    _check_polarity(polarity)
    label = POLARITY_LABEL[polarity] + (f", {note}" if note else "")
    if polarity == "binary":
        if target_max not in (None, ""):
            raise ValueError("Indikator biner tidak memakai target rentang.")
        met = _to_binary(realisasi)
        if met is None:
            return _none(BELUM_ADA_REALISASI, "Belum ada realisasi.")
        if met:
            return _result(HUNDRED, "= target tercapai (ya)", label, bands)
        return _result(Decimal(0), "= target tidak tercapai (tidak)", label, bands)

    t = to_decimal(target, "target", allow_negative=allow_negative)
    r = to_decimal(realisasi, "realisasi", allow_negative=allow_negative)
    t_max = to_decimal(target_max, "target maksimal", allow_negative=allow_negative)
    if polarity == "stabil" and t is not None and t_max is None:
        raise ValueError("Indikator stabil memerlukan batas atas target (target maksimal).")
    if t is not None and t_max is not None and t_max < t:
        raise ValueError(f"Batas atas target ({fmt_number(t_max)}) lebih kecil dari batas bawah ({fmt_number(t)}).")
    if r is None:
        return _none(BELUM_ADA_REALISASI, "Belum ada realisasi.")
    if t is None:
        return _none(TIDAK_DAPAT_DIHITUNG, f"Capaian tidak dapat dihitung: target belum ditetapkan ({label}).")

    with localcontext() as ctx:
        ctx.prec = _PREC
        if t_max is None:
            out = _base(polarity, t, r, label, bands, generalised=allow_negative)
        else:
            span = f"{fmt_number(t)}–{fmt_number(t_max)}"
            if t <= r <= t_max:
                out = _result(HUNDRED, f"= realisasi {fmt_number(r)} di dalam rentang target {span}", label, bands)
            elif polarity == "stabil":
                if r < t:
                    out = _base(
                        "max", t, r, label, bands, generalised=allow_negative, suffix=f"di bawah rentang target {span}"
                    )
                else:
                    out = _base(
                        "min",
                        t_max,
                        r,
                        label,
                        bands,
                        generalised=allow_negative,
                        suffix=f"di atas rentang target {span}",
                    )
            else:
                bound, side = (t_max, "di atas") if r > t_max else (t, "di bawah")
                out = _base(
                    polarity, bound, r, label, bands, generalised=allow_negative, suffix=f"{side} rentang target {span}"
                )
    return replace(out, target=t, target_max=t_max)


def aggregate(values, method: str, *, allow_negative: bool = False) -> Decimal | None:
    """Aggregate per-period values (None = not filled) → Decimal (not rounded) or None when none is filled.

    sum: Σ filled; last: the latest filled; average: Σ / n of the filled; max / min: the extreme.
    """
    _check_method(method)
    filled = [d for d in (to_decimal(v, allow_negative=allow_negative) for v in values) if d is not None]
    if not filled:
        return None
    if method == "sum":
        return sum(filled, Decimal(0))
    if method == "last":
        return filled[-1]
    if method == "average":
        with localcontext() as ctx:
            ctx.prec = _PREC
            return sum(filled, Decimal(0)) / len(filled)
    if method == "max":
        return max(filled)
    return min(filled)


def _periods(numbers) -> str:
    return ", ".join(str(n) for n in numbers)


def capaian_periode(
    targets,
    realisasi,
    polarity: str,
    method: str,
    *,
    cumulative_targets: bool = False,
    targets_max=None,
    allow_negative: bool = False,
    bands=None,
) -> Capaian:
    """Capaian up to period n from per-period lists (index 0 = period 1, e.g. TW I; n = len(realisasi)).

    Strict (docs/capaian.md §3): the caller passes exactly periods 1..n of the one it reports.
    - period n blank → belum_ada_realisasi naming n;
    - sum / average / max / min: any blank period before n → tidak_dapat_dihitung naming them;
      `last` uses period n alone;
    - the target compared is the cumulative target of period n (cumulative_targets=True) or the same
      aggregation over the targets of periods 1..n (`last` → target n); a missing one → tidak_dapat_dihitung;
    - per-period upper bounds (`targets_max`, range targets) are aggregated the same way.
    Binary indicators use period n.
    """
    _check_polarity(polarity)
    _check_method(method)
    realisasi = list(realisasi)
    n = len(realisasi)
    if n == 0:
        return _none(BELUM_ADA_REALISASI, "Belum ada realisasi.")
    targets = list(targets)[:n]
    targets += [None] * (n - len(targets))
    targets_max = list(targets_max or [])[:n]
    targets_max += [None] * (n - len(targets_max))

    if polarity == "binary":
        if _to_binary(realisasi[-1]) is None:
            return _none(BELUM_ADA_REALISASI, f"Belum ada realisasi periode ke-{n}.")
        return capaian(targets[-1], realisasi[-1], "binary", bands=bands, note=f"periode ke-{n}")

    parsed = [to_decimal(v, "realisasi", allow_negative=allow_negative) for v in realisasi]
    parsed_t = [to_decimal(v, "target", allow_negative=allow_negative) for v in targets]
    parsed_tmax = [to_decimal(v, "target maksimal", allow_negative=allow_negative) for v in targets_max]
    used = [n - 1] if method == "last" else list(range(n))
    # The target compared is known before the realisasi: pages print it even while a period is blank.
    chosen = [n - 1] if (cumulative_targets or method == "last") else used
    missing = [i + 1 for i in chosen if parsed_t[i] is None]
    with_max = [i for i in chosen if parsed_tmax[i] is not None]
    lacking = [i + 1 for i in chosen if parsed_tmax[i] is None]
    bounds_ok = not ((with_max and lacking) or (polarity == "stabil" and not with_max))
    t = t_max = None
    if not missing:
        if cumulative_targets:
            t = parsed_t[n - 1]
            t_max = parsed_tmax[n - 1] if bounds_ok else None
        else:
            t = aggregate([parsed_t[i] for i in chosen], method, allow_negative=allow_negative)
            if with_max and bounds_ok:
                t_max = aggregate([parsed_tmax[i] for i in chosen], method, allow_negative=allow_negative)

    def without(status, explanation):
        return replace(_none(status, explanation), target=t, target_max=t_max)

    if parsed[-1] is None:
        return without(BELUM_ADA_REALISASI, f"Belum ada realisasi periode ke-{n}.")
    blank = [i + 1 for i in used if parsed[i] is None]
    if blank:
        return without(
            TIDAK_DAPAT_DIHITUNG,
            f"Capaian tidak dapat dihitung: realisasi periode ke-{_periods(blank)} kosong "
            f"({AGGREGATION_LABEL[method]} s.d. periode ke-{n} memerlukan semua periode).",
        )
    if missing:
        return without(
            TIDAK_DAPAT_DIHITUNG,
            f"Capaian tidak dapat dihitung: target periode ke-{_periods(missing)} belum ditetapkan "
            f"({POLARITY_LABEL[polarity]}).",
        )
    if not bounds_ok:
        return without(
            TIDAK_DAPAT_DIHITUNG,
            f"Capaian tidak dapat dihitung: batas atas target periode ke-{_periods(lacking)} belum ditetapkan "
            f"({POLARITY_LABEL[polarity]}).",
        )
    r = aggregate([parsed[i] for i in used], method, allow_negative=allow_negative)
    if cumulative_targets:
        target_note = f"target kumulatif s.d. periode ke-{n}"
    else:
        target_note = f"target = {AGGREGATION_LABEL[method]} target periode yang sama"
    note = f"realisasi = {AGGREGATION_LABEL[method]} periode ke-{_periods(i + 1 for i in used)}, {target_note}"
    return capaian(t, r, polarity, target_max=t_max, allow_negative=allow_negative, bands=bands, note=note)


def average_capaian(percents, cap=Decimal("120")) -> Decimal | None:
    """Average of several capaian (sasaran, unit, OPD): each item capped at `cap` (None = no cap),
    None items ignored, result rounded half-up to 2 places, or None when nothing is left."""
    items = [to_decimal(p, "capaian") for p in percents]
    items = [p for p in items if p is not None]
    if not items:
        return None
    cap_d = to_decimal(cap, "batas atas") if cap is not None else None
    if cap_d is not None:
        items = [min(p, cap_d) for p in items]
    with localcontext() as ctx:
        ctx.prec = _PREC
        return _round(sum(items, Decimal(0)) / len(items))
