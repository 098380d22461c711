"""Working-time arithmetic: due dates and actual durations over working days, hours and holidays."""

from datetime import date, datetime, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip.measurement.worktime import WorkCalendar, parse_hours

CAL = WorkCalendar(
    hours=parse_hours(("07:30", "15:00")),
    default_hours=(time(7, 30), time(15, 0)),
    holidays=frozenset({date(2026, 12, 24), date(2026, 12, 25)}),
    extra_workdays=frozenset({date(2026, 12, 26)}),
)


def test_minutes_inside_one_day():
    assert CAL.add_minutes(datetime(2026, 11, 23, 8, 0), 15) == datetime(2026, 11, 23, 8, 15)


def test_minutes_roll_over_to_the_next_working_day():
    # Friday 14:30 + 60 minutes: 30 minutes on Friday, 30 on Monday from 07:30.
    assert CAL.add_minutes(datetime(2026, 11, 27, 14, 30), 60) == datetime(2026, 11, 30, 8, 0)


def test_start_outside_hours_counts_from_the_next_working_moment():
    assert CAL.add_minutes(datetime(2026, 11, 28, 10, 0), 15) == datetime(2026, 11, 30, 7, 45)  # Saturday
    assert CAL.add_minutes(datetime(2026, 11, 23, 6, 0), 30) == datetime(2026, 11, 23, 8, 0)
    assert CAL.add_minutes(datetime(2026, 11, 23, 16, 0), 30) == datetime(2026, 11, 24, 8, 0)


def test_holidays_are_skipped_and_a_working_saturday_counts():
    # Wed 23 Dec 14:00 + 120: 60 on Wednesday, 24/25 Dec off, Saturday 26 Dec is a working day.
    assert CAL.add_minutes(datetime(2026, 12, 23, 14, 0), 120) == datetime(2026, 12, 26, 8, 30)


def test_zero_minutes_is_the_start_and_negative_is_refused():
    start = datetime(2026, 11, 28, 10, 0)
    assert CAL.add_minutes(start, 0) == start
    with pytest.raises(ValueError):
        CAL.add_minutes(start, -5)


def test_minutes_between_counts_only_working_time():
    assert CAL.minutes_between(datetime(2026, 11, 27, 14, 0), datetime(2026, 11, 30, 8, 0)) == 90
    assert CAL.minutes_between(datetime(2026, 11, 30, 9, 0), datetime(2026, 11, 30, 8, 0)) == 0
    assert CAL.minutes_between(datetime(2026, 11, 28, 8, 0), datetime(2026, 11, 29, 12, 0)) == 0  # weekend


def test_a_seed_sop_of_795_minutes_takes_a_bit_less_than_two_working_days():
    due = CAL.add_minutes(datetime(2026, 11, 23, 7, 30), 795)
    assert due == datetime(2026, 11, 24, 13, 15)


def test_subtract_mirrors_add():
    assert CAL.subtract_minutes(datetime(2026, 11, 30, 8, 0), 60) == datetime(2026, 11, 27, 14, 30)


def test_hours_per_weekday_and_bad_windows():
    hours = parse_hours({0: ("07.30", "16.00"), 4: ("07:30", "11:00")})
    friday = WorkCalendar(workdays=frozenset({0, 4}), hours=hours)
    assert friday.minutes_per_day(date(2026, 11, 27)) == 210
    assert friday.minutes_per_day(date(2026, 11, 24)) == 0  # Tuesday is not a working day here
    with pytest.raises(ValueError):
        parse_hours(("15:00", "07:30"))


@settings(max_examples=60, deadline=None)
@given(
    day=st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)),
    minute=st.integers(0, 449),
    amount=st.integers(1, 5000),
)
def test_minutes_between_is_the_inverse_of_add(day, minute, amount):
    start = CAL.next_working_moment(datetime.combine(day, time(7, 30)))
    start = CAL.add_minutes(start, minute) if minute else start
    due = CAL.add_minutes(start, amount)
    assert CAL.minutes_between(start, due) == amount
    assert (
        CAL.subtract_minutes(due, amount) <= start or CAL.minutes_between(CAL.subtract_minutes(due, amount), start) == 0
    )
