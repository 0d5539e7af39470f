"""Giao xử lý hàng loạt: one routing decision (lead, supporting units, due date, instructions)
applied to one or many petitions in a single transaction, and a unit's part marked done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from db import documents as docs
from db import petitions as pet
from db import reference as ref
from db import routing
from db.models import Assignment, Petition, Unit
from db.store import Store
from desktop.core import permissions, workflow
from desktop.core.errors import DomainError
from desktop.core.registry import default_due
from desktop.core.session import Session
from desktop.core.vocabulary import ASSIGNABLE, STATUS_LABELS

ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True)
class RoutingPlan:
    """What the clerk decided: `lead` "" keeps the current lead, `due_on` None keeps each due."""

    lead: str = ""
    supports: tuple[str, ...] = ()
    withdraw: tuple[str, ...] = ()
    due_on: dt.date | None = None
    instructions: str = ""


def assignments_of(store: Store, petition_id: int) -> list[Assignment]:
    """Current assignments of a petition, lead first (what the routing dialogs start from)."""
    return routing.assignments_of(store, petition_id)


def resolve_unit(session: Session, key: str) -> Unit:
    """A unit by code or name (accents optional) that is still in operation today."""
    unit = ref.find_unit(session.store, key)
    if unit is None:
        raise DomainError(f"Không có đơn vị «{key}» trong danh mục (gõ mã như THH hoặc tên).")
    if unit.valid_to is not None and unit.valid_to < session.today():
        raise DomainError(f"Đơn vị «{unit.name}» đã thôi hoạt động từ {unit.valid_to:%d/%m/%Y}.")
    return unit


def suggested_due(session: Session, p: Petition) -> dt.date:
    """The petition's current due date, else the working-day rule from its document."""
    if p.due_on is not None:
        return p.due_on
    d = docs.get_document(session.store, p.document_id) if p.document_id else None
    return default_due(session, p.received_on, d.reply_by if d else None)


def _label(p: Petition) -> str:
    return f"Kiến nghị {p.id} ({p.origin})"


def _route_one(
    session: Session, p: Petition, lead: Unit | None, supports: Sequence[Unit], plan: RoutingPlan
) -> int:
    changes = 0
    for key in plan.withdraw:
        unit = resolve_unit(session, key)
        if any(a.unit_id == unit.id for a in routing.assignments_of(session.store, p.id)):
            workflow.unassign(session, p.id, unit.code)
            changes += 1
    current = routing.assignments_of(session.store, p.id)
    current_lead = next((a for a in current if a.role == "lead"), None)
    if lead is not None and (current_lead is None or current_lead.unit_id != lead.id):
        if any(a.unit_id == lead.id and a.role == "support" for a in current):
            # Promoting a supporting unit: its support assignment gives way to the lead one.
            workflow.unassign(session, p.id, lead.code)
        workflow.assign(
            session,
            p.id,
            lead.code,
            role="lead",
            due_on=plan.due_on,
            instructions=plan.instructions,
        )
        changes += 1
    elif lead is None and current_lead is None:
        raise DomainError(f"{_label(p)} chưa có đơn vị chủ trì: hãy chọn đơn vị chủ trì.")
    assigned = {a.unit_id for a in routing.assignments_of(session.store, p.id)}
    for unit in supports:
        if unit.id in assigned:
            continue  # already routed there (several petitions at once): nothing to add
        workflow.assign(
            session,
            p.id,
            unit.code,
            role="support",
            due_on=plan.due_on,
            instructions=plan.instructions,
        )
        changes += 1
    return changes


def apply_routing(
    session: Session,
    petition_ids: Sequence[int],
    plan: RoutingPlan,
    progress: ProgressFn | None = None,
    *,
    seen: Mapping[int, int] | None = None,
) -> int:
    """Apply a routing decision to each petition, all or nothing; returns the changes made.

    Every petition is read inside the one write transaction; with `seen` (what the dialog
    showed, `workflow.versions`) a petition changed meanwhile refuses the whole decision."""
    permissions.require(session, "assign")
    ids = list(dict.fromkeys(petition_ids))
    if not ids:
        raise DomainError("Chưa chọn kiến nghị để giao.")
    lead = resolve_unit(session, plan.lead) if plan.lead.strip() else None
    supports = [resolve_unit(session, key) for key in dict.fromkeys(plan.supports)]
    if lead is not None and any(u.id == lead.id for u in supports):
        raise DomainError(f"Đơn vị «{lead.name}» đã chủ trì, không chọn thêm làm phối hợp.")
    changes = 0
    with session.store.write():
        for done, pid in enumerate(ids, start=1):
            p = pet.get_petition(session.store, pid)
            if p is None:
                raise DomainError(f"Không có kiến nghị mã {pid}.")
            workflow.check_seen(session, p, seen)
            if p.status not in ASSIGNABLE:
                raise DomainError(
                    f"{_label(p)} đang ở trạng thái «{STATUS_LABELS[p.status]}», không giao được."
                )
            changes += _route_one(session, p, lead, supports, plan)
            if progress is not None:
                progress(done, len(ids))
        if changes == 0:
            raise DomainError("Không có gì thay đổi: chọn đơn vị chủ trì mới hoặc đơn vị phối hợp.")
    return changes


def mark_part_done(
    session: Session, petition_id: int, unit_key: str, on: dt.date, *, seen: int | None = None
) -> None:
    """Đơn vị hoàn thành: a unit's part done on a day (not in the future, not before it began)."""
    permissions.require(session, "complete_part", petition_id=petition_id, unit=unit_key)
    unit = resolve_unit(session, unit_key)
    workflow.complete_part(session, petition_id, unit.code, on, seen=seen)
