"""LKE templates as versioned reference data: the seed, copies as new versions, immutability."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sakip.evaluation import scoring, services
from sakip.evaluation.models import Evaluation, LkeTemplate

pytestmark = pytest.mark.django_db


def test_seed_88_2021_has_the_structure_of_the_regulation():
    t = LkeTemplate.objects.get(key="88/2021")
    assert t.status == LkeTemplate.Status.ACTIVE
    assert [(c.code, c.weight) for c in t.components.order_by("order")] == [("1", 30), ("2", 30), ("3", 15), ("4", 25)]
    assert t.subcomponents.count() == 12
    assert t.criteria.count() == 80
    assert t.subcomponents.get(code="3.b").weight == Decimal("4.5")
    assert list(t.answer_options.order_by("order").values_list("code", flat=True)) == [
        "AA",
        "A",
        "BB",
        "B",
        "CC",
        "C",
        "D",
        "E",
    ]
    assert t.comparator == "gt"
    assert services.template_problems(t) == []
    # the database template scores exactly like the pure module's built-in one
    answers = {"1.a": "A", "1.b": "A", "1.c": "B", "3.b": "CC"}
    assert scoring.score_lke(answers, t.spec()) == scoring.score_lke(answers)


def test_active_template_cannot_be_edited(users):
    t = LkeTemplate.objects.get(key="88/2021")
    comp = t.components.get(code="1")
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        services.update_template_row(user=users["admin"], obj=comp, weight=Decimal("40"))
    comp.refresh_from_db()
    assert comp.weight == 30


def test_copy_edit_publish_keeps_past_evaluations(users, ev22):
    admin = users["admin"]
    old = LkeTemplate.objects.get(key="88/2021")
    before = ev22.total_score
    new = services.copy_template(user=admin, template=old, key="88/2021-v2", name="LKE 88/2021 (Perbup 2024)")
    assert new.status == LkeTemplate.Status.DRAFT and new.version == 2 and new.based_on == old
    assert new.criteria.count() == 80
    # edit the copy: exclusive → inclusive comparator, and re-weight 1.a/1.b (sum stays 30)
    services.update_template_row(user=admin, obj=new, comparator="ge")
    services.update_template_row(user=admin, obj=new.subcomponents.get(code="1.a"), weight=Decimal("5"))
    with pytest.raises(ValidationError, match="tidak sama dengan bobot komponen"):
        services.publish_template(user=admin, template=new)
    services.update_template_row(user=admin, obj=new.subcomponents.get(code="1.b"), weight=Decimal("10"))
    services.publish_template(user=admin, template=new)
    old.refresh_from_db()
    assert new.status == LkeTemplate.Status.ACTIVE and old.status == LkeTemplate.Status.RETIRED
    # the new key scores with the new weights and comparator; the old evaluation keeps its template
    score = scoring.score_lke({"1.a": "AA", "1.b": "AA"}, "88/2021-v2")
    assert score.subcomponents["1.a"] == Decimal("5.00") and score.subcomponents["1.b"] == Decimal("10.00")
    assert scoring.predikat(Decimal("90.00"), "88/2021-v2") == "AA"
    assert scoring.predikat(Decimal("90.00"), "88/2021") == "A"
    ev22.refresh_from_db()
    assert ev22.template == old and ev22.total_score == before
    assert services.default_template() == new


def test_only_the_administrator_copies_templates(users):
    t = LkeTemplate.objects.get(key="88/2021")
    for name in ("inspektorat", "kepala", "timsakip"):
        with pytest.raises(PermissionDenied):
            services.copy_template(user=users[name], template=t, key=f"x-{name}")


def test_copy_key_must_be_new(users):
    t = LkeTemplate.objects.get(key="88/2021")
    with pytest.raises(ValidationError, match="sudah dipakai"):
        services.copy_template(user=users["admin"], template=t, key="88/2021")


def test_a_draft_template_cannot_be_used(users, demo):
    t = services.copy_template(user=users["admin"], template=LkeTemplate.objects.get(key="88/2021"), key="draft-x")
    with pytest.raises(ValidationError, match="belum/tidak berlaku"):
        services.create_evaluation(user=users["inspektorat"], opd=demo["bappeda"], year=2030, template=t)
    assert not Evaluation.objects.filter(opd=demo["bappeda"], year=2030).exists()


def test_template_pages(client_for):
    t = LkeTemplate.objects.get(key="88/2021")
    admin = client_for("admin")
    assert admin.get("/evaluasi/templat/").status_code == 200
    page = admin.get(f"/evaluasi/templat/{t.pk}/")
    assert page.status_code == 200 and "1.b.8" in page.content.decode()
    response = admin.post(f"/evaluasi/templat/{t.pk}/salin/", {"key": "88/2021-v9"})
    new = LkeTemplate.objects.get(key="88/2021-v9")
    assert response.status_code == 302 and response["Location"] == f"/evaluasi/templat/{new.pk}/"
    crit = new.criteria.get(code="1.a.1")
    assert (
        admin.post(
            f"/evaluasi/templat/kriteria/{crit.pk}/ubah/",
            {
                "text": "Terdapat SOP penyusunan dokumen perencanaan kinerja",
                "evidence_hint": "SOP",
                "auto_rule": "1.a.1",
            },
        ).status_code
        == 302
    )
    crit.refresh_from_db()
    assert crit.text.startswith("Terdapat SOP")
    # the active original refuses edits with a 400 and a message
    orig = t.criteria.get(code="1.a.1")
    response = admin.post(
        f"/evaluasi/templat/kriteria/{orig.pk}/ubah/", {"text": "x", "evidence_hint": "", "auto_rule": ""}
    )
    assert response.status_code == 400 and "Salin menjadi versi baru" in response.content.decode()
    assert client_for("inspektorat").post(f"/evaluasi/templat/{t.pk}/salin/", {"key": "zzz"}).status_code == 403
