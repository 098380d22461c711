"""Budget absorption and efficiency (docs/rules.md §1)."""

from decimal import Decimal as D

import pytest

from sakip.reporting.efficiency import CUKUP, EFISIEN, TIDAK, efisiensi, serapan


def test_serapan():
    assert serapan(D("1000000"), D("250000")) == D("25.00")
    assert serapan(None, D("1")) is None
    assert serapan(D(0), D("1")) is None
    assert serapan(D(100), None) is None
    with pytest.raises(ValueError):
        serapan(D(100), D(-1))


@pytest.mark.parametrize(
    ("capaian", "absorption", "label"),
    [
        ("90", "80", EFISIEN),
        ("85.01", "80", EFISIEN),
        ("85", "80", CUKUP),
        ("75", "80", CUKUP),
        ("74.99", "80", TIDAK),
        ("50", "90", TIDAK),
    ],
)
def test_efficiency_bands(capaian, absorption, label):
    assert efisiensi(D(capaian), D(absorption))[0] == label


def test_efficiency_threshold_is_configurable_and_missing_sides():
    assert efisiensi(D("88"), D("80"), threshold=10)[0] == CUKUP
    assert efisiensi(None, D("80")) == (None, None)
