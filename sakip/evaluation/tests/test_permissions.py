"""Permissions: the OPD does not see the evaluator's draft before it is sent; the Inspektorat
never changes the OPD's answers; another OPD sees nothing; every page × every demo role answers
200/302/403/404, never 500."""

import pytest
from django.core.exceptions import PermissionDenied

from sakip.evaluation import services
from sakip.evaluation.models import Finding, LkeTemplate, Recommendation, SuratPernyataan

pytestmark = pytest.mark.django_db
ROLES = [
    "admin",
    "kepala",
    "sekretaris",
    "timsakip",
    "kabid",
    "kabid2",
    "kasi",
    "operator",
    "inspektorat",
    "pemda",
    "bappeda",
]
SECRET = "CATATAN-EVALUATOR-RAHASIA"


@pytest.fixture
def in_review(demo, users, new_evaluation):
    insp = users["inspektorat"]
    ev = new_evaluation(demo["dinas"], 2023)
    services.submit_evaluation(user=users["timsakip"], evaluation=ev)
    services.start_review(user=insp, evaluation=ev)
    sub = ev.sub_answers.get(subcomponent__code="1.a")
    services.save_sub_answer(user=insp, sub_answer=sub, answer="C", note=SECRET)
    crit = ev.criterion_answers.get(criterion__code="1.a.1")
    services.save_evaluator_criterion(user=insp, answer=crit, value="T", note=SECRET)
    finding = services.save_finding(
        user=insp,
        evaluation=ev,
        letter="c",
        title="Temuan " + SECRET,
        kondisi="k",
        sebab="s",
        akibat="a",
        subcomponents=[sub.subcomponent],
    )
    rec = services.save_recommendation(user=insp, finding=finding, text="r", subject="SOP")
    return ev, finding, rec


def test_opd_cannot_see_the_draft_before_it_is_sent(in_review, client_for, users):
    ev, finding, rec = in_review
    for name in ("kepala", "timsakip", "kabid", "pemda"):
        c = client_for(name)
        for url in (
            f"/evaluasi/{ev.pk}/",
            f"/evaluasi/{ev.pk}/lke/",
            f"/evaluasi/{ev.pk}/temuan/",
            f"/evaluasi/{ev.pk}/lke/excel/",
        ):
            response = c.get(url)
            assert response.status_code == 200, (name, url)
            assert SECRET.encode() not in response.content, (name, url)
        assert c.get(f"/evaluasi/rekomendasi/{rec.pk}/").status_code == 404
        assert c.get(f"/evaluasi/temuan/{finding.pk}/ubah/").status_code == 404
        assert c.get(f"/evaluasi/{ev.pk}/lhe/").status_code == 404
        assert c.get(f"/evaluasi/{ev.pk}/lhe.pdf").status_code == 404
        assert not any(r.pk == rec.pk for r in c.get("/evaluasi/matriks-tl/").context["recs"])
    # the evaluator sees everything
    assert SECRET.encode() in client_for("inspektorat").get(f"/evaluasi/{ev.pk}/lke/").content
    # once sent (all sub-components answered), the OPD sees the evaluator's answers, notes and findings
    services.set_sub_answers(
        user=users["inspektorat"],
        evaluation=ev,
        answers={
            s.subcomponent.code: "B"
            for s in ev.sub_answers.select_related("subcomponent").exclude(subcomponent__code="1.a")
        },
    )
    services.send_draft(user=users["inspektorat"], evaluation=ev)
    c = client_for("kepala")
    assert SECRET.encode() in c.get(f"/evaluasi/{ev.pk}/lke/").content
    assert SECRET.encode() in c.get(f"/evaluasi/{ev.pk}/temuan/").content
    assert c.get(f"/evaluasi/rekomendasi/{rec.pk}/").status_code == 200


def test_inspektorat_cannot_change_the_opds_answers(demo, users, client_for, new_evaluation):
    ev = new_evaluation(demo["dinas"], 2023)
    ans = ev.criterion_answers.get(criterion__code="1.a.2")
    services.save_self_assessment(user=users["timsakip"], answer=ans, value="Y", note="RPJPD")
    with pytest.raises(PermissionDenied):
        services.save_self_assessment(user=users["inspektorat"], answer=ans, value="T")
    sub = ev.sub_answers.get(subcomponent__code="1.a")
    response = client_for("inspektorat").post(
        f"/evaluasi/{ev.pk}/lke/sub/{sub.pk}/", {"mode": "opd", f"a-{ans.pk}": "T"}
    )
    assert response.status_code == 403
    # nor in review, nor through the worksheet import
    services.submit_evaluation(user=users["timsakip"], evaluation=ev)
    services.start_review(user=users["inspektorat"], evaluation=ev)
    with pytest.raises(PermissionDenied):
        services.save_self_assessment(user=users["inspektorat"], answer=ans, value="T")
    ans.refresh_from_db()
    assert ans.opd_answer == "Y" and ans.opd_note == "RPJPD"


def test_unit_roles_and_pemda_read_only(demo, users, new_evaluation):
    ev = new_evaluation(demo["dinas"], 2023)
    ans = ev.criterion_answers.get(criterion__code="1.a.2")
    for name in ("kabid", "kasi", "operator", "pemda"):
        with pytest.raises(PermissionDenied):
            services.save_self_assessment(user=users[name], answer=ans, value="Y")
        with pytest.raises(PermissionDenied):
            services.submit_evaluation(user=users[name], evaluation=ev)


def test_another_opd_sees_nothing(ev22, client_for, users):
    c = client_for("bappeda")
    finding = ev22.findings.first()
    rec = Recommendation.objects.filter(finding__evaluation=ev22).first()
    statement = SuratPernyataan.objects.filter(evaluation=ev22).first()
    answer = ev22.criterion_answers.first()
    for url in (
        f"/evaluasi/{ev22.pk}/",
        f"/evaluasi/{ev22.pk}/lke/",
        f"/evaluasi/{ev22.pk}/temuan/",
        f"/evaluasi/{ev22.pk}/lhe/",
        f"/evaluasi/{ev22.pk}/lhe.pdf",
        f"/evaluasi/{ev22.pk}/lhe.docx",
        f"/evaluasi/{ev22.pk}/lke/excel/",
        f"/evaluasi/{ev22.pk}/lke/impor/",
        f"/evaluasi/rekomendasi/{rec.pk}/",
        f"/evaluasi/temuan/{finding.pk}/ubah/",
        f"/evaluasi/pernyataan/{statement.pk}/",
        f"/evaluasi/pernyataan/{statement.pk}/pdf/",
    ):
        assert c.get(url).status_code == 404, url
    assert c.post(f"/evaluasi/kriteria/{answer.pk}/bukti/", {"url": "https://x.id"}).status_code == 404
    assert c.post(f"/evaluasi/{ev22.pk}/transisi/final/").status_code == 404
    index = c.get("/evaluasi/")
    assert all(e.opd_id == users["bappeda"].opd_id for e in index.context["evaluations"])
    assert all(
        r.finding.evaluation.opd_id == users["bappeda"].opd_id for r in c.get("/evaluasi/matriks-tl/").context["recs"]
    )
    assert c.get("/evaluasi/rekap/").status_code == 403


def _urls(ev22, ev_current):
    finding = ev22.findings.order_by("letter").first()
    rec = Recommendation.objects.filter(finding__evaluation=ev22).first()
    statement = SuratPernyataan.objects.filter(evaluation=ev22).first()
    template = LkeTemplate.objects.get(key="88/2021")
    return [
        "/evaluasi/",
        "/evaluasi/baru/",
        "/evaluasi/rekap/",
        "/evaluasi/rekap/?export=xlsx",
        "/evaluasi/matriks-tl/",
        "/evaluasi/matriks-tl/?export=xlsx",
        "/evaluasi/pengaturan/",
        "/evaluasi/templat/",
        f"/evaluasi/templat/{template.pk}/",
        f"/evaluasi/templat/kriteria/{template.criteria.first().pk}/ubah/",
        f"/evaluasi/{ev22.pk}/",
        f"/evaluasi/{ev22.pk}/lke/",
        f"/evaluasi/{ev22.pk}/lke/?komponen=3",
        f"/evaluasi/{ev22.pk}/temuan/",
        f"/evaluasi/{ev22.pk}/lhe/",
        f"/evaluasi/{ev22.pk}/lke/excel/",
        f"/evaluasi/{ev22.pk}/lke/impor/",
        f"/evaluasi/temuan/{finding.pk}/ubah/",
        f"/evaluasi/rekomendasi/{rec.pk}/",
        f"/evaluasi/rekomendasi/{rec.pk}/ubah/",
        f"/evaluasi/pernyataan/{statement.pk}/",
        f"/evaluasi/{ev22.pk}/pernyataan/baru/",
        f"/evaluasi/{ev_current.pk}/",
        f"/evaluasi/{ev_current.pk}/lke/",
        f"/evaluasi/{ev_current.pk}/lke/impor/",
        f"/evaluasi/{ev_current.pk}/temuan/tambah/",
    ]


OPD_MANAGERS = {"kepala", "sekretaris", "timsakip"}


def expected(role, url):
    dinas_url = (
        any(part in url for part in ("/evaluasi/rekomendasi/", "/evaluasi/temuan/", "/evaluasi/pernyataan/"))
        or url.split("/")[2].isdigit()
    )
    if role == "bappeda" and dinas_url:
        return 404
    if url.startswith("/evaluasi/rekap/"):
        return 200 if role in {"admin", "inspektorat", "pemda"} else 403
    if url == "/evaluasi/pengaturan/":
        return 200 if role in {"admin", "inspektorat"} else 403
    if url == "/evaluasi/baru/":
        return 200 if role in {"admin", "inspektorat", "bappeda"} | OPD_MANAGERS else 403
    if "/templat/kriteria/" in url:
        return 400 if role == "admin" else 403  # the active template is not edited in place
    if url.endswith("/ubah/") and ("/temuan/" in url or "/rekomendasi/" in url):
        return 403  # the 2022 evaluation is closed: findings no longer change
    if url.endswith("/pernyataan/baru/"):
        return 200 if role in {"admin"} | OPD_MANAGERS else 403
    if url.endswith("/temuan/tambah/"):
        return 403
    return 200


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, client_for, ev22, ev_current):
    c = client_for(role)
    results = {}
    for url in _urls(ev22, ev_current):
        results[url] = c.get(url).status_code
    assert all(code < 500 for code in results.values()), results
    for url, code in results.items():
        if url.endswith("/lke/impor/"):
            want = (
                200
                if (url.startswith(f"/evaluasi/{ev_current.pk}/") and role in {"admin"} | OPD_MANAGERS)
                else (404 if role == "bappeda" else 403)
            )
        else:
            want = expected(role, url)
        assert code == want, (role, url, code, want)


def test_findings_of_a_closed_evaluation_cannot_be_deleted(ev22, client_for):
    finding = Finding.objects.filter(evaluation=ev22).first()
    assert client_for("inspektorat").post(f"/evaluasi/temuan/{finding.pk}/hapus/").status_code == 403
    assert client_for("kepala").post(f"/evaluasi/temuan/{finding.pk}/hapus/").status_code == 403
    assert Finding.objects.filter(pk=finding.pk).exists()
