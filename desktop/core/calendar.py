"""Ngày làm việc: Vietnamese working days for deadlines.

Weekends and public holidays (Tết included) come from the `holidays` library, which also knows
the government's official make-up Saturdays; the agency can add its own days off and make-up
working days in the settings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from holidays import HolidayBase


@lru_cache(maxsize=64)
def _vietnam(year: int) -> HolidayBase:
    import holidays  # on first use: the library's import costs ~0.1 s of every start

    return holidays.country_holidays("VN", years=year)


class WorkCalendar:
    """Decides which days are working days and counts deadlines in them."""

    def __init__(
        self, extra_days_off: Iterable[dt.date] = (), makeup_workdays: Iterable[dt.date] = ()
    ) -> None:
        self.extra_days_off = frozenset(extra_days_off)
        self.makeup_workdays = frozenset(makeup_workdays)

    def is_holiday(self, day: dt.date) -> bool:
        """A public holiday or a configured day off."""
        return day in _vietnam(day.year) or day in self.extra_days_off

    def is_working_day(self, day: dt.date) -> bool:
        """Open for business: a weekday or make-up Saturday that is no holiday."""
        if self.is_holiday(day):
            return False
        if day in self.makeup_workdays or day in _vietnam(day.year).weekend_workdays:
            return True
        return day.weekday() < 5

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The `days`-th working day after `start` (start itself not counted)."""
        if days < 0:
            raise ValueError("days must be >= 0")
        day = start
        left = days
        while left > 0:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (negative when end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        n, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            n += self.is_working_day(day)
        return n
