"""Capaian of measurement rows — through the planning app's engine only.

Every percentage, category and explanation shown on the entry form, the dashboard and the
Dokumen Pengukuran Kinerja comes from `sakip.planning.capaian` (`capaian_periode` for a triwulan,
`capaian` for a tahunan period, `aggregate` for the cumulative realisasi shown beside it,
`average_capaian` for sasaran and unit averages). This module only prepares the engine's inputs
from a row's snapshot and the other triwulan of the same year:

- TW n: the realisasi of TW I … TW n of the indicator (rows of the OPD's periods of that year);
  the targets are the TW targets of the snapshot (cumulative or not, as the indicator says); an
  indicator without TW targets is compared with its annual target (as a cumulative target).
- Tahunan: the annual realisasi against the annual target.
- Qualitative indicators: realisasi and target labels map to the predicate scale's scores.
- Binary indicators: "ya"/"tidak".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.text import slugify

from sakip.core import numbers
from sakip.planning import bands as B
from sakip.planning import capaian as engine

CATEGORY_CLASSES = {
    "Sangat Tinggi": "cat-sangat-tinggi",
    "Tinggi": "cat-tinggi",
    "Sedang": "cat-sedang",
    "Rendah": "cat-rendah",
    "Sangat Rendah": "cat-sangat-rendah",
}


def bands(opd_id=None):
    """The category bands in force: the OPD's Pemda's own (planning.bands), else the setting, else the
    engine's defaults (None)."""
    if opd_id is not None:
        own = B.for_opd(opd_id)
        if own:
            return own
    return getattr(settings, "SAKIP_CAPAIAN_BANDS", None)


def average_cap():
    return Decimal(str(getattr(settings, "SAKIP_CAPAIAN_CAP", 120)))


def category_class(category: str | None) -> str:
    if not category:
        return ""
    return CATEGORY_CLASSES.get(category) or f"cat-{slugify(category)}"


@dataclass
class Figure:
    """The capaian of one indicator row for its period."""

    values: list  # realisasi per triwulan 1..n (or [annual]) as entered (Decimal | str | None)
    cumulative: Decimal | str | None  # realisasi s.d. the period (engine's aggregate), label for qualitative
    target_period: Decimal | str | None  # the target shown for the period
    result: engine.Capaian | None
    error: str = ""
    notes: list = field(default_factory=list)
    unreadable: bool = False  # a stored value could not be read: an error cell with a repair link
    bands: object = None  # the category bands the figure was categorised with

    @property
    def percent(self):
        return self.result.percent if self.result else None

    @property
    def category(self):
        return self.result.category if self.result else None

    @property
    def css(self):
        return category_class(self.category)

    @property
    def explanation(self):
        if self.error:
            return self.error
        text = self.result.explanation if self.result else ""
        return " ".join([text, *self.notes]).strip()

    @property
    def quarter_items(self):
        """[("I", value), ("II", value), …] for a triwulan row."""
        romans = ("I", "II", "III", "IV")
        return [(romans[i] if i < 4 else str(i + 1), v) for i, v in enumerate(self.values)]

    @property
    def status(self):
        return self.result.status if self.result else "error"


def _score(row, label):
    if label in (None, ""):
        return None
    for item in row.scale or []:
        if str(item[0]).strip().lower() == str(label).strip().lower():
            return Decimal(str(item[1]))
    raise ValueError(
        f'Predikat "{label}" tidak ada pada skala indikator ini ({", ".join(str(i[0]) for i in row.scale)}).'
    )


def _entered(row_like):
    """The realisasi of a row-like (Realisasi, or a (value, value_text) tuple) for the engine."""
    if row_like is None:
        return None
    if isinstance(row_like, tuple):
        value, text = row_like
    else:
        value, text = row_like.value, row_like.value_text
    if text:
        return text
    return value


def _dec(value):
    if value in (None, ""):
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _unreadable(row, own, history, triwulan) -> str:
    """The explanation when a stored number of the row cannot be read (sakip.core.numbers), else ""."""
    if numbers.is_unreadable(own[0] if isinstance(own, tuple) else None):
        return "Realisasi tersimpan tidak terbaca (angka di luar batas); isi ulang nilainya."
    for q, entry in history.items():
        if q != triwulan and isinstance(entry, tuple) and numbers.is_unreadable(entry[0]):
            return (
                f"Realisasi TW {q} tersimpan tidak terbaca (angka di luar batas); perbaiki pada formulir periode itu."
            )
    targets = [row.target_year, row.target_max, *(row.quarters or []), *(getattr(row, "quarters_max", None) or [])]
    try:
        if any(numbers.is_unreadable(_dec(t)) for t in targets):
            return "Target tersimpan tidak terbaca (angka di luar batas); perbaiki target indikator."
    except ArithmeticError:
        return "Target tersimpan tidak terbaca; perbaiki target indikator."
    return ""


def row_figure(row, history: dict | None, triwulan: int, *, current=None, opd_id=None) -> Figure:
    """Capaian of `row` (a Realisasi of the period `triwulan`).

    history: {triwulan: (value, value_text)} of the same indicator in the year's other periods;
    current: (value, value_text) to use instead of the row's stored values (preview while typing);
    opd_id: the OPD of the period, whose Pemda's category bands apply (planning.bands).
    """
    _b = bands(opd_id)
    figure = _row_figure(row, history, triwulan, current, _b)
    figure.bands = _b
    return figure


def _row_figure(row, history, triwulan, current, _b) -> Figure:
    history = dict(history or {})
    own = current if current is not None else (row.value, row.value_text)
    broken = _unreadable(row, own, history, triwulan)
    if broken:
        return Figure([], None, None, None, error=broken, unreadable=True)
    polarity = row.polarity
    qualitative = bool(row.scale)
    allow_negative = bool(getattr(row, "allow_negative", False))  # the indicator's flag (docs/capaian.md §1)
    notes = []
    try:
        if triwulan == 0:
            entered = _entered(own)
            if qualitative:
                target = _score(row, row.target_text) if row.target_text else _dec(row.target_year)
                result = engine.capaian(target, _score(row, entered), "max", bands=_b, note="tahunan, skala predikat")
            else:
                result = engine.capaian(
                    _dec(row.target_year),
                    entered,
                    polarity,
                    target_max=_dec(row.target_max),
                    allow_negative=allow_negative,
                    bands=_b,
                    note="tahunan",
                )
            return Figure([entered], entered, row.target_text or _dec(row.target_year), result)
        history[triwulan] = own
        entered = [_entered(history.get(q)) for q in range(1, triwulan + 1)]
        quarters = [_dec(q) for q in (row.quarters or [])][:4]
        quarters += [None] * (4 - len(quarters))
        has_quarters = any(q is not None for q in quarters)
        if qualitative:
            annual = _score(row, row.target_text) if row.target_text else _dec(row.target_year)
            values = [_score(row, v) for v in entered]
            targets = [annual] * triwulan
            # A predicate score cannot be summed or averaged over quarters (docs/capaian.md §3): the latest counts.
            method = row.aggregation if row.aggregation in ("last", "max", "min") else "last"
            result = engine.capaian_periode(targets, values, "max", method, cumulative_targets=True, bands=_b)
            labels = [v for v in entered if v not in (None, "")]
            return Figure(entered, labels[-1] if labels else None, row.target_text, result)
        if polarity == "binary":
            result = engine.capaian_periode([None] * triwulan, entered, "binary", row.aggregation, bands=_b)
            filled = [v for v in entered if v not in (None, "")]
            return Figure(entered, filled[-1] if filled else None, row.target_text or "ya", result)
        if has_quarters:
            targets = quarters[:triwulan]
            cumulative_targets = row.cumulative_targets
            target_period = targets[-1]
        else:
            targets = [_dec(row.target_year)] * triwulan
            cumulative_targets = True
            target_period = _dec(row.target_year)
            notes.append("Target triwulan belum ditetapkan: dibandingkan dengan target tahunan.")
        # Per-quarter upper bounds of a range target (docs/capaian.md §3) are aggregated like the targets.
        # Without them the annual upper bound bounds the annual (or cumulative TW IV) target; quarterly targets
        # without their own bounds are plain targets, except for `stabil`, which needs one.
        t_max = _dec(row.target_max)
        quarters_max = [_dec(q) for q in (getattr(row, "quarters_max", None) or [])][:4]
        if has_quarters and any(q is not None for q in quarters_max):
            quarters_max += [None] * (4 - len(quarters_max))
            targets_max = quarters_max[:triwulan]
        elif t_max is None:
            targets_max = None
        elif not has_quarters or polarity == "stabil":
            targets_max = [t_max] * triwulan
        elif cumulative_targets and triwulan == 4:
            targets_max = [t_max] * 4
        else:
            targets_max = None
        result = engine.capaian_periode(
            targets,
            entered,
            polarity,
            row.aggregation,
            cumulative_targets=cumulative_targets,
            targets_max=targets_max,
            allow_negative=allow_negative,
            bands=_b,
        )
        cumulative = engine.aggregate(entered, row.aggregation, allow_negative=allow_negative)
        # The "Target s.d. TW" column prints the target the capaian was computed on (docs/capaian.md §3).
        compared = result.target if result.target is not None else target_period
        return Figure(entered, cumulative, compared, result, notes=notes)
    except ValueError as exc:
        return Figure([], None, None, None, error=str(exc))


def average(figures) -> tuple[Decimal | None, str | None]:
    """Average capaian of several rows (each capped, engine's rule) and its category."""
    percent = engine.average_capaian([f.percent for f in figures if f.percent is not None], cap=average_cap())
    own = next((f.bands for f in figures if f.bands), None)  # the bands the rows were categorised with
    return percent, engine.category_for(percent, own or bands()) if percent is not None else None
