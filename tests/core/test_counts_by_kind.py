"""Counts of petitions (kiến nghị), tasks (nhiệm vụ) or both: the dashboard's numbers, the four
per-unit buckets, the agenda, the reminders and Việc của đơn vị, each for one kind; and the
same statistics as of a past day (what was answered or done by then)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from db import petitions as db_petitions
from db.petition_filter import PetitionFilter, where_clause
from desktop.core import agenda, corrections, reports, tasks, unit_work, workflow
from desktop.core.errors import DomainError
from desktop.core.session import Session
from desktop.core.types import Stats
from tests import kind_office
from tests.conftest import Clock

D = dt.date
YEAR = (D(2026, 1, 1), D(2026, 12, 31))
KINDS: tuple[str | None, ...] = ("petition", "task", None)
RECEIVED = kind_office.RECEIVED


@dataclass
class Office:
    """What tests/kind_office.py registered, by name (p_* petitions, t_* tasks), and THH."""

    ids: dict[str, int]
    thh: int


@pytest.fixture
def office(session: Session, clock: Clock) -> Office:
    """Cục Tin học hóa's petitions and tasks on 23/11/2026 (tests/kind_office.py)."""
    ids = kind_office.build(session, clock)
    thh = next(u.id for u in unit_work.units_to_choose(session) if u.code == "THH")
    return Office(ids, thh)


def _numbers(s: Stats) -> tuple[int, ...]:
    return (s.received, s.answered, s.clarify, s.escalated, s.unanswered, s.overdue)


def _buckets(s: Stats) -> dict[str, tuple[int, int, int, int]]:
    return {
        u.unit_code: (u.done_on_time, u.done_late, u.open_in_time, u.open_overdue)
        for u in s.by_unit
    }


def test_the_numbers_and_the_four_buckets_count_the_kind_asked(
    session: Session, office: Office
) -> None:
    expected = {
        "petition": ((5, 2, 0, 0, 3, 1), (1, 1, 2, 1)),
        "task": ((6, 2, 0, 0, 4, 2), (1, 1, 2, 2)),
        None: ((11, 4, 0, 0, 7, 3), (2, 2, 4, 3)),
    }
    for kind, (numbers, buckets) in expected.items():
        s = reports.period_stats(session, *YEAR, kind=kind)
        assert _numbers(s) == numbers, kind
        assert _buckets(s) == {"THH": buckets}, kind
    # The old call means petitions only, as before tasks existed.
    assert reports.period_stats(session, *YEAR) == reports.period_stats(
        session, *YEAR, kind="petition"
    )


def test_agenda_and_reminders_count_the_kind_asked(session: Session, office: Office) -> None:
    ids = office.ids
    lists = {kind: agenda.due_soon(session, kind=kind) for kind in KINDS}
    assert [i.row.id for i in lists["petition"].items] == [ids["p_soon"]]
    assert [i.row.id for i in lists["task"].items] == [ids["t_soon"]]
    assert [i.row.id for i in lists[None].items] == [ids["p_soon"], ids["t_soon"]]
    assert [i.is_task for i in lists[None].items] == [False, True]
    assert agenda.due_soon(session) == lists["petition"]
    counts = {k: agenda.reminder_counts(session, kind=k) for k in KINDS}
    assert {k: (c.overdue, c.due_soon) for k, c in counts.items()} == {
        "petition": (1, 1),
        "task": (2, 1),
        None: (3, 2),
    }


def test_unit_work_lists_the_kind_asked_due_first(session: Session, office: Office) -> None:
    ids, today = office.ids, session.today()

    def listed(kind: str | None) -> list[tuple[int, bool, bool]]:
        work = unit_work.open_work(session.store, office.thh, today, kind)
        return [(w.petition_id, w.is_task, w.overdue) for w in work]

    p = [(ids[f"p_{n}"], False, late) for n, late in
         (("overdue", True), ("soon", False), ("in_time", False))]  # fmt: skip
    t = [(ids[f"t_{n}"], True, late) for n, late in
         (("overdue", True), ("overdue2", True), ("soon", False), ("in_time", False))]  # fmt: skip
    assert listed("petition") == p
    assert listed("task") == t
    assert listed(None) == [p[0], t[0], t[1], p[1], t[2], p[2], t[3]]
    assert unit_work.open_work(session.store, office.thh, today) == unit_work.open_work(
        session.store, office.thh, today, "petition"
    )


def test_stats_as_of_a_day_before_and_after_the_reply_and_the_done_report(
    session: Session, office: Office
) -> None:
    def as_of(day: D, kind: str | None) -> Stats:
        return reports.period_stats(session, *YEAR, kind=kind, as_of=day)

    # 14/11: nothing answered or done yet; due before 14/11: the overdue and the late ones.
    assert _numbers(as_of(D(2026, 11, 14), "petition")) == (5, 0, 0, 0, 5, 2)
    assert _buckets(as_of(D(2026, 11, 14), "petition")) == {"THH": (0, 0, 3, 2)}
    assert _numbers(as_of(D(2026, 11, 14), "task")) == (6, 0, 0, 0, 6, 2)
    # 15/11, the day of the reply and of the done report: each counted answered from then on.
    assert _numbers(as_of(D(2026, 11, 15), "petition")) == (5, 1, 0, 0, 4, 2)
    assert _buckets(as_of(D(2026, 11, 15), "petition")) == {"THH": (1, 0, 2, 2)}
    assert _numbers(as_of(D(2026, 11, 15), "task")) == (6, 1, 0, 0, 5, 2)
    assert _buckets(as_of(D(2026, 11, 15), "task")) == {"THH": (1, 0, 3, 2)}
    # 17/11: the second overdue task (due 16/11) is overdue as well.
    assert _numbers(as_of(D(2026, 11, 17), "task")) == (6, 1, 0, 0, 5, 3)
    assert _numbers(as_of(D(2026, 11, 17), None)) == (11, 2, 0, 0, 9, 5)
    # Today, as of today: the same as today's counts, for each kind.
    for kind in KINDS:
        assert as_of(session.today(), kind) == reports.period_stats(session, *YEAR, kind=kind)
    # Before anything was registered or given: nothing received, no unit.
    empty = as_of(D(2026, 9, 30), None)
    assert _numbers(empty) == (0, 0, 0, 0, 0, 0) and empty.by_unit == ()


def test_as_of_takes_the_latest_reply_closing_withdrawal_and_only_the_leads_done(
    session: Session, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Events are stamped with the time of day, not the session's today: pin that clock too.
    monkeypatch.setattr(db_petitions, "now_iso", lambda: f"{clock.today}T09:00:00+07:00")
    clock.today = RECEIVED
    ids = kind_office.petitions(session, {"clarified": D(2026, 12, 31), "closed": D(2026, 12, 31),
                               "withdrawn": D(2026, 12, 31)})  # fmt: skip
    (task_id,) = tasks.add_tasks(
        session, [tasks.TaskInput("Nhiệm vụ hai đơn vị", unit="THH", support_units=("VP",),
                                  due_on=D(2026, 12, 31))],
        origin="Văn phòng Chính phủ", received_on=RECEIVED,
    )  # fmt: skip
    clock.today = D(2026, 11, 10)
    workflow.reply(session, [ids["p_clarified"]], "clarify", "Cần làm rõ")
    workflow.reply(session, [ids["p_closed"]], "escalated", "Báo cáo Thủ tướng")
    tasks.report_progress(session, task_id, "Phần phối hợp xong.", done=True, unit="VP")
    clock.today = D(2026, 11, 12)
    workflow.reply(session, [ids["p_clarified"]], "answered", "Đã làm rõ")
    workflow.close(session, ids["p_closed"])
    tasks.report_progress(session, task_id, "Đã hoàn thành.", done=True)
    clock.today = D(2026, 11, 13)
    corrections.withdraw(session, ids["p_withdrawn"], "Vào sổ nhầm")
    clock.today = D(2026, 11, 23)
    assert numbers_now(session) == (2, 2, 0, 0, 0, 0)

    def numbers(day: D, kind: str) -> tuple[int, ...]:
        return _numbers(reports.period_stats(session, kind=kind, as_of=day))

    # (received, answered, clarify, escalated, unanswered, overdue); the withdrawn one
    # (registered by mistake) is out of every day's count, as it is out of the register.
    assert numbers(D(2026, 11, 9), "petition") == (2, 0, 0, 0, 2, 0)
    assert numbers(D(2026, 11, 10), "petition") == (2, 0, 1, 1, 0, 0)
    assert numbers(D(2026, 11, 11), "petition") == (2, 0, 1, 1, 0, 0)
    assert numbers(D(2026, 11, 12), "petition") == (2, 2, 0, 0, 0, 0)  # answered; closed
    corrections.reinstate(session, ids["p_withdrawn"])
    assert numbers(D(2026, 11, 11), "petition") == (3, 0, 1, 1, 1, 0)
    assert numbers(D(2026, 11, 13), "petition") == (3, 2, 0, 0, 1, 0)
    # The supporting unit's part done on 10/11 does not complete the task; the lead's does.
    assert numbers(D(2026, 11, 11), "task") == (1, 0, 0, 0, 1, 0)
    assert numbers(D(2026, 11, 12), "task") == (1, 1, 0, 0, 0, 0)
    before = reports.period_stats(session, kind="task", as_of=D(2026, 11, 11))
    vp = {u.unit_code: u for u in before.by_unit}
    assert (vp["VP"].done_on_time, vp["THH"].open_in_time) == (1, 1)


def numbers_now(session: Session) -> tuple[int, ...]:
    """Today's counts of petitions, all periods."""
    return _numbers(reports.period_stats(session))


def test_a_future_day_or_an_unknown_kind_is_refused_in_vietnamese(
    session: Session, office: Office
) -> None:
    with pytest.raises(DomainError, match="Ngày tính số liệu 24/11/2026 ở tương lai"):
        reports.period_stats(session, as_of=D(2026, 11, 24))
    with pytest.raises(DomainError, match="Loại «đơn» không có"):
        reports.period_stats(session, kind="đơn")
    with pytest.raises(DomainError, match="Loại «đơn» không có"):
        agenda.due_soon(session, kind="đơn")


def test_a_whole_register_counted_on_indexes_agrees_with_the_filter(
    session: Session, office: Office
) -> None:
    """db.petitions.count of a whole register (the navigation's number) takes a shortcut on
    small indexes; it must say what the filter's own count(*) says, withdrawn rows left out."""
    first = {kind: next(pid for name, pid in office.ids.items() if name.startswith(kind))
             for kind in ("p_", "t_")}  # fmt: skip
    corrections.withdraw(session, first["p_"], "Vào sổ nhầm")
    corrections.withdraw(session, first["t_"], "Vào sổ nhầm")
    store = session.store
    for kind in KINDS:
        f = PetitionFilter(kind=kind)
        where, params = where_clause(f)
        scanned = store.scalar(f"SELECT count(*) FROM petitions p WHERE {where}", params)
        assert db_petitions.count(store, f) == scanned
    assert [db_petitions.count(store, PetitionFilter(kind=k)) for k in KINDS] == [
        4,
        5,
        9,
    ]
