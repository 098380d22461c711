"""Budget absorption and efficiency (docs/rules.md §1)."""

from decimal import Decimal as D

import pytest

from sakip.reporting.efficiency import (
    BELUM,
    CUKUP,
    DINILAI,
    EFISIEN,
    TIDAK,
    TIDAK_DAPAT,
    assess,
    efisiensi,
    serapan,
)


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


# --- like with like (assess) ---------------------------------------------------------------------


def test_a_quarter_is_measured_against_the_anggaran_kas_up_to_it():
    # TW I: pagu 400 jt, planned 60 jt s.d. TW I, spent 57 jt → 95,00 % of the plan (14,25 % of the pagu).
    a = assess(D("96"), D("57000000"), pagu=D("400000000"), kas=D("60000000"), triwulan=1)
    assert a.status == DINILAI and a.judged
    assert a.serapan == D("95.00") and a.basis == D("60000000")
    assert a.label == CUKUP and a.gap == D("1.00")
    assert "anggaran kas s.d. TW I" in a.reason and a.text == CUKUP


def test_the_old_comparison_with_the_annual_pagu_is_gone():
    # 13,03 % of the pagu at TW I against a quarterly capaian of 24,43 %: the pagu made it "Efisien";
    # against the plan s.d. TW I (Rp 40 jt of which 52,12 jt spent → 130,30 %) it is not.
    a = assess(D("24.43"), D("52120000"), pagu=D("400000000"), kas=D("40000000"), triwulan=1)
    assert a.serapan == D("130.30")
    assert a.label == TIDAK


@pytest.mark.parametrize("tw", [1, 2, 3])
def test_without_anggaran_kas_a_quarter_is_not_yet_assessable(tw):
    a = assess(D("100"), D("50000000"), pagu=D("400000000"), kas=None, triwulan=tw)
    assert a.status == BELUM and a.label is None and a.gap is None and a.serapan is None
    assert a.text == "Belum dapat dinilai"
    assert a.reason.startswith("belum dapat dinilai: anggaran kas")
    assert "TW IV" in a.reason


@pytest.mark.parametrize("tw", [4, 0])
def test_the_year_is_measured_against_the_pagu(tw):
    a = assess(D("90"), D("380000000"), pagu=D("400000000"), kas=None, triwulan=tw)
    assert a.status == DINILAI and a.basis == D("400000000") and a.basis_label == "pagu"
    assert a.serapan == D("95.00") and a.gap == D("-5.00")
    assert a.label == CUKUP  # −5,00 is inside ±5


@pytest.mark.parametrize("realisasi", [D(0), None])
@pytest.mark.parametrize("tw", [1, 4, 0])
def test_no_realisasi_anggaran_is_never_efficient(realisasi, tw):
    a = assess(D("100"), realisasi, pagu=D("400000000"), kas=D("60000000"), triwulan=tw)
    assert a.status == TIDAK_DAPAT and a.label is None
    assert a.reason == "tidak dapat dinilai: belum ada realisasi anggaran"
    assert a.text == "Tidak dapat dinilai"


def test_zero_absorption_at_tw_iv_prints_its_serapan_but_no_verdict():
    a = assess(D("100"), D(0), pagu=D("400000000"), triwulan=4)
    assert a.serapan == D("0.00") and a.label is None and a.status == TIDAK_DAPAT


@pytest.mark.parametrize("pagu", [None, D(0)])
def test_without_a_pagu_nothing_is_judged(pagu):
    a = assess(D("100"), D("10"), pagu=pagu, kas=D("10"), triwulan=4)
    assert a.status == TIDAK_DAPAT and a.reason == "tidak dapat dinilai: tidak ada pagu anggaran"


def test_a_quarter_with_nothing_planned_cannot_be_judged():
    a = assess(D("100"), D("1000"), pagu=D("400000000"), kas=D(0), triwulan=1)
    assert a.status == TIDAK_DAPAT and "Rp 0" in a.reason


def test_without_a_capaian_nothing_is_judged():
    a = assess(None, D("57000000"), pagu=D("400000000"), kas=D("60000000"), triwulan=2)
    assert a.status == TIDAK_DAPAT and a.serapan == D("95.00")
    assert a.reason == "tidak dapat dinilai: capaian kinerja belum dapat dihitung"


def test_assess_uses_the_threshold():
    assert assess(D("99"), D("95"), pagu=D(100), triwulan=4, threshold=5).label == CUKUP
    assert assess(D("99"), D("95"), pagu=D(100), triwulan=4, threshold=2).label == EFISIEN
