"""Giao xử lý, trả lời, kết thúc: the status workflow of a petition.

registered → assigned → answered | clarify | escalated → closed. A petition to be clarified
(`clarify`: answered, but the answer needs more work) can be assigned and answered again.
Every change is a recorded event; overdue is derived, never stored.

Each change reads what it depends on inside its own write transaction (BEGIN IMMEDIATE), so
of two clerks acting on one petition at the same moment the second sees the first's change.
A caller that showed the clerk a petition passes `seen` (the `version` it showed: the id of
the petition's latest event); when the petition changed since, the change is refused with
who changed it, when and how (`ConflictError`), and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from db import petitions as pet
from db import reference as ref
from db import routing
from db.models import Assignment, Outcome, Petition, Role, StatusEvent, Unit
from db.text import clean
from desktop.core import permissions
from desktop.core import vocabulary as vocab
from desktop.core.dates import format_datetime
from desktop.core.errors import ConflictError, DomainError
from desktop.core.letters.numbering import record_reference
from desktop.core.registry import default_due
from desktop.core.session import Session
from desktop.core.vocabulary import ASSIGNABLE, CLOSABLE, OUTCOMES, REPLYABLE


def _petition(session: Session, petition_id: int) -> Petition:
    p = pet.get_petition(session.store, petition_id)
    if p is None:
        raise DomainError(f"Không có kiến nghị mã {petition_id}.")
    return p


def version(session: Session, petition_id: int) -> int:
    """What a screen or command saw of a petition: the id of its latest event (0 if none)."""
    return pet.latest_event_ids(session.store, [petition_id])[petition_id]


def versions(session: Session, petition_ids: Sequence[int]) -> dict[int, int]:
    """`version` of each petition, for `seen` (one query, however many petitions)."""
    return pet.latest_event_ids(session.store, petition_ids)


def _when(event: StatusEvent) -> str:
    return format_datetime(event.at)


def _last_change(session: Session, petition_id: int, after: int = 0) -> StatusEvent | None:
    events = [e for e in pet.events_of(session.store, petition_id) if e.id > after]
    return events[-1] if events else None


def _changed_since(session: Session, p: Petition, seen: int) -> str:
    """The sentence telling the clerk what changed on a petition since they looked at it."""
    event = _last_change(session, p.id, seen)
    if event is None:
        return f"Kiến nghị {p.id} vừa được thay đổi; hãy xem lại rồi làm lại."
    what = event.note or vocab.STATUS_LABELS.get(event.to_status, event.to_status)
    if event.to_status in OUTCOMES and event.from_status != event.to_status:
        head = f"Kiến nghị {p.id} đã được ghi trả lời («{vocab.STATUS_LABELS[event.to_status]}»)"
    else:
        head = f"Kiến nghị {p.id} vừa được thay đổi ({what})"
    return f"{head} lúc {_when(event)} bởi {event.actor}; hãy xem lại rồi làm lại."


def check_seen(session: Session, p: Petition, seen: Mapping[int, int] | int | None) -> None:
    """Refuse (ConflictError, saying who changed what) when `p` changed since `seen`."""
    if seen is None:
        return
    expected = seen if isinstance(seen, int) else seen.get(p.id)
    if expected is not None and version(session, p.id) != expected:
        raise ConflictError(_changed_since(session, p, expected))


def _refuse_state(session: Session, p: Petition, action: str) -> DomainError:
    """Why a petition in its current state cannot take `action`, with who put it there."""
    event = _last_change(session, p.id)
    label = vocab.STATUS_LABELS[p.status]
    if p.status in OUTCOMES and event is not None and event.to_status == p.status:
        return DomainError(
            f"Kiến nghị {p.id} đã được ghi trả lời («{label}») lúc {_when(event)} bởi"
            f" {event.actor}; {action}."
        )
    since = f" từ {_when(event)} (bởi {event.actor})" if event is not None else ""
    return DomainError(f"Kiến nghị {p.id} đang ở trạng thái «{label}»{since}, {action}.")


def _unit(session: Session, key: str) -> Unit:
    unit = ref.find_unit(session.store, key)
    if unit is None:
        raise DomainError(f"Không có đơn vị «{key}» trong danh mục (dùng mã như THH, VP).")
    today = session.today()
    if unit.valid_to and unit.valid_to < today:
        raise DomainError(f"Đơn vị «{unit.name}» đã thôi hoạt động từ {unit.valid_to:%d/%m/%Y}.")
    return unit


def _assignment(session: Session, petition_id: int, unit: Unit) -> Assignment:
    for a in routing.assignments_of(session.store, petition_id):
        if a.unit_id == unit.id:
            return a
    raise DomainError(f"Đơn vị «{unit.name}» không được giao kiến nghị này.")


def assign(
    session: Session,
    petition_id: int,
    unit_key: str,
    *,
    role: Role = "lead",
    due_on: dt.date | None = None,
    instructions: str = "",
    seen: int | None = None,
) -> int:
    """Giao a petition to a unit. A new lead replaces the current one (recorded)."""
    permissions.require(session, "assign")
    unit = _unit(session, unit_key)
    today = session.today()
    with session.store.write() as conn:
        p = _petition(session, petition_id)
        check_seen(session, p, seen)
        if p.status not in ASSIGNABLE:
            raise _refuse_state(session, p, "không giao được")
        due = due_on or p.due_on or default_due(session, today, None)
        if due < p.received_on:
            raise DomainError(f"Hạn xử lý {due:%d/%m/%Y} trước ngày nhận {p.received_on:%d/%m/%Y}.")
        current = routing.assignments_of(session.store, petition_id)
        if any(a.unit_id == unit.id for a in current):
            raise DomainError(f"Đơn vị «{unit.name}» đã được giao kiến nghị này.")
        note = f"Giao {unit.name} {'chủ trì' if role == 'lead' else 'phối hợp'}, hạn {due:%d/%m/%Y}"
        if role == "lead":
            for old in (a for a in current if a.role == "lead"):
                routing.remove_assignment(conn, old.id)
                note = f"Chuyển chủ trì từ {old.unit_name} sang {unit.name}, hạn {due:%d/%m/%Y}"
            pet.set_due(conn, petition_id, due)
        assignment_id = routing.insert_assignment(
            conn, petition_id, unit.id, role, due, today, instructions
        )
        to_status = "assigned" if p.status == "registered" else p.status
        pet.set_status(conn, petition_id, p.status, to_status, session.actor, note)
    return assignment_id


def unassign(session: Session, petition_id: int, unit_key: str, *, seen: int | None = None) -> None:
    """Withdraw a unit's assignment (kept in history)."""
    permissions.require(session, "assign")
    unit = _unit(session, unit_key)
    with session.store.write() as conn:
        p = _petition(session, petition_id)
        check_seen(session, p, seen)
        routing.remove_assignment(conn, _assignment(session, petition_id, unit).id)
        pet.set_status(
            conn, petition_id, p.status, p.status, session.actor, f"Thôi giao {unit.name}"
        )


def complete_part(
    session: Session,
    petition_id: int,
    unit_key: str,
    on: dt.date | None = None,
    *,
    seen: int | None = None,
) -> None:
    """A unit reports its part done (once: a second report of the same part is refused)."""
    permissions.require(session, "complete_part", petition_id=petition_id, unit=unit_key)
    unit = _unit(session, unit_key)
    on = on or session.today()
    with session.store.write() as conn:
        p = _petition(session, petition_id)
        check_seen(session, p, seen)
        a = _assignment(session, petition_id, unit)
        if a.completed_on is not None:
            raise DomainError(f"«{unit.name}» đã hoàn thành ngày {a.completed_on:%d/%m/%Y}.")
        if on > session.today():
            raise DomainError(f"Ngày hoàn thành {on:%d/%m/%Y} ở tương lai.")
        if on < a.assigned_on:
            raise DomainError(
                f"Ngày hoàn thành {on:%d/%m/%Y} trước ngày giao {a.assigned_on:%d/%m/%Y}."
            )
        routing.complete_assignment(conn, a.id, on)
        note = f"{unit.name} hoàn thành phần việc ngày {on:%d/%m/%Y}"
        pet.set_status(conn, petition_id, p.status, p.status, session.actor, note)


def reply(
    session: Session,
    petition_ids: Sequence[int],
    outcome: Outcome,
    text: str,
    *,
    replied_on: dt.date | None = None,
    letter_ref: str = "",
    seen: Mapping[int, int] | None = None,
) -> int:
    """Record an answer to one or more petitions; their open assignments are completed.

    A `letter_ref` (the number of a letter made outside the app, `3/BTTTT-VP`) is entered in
    the outgoing register in the same transaction, so the app never issues that number again."""
    permissions.require(session, "reply")
    if outcome not in OUTCOMES:
        raise DomainError(f"Kết quả «{outcome}» không hợp lệ (answered, clarify, escalated).")
    if not clean(text):
        raise DomainError("Chưa nhập nội dung trả lời.")
    if not petition_ids:
        raise DomainError("Chưa chọn kiến nghị để trả lời.")
    on = replied_on or session.today()
    if on > session.today():
        raise DomainError(f"Ngày trả lời {on:%d/%m/%Y} ở tương lai.")
    with session.store.write() as conn:
        petitions = [_petition(session, pid) for pid in dict.fromkeys(petition_ids)]
        for p in petitions:
            check_seen(session, p, seen)
            if p.status not in REPLYABLE:
                raise _refuse_state(session, p, "không ghi trả lời thêm được")
            if on < p.received_on:
                raise DomainError(f"Ngày trả lời {on:%d/%m/%Y} trước ngày nhận kiến nghị {p.id}.")
        letter_ref = clean(letter_ref)
        if letter_ref:
            letter_ref = record_reference(session, letter_ref, on, [p.id for p in petitions])
        reply_id = routing.insert_reply(
            conn, [p.id for p in petitions], outcome, on, text, letter_ref, session.actor
        )
        for p in petitions:
            for a in routing.assignments_of(session.store, p.id):
                if a.completed_on is None:
                    routing.complete_assignment(conn, a.id, on)
            note = f"Trả lời ngày {on:%d/%m/%Y}" + (f", văn bản {letter_ref}" if letter_ref else "")
            pet.set_status(conn, p.id, p.status, outcome, session.actor, note)
    return reply_id


def close(session: Session, petition_id: int, note: str = "", *, seen: int | None = None) -> None:
    """Kết thúc: no further work on a replied petition."""
    permissions.require(session, "close")
    with session.store.write() as conn:
        p = _petition(session, petition_id)
        check_seen(session, p, seen)
        if p.status not in CLOSABLE:
            raise _refuse_state(session, p, "chưa kết thúc được")
        pet.set_status(conn, petition_id, p.status, "closed", session.actor, note or "Kết thúc")
