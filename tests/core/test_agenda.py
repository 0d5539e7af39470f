import datetime as dt

import pytest

from db import reference as ref
from desktop.core import agenda, corrections, workflow
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.conftest import Clock

D = dt.date


def _register(session: Session, received: D, dues: list[D]) -> list[int]:
    r = register_document(
        session,
        DocumentInput(received_on=received, sender="Văn phòng Chính phủ"),
        [
            PetitionInput(f"Tỉnh {i}", f"Kiến nghị hạn {d:%d/%m}", due_on=d)
            for i, d in enumerate(dues)
        ],
    )
    return r.petition_ids


def test_due_soon_reaches_past_tet(session: Session, clock: Clock) -> None:
    # Wednesday 3/2/2027; Tết holidays 4–10/2 (with the weekend inside): five working days
    # ahead are 11, 12, 15, 16, 17 February.
    clock.today = D(2027, 2, 3)
    assert agenda.horizon(session, 5) == D(2027, 2, 17)
    dues = [D(2027, 2, 17), D(2027, 2, 3), D(2027, 2, 11), D(2027, 2, 18), D(2027, 2, 2)]
    last, today, after_tet, too_late, overdue = _register(session, D(2027, 1, 25), dues)
    workflow.assign(session, after_tet, "THH")
    answered = _register(session, D(2027, 1, 25), [D(2027, 2, 12)])[0]
    workflow.reply(session, [answered], "answered", "Đã trả lời")
    deleted = _register(session, D(2027, 1, 25), [D(2027, 2, 12)])[0]
    corrections.withdraw(session, deleted, "Vào sổ nhầm")

    due = agenda.due_soon(session)
    assert (due.today, due.until, due.days) == (D(2027, 2, 3), D(2027, 2, 17), 5)
    assert [i.row.id for i in due.items] == [today, after_tet, last]
    assert [i.days_left for i in due.items] == [0, 1, 5]
    lead = due.items[1].row
    assert (lead.lead_unit, lead.lead_unit_code, lead.status) == (
        "Cục Tin học hóa",
        "THH",
        "assigned",
    )
    assert due.items[0].row.lead_unit is None and due.items[0].row.origin == "Tỉnh 1"
    assert [agenda.days_left_text(i.days_left) for i in due.items[:2]] == [
        "Hôm nay",
        "1 ngày",
    ]
    assert too_late not in [i.row.id for i in due.items]
    assert overdue not in [i.row.id for i in due.items]


def test_reminder_counts_over_a_weekend_and_a_holiday(session: Session, clock: Clock) -> None:
    # Friday 20/11/2026: two working days ahead skip the weekend and 24/11 (Ngày Văn hóa).
    clock.today = D(2026, 11, 20)
    _register(
        session,
        D(2026, 11, 2),
        [D(2026, 11, 19), D(2026, 11, 6), D(2026, 11, 20), D(2026, 11, 25), D(2026, 11, 26)],
    )
    c = agenda.reminder_counts(session)
    assert (c.overdue, c.due_soon, c.days, c.until) == (2, 2, 2, D(2026, 11, 25))
    assert agenda.notice_text(c) == (
        "2 kiến nghị quá hạn, 2 kiến nghị đến hạn trong 2 ngày làm việc"
    )
    # The next Monday: 20/11 is overdue now, and 26/11 has come into the window.
    clock.today = D(2026, 11, 23)
    later = agenda.reminder_counts(session)
    assert (later.overdue, later.due_soon, later.until) == (3, 2, D(2026, 11, 26))
    assert later.worse_than(c) and not c.worse_than(later)


def test_configured_day_off_moves_the_horizon(session: Session, clock: Clock) -> None:
    clock.today = D(2026, 12, 21)
    assert agenda.horizon(session, 2) == D(2026, 12, 23)
    ref.set_setting(session.store, "extra_days_off", ["2026-12-22"])
    session.settings_changed()
    assert agenda.horizon(session, 2) == D(2026, 12, 24)


def test_notice_text_when_one_side_is_empty() -> None:
    def counts(overdue: int, soon: int) -> agenda.ReminderCounts:
        return agenda.ReminderCounts(overdue, soon, 2, D(2026, 11, 26))

    assert agenda.notice_text(counts(0, 0)) == (
        "Không có kiến nghị quá hạn hay đến hạn trong 2 ngày làm việc tới."
    )
    assert agenda.notice_text(counts(0, 5)) == (
        "Không có kiến nghị quá hạn, 5 kiến nghị đến hạn trong 2 ngày làm việc"
    )
    assert agenda.notice_text(counts(1234, 0)) == (
        "1.234 kiến nghị quá hạn, không có kiến nghị nào đến hạn trong 2 ngày làm việc"
    )
    assert counts(0, 0).is_quiet() and not counts(0, 0).worse_than(None)
    assert counts(1, 0).worse_than(None)
    assert not counts(1, 0).worse_than(counts(2, 3))


@pytest.mark.parametrize(
    ("kind", "today", "bounds"),
    [
        ("month", D(2028, 2, 10), (D(2028, 2, 1), D(2028, 2, 29))),
        ("month", D(2026, 12, 31), (D(2026, 12, 1), D(2026, 12, 31))),
        ("quarter", D(2026, 11, 23), (D(2026, 10, 1), D(2026, 12, 31))),
        ("quarter", D(2026, 5, 1), (D(2026, 4, 1), D(2026, 6, 30))),
        ("year", D(2026, 11, 23), (D(2026, 1, 1), D(2026, 12, 31))),
        ("all", D(2026, 11, 23), (None, None)),
        ("custom", D(2026, 11, 23), (None, None)),
    ],
)
def test_period_bounds(
    kind: agenda.PeriodKind, today: D, bounds: tuple[D | None, D | None]
) -> None:
    assert agenda.period_bounds(kind, today) == bounds


def test_period_text() -> None:
    assert agenda.period_text(D(2023, 12, 10), D(2023, 12, 17)) == "Từ 10/12/2023 đến 17/12/2023"
    assert agenda.period_text(None, D(2023, 12, 17)) == "Đến 17/12/2023"
    assert agenda.period_text(None, None) == "Mọi thời gian"
