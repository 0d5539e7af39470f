"""Thời hạn: reading a task's deadline as a conclusion notice writes it, into a due date.

The text is always kept as written; the due date is computed from it on the working-day
calendar (`desktop.core.calendar.WorkCalendar`). "Ngày làm việc cuối cùng" below means the last
working day on or before the day named (weekends, public holidays and the office's days off
skipped; make-up Saturdays count). The forms and how each is computed, with the default rules:

- `15/7/2022`, `ngày 15 tháng 7 năm 2022`, `chậm nhất 15/7/2022`: that very day, even if it is
  a day off (the leader wrote it); `DeadlineRules.shift_exact_date` moves it back to the last
  working day instead.
- `trước 01/5/2020` (before a day): the last working day before that day (30/4 and 1/5 being
  holidays, 29/4/2020); `DeadlineRules.before_date_inclusive` makes it the day itself.
- `tháng 6/2020`, `trong tháng 6/2020`, `tháng 6 năm 2020`: the last working day of June 2020.
- `trước tháng 6/2020`, `cố gắng hoàn thành trước tháng 6/2020` (before a month, quarter, week
  or year): the last working day before it begins (29/5/2020); `DeadlineRules.before_period`
  = "end" reads it as the end of that period instead, as some offices do.
- `trong tuần 11/2020`: week 11 as ISO 8601 counts weeks (Monday to Sunday; week 1 holds the
  year's first Thursday, as Vietnamese planners number them): its last working day (13/3/2020).
- `Quý I/2024`, `quý 1 năm 2024`: the last working day of the quarter's last month.
- `trong năm 2020`, `năm 2020`: the last working day of the year.
- `đầu`, `giữa`, `cuối` before a month, quarter or year: the early part ends on day
  `early_month_day` (10) of a month, the end of a quarter's first month, the end of a year's
  first quarter; the middle on day `mid_month_day` (20), the end of a quarter's second month,
  30 June; the end is the period's end. Each is then taken back to the last working day.
- several periods (`quý I và đầu quý II năm 2024`): the latest of them (26/4/2024, the last
  working day of April), a year written once at the end applying to those before it.
- nothing, `thường xuyên`, `hằng năm`: no due date, and no problem either.

Anything else gives no due date and a `problem` saying why; an impossible date (`31/2/2020`)
names what is wrong with it. Nothing here raises except `due_date`, which raises `DomainError`.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from db.text import clean
from desktop.core.calendar import WorkCalendar
from desktop.core.errors import DomainError
from desktop.core.importers.common import aligned_fold

__all__ = ["DEFAULT_RULES", "Deadline", "DeadlineRules", "due_date", "read_deadline"]


@dataclass(frozen=True)
class DeadlineRules:
    """The choices offices make differently; a setting can build one, the defaults are above."""

    before_date_inclusive: bool = False
    before_period: Literal["previous_end", "end"] = "previous_end"
    shift_exact_date: bool = False
    early_month_day: int = 10
    mid_month_day: int = 20


DEFAULT_RULES = DeadlineRules()


@dataclass(frozen=True)
class Deadline:
    """A deadline as written, its computed due date, and why there is none when there is none."""

    text: str
    due_on: dt.date | None
    problem: str | None = None


_MIN_YEAR, _MAX_YEAR = 1990, 2100
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_NO_DEADLINE = re.compile(r"(?:thuong xuyen|hang nam|hang thang|hang quy|lien tuc|khong)\W*$")

# Words around the period that change nothing ("cố gắng hoàn thành", the label itself).
_LEAD = re.compile(
    r"^(?:thoi han(?:\s+hoan thanh)?|thoi gian(?:\s+hoan thanh|\s+thuc hien)?|han chot)?"
    r"\s*(?:la\b\s*)?[:.\-]?\s*"
    r"(?:(?:co gang|phan dau)\s+)?(?:(?:hoan thanh|thuc hien|xong)\s+)?"
)
_QUALIFIER = re.compile(r"^(truoc|trong|cham nhat(?:\s+la)?|den het|den|vao|ngay)\b\s*")

_Y = r"(\d{4})"
_SEP_YEAR = rf"(?:\s*/\s*|\s+nam\s+){_Y}"
_DATE = re.compile(
    rf"(?:ngay\s+)?(\d{{1,2}})\s*[/.\-]\s*(\d{{1,2}})\s*[/.\-]\s*{_Y}"
    rf"|(?:ngay\s+)?(\d{{1,2}})\s+thang\s+(\d{{1,2}})\s*,?\s+nam\s+{_Y}"
)
_PERIOD = re.compile(
    rf"(?:(dau|giua|cuoi)\s+)?(?:"
    rf"(tuan)\s+(\d{{1,2}})(?:{_SEP_YEAR})?"
    rf"|(thang)\s+(\d{{1,2}})(?:{_SEP_YEAR})?"
    rf"|(quy)\s+(iv|iii|ii|i|[1-4])\b(?:{_SEP_YEAR})?"
    rf"|(nam)\s+{_Y}"
    r")"
)
_JOIN = re.compile(r"\s*(?:,|\bva\b|\bhoac\b|-|–)\s*")


@dataclass(frozen=True)
class _Span:
    """A calendar span: the first and last calendar day, plus the day the part chosen ends."""

    first: dt.date
    last: dt.date


def read_deadline(
    text: str | None, *, calendar: WorkCalendar | None = None, rules: DeadlineRules = DEFAULT_RULES
) -> Deadline:
    """The deadline written in `text` and its due date by the rules above; never raises."""
    written = clean(text).strip(" .;,")
    try:
        return Deadline(written, _due(written, calendar or WorkCalendar(), rules))
    except DomainError as exc:
        return Deadline(written, None, str(exc))


def due_date(
    text: str | None, *, calendar: WorkCalendar | None = None, rules: DeadlineRules = DEFAULT_RULES
) -> dt.date | None:
    """The due date of `text` (None when it sets none); DomainError saying why it cannot be read."""
    return _due(clean(text).strip(" .;,"), calendar or WorkCalendar(), rules)


def _due(written: str, cal: WorkCalendar, rules: DeadlineRules) -> dt.date | None:
    folded = aligned_fold(written)
    rest = _LEAD.sub("", folded, count=1).strip(" .;,:()")
    if not rest or _NO_DEADLINE.match(rest):
        return None
    qualifier = ""
    m = _QUALIFIER.match(rest)
    if m:
        qualifier = m.group(1)
        rest = rest[m.end() :]
    before = qualifier == "truoc"
    m = _DATE.fullmatch(rest)
    if m:
        day = _day(*_ints(m))
        if before:
            return day if rules.before_date_inclusive else _working_before(cal, day)
        return _working_on_or_before(cal, day) if rules.shift_exact_date else day
    spans = _spans(rest, written, rules)
    if before and rules.before_period == "previous_end":
        return _working_before(cal, min(s.first for s in spans))
    return _working_on_or_before(cal, max(s.last for s in spans))


def _ints(m: re.Match[str]) -> tuple[int, int, int]:
    groups = [g for g in m.groups() if g is not None]
    return int(groups[0]), int(groups[1]), int(groups[2])


def _spans(rest: str, written: str, rules: DeadlineRules) -> list[_Span]:
    pos, found = 0, []
    while pos < len(rest):
        j = _JOIN.match(rest, pos)
        if j and j.end() > pos:
            pos = j.end()
            continue
        m = _PERIOD.match(rest, pos)
        if m is None:
            raise DomainError(
                f"Không hiểu thời hạn «{written}»: cần một ngày (15/7/2022), tuần, tháng, "
                "quý hoặc năm (tháng 6/2020, quý I/2024, trong năm 2020)."
            )
        found.append(m)
        pos = m.end()
    if not found:
        raise DomainError(f"Không hiểu thời hạn «{written}».")
    # A year written once at the end ("quý I và đầu quý II năm 2024") serves those before it.
    years: list[int | None] = [_year_of(m) for m in found]
    following: int | None = None
    for i in range(len(years) - 1, -1, -1):
        following = years[i] = years[i] if years[i] is not None else following
    spans = []
    for m, year in zip(found, years, strict=True):
        if year is None:
            raise DomainError(f"Thời hạn «{written}» không ghi năm.")
        spans.append(_span(m, _check_year(year), rules))
    return spans


def _year_of(m: re.Match[str]) -> int | None:
    for index in (4, 7, 10, 12):
        if m.group(index):
            return int(m.group(index))
    return None


def _span(m: re.Match[str], year: int, rules: DeadlineRules) -> _Span:
    part = m.group(1)
    if m.group(2):  # tuần: an ISO week, Monday to Sunday
        week = int(m.group(3))
        weeks = dt.date(year, 12, 28).isocalendar().week
        if not 1 <= week <= weeks:
            raise DomainError(f"Tuần {week}/{year} không có thật: năm {year} có {weeks} tuần.")
        monday = dt.date.fromisocalendar(year, week, 1)
        return _Span(monday, monday + dt.timedelta(days=6))
    if m.group(5):
        month = _check_month(int(m.group(6)), year)
        first, last = dt.date(year, month, 1), _month_end(year, month)
        if part == "dau":
            last = dt.date(year, month, min(rules.early_month_day, last.day))
        elif part == "giua":
            last = dt.date(year, month, min(rules.mid_month_day, last.day))
        return _Span(first, last)
    if m.group(8):
        quarter = _ROMAN[m.group(9)]
        start = 3 * quarter - 2
        return _Span(dt.date(year, start, 1), _month_end(year, start + _months(part, 1, 2, 3) - 1))
    return _Span(dt.date(year, 1, 1), _month_end(year, _months(part, 3, 6, 12)))


def _months(part: str | None, early: int, middle: int, whole: int) -> int:
    return {"dau": early, "giua": middle}.get(part or "", whole)


def _check_year(year: int) -> int:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise DomainError(f"Năm {year} nằm ngoài khoảng {_MIN_YEAR}–{_MAX_YEAR}.")
    return year


def _check_month(month: int, year: int) -> int:
    if not 1 <= month <= 12:
        raise DomainError(f"Tháng {month}/{year} không có thật: tháng chỉ từ 1 đến 12.")
    return month


def _day(day: int, month: int, year: int) -> dt.date:
    _check_month(month, _check_year(year))
    days = _cal.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise DomainError(
            f"Ngày {day}/{month}/{year} không có thật: tháng {month} năm {year} có {days} ngày."
        )
    return dt.date(year, month, day)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _cal.monthrange(year, month)[1])


def _working_on_or_before(cal: WorkCalendar, day: dt.date) -> dt.date:
    while not cal.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def _working_before(cal: WorkCalendar, day: dt.date) -> dt.date:
    return _working_on_or_before(cal, day - dt.timedelta(days=1))
