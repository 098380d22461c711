"""The working calendar of an installation: working days and hours from settings, public holidays
and cuti bersama from the `holidays` package, plus the local table (HariLibur).

Settings (all optional):
    SAKIP_WORK_DAYS = [0, 1, 2, 3, 4]            # Monday = 0
    SAKIP_WORK_HOURS = ("07:30", "15:00")        # or {weekday: ("07:30", "16:00"), …}
    SAKIP_HOLIDAY_COUNTRY = "ID"
    SAKIP_HOLIDAY_CATEGORIES = ("public", "government")   # "government" = cuti bersama ASN
The default day of 07.30–15.00 is 450 minutes, the SOP app's working day (SAKIP_SOP_MINUTES_PER_DAY).
"""

from __future__ import annotations

from datetime import datetime

import holidays
from django.conf import settings
from django.utils import timezone

from .models import HariLibur
from .worktime import WorkCalendar, parse_hours

DEFAULT_HOURS = ("07:30", "15:00")


def _package_holidays(years) -> set:
    country = getattr(settings, "SAKIP_HOLIDAY_COUNTRY", "ID")
    categories = tuple(getattr(settings, "SAKIP_HOLIDAY_CATEGORIES", ("public", "government")))
    try:
        found = holidays.country_holidays(country, years=sorted(years), categories=categories)
    except (NotImplementedError, KeyError, ValueError):
        found = holidays.country_holidays(country, years=sorted(years))
    return set(found.keys())


def work_calendar(years=None) -> WorkCalendar:
    """The calendar for the given years (default: last, this and next year). One query."""
    this_year = timezone.localdate().year
    years = set(years or (this_year - 1, this_year, this_year + 1))
    years |= {y + 1 for y in years}  # a due date may fall into the next year
    off = _package_holidays(years)
    extra = set()
    for entry in HariLibur.objects.filter(date__year__in=sorted(years)):
        if entry.kind == HariLibur.Kind.MASUK:
            extra.add(entry.date)
        else:
            off.add(entry.date)
    hours_setting = getattr(settings, "SAKIP_WORK_HOURS", DEFAULT_HOURS)
    hours = parse_hours(hours_setting)
    days = frozenset(int(d) for d in getattr(settings, "SAKIP_WORK_DAYS", (0, 1, 2, 3, 4)))
    default = hours.get(0) or parse_hours(DEFAULT_HOURS)[0]
    return WorkCalendar(
        workdays=days, hours=hours, default_hours=default, holidays=frozenset(off), extra_workdays=frozenset(extra)
    )


def to_local(moment: datetime) -> datetime:
    """Aware → naive local time (the calendar works in local time)."""
    if timezone.is_aware(moment):
        return timezone.localtime(moment).replace(tzinfo=None)
    return moment


def to_aware(moment: datetime) -> datetime:
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def due_after(start: datetime, minutes, calendar: WorkCalendar | None = None) -> datetime:
    """Aware datetime `minutes` working minutes after the aware `start`."""
    cal = calendar or work_calendar({to_local(start).year})
    return to_aware(cal.add_minutes(to_local(start), minutes))


def working_minutes(start: datetime, end: datetime, calendar: WorkCalendar | None = None):
    cal = calendar or work_calendar({to_local(start).year, to_local(end).year})
    return cal.minutes_between(to_local(start), to_local(end))
