"""The capaian engine: every example of docs/capaian.md (PermenPAN-RB 8/2021 incl. range targets), the
stabil rule, negatives, strict period aggregation, and hypothesis properties (monotonic for max,
anti-monotonic for min, never negative, stable rounding, generalised = 8/2021 for T > 0, strictness)."""

from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.planning.capaian import DEFAULT_BANDS, aggregate, average_capaian, capaian, capaian_periode, category_for

D = Decimal


# --- PermenPAN-RB 8/2021 examples (docs/capaian.md §1)
# ---------------------------------------------------------------------------------------
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


def test_stabil_inside_below_above():
    assert capaian(4, 5, "stabil", target_max=6).percent == D("100.00")
    assert capaian(4, 4, "stabil", target_max=6).percent == D("100.00")
    assert capaian(4, 6, "stabil", target_max=6).percent == D("100.00")
    assert capaian(4, 3, "stabil", target_max=6).percent == D("75.00")
    above = capaian(4, 7, "stabil", target_max=6)
    assert above.percent == D("83.33")
    assert "di atas rentang target 4–6" in above.explanation
    assert capaian(4, 20, "stabil", target_max=6).percent == D("0.00")


def test_stabil_with_lower_bound_zero_is_fine():
    assert capaian(0, 0, "stabil", target_max=5).percent == D("100.00")
    assert capaian(0, D("2.5"), "stabil", target_max=5).percent == D("100.00")


@pytest.mark.parametrize("target_max", [None, 3])
def test_stabil_without_or_below_upper_bound_is_rejected(target_max):
    with pytest.raises(ValueError):
        capaian(4, 5, "stabil", target_max=target_max)


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
    # TW I and II reported: 40 + 50 = 90 vs 50 + 50 = 100
    result = capaian_periode([50, 50], [40, 50], "max", "sum")
    assert result.percent == D("90.00")
    assert "periode ke-1, 2" in result.explanation


def test_capaian_periode_sum_against_cumulative_target():
    result = capaian_periode([25, 50], [20, 30], "max", "sum", cumulative_targets=True)
    assert result.percent == D("100.00")  # 50 vs cumulative target s.d. TW II = 50


def test_capaian_periode_last_uses_period_n_alone():
    result = capaian_periode([60, 65, 70], [58, None, 72], "max", "last")
    assert result.percent == D("102.86")  # 72 / 70, the blank TW II does not matter for "last"


def test_capaian_periode_average_and_min_polarity():
    result = capaian_periode([8, 8], [7, 9], "min", "average")
    assert result.percent == D("100.00")  # avg 8 vs avg 8


def test_capaian_periode_missing_period_target():
    result = capaian_periode([10, None], [5, 5], "max", "sum")
    assert result.status == "tidak_dapat_dihitung"


def test_capaian_periode_nothing_filled():
    assert capaian_periode([10, 10], [None, None], "max", "sum").status == "belum_ada_realisasi"


def test_capaian_periode_binary_and_range():
    assert capaian_periode([None, None], ["tidak", "ya"], "binary", "last").percent == D("100.00")
    result = capaian_periode([4, 4], [5, 7], "stabil", "last", targets_max=[6, 6])
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
def test_stabil_never_negative_and_at_most_100(t_lo, extra, r):
    result = capaian(t_lo, r, "stabil", target_max=t_lo + extra)
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


# --- PermenPAN-RB 8/2021: a range is a target (docs/capaian.md §1) -----------------------------------------
@pytest.mark.parametrize(
    ("polarity", "t", "t_max", "real", "expected"),
    [
        ("max", 80, 90, 70, "87.50"),
        ("max", 80, 90, 92, "102.22"),
        ("max", 80, 90, 85, "100.00"),
        ("min", 7, 8, "6.5", "107.14"),
        ("min", 7, 8, 9, "87.50"),
        ("min", 7, 8, "7.5", "100.00"),
    ],
)
def test_range_targets_keep_the_indicator_formula(polarity, t, t_max, real, expected):
    result = capaian(t, real, polarity, target_max=t_max)
    assert result.percent == D(expected)
    assert result.target == D(t) and result.target_max == D(t_max)


def test_range_target_explanation_names_the_bound_used():
    assert "di atas rentang target 80–90" in capaian(80, 92, "max", target_max=90).explanation
    assert "92 / 90 × 100" in capaian(80, 92, "max", target_max=90).explanation


def test_range_upper_bound_below_lower_is_refused():
    with pytest.raises(ValueError, match="lebih kecil"):
        capaian(80, 85, "max", target_max=70)


def test_binary_takes_no_range():
    with pytest.raises(ValueError, match="biner"):
        capaian(None, "ya", "binary", target_max=5)


def test_stabil_requires_upper_bound():
    with pytest.raises(ValueError, match="batas atas"):
        capaian(4, 5, "stabil")


# --- values that may be negative (growth rates) --------------------------------------------------------------
def test_negative_refused_unless_the_indicator_allows_it():
    with pytest.raises(ValueError, match="negatif"):
        capaian(5, -1, "max")
    assert capaian(5, -1, "max", allow_negative=True).percent == D("0.00")  # floored at 0


@pytest.mark.parametrize(
    ("polarity", "t", "real", "expected"),
    [
        ("max", -2, -1, "150.00"),  # (1 + (−1 − −2) / 2) × 100
        ("max", -2, -3, "50.00"),
        ("min", -2, -3, "150.00"),  # (1 − (−3 − −2) / 2) × 100
        ("min", -2, -1, "50.00"),
        ("max", 4, 5, "125.00"),
        ("min", 4, 5, "75.00"),
        ("min", 0, 0, "100.00"),
    ],
)
def test_generalised_formulas(polarity, t, real, expected):
    assert capaian(t, real, polarity, allow_negative=True).percent == D(expected)


def test_target_zero_stays_not_computable_when_negative_allowed():
    assert capaian(0, 3, "max", allow_negative=True).status == "tidak_dapat_dihitung"
    assert capaian(0, -3, "min", allow_negative=True).status == "tidak_dapat_dihitung"


# --- strict period aggregation (docs/capaian.md §3) ----------------------------------------------------------
def test_blank_earlier_quarter_is_not_silently_dropped():
    # 20, –, 25 against 25 per quarter: neither 90 % nor 60 %, but "tidak dapat dihitung" naming TW II
    per_quarter = capaian_periode([25, 25, 25], [20, None, 25], "max", "sum")
    cumulative = capaian_periode([25, 50, 75], [20, None, 25], "max", "sum", cumulative_targets=True)
    for result in (per_quarter, cumulative):
        assert result.status == "tidak_dapat_dihitung"
        assert "periode ke-2" in result.explanation


def test_blank_period_n_is_belum_ada_realisasi_naming_it():
    result = capaian_periode([25, 25, 25], [20, 25, None], "max", "sum")
    assert result.status == "belum_ada_realisasi"
    assert "periode ke-3" in result.explanation
    assert capaian_periode([None, None], [None, None], "binary", "last").status == "belum_ada_realisasi"


@pytest.mark.parametrize("method", ["sum", "average", "max", "min"])
def test_every_aggregation_but_last_needs_every_period(method):
    assert capaian_periode([10, 10, 10], [10, None, 10], "max", method).status == "tidak_dapat_dihitung"
    assert capaian_periode([10, 10, 10], [10, None, 10], "max", "last").status == "ok"


def test_compared_target_is_the_cumulative_one():
    # DPK "Target s.d. TW": 4 × 115 = 460 at TW IV, not the quarter's 115
    result = capaian_periode([115] * 4, [100, 110, 120, 130], "max", "sum")
    assert result.target == D(460)
    assert result.percent == D("100.00")
    assert capaian_periode(
        [115, 230, 345, 460], [100, 110, 120, 130], "max", "sum", cumulative_targets=True
    ).target == D(460)


def test_missing_target_among_periods_is_named():
    result = capaian_periode([10, None, 10], [5, 5, 5], "max", "sum")
    assert result.status == "tidak_dapat_dihitung"
    assert "target periode ke-2" in result.explanation


def test_per_period_upper_bounds_are_aggregated_the_same_way():
    # quarterly range targets 20–25 each, sum over TW I–II: 40–50; realisasi 52 → 52 / 50 (max, above the range)
    result = capaian_periode([20, 20], [26, 26], "max", "sum", targets_max=[25, 25])
    assert (result.target, result.target_max) == (D(40), D(50))
    assert result.percent == D("104.00")
    # the quarter's own bound at TW II with cumulative targets
    q = capaian_periode([20, 40], [20, 21], "stabil", "last", cumulative_targets=True, targets_max=[25, 45])
    assert q.target_max == D(45)


def test_a_missing_upper_bound_among_ranged_periods_is_not_computable():
    assert capaian_periode([20, 20], [21, 21], "max", "sum", targets_max=[25, None]).status == "tidak_dapat_dihitung"


def test_negative_values_through_periods():
    result = capaian_periode([-2, -2], [-1, -1], "max", "average", allow_negative=True)
    assert result.percent == D("150.00")


# --- properties of the 8/2021 rules --------------------------------------------------------------------------
signed = st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False, allow_infinity=False)


@given(st.sampled_from(["max", "min"]), positive, signed)
def test_generalised_equals_8_2021_for_positive_targets(polarity, t, r):
    generalised = capaian(t, r, polarity, allow_negative=True)
    if r >= 0:
        assert generalised.percent == capaian(t, r, polarity).percent
    with localcontext() as ctx:
        ctx.prec = 40
        classic = r / t * 100 if polarity == "max" else (2 - r / t) * 100
    assert generalised.percent == max(classic, D(0)).quantize(D("0.01"), rounding=ROUND_HALF_UP)


@given(st.sampled_from(["max", "min"]), positive, positive, amounts)
def test_range_target_is_100_inside_and_the_formula_outside(polarity, t, extra, r):
    t_max = t + extra
    result = capaian(t, r, polarity, target_max=t_max)
    if t <= r <= t_max:
        assert result.percent == D("100.00")
    else:
        bound = t_max if r > t_max else t
        assert result.percent == capaian(bound, r, polarity).percent


quarters = st.lists(st.one_of(st.none(), amounts), min_size=1, max_size=4)


@given(quarters, st.sampled_from(["sum", "average", "max", "min"]), amounts)
def test_adding_a_filled_period_never_makes_an_incomplete_result_computable(values, method, fill):
    """Periods 1..n with a blank among them stay not computable when a filled period n + 1 is added."""
    if None not in values:
        return
    targets = [D(10)] * (len(values) + 1)
    assert capaian_periode(targets[:-1], values, "max", method).status != "ok"
    assert capaian_periode(targets, [*values, fill], "max", method).status == "tidak_dapat_dihitung"


def test_the_compared_target_is_known_while_period_n_is_blank():
    # the unit form prints "target s.d. TW IV 460" before TW IV is entered, not the quarter's 115
    result = capaian_periode([115] * 4, [100, 110, 120, None], "max", "sum")
    assert result.status == "belum_ada_realisasi"
    assert result.target == D(460)


# --- issue 10 item 9: the properties in their general form -----------------------------------------------------
@given(st.sampled_from(["max", "min"]), positive, amounts, amounts)
def test_generalised_equals_8_2021_for_positive_targets_with_ranges(polarity, t, extra, r):
    """For T > 0 (and Tmax ≥ T) allow_negative changes nothing: the same percent, status and category."""
    t_max = t + extra
    for kwargs in ({}, {"target_max": t_max}):
        generalised = capaian(t, r, polarity, allow_negative=True, **kwargs)
        classic = capaian(t, r, polarity, **kwargs)
        assert (generalised.percent, generalised.status, generalised.category) == (
            classic.percent,
            classic.status,
            classic.category,
        )


@given(
    st.sampled_from(["max", "min"]),
    st.lists(positive, min_size=1, max_size=4),
    st.lists(amounts, min_size=1, max_size=4),
    st.sampled_from(["sum", "last", "average", "max", "min"]),
    st.booleans(),
)
def test_generalised_equals_8_2021_through_the_periods(polarity, targets, values, method, cumulative):
    n = min(len(targets), len(values))
    targets, values = targets[:n], values[:n]
    generalised = capaian_periode(targets, values, polarity, method, cumulative_targets=cumulative, allow_negative=True)
    classic = capaian_periode(targets, values, polarity, method, cumulative_targets=cumulative)
    assert (generalised.percent, generalised.status) == (classic.percent, classic.status)


@given(
    st.lists(st.one_of(st.none(), amounts), min_size=2, max_size=4),
    st.integers(min_value=0, max_value=2),
    st.lists(st.one_of(st.none(), amounts), min_size=0, max_size=3),
    st.sampled_from(["sum", "average", "max", "min"]),
    st.sampled_from(["max", "min"]),
    st.booleans(),
    st.booleans(),
)
def test_a_blank_before_n_is_never_computable_whatever_is_added(
    values, blank_at, added, method, polarity, cumulative, negative
):
    """Strictness: periods 1..n with a blank before n are not computable; appending any further periods (filled or
    blank) never makes the result computable — for every aggregation but `last`, every polarity, with cumulative
    or per-period targets, with or without allow_negative."""
    values = list(values)
    values[min(blank_at, len(values) - 2)] = None  # a blank strictly before the last period
    full = [*values, *added]
    targets = [D(10)] * len(full)
    for periods in (values, full):
        result = capaian_periode(
            targets[: len(periods)],
            periods,
            polarity,
            method,
            cumulative_targets=cumulative,
            allow_negative=negative,
        )
        assert result.status != "ok" and result.percent is None
        if periods[-1] is not None:
            assert result.status == "tidak_dapat_dihitung"
