"""Bad input through the pages: a clear message, status 400, nothing half-saved."""

import pytest

from sakip.evaluation import services
from sakip.evaluation.models import Recommendation

pytestmark = pytest.mark.django_db


def test_answer_outside_scale_in_the_lke_form(demo, users, client_for, new_evaluation):
    insp = users["inspektorat"]
    ev = new_evaluation(demo["dinas"], 2023)
    services.start_review(user=insp, evaluation=ev)
    sub = ev.sub_answers.get(subcomponent__code="1.a")
    crit = ev.criterion_answers.get(criterion__code="1.a.1")
    before = crit.evaluator_answer
    response = client_for("inspektorat").post(
        f"/evaluasi/{ev.pk}/lke/sub/{sub.pk}/",
        {"mode": "evaluator", "answer": "Z", "note": "catatan", f"e-{crit.pk}": "Y" if before == "T" else "T"},
    )
    assert response.status_code == 400
    assert "di luar skala" in response.content.decode()
    sub.refresh_from_db()
    crit.refresh_from_db()
    assert sub.answer == "" and sub.evaluator_note == "" and crit.evaluator_answer == before  # nothing half-saved


def test_override_without_reason_in_the_lke_form(ev_current, client_for):
    ans = ev_current.criterion_answers.exclude(auto_answer="").select_related("criterion__subcomponent").first()
    other = "T" if ans.auto_answer == "Y" else "Y"
    sub = ev_current.sub_answers.get(subcomponent=ans.criterion.subcomponent)
    response = client_for("timsakip").post(
        f"/evaluasi/{ev_current.pk}/lke/sub/{sub.pk}/", {"mode": "opd", f"a-{ans.pk}": other}
    )
    assert response.status_code == 400
    assert "tuliskan alasannya" in response.content.decode()
    ans.refresh_from_db()
    assert ans.opd_answer == ""


def test_verify_without_note_or_evidence_in_the_page(closed_evaluation, users, client_for):
    ev, rec = closed_evaluation()
    tim = client_for("timsakip")
    response = tim.post(f"/evaluasi/rekomendasi/{rec.pk}/", {"action": "submit"})
    assert response.status_code == 400 and "sedikitnya satu bukti" in response.content.decode()
    services.add_followup_evidence(user=users["timsakip"], recommendation=rec, url="/sop/", label="SOP")
    assert tim.post(f"/evaluasi/rekomendasi/{rec.pk}/", {"action": "submit"}).status_code == 302
    response = client_for("inspektorat").post(
        f"/evaluasi/rekomendasi/{rec.pk}/", {"action": "verify", "outcome": "sebagian", "note": ""}
    )
    assert response.status_code == 400 and "Jelaskan" in response.content.decode()
    rec.refresh_from_db()
    assert rec.state == Recommendation.State.VERIFIKASI
    assert (
        tim.post(
            f"/evaluasi/rekomendasi/{rec.pk}/", {"action": "verify", "outcome": "selesai", "note": "x"}
        ).status_code
        == 403
    )


def test_send_draft_with_unanswered_subcomponents(demo, users, client_for, new_evaluation):
    ev = new_evaluation(demo["dinas"], 2023)
    services.start_review(user=users["inspektorat"], evaluation=ev)
    response = client_for("inspektorat").post(f"/evaluasi/{ev.pk}/transisi/kirim-draf/")
    assert response.status_code == 400 and "belum dijawab evaluator: 1.a" in response.content.decode()
    ev.refresh_from_db()
    assert ev.state == "reviu_evaluator"


def test_create_twice_and_bad_year(demo, client_for):
    c = client_for("inspektorat")
    template = demo["dinas"].evaluations.first().template
    assert (
        c.post("/evaluasi/baru/", {"opd": demo["dinas"].pk, "year": 2022, "template": template.pk}).status_code == 400
    )
    response = c.post("/evaluasi/baru/", {"opd": demo["dinas"].pk, "year": 1890, "template": template.pk})
    assert response.status_code == 400
