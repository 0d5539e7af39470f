"""Counts for the dashboard and the Government Office's per-unit report, today or as of a date.

Today's counts read the current status. Counts as of a day D read the history instead:
received by D; answered as of D when the latest reply on or before D says so (its outcome
gives "to be clarified" and "escalated" too) or the petition was also closed by D (closed
counts as answered, as today), or, for a task, when its current lead unit (or the clerk, for
a task without one) reported it done on or before D; open otherwise, overdue when also due
before D.
A unit's assignment counts when given by D and not removed by then, done when completed by D.
A withdrawn row (rút: registered by mistake) counts on no day, as in the register.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from db.engine import Row
from db.kinds import Kind, kind_sql
from db.models import OPEN_SQL, OVERDUE_SQL, Stats, UnitBuckets
from db.store import Store
from db.util import iso


def _period(
    received_from: dt.date | None, received_to: dt.date | None, kind: Kind
) -> tuple[str, list[Any]]:
    clauses, params = ["p.deleted_at IS NULL", kind_sql(kind)], []
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
    kind: Kind = "petition",
    as_of: dt.date | None = None,
) -> Stats:
    """Rows of `kind` received in the period by status, and the four buckets per unit.

    `closed` counts as answered; overdue = still unanswered and due before `today`. With
    `as_of`, the same counts as they stood at the end of that day (see the module).
    """
    if as_of is not None:
        return _as_of(store, as_of, received_from, received_to, kind)
    where, params = _period(received_from, received_to, kind)
    t = iso(today)
    r = store.one(
        f"""
        SELECT count(*) AS received,
          count(*) FILTER (WHERE p.status IN ('answered', 'closed')) AS answered,
          count(*) FILTER (WHERE p.status = 'clarify') AS clarify,
          count(*) FILTER (WHERE p.status = 'escalated') AS escalated,
          count(*) FILTER (WHERE p.status IN ({OPEN_SQL})) AS unanswered,
          count(*) FILTER (WHERE {OVERDUE_SQL}) AS overdue
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
    return _stats(r, units)


# The outcome as of :d of each row, NULL while open. Every subquery is one index lookup by
# petition (reply_petitions_petition, status_events_petition, progress_reports_petition); the
# done and closed ones are only asked of rows whose current status allows them. A close is
# dated by its event (a time stamp); only a replied petition can be closed.
_OUTCOME = """
CASE
  WHEN p.kind = 'task' AND p.status IN ('answered', 'closed') AND EXISTS (
    SELECT 1 FROM progress_reports pr
    WHERE pr.petition_id = p.id AND pr.done = 1 AND pr.reported_on <= :d
      AND (pr.unit_id IS NULL OR pr.unit_id IN (
        SELECT a.unit_id FROM assignments a
        WHERE a.petition_id = p.id AND a.role = 'lead' AND a.removed_at IS NULL)))
    THEN 'answered'
  ELSE (
    SELECT CASE
      WHEN p.status = 'closed' AND EXISTS (
        SELECT 1 FROM status_events e
        WHERE e.petition_id = p.id AND e.to_status = 'closed' AND e.at < :next)
      THEN 'answered' ELSE r.outcome END
    FROM reply_petitions rp JOIN replies r ON r.id = rp.reply_id
    WHERE rp.petition_id = p.id AND r.replied_on <= :d
    ORDER BY r.replied_on DESC, r.id DESC LIMIT 1)
END
"""


def _as_of(
    store: Store,
    day: dt.date,
    received_from: dt.date | None,
    received_to: dt.date | None,
    kind: Kind,
) -> Stats:
    clauses = ["p.deleted_at IS NULL", kind_sql(kind), "p.received_on <= :d"]
    params: dict[str, Any] = {"d": iso(day), "next": iso(day + dt.timedelta(days=1))}
    if received_from:
        clauses.append("p.received_on >= :first")
        params["first"] = iso(received_from)
    if received_to:
        clauses.append("p.received_on <= :last")
        params["last"] = iso(received_to)
    where = " AND ".join(clauses)
    r = store.one(
        f"""
        WITH s AS (SELECT p.due_on, {_OUTCOME} AS outcome FROM petitions p WHERE {where})
        SELECT count(*) AS received,
          count(*) FILTER (WHERE outcome = 'answered') AS answered,
          count(*) FILTER (WHERE outcome = 'clarify') AS clarify,
          count(*) FILTER (WHERE outcome = 'escalated') AS escalated,
          count(*) FILTER (WHERE outcome IS NULL) AS unanswered,
          count(*) FILTER (WHERE outcome IS NULL AND due_on < :d) AS overdue
        FROM s
        """,
        params,
    )
    assert r is not None
    done = "a.completed_on IS NOT NULL AND a.completed_on <= :d"
    still_open = "(a.completed_on IS NULL OR a.completed_on > :d)"
    # Assignments removed after the day count too, and no index by petition holds removed
    # ones: SQLite is made to walk the assignments and find each petition by its key (a CROSS
    # JOIN keeps that order), not to walk the tasks' index and scan assignments for each
    # (3,000 tasks at 200,000 petitions: 67 s -> 0.2 s). PostgreSQL plans it as a join.
    units = store.all(
        f"""
        SELECT u.code, u.name,
          count(*) FILTER (WHERE {done} AND a.completed_on <= a.due_on) AS on_time,
          count(*) FILTER (WHERE {done} AND a.completed_on > a.due_on) AS late,
          count(*) FILTER (WHERE {still_open} AND a.due_on >= :d) AS open_in_time,
          count(*) FILTER (WHERE {still_open} AND a.due_on < :d) AS open_overdue
        FROM assignments a
        CROSS JOIN petitions p
        JOIN units u ON u.id = a.unit_id
        WHERE p.id = a.petition_id AND a.assigned_on <= :d
          AND (a.removed_at IS NULL OR a.removed_at >= :next) AND {where}
        GROUP BY u.id ORDER BY u.name
        """,
        params,
    )
    return _stats(r, units)


def _stats(r: Row, units: list[Row]) -> Stats:
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
