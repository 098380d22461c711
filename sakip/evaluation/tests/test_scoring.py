"""The scoring module (PermenPAN-RB 88/2021; docs/scoring.md): pure, no database."""

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip.evaluation import lke_reference as ref
from sakip.evaluation import scoring
from sakip.evaluation.scoring import predikat, score_lke, suggest_answer

CODES = [f"{c}.{k}" for c in "1234" for k in "abc"]
ANSWERS = ["AA", "A", "BB", "B", "CC", "C", "D", "E"]


def test_worked_example_24_of_30():
    score = score_lke({"1.a": "A", "1.b": "A", "1.c": "B"})
    assert score.subcomponents["1.a"] == Decimal("5.40")
    assert score.subcomponents["1.b"] == Decimal("8.10")
    assert score.subcomponents["1.c"] == Decimal("10.50")
    assert score.components["1"] == Decimal("24.00")
    assert score.total == Decimal("24.00")
    assert score.predikat == "D"


def test_every_code_present_and_two_decimals():
    score = score_lke({})
    assert list(score.subcomponents) == CODES
    assert list(score.components) == ["1", "2", "3", "4"]
    assert all(v == Decimal("0.00") and v.as_tuple().exponent == -2 for v in score.subcomponents.values())
    assert score.total == Decimal("0.00") and str(score.total) == "0.00"
    assert score.predikat == "D"


def test_all_aa_is_100_and_all_e_is_0():
    assert score_lke({c: "AA" for c in CODES}).total == Decimal("100.00")
    assert score_lke({c: "AA" for c in CODES}).predikat == "AA"
    assert score_lke({c: "E" for c in CODES}).total == Decimal("0.00")


def test_component_weights_30_30_15_25():
    score = score_lke({c: "AA" for c in CODES})
    assert score.components == {
        "1": Decimal("30.00"),
        "2": Decimal("30.00"),
        "3": Decimal("15.00"),
        "4": Decimal("25.00"),
    }
    # 4.5 × 70% = 3.15 and 7.5 × 30% = 2.25: exact half-cent values stay exact
    score = score_lke({"3.b": "B", "3.c": "D"})
    assert score.subcomponents["3.b"] == Decimal("3.15")
    assert score.subcomponents["3.c"] == Decimal("2.25")
    assert score.components["3"] == Decimal("5.40")


def test_template_key_88_2021_is_the_default():
    assert score_lke({"2.c": "CC"}, "88/2021") == score_lke({"2.c": "CC"})


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        ("90.00", "A"),
        ("90.01", "AA"),
        ("30.00", "D"),
        ("30.01", "C"),
        ("100", "AA"),
        ("0", "D"),
        ("80.00", "BB"),
        ("80.01", "A"),
        ("70.00", "B"),
        ("70.01", "BB"),
        ("60.00", "CC"),
        ("60.01", "B"),
        ("50.00", "C"),
        ("50.01", "CC"),
    ],
)
def test_predicate_boundaries_exclusive_lower(total, expected):
    assert predikat(Decimal(total)) == expected


def test_comparator_inclusive_is_configurable():
    spec = replace(scoring.get_template(), comparator=scoring.COMPARATOR_GE)
    assert predikat(Decimal("90.00"), spec) == "AA"
    assert predikat(Decimal("89.99"), spec) == "A"
    assert predikat(Decimal("30.00"), spec) == "C"
    assert predikat(Decimal("0"), spec) == "D"


def test_answers_are_normalised():
    assert score_lke({"1.a": " a "}).subcomponents["1.a"] == Decimal("5.40")
    assert score_lke({"1.a": None, "1.b": ""}).total == Decimal("0.00")


@pytest.mark.parametrize("answers", [{"5.a": "A"}, {"1.d": "B"}, {"1": "A"}])
def test_unknown_code_raises(answers):
    with pytest.raises(ValueError, match="tidak ada pada templat"):
        score_lke(answers)


@pytest.mark.parametrize("answer", ["F", "AAA", "Y", "100", "baik"])
def test_answer_outside_scale_raises(answer):
    with pytest.raises(ValueError, match="di luar skala"):
        score_lke({"1.a": answer})


@pytest.mark.parametrize("total", ["-0.01", "100.01", "abc"])
def test_predikat_out_of_range_raises(total):
    with pytest.raises(ValueError):
        predikat(total)


@pytest.mark.django_db
def test_unknown_template_key_raises():
    """Other keys are resolved from the database (LkeTemplate); an unknown one is an error."""
    with pytest.raises(ValueError, match="tidak dikenal"):
        score_lke({}, "12/2099-tidak-ada")


def test_reference_has_80_criteria_and_weights_from_csv():
    assert ref.criterion_count() == 80
    assert [len(ref.CRITERIA[c]) for c in CODES] == [6, 11, 8, 3, 7, 10, 6, 9, 7, 3, 5, 5]
    spec = scoring.get_template()
    assert spec.max_total == Decimal("100")
    assert spec.subcomponents["3.b"] == ("3", Decimal("4.5"))


@pytest.mark.parametrize(
    ("met", "total", "kind", "extra", "expected"),
    [
        (0, 6, "a", {}, "E"),
        (1, 6, "a", {}, "D"),
        (2, 8, "b", {}, "D"),
        (3, 6, "b", {}, "C"),
        (4, 6, "b", {}, "CC"),
        (5, 6, "c", {}, "B"),
        (6, 6, "a", {}, "BB"),
        (6, 6, "a", {"years_kept": 1}, "A"),
        (6, 6, "a", {"years_kept": 5}, "AA"),
        (11, 11, "b", {"commendable": True}, "A"),
        (11, 11, "b", {"national_model": True}, "AA"),
        (10, 11, "b", {"national_model": True}, "B"),
    ],
)
def test_suggest_answer_from_fulfilment(met, total, kind, extra, expected):
    assert suggest_answer(met, total, kind=kind, **extra) == expected


def test_suggest_answer_without_criteria_is_none():
    assert suggest_answer(0, 0) is None


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(CODES), st.sampled_from(ANSWERS)))
def test_total_is_sum_of_components_and_in_range(answers):
    score = score_lke(answers)
    assert score.total == sum(score.components.values())
    assert Decimal(0) <= score.total <= Decimal(100)
    assert score.predikat == predikat(score.total)
    for comp in score.components:
        assert score.components[comp] == sum(v for k, v in score.subcomponents.items() if k.startswith(comp + "."))


@settings(max_examples=40, deadline=None)
@given(st.decimals(min_value=0, max_value=100, places=2), st.decimals(min_value=0, max_value=100, places=2))
def test_predicate_is_monotonic(a, b):
    order = [code for code, *_ in ref.PREDICATE_BANDS][::-1]  # D … AA
    low, high = sorted([a, b])
    assert order.index(predikat(low)) <= order.index(predikat(high))
