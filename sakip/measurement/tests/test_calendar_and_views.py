"""The installation's calendar (holidays package + local table + settings) and small screens."""

from datetime import date, datetime, time

import pytest
from django.urls import reverse

from sakip.measurement import calendar as cal
from sakip.measurement.models import HariLibur

from .conftest import submission

pytestmark = pytest.mark.django_db


def test_package_holidays_cuti_bersama_and_the_local_table(demo):
    calendar = cal.work_calendar({2026})
    assert not calendar.is_workday(date(2026, 8, 17))  # Hari Kemerdekaan (holidays package)
    assert not calendar.is_workday(date(2026, 12, 24))  # cuti bersama
    HariLibur.objects.create(date=date(2026, 12, 28), name="Kantor tutup (uji)", kind=HariLibur.Kind.LIBUR_DAERAH)
    HariLibur.objects.create(date=date(2026, 12, 19), name="Masuk pengganti (uji)", kind=HariLibur.Kind.MASUK)
    calendar = cal.work_calendar({2026})
    assert not calendar.is_workday(date(2026, 12, 28)) and calendar.is_workday(date(2026, 12, 19))
    # Wed 23 Dec 14:00 + 90 minutes: 24–25 Dec off, the Saturday 19th is past, 28 Dec closed → Tue 29 Dec.
    due = calendar.add_minutes(datetime(2026, 12, 23, 14, 0), 90)
    assert due == datetime(2026, 12, 29, 8, 0)


def test_working_hours_come_from_settings(demo, settings):
    settings.SAKIP_WORK_HOURS = {
        0: ("08:00", "16:00"),
        1: ("08:00", "16:00"),
        2: ("08:00", "16:00"),
        3: ("08:00", "16:00"),
        4: ("08:00", "11:00"),
    }
    calendar = cal.work_calendar({2026})
    assert calendar.minutes_per_day(date(2026, 11, 27)) == 180 and calendar.minutes_per_day(date(2026, 11, 26)) == 480
    assert calendar.add_minutes(datetime.combine(date(2026, 11, 27), time(10, 0)), 90) == datetime(2026, 11, 30, 8, 30)


def test_holiday_table_is_kept_by_the_administrator(demo, client_for):
    response = client_for("admin").post(
        reverse("measurement:holidays"),
        {"date": "2026-12-31", "name": "Cuti bersama (uji)", "kind": "cuti_bersama", "source": "SKB"},
    )
    assert response.status_code == 302 and HariLibur.objects.filter(date=date(2026, 12, 31)).exists()
    for username in ("operator", "timsakip", "sekretaris"):  # one OPD must not move every OPD's deadlines
        assert (
            client_for(username)
            .post(reverse("measurement:holidays"), {"date": "2026-12-30", "name": "x", "kind": "cuti_bersama"})
            .status_code
            == 403
        )
    assert not HariLibur.objects.filter(date=date(2026, 12, 30)).exists()
    page = client_for("operator").get(reverse("measurement:holidays") + "?tahun=2026").content.decode()
    assert "Cuti bersama (uji)" in page and "Hari Kemerdekaan" in page


def test_capaian_preview_while_typing(open_period, client_for):
    row = submission(open_period, "Rehsos").rows.order_by("order").first()
    response = client_for("operator").post(reverse("measurement:row_preview", args=[row.pk]), {"value": "60"})
    text = response.content.decode()
    assert response.status_code == 200 and "pratinjau" in text and "cat-" in text and "Capaian" in text
    row.refresh_from_db()
    assert row.value is None  # a preview saves nothing


def test_english_interface(open_period, client_for):
    client = client_for("operator")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("measurement:index")).content.decode()
    assert "Performance measurement" in page and "Measurement periods" in page
