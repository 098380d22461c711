"""The LKjIP: compiled from the locked measurement only, every Bab III figure equal to the figures
engine's result computed here independently, versions instead of a second LKjIP, "perlu diperbarui"
after a recorded revision, narratives audited and editable only by the OPD."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sakip.core.dbguards import bypass
from sakip.measurement import services as MS
from sakip.measurement.models import Period, Realisasi, RevisionRequest, UnitSubmission
from sakip.planning import capaian as engine
from sakip.planning.models import Indicator, Target
from sakip.reporting import lkjip as L
from sakip.reporting import lkjip_services as S
from sakip.reporting.models import Lkjip
from sakip.reporting.tests.test_dpk import _expected

pytestmark = pytest.mark.django_db


def _period(dinas, year=2022):
    return Period.objects.get(opd=dinas, year=year, triwulan=4, status=Period.Status.SELESAI)


def _fresh_lkjip(dinas, year=2022):
    Lkjip.objects.filter(opd=dinas, year=year).delete()


def test_every_bab3_figure_equals_the_engine(demo, users):
    dinas = demo["dinas"]
    _fresh_lkjip(dinas)
    version = S.compile_lkjip(user=users["timsakip"], opd=dinas, year=2022)
    period = _period(dinas)
    assert version.period_id == period.pk
    rows = [r for s in version.data["sasaran"] for r in s["rows"]]
    assert rows, "the 2022 measurement has strategic indicators"
    checked = 0
    for r in rows:
        indicator = Indicator.objects.get(pk=r["indicator"])
        expected = _expected(indicator, period)
        assert r["capaian"] == (str(expected.percent) if expected.percent is not None else None), r["name"]
        assert r["category"] == (expected.category or "")
        target = Target.objects.get(indicator=indicator, year=2022)
        # (3) against the Renstra end-period target, through the engine.
        end = Target.objects.filter(indicator=indicator, year=version.data["renstra"]["end"]).first()
        if end is not None and end.value is not None and r["realisasi"] and not indicator.predicate_scale_id:
            if indicator.polarity != "binary":
                cmp = engine.capaian(end.value, Decimal(r["realisasi"]), indicator.polarity, target_max=end.value_max)
                assert r["renstra_capaian"] == str(cmp.percent)
                checked += 1
        assert target is not None
    assert checked > 0


def test_realisasi_and_budget_equal_the_measurement(demo, users):
    dinas = demo["dinas"]
    _fresh_lkjip(dinas)
    version = S.compile_lkjip(user=users["timsakip"], opd=dinas, year=2022)
    period = _period(dinas)
    for s in version.data["sasaran"]:
        for r in s["rows"]:
            qs = Realisasi.objects.filter(
                indicator_id=r["indicator"], submission__period__opd=dinas, submission__period__year=2022
            ).exclude(submission__period__status="dibatalkan")
            values = {x.submission.period.triwulan: x.value for x in qs.select_related("submission__period")}
            if r["aggregation"] in engine.AGGREGATIONS and all(values.get(q) is not None for q in (1, 2, 3, 4)):
                agg = engine.aggregate([values[q] for q in (1, 2, 3, 4)], r["aggregation"])
                assert Decimal(r["realisasi"]) == agg
    # B. Realisasi Anggaran: pagu and serapan per programme from the budget rows (sum of TW I–IV).
    from sakip.measurement.models import BudgetRealisasi
    from sakip.reporting import efficiency as E

    for b in version.data["budget"]:
        rows = BudgetRealisasi.objects.filter(
            code=b["code"], submission__period__opd=dinas, submission__period__year=2022
        ).exclude(submission__period__status="dibatalkan")
        total = sum((x.realisasi or 0 for x in rows), Decimal(0))
        pagu = rows.filter(submission__period=period).first().pagu
        assert Decimal(b["realisasi"]) == total
        assert b["serapan"] == str(E.serapan(pagu, total))


def test_refused_when_the_measurement_is_not_locked(demo, users):
    dinas = demo["dinas"]
    with pytest.raises(ValidationError) as exc:
        S.compile_lkjip(user=users["timsakip"], opd=dinas, year=2019)
    assert "2019" in str(exc.value) and "belum ada" in str(exc.value)
    # The current year's period is in progress: its TW IV / Tahunan is missing or open.
    current = Period.objects.filter(opd=dinas).exclude(year=2022).order_by("-year").first()
    with pytest.raises(ValidationError) as exc:
        S.compile_lkjip(user=users["timsakip"], opd=dinas, year=current.year + 1)
    assert str(current.year + 1) in str(exc.value)
    assert not Lkjip.objects.filter(opd=dinas, year=2019).exists()


def test_refused_names_the_unit_not_locked(demo, users):
    dinas = demo["dinas"]
    _fresh_lkjip(dinas)
    period = _period(dinas)
    sub = UnitSubmission.objects.filter(period=period).order_by("order").first()
    with bypass():  # a form that was never locked; on PostgreSQL the trigger refuses unlocking a locked one
        UnitSubmission.objects.filter(pk=sub.pk).update(state=UnitSubmission.State.DRAFT)
    with pytest.raises(ValidationError) as exc:
        S.compile_lkjip(user=users["timsakip"], opd=dinas, year=2022)
    assert "belum dikunci" in str(exc.value) and (sub.unit.short_name or sub.unit.name) in str(exc.value)
    assert not Lkjip.objects.filter(opd=dinas, year=2022).exists()


def test_second_compilation_is_a_new_version(demo, users):
    dinas = demo["dinas"]
    _fresh_lkjip(dinas)
    v1 = S.compile_lkjip(user=users["timsakip"], opd=dinas, year=2022)
    S.save_section(
        user=users["timsakip"], version=v1, field="isu_strategis", text="Kemiskinan ekstrem", expected_revision=0
    )
    v2 = S.compile_lkjip(user=users["sekretaris"], opd=dinas, year=2022)
    assert Lkjip.objects.filter(opd=dinas, year=2022).count() == 1
    assert (v1.lkjip_id, v2.number) == (v2.lkjip_id, 2)
    assert v2.isu_strategis == "Kemiskinan ekstrem"  # narratives carried over
    assert Lkjip.objects.get(pk=v1.lkjip_id).current_id == v2.pk


def test_sasaran_narrative_prefilled_from_measurement(demo, users):
    dinas = demo["dinas"]
    _fresh_lkjip(dinas)
    version = S.compile_lkjip(user=users["timsakip"], opd=dinas, year=2022)
    for s, item in zip(version.data["sasaran"], version.sasaran.order_by("order")):
        causes, solutions = L.prefill_narrative(s["rows"])
        assert (item.analisis, item.solusi) == (causes, solutions)
    assert any(item.analisis for item in version.sasaran.all())


def test_revision_after_compile_marks_perlu_diperbarui(demo, users):
    dinas = demo["dinas"]
    _fresh_lkjip(dinas)
    version = S.compile_lkjip(user=users["timsakip"], opd=dinas, year=2022)
    lkjip = version.lkjip
    assert S.needs_update(lkjip) == []
    request = RevisionRequest.objects.filter(
        submission__period=version.period, state=RevisionRequest.State.DIAJUKAN
    ).first()
    assert request is not None, "the demo has a pending revision request on TW IV 2022"
    MS.decide_revision(user=users["kepala"], request=request, approve=True, note="")
    assert S.needs_update(lkjip) == [request.submission.unit.name]
    with pytest.raises(ValidationError):
        S.send_to_reviu(user=users["timsakip"], lkjip=lkjip)


def test_narratives_audited_and_only_the_opd_edits(demo, users):
    dinas = demo["dinas"]
    _fresh_lkjip(dinas)
    version = S.compile_lkjip(user=users["timsakip"], opd=dinas, year=2022)
    S.save_section(user=users["sekretaris"], version=version, field="penutup", text="Penutup baru", expected_revision=0)
    version.refresh_from_db()
    assert version.penutup == "Penutup baru"
    latest = version.history.order_by("-history_id").first()
    assert latest.history_change_reason.startswith("Diubah") and latest.penutup == "Penutup baru"
    for name in ("kabid", "operator", "inspektorat", "pemda"):
        with pytest.raises(PermissionDenied):
            S.save_section(user=users[name], version=version, field="penutup", text="x")
    from django.http import Http404

    with pytest.raises(Http404):
        S.save_section(user=users["bappeda"], version=version, field="penutup", text="x")
    with pytest.raises(ValidationError):  # stale form
        S.save_section(user=users["sekretaris"], version=version, field="penutup", text="y", expected_revision=0)
    version.refresh_from_db()
    assert version.penutup == "Penutup baru"
    item = version.sasaran.first()
    S.save_sasaran(user=users["timsakip"], item=item, analisis="A", solusi="B", expected_revision=0)
    item.refresh_from_db()
    assert (item.analisis, item.solusi, item.revision) == ("A", "B", 1)


def test_another_opd_cannot_compile(demo, users):
    from django.http import Http404

    with pytest.raises(Http404):
        S.compile_lkjip(user=users["bappeda"], opd=demo["dinas"], year=2022)
    with pytest.raises(PermissionDenied):
        S.compile_lkjip(user=users["kabid"], opd=demo["dinas"], year=2022)


def test_standard_comparison(demo, users):
    dinas = demo["dinas"]
    _fresh_lkjip(dinas)
    period = _period(dinas)
    row = (
        Realisasi.objects.filter(submission__period=period, indicator__node__level__lte=1, scale=[])
        .exclude(polarity="binary")
        .first()
    )
    Indicator.objects.filter(pk=row.indicator_id).update(standard=Decimal("50"), standard_source="SPM")
    version = S.compile_lkjip(user=users["timsakip"], opd=dinas, year=2022)
    r = next(r for s in version.data["sasaran"] for r in s["rows"] if r["indicator"] == row.indicator_id)
    expected = engine.capaian(
        Decimal("50"), Decimal(r["realisasi"]), row.polarity if row.polarity != "stabil" else "max"
    )
    assert r["standard_capaian"] == str(expected.percent) and r["standard_source"] == "SPM"
