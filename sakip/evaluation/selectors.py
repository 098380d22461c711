"""Reads of the evaluation app, scoped to the user, with a constant number of queries per page."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q

from sakip.core.permissions import readable_opd_ids, scope_queryset
from sakip.organization.models import OPD

from . import policies, scoring
from .models import (
    CriterionAnswer,
    Evaluation,
    Finding,
    LkeTemplate,
    Recommendation,
    SubComponentAnswer,
    SuratPernyataan,
)

_SPECS: dict[tuple, scoring.TemplateSpec] = {}


def spec_for(template: LkeTemplate) -> scoring.TemplateSpec:
    """The scoring spec of a template, cached while the template does not change."""
    key = (template.pk, template.updated_at)
    if key not in _SPECS:
        _SPECS[key] = template.spec()
    return _SPECS[key]


def resolve_template_key(key: str):
    template = LkeTemplate.objects.filter(key=key).first()
    return template.spec() if template else None


def templates():
    return (
        LkeTemplate.objects.select_related("based_on").annotate(n_eval=Count("evaluations")).order_by("-status", "key")
    )


def evaluations_for(user):
    return scope_queryset(Evaluation.objects.select_related("opd", "opd__pemda", "template", "evaluator"), user)


def sub_answer_map(evaluation, sub_answers=None) -> dict:
    rows = sub_answers if sub_answers is not None else evaluation.sub_answers.select_related("subcomponent")
    return {sa.subcomponent.code: sa.answer for sa in rows}


def score_of(evaluation: Evaluation, sub_answers=None) -> scoring.LkeScore:
    return scoring.score_lke(sub_answer_map(evaluation, sub_answers), spec_for(evaluation.template))


def previous_evaluation(evaluation: Evaluation):
    """Last year's evaluation of the same OPD, once final (its figures are official)."""
    return (
        Evaluation.objects.filter(
            opd_id=evaluation.opd_id, year=evaluation.year - 1, state__in=Evaluation.CLOSED_STATES
        )
        .select_related("template")
        .first()
    )


@dataclass
class SubRow:
    sub: object
    answer: SubComponentAnswer
    criteria: list = field(default_factory=list)
    score: Decimal = Decimal("0.00")
    previous: Decimal | None = None
    previous_answer: str = ""
    met_opd: int = 0
    met_eval: int = 0
    suggestion: str | None = None
    percent: Decimal | None = None


@dataclass
class ComponentRow:
    component: object
    subs: list = field(default_factory=list)
    score: Decimal = Decimal("0.00")
    previous: Decimal | None = None


def worksheet(evaluation: Evaluation, user, *, with_criteria=True):
    """The LKE of one evaluation: components → sub-components → criterion answers, with scores,
    suggestions and last year's figures. Evaluator-side values are blanked for whoever may not
    see them yet (the OPD before the draft is sent). user None = everything (documents)."""
    show_eval = True if user is None else policies.can_see_evaluator_side(user, evaluation)
    template = evaluation.template
    sub_answers = {
        sa.subcomponent_id: sa
        for sa in evaluation.sub_answers.select_related("subcomponent", "subcomponent__component")
    }
    score = score_of(evaluation, sub_answers.values()) if show_eval else None
    previous = previous_evaluation(evaluation) if show_eval else None
    prev_score, prev_answers = None, {}
    if previous is not None:
        prev_rows = list(previous.sub_answers.select_related("subcomponent"))
        prev_answers = {sa.subcomponent.code: sa.answer for sa in prev_rows}
        prev_score = score_of(previous, prev_rows)
    criteria_by_sub = {}
    if with_criteria:
        answers = evaluation.criterion_answers.select_related("criterion").prefetch_related("evidence__target")
        for ans in answers:
            if not show_eval:
                ans.evaluator_answer = ""
                ans.evaluator_note = ""
            criteria_by_sub.setdefault(ans.criterion.subcomponent_id, []).append(ans)
    components = []
    for comp in template.components.prefetch_related("subcomponents").order_by("order"):
        crow = ComponentRow(component=comp)
        for sub in sorted(comp.subcomponents.all(), key=lambda s: (s.order, s.code)):
            sa = sub_answers.get(sub.pk) or SubComponentAnswer(evaluation=evaluation, subcomponent=sub)
            if not show_eval:
                sa = SubComponentAnswer(evaluation=evaluation, subcomponent=sub, opd_response=sa.opd_response, pk=sa.pk)
            crits = sorted(criteria_by_sub.get(sub.pk, []), key=lambda a: a.criterion.number)
            row = SubRow(sub=sub, answer=sa, criteria=crits)
            row.met_opd = sum(1 for a in crits if a.effective_opd_answer == "Y")
            row.met_eval = sum(1 for a in crits if (a.evaluator_answer or a.effective_opd_answer) == "Y")
            if crits:
                met = row.met_eval if show_eval else row.met_opd
                row.percent = scoring.fulfilment_percent(met, len(crits))
                row.suggestion = scoring.suggest_answer(
                    met,
                    len(crits),
                    kind=sub.kind,
                    years_kept=sa.years_kept,
                    commendable=sa.commendable,
                    national_model=sa.national_model,
                )
            if score is not None:
                row.score = score.subcomponents.get(sub.code, Decimal("0.00"))
            if prev_score is not None and sub.code in prev_score.subcomponents:
                row.previous = prev_score.subcomponents[sub.code]
                row.previous_answer = prev_answers.get(sub.code, "")
            crow.subs.append(row)
        if score is not None:
            crow.score = score.components.get(comp.code, Decimal("0.00"))
        if prev_score is not None and comp.code in prev_score.components:
            crow.previous = prev_score.components[comp.code]
        components.append(crow)
    return {
        "components": components,
        "score": score,
        # No evaluator answer yet: the score is 0 and its band "D"; the pages say "belum dinilai" instead.
        "graded": score is not None and any(sa.answer for sa in sub_answers.values()),
        "previous": previous,
        "previous_score": prev_score,
        "show_evaluator": show_eval,
        "bands": {b.code: b for b in template.bands.all()},
        "answer_options": list(template.answer_options.order_by("order")),
    }


def findings_for(evaluation: Evaluation, user):
    if not policies.can_see_evaluator_side(user, evaluation):
        return Finding.objects.none()
    return evaluation.findings.prefetch_related(
        "subcomponents",
        "lke_criteria__subcomponent",
        Prefetch(
            "recommendations",
            queryset=Recommendation.objects.select_related("pic", "pic__unit").prefetch_related("evidence__target"),
        ),
    ).order_by("letter")


def recommendations_for(user, *, evaluation_id=None, opd_id=None, year=None, state=None):
    """Recommendations the user may see: OPD users only those of drafts already sent."""
    qs = Recommendation.objects.select_related(
        "finding", "finding__evaluation", "finding__evaluation__opd", "pic", "pic__unit", "verified_by"
    ).prefetch_related("evidence__target", "statements")
    qs = scope_queryset(qs, user, "finding__evaluation__opd")
    if not policies.is_evaluator(user):
        qs = qs.filter(finding__evaluation__state__in=Evaluation.SENT_STATES)
    if evaluation_id:
        qs = qs.filter(finding__evaluation_id=evaluation_id)
    if opd_id:
        qs = qs.filter(finding__evaluation__opd_id=opd_id)
    if year:
        qs = qs.filter(finding__evaluation__year=year)
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("finding__evaluation__opd__name", "-finding__evaluation__year", "finding__letter", "number")


def statements_for(user, evaluation=None):
    qs = scope_queryset(
        SuratPernyataan.objects.select_related("evaluation", "evaluation__opd").prefetch_related(
            "recommendations__finding", "attachments__target"
        ),
        user,
        "evaluation__opd",
    )
    if evaluation is not None:
        qs = qs.filter(evaluation=evaluation)
    return qs


def recap(user, pemda, year: int):
    """Every OPD of the Pemda (but the Inspektorat) for a year: scores per component, total,
    predicate, rank, last year's total and the change, open recommendations."""
    ids = readable_opd_ids(user)
    opds = OPD.objects.filter(pemda=pemda).exclude(kind=OPD.Kind.INSPEKTORAT).order_by("name")
    if ids is not None:
        opds = opds.filter(pk__in=ids)
    opds = list(opds)
    evals = (
        Evaluation.objects.filter(opd__in=opds, year__in=[year, year - 1])
        .select_related("template")
        .prefetch_related(Prefetch("sub_answers", queryset=SubComponentAnswer.objects.select_related("subcomponent")))
    )
    by_key = {(e.opd_id, e.year): e for e in evals}
    open_counts = dict(
        Recommendation.objects.filter(
            finding__evaluation__opd__in=opds,
            state__in=Recommendation.OPEN_STATES,
            finding__evaluation__state__in=Evaluation.CLOSED_STATES,
        )
        .values_list("finding__evaluation__opd")
        .annotate(n=Count("pk"))
        .values_list("finding__evaluation__opd", "n")
    )
    rows = []
    component_codes = []
    for opd in opds:
        current = by_key.get((opd.pk, year))
        prev = by_key.get((opd.pk, year - 1))
        row = {
            "opd": opd,
            "evaluation": current,
            "score": None,
            "previous": None,
            "change": None,
            "open": open_counts.get(opd.pk, 0),
            "rank": None,
        }
        if current is not None and current.is_closed:
            row["score"] = score_of(current, current.sub_answers.all())
            for code in row["score"].components:
                if code not in component_codes:
                    component_codes.append(code)
        if prev is not None and prev.is_closed:
            row["previous"] = score_of(prev, prev.sub_answers.all())
        if row["score"] is not None and row["previous"] is not None:
            row["change"] = row["score"].total - row["previous"].total
        rows.append(row)
    ranked = sorted([r for r in rows if r["score"] is not None], key=lambda r: r["score"].total, reverse=True)
    rank, last_total = 0, None
    for i, r in enumerate(ranked, start=1):
        if r["score"].total != last_total:
            rank, last_total = i, r["score"].total
        r["rank"] = rank
    rows.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0, r["opd"].name))
    return {"rows": rows, "component_codes": component_codes, "year": year}


def open_recommendation_count(user):
    qs = recommendations_for(user).filter(
        state__in=Recommendation.OPEN_STATES, finding__evaluation__state__in=Evaluation.CLOSED_STATES
    )
    return qs.count()


def criterion_answers_needing_attention(evaluation):
    return evaluation.criterion_answers.filter(Q(opd_answer="") & Q(auto_answer="")).count()


def criterion_answer_qs():
    return CriterionAnswer.objects.select_related("evaluation", "evaluation__opd", "criterion")
