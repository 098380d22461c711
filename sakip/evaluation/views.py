"""Evaluation pages. Thin: reads through selectors, writes through services, permissions through
policies (another OPD's evaluation is a 404; a forbidden action a 403; bad input a 400 with the
message, nothing half-saved)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.core import permissions as P
from sakip.core.excel import workbook_response
from sakip.core.imports import import_view
from sakip.core.ratelimit import upload_limited
from sakip.core.service_calls import FAILED, call_service
from sakip.organization.models import Pemda
from sakip.organization.selectors import opds_for

from . import documents as docs
from . import excel, forms, policies, selectors, services
from .models import (
    CriterionAnswer,
    CriterionEvidence,
    Evaluation,
    Finding,
    FollowUpEvidence,
    LkeTemplate,
    Recommendation,
    StatementAttachment,
    SubComponentAnswer,
    SuratPernyataan,
)


def _evaluation(request, pk) -> Evaluation:
    evaluation = get_object_or_404(
        Evaluation.objects.select_related("opd", "opd__pemda", "template", "evaluator"), pk=pk
    )
    if not policies.can_view(request.user, evaluation):
        raise Http404
    return evaluation


def _bad_request(request, exc, back):
    return render(request, "evaluation/bad_request.html", {"errors": exc.messages, "back": back}, status=400)


def _context(request, evaluation, **extra):
    user = request.user
    return {
        "evaluation": evaluation,
        "show_evaluator": policies.can_see_evaluator_side(user, evaluation),
        "is_evaluator": policies.is_evaluator(user, evaluation),
        "is_opd_side": policies.is_opd_side(user, evaluation.opd_id),
        "can": {
            "self_assess": policies.can_self_assess(user, evaluation),
            "submit": policies.can_submit(user, evaluation),
            "start_review": policies.can_start_review(user, evaluation),
            "evaluate": policies.can_evaluate(user, evaluation),
            "respond": policies.can_respond(user, evaluation),
            "finalize": policies.can_finalize(user, evaluation),
            "issue_lhe": policies.can_issue_lhe(user, evaluation),
            "prepare_lhe": policies.can_prepare_lhe(user, evaluation),
            "statement": policies.can_write_statement(user, evaluation),
            "return": policies.is_evaluator(user, evaluation) and evaluation.state == Evaluation.State.DIAJUKAN,
            "send": policies.is_evaluator(user, evaluation) and evaluation.state == Evaluation.State.REVIU,
        },
        **extra,
    }


# --- Index and creation --------------------------------------------------------------------------
@login_required
def index(request):
    qs = selectors.evaluations_for(request.user)
    year = request.GET.get("tahun")
    if year and year.isdigit():
        qs = qs.filter(year=int(year))
    evaluations = list(qs.order_by("-year", "opd__name"))
    years = sorted(set(selectors.evaluations_for(request.user).values_list("year", flat=True)), reverse=True)
    scores = {}
    for e in evaluations:
        if e.total_score is not None and policies.can_see_evaluator_side(request.user, e):
            scores[e.pk] = (e.total_score, e.predikat)
    return render(
        request,
        "evaluation/index.html",
        {
            "evaluations": evaluations,
            "scores": scores,
            "years": years,
            "year": year,
            "can_create": policies.is_evaluator(request.user)
            or (request.user.opd_id and policies.is_opd_side(request.user, request.user.opd_id)),
            "can_recap": policies.can_view_recap(request.user),
            "can_templates": policies.can_manage_templates(request.user),
            "is_evaluator": policies.is_evaluator(request.user),
            "open_count": selectors.open_recommendation_count(request.user),
        },
    )


@login_required
def create(request):
    form = forms.EvaluationCreateForm(request.POST or None, user=request.user)
    if not form.fields["opd"].queryset.exists() or not (
        policies.is_evaluator(request.user) or policies.is_opd_side(request.user, request.user.opd_id)
    ):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        if form.is_valid():
            evaluation = call_service(
                form,
                services.create_evaluation,
                user=request.user,
                opd=form.cleaned_data["opd"],
                year=form.cleaned_data["year"],
                template=form.cleaned_data["template"],
            )
            if evaluation is not FAILED:
                messages.success(request, _("Evaluasi dibuat. Jawaban otomatis sudah dihitung dari data sakip."))
                return redirect("evaluation:lke", pk=evaluation.pk)
        status = 400
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Evaluasi baru"), "cancel_url": reverse("evaluation:index")},
        status=status,
    )


# --- One evaluation --------------------------------------------------------------------------------
@login_required
def detail(request, pk):
    evaluation = _evaluation(request, pk)
    sheet = selectors.worksheet(evaluation, request.user, with_criteria=False)
    counts = evaluation.criterion_answers.values_list("opd_answer", "auto_answer")
    answered = sum(1 for o, a in counts if o or a)
    findings = list(selectors.findings_for(evaluation, request.user))
    statements = list(selectors.statements_for(request.user, evaluation)) if evaluation.is_closed else []
    return render(
        request,
        "evaluation/detail.html",
        _context(
            request,
            evaluation,
            sheet=sheet,
            answered=answered,
            total_criteria=len(counts),
            findings=findings,
            statements=statements,
            lhe_document=docs.archived_document(evaluation.lhe_document_id),
        ),
    )


@login_required
@require_POST
def transition(request, pk, name):
    evaluation = _evaluation(request, pk)
    actions = {
        "ajukan": (services.submit_evaluation, _("Penilaian mandiri diajukan ke Inspektorat.")),
        "mulai-reviu": (services.start_review, _("Reviu evaluator dimulai.")),
        "kirim-draf": (services.send_draft, _("Draf nilai dikirim ke OPD.")),
        "tanggapi": (services.respond, _("Tanggapan OPD disampaikan.")),
        "final": (services.finalize, _("Evaluasi final.")),
    }
    if name == "kembalikan":
        try:
            services.return_to_opd(user=request.user, evaluation=evaluation, note=request.POST.get("note", ""))
        except ValidationError as exc:
            return _bad_request(request, exc, reverse("evaluation:detail", args=[pk]))
        messages.success(request, _("Penilaian mandiri dikembalikan ke OPD."))
        return redirect("evaluation:detail", pk=pk)
    if name not in actions:
        raise Http404
    func, message = actions[name]
    try:
        func(user=request.user, evaluation=evaluation)
    except ValidationError as exc:
        return _bad_request(request, exc, reverse("evaluation:detail", args=[pk]))
    messages.success(request, message)
    return redirect("evaluation:detail", pk=pk)


@login_required
def lke(request, pk):
    evaluation = _evaluation(request, pk)
    return _render_lke(request, evaluation)


def _render_lke(request, evaluation, *, errors=None, status=200, component=None):
    sheet = selectors.worksheet(evaluation, request.user)
    codes = [c.component.code for c in sheet["components"]]
    component = component or request.GET.get("komponen") or (codes[0] if codes else "1")
    if component not in codes:
        component = codes[0]
    current = next(c for c in sheet["components"] if c.component.code == component)
    errors = errors or {}
    for srow in current.subs:
        srow.sub_errors = errors.get(f"sub-{srow.answer.pk}", [])
        if request.method == "POST" and errors:  # show what the user typed, not the rolled-back values
            post = request.POST
            for ans in srow.criteria:
                for key, attr in (
                    (f"a-{ans.pk}", "opd_answer"),
                    (f"n-{ans.pk}", "opd_note"),
                    (f"r-{ans.pk}", "override_reason"),
                    (f"e-{ans.pk}", "evaluator_answer"),
                    (f"en-{ans.pk}", "evaluator_note"),
                ):
                    if key in post:
                        setattr(ans, attr, post[key])
            if str(srow.answer.pk) == str(request.resolver_match.kwargs.get("sub_pk")):
                for key in ("answer", "note", "opd_response", "evaluator_response"):
                    if key in post:
                        setattr(srow.answer, {"note": "evaluator_note"}.get(key, key), post[key])
    return render(
        request,
        "evaluation/lke.html",
        _context(
            request,
            evaluation,
            sheet=sheet,
            current=current,
            component=component,
            errors=errors,
            record_groups=forms.linkable_records(evaluation.opd)
            if policies.can_self_assess(request.user, evaluation)
            else [],
        ),
        status=status,
    )


@login_required
@require_POST
def lke_save(request, pk, sub_pk):
    """Save one sub-component: the OPD's answers (self-assessment), the evaluator's answers, or the responses."""
    evaluation = _evaluation(request, pk)
    sub_answer = get_object_or_404(
        SubComponentAnswer.objects.select_related("subcomponent", "subcomponent__component"),
        pk=sub_pk,
        evaluation=evaluation,
    )
    mode = request.POST.get("mode")
    component = sub_answer.subcomponent.component.code
    answers = list(
        evaluation.criterion_answers.filter(criterion__subcomponent=sub_answer.subcomponent).select_related("criterion")
    )
    errors = {}
    try:
        with transaction.atomic():
            if mode == "opd":
                for ans in answers:
                    try:
                        services.save_self_assessment(
                            user=request.user,
                            answer=ans,
                            value=request.POST.get(f"a-{ans.pk}", ""),
                            note=request.POST.get(f"n-{ans.pk}", ""),
                            override_reason=request.POST.get(f"r-{ans.pk}", ""),
                        )
                    except ValidationError as exc:
                        errors[ans.pk] = exc.messages
            elif mode == "evaluator":
                for ans in answers:
                    try:
                        services.save_evaluator_criterion(
                            user=request.user,
                            answer=ans,
                            value=request.POST.get(f"e-{ans.pk}", ""),
                            note=request.POST.get(f"en-{ans.pk}", ""),
                        )
                    except ValidationError as exc:
                        errors[ans.pk] = exc.messages
                try:
                    services.save_sub_answer(
                        user=request.user,
                        sub_answer=sub_answer,
                        answer=request.POST.get("answer", ""),
                        note=request.POST.get("note", ""),
                        years_kept=request.POST.get("years_kept"),
                        commendable=bool(request.POST.get("commendable")),
                        national_model=bool(request.POST.get("national_model")),
                        evaluator_response=request.POST.get("evaluator_response"),
                    )
                except ValidationError as exc:
                    errors[f"sub-{sub_answer.pk}"] = exc.messages
            elif mode == "response":
                services.save_opd_response(
                    user=request.user, sub_answer=sub_answer, text=request.POST.get("opd_response", "")
                )
            else:
                raise Http404
            if errors:
                raise ValidationError(_("Periksa isian yang ditandai."))
    except ValidationError as exc:
        if not errors:
            errors[f"sub-{sub_answer.pk}"] = exc.messages
        evaluation.refresh_from_db()
        return _render_lke(request, evaluation, errors=errors, status=400, component=component)
    messages.success(request, _("Sub-komponen %(code)s tersimpan.") % {"code": sub_answer.subcomponent.code})
    return redirect(reverse("evaluation:lke", args=[pk]) + f"?komponen={component}#sub-{sub_answer.subcomponent.code}")


@login_required
@require_POST
def refresh_auto(request, pk):
    evaluation = _evaluation(request, pk)
    results = services.refresh_auto_answers(user=request.user, evaluation=evaluation)
    judged = sum(1 for r in results.values() if r is not None)
    messages.success(
        request, _("Jawaban otomatis dihitung ulang: %(n)s kriteria dapat dinilai dari data sakip.") % {"n": judged}
    )
    return redirect(reverse("evaluation:lke", args=[pk]) + f"?komponen={request.POST.get('komponen', '1')}")


@login_required
@require_POST
@upload_limited
def criterion_evidence_add(request, pk):
    answer = get_object_or_404(
        CriterionAnswer.objects.select_related("evaluation", "evaluation__opd", "criterion__subcomponent__component"),
        pk=pk,
    )
    evaluation = answer.evaluation
    if not policies.can_view(request.user, evaluation):
        raise Http404
    form = forms.EvidenceForm(request.POST, request.FILES, opd=evaluation.opd)
    back = (
        reverse("evaluation:lke", args=[evaluation.pk])
        + f"?komponen={answer.criterion.subcomponent.component.code}#k-{answer.criterion.code}"
    )
    if not form.is_valid():
        return _bad_request(request, ValidationError([e for errs in form.errors.values() for e in errs]), back)
    try:
        services.add_criterion_evidence(
            user=request.user,
            answer=answer,
            file=form.cleaned_data.get("file"),
            url=form.cleaned_data.get("url", ""),
            label=form.cleaned_data.get("label", ""),
            target=form.cleaned_data.get("record"),
        )
    except ValidationError as exc:
        return _bad_request(request, exc, back)
    messages.success(request, _("Bukti dukung %(code)s ditambahkan.") % {"code": answer.criterion.code})
    return redirect(back)


@login_required
@require_POST
def criterion_evidence_delete(request, pk):
    evidence = get_object_or_404(
        CriterionEvidence.objects.select_related("answer__evaluation", "answer__criterion__subcomponent__component"),
        pk=pk,
    )
    evaluation = evidence.answer.evaluation
    if not policies.can_view(request.user, evaluation):
        raise Http404
    back = (
        reverse("evaluation:lke", args=[evaluation.pk])
        + f"?komponen={evidence.answer.criterion.subcomponent.component.code}"
    )
    services.remove_criterion_evidence(user=request.user, evidence=evidence)
    return redirect(back)


# --- Worksheet in Excel ----------------------------------------------------------------------------
@login_required
def worksheet_export(request, pk):
    evaluation = _evaluation(request, pk)
    data = excel.worksheet_bytes(evaluation, request.user)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = (
        f'attachment; filename="lke-{slugify(evaluation.opd.akronim)}-{evaluation.year}.xlsx"'
    )
    return response


@login_required
def worksheet_import(request, pk):
    evaluation = _evaluation(request, pk)
    mode = excel.import_mode(request.user, evaluation)
    if mode is None:
        raise PermissionDenied
    importer = excel.WorksheetImporter(request.user, evaluation, mode)
    return import_view(request, importer, back_url=reverse("evaluation:lke", args=[pk]))


# --- Findings and recommendations --------------------------------------------------------------
@login_required
def findings(request, pk):
    evaluation = _evaluation(request, pk)
    items = list(selectors.findings_for(evaluation, request.user))
    return render(request, "evaluation/findings.html", _context(request, evaluation, findings=items))


def _finding_form_view(request, evaluation, finding=None):
    if not policies.can_evaluate(request.user, evaluation):
        raise PermissionDenied
    initial = {}
    if finding is not None:
        initial = {
            "letter": finding.letter,
            "priority": finding.priority,
            "title": finding.title,
            "kondisi": finding.kondisi,
            "norm": finding.norm,
            "sebab": finding.sebab,
            "akibat": finding.akibat,
            "subcomponents": list(finding.subcomponents.all()),
            "lke_criteria": list(finding.lke_criteria.all()),
        }
    else:
        used = set(evaluation.findings.values_list("letter", flat=True))
        initial = {
            "letter": next((ch for ch in "abcdefghijklmnopqrstuvwxyz" if ch not in used), ""),
            "priority": Finding.Priority.SEDANG,
        }
    form = forms.FindingForm(request.POST or None, initial=initial, evaluation=evaluation)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            saved = call_service(
                form,
                services.save_finding,
                user=request.user,
                evaluation=evaluation,
                finding=finding,
                **form.cleaned_data,
            )
            if saved is not FAILED:
                messages.success(request, _("Temuan %(l)s tersimpan.") % {"l": saved.letter})
                if finding is None:
                    return redirect("evaluation:recommendation_create", pk=saved.pk)
                return redirect(saved.get_absolute_url())
        status = 400
    title = _("Ubah temuan") if finding else _("Temuan baru")
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "object": finding or evaluation,
            "title": title,
            "cancel_url": reverse("evaluation:findings", args=[evaluation.pk]),
        },
        status=status,
    )


@login_required
def finding_create(request, pk):
    return _finding_form_view(request, _evaluation(request, pk))


@login_required
def finding_edit(request, pk):
    finding = get_object_or_404(Finding.objects.select_related("evaluation__opd", "evaluation__template"), pk=pk)
    evaluation = finding.evaluation
    if not policies.can_view(request.user, evaluation) or not policies.can_see_evaluator_side(request.user, evaluation):
        raise Http404
    return _finding_form_view(request, evaluation, finding)


@login_required
@require_POST
def finding_delete(request, pk):
    finding = get_object_or_404(Finding.objects.select_related("evaluation"), pk=pk)
    if not policies.can_see_evaluator_side(request.user, finding.evaluation) or not policies.can_view(
        request.user, finding.evaluation
    ):
        raise Http404
    evaluation_id = finding.evaluation_id
    services.delete_finding(user=request.user, finding=finding)
    messages.success(request, _("Temuan dihapus."))
    return redirect("evaluation:findings", pk=evaluation_id)


def _recommendation_form_view(request, finding, recommendation=None):
    evaluation = finding.evaluation
    if not policies.can_evaluate(request.user, evaluation):
        raise PermissionDenied
    initial = {}
    if recommendation is not None:
        initial = {
            "text": recommendation.text,
            "subject": recommendation.subject,
            "due_date": recommendation.due_date,
            "pic": recommendation.pic,
        }
    form = forms.RecommendationForm(request.POST or None, initial=initial, opd=evaluation.opd)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            saved = call_service(
                form,
                services.save_recommendation,
                user=request.user,
                finding=finding,
                recommendation=recommendation,
                **form.cleaned_data,
            )
            if saved is not FAILED:
                messages.success(request, _("Rekomendasi tersimpan."))
                return redirect(finding.get_absolute_url())
        status = 400
    title = _("Ubah rekomendasi") if recommendation else _("Rekomendasi untuk temuan %(l)s") % {"l": finding.letter}
    return render(
        request,
        "core/form.html",
        {"form": form, "object": finding, "title": title, "cancel_url": finding.get_absolute_url()},
        status=status,
    )


@login_required
def recommendation_create(request, pk):
    finding = get_object_or_404(Finding.objects.select_related("evaluation__opd"), pk=pk)
    if not policies.can_view(request.user, finding.evaluation) or not policies.can_see_evaluator_side(
        request.user, finding.evaluation
    ):
        raise Http404
    return _recommendation_form_view(request, finding)


def _recommendation(request, pk) -> Recommendation:
    rec = get_object_or_404(
        Recommendation.objects.select_related(
            "finding",
            "finding__evaluation",
            "finding__evaluation__opd",
            "finding__evaluation__template",
            "pic",
            "pic__unit",
            "verified_by",
        ),
        pk=pk,
    )
    evaluation = rec.finding.evaluation
    if not policies.can_view(request.user, evaluation) or not policies.can_see_evaluator_side(request.user, evaluation):
        raise Http404
    return rec


@login_required
def recommendation_edit(request, pk):
    rec = _recommendation(request, pk)
    return _recommendation_form_view(request, rec.finding, rec)


@login_required
@require_POST
def recommendation_delete(request, pk):
    rec = _recommendation(request, pk)
    back = rec.finding.get_absolute_url()
    services.delete_recommendation(user=request.user, recommendation=rec)
    return redirect(back)


@login_required
@upload_limited
def recommendation(request, pk):
    rec = _recommendation(request, pk)
    evaluation = rec.finding.evaluation
    opd = evaluation.opd
    user = request.user
    status = 200
    plan_form = forms.PlanForm(
        initial={"action_plan": rec.action_plan, "pic": rec.pic, "due_date": rec.due_date}, opd=opd
    )
    evidence_form = forms.EvidenceForm(opd=opd)
    verify_form = forms.VerifyForm()
    not_possible_form = forms.NotPossibleForm()
    errors = []
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "plan":
                plan_form = forms.PlanForm(request.POST, opd=opd)
                if not plan_form.is_valid():
                    raise ValidationError(_("Periksa isian rencana aksi."))
                services.plan_followup(user=user, recommendation=rec, **plan_form.cleaned_data)
            elif action == "start":
                services.start_followup(user=user, recommendation=rec, note=request.POST.get("note", ""))
            elif action == "evidence":
                evidence_form = forms.EvidenceForm(request.POST, request.FILES, opd=opd)
                if not evidence_form.is_valid():
                    raise ValidationError([e for errs in evidence_form.errors.values() for e in errs])
                services.add_followup_evidence(
                    user=user,
                    recommendation=rec,
                    file=evidence_form.cleaned_data.get("file"),
                    url=evidence_form.cleaned_data.get("url", ""),
                    label=evidence_form.cleaned_data.get("label", ""),
                    target=evidence_form.cleaned_data.get("record"),
                    description=request.POST.get("description", ""),
                )
            elif action == "remove_evidence":
                evidence = get_object_or_404(FollowUpEvidence, pk=request.POST.get("evidence"), recommendation=rec)
                services.remove_followup_evidence(user=user, evidence=evidence)
            elif action == "submit":
                services.submit_followup(user=user, recommendation=rec, note=request.POST.get("note", ""))
            elif action == "verify":
                verify_form = forms.VerifyForm(request.POST)
                if not verify_form.is_valid():
                    raise ValidationError(_("Pilih hasil verifikasi."))
                services.verify_followup(
                    user=user,
                    recommendation=rec,
                    outcome=verify_form.cleaned_data["outcome"],
                    note=verify_form.cleaned_data["note"],
                )
            elif action == "not_possible":
                not_possible_form = forms.NotPossibleForm(request.POST)
                if not not_possible_form.is_valid():
                    raise ValidationError(_("Alasan tidak dapat ditindaklanjuti wajib diisi."))
                services.mark_not_possible(
                    user=user, recommendation=rec, reason=not_possible_form.cleaned_data["reason"]
                )
            else:
                raise Http404
        except ValidationError as exc:
            errors = exc.messages
            status = 400
            rec.refresh_from_db()
        else:
            messages.success(request, _("Tindak lanjut tersimpan."))
            return redirect(rec.get_absolute_url())
    evidence = list(rec.evidence.select_related("added_by").prefetch_related("target"))
    return render(
        request,
        "evaluation/recommendation.html",
        {
            "rec": rec,
            "finding": rec.finding,
            "evaluation": evaluation,
            "evidence": evidence,
            "errors": errors,
            "plan_form": plan_form,
            "evidence_form": evidence_form,
            "verify_form": verify_form,
            "not_possible_form": not_possible_form,
            "can_follow_up": policies.can_follow_up(user, rec),
            "can_verify": policies.can_verify(user, rec),
            "can_edit": policies.can_evaluate(user, evaluation),
            "statements": list(rec.statements.all()),
            "overdue": rec.is_open and rec.due_date and rec.due_date < timezone.localdate(),
        },
        status=status,
    )


# --- Matriks TL ---------------------------------------------------------------------------------------
@login_required
def matriks_tl(request):
    evaluation_id = request.GET.get("evaluasi")
    year = request.GET.get("tahun")
    state = request.GET.get("status")
    opd_id = request.GET.get("opd")
    recs = list(
        selectors.recommendations_for(
            request.user,
            evaluation_id=int(evaluation_id) if evaluation_id and evaluation_id.isdigit() else None,
            year=int(year) if year and year.isdigit() else None,
            state=state if state in Recommendation.State.values else None,
            opd_id=int(opd_id) if opd_id and opd_id.isdigit() else None,
        )
    )
    if request.GET.get("export") == "xlsx":
        return workbook_response(
            "matriks-tindak-lanjut",
            [(_("Matriks TL"), excel.MATRIKS_HEADERS, excel.matriks_rows(recs))],
            title=_("Matriks Tindak Lanjut Rekomendasi LHE SAKIP"),
        )

    return render(
        request,
        "evaluation/matriks_tl.html",
        {
            "recs": recs,
            "states": Recommendation.State.choices,
            "state": state,
            "year": year,
            "opd_id": opd_id,
            "years": sorted(
                {r.finding.evaluation.year for r in recs} | ({int(year)} if year and year.isdigit() else set()),
                reverse=True,
            ),
            "opds": opds_for(request.user).exclude(kind="inspektorat").order_by("name"),
            "today": timezone.localdate(),
        },
    )


# --- Surat Pernyataan ---------------------------------------------------------------------------------
@login_required
def statement_create(request, pk):
    evaluation = _evaluation(request, pk)
    if not policies.can_write_statement(request.user, evaluation):
        raise PermissionDenied
    return _statement_form(request, evaluation)


def _statement_form(request, evaluation, statement=None):
    initial = {}
    if statement is not None:
        initial = {"recommendations": list(statement.recommendations.all()), "statements": statement.statements}
    else:
        initial = {
            "recommendations": list(
                Recommendation.objects.filter(
                    finding__evaluation=evaluation, state__in=Recommendation.OPEN_STATES
                ).exclude(state=Recommendation.State.VERIFIKASI)
            )
        }
    form = forms.StatementForm(request.POST or None, initial=initial, evaluation=evaluation)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            saved = call_service(
                form,
                services.save_statement,
                user=request.user,
                evaluation=evaluation,
                statement=statement,
                **form.cleaned_data,
            )
            if saved is not FAILED:
                messages.success(
                    request,
                    _(
                        "Konsep Surat Pernyataan tersimpan. Tambahkan lampiran bila perlu, lalu Kepala "
                        "OPD menandatanganinya."
                    ),
                )
                return redirect(saved.get_absolute_url())
        status = 400
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "object": evaluation,
            "title": _("Surat Pernyataan tindak lanjut"),
            "cancel_url": reverse("evaluation:detail", args=[evaluation.pk]),
        },
        status=status,
    )


def _statement(request, pk) -> SuratPernyataan:
    statement = get_object_or_404(
        SuratPernyataan.objects.select_related("evaluation", "evaluation__opd", "evaluation__opd__pemda"), pk=pk
    )
    if not policies.can_view(request.user, statement.evaluation):
        raise Http404
    return statement


@login_required
def statement_edit(request, pk):
    statement = _statement(request, pk)
    if (
        not policies.can_write_statement(request.user, statement.evaluation)
        or statement.state != SuratPernyataan.State.DRAFT
    ):
        raise PermissionDenied
    return _statement_form(request, statement.evaluation, statement)


@login_required
@upload_limited
def statement(request, pk):
    statement = _statement(request, pk)
    evaluation = statement.evaluation
    user = request.user
    attachment_form = forms.EvidenceForm(opd=evaluation.opd)
    sign_form = forms.SignForm(initial={"fingerprint": docs.statement_fingerprint(statement)})
    errors, status = [], 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "attach":
                attachment_form = forms.EvidenceForm(request.POST, request.FILES, opd=evaluation.opd)
                if not attachment_form.is_valid():
                    raise ValidationError([e for errs in attachment_form.errors.values() for e in errs])
                services.add_statement_attachment(
                    user=user,
                    statement=statement,
                    file=attachment_form.cleaned_data.get("file"),
                    url=attachment_form.cleaned_data.get("url", ""),
                    label=attachment_form.cleaned_data.get("label", ""),
                    target=attachment_form.cleaned_data.get("record"),
                )
            elif action == "remove_attachment":
                if not policies.can_write_statement(user, evaluation) or statement.state != SuratPernyataan.State.DRAFT:
                    raise PermissionDenied
                get_object_or_404(StatementAttachment, pk=request.POST.get("attachment"), statement=statement).delete()
            elif action == "sign":
                sign_form = forms.SignForm(request.POST)
                if not sign_form.is_valid():
                    raise ValidationError(_("Tanggal surat wajib diisi."))
                services.sign_statement(
                    user=user,
                    statement=statement,
                    number=sign_form.cleaned_data["number"],
                    on=sign_form.cleaned_data["date"],
                    fingerprint=sign_form.cleaned_data["fingerprint"],
                )
            else:
                raise Http404
        except ValidationError as exc:
            errors, status = exc.messages, 400
            statement.refresh_from_db()
        else:
            messages.success(
                request,
                _("Surat Pernyataan ditandatangani; rekomendasinya menunggu verifikasi Inspektorat.")
                if action == "sign"
                else _("Tersimpan."),
            )
            return redirect(statement.get_absolute_url())
    return render(
        request,
        "evaluation/statement.html",
        {
            "statement": statement,
            "evaluation": evaluation,
            "attachments": list(statement.attachments.prefetch_related("target")),
            "recommendations": list(statement.recommendations.select_related("finding")),
            "attachment_form": attachment_form,
            "sign_form": sign_form,
            "errors": errors,
            "can_edit": policies.can_write_statement(user, evaluation)
            and statement.state == SuratPernyataan.State.DRAFT,
            "can_sign": policies.can_sign_statement(user, statement) and statement.state == SuratPernyataan.State.DRAFT,
            "document": docs.archived_document(statement.document_id),
        },
        status=status,
    )


@login_required
def statement_pdf(request, pk):
    statement = _statement(request, pk)
    document = docs.archived_document(statement.document_id)
    if document is not None:
        return redirect(document.download_url)  # the signed statement is the archived copy, never a new render
    data = docs.statement_pdf_preview(statement)
    return HttpResponse(
        data,
        content_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="konsep-surat-pernyataan-{statement.pk}.pdf"'},
    )


# --- LHE ---------------------------------------------------------------------------------------------
@login_required
def lhe(request, pk):
    evaluation = _evaluation(request, pk)
    if not policies.can_see_evaluator_side(request.user, evaluation):
        raise Http404
    form = forms.LheForm(request.POST or None, initial={"fingerprint": docs.lhe_fingerprint(evaluation)})
    status = 200
    if request.method == "POST":
        if not policies.can_prepare_lhe(request.user, evaluation):
            raise PermissionDenied
        if form.is_valid():
            issued = call_service(
                form,
                services.issue_lhe,
                user=request.user,
                evaluation=evaluation,
                number=form.cleaned_data["number"],
                on=form.cleaned_data["date"],
                fingerprint=form.cleaned_data["fingerprint"],
            )
            if issued is not FAILED:
                messages.success(request, _("LHE diterbitkan."))
                return redirect("evaluation:detail", pk=pk)
        status = 400
    return render(
        request,
        "evaluation/lhe.html",
        _context(request, evaluation, form=form, document=docs.archived_document(evaluation.lhe_document_id)),
        status=status,
    )


@login_required
def lhe_file(request, pk, fmt):
    evaluation = _evaluation(request, pk)
    if not policies.can_see_evaluator_side(request.user, evaluation):
        raise Http404
    name = f"lhe-{slugify(evaluation.opd.akronim)}-{evaluation.year}"
    document = docs.archived_document(evaluation.lhe_document_id)
    if fmt not in ("pdf", "docx"):
        raise Http404
    if document is not None:
        # The issued LHE is the archived copy (numbered, signed by the Inspektur), never a new render.
        return redirect(document.download_url + ("?format=docx" if fmt == "docx" else ""))
    on = evaluation.lhe_date or timezone.localdate()
    if fmt == "pdf":
        data = docs.lhe_pdf(evaluation, on, evaluation.lhe_number)
        return HttpResponse(
            data,
            content_type="application/pdf",
            headers={"Content-Disposition": f'inline; filename="konsep-{name}.pdf"'},
        )
    data = docs.lhe_docx(evaluation, on, evaluation.lhe_number)
    return HttpResponse(
        data,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": f'attachment; filename="konsep-{name}.docx"'},
    )


# --- Recap (Inspektorat) -------------------------------------------------------------------------------
@login_required
def recap(request):
    if not policies.can_view_recap(request.user):
        raise PermissionDenied

    pemda = request.user.pemda or Pemda.objects.order_by("pk").first()
    years = sorted(set(Evaluation.objects.filter(opd__pemda=pemda).values_list("year", flat=True)), reverse=True)
    closed_years = sorted(
        set(
            Evaluation.objects.filter(opd__pemda=pemda, state__in=Evaluation.CLOSED_STATES).values_list(
                "year", flat=True
            )
        ),
        reverse=True,
    )
    year_text = request.GET.get("tahun", "")
    year = (
        int(year_text)
        if year_text.isdigit()
        else (closed_years[0] if closed_years else (years[0] if years else timezone.localdate().year))
    )
    data = selectors.recap(request.user, pemda, year)
    if request.GET.get("export") == "xlsx":
        return workbook_response(
            f"rekap-evaluasi-{year}",
            [(_("Rekap %(y)s") % {"y": year}, *excel.recap_table(data))],
            title=_("Rekapitulasi Hasil Evaluasi AKIP Perangkat Daerah %(pemda)s Tahun %(y)s")
            % {"pemda": pemda.short_name, "y": year},
        )
    chart = {
        "opds": [r["opd"].akronim for r in data["rows"] if r["score"]],
        "totals": [float(r["score"].total) for r in data["rows"] if r["score"]],
        "previous": [float(r["previous"].total) if r["previous"] else None for r in data["rows"] if r["score"]],
        "components": {
            code: [float(r["score"].components.get(code, 0)) for r in data["rows"] if r["score"]]
            for code in data["component_codes"]
        },
    }
    return render(
        request, "evaluation/recap.html", {"data": data, "pemda": pemda, "year": year, "years": years, "chart": chart}
    )


# --- Templates (administrator) ---------------------------------------------------------------------------
@login_required
def templates(request):
    return render(
        request,
        "evaluation/templates.html",
        {"templates": selectors.templates(), "can_manage": policies.can_manage_templates(request.user)},
    )


@login_required
def template_detail(request, pk):
    template = get_object_or_404(LkeTemplate, pk=pk)
    components = template.components.prefetch_related("subcomponents__criteria").order_by("order")
    return render(
        request,
        "evaluation/template_detail.html",
        {
            "template": template,
            "components": components,
            "answers": template.answer_options.order_by("order"),
            "bands": template.bands.all(),
            "can_manage": policies.can_manage_templates(request.user),
            "problems": services.template_problems(template) if template.is_editable else [],
            "copy_form": forms.CopyTemplateForm(
                initial={"key": f"{template.key}-v{template.version + 1}", "name": template.name}
            ),
            "n_evaluations": template.evaluations.count(),
        },
    )


@login_required
@require_POST
def template_copy(request, pk):
    template = get_object_or_404(LkeTemplate, pk=pk)
    if not policies.can_manage_templates(request.user):
        raise PermissionDenied
    form = forms.CopyTemplateForm(request.POST)
    back = reverse("evaluation:template_detail", args=[pk])
    if not form.is_valid():
        return _bad_request(request, ValidationError([e for errs in form.errors.values() for e in errs]), back)
    try:
        new = services.copy_template(
            user=request.user, template=template, key=form.cleaned_data["key"], name=form.cleaned_data["name"]
        )
    except ValidationError as exc:
        return _bad_request(request, exc, back)
    messages.success(
        request, _("Templat disalin sebagai versi %(v)s (draf). Ubah lalu berlakukan.") % {"v": new.version}
    )
    return redirect("evaluation:template_detail", pk=new.pk)


@login_required
@require_POST
def template_publish(request, pk):
    template = get_object_or_404(LkeTemplate, pk=pk)
    try:
        services.publish_template(user=request.user, template=template)
    except ValidationError as exc:
        return _bad_request(request, exc, reverse("evaluation:template_detail", args=[pk]))
    messages.success(request, _("Templat %(key)s diberlakukan.") % {"key": template.key})
    return redirect("evaluation:template_detail", pk=pk)


@login_required
def template_row_edit(request, kind, pk):
    if kind not in forms.TEMPLATE_ROW_FORMS:
        raise Http404
    model, form_class = forms.TEMPLATE_ROW_FORMS[kind]
    obj = get_object_or_404(model, pk=pk)
    if not policies.can_manage_templates(request.user):
        raise PermissionDenied
    template = obj if isinstance(obj, LkeTemplate) else obj.template
    back = reverse("evaluation:template_detail", args=[template.pk])
    form = form_class(request.POST or None, instance=obj, user=request.user)
    status = 200
    if not template.is_editable:
        return _bad_request(
            request,
            ValidationError(
                _("Templat %(key)s sudah berlaku dan tidak dapat diubah. Salin menjadi versi baru untuk mengubahnya.")
                % {"key": template.key}
            ),
            back,
        )
    if request.method == "POST":
        if form.is_valid():
            saved = call_service(
                form,
                services.update_template_row,
                user=request.user,
                obj=obj,
                **{f: form.cleaned_data[f] for f in form.Meta.fields},
            )
            if saved is not FAILED:
                return redirect(back)
        status = 400
        obj.refresh_from_db()
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "object": obj,
            "title": _("Ubah templat LKE %(key)s") % {"key": template.key},
            "cancel_url": back,
        },
        status=status,
    )


@login_required
def settings_edit(request):
    if (
        not (P.is_admin(request.user) or policies.is_evaluator(request.user))
        or request.user.pemda is None
        and not P.is_admin(request.user)
    ):
        raise PermissionDenied

    pemda = request.user.pemda or Pemda.objects.order_by("pk").first()
    obj = services.settings_for(pemda)
    form = forms.SettingsForm(request.POST or None, instance=obj, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Pengaturan evaluasi tersimpan."))
            return redirect("evaluation:index")
        return render(
            request,
            "core/form.html",
            {
                "form": form,
                "object": pemda,
                "title": _("Pengaturan tindak lanjut"),
                "cancel_url": reverse("evaluation:index"),
            },
            status=400,
        )
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "object": pemda,
            "title": _("Pengaturan tindak lanjut"),
            "cancel_url": reverse("evaluation:index"),
        },
    )
