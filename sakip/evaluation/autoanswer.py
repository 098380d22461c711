"""Automatic self-assessment: a registry of small rules, one per LKE criterion that sakip's own
data can judge.

Each rule receives a `RuleContext` (the OPD, the evaluation year N, the planning year N and the
implementation year N−1) and returns an `AutoAnswer` (Y/T, the reason in one or two Indonesian
sentences, links to the evidence, the list of gaps) or None when the data it needs does not
exist (yet) in sakip — then the criterion is left to the OPD.

A criterion of a template names its rule in `LkeCriterion.auto_rule` (the 88/2021 seed uses the
criterion code). Rules read other apps only through their public selectors/services and fail
soft (None) when those apps are not installed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _


@dataclass
class AutoAnswer:
    answer: str  # "Y" | "T"
    reason: str
    evidence: list[dict] = field(default_factory=list)  # [{"label": ..., "url": ...}]
    gaps: list[str] = field(default_factory=list)

    def __post_init__(self):
        if self.answer not in ("Y", "T"):
            raise ValueError(f"Jawaban otomatis harus Y atau T, bukan {self.answer!r}.")


@dataclass
class RuleContext:
    opd: object
    year: int  # evaluation year N
    evaluation: object = None

    @property
    def plan_year(self):
        return self.year

    @property
    def implementation_year(self):
        return self.year - 1


@dataclass
class Rule:
    code: str
    title: str
    func: Callable[[RuleContext], AutoAnswer | None]


REGISTRY: dict[str, Rule] = {}


def rule(code: str, title: str):
    """Register `func` as the automatic rule `code` ("1.b.8")."""

    def decorator(func):
        REGISTRY[code] = Rule(code, title, func)
        return func

    return decorator


def optional_module(name: str):
    """Another app's module, or None while it is not built."""
    try:
        return import_module(name)
    except ImportError:
        return None


def link(obj, label=None) -> dict:
    from .models import record_url

    return {"label": str(label or obj), "url": record_url(obj)}


def url_or_blank(name, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def run_rule(code: str, ctx: RuleContext) -> AutoAnswer | None:
    item = REGISTRY.get(code)
    if item is None:
        return None
    return item.func(ctx)


def gaps_text(gaps, limit=12):
    if not gaps:
        return ""
    shown = "; ".join(gaps[:limit])
    more = len(gaps) - limit
    return shown + (_(" … dan %(n)s lainnya") % {"n": more} if more > 0 else "")


# --- Rules on this app's own data ----------------------------------------------------------------
@rule("4.c.1", "Rekomendasi evaluasi tahun lalu telah ditindaklanjuti seluruhnya")
def recommendations_followed_up(ctx: RuleContext):
    from .models import Evaluation, Recommendation

    previous = Evaluation.objects.filter(opd=ctx.opd, year=ctx.year - 1).first()
    if previous is None or not previous.is_closed:
        return None
    recs = list(Recommendation.objects.filter(finding__evaluation=previous).select_related("finding").order_by("finding__letter", "number"))
    evidence = [{"label": _("Matriks tindak lanjut LHE %(year)s") % {"year": previous.year}, "url": reverse("evaluation:matriks_tl") + f"?evaluasi={previous.pk}"}]
    if not recs:
        return AutoAnswer("Y", _("Evaluasi %(year)s tidak memuat rekomendasi.") % {"year": previous.year}, evidence)
    open_recs = [r for r in recs if r.is_open]
    if not open_recs:
        return AutoAnswer("Y", _("Seluruh %(n)s rekomendasi LHE %(year)s telah selesai ditindaklanjuti atau dinyatakan tidak dapat ditindaklanjuti.") % {"n": len(recs), "year": previous.year}, evidence)
    gaps = [f"{r.finding.letter}.{r.number} {r.subject} ({r.get_state_display()})" for r in open_recs]
    evidence += [link(r) for r in open_recs]
    return AutoAnswer("T", _("%(open)s dari %(n)s rekomendasi LHE %(year)s belum tuntas ditindaklanjuti: %(gaps)s.") % {"open": len(open_recs), "n": len(recs), "year": previous.year, "gaps": gaps_text(gaps)}, evidence, gaps)
