"""Counts for the dashboard and the Government Office's per-unit report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from db.models import Stats, UnitBuckets
from db.store import Store
from db.util import iso


def _period(received_from: dt.date | None, received_to: dt.date | None) -> tuple[str, list[Any]]:
    clauses, params = ["p.deleted_at IS NULL"], []
    if received_from:
        clauses.append("p.received_on >= ?")
        params.append(iso(received_from))
    if received_to:
        clauses.append("p.received_on <= ?")
        params.append(iso(received_to))
    return " AND ".join(clauses), params


def stats(
    store: Store,
    *,
    today: dt.date,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
) -> Stats:
    """Petitions received in the period by current status, and the four buckets per unit.

    `closed` counts as answered; overdue = still unanswered and due before `today`.
    """
    where, params = _period(received_from, received_to)
    t = iso(today)
    r = store.one(
        f"""
        SELECT count(*) AS received,
          count(*) FILTER (WHERE p.status IN ('answered', 'closed')) AS answered,
          count(*) FILTER (WHERE p.status = 'clarify') AS clarify,
          count(*) FILTER (WHERE p.status = 'escalated') AS escalated,
          count(*) FILTER (WHERE p.status IN ('registered', 'assigned')) AS unanswered,
          count(*) FILTER (WHERE p.status IN ('registered', 'assigned') AND p.due_on < ?)
            AS overdue
        FROM petitions p WHERE {where}
        """,
        [t, *params],
    )
    assert r is not None
    units = store.all(
        f"""
        SELECT u.code, u.name,
          count(*) FILTER (WHERE a.completed_on IS NOT NULL AND a.completed_on <= a.due_on)
            AS on_time,
          count(*) FILTER (WHERE a.completed_on IS NOT NULL AND a.completed_on > a.due_on)
            AS late,
          count(*) FILTER (WHERE a.completed_on IS NULL AND a.due_on >= ?) AS open_in_time,
          count(*) FILTER (WHERE a.completed_on IS NULL AND a.due_on < ?) AS open_overdue
        FROM assignments a
        JOIN units u ON u.id = a.unit_id
        JOIN petitions p ON p.id = a.petition_id
        WHERE a.removed_at IS NULL AND {where}
        GROUP BY u.id ORDER BY u.name
        """,
        [t, t, *params],
    )
    return Stats(
        received=r["received"],
        answered=r["answered"],
        clarify=r["clarify"],
        escalated=r["escalated"],
        unanswered=r["unanswered"],
        overdue=r["overdue"],
        by_unit=tuple(
            UnitBuckets(
                u["code"], u["name"], u["on_time"], u["late"], u["open_in_time"], u["open_overdue"]
            )
            for u in units
        ),
    )
