import datetime as dt

from desktop.core import reports, workflow
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.conftest import Clock

D = dt.date


def _one(session: Session, received: D, due: D) -> int:
    r = register_document(
        session,
        DocumentInput(received_on=received, sender="Sở TT&TT Đà Nẵng", reply_by=due),
        [PetitionInput(origin="Đà Nẵng", content="Dịch vụ công trực tuyến toàn trình")],
    )
    return r.petition_ids[0]


def test_four_buckets_per_unit(session: Session, clock: Clock) -> None:
    clock.today = D(2026, 11, 23)
    on_time = _one(session, D(2026, 10, 1), D(2026, 10, 20))
    late = _one(session, D(2026, 10, 1), D(2026, 10, 20))
    open_ok = _one(session, D(2026, 11, 10), D(2026, 12, 1))
    open_late = _one(session, D(2026, 10, 1), D(2026, 11, 20))
    clarify = _one(session, D(2026, 10, 1), D(2026, 10, 20))
    for pid in (on_time, late, open_ok, open_late, clarify):
        workflow.assign(session, pid, "THH")
    workflow.assign(session, open_late, "VP", role="support")
    workflow.reply(session, [on_time], "answered", "x", replied_on=D(2026, 10, 20))
    workflow.reply(session, [late], "answered", "x", replied_on=D(2026, 10, 21))
    workflow.reply(session, [clarify], "clarify", "x", replied_on=D(2026, 10, 15))
    _one(session, D(2026, 11, 20), D(2026, 11, 21))  # unassigned, overdue
    _one(session, D(2025, 11, 20), D(2025, 11, 21))  # outside the period

    s = reports.period_stats(session, D(2026, 1, 1), D(2026, 12, 31))
    assert (s.received, s.answered, s.clarify, s.escalated) == (6, 2, 1, 0)
    assert (s.unanswered, s.overdue) == (3, 2)
    buckets = {u.unit_code: (u.done_on_time, u.done_late, u.open_in_time, u.open_overdue)
               for u in s.by_unit}  # fmt: skip
    assert buckets == {"THH": (2, 1, 1, 1), "VP": (0, 0, 0, 1)}

    # The same period seen a month later: the open one is now overdue too.
    clock.today = D(2026, 12, 23)
    s = reports.period_stats(session, D(2026, 1, 1), D(2026, 12, 31))
    assert {u.unit_code: u.open_overdue for u in s.by_unit} == {"THH": 2, "VP": 1}
    assert s.overdue == 3


def test_seed_002_story(session: Session, clock: Clock) -> None:
    """From 10/12 to 17/12: 336 received, 31 unanswered, 13 answered but to be clarified."""
    clock.today = D(2023, 12, 28)
    days = [D(2023, 12, d) for d in range(10, 18)]
    ids = []
    for i in range(336):
        r = register_document(
            session,
            DocumentInput(received_on=days[i % 8], sender=f"Sở TT&TT số {i % 63}"),
            [PetitionInput(origin=f"Tỉnh {i % 63}", content=f"Kiến nghị {i}")],
        )
        ids.extend(r.petition_ids)
    workflow.reply(session, ids[:292], "answered", "Đã trả lời", replied_on=D(2023, 12, 27))
    workflow.reply(session, ids[292:305], "clarify", "Sẽ làm rõ", replied_on=D(2023, 12, 27))
    s = reports.period_stats(session, D(2023, 12, 10), D(2023, 12, 17))
    assert (s.received, s.unanswered, s.clarify) == (336, 31, 13)
