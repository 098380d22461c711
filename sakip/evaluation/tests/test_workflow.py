"""The evaluation's states (docs/rules.md §4) through the services, with the rules on each step."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sakip.evaluation import services
from sakip.evaluation.models import CriterionAnswer, Evaluation, Recommendation

pytestmark = pytest.mark.django_db


def test_create_makes_one_row_per_criterion_and_subcomponent(demo, new_evaluation):
    ev = new_evaluation(demo["bappeda"], 2030)
    assert ev.state == Evaluation.State.DRAFT_MANDIRI
    assert ev.criterion_answers.count() == 80
    assert ev.sub_answers.count() == 12
    with pytest.raises(ValidationError, match="sudah ada"):
        new_evaluation(demo["bappeda"], 2030)


def test_opd_cannot_open_another_opds_evaluation(demo, users):
    with pytest.raises(PermissionDenied):
        services.create_evaluation(user=users["bappeda"], opd=demo["dinas"], year=2031)
    with pytest.raises(PermissionDenied):
        services.create_evaluation(user=users["kabid"], opd=demo["dinas"], year=2031)


def test_full_cycle(demo, users, new_evaluation, answer_all):
    tim, insp, kepala = users["timsakip"], users["inspektorat"], users["kepala"]
    ev = new_evaluation(demo["dinas"], 2023)
    ans = ev.criterion_answers.get(criterion__code="1.a.2")
    services.save_self_assessment(user=tim, answer=ans, value="Y", note="RPJPD 2005–2025")
    services.submit_evaluation(user=tim, evaluation=ev)
    assert ev.state == Evaluation.State.DIAJUKAN and ev.submitted_at
    with pytest.raises(ValidationError, match="sebelum diajukan"):
        services.save_self_assessment(user=tim, answer=ans, value="T")
    services.start_review(user=insp, evaluation=ev)
    ans.refresh_from_db()
    assert ans.evaluator_answer == "Y"  # the evaluator starts from the OPD's answer
    with pytest.raises(ValidationError, match="belum dijawab evaluator"):
        services.send_draft(user=insp, evaluation=ev)
    answer_all(ev, insp, {"1.a": "A", "1.b": "A", "1.c": "B"})
    services.send_draft(user=insp, evaluation=ev)
    sub = ev.sub_answers.get(subcomponent__code="1.b")
    services.save_opd_response(user=tim, sub_answer=sub, text="IKI sudah disusun untuk Bidang Rehsos.")
    services.respond(user=kepala, evaluation=ev)
    services.finalize(user=insp, evaluation=ev)
    ev.refresh_from_db()
    assert ev.state == Evaluation.State.FINAL
    # 1: 24.00; 2–4 all B: 21 + 10.5 + 17.5
    assert ev.total_score == Decimal("73.00") and ev.predikat == "BB"
    number = f"700/901/{timezone.localdate().year}"
    with pytest.raises(ValidationError, match="bukan penanda tangannya"):
        services.issue_lhe(user=insp, evaluation=ev, number=number)  # the auditor prepares, the Inspektur signs
    services.issue_lhe(user=users["inspektur"], evaluation=ev, number=number)
    ev.refresh_from_db()
    assert ev.state == Evaluation.State.LHE_TERBIT and ev.lhe_number == number and ev.lhe_document_id


def test_override_of_the_automatic_answer_needs_a_reason(demo, users, new_evaluation):
    ev = new_evaluation(demo["dinas"], 2032)
    ans = ev.criterion_answers.get(criterion__code="1.a.1")
    CriterionAnswer.objects.filter(pk=ans.pk).update(auto_answer="T", auto_reason="SOP tidak ditemukan")
    ans.refresh_from_db()
    with pytest.raises(ValidationError) as err:
        services.save_self_assessment(user=users["timsakip"], answer=ans, value="Y")
    assert "alasannya" in str(err.value)
    ans.refresh_from_db()
    assert ans.opd_answer == ""
    services.save_self_assessment(
        user=users["timsakip"], answer=ans, value="Y", override_reason="SOP disahkan 2 Januari, belum diunggah"
    )
    ans.refresh_from_db()
    assert ans.is_override and ans.override_reason and ans.auto_answer == "T"


@pytest.mark.parametrize("value", ["X", "ya tidak", "AA"])
def test_criterion_answer_outside_y_t_is_refused(demo, users, new_evaluation, value):
    ev = new_evaluation(demo["dinas"], 2033)
    ans = ev.criterion_answers.get(criterion__code="1.a.2")
    with pytest.raises(ValidationError, match="Y \\(ya\\) atau T"):
        services.save_self_assessment(user=users["timsakip"], answer=ans, value=value)


def test_subcomponent_answer_outside_scale_and_unknown_code_save_nothing(demo, users, new_evaluation):
    insp = users["inspektorat"]
    ev = new_evaluation(demo["dinas"], 2034)
    services.start_review(user=insp, evaluation=ev)
    with pytest.raises(ValidationError, match="di luar skala"):
        services.set_sub_answers(user=insp, evaluation=ev, answers={"1.a": "A", "1.b": "Z"})
    with pytest.raises(ValidationError, match="tidak ada pada templat"):
        services.set_sub_answers(user=insp, evaluation=ev, answers={"1.a": "A", "5.a": "A"})
    assert not ev.sub_answers.exclude(answer="").exists()
    sub = ev.sub_answers.get(subcomponent__code="2.a")
    with pytest.raises(ValidationError, match="di luar skala"):
        services.save_sub_answer(user=insp, sub_answer=sub, answer="F")


def test_findings_need_an_lke_link_and_the_four_attributes(demo, users, new_evaluation):
    insp = users["inspektorat"]
    ev = new_evaluation(demo["dinas"], 2035)
    services.start_review(user=insp, evaluation=ev)
    with pytest.raises(ValidationError) as err:
        services.save_finding(user=insp, evaluation=ev, letter="a", title="x", kondisi="", sebab="s", akibat="a")
    assert "kondisi" in err.value.message_dict and "subcomponents" in err.value.message_dict
    assert not ev.findings.exists()


def test_followup_states_and_verification(closed_evaluation, users):
    ev, rec = closed_evaluation()
    tim, insp = users["timsakip"], users["inspektorat"]
    assert rec.due_date == timezone.localdate() + timedelta(days=60)  # the configurable default
    with pytest.raises(ValidationError, match="bukti"):
        services.submit_followup(user=tim, recommendation=rec)
    services.plan_followup(
        user=tim, recommendation=rec, action_plan="Menyusun SOP bersama Tim SAKIP", pic=ev.opd.head_position()
    )
    assert rec.state == Recommendation.State.RENCANA
    services.start_followup(user=tim, recommendation=rec)
    services.add_followup_evidence(
        user=tim, recommendation=rec, url="https://dinsospermasdes.banyumaskab.go.id/sop", label="SOP baru"
    )
    services.submit_followup(user=tim, recommendation=rec)
    assert rec.state == Recommendation.State.VERIFIKASI
    with pytest.raises(PermissionDenied):
        services.verify_followup(user=tim, recommendation=rec, outcome="selesai", note="")
    with pytest.raises(ValidationError, match="Jelaskan"):
        services.verify_followup(user=insp, recommendation=rec, outcome="sebagian", note="")
    services.verify_followup(
        user=insp,
        recommendation=rec,
        outcome="sebagian",
        note="Yang dilampirkan SOP Pengukuran, bukan SOP perencanaan.",
    )
    assert rec.state == Recommendation.State.SEBAGIAN and rec.is_open
    services.submit_followup(user=tim, recommendation=rec)
    services.verify_followup(
        user=insp, recommendation=rec, outcome="selesai", note="SOP perencanaan internal telah ditetapkan."
    )
    assert rec.state == Recommendation.State.SELESAI and not rec.is_open
    history = [h.history_change_reason for h in rec.history.order_by("history_date")]
    assert "Tindak lanjut diajukan untuk verifikasi" in history


def test_closing_without_evidence_is_refused(closed_evaluation, users):
    ev, rec = closed_evaluation()
    tim, insp = users["timsakip"], users["inspektorat"]
    services.add_followup_evidence(user=tim, recommendation=rec, url="/sop/", label="SOP")
    services.submit_followup(user=tim, recommendation=rec)
    rec.evidence.all().delete()  # e.g. the file was withdrawn by an administrator
    with pytest.raises(ValidationError, match="tanpa bukti"):
        services.verify_followup(user=insp, recommendation=rec, outcome="selesai", note="ok")
    rec.refresh_from_db()
    assert rec.state == Recommendation.State.VERIFIKASI


def test_not_possible_needs_a_reason(closed_evaluation, users):
    _ev, rec = closed_evaluation()
    with pytest.raises(ValidationError, match="wajib diisi"):
        services.mark_not_possible(user=users["inspektorat"], recommendation=rec, reason=" ")
    services.mark_not_possible(
        user=users["inspektorat"], recommendation=rec, reason="Unit dilebur dengan perangkat daerah lain."
    )
    assert rec.state == Recommendation.State.TIDAK_DAPAT


def test_evidence_must_be_something(closed_evaluation, users):
    _ev, rec = closed_evaluation()
    with pytest.raises(ValidationError, match="Lampirkan"):
        services.add_followup_evidence(user=users["timsakip"], recommendation=rec)
    with pytest.raises(ValidationError):
        services.add_followup_evidence(user=users["timsakip"], recommendation=rec, url="javascript:alert(1)")
