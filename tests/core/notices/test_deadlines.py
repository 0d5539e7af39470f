"""Every deadline form a notice writes, computed on the real Vietnamese working-day calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.core.calendar import WorkCalendar
from desktop.core.errors import DomainError
from desktop.core.notices import DeadlineRules, due_date, read_deadline

D = dt.date

FORMS = [
    # the forms the issue lists
    ("15/7/2022", D(2022, 7, 15)),
    ("Thời hạn hoàn thành: 30/8/2022", D(2022, 8, 30)),
    ("Thời hạn: tháng 6/2020", D(2020, 6, 30)),
    ("trong tuần 11/2020", D(2020, 3, 13)),  # ISO week 11: 9-15/3/2020, Friday 13
    ("trước 01/5/2020", D(2020, 4, 29)),  # 30/4 and 1/5 are holidays
    ("cố gắng hoàn thành trước tháng 6/2020", D(2020, 5, 29)),  # 30-31/5/2020 a weekend
    ("Quý I/2024", D(2024, 3, 29)),  # 30-31/3/2024 a weekend
    ("quý I và đầu quý II năm 2024", D(2024, 4, 26)),  # 27/4-1/5/2024 off (30/4, 1/5 holidays)
    ("trong năm 2020", D(2020, 12, 31)),
    ("", None),
    # the same, written otherwise
    ("Thời hạn: Tháng 4/2020.", D(2020, 4, 29)),
    ("ngày 15 tháng 7 năm 2022", D(2022, 7, 15)),
    ("chậm nhất là 15.7.2022", D(2022, 7, 15)),
    ("tháng 6 năm 2020", D(2020, 6, 30)),
    ("trước tháng 9 năm 2023", D(2023, 8, 31)),
    ("trong tháng 8/2023", D(2023, 8, 31)),
    ("quý 1/2024", D(2024, 3, 29)),
    ("cuối quý III/2021", D(2021, 9, 30)),
    ("đầu tháng 5/2021", D(2021, 5, 10)),
    ("giữa năm 2021", D(2021, 6, 30)),
    ("năm 2020", D(2020, 12, 31)),
    ("trong tuần 10/2020", D(2020, 3, 6)),
    ("tuần 1/2021", D(2021, 1, 8)),  # ISO week 1 of 2021 is 4-10/1
    ("THỜI HẠN: TRƯỚC 30/6/2020", D(2020, 6, 29)),
    ("thường xuyên", None),
    ("Hằng năm", None),
]


@pytest.mark.parametrize(("text", "due"), FORMS)
def test_every_form(text: str, due: dt.date | None) -> None:
    deadline = read_deadline(text)
    assert (deadline.due_on, deadline.problem) == (due, None)
    assert deadline.text == text.strip(" .")


BAD = [
    ("31/2/2020", "Ngày 31/2/2020 không có thật: tháng 2 năm 2020 có 29 ngày."),
    ("29/2/2021", "Ngày 29/2/2021 không có thật: tháng 2 năm 2021 có 28 ngày."),
    ("tháng 13/2020", "Tháng 13/2020 không có thật: tháng chỉ từ 1 đến 12."),
    ("trong tuần 54/2020", "Tuần 54/2020 không có thật: năm 2020 có 53 tuần."),
    ("trong tuần 53/2021", "Tuần 53/2021 không có thật: năm 2021 có 52 tuần."),
    ("quý I", "Thời hạn «quý I» không ghi năm."),
    ("năm 3020", "Năm 3020 nằm ngoài khoảng 1990–2100."),
    ("sớm nhất", "Không hiểu thời hạn «sớm nhất»"),
    ("quý V/2020", "Không hiểu thời hạn «quý V/2020»"),
]


@pytest.mark.parametrize(("text", "reason"), BAD)
def test_impossible_or_unknown_deadline_says_why(text: str, reason: str) -> None:
    deadline = read_deadline(text)
    assert deadline.due_on is None
    assert deadline.problem is not None and deadline.problem.startswith(reason)
    with pytest.raises(DomainError, match="^" + reason.replace("(", r"\(").replace(")", r"\)")):
        due_date(text)


def test_office_rules_change_the_readings_they_name() -> None:
    inclusive = DeadlineRules(before_date_inclusive=True)
    assert due_date("trước 30/6/2020", rules=inclusive) == D(2020, 6, 30)
    # A day itself, even when it is a holiday, if the office says "trước" includes it.
    assert due_date("trước 01/5/2020", rules=inclusive) == D(2020, 5, 1)
    period_end = DeadlineRules(before_period="end")
    assert due_date("trước tháng 6/2020", rules=period_end) == D(2020, 6, 30)
    assert due_date("trước quý II/2024", rules=period_end) == D(2024, 6, 28)
    assert due_date("trước quý II/2024") == D(2024, 3, 29)
    # 18/7/2021 is a Sunday: kept as written unless the office moves it back.
    assert due_date("18/7/2021") == D(2021, 7, 18)
    assert due_date("18/7/2021", rules=DeadlineRules(shift_exact_date=True)) == D(2021, 7, 16)
    assert due_date("đầu tháng 5/2021", rules=DeadlineRules(early_month_day=5)) == D(2021, 5, 5)
    assert due_date("giữa tháng 5/2021") == D(2021, 5, 20)
    assert due_date("giữa tháng 5/2021", rules=DeadlineRules(mid_month_day=15)) == D(2021, 5, 14)


def test_the_office_calendar_moves_a_month_end() -> None:
    # The agency's own day off on 30/6/2020 takes "tháng 6/2020" back to Monday 29/6.
    calendar = WorkCalendar(extra_days_off=[D(2020, 6, 30)])
    assert due_date("tháng 6/2020", calendar=calendar) == D(2020, 6, 29)
    # A make-up Saturday is a working day: 31/10/2020 would otherwise give 30/10.
    makeup = WorkCalendar(makeup_workdays=[D(2020, 10, 31)])
    assert due_date("tháng 10/2020", calendar=makeup) == D(2020, 10, 31)
    assert due_date("tháng 10/2020") == D(2020, 10, 30)


def test_the_tet_holiday_is_skipped() -> None:
    # Tết 2024: 8-14/2 off; "trước 15/2/2024" is the last working day before, Wednesday 7/2.
    assert due_date("trước 15/2/2024") == D(2024, 2, 7)
