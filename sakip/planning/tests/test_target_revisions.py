"""Issue 12 item 3: an adopted Renstra's targets and a signed PK's items change only through a recorded
revision with a reason — the Tim SAKIP proposes, the Kepala OPD approves — and the history shows it."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sakip.planning import services
from sakip.planning.models import Indicator, PerjanjianKinerja, PkItem, Renstra, Target, TargetRevision

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted_target(demo):
    target = (
        Target.objects.filter(
            indicator__opd=demo["dinas"],
            indicator__node__renstra__status=Renstra.Status.DITETAPKAN,
            indicator__predicate_scale__isnull=True,
            value__isnull=False,
        )
        .exclude(indicator__polarity="stabil")
        .select_related("indicator__node__renstra")
        .first()
    )
    assert target is not None
    return target


def test_an_adopted_target_is_not_changed_directly(users, adopted_target):
    old = adopted_target.value
    for who in ("operator", "timsakip", "kepala"):
        with pytest.raises((ValidationError, PermissionDenied)):
            services.set_target(
                user=users[who], indicator=adopted_target.indicator, year=adopted_target.year, value="1"
            )
    adopted_target.refresh_from_db()
    assert adopted_target.value == old


def test_quarters_stay_editable_after_adoption(users, adopted_target):
    t = adopted_target
    q = [t.value, t.value, t.value, t.value] if t.indicator.cumulative_targets else ["1", "2", "3", str(t.value)]
    services.set_quarters(user=users["timsakip"], indicator=t.indicator, year=t.year, quarters=q)
    t.refresh_from_db()
    assert t.q1 is not None


def test_revision_proposed_by_tim_sakip_and_approved_by_the_kepala(users, adopted_target):
    t = adopted_target
    old = t.value
    with pytest.raises(ValidationError, match="Alasan"):
        services.propose_target_revision(
            user=users["timsakip"], indicator=t.indicator, year=t.year, value="1", reason=" "
        )
    with pytest.raises(PermissionDenied):
        services.propose_target_revision(
            user=users["operator"], indicator=t.indicator, year=t.year, value="1", reason="turun"
        )
    rev = services.propose_target_revision(
        user=users["timsakip"], indicator=t.indicator, year=t.year, value="1", reason="Refocusing anggaran"
    )
    t.refresh_from_db()
    assert t.value == old and rev.old_value == old and rev.new_value == Decimal(1)
    for who in ("timsakip", "sekretaris", "operator"):
        with pytest.raises(PermissionDenied):
            services.decide_target_revision(user=users[who], revision=rev, approve=True)
    services.decide_target_revision(user=users["kepala"], revision=rev, approve=True)
    t.refresh_from_db()
    rev.refresh_from_db()
    assert t.value == Decimal(1) and rev.state == TargetRevision.State.DISETUJUI
    assert rev.decided_by == users["kepala"]
    latest = t.history.first()
    assert latest.value == Decimal(1) and "Refocusing anggaran" in latest.history_change_reason
    with pytest.raises(ValidationError, match="sudah diputuskan"):
        services.decide_target_revision(user=users["kepala"], revision=rev, approve=False, note="x")


def test_a_rejection_needs_a_note_and_keeps_the_target(users, adopted_target):
    t = adopted_target
    rev = services.propose_target_revision(
        user=users["timsakip"], indicator=t.indicator, year=t.year, value="2", reason="alasan"
    )
    with pytest.raises(ValidationError):
        services.decide_target_revision(user=users["kepala"], revision=rev, approve=False)
    services.decide_target_revision(user=users["kepala"], revision=rev, approve=False, note="Tidak sesuai RPJMD")
    old = t.value
    t.refresh_from_db()
    assert t.value == old


def test_revision_pages_show_the_history_and_refuse_wrong_roles(client_for, adopted_target):
    t = adopted_target
    url = reverse("planning:target_revision_propose", args=[t.indicator_id])
    data = {"rev-year": t.year, "rev-value": "3", "rev-reason": "Perubahan kebijakan"}
    assert client_for("operator").post(url, data).status_code == 403
    assert client_for("bappeda").post(url, data).status_code in (403, 404)
    assert client_for("timsakip").post(url, data).status_code == 302
    rev = TargetRevision.objects.get(target=t)
    decide = reverse("planning:target_revision_decide", args=[rev.pk])
    assert client_for("timsakip").post(decide, {"decision": "approve"}).status_code == 403
    page = client_for("kepala").get(reverse("planning:indicator_detail", args=[t.indicator_id])).content.decode()
    assert "Perubahan kebijakan" in page and 'data-testid="approve-revision"' in page
    assert client_for("kepala").post(decide, {"decision": "approve"}).status_code == 302
    t.refresh_from_db()
    assert t.value == Decimal(3)


def test_the_target_form_refuses_a_direct_change_with_a_message(client_for, adopted_target):
    t = adopted_target
    url = reverse("planning:indicator_detail", args=[t.indicator_id])
    page = client_for("timsakip").get(url)
    assert 'data-testid="targets-frozen"' in page.content.decode()
    data = {}
    for form_year, form in page.context["rows"]:
        for name in form.fields:
            value = form.initial.get(name, "")
            data[f"y{form_year}-{name}"] = value if value is not None else ""
    data[f"y{t.year}-value"] = "1"
    response = client_for("timsakip").post(url, data)
    assert response.status_code in (200, 400) and "usulan revisi target" in response.content.decode()
    old = t.value
    t.refresh_from_db()
    assert t.value == old


def test_items_of_a_signed_pk_cannot_be_edited(demo):
    pk = PerjanjianKinerja.objects.filter(status=PerjanjianKinerja.Status.DITANDATANGANI, items__isnull=False).first()
    item = PkItem.objects.filter(pk_doc=pk).first()
    item.target = "1"
    with pytest.raises(ValidationError, match="PK Perubahan"):
        item.save()
    with pytest.raises(ValidationError, match="PK Perubahan"):
        item.delete()


# --- a revision that removes the annual range re-checks the quarters' upper bounds (docs/capaian.md §3) ---------
@pytest.fixture
def ranged_target(demo):
    """An adopted max target made a range [T, T+10] with TW I–IV targets and their upper bounds."""
    target = (
        Target.objects.filter(
            indicator__opd=demo["dinas"],
            indicator__node__renstra__status=Renstra.Status.DITETAPKAN,
            indicator__predicate_scale__isnull=True,
            indicator__polarity="max",
            indicator__cumulative_targets=False,
            value__isnull=False,
        )
        .select_related("indicator__node__renstra")
        .first()
    )
    v = target.value
    Target.objects.filter(pk=target.pk).update(
        value_max=v + 10, q1=v, q2=v, q3=v, q4=v, q1_max=v + 5, q2_max=v + 5, q3_max=v + 5, q4_max=v + 5
    )
    target.refresh_from_db()
    return target


def test_a_revision_removing_the_range_is_refused_while_quarter_bounds_are_recorded(users, ranged_target):
    t = ranged_target
    with pytest.raises(ValidationError) as exc:
        services.propose_target_revision(
            user=users["timsakip"],
            indicator=t.indicator,
            year=t.year,
            value=t.value,
            value_max="",
            reason="Rentang dihapus",
        )
    message = exc.value.message_dict["value_max"][0]
    assert f"menghapus rentang target {t.year}" in message and "Kosongkan dulu batas atas triwulan" in message
    assert not TargetRevision.objects.filter(target=t).exists()
    # with the quarters' bounds cleared first (the target table keeps them editable) the revision goes through
    services.set_target(
        user=users["timsakip"],
        indicator=t.indicator,
        year=t.year,
        value=t.value,
        value_max=t.value_max,
        quarters=t.quarters,
        quarters_max=[None] * 4,
    )
    revision = services.propose_target_revision(
        user=users["timsakip"],
        indicator=t.indicator,
        year=t.year,
        value=t.value,
        value_max="",
        reason="Rentang dihapus",
    )
    services.decide_target_revision(user=users["kepala"], revision=revision, approve=True)
    t.refresh_from_db()
    assert t.value_max is None and t.quarters_max == [None] * 4


def test_a_revision_of_a_cumulative_range_must_keep_the_tw_iv_bound(users, ranged_target):
    """Cumulative quarters: the TW IV bound is the annual one, so a new annual upper bound needs it changed first."""
    t = ranged_target
    v = t.value
    Indicator.objects.filter(pk=t.indicator_id).update(cumulative_targets=True)
    Target.objects.filter(pk=t.pk).update(q1=v / 4, q2=v / 2, q3=v * 3 / 4, q4=v, q4_max=v + 10)
    t.indicator.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.propose_target_revision(
            user=users["timsakip"], indicator=t.indicator, year=t.year, value=v, value_max=v + 12, reason="Rentang naik"
        )
    message = exc.value.message_dict["value_max"][0]
    assert "tidak cocok lagi dengan target baru" in message and "Batas atas TW IV kumulatif" in message
    assert not TargetRevision.objects.filter(target=t).exists()


def test_approval_rechecks_bounds_entered_after_the_proposal(users, ranged_target):
    t = ranged_target
    Target.objects.filter(pk=t.pk).update(q1_max=None, q2_max=None, q3_max=None, q4_max=None)
    revision = services.propose_target_revision(
        user=users["timsakip"],
        indicator=t.indicator,
        year=t.year,
        value=t.value,
        value_max="",
        reason="Rentang dihapus",
    )
    Target.objects.filter(pk=t.pk).update(
        q1_max=t.value + 5, q2_max=t.value + 5, q3_max=t.value + 5, q4_max=t.value + 5
    )
    with pytest.raises(ValidationError, match="menghapus rentang target"):
        services.decide_target_revision(user=users["kepala"], revision=revision, approve=True)
    t.refresh_from_db()
    revision.refresh_from_db()
    assert t.value_max == t.value + 10 and revision.state == TargetRevision.State.DIAJUKAN
