"""The capaian engine: every example of shared/domain.md §A2, the edge cases of the issue, and
hypothesis properties (monotonic for max, anti-monotonic for min, never negative, stable rounding)."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.planning.capaian import DEFAULT_BANDS, aggregate, average_capaian, capaian, capaian_periode, category_for

D = Decimal


# --- §A2 examples ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("target", "real", "expected"), [(7, "6.5", "107.14"), (8, 9, "87.50"), (8, 20, "0.00")])
def test_min_examples_of_permenpan_8_2021(target, real, expected):
    result = capaian(target, real, "min")
    assert result.percent == D(expected)
    assert result.status == "ok"


def test_min_example_explanation_names_rule_and_numbers():
    result = capaian(7, D("6.5"), "min")
    assert result.explanation == "Capaian 107,14% = (2 − 6,5 / 7) × 100 (polaritas minimal)"
    assert result.category == "Sangat Tinggi"


def test_min_floored_at_zero_says_so():
    result = capaian(8, 20, "min")
    assert result.percent == D("0.00")
    assert "dibatasi paling rendah 0" in result.explanation
    assert result.category == "Sangat Rendah"


def test_max_rule():
    result = capaian(200, 190, "max")
    assert result.percent == D("95.00")
    assert result.explanation.startswith("Capaian 95,00% = 190 / 200 × 100")


def test_max_is_never_capped():
    assert capaian(100, 250).percent == D("250.00")


def test_range_inside_below_above():
    assert capaian(4, 5, "range", target_max=6).percent == D("100.00")
    assert capaian(4, 4, "range", target_max=6).percent == D("100.00")
    assert capaian(4, 6, "range", target_max=6).percent == D("100.00")
    assert capaian(4, 3, "range", target_max=6).percent == D("75.00")
    above = capaian(4, 7, "range", target_max=6)
    assert above.percent == D("83.33")
    assert "di atas rentang target 4–6" in above.explanation
    assert capaian(4, 20, "range", target_max=6).percent == D("0.00")


def test_range_with_lower_bound_zero_is_fine():
    assert capaian(0, 0, "range", target_max=5).percent == D("100.00")
    assert capaian(0, D("2.5"), "range", target_max=5).percent == D("100.00")


@pytest.mark.parametrize("target_max", [None, 3])
def test_range_without_or_below_upper_bound_is_rejected(target_max):
    with pytest.raises(ValueError):
        capaian(4, 5, "range", target_max=target_max)


@pytest.mark.parametrize(
    ("real", "expected"),
    [
        (True, "100.00"),
        (False, "0.00"),
        (1, "100.00"),
        (0, "0.00"),
        ("ya", "100.00"),
        ("Tidak", "0.00"),
        (" YA ", "100.00"),
    ],
)
def test_binary(real, expected):
    result = capaian(None, real, "binary")
    assert result.percent == D(expected)


@pytest.mark.parametrize("real", ["mungkin", 2, D("0.5"), 1.5])
def test_binary_rejects_other_values(real):
    with pytest.raises(ValueError):
        capaian(1, real, "binary")


def test_missing_realisasi_wins_over_every_other_status():
    for polarity in ("max", "min", "binary"):
        assert capaian(None, None, polarity).status == "belum_ada_realisasi"
    assert capaian(0, None, "max").status == "belum_ada_realisasi"
    assert capaian(5, "", "max").status == "belum_ada_realisasi"
    result = capaian(5, None)
    assert result.percent is None and result.category is None


def test_zero_realisasi_is_a_value_not_missing():
    result = capaian(10, 0)
    assert result.status == "ok"
    assert result.percent == D("0.00")


def test_missing_target_cannot_be_computed():
    result = capaian(None, 5)
    assert result.status == "tidak_dapat_dihitung"
    assert "target belum ditetapkan" in result.explanation
    assert result.percent is None


def test_target_zero():
    assert capaian(0, 5, "max").status == "tidak_dapat_dihitung"
    assert "target 0" in capaian(0, 5, "max").explanation
    assert capaian(0, 0, "min").percent == D("100.00")
    assert capaian(0, 1, "min").status == "tidak_dapat_dihitung"


@pytest.mark.parametrize(
    ("target", "real"), [(-1, 5), (5, -1), ("abc", 5), (5, "lima"), (5, "6,5"), (D("NaN"), 1), (5, float("inf"))]
)
def test_bad_numbers_raise_value_error_with_a_message(target, real):
    with pytest.raises(ValueError) as exc:
        capaian(target, real)
    assert str(exc.value)


def test_unknown_polarity_is_rejected():
    with pytest.raises(ValueError):
        capaian(1, 1, "maksimal")


def test_number_forms():
    assert capaian("7", "6.5", "min").percent == D("107.14")
    assert capaian(7.0, 6.5, "min").percent == D("107.14")
    assert capaian(D("7"), D("6.5"), "min").percent == D("107.14")
    assert capaian(3, 1).percent == D("33.33")
    assert capaian(3, 2).percent == D("66.67")


def test_half_up_rounding():
    # 1 / 8 × 100 = 12.5 exactly → 12.50; 0.125 % style values round half up
    assert capaian(800, 1).percent == D("0.13")  # 0.125 → 0.13 (half up, not banker's)
    assert capaian(1600, 1).percent == D("0.06")  # 0.0625 → 0.06


@pytest.mark.parametrize(
    ("percent", "label"),
    [
        ("91", "Sangat Tinggi"),
        ("90.99", "Tinggi"),
        ("76", "Tinggi"),
        ("75.99", "Sedang"),
        ("66", "Sedang"),
        ("65.99", "Rendah"),
        ("51", "Rendah"),
        ("50.99", "Sangat Rendah"),
        ("0", "Sangat Rendah"),
        ("150", "Sangat Tinggi"),
    ],
)
def test_five_bands(percent, label):
    assert category_for(D(percent)) == label


def test_band_applies_to_the_rounded_percent():
    # 90.995 rounds half-up to 91.00 → Sangat Tinggi
    result = capaian(200000, D("181990"))
    assert result.percent == D("91.00")
    assert result.category == "Sangat Tinggi"


def test_other_band_scale():
    bands = [(D("100"), "Tercapai"), (D("0"), "Tidak tercapai")]
    assert capaian(10, 10, bands=bands).category == "Tercapai"
    assert capaian(10, 9, bands=bands).category == "Tidak tercapai"


# --- aggregation -----------------------------------------------------------------------------------------
def test_aggregate_methods():
    values = [D(10), None, D(30), D(20)]
    assert aggregate(values, "sum") == D(60)
    assert aggregate(values, "last") == D(20)
    assert aggregate(values, "average") == D(20)
    assert aggregate(values, "max") == D(30)
    assert aggregate(values, "min") == D(10)
    assert aggregate([None, None], "sum") is None
    assert aggregate([D(1), D(2)], "average") == D("1.5")
    with pytest.raises(ValueError):
        aggregate(values, "median")


def test_aggregate_is_exact():
    value = aggregate([D(1), D(1), D(2)], "average")
    assert value.as_tuple().exponent < -20  # not rounded to 2 places
    assert value.quantize(D("1e-20")) == D("1.33333333333333333333")
    assert aggregate([D("0.1"), D("0.2")], "sum") == D("0.3")


def test_capaian_periode_sum_against_the_same_periods():
    # TW I and II filled: 40 + 50 = 90 vs 50 + 50 = 100
    result = capaian_periode([50, 50, 50, 50], [40, 50, None, None], "max", "sum")
    assert result.percent == D("90.00")
    assert "periode ke-1, 2" in result.explanation


def test_capaian_periode_sum_against_cumulative_target():
    result = capaian_periode([25, 50, 75, 100], [20, 30, None, None], "max", "sum", cumulative_targets=True)
    assert result.percent == D("100.00")  # 50 vs cumulative target s.d. TW II = 50


def test_capaian_periode_last_uses_latest_filled_period():
    result = capaian_periode([60, 65, 70, 75], [58, None, 72, None], "max", "last")
    assert result.percent == D("102.86")  # 72 / 70


def test_capaian_periode_average_and_min_polarity():
    result = capaian_periode([8, 8, 8, 8], [7, 9, None, None], "min", "average")
    assert result.percent == D("100.00")  # avg 8 vs avg 8


def test_capaian_periode_missing_period_target():
    result = capaian_periode([10, None], [5, 5], "max", "sum")
    assert result.status == "tidak_dapat_dihitung"


def test_capaian_periode_nothing_filled():
    assert capaian_periode([10, 10], [None, None], "max", "sum").status == "belum_ada_realisasi"


def test_capaian_periode_binary_and_range():
    assert capaian_periode([None, None], ["tidak", "ya"], "binary", "last").percent == D("100.00")
    result = capaian_periode([4, 4], [5, 7], "range", "last", targets_max=[6, 6])
    assert result.percent == D("83.33")


# --- averages ----------------------------------------------------------------------------------------------
def test_average_capaian_caps_each_item_and_ignores_none():
    assert average_capaian([D(100), D(150), None, D(80)]) == D("100.00")  # (100 + 120 + 80) / 3
    assert average_capaian([D(100), D(150)], cap=None) == D("125.00")
    assert average_capaian([D(100), D(150)], cap=D(100)) == D("100.00")
    assert average_capaian([None]) is None
    assert average_capaian([D("33.333"), D("33.333"), D("33.335")]) == D("33.33")


# --- properties ----------------------------------------------------------------------------------------------
amounts = st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value=D("0.001"), max_value=10**9, places=3, allow_nan=False, allow_infinity=False)


@given(positive, amounts, amounts)
def test_monotonic_in_realisasi_for_max(t, r1, r2):
    lo, hi = sorted([r1, r2])
    assert capaian(t, lo, "max").percent <= capaian(t, hi, "max").percent


@given(positive, amounts, amounts)
def test_anti_monotonic_in_realisasi_for_min(t, r1, r2):
    lo, hi = sorted([r1, r2])
    assert capaian(t, lo, "min").percent >= capaian(t, hi, "min").percent


@given(st.sampled_from(["max", "min"]), positive, amounts)
def test_never_negative(polarity, t, r):
    assert capaian(t, r, polarity).percent >= 0


@given(positive, positive, amounts)
def test_range_never_negative_and_at_most_100(t_lo, extra, r):
    result = capaian(t_lo, r, "range", target_max=t_lo + extra)
    assert D(0) <= result.percent <= D(100)


@given(st.sampled_from(["max", "min"]), positive, amounts)
def test_stable_rounding(polarity, t, r):
    result = capaian(t, r, polarity)
    assert result.percent == result.percent.quantize(D("0.01"), rounding=ROUND_HALF_UP)
    assert result.percent.as_tuple().exponent == -2
    assert capaian(t, r, polarity) == result  # deterministic
    assert result.category == category_for(result.percent)


@given(st.lists(st.one_of(st.none(), amounts), min_size=1, max_size=6))
def test_average_within_bounds(values):
    avg = average_capaian(values)
    present = [min(v, D(120)) for v in values if v is not None]
    if not present:
        assert avg is None
    else:
        assert min(present).quantize(D("0.01")) - D("0.01") <= avg <= max(present).quantize(D("0.01")) + D("0.01")


def test_default_bands_are_the_five_of_a2():
    assert [label for _b, label in DEFAULT_BANDS] == ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"]
