"""Giao xử lý, trả lời, kết thúc: the status workflow of a petition.

registered → assigned → answered | clarify | escalated → closed. A petition to be clarified
(`clarify`: answered, but the answer needs more work) can be assigned and answered again.
Every change is a recorded event; overdue is derived, never stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from db import petitions as pet
from db import reference as ref
from db import routing
from db.models import Outcome, Petition, Role, Unit
from db.text import clean
from desktop.core.errors import DomainError
from desktop.core.registry import default_due
from desktop.core.session import Session

STATUS_LABELS = {
    "registered": "Mới vào sổ",
    "assigned": "Đang xử lý",
    "answered": "Đã trả lời",
    "clarify": "Đã trả lời, cần làm rõ",
    "escalated": "Vượt thẩm quyền, đã báo cáo",
    "closed": "Đã kết thúc",
}
OUTCOMES: tuple[Outcome, ...] = ("answered", "clarify", "escalated")
ASSIGNABLE = ("registered", "assigned", "clarify")
REPLYABLE = ("registered", "assigned", "clarify")
CLOSABLE = ("answered", "clarify", "escalated")


def _petition(session: Session, petition_id: int) -> Petition:
    p = pet.get_petition(session.store, petition_id)
    if p is None:
        raise DomainError(f"Không có kiến nghị mã {petition_id}.")
    return p


def _unit(session: Session, key: str) -> Unit:
    unit = ref.find_unit(session.store, key)
    if unit is None:
        raise DomainError(f"Không có đơn vị «{key}» trong danh mục (dùng mã như THH, VP).")
    today = session.today()
    if unit.valid_to and unit.valid_to < today:
        raise DomainError(f"Đơn vị «{unit.name}» đã thôi hoạt động từ {unit.valid_to:%d/%m/%Y}.")
    return unit


def is_overdue(p: Petition, today: dt.date) -> bool:
    """Still waiting for a reply after its due date."""
    return p.status in pet.OPEN_STATUSES and p.due_on is not None and p.due_on < today


def assign(
    session: Session,
    petition_id: int,
    unit_key: str,
    *,
    role: Role = "lead",
    due_on: dt.date | None = None,
    instructions: str = "",
) -> int:
    """Giao a petition to a unit. A new lead replaces the current one (recorded)."""
    p = _petition(session, petition_id)
    if p.status not in ASSIGNABLE:
        raise DomainError(
            f"Kiến nghị {petition_id} đang ở trạng thái «{STATUS_LABELS[p.status]}», "
            "không giao được."
        )
    unit = _unit(session, unit_key)
    today = session.today()
    due = due_on or p.due_on or default_due(session, today, None)
    if due < p.received_on:
        raise DomainError(f"Hạn xử lý {due:%d/%m/%Y} trước ngày nhận {p.received_on:%d/%m/%Y}.")
    current = routing.assignments_of(session.store, petition_id)
    if any(a.unit_id == unit.id for a in current):
        raise DomainError(f"Đơn vị «{unit.name}» đã được giao kiến nghị này.")
    with session.store.write() as conn:
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


def unassign(session: Session, petition_id: int, unit_key: str) -> None:
    """Withdraw a unit's assignment (kept in history)."""
    unit = _unit(session, unit_key)
    p = _petition(session, petition_id)
    match = [a for a in routing.assignments_of(session.store, petition_id) if a.unit_id == unit.id]
    if not match:
        raise DomainError(f"Đơn vị «{unit.name}» không được giao kiến nghị này.")
    with session.store.write() as conn:
        routing.remove_assignment(conn, match[0].id)
        pet.set_status(
            conn, petition_id, p.status, p.status, session.actor, f"Thôi giao {unit.name}"
        )


def complete_part(
    session: Session, petition_id: int, unit_key: str, on: dt.date | None = None
) -> None:
    """A unit reports its part done."""
    unit = _unit(session, unit_key)
    p = _petition(session, petition_id)
    match = [a for a in routing.assignments_of(session.store, petition_id) if a.unit_id == unit.id]
    if not match:
        raise DomainError(f"Đơn vị «{unit.name}» không được giao kiến nghị này.")
    on = on or session.today()
    with session.store.write() as conn:
        routing.complete_assignment(conn, match[0].id, on)
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
) -> int:
    """Record an answer to one or more petitions; their open assignments are completed."""
    if outcome not in OUTCOMES:
        raise DomainError(f"Kết quả «{outcome}» không hợp lệ (answered, clarify, escalated).")
    if not clean(text):
        raise DomainError("Chưa nhập nội dung trả lời.")
    if not petition_ids:
        raise DomainError("Chưa chọn kiến nghị để trả lời.")
    on = replied_on or session.today()
    if on > session.today():
        raise DomainError(f"Ngày trả lời {on:%d/%m/%Y} ở tương lai.")
    petitions = [_petition(session, pid) for pid in dict.fromkeys(petition_ids)]
    for p in petitions:
        if p.status not in REPLYABLE:
            raise DomainError(
                f"Kiến nghị {p.id} đang ở trạng thái «{STATUS_LABELS[p.status]}», "
                "không ghi trả lời được."
            )
        if on < p.received_on:
            raise DomainError(f"Ngày trả lời {on:%d/%m/%Y} trước ngày nhận kiến nghị {p.id}.")
    with session.store.write() as conn:
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


def close(session: Session, petition_id: int, note: str = "") -> None:
    """Kết thúc: no further work on a replied petition."""
    p = _petition(session, petition_id)
    if p.status not in CLOSABLE:
        raise DomainError(
            f"Kiến nghị {petition_id} đang ở trạng thái «{STATUS_LABELS[p.status]}», "
            "chưa kết thúc được."
        )
    with session.store.write() as conn:
        pet.set_status(conn, petition_id, p.status, "closed", session.actor, note or "Kết thúc")
