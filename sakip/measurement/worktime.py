"""Working time — pure Python, no Django.

A measurement task is due after its SOP step's standard time (Mutu Baku: waktu), counted in
working time: working days, working hours of each day, and a holiday calendar (public holidays,
cuti bersama, local closures). The same calendar measures how many working minutes a step
actually took, so that "actual vs standard" compares like with like.

All datetimes here are naive local times (the caller converts from/to aware datetimes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

__all__ = ["WorkCalendar", "parse_hours"]

# Safety bound: no computation walks more than ten years of days.
_MAX_DAYS = 3660


def parse_hours(value) -> dict[int, tuple[time, time]]:
    """Working hours from configuration.

    Accepts ("07:30", "15:00") for every working day, or {weekday: ("07:30", "15:00")} with
    Monday = 0. Raises ValueError for a window that ends before it starts.
    """

    def _t(text) -> time:
        if isinstance(text, time):
            return text
        hh, mm = str(text).strip().replace(".", ":").split(":")
        return time(int(hh), int(mm))

    if isinstance(value, dict):
        out = {int(k): (_t(v[0]), _t(v[1])) for k, v in value.items()}
    else:
        start, end = value
        out = {d: (_t(start), _t(end)) for d in range(7)}
    for day, (start, end) in out.items():
        if end <= start:
            raise ValueError(f"Jam kerja hari ke-{day} berakhir sebelum dimulai ({start}–{end}).")
    return out


@dataclass(frozen=True)
class WorkCalendar:
    """Working days and hours with holidays.

    workdays: weekday numbers (Monday = 0) that are working days.
    hours: weekday → (start, end) working window; a weekday without a window uses `default_hours`.
    holidays: dates off (public holidays, cuti bersama, local closures).
    extra_workdays: dates worked although they are a weekend or a holiday (they win over holidays).
    """

    workdays: frozenset = frozenset({0, 1, 2, 3, 4})
    hours: dict = field(default_factory=dict)
    default_hours: tuple = (time(7, 30), time(15, 0))
    holidays: frozenset = frozenset()
    extra_workdays: frozenset = frozenset()

    # --- days ---------------------------------------------------------------------------------
    def is_workday(self, day: date) -> bool:
        if day in self.extra_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() in self.workdays

    def window(self, day: date) -> tuple[datetime, datetime] | None:
        """The working window of a day, or None on a day off."""
        if not self.is_workday(day):
            return None
        start, end = self.hours.get(day.weekday(), self.default_hours)
        return datetime.combine(day, start), datetime.combine(day, end)

    def minutes_per_day(self, day: date) -> int:
        window = self.window(day)
        if window is None:
            return 0
        return int((window[1] - window[0]).total_seconds() // 60)

    # --- arithmetic ---------------------------------------------------------------------------
    def add_minutes(self, start: datetime, minutes) -> datetime:
        """The moment `minutes` working minutes after `start`.

        Zero minutes returns `start` unchanged. A start outside working hours begins counting at
        the next working moment (an order given on Saturday is due on Monday).
        """
        remaining = Decimal(str(minutes or 0))
        if remaining < 0:
            raise ValueError("Jumlah menit tidak boleh negatif.")
        if remaining == 0:
            return start
        current = start
        for _ in range(_MAX_DAYS):
            window = self.window(current.date())
            if window is not None:
                begin, end = window
                if current < begin:
                    current = begin
                if current < end:
                    available = Decimal(str((end - current).total_seconds())) / 60
                    if remaining <= available:
                        return current + timedelta(seconds=float(remaining * 60))
                    remaining -= available
            current = datetime.combine(current.date() + timedelta(days=1), time.min)
        raise ValueError("Kalender kerja tidak memiliki hari kerja dalam sepuluh tahun.")

    def subtract_minutes(self, end: datetime, minutes) -> datetime:
        """The moment `minutes` working minutes before `end` (the mirror of add_minutes)."""
        remaining = Decimal(str(minutes or 0))
        if remaining < 0:
            raise ValueError("Jumlah menit tidak boleh negatif.")
        if remaining == 0:
            return end
        current = end
        for _ in range(_MAX_DAYS):
            window = self.window(current.date())
            if window is not None:
                begin, finish = window
                if current > finish:
                    current = finish
                if current > begin:
                    available = Decimal(str((current - begin).total_seconds())) / 60
                    if remaining <= available:
                        return current - timedelta(seconds=float(remaining * 60))
                    remaining -= available
            current = datetime.combine(current.date() - timedelta(days=1), time.max)
        raise ValueError("Kalender kerja tidak memiliki hari kerja dalam sepuluh tahun.")

    def minutes_between(self, start: datetime, end: datetime) -> Decimal:
        """Working minutes between two moments (0 when end is not after start), to 2 places."""
        if end <= start:
            return Decimal(0)
        total = 0.0
        day = start.date()
        last = end.date()
        steps = 0
        while day <= last:
            steps += 1
            if steps > _MAX_DAYS:
                break
            window = self.window(day)
            if window is not None:
                begin = max(window[0], start)
                finish = min(window[1], end)
                if finish > begin:
                    total += (finish - begin).total_seconds()
            day += timedelta(days=1)
        return (Decimal(str(total)) / 60).quantize(Decimal("0.01"))

    def next_working_moment(self, moment: datetime) -> datetime:
        """`moment` itself when inside working hours, else the start of the next working window."""
        current = moment
        for _ in range(_MAX_DAYS):
            window = self.window(current.date())
            if window is not None:
                if current < window[0]:
                    return window[0]
                if current < window[1]:
                    return current
            current = datetime.combine(current.date() + timedelta(days=1), time.min)
        raise ValueError("Kalender kerja tidak memiliki hari kerja dalam sepuluh tahun.")
