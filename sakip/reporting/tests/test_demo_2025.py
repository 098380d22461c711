"""The demo's 2025 (issue 14 item 7): the annual measurement of 2025 complete and locked, the LKjIP 2025 of
Dinsospermasdes in draft computed from it; the Renja 2025 adopted with its Perubahan in draft."""

from datetime import date

import pytest

from sakip.measurement.models import Period, UnitSubmission
from sakip.planning import renja as R
from sakip.planning.models import Renja
from sakip.reporting import lkjip as L
from sakip.reporting.models import Lkjip

pytestmark = pytest.mark.django_db

needs_2025 = pytest.mark.skipif(date.today() < date(2026, 1, 12), reason="the demo runs 2025 from 12 January 2026")


@needs_2025
def test_the_annual_2025_measurement_is_locked(demo):
    period = Period.objects.get(opd=demo["dinas"], year=2025, triwulan=0)
    assert period.status == Period.Status.SELESAI
    states = set(UnitSubmission.objects.filter(period=period).values_list("state", flat=True))
    assert states == {UnitSubmission.State.DIKUNCI}
    assert L.find_period(demo["dinas"], 2025) == period


@needs_2025
def test_lkjip_2025_is_a_draft_whose_figures_are_the_engines(demo, client_for):
    lkjip = Lkjip.objects.get(opd=demo["dinas"], year=2025)
    assert lkjip.status == Lkjip.Status.DRAFT and lkjip.document_id is None
    version = lkjip.current
    assert version.period.year == 2025 and version.period.triwulan == 0
    assert L.bab3_rows(version.data) == L.bab3_rows(L.compute(demo["dinas"], 2025))
    assert version.data["renstra"]["start"] == 2025 and version.isu_strategis
    page = client_for("timsakip").get(lkjip.get_absolute_url())
    assert page.status_code == 200 and 'data-testid="lkjip-submit"' in page.content.decode()


def test_renja_2025_adopted_and_its_perubahan(demo):
    first, second = Renja.objects.filter(opd=demo["dinas"], year=2025).order_by("version")
    assert first.status == Renja.Status.DITETAPKAN and first.adopted_on == date(2025, 1, 6)
    assert (
        second.status == Renja.Status.DRAFT and second.supersedes == first and "Perubahan APBD" in second.change_reason
    )
    changed = R.changes(first.data, second.data)
    assert [c["kind"] for c in changed] == ["pagu"]
    assert float(changed[0]["after"]) - float(changed[0]["before"]) == 25_000_000
