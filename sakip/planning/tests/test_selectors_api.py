"""The public read API used by Measurement and Evaluation."""

from decimal import Decimal

import pytest

from sakip.planning import selectors
from sakip.planning.capaian import capaian_periode
from sakip.planning.models import Indicator

pytestmark = pytest.mark.django_db


def test_plan_for_unit_with_quarters_polarity_and_scale(dinas, year):
    from sakip.organization.models import Unit

    rehsos = Unit.objects.get(opd=dinas, name="Bidang Rehabilitasi Sosial")
    plans = selectors.plan_for(dinas, year, unit=rehsos)
    names = {p.indicator.name for p in plans}
    assert "Jumlah anak dan lanjut usia terlantar yang memperoleh rehabilitasi sosial dasar" in names
    assert all(
        p.indicator.node.unit_id in {rehsos.pk} | set(rehsos.descendants().values_list("pk", flat=True)) for p in plans
    )
    anak = next(p for p in plans if p.indicator.name.startswith("Jumlah anak"))
    assert anak.aggregation == "sum" and anak.polarity == "max" and anak.precision == 0
    assert sum(anak.quarters) == anak.target
    assert anak.pk_item_ids  # carried by the Kasi's PK
    result = capaian_periode(
        anak.quarters[:2],
        [Decimal(100), Decimal(130)],
        anak.polarity,
        anak.aggregation,
        cumulative_targets=anak.cumulative_targets,
    )
    assert result.status == "ok"


def test_qualitative_plan_has_a_score(dinas, year):
    plan = next(p for p in selectors.plan_for(dinas, year, levels=[1]) if p.indicator.code == "IKU 4")
    assert plan.target_text == "BB" and plan.target_score == Decimal(80)
    assert ("AA", Decimal(100)) in [(lbl, s) for lbl, s in plan.predicate_scale]
    iku = Indicator.objects.get(pk=plan.indicator.pk)
    assert selectors.indicator_plan(iku, year).target_score == Decimal(80)


def test_checks_for_evaluation_are_plain_data(dinas, year):
    assert selectors.crosscutting_shown(dinas, year)["shown"] is True
    assert selectors.crosscutting_shown(dinas, 2022)["shown"] is False
    data = selectors.cascade_coverage(dinas, year).as_dict()
    assert {"ok", "gaps", "ikus", "holders_total"} <= set(data)
    smart = [r.as_dict() for r in selectors.smart_report(dinas, year)]
    assert all({"id", "ok", "reasons"} <= set(r) for r in smart)


def test_cascade_edges_and_renstra_for(dinas, year):
    renstra = selectors.renstra_for(dinas, year)
    assert renstra.start_year == 2025
    edges = selectors.cascade_edges(renstra, year)
    assert any(parent is None for _n, parent, _i in edges) and any(parent for _n, parent, _i in edges)
    assert selectors.renstra_for(dinas, 2024) is None
