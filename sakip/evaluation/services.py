"""Every write of the evaluation app: keyword-only, atomic, permission-checked, recorded in history.

Bad input raises django.core.exceptions.ValidationError with an Indonesian message; a forbidden
action raises PermissionDenied (403) — nothing is half-saved.
"""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.core import formats, notifications
from sakip.core import roles as R
from sakip.core.actors import require_actor
from sakip.organization.models import User

from . import autoanswer, policies
from . import documents as docs
from .models import (
    CriterionAnswer,
    CriterionEvidence,
    Evaluation,
    EvaluationSettings,
    Finding,
    FollowUpEvidence,
    LkeAnswerOption,
    LkeComponent,
    LkeCriterion,
    LkePredicateBand,
    LkeSubComponent,
    LkeTemplate,
    Recommendation,
    StatementAttachment,
    SubComponentAnswer,
    SuratPernyataan,
    safe_link,
)
from .seed import ensure_88_2021
from .selectors import score_of


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def _save(obj, reason, **kwargs):
    obj._change_reason = reason
    obj.save(**kwargs)
    return obj


def settings_for(pemda) -> EvaluationSettings:
    obj, _created = EvaluationSettings.objects.get_or_create(pemda=pemda)
    return obj


# --- Templates ---------------------------------------------------------------------------------
def default_template() -> LkeTemplate:
    template = LkeTemplate.objects.filter(status=LkeTemplate.Status.ACTIVE).order_by("-version", "-pk").first()
    if template is None:
        template = ensure_88_2021()
    return template


@transaction.atomic
def copy_template(*, user, template: LkeTemplate, key: str, name: str = "") -> LkeTemplate:
    """A new draft version of a template, with all its rows; the original is never changed."""
    require_actor(user)
    _require(policies.can_manage_templates(user))
    key = (key or "").strip()
    if not key:
        raise ValidationError({"key": _("Kode templat baru wajib diisi.")})
    if LkeTemplate.objects.filter(key=key).exists():
        raise ValidationError({"key": _('Kode templat "%(key)s" sudah dipakai.') % {"key": key}})
    latest = (
        LkeTemplate.objects.filter(regulation=template.regulation)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
        or template.version
    )
    new = LkeTemplate.objects.create(
        key=key,
        name=name.strip() or template.name,
        regulation=template.regulation,
        version=latest + 1,
        based_on=template,
        status=LkeTemplate.Status.DRAFT,
        comparator=template.comparator,
        notes=_("Salinan dari %(key)s.") % {"key": template.key},
    )
    comps = {}
    for c in template.components.all():
        comps[c.pk] = LkeComponent.objects.create(
            template=new, code=c.code, name=c.name, weight=c.weight, order=c.order
        )
    subs = {}
    for s in template.subcomponents.all():
        subs[s.pk] = LkeSubComponent.objects.create(
            template=new,
            component=comps[s.component_id],
            code=s.code,
            kind=s.kind,
            name=s.name,
            weight=s.weight,
            order=s.order,
        )
    for k in template.criteria.all():
        LkeCriterion.objects.create(
            template=new,
            subcomponent=subs[k.subcomponent_id],
            code=k.code,
            number=k.number,
            text=k.text,
            evidence_hint=k.evidence_hint,
            auto_rule=k.auto_rule,
        )
    for a in template.answer_options.all():
        LkeAnswerOption.objects.create(
            template=new,
            code=a.code,
            value=a.value,
            description_a=a.description_a,
            description_bc=a.description_bc,
            order=a.order,
        )
    for b in template.bands.all():
        LkePredicateBand.objects.create(
            template=new, code=b.code, lower=b.lower, upper=b.upper, label=b.label, interpretation=b.interpretation
        )
    return new


def _require_editable(template):
    _require(True)
    if not template.is_editable:
        raise ValidationError(
            _(
                "Templat %(key)s sudah berlaku atau dipakai evaluasi dan tidak dapat diubah. Salin "
                "menjadi versi baru untuk mengubahnya."
            )
            % {"key": template.key}
        )
    if template.evaluations.exists():
        raise ValidationError(
            _("Templat %(key)s sudah dipakai evaluasi dan tidak dapat diubah.") % {"key": template.key}
        )


@transaction.atomic
def update_template_row(*, user, obj, **values):
    """Edit one row (component, sub-component, criterion, answer option, band, or the template
    itself) of a draft template."""
    require_actor(user)
    _require(policies.can_manage_templates(user))
    template = obj if isinstance(obj, LkeTemplate) else obj.template
    _require_editable(template)
    for name, value in values.items():
        setattr(obj, name, value)
    # The template's status changes only by its transitions (publish/retire): full_clean must not write it back.
    obj.full_clean(exclude={"status"} if isinstance(obj, LkeTemplate) else None)
    return _save(obj, _("Templat LKE diubah"))


def template_problems(template: LkeTemplate) -> list[str]:
    """Consistency of a template: weights add up, every sub-component has criteria, bands cover 0–max."""
    problems = []
    comps = list(template.components.prefetch_related("subcomponents__criteria"))
    total = sum((c.weight for c in comps), 0)
    if total != 100:
        problems.append(_("Jumlah bobot komponen %(total)s, seharusnya 100.") % {"total": total})
    for c in comps:
        sub_total = sum((s.weight for s in c.subcomponents.all()), 0)
        if sub_total != c.weight:
            problems.append(
                _("Bobot sub-komponen %(code)s berjumlah %(sum)s, tidak sama dengan bobot komponen %(w)s.")
                % {"code": c.code, "sum": sub_total, "w": c.weight}
            )
        for s in c.subcomponents.all():
            if not s.criteria.all():
                problems.append(_("Sub-komponen %(code)s belum memiliki kriteria.") % {"code": s.code})
    if not template.answer_options.exists():
        problems.append(_("Skala jawaban belum diisi."))
    bands = list(template.bands.order_by("lower"))
    if not bands:
        problems.append(_("Predikat belum diisi."))
    else:
        if bands[0].lower != 0:
            problems.append(_("Predikat terendah harus dimulai dari 0."))
        if bands[-1].upper != total:
            problems.append(_("Predikat tertinggi harus berakhir pada nilai maksimum %(max)s.") % {"max": total})
        for low, high in zip(bands, bands[1:]):
            if low.upper != high.lower:
                problems.append(
                    _("Rentang predikat %(a)s dan %(b)s tidak bersambung.") % {"a": low.code, "b": high.code}
                )
    return problems


@transaction.atomic
def publish_template(*, user, template: LkeTemplate) -> LkeTemplate:
    require_actor(user)
    _require(policies.can_manage_templates(user))
    if template.status != LkeTemplate.Status.DRAFT:
        raise ValidationError(_("Hanya templat draf yang dapat diberlakukan."))
    problems = template_problems(template)
    if problems:
        raise ValidationError(problems)
    template.publish()
    _save(template, _("Templat diberlakukan"))
    for other in LkeTemplate.objects.filter(regulation=template.regulation, status=LkeTemplate.Status.ACTIVE).exclude(
        pk=template.pk
    ):
        other.retire()
        _save(other, _("Digantikan oleh %(key)s") % {"key": template.key})
    return template


# --- Evaluations ---------------------------------------------------------------------------------
@transaction.atomic
def create_evaluation(*, user, opd, year: int, template: LkeTemplate | None = None, run_auto=True) -> Evaluation:
    require_actor(user)
    _require(policies.can_create(user, opd))
    template = template or default_template()
    if template.status != LkeTemplate.Status.ACTIVE:
        raise ValidationError({"template": _("Templat %(key)s belum/tidak berlaku.") % {"key": template.key}})
    if not (2000 <= int(year) <= 2100):
        raise ValidationError({"year": _("Tahun evaluasi tidak wajar.")})
    if Evaluation.objects.filter(opd=opd, year=year).exists():
        raise ValidationError({"year": _("Evaluasi %(opd)s tahun %(year)s sudah ada.") % {"opd": opd, "year": year}})
    evaluation = Evaluation(opd=opd, year=year, template=template)
    if policies.is_evaluator(user) and not policies.is_opd_side(user, opd.pk):
        evaluation.evaluator = user
    _save(evaluation, _("Evaluasi dibuat"))
    ensure_rows(evaluation)
    if run_auto:
        apply_auto_answers(evaluation)
    return evaluation


def ensure_rows(evaluation: Evaluation):
    """One criterion answer per criterion and one sub-component answer per sub-component."""
    have = set(evaluation.criterion_answers.values_list("criterion_id", flat=True))
    CriterionAnswer.objects.bulk_create(
        [
            CriterionAnswer(evaluation=evaluation, criterion=c)
            for c in evaluation.template.criteria.all()
            if c.pk not in have
        ]
    )
    have_sub = set(evaluation.sub_answers.values_list("subcomponent_id", flat=True))
    SubComponentAnswer.objects.bulk_create(
        [
            SubComponentAnswer(evaluation=evaluation, subcomponent=s)
            for s in evaluation.template.subcomponents.all()
            if s.pk not in have_sub
        ]
    )


def apply_auto_answers(evaluation: Evaluation) -> dict:
    """Run every automatic rule of the template's criteria and store the results."""
    ctx = autoanswer.RuleContext(opd=evaluation.opd, year=evaluation.year, evaluation=evaluation)
    results = {}
    now = timezone.now()
    answers = list(evaluation.criterion_answers.select_related("criterion").exclude(criterion__auto_rule=""))
    for ans in answers:
        code = ans.criterion.auto_rule
        rule = autoanswer.REGISTRY.get(code)
        result = rule.func(ctx) if rule else None
        results[ans.criterion.code] = result
        if result is None:
            new = {
                "auto_answer": "",
                "auto_reason": "",
                "auto_rule": rule.title if rule else "",
                "auto_evidence": [],
                "auto_at": None,
            }
        else:
            new = {
                "auto_answer": result.answer,
                "auto_reason": result.reason,
                "auto_rule": rule.title,
                "auto_evidence": [*result.evidence, *({"label": g, "url": "", "gap": True} for g in result.gaps)],
                "auto_at": now,
            }
        changed = any(getattr(ans, k) != v for k, v in new.items() if k != "auto_at")
        if changed:
            for k, v in new.items():
                setattr(ans, k, v)
            _save(ans, _("Jawaban otomatis dihitung ulang"))
    return results


@transaction.atomic
def refresh_auto_answers(*, user, evaluation: Evaluation) -> dict:
    require_actor(user)
    S = Evaluation.State
    allowed = (evaluation.state == S.DRAFT_MANDIRI and policies.is_opd_side(user, evaluation.opd_id)) or (
        evaluation.state in (S.DRAFT_MANDIRI, S.DIAJUKAN, S.REVIU) and policies.is_evaluator(user, evaluation)
    )
    _require(allowed)
    return apply_auto_answers(evaluation)


def _yt(value, field):
    value = (value or "").strip().upper()
    if value in ("YA", "Y"):
        return "Y"
    if value in ("TIDAK", "T"):
        return "T"
    if value == "":
        return ""
    raise ValidationError({field: _('Jawaban kriteria harus Y (ya) atau T (tidak), bukan "%(v)s".') % {"v": value}})


@transaction.atomic
def save_self_assessment(
    *, user, answer: CriterionAnswer, value: str, note: str = "", override_reason: str = ""
) -> CriterionAnswer:
    """The OPD's Y/T for one criterion. Differing from the automatic answer needs a reason."""
    require_actor(user)
    evaluation = answer.evaluation
    if policies.is_evaluator(user, evaluation) and not policies.is_opd_side(user, evaluation.opd_id):
        raise PermissionDenied(_("Inspektorat tidak dapat mengubah jawaban OPD."))
    _require(policies.is_opd_side(user, evaluation.opd_id))
    if evaluation.state != Evaluation.State.DRAFT_MANDIRI:
        raise ValidationError(_("Penilaian mandiri hanya dapat diubah sebelum diajukan ke Inspektorat."))
    value = _yt(value, "opd_answer")
    override_reason = (override_reason or "").strip()
    if answer.auto_answer and value and value != answer.auto_answer and not override_reason:
        raise ValidationError(
            {
                "override_reason": _(
                    "Jawaban Anda (%(v)s) berbeda dari jawaban otomatis (%(a)s) untuk kriteria %(code)s: "
                    "tuliskan alasannya."
                )
                % {"v": value, "a": answer.auto_answer, "code": answer.criterion.code}
            }
        )
    answer.opd_answer = value
    answer.opd_note = (note or "").strip()
    answer.override_reason = override_reason if (answer.auto_answer and value and value != answer.auto_answer) else ""
    return _save(answer, _("Penilaian mandiri OPD"))


def _check_upload(upload):
    if upload is None:
        return
    if upload.size > settings.SAKIP_MAX_UPLOAD_BYTES:
        raise ValidationError(
            {
                "file": _("Berkas terlalu besar (maksimum %(mb)s MB).")
                % {"mb": settings.SAKIP_MAX_UPLOAD_BYTES // (1024 * 1024)}
            }
        )


def _evidence_values(*, file=None, url="", label="", target=None):
    url = (url or "").strip()
    if file is None and not url and target is None:
        raise ValidationError(_("Lampirkan berkas, tautan, atau data sakip sebagai bukti."))
    if url and not safe_link(url):
        raise ValidationError({"url": _("Tautan harus diawali http://, https:// atau / (halaman sakip).")})
    _check_upload(file)
    values = {"url": url, "label": (label or "").strip()[:300]}
    if file is not None:
        values["file"] = file
    if target is not None:
        values["target_ct"] = ContentType.objects.get_for_model(target)
        values["target_id"] = target.pk
    return values


@transaction.atomic
def add_criterion_evidence(
    *, user, answer: CriterionAnswer, file=None, url="", label="", target=None
) -> CriterionEvidence:
    require_actor(user)
    evaluation = answer.evaluation
    _require(policies.can_self_assess(user, evaluation))
    evidence = CriterionEvidence(
        answer=answer, added_by=user, **_evidence_values(file=file, url=url, label=label, target=target)
    )
    return _save(evidence, _("Bukti dukung ditambahkan"))


@transaction.atomic
def remove_criterion_evidence(*, user, evidence: CriterionEvidence):
    require_actor(user)
    _require(policies.can_self_assess(user, evidence.answer.evaluation))
    evidence.delete()


def _transition(evaluation, name, reason, user):
    method = getattr(evaluation, name)
    method()
    return _save(evaluation, reason)


@transaction.atomic
def submit_evaluation(*, user, evaluation: Evaluation) -> Evaluation:
    require_actor(user)
    _require(policies.can_submit(user, evaluation))
    evaluation.submitted_at = timezone.now()
    return _transition(evaluation, "submit", _("Penilaian mandiri diajukan ke Inspektorat"), user)


@transaction.atomic
def return_to_opd(*, user, evaluation: Evaluation, note: str) -> Evaluation:
    require_actor(user)
    _require(policies.is_evaluator(user, evaluation) and evaluation.state == Evaluation.State.DIAJUKAN)
    if not (note or "").strip():
        raise ValidationError({"note": _("Tuliskan alasan pengembalian kepada OPD.")})
    evaluation.summary = (evaluation.summary + "\n" if evaluation.summary else "") + _("Dikembalikan: %(n)s") % {
        "n": note.strip()
    }
    return _transition(evaluation, "return_to_opd", _("Dikembalikan ke OPD"), user)


@transaction.atomic
def start_review(*, user, evaluation: Evaluation) -> Evaluation:
    require_actor(user)
    _require(policies.can_start_review(user, evaluation))
    evaluation.evaluator = evaluation.evaluator or user
    # The evaluator starts from the OPD's answers (or the automatic ones).
    for ans in evaluation.criterion_answers.filter(evaluator_answer=""):
        initial = ans.effective_opd_answer
        if initial:
            ans.evaluator_answer = initial
            _save(ans, _("Jawaban awal evaluator dari penilaian mandiri"))
    return _transition(evaluation, "start_review", _("Reviu evaluator dimulai"), user)


@transaction.atomic
def save_evaluator_criterion(*, user, answer: CriterionAnswer, value: str, note: str = "") -> CriterionAnswer:
    require_actor(user)
    _require(policies.can_evaluate(user, answer.evaluation))
    answer.evaluator_answer = _yt(value, "evaluator_answer")
    answer.evaluator_note = (note or "").strip()
    return _save(answer, _("Jawaban evaluator per kriteria"))


def _answer_code(evaluation, value):
    value = (value or "").strip().upper()
    if value == "":
        return ""
    codes = list(evaluation.template.answer_options.values_list("code", flat=True))
    if value not in codes:
        raise ValidationError(
            {"answer": _('Jawaban "%(v)s" di luar skala (%(codes)s).') % {"v": value, "codes": ", ".join(codes)}}
        )
    return value


@transaction.atomic
def save_sub_answer(
    *,
    user,
    sub_answer: SubComponentAnswer,
    answer: str,
    note: str = "",
    years_kept=None,
    commendable=False,
    national_model=False,
    evaluator_response: str | None = None,
) -> SubComponentAnswer:
    require_actor(user)
    evaluation = sub_answer.evaluation
    _require(policies.can_evaluate(user, evaluation))
    sub_answer.answer = _answer_code(evaluation, answer)
    sub_answer.evaluator_note = (note or "").strip()
    if years_kept in ("", None):
        sub_answer.years_kept = None
    else:
        try:
            sub_answer.years_kept = int(years_kept)
        except (TypeError, ValueError):
            raise ValidationError({"years_kept": _("Lama terpelihara harus bilangan tahun.")})
        if sub_answer.years_kept < 0 or sub_answer.years_kept > 100:
            raise ValidationError({"years_kept": _("Lama terpelihara tidak wajar.")})
    sub_answer.commendable = bool(commendable)
    sub_answer.national_model = bool(national_model)
    if evaluator_response is not None:
        sub_answer.evaluator_response = evaluator_response.strip()
    return _save(sub_answer, _("Jawaban evaluator per sub-komponen"))


@transaction.atomic
def set_sub_answers(*, user, evaluation: Evaluation, answers: dict) -> Evaluation:
    """Several sub-component answers at once ({"1.a": "A", …}); unknown codes or answers → nothing saved."""
    require_actor(user)
    _require(policies.can_evaluate(user, evaluation))
    rows = {s.subcomponent.code: s for s in evaluation.sub_answers.select_related("subcomponent")}
    errors = []
    for code, value in answers.items():
        if code not in rows:
            errors.append(
                _('Sub-komponen "%(code)s" tidak ada pada templat %(key)s.')
                % {"code": code, "key": evaluation.template.key}
            )
            continue
        try:
            _answer_code(evaluation, value)
        except ValidationError as exc:
            errors.append(f"{code}: {exc.messages[0]}")
    if errors:
        raise ValidationError(errors)
    for code, value in answers.items():
        row = rows[code]
        row.answer = _answer_code(evaluation, value)
        _save(row, _("Jawaban evaluator per sub-komponen"))
    return evaluation


@transaction.atomic
def send_draft(*, user, evaluation: Evaluation) -> Evaluation:
    require_actor(user)
    _require(policies.is_evaluator(user, evaluation) and evaluation.state == Evaluation.State.REVIU)
    missing = list(
        evaluation.sub_answers.filter(answer="")
        .values_list("subcomponent__code", flat=True)
        .order_by("subcomponent__code")
    )
    if missing:
        raise ValidationError(_("Sub-komponen belum dijawab evaluator: %(codes)s.") % {"codes": ", ".join(missing)})
    evaluation.sent_at = timezone.now()
    return _transition(evaluation, "send_draft", _("Draf nilai dikirim ke OPD"), user)


@transaction.atomic
def save_opd_response(*, user, sub_answer: SubComponentAnswer, text: str) -> SubComponentAnswer:
    require_actor(user)
    evaluation = sub_answer.evaluation
    _require(policies.can_respond(user, evaluation))
    sub_answer.opd_response = (text or "").strip()
    return _save(sub_answer, _("Tanggapan OPD"))


@transaction.atomic
def respond(*, user, evaluation: Evaluation) -> Evaluation:
    require_actor(user)
    _require(policies.can_respond(user, evaluation) and evaluation.state == Evaluation.State.DRAFT_DIKIRIM)
    return _transition(evaluation, "respond", _("Tanggapan OPD disampaikan"), user)


@transaction.atomic
def finalize(*, user, evaluation: Evaluation) -> Evaluation:
    require_actor(user)
    _require(policies.can_finalize(user, evaluation))
    score = score_of(evaluation)
    evaluation.total_score, evaluation.predikat = score.total, score.predikat
    evaluation.finalized_at = timezone.now()
    due = timezone.localdate() + timedelta(days=settings_for(evaluation.opd.pemda).followup_days)
    for rec in Recommendation.objects.filter(finding__evaluation=evaluation, due_date__isnull=True):
        rec.due_date = due
        _save(rec, _("Batas waktu bawaan tindak lanjut"))
    return _transition(evaluation, "finalize", _("Evaluasi final"), user)


# --- Findings and recommendations --------------------------------------------------------------
def _finding_editable(user, evaluation):
    _require(policies.can_evaluate(user, evaluation))


@transaction.atomic
def save_finding(
    *,
    user,
    evaluation: Evaluation,
    finding: Finding | None = None,
    letter: str,
    title: str,
    kondisi: str,
    sebab: str,
    akibat: str,
    norm: str = "",
    priority: str = Finding.Priority.SEDANG,
    subcomponents=(),
    lke_criteria=(),
) -> Finding:
    require_actor(user)
    _finding_editable(user, evaluation)
    errors = {}
    for name, value in (
        ("letter", letter),
        ("title", title),
        ("kondisi", kondisi),
        ("sebab", sebab),
        ("akibat", akibat),
    ):
        if not (value or "").strip():
            errors[name] = _("Wajib diisi.")
    if priority not in Finding.Priority.values:
        errors["priority"] = _("Prioritas tidak dikenal.")
    subs = list(subcomponents)
    crits = list(lke_criteria)
    if any(s.template_id != evaluation.template_id for s in subs) or any(
        c.template_id != evaluation.template_id for c in crits
    ):
        errors["subcomponents"] = _("Sub-komponen/kriteria harus dari templat LKE evaluasi ini.")
    if not subs and not crits:
        errors["subcomponents"] = _("Kaitkan temuan dengan sedikitnya satu sub-komponen atau kriteria LKE.")
    letter = (letter or "").strip().lower()
    if (
        letter
        and Finding.objects.filter(evaluation=evaluation, letter=letter)
        .exclude(pk=finding.pk if finding else None)
        .exists()
    ):
        errors["letter"] = _('Huruf temuan "%(l)s" sudah dipakai.') % {"l": letter}
    if errors:
        raise ValidationError(errors)
    finding = finding or Finding(evaluation=evaluation)
    finding.letter, finding.title, finding.kondisi = letter, title.strip(), kondisi.strip()
    finding.sebab, finding.akibat, finding.norm, finding.priority = (
        sebab.strip(),
        akibat.strip(),
        (norm or "").strip(),
        priority,
    )
    _save(finding, _("Temuan disimpan"))
    finding.subcomponents.set(subs)
    finding.lke_criteria.set(crits)
    return finding


@transaction.atomic
def delete_finding(*, user, finding: Finding):
    require_actor(user)
    _finding_editable(user, finding.evaluation)
    finding.delete()


@transaction.atomic
def save_recommendation(
    *,
    user,
    finding: Finding,
    recommendation: Recommendation | None = None,
    text: str,
    subject: str,
    due_date: date | None = None,
    pic=None,
) -> Recommendation:
    require_actor(user)
    evaluation = finding.evaluation
    _finding_editable(user, evaluation)
    errors = {}
    if not (text or "").strip():
        errors["text"] = _("Wajib diisi.")
    if not (subject or "").strip():
        errors["subject"] = _("Wajib diisi.")
    if pic is not None and pic.opd_id != evaluation.opd_id:
        errors["pic"] = _("Penanggung jawab harus jabatan di %(opd)s.") % {"opd": evaluation.opd}
    if errors:
        raise ValidationError(errors)
    if recommendation is None:
        last = finding.recommendations.order_by("-number").values_list("number", flat=True).first() or 0
        recommendation = Recommendation(finding=finding, number=last + 1)
    recommendation.text, recommendation.subject = text.strip(), subject.strip()
    recommendation.due_date, recommendation.pic = due_date, pic
    return _save(recommendation, _("Rekomendasi disimpan"))


@transaction.atomic
def delete_recommendation(*, user, recommendation: Recommendation):
    require_actor(user)
    _finding_editable(user, recommendation.finding.evaluation)
    recommendation.delete()


# --- Follow-up ---------------------------------------------------------------------------------
@transaction.atomic
def plan_followup(
    *, user, recommendation: Recommendation, action_plan: str, pic=None, due_date: date | None = None
) -> Recommendation:
    require_actor(user)
    _require(policies.can_follow_up(user, recommendation))
    errors = {}
    if not (action_plan or "").strip():
        errors["action_plan"] = _("Tuliskan rencana aksi tindak lanjut.")
    if pic is None and recommendation.pic_id is None:
        errors["pic"] = _("Tentukan penanggung jawab.")
    if pic is not None and pic.opd_id != recommendation.finding.evaluation.opd_id:
        errors["pic"] = _("Penanggung jawab harus jabatan di OPD yang dievaluasi.")
    if errors:
        raise ValidationError(errors)
    recommendation.action_plan = action_plan.strip()
    if pic is not None:
        recommendation.pic = pic
    if due_date is not None:
        recommendation.due_date = due_date
    if recommendation.state in (Recommendation.State.BELUM, Recommendation.State.RENCANA):
        recommendation.plan()
    return _save(recommendation, _("Rencana aksi tindak lanjut disusun"))


@transaction.atomic
def start_followup(*, user, recommendation: Recommendation, note: str = "") -> Recommendation:
    require_actor(user)
    _require(policies.can_follow_up(user, recommendation))
    if recommendation.state not in (
        Recommendation.State.RENCANA,
        Recommendation.State.SEBAGIAN,
        Recommendation.State.BELUM,
    ):
        raise ValidationError(_("Tindak lanjut sudah berjalan."))
    if note.strip():
        recommendation.progress_note = note.strip()
    recommendation.start()
    return _save(recommendation, _("Tindak lanjut dalam proses"))


@transaction.atomic
def add_followup_evidence(
    *, user, recommendation: Recommendation, file=None, url="", label="", target=None, description=""
) -> FollowUpEvidence:
    require_actor(user)
    _require(policies.can_follow_up(user, recommendation))
    if recommendation.state == Recommendation.State.VERIFIKASI:
        raise ValidationError(_("Rekomendasi sedang diverifikasi Inspektorat; bukti tidak dapat ditambah."))
    evidence = FollowUpEvidence(
        recommendation=recommendation,
        added_by=user,
        description=(description or "").strip(),
        **_evidence_values(file=file, url=url, label=label, target=target),
    )
    return _save(evidence, _("Bukti tindak lanjut ditambahkan"))


@transaction.atomic
def remove_followup_evidence(*, user, evidence: FollowUpEvidence):
    require_actor(user)
    _require(policies.can_follow_up(user, evidence.recommendation))
    if evidence.recommendation.state == Recommendation.State.VERIFIKASI:
        raise ValidationError(_("Rekomendasi sedang diverifikasi Inspektorat; bukti tidak dapat dihapus."))
    evidence.delete()


@transaction.atomic
def submit_followup(*, user, recommendation: Recommendation, note: str = "") -> Recommendation:
    """The OPD reports the follow-up done and asks the Inspektorat to verify it (needs evidence)."""
    require_actor(user)
    _require(policies.can_follow_up(user, recommendation))
    if not recommendation.evidence.exists():
        raise ValidationError(_("Lampirkan sedikitnya satu bukti tindak lanjut sebelum meminta verifikasi."))
    if recommendation.state == Recommendation.State.VERIFIKASI:
        raise ValidationError(_("Rekomendasi sudah menunggu verifikasi."))
    if note.strip():
        recommendation.progress_note = note.strip()
    recommendation.submit_for_verification()
    return _save(recommendation, _("Tindak lanjut diajukan untuk verifikasi"))


VERIFY_OUTCOMES = ("selesai", "sebagian", "kembali")


@transaction.atomic
def verify_followup(*, user, recommendation: Recommendation, outcome: str, note: str) -> Recommendation:
    """The Inspektorat's verdict: selesai (closed), sebagian (partly done, stays open, with why) or
    kembali (returned for rework)."""
    require_actor(user)
    _require(policies.can_verify(user, recommendation))
    if outcome not in VERIFY_OUTCOMES:
        raise ValidationError({"outcome": _("Hasil verifikasi tidak dikenal.")})
    if recommendation.state != Recommendation.State.VERIFIKASI:
        raise ValidationError(_("Hanya tindak lanjut yang menunggu verifikasi yang dapat diverifikasi."))
    note = (note or "").strip()
    if outcome == "selesai" and not recommendation.evidence.exists():
        raise ValidationError(_("Rekomendasi tidak dapat ditutup tanpa bukti tindak lanjut."))
    if outcome != "selesai" and not note:
        raise ValidationError({"note": _("Jelaskan mengapa tindak lanjut belum tuntas.")})
    recommendation.verification_note = note
    recommendation.verified_by = user
    recommendation.verified_at = timezone.now()
    {
        "selesai": recommendation.verify_done,
        "sebagian": recommendation.verify_partial,
        "kembali": recommendation.return_for_rework,
    }[outcome]()
    return _save(recommendation, _("Verifikasi Inspektorat: %(o)s") % {"o": outcome})


@transaction.atomic
def mark_not_possible(*, user, recommendation: Recommendation, reason: str) -> Recommendation:
    require_actor(user)
    _require(policies.can_verify(user, recommendation))
    if not recommendation.is_open:
        raise ValidationError(_("Rekomendasi sudah ditutup."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Alasan tidak dapat ditindaklanjuti wajib diisi.")})
    recommendation.not_possible_reason = reason.strip()
    recommendation.verified_by = user
    recommendation.verified_at = timezone.now()
    recommendation.mark_not_possible()
    return _save(recommendation, _("Dinyatakan tidak dapat ditindaklanjuti"))


def due_recommendations(*, on: date | None = None, pemda=None):
    """Open recommendations of final evaluations that are overdue or due within the reminder window."""
    on = on or timezone.localdate()
    qs = Recommendation.objects.filter(
        state__in=Recommendation.OPEN_STATES,
        due_date__isnull=False,
        finding__evaluation__state__in=Evaluation.CLOSED_STATES,
    )
    if pemda is not None:
        qs = qs.filter(finding__evaluation__opd__pemda=pemda)
    out = []
    for rec in qs.select_related("finding__evaluation__opd__pemda", "pic", "pic__unit").order_by("due_date"):
        window = settings_for(rec.finding.evaluation.opd.pemda).reminder_days
        if rec.due_date <= on + timedelta(days=window):
            out.append(rec)
    return out


def send_reminders(*, on: date | None = None, dry_run=False) -> list[tuple[Recommendation, list[str]]]:
    """E-mail the OPD's managers and the person in charge about due items (once a day at most)."""
    on = on or timezone.localdate()
    sent = []
    for rec in due_recommendations(on=on):
        if rec.last_reminded == on:
            continue
        opd = rec.finding.evaluation.opd
        recipients = set(
            User.objects.filter(opd=opd, is_active=True, groups__name__in=R.OPD_MANAGERS)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if rec.pic_id:
            holder = rec.pic.holder_on(on)
            if holder and holder.employee.email:
                recipients.add(holder.employee.email)
        overdue = rec.due_date < on
        subject = (
            _("Tindak lanjut LHE %(year)s lewat batas waktu: %(s)s")
            if overdue
            else _("Tindak lanjut LHE %(year)s jatuh tempo %(d)s: %(s)s")
        ) % {"year": rec.finding.evaluation.year, "s": rec.subject, "d": formats.tanggal(rec.due_date)}
        body = _("Rekomendasi %(code)s: %(text)s\nStatus: %(state)s\nBatas waktu: %(due)s") % {
            "code": f"{rec.finding.letter}.{rec.number}",
            "text": rec.text,
            "state": rec.get_state_display(),
            "due": formats.tanggal(rec.due_date),
        }
        if not dry_run:
            # one message to all of them, sent at once: the command records the reminder right after
            notifications.email(recipients, subject=subject, body=body, url=rec.get_absolute_url(), at_commit=False)
            Recommendation.objects.filter(pk=rec.pk).update(last_reminded=on)
        sent.append((rec, sorted(recipients)))
    return sent


# --- Surat Pernyataan --------------------------------------------------------------------------
@transaction.atomic
def save_statement(
    *, user, evaluation: Evaluation, statement: SuratPernyataan | None = None, recommendations, statements: str
) -> SuratPernyataan:
    require_actor(user)
    _require(policies.can_write_statement(user, evaluation))
    if statement is not None and statement.state != SuratPernyataan.State.DRAFT:
        raise ValidationError(_("Surat Pernyataan yang sudah ditandatangani tidak dapat diubah."))
    recs = list(recommendations)
    errors = {}
    if not recs:
        errors["recommendations"] = _("Pilih sedikitnya satu rekomendasi yang ditanggapi.")
    elif any(r.finding.evaluation_id != evaluation.pk for r in recs):
        errors["recommendations"] = _("Rekomendasi harus dari evaluasi ini.")
    elif any(not r.is_open for r in recs):
        errors["recommendations"] = _("Rekomendasi yang sudah ditutup tidak dapat ditanggapi lagi.")
    if not [line for line in (statements or "").splitlines() if line.strip()]:
        errors["statements"] = _("Tuliskan sedikitnya satu butir pernyataan.")
    if errors:
        raise ValidationError(errors)
    statement = statement or SuratPernyataan(evaluation=evaluation, created_by=user)
    statement.statements = statements.strip()
    _save(statement, _("Surat Pernyataan disimpan"))
    statement.recommendations.set(recs)
    return statement


@transaction.atomic
def add_statement_attachment(
    *, user, statement: SuratPernyataan, file=None, url="", label="", target=None
) -> StatementAttachment:
    require_actor(user)
    _require(policies.can_write_statement(user, statement.evaluation))
    if statement.state != SuratPernyataan.State.DRAFT:
        raise ValidationError(_("Surat Pernyataan yang sudah ditandatangani tidak dapat diubah."))
    attachment = StatementAttachment(
        statement=statement, added_by=user, **_evidence_values(file=file, url=url, label=label, target=target)
    )
    return _save(attachment, _("Lampiran ditambahkan"))


@transaction.atomic
def sign_statement(
    *, user, statement: SuratPernyataan, number: str = "", on: date | None = None, fingerprint: str | None = None
) -> SuratPernyataan:
    """The head signs: the statement is numbered, rendered, signed (PAdES) and archived through the documents
    pipeline; its recommendations get the statement and its lampiran as evidence and go to the Inspektorat for
    verification. Refused (nothing numbered) for anybody but the head on that date, or when the statement changed
    since `fingerprint` was read."""
    require_actor(user)
    _require(policies.can_attempt_statement_signing(user, statement))
    if statement.state != SuratPernyataan.State.DRAFT:
        raise ValidationError(_("Surat Pernyataan sudah ditandatangani."))
    on = on or timezone.localdate()
    open_recs = [r for r in statement.recommendations.select_related("finding") if r.is_open]
    if not open_recs:
        raise ValidationError(_("Semua rekomendasi yang dipilih sudah ditutup."))
    docs.issue_statement(user=user, statement=statement, number=(number or "").strip(), on=on, fingerprint=fingerprint)
    statement.sign()
    _save(statement, _("Surat Pernyataan ditandatangani"))
    for rec in open_recs:
        link_statement_to_recommendation(statement=statement, recommendation=rec, user=user)
        if rec.state != Recommendation.State.VERIFIKASI:
            rec.submit_for_verification()
            _save(rec, _("Ditanggapi dengan %(s)s") % {"s": statement})
    return statement


def link_statement_to_recommendation(*, user, statement: SuratPernyataan, recommendation: Recommendation):
    """The statement and each of its lampiran become follow-up evidence of the recommendation."""
    require_actor(user)
    ct = ContentType.objects.get_for_model(SuratPernyataan)
    FollowUpEvidence.objects.get_or_create(
        recommendation=recommendation,
        target_ct=ct,
        target_id=statement.pk,
        defaults={"label": str(statement), "added_by": user, "description": _("Surat Pernyataan Kepala OPD")},
    )
    for att in statement.attachments.all():
        FollowUpEvidence.objects.get_or_create(
            recommendation=recommendation,
            target_ct=att.target_ct,
            target_id=att.target_id,
            url=att.url,
            label=att.display_label,
            defaults={
                "file": att.file.name if att.file else "",
                "added_by": user,
                "description": _("Lampiran %(s)s") % {"s": statement},
            },
        )


# --- LHE -----------------------------------------------------------------------------------------
@transaction.atomic
def issue_lhe(
    *, user, evaluation: Evaluation, number: str = "", on: date | None = None, fingerprint: str | None = None
) -> Evaluation:
    """The Inspektur issues the final evaluation's LHE: numbered in the Inspektorat's register, signed by him,
    archived (docs/documents.md). Refused (nothing numbered) for anybody else or when the evaluation changed since
    `fingerprint` was read."""
    require_actor(user)
    _require(policies.can_prepare_lhe(user, evaluation))
    on = on or timezone.localdate()
    docs.issue_lhe(user=user, evaluation=evaluation, number=(number or "").strip(), on=on, fingerprint=fingerprint)
    return _transition(evaluation, "issue_lhe", _("LHE diterbitkan"), user)
