import datetime as dt

import pytest

from db import petitions as pet
from db import routing
from desktop.core import vocabulary, workflow
from desktop.core.errors import DomainError
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.helpers import content_digest

D = dt.date


NOV_2 = D(2026, 11, 2)


def _petition(session: Session, received: D = NOV_2, reply_by: D | None = None) -> int:
    r = register_document(
        session,
        DocumentInput(received_on=received, sender="UBND tỉnh Thái Bình", reply_by=reply_by),
        [PetitionInput(origin="Thái Bình", content="Trục tích hợp quốc gia")],
    )
    return r.petition_ids[0]


def _statuses(session: Session, pid: int) -> list[tuple[str | None, str]]:
    return [(e.from_status, e.to_status) for e in pet.events_of(session.store, pid)]


def test_full_workflow_records_every_event(session: Session) -> None:
    pid = _petition(session)
    workflow.assign(session, pid, "THH", instructions="Chủ trì trả lời địa phương")
    workflow.assign(session, pid, "CATTT", role="support", due_on=D(2026, 11, 30))
    p = pet.get_petition(session.store, pid)
    assert p is not None and p.status == "assigned" and p.due_on == D(2026, 11, 16)
    lead, support = routing.assignments_of(session.store, pid)
    assert (lead.unit_code, lead.role, lead.due_on) == ("THH", "lead", D(2026, 11, 16))
    assert (support.unit_code, support.role, support.due_on) == (
        "CATTT",
        "support",
        D(2026, 11, 30),
    )
    assert lead.instructions == "Chủ trì trả lời địa phương"

    workflow.reply(session, [pid], "clarify", "Đã trả lời, sẽ làm rõ tại buổi làm việc")
    workflow.assign(session, pid, "CNTT", role="support")  # clarify can be worked on again
    workflow.reply(session, [pid], "answered", "Đã ban hành hướng dẫn", letter_ref="12/BTTTT-THH")
    workflow.close(session, pid)
    assert _statuses(session, pid) == [
        (None, "registered"),
        ("registered", "assigned"),
        ("assigned", "assigned"),
        ("assigned", "clarify"),
        ("clarify", "clarify"),
        ("clarify", "answered"),
        ("answered", "closed"),
    ]
    events = pet.events_of(session.store, pid)
    assert all(e.actor == "tester" and e.at for e in events)
    assert "12/BTTTT-THH" in events[5].note
    replies = routing.replies_of(session.store, pid)
    assert [r.outcome for r in replies] == ["clarify", "answered"]
    # Replying completed every open assignment on the reply date.
    assert all(
        a.completed_on == D(2026, 11, 23) for a in routing.assignments_of(session.store, pid)
    )


def test_new_lead_replaces_old_and_moves_due(session: Session) -> None:
    pid = _petition(session)
    workflow.assign(session, pid, "THH")
    workflow.assign(session, pid, "CĐSQG", due_on=D(2026, 12, 10))
    (lead,) = routing.assignments_of(session.store, pid)
    assert lead.unit_code == "CĐSQG"
    assert pet.get_petition(session.store, pid).due_on == D(2026, 12, 10)  # type: ignore[union-attr]
    assert "Chuyển chủ trì từ Cục Tin học hóa" in pet.events_of(session.store, pid)[-1].note


def test_one_reply_answers_several_petitions(session: Session) -> None:
    a, b = _petition(session), _petition(session)
    workflow.reply(session, [a, b], "answered", "Trả lời chung cho tỉnh")
    assert pet.get_petition(session.store, a).status == "answered"  # type: ignore[union-attr]
    (reply,) = routing.replies_of(session.store, b)
    assert reply.petition_ids == (a, b)


def test_unit_part_done(session: Session) -> None:
    pid = _petition(session)
    workflow.assign(session, pid, "THH")
    workflow.assign(session, pid, "VP", role="support")
    workflow.complete_part(session, pid, "VP", D(2026, 11, 23))
    done = {a.unit_code: a.completed_on for a in routing.assignments_of(session.store, pid)}
    assert done == {"THH": None, "VP": D(2026, 11, 23)}
    with pytest.raises(DomainError, match="đã hoàn thành ngày 23/11/2026"):
        workflow.complete_part(session, pid, "VP", D(2026, 11, 23))


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda s, p: workflow.assign(s, p, "KHÔNG-CÓ"), "Không có đơn vị"),
        (lambda s, p: workflow.assign(s, p, "THH", due_on=D(2026, 1, 1)), "trước ngày nhận"),
        (lambda s, p: workflow.assign(s, 999, "THH"), "Không có kiến nghị"),
        (lambda s, p: workflow.reply(s, [p], "answered", "  "), "nội dung trả lời"),
        (lambda s, p: workflow.reply(s, [p], "maybe", "x"), "không hợp lệ"),  # type: ignore[arg-type]
        (
            lambda s, p: workflow.reply(s, [p], "answered", "x", replied_on=D(2027, 1, 1)),
            "tương lai",
        ),
        (lambda s, p: workflow.close(s, p), "chưa kết thúc"),
        (lambda s, p: workflow.complete_part(s, p, "THH"), "không được giao"),
    ],
)
def test_refused_actions_change_nothing(session: Session, action: object, message: str) -> None:
    pid = _petition(session)
    before = content_digest(session.store.target)
    with pytest.raises(DomainError, match=message):
        action(session, pid)  # type: ignore[operator]
    assert content_digest(session.store.target) == before  # type: ignore[arg-type]


def test_no_work_on_a_closed_petition(session: Session) -> None:
    pid = _petition(session)
    workflow.reply(session, [pid], "escalated", "Báo cáo Thủ tướng")
    workflow.close(session, pid)
    with pytest.raises(DomainError, match="Đã kết thúc"):
        workflow.assign(session, pid, "THH")
    with pytest.raises(DomainError, match="không ghi trả lời"):
        workflow.reply(session, [pid], "answered", "x")
    with pytest.raises(DomainError, match="đã được giao"):
        other = _petition(session)
        workflow.assign(session, other, "THH")
        workflow.assign(session, other, "THH", role="support")


def test_overdue_is_derived(session: Session) -> None:
    pid = _petition(session, received=D(2026, 11, 2))
    p = pet.get_petition(session.store, pid)
    assert p is not None
    assert not vocabulary.is_overdue(p, D(2026, 11, 16))
    assert vocabulary.is_overdue(p, D(2026, 11, 17))
    workflow.reply(session, [pid], "answered", "x")
    p = pet.get_petition(session.store, pid)
    assert p is not None and not vocabulary.is_overdue(p, D(2026, 11, 30))
