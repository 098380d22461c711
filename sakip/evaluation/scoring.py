"""LKE scoring — PermenPAN-RB 88/2021 Lampiran I (docs/rules.md §4, docs/scoring.md). Pure Python.

    nilai sub-komponen = bobot sub-komponen × nilai jawaban / 100   (2 decimals, half up)
    nilai komponen     = Σ nilai sub-komponen
    nilai total        = Σ nilai komponen
    predikat           = band of the total (lower bounds exclusive by default: 90.00 → A, 90.01 → AA)

    >>> score = score_lke({"1.a": "A", "1.b": "A", "1.c": "B"})
    >>> score.components["1"], score.total, score.predikat
    (Decimal('24.00'), Decimal('24.00'), 'D')

`template` is None (the 88/2021 template shipped in lke_reference), a template key such as
"88/2021" (other keys are resolved by the resolver that the Django app registers, reading the
versioned templates from the database), or a `TemplateSpec`.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from . import lke_reference as ref

TWO = Decimal("0.01")
COMPARATOR_GT = "gt"  # lower bound exclusive ("lebih dari"), the default
COMPARATOR_GE = "ge"  # lower bound inclusive


@dataclass(frozen=True)
class Band:
    code: str
    lower: Decimal
    upper: Decimal
    label: str = ""


@dataclass(frozen=True)
class TemplateSpec:
    """What scoring needs from a template: weights, answer values and predicate bands."""

    key: str
    components: Mapping[str, Decimal]  # "1" → 30 (ordered)
    subcomponents: Mapping[str, tuple[str, Decimal]]  # "1.a" → ("1", 6) (ordered)
    answers: Mapping[str, Decimal]  # "AA" → 100
    bands: tuple[Band, ...]  # any order
    comparator: str = COMPARATOR_GT

    @property
    def max_total(self) -> Decimal:
        return sum((w for w in self.components.values()), Decimal(0))


@dataclass(frozen=True)
class LkeScore:
    subcomponents: dict[str, Decimal]
    components: dict[str, Decimal]
    total: Decimal
    predikat: str
    template: str = ref.KEY_88_2021
    answers: dict[str, str] = field(default_factory=dict)


def q2(value) -> Decimal:
    return Decimal(value).quantize(TWO, rounding=ROUND_HALF_UP)


def _builtin_88_2021() -> TemplateSpec:
    components, subcomponents = ref.load_structure()
    return TemplateSpec(
        key=ref.KEY_88_2021,
        components={code: weight for code, _name, weight in components},
        subcomponents={code: (comp, weight) for code, comp, _kind, _name, weight in subcomponents},
        answers={code: value for code, value, *_rest in ref.ANSWER_SCALE},
        bands=tuple(Band(code, lower, upper, label) for code, lower, upper, label, _i in ref.PREDICATE_BANDS),
    )


_BUILTIN: dict[str, TemplateSpec] = {}
_resolver: Callable[[str], TemplateSpec | None] | None = None


def register_template_resolver(resolver: Callable[[str], TemplateSpec | None]) -> None:
    """Let the application resolve template keys other than the built-in "88/2021"."""
    global _resolver
    _resolver = resolver


def get_template(template=None) -> TemplateSpec:
    if isinstance(template, TemplateSpec):
        return template
    key = ref.KEY_88_2021 if template is None else str(template)
    if key == ref.KEY_88_2021:
        if key not in _BUILTIN:
            _BUILTIN[key] = _builtin_88_2021()
        return _BUILTIN[key]
    spec = _resolver(key) if _resolver else None
    if spec is None:
        raise ValueError(f'Templat LKE "{key}" tidak dikenal.')
    return spec


def normalize_answer(answer, spec: TemplateSpec | None = None) -> str:
    """ "a " → "A"; ValueError for an answer outside the template's scale."""
    spec = spec or get_template()
    code = str(answer).strip().upper()
    if code not in spec.answers:
        raise ValueError(f'Jawaban "{answer}" di luar skala ({", ".join(spec.answers)}).')
    return code


def score_lke(answers: Mapping[str, str], template=None) -> LkeScore:
    """Score one evaluation. `answers` maps sub-component codes ("1.a" … "4.c") to answers
    ("AA" … "E"); a missing code (or None/"") scores 0. Unknown codes or answers raise ValueError."""
    spec = get_template(template)
    clean: dict[str, str] = {}
    for code, answer in dict(answers).items():
        if code not in spec.subcomponents:
            raise ValueError(f'Sub-komponen "{code}" tidak ada pada templat {spec.key}.')
        if answer is None or str(answer).strip() == "":
            continue
        clean[code] = normalize_answer(answer, spec)
    subs = {}
    components = {code: Decimal("0.00") for code in spec.components}
    for code, (component, weight) in spec.subcomponents.items():
        value = q2(weight * spec.answers[clean[code]] / 100) if code in clean else Decimal("0.00")
        subs[code] = value
        components[component] = q2(components[component] + value)
    total = q2(sum(components.values(), Decimal(0)))
    return LkeScore(
        subcomponents=subs,
        components=components,
        total=total,
        predikat=predikat(total, spec),
        template=spec.key,
        answers=clean,
    )


def predikat(total, template=None) -> str:
    """The predicate of a total score (0 … maximum of the template)."""
    spec = get_template(template)
    try:
        value = q2(total)
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError(f'Nilai "{total}" bukan angka.') from None
    if value < 0 or value > spec.max_total:
        raise ValueError(f"Nilai {value} di luar rentang 0–{spec.max_total}.")
    bands = sorted(spec.bands, key=lambda b: b.lower, reverse=True)
    for band in bands:
        if (value > band.lower) if spec.comparator == COMPARATOR_GT else (value >= band.lower):
            return band.code
    lowest = bands[-1]
    if value >= lowest.lower:  # the lowest band holds its own lower bound (0 → D)
        return lowest.code
    raise ValueError(f"Nilai {value} tidak masuk rentang predikat mana pun.")


def fulfilment_percent(met: int, total: int) -> Decimal | None:
    if total <= 0:
        return None
    return q2(Decimal(met) * 100 / Decimal(total))


def suggest_answer(
    met: int,
    total: int,
    *,
    kind: str = "b",
    years_kept: int | None = None,
    commendable: bool = False,
    national_model: bool = False,
) -> str | None:
    """The band suggested by the share of criteria met (docs/rules.md §4): 0 → E, ≤25% → D, ≤50% → C,
    ≤75% → CC, <100% → B, 100% → BB; with all met, A/AA need the evaluator's extra inputs:
    for "a" (pemenuhan) the years the documents have been kept (≥1 → A, ≥5 → AA), for "b"/"c"
    commendable efforts (A) or an innovation fit to be a national model (AA). None without criteria."""
    pct = fulfilment_percent(met, total)
    if pct is None:
        return None
    if pct == 0:
        return "E"
    if pct <= 25:
        return "D"
    if pct <= 50:
        return "C"
    if pct <= 75:
        return "CC"
    if pct < 100:
        return "B"
    if kind == "a":
        if years_kept is not None and years_kept >= 5:
            return "AA"
        if years_kept is not None and years_kept >= 1:
            return "A"
        return "BB"
    if national_model:
        return "AA"
    if commendable:
        return "A"
    return "BB"
