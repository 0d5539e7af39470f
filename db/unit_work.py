"""Việc của đơn vị: one unit's open assignments (giao xử lý not yet done), due first.

Read by the officer's start screen, on petitions (kiến nghị), tasks (nhiệm vụ) or both. One
query over the `assignments_unit (unit_id, due_on)` index, the kind a compare on the petition
row already read; portable SQL (SQLite and PostgreSQL), the summary chosen in Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from db.kinds import Kind, kind_sql
from db.models import OPEN_SQL, Role, Status
from db.petitions import display_summary
from db.store import Store
from db.util import must_date

# The most urgent 500: more than a screen is read, and each row costs (2,000 took 0.4 s at 200k).
DEFAULT_LIMIT = 500


@dataclass(frozen=True)
class UnitTaskRow:
    """One open assignment of the unit, with what the list shows of its petition or task."""

    assignment_id: int
    petition_id: int
    incoming_no: int | None
    received_on: dt.date
    origin: str
    summary: str
    role: Role
    due_on: dt.date
    instructions: str
    status: Status
    kind: str = "petition"  # or "task"
    due_text: str = ""  # a task's deadline as its notice wrote it ("tháng 6/2020")


def open_assignments(
    store: Store, unit_id: int, *, limit: int = DEFAULT_LIMIT, kind: Kind = "petition"
) -> list[UnitTaskRow]:
    """The unit's unfinished assignments on open rows of `kind`, earliest due first."""
    # A petition has no `tasks` row: not joined for petitions only (+10% on the list).
    due_text, tasks = (
        ("'' AS due_text", "")
        if kind == "petition"
        else ("t.due_text", "LEFT JOIN tasks t ON t.petition_id = p.id")
    )
    rows = store.all(
        f"""
        SELECT a.id, p.id AS petition_id, d.incoming_no, p.received_on, p.origin, p.summary,
               p.content, a.role, a.due_on, a.instructions, p.status, p.kind, {due_text}
        FROM assignments a
        JOIN petitions p ON p.id = a.petition_id
        LEFT JOIN incoming_documents d ON d.id = p.document_id
        {tasks}
        WHERE a.unit_id = ? AND a.removed_at IS NULL AND a.completed_on IS NULL
          AND p.deleted_at IS NULL AND p.status IN ({OPEN_SQL}) AND {kind_sql(kind)}
        ORDER BY a.due_on, p.id
        LIMIT ?
        """,
        [unit_id, limit],
    )
    return [
        UnitTaskRow(
            assignment_id=int(r["id"]),
            petition_id=int(r["petition_id"]),
            incoming_no=None if r["incoming_no"] is None else int(r["incoming_no"]),
            received_on=must_date(r["received_on"]),
            origin=r["origin"],
            summary=display_summary(r["summary"], r["content"]),
            role=cast(Role, r["role"]),
            due_on=must_date(r["due_on"]),
            instructions=r["instructions"],
            status=cast(Status, r["status"]),
            kind=r["kind"],
            due_text=r["due_text"] or "",
        )
        for r in rows
    ]
