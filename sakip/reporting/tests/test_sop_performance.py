"""SOP performance: actual working minutes of each step against its standard, late steps and
bottlenecks across periods."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from sakip.measurement.models import Period, Task
from sakip.measurement.worktime import WorkCalendar
from sakip.reporting import selectors as R


def aware(*args):
    return timezone.make_aware(datetime(*args))


def task(number, standard, activated, completed, due, status="selesai", round_=1):
    return Task(
        number=number,
        round=round_,
        uraian=f"Langkah {number}",
        action="none",
        lanes_label="X",
        standard_minutes=Decimal(standard),
        activated_at=activated,
        completed_at=completed,
        due_at=due,
        status=status,
    )


def test_step_rows_measure_working_minutes_and_lateness():
    calendar = WorkCalendar()
    tasks = [
        task(1, 15, aware(2026, 11, 23, 8, 0), aware(2026, 11, 23, 8, 10), aware(2026, 11, 23, 8, 15)),
        task(2, 60, aware(2026, 11, 23, 8, 10), aware(2026, 11, 24, 8, 10), aware(2026, 11, 23, 9, 10)),
        task(3, 30, aware(2026, 11, 24, 8, 10), None, aware(2026, 11, 24, 8, 40), status="aktif"),
    ]
    rows = R.step_rows(None, tasks, calendar, now=aware(2026, 11, 24, 9, 10))
    by = {r["number"]: r for r in rows}
    assert by[1]["actual"] == 10 and not by[1]["late"]
    assert by[2]["actual"] == 450 and by[2]["late"] and by[2]["overrun"] == 390
    assert by[3]["status"] == "aktif" and by[3]["actual"] == 60 and by[3]["late"]


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_bottlenecks_across_the_demo_periods(demo):
    periods = list(Period.objects.filter(opd=demo["dinas"], year=2022))
    report = R.bottlenecks(periods)
    steps = report["steps"]
    assert steps and steps[0]["overrun"] >= steps[-1]["overrun"]
    worst = {s["number"] for s in steps[:3]}
    assert worst & {6, 7, 11}  # collection, validation and the signature wait longest in the demo
    assert report["late"] and all(item["task"].due_at for item in report["late"])


@pytestmark_db
@pytest.mark.parametrize("role", ["kepala", "timsakip", "inspektorat"])
def test_reports_pages(demo, client_for, role):
    period = Period.objects.get(opd=demo["dinas"], year=2022, triwulan=1)
    client = client_for(role)
    page = client.get(reverse("reporting:sop_performance") + f"?opd={demo['dinas'].pk}")
    assert page.status_code == 200 and 'data-testid="bottlenecks"' in page.content.decode()
    assert client.get(reverse("reporting:period_sop", args=[period.pk])).status_code == 200
    dash = client.get(reverse("reporting:dashboard", args=[period.pk]))
    assert (
        dash.status_code == 200
        and "echarts.min.js" in dash.content.decode()
        and 'id="dashboard-data"' in dash.content.decode()
    )
    assert client.get(reverse("reporting:index")).status_code == 200
