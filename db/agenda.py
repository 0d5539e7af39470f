"""Lịch hạn: open petitions (or tasks) by due date, for the dashboard's agenda and the reminders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from db.engine import Row
from db.kinds import Kind, kind_sql
from db.models import OPEN_SQL, Status
from db.petitions import display_summary
from db.store import Store
from db.util import iso, must_date


@dataclass(frozen=True)
class DueRow:
    """An open petition with its due date, as one line of the agenda."""

    id: int
    incoming_no: int | None
    received_on: dt.date
    origin: str
    summary: str
    lead_unit: str | None
    lead_unit_code: str | None
    due_on: dt.date
    status: Status
    kind: str = "petition"  # or "task" (nhiệm vụ)


@dataclass(frozen=True)
class OpenCounts:
    """How many open petitions are overdue and how many fall due within a window."""

    overdue: int
    due_within: int


def _row(r: Row) -> DueRow:
    summary = display_summary(r["summary"], r["content"])
    return DueRow(
        id=r["id"],
        incoming_no=r["incoming_no"],
        received_on=must_date(r["received_on"]),
        origin=r["origin"],
        summary=summary,
        lead_unit=r["lead_unit"],
        lead_unit_code=r["lead_unit_code"],
        due_on=must_date(r["due_on"]),
        status=cast(Status, r["status"]),
        kind=r["kind"],
    )


def due_between(
    store: Store, first: dt.date, last: dt.date, *, limit: int = 500, kind: Kind = "petition"
) -> list[DueRow]:
    """Open rows of `kind` due from `first` to `last` inclusive, earliest due first."""
    rows = store.all(
        f"""
        SELECT p.id, d.incoming_no, p.received_on, p.origin, p.summary, p.content,
               u.name AS lead_unit, u.code AS lead_unit_code, p.due_on, p.status,
               p.kind
        FROM petitions p
        LEFT JOIN incoming_documents d ON d.id = p.document_id
        LEFT JOIN assignments a
               ON a.petition_id = p.id AND a.role = 'lead' AND a.removed_at IS NULL
        LEFT JOIN units u ON u.id = a.unit_id
        WHERE p.deleted_at IS NULL AND p.status IN ({OPEN_SQL})
          AND p.due_on >= ? AND p.due_on <= ? AND {kind_sql(kind)}
        ORDER BY p.due_on, p.received_on, p.id
        LIMIT ?
        """,
        [iso(first), iso(last), limit],
    )
    return [_row(r) for r in rows]


def open_counts(
    store: Store, today: dt.date, last: dt.date, *, kind: Kind = "petition"
) -> OpenCounts:
    """Open rows of `kind` due before `today` (overdue), and due from `today` to `last`."""
    r = store.one(
        f"""
        SELECT count(*) FILTER (WHERE p.due_on < :today) AS overdue,
               count(*) FILTER (WHERE p.due_on >= :today AND p.due_on <= :last) AS due_within
        FROM petitions p
        WHERE p.deleted_at IS NULL AND p.status IN ({OPEN_SQL}) AND p.due_on IS NOT NULL
          AND {kind_sql(kind)}
        """,
        {"today": iso(today), "last": iso(last)},
    )
    assert r is not None
    return OpenCounts(overdue=int(r["overdue"]), due_within=int(r["due_within"]))
