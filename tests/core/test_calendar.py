import datetime as dt

from desktop.core.calendar import WorkCalendar

D = dt.date


def test_tet_2026_is_skipped() -> None:
    cal = WorkCalendar()
    # Lunar New Year 2026: 16–20 Feb are holidays, surrounded by weekends.
    assert [cal.is_working_day(D(2026, 2, d)) for d in range(13, 24)] == [
        True, False, False, False, False, False, False, False, False, False, True,
    ]  # fmt: skip
    assert cal.add_working_days(D(2026, 2, 12), 1) == D(2026, 2, 13)
    assert cal.add_working_days(D(2026, 2, 12), 2) == D(2026, 2, 23)
    # 13/2, then 23–27/2, then 2–5/3.
    assert cal.add_working_days(D(2026, 2, 12), 10) == D(2026, 3, 5)


def test_official_makeup_saturday_counts() -> None:
    cal = WorkCalendar()
    # 22/08/2026 is worked to make the 31/08 bridge day off.
    assert cal.is_working_day(D(2026, 8, 22))
    assert not cal.is_working_day(D(2026, 8, 31))
    assert cal.add_working_days(D(2026, 8, 20), 2) == D(2026, 8, 22)
    assert cal.add_working_days(D(2026, 8, 28), 1) == D(2026, 9, 3)


def test_configured_days() -> None:
    plain = WorkCalendar()
    custom = WorkCalendar(extra_days_off=[D(2026, 12, 24)], makeup_workdays=[D(2026, 12, 26)])
    assert plain.is_working_day(D(2026, 12, 24)) and not custom.is_working_day(D(2026, 12, 24))
    assert not plain.is_working_day(D(2026, 12, 26)) and custom.is_working_day(D(2026, 12, 26))
    assert plain.add_working_days(D(2026, 12, 23), 2) == D(2026, 12, 25)
    assert custom.add_working_days(D(2026, 12, 23), 2) == D(2026, 12, 26)


def test_working_days_between() -> None:
    cal = WorkCalendar()
    assert cal.working_days_between(D(2026, 2, 12), D(2026, 2, 23)) == 2
    assert cal.working_days_between(D(2026, 2, 23), D(2026, 2, 12)) == -2
    assert cal.working_days_between(D(2026, 3, 2), D(2026, 3, 2)) == 0
