"""The measurement figures feed the planning engine the right inputs (and nothing else computes capaian)."""

from decimal import Decimal as D

from sakip.measurement.figures import average, category_class, row_figure
from sakip.measurement.models import Realisasi
from sakip.planning import capaian as engine


def row(**kw):
    defaults = {
        "polarity": "max",
        "aggregation": "last",
        "cumulative_targets": False,
        "precision": 2,
        "scale": [],
        "target_year": D("80"),
        "target_text": "",
        "target_max": None,
        "quarters": [None, None, None, None],
        "value": None,
        "value_text": "",
    }
    defaults.update(kw)
    return Realisasi(**defaults)


def test_triwulan_sum_uses_the_sum_of_realisasi_and_of_the_quarter_targets():
    r = row(aggregation="sum", target_year=D("400"), quarters=["100", "100", "100", "100"], value=D("90"))
    fig = row_figure(r, {1: (D("110"), "")}, 2)
    expected = engine.capaian_periode([D(100), D(100)], [D(110), D(90)], "max", "sum")
    assert fig.percent == expected.percent == D("100.00")
    assert fig.cumulative == D(200)
    assert fig.values == [D("110"), D("90")]


def test_cumulative_targets_use_the_target_of_the_last_filled_quarter():
    r = row(aggregation="last", cumulative_targets=True, quarters=["20", "40", "60", "80"], value=D("30"))
    fig = row_figure(r, {}, 2)
    assert fig.percent == D("75.00")
    assert fig.target_period == D("40")


def test_without_quarter_targets_the_annual_target_is_used_and_said_so():
    r = row(target_year=D("68"), value=D("17"))
    fig = row_figure(r, {}, 1)
    assert fig.percent == D("25.00")
    assert "target tahunan" in fig.explanation
    assert fig.category == "Sangat Rendah" and fig.css == "cat-sangat-rendah"


def test_minimal_polarity_and_missing_realisasi():
    r = row(polarity="min", target_year=D("7"), value=D("6.5"))
    assert row_figure(r, {}, 0).percent == D("107.14")
    empty = row_figure(row(), {}, 3)
    assert empty.percent is None and empty.status == "belum_ada_realisasi"


def test_qualitative_predicates_map_to_their_scores():
    scale = [["AA", "100"], ["A", "90"], ["BB", "80"], ["B", "70"]]
    r = row(scale=scale, target_text="BB", target_year=D("80"), value_text="A")
    fig = row_figure(r, {}, 4)
    assert fig.percent == D("112.50")
    assert fig.cumulative == "A"
    bad = row_figure(row(scale=scale, target_text="BB", value_text="Z"), {}, 1)
    assert bad.percent is None and "tidak ada pada skala" in bad.explanation


def test_binary_and_preview_values():
    r = row(polarity="binary")
    assert row_figure(r, {}, 1, current=(None, "ya")).percent == D(100)
    assert row_figure(r, {}, 1, current=(None, "tidak")).percent == D(0)


def test_tahunan_compares_the_annual_value():
    r = row(target_year=D("50"), value=D("45"))
    fig = row_figure(r, {1: (D("1"), "")}, 0)
    assert fig.percent == engine.capaian(D("50"), D("45")).percent == D("90.00")


def test_average_caps_each_item_and_categories_have_css_classes():
    figs = [
        row_figure(row(target_year=D("10"), value=D("100")), {}, 0),
        row_figure(row(target_year=D("10"), value=D("8")), {}, 0),
    ]
    percent, category = average(figs)
    assert percent == D("100.00")  # (120 + 80) / 2 with the 120 cap
    assert category == "Sangat Tinggi"
    assert category_class("Sedang") == "cat-sedang" and category_class(None) == ""
