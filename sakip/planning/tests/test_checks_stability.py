from datetime import date

import pytest

from sakip.planning import selectors, services
from sakip.planning.checks.stability import Change, check
from sakip.planning.models import IkuChange, Indicator


def test_changes_inside_the_period_are_flagged():
    report = check(
        [
            Change("IKU 1", "satuan", "%", "orang", date(2021, 4, 12)),
            Change("IKU 2", "name", "a", "b", date(2020, 1, 2), "Perubahan RPJMD"),
            Change("IKU 3", "name", "a", "b", date(2025, 1, 2)),
        ],
        2018,
        2023,
    )
    assert not report.stable
    assert len(report.flags) == 2
    assert report.flags[0].severity == "perhatian" and "Perubahan RPJMD" in report.flags[0].message
    assert report.flags[1].severity == "masalah" and "12 April 2021" in report.flags[1].message


def test_no_change_is_stable():
    assert check([], 2025, 2029).stable


@pytest.mark.django_db
def test_demo_old_renstra_unstable_current_stable(dinas, year):
    assert not selectors.iku_stability(dinas, 2022).stable
    assert selectors.iku_stability(dinas, year).stable


@pytest.mark.django_db
def test_changing_an_adopted_iku_is_recorded(dinas, year, users):
    iku = Indicator.objects.get(opd=dinas, code="IKU 1", node__renstra__start_year=2025)
    services.update_indicator(
        user=users["timsakip"], indicator=iku, satuan="persen", change_reason="Penyeragaman satuan"
    )
    change = IkuChange.objects.get(indicator=iku)
    assert (change.field, change.old_value, change.new_value, change.reason) == (
        "satuan",
        "%",
        "persen",
        "Penyeragaman satuan",
    )
    report = selectors.iku_stability(dinas, year)
    assert not report.stable and report.flags[0].severity == "perhatian"


@pytest.mark.django_db
def test_non_iku_change_is_not_recorded(dinas, users):
    ind = Indicator.objects.filter(opd=dinas, is_iku=False, node__renstra__start_year=2025).first()
    services.update_indicator(user=users["timsakip"], indicator=ind, satuan="persen")
    assert not IkuChange.objects.filter(indicator=ind).exists()
