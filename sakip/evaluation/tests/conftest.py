"""Fixtures of the evaluation tests: the demo evaluations and a fresh evaluation factory."""

from datetime import date

import pytest


@pytest.fixture
def ev22(demo):
    from sakip.evaluation.models import Evaluation

    return Evaluation.objects.get(opd=demo["dinas"], year=2022)


@pytest.fixture
def ev_current(demo):
    from sakip.evaluation.models import Evaluation

    return Evaluation.objects.get(opd=demo["dinas"], year=date.today().year)


@pytest.fixture
def new_evaluation(users):
    """new_evaluation(opd, year) → a fresh evaluation in self-assessment (created by the Inspektorat)."""
    from sakip.evaluation import services

    def make(opd, year, **kwargs):
        return services.create_evaluation(user=users["inspektorat"], opd=opd, year=year, **kwargs)

    return make


@pytest.fixture
def answer_all():
    """answer_all(evaluation, user, {"1.a": "A", …}) → every sub-component answered (default "B")."""
    from sakip.evaluation import services

    def run(evaluation, user, answers=None):
        values = {s.subcomponent.code: "B" for s in evaluation.sub_answers.select_related("subcomponent")}
        values.update(answers or {})
        services.set_sub_answers(user=user, evaluation=evaluation, answers=values)
        return evaluation

    return run


@pytest.fixture
def closed_evaluation(demo, users, new_evaluation, answer_all):
    """An evaluation of Dinsospermasdes 2023 taken to "final", with finding (c) and one recommendation."""
    from sakip.evaluation import services

    def make(year=2023):
        insp, tim = users["inspektorat"], users["timsakip"]
        ev = new_evaluation(demo["dinas"], year)
        services.submit_evaluation(user=tim, evaluation=ev)
        services.start_review(user=insp, evaluation=ev)
        answer_all(ev, insp, {"1.a": "CC"})
        finding = services.save_finding(
            user=insp,
            evaluation=ev,
            letter="c",
            title="SOP penyusunan dokumen perencanaan kinerja belum sesuai",
            kondisi="SOP bersumber dari Bappedalitbang.",
            sebab="Belum diturunkan.",
            akibat="Pedoman tidak sesuai.",
            subcomponents=list(ev.template.subcomponents.filter(code="1.a")),
            lke_criteria=list(ev.template.criteria.filter(code="1.a.1")),
        )
        rec = services.save_recommendation(
            user=insp,
            finding=finding,
            text="Menyusun SOP penyusunan dokumen perencanaan kinerja internal.",
            subject="SOP penyusunan dokumen perencanaan kinerja",
        )
        services.send_draft(user=insp, evaluation=ev)
        services.finalize(user=insp, evaluation=ev)
        ev.refresh_from_db()
        rec.refresh_from_db()
        return ev, rec

    return make
