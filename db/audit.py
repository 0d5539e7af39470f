"""Nhật ký (audit log): what was done with the data rather than to it, and to the accounts.

Exports and printed registers, printed screens, and every change of an account (added,
disabled, enabled, password or role changed, locked by wrong passwords). `audit_events` is
append-only: rows are inserted, never updated or deleted, so the hash chain over the event
tables can cover it. `detail` is JSON text (for an export: which file, period and filters,
rows, masked or not; for an account: which one and what changed, never a password), read
back as a dict. SQL in the portable subset (SQLite 3.40 and PostgreSQL 15).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from db.ddl import run_script
from db.util import new_uuid, now_iso

if TYPE_CHECKING:
    from db.engine import Connection
    from db.store import Store


def m008_audit_events(conn: Connection) -> None:
    """The audit log: exports of the register (who, when, what), append-only."""
    run_script(
        conn,
        """
        CREATE TABLE audit_events (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX audit_events_at ON audit_events(at);
        """,
    )


@dataclass(frozen=True)
class AuditEvent:
    """One recorded action: when (ISO, local time with offset), who, what, and its details."""

    id: int
    uuid: str
    at: str
    actor: str
    action: str
    detail: dict[str, Any]


def record(store: Store, actor: str, action: str, detail: dict[str, Any]) -> AuditEvent:
    """Append one event; returns it as stored.

    In its own write transaction, or inside the caller's (a savepoint there): an account
    change and its event are then committed together or not at all."""
    uuid, at = new_uuid(), now_iso()
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True)
    with store.write() as conn:
        row = conn.execute(
            "INSERT INTO audit_events (uuid, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)"
            " RETURNING id",
            [uuid, at, actor, action, text],
        ).fetchone()
    return AuditEvent(int(row[0]), uuid, at, actor, action, detail)


def events(
    store: Store,
    *,
    action: str | None = None,
    actions: Sequence[str] = (),
    day_from: dt.date | None = None,
    day_to: dt.date | None = None,
    limit: int = 10_000,
) -> list[AuditEvent]:
    """The newest `limit` events (listed oldest first) of `action` or of any of `actions` (all
    when neither is given), made on a day within [day_from, day_to]."""
    where: list[str] = []
    params: list[object] = []
    wanted = [*([] if action is None else [action]), *actions]
    if wanted:
        where.append(f"action IN ({', '.join('?' for _ in wanted)})")
        params.extend(wanted)
    # `at` is ISO text, so a day's bounds compare as strings and the index serves them.
    if day_from is not None:
        where.append("at >= ?")
        params.append(day_from.isoformat())
    if day_to is not None:
        where.append("at < ?")
        params.append((day_to + dt.timedelta(days=1)).isoformat())
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    rows = store.all(
        f"SELECT id, uuid, at, actor, action, detail FROM audit_events {clause}"
        " ORDER BY id DESC LIMIT ?",
        [*params, limit],
    )
    return [
        AuditEvent(r["id"], r["uuid"], r["at"], r["actor"], r["action"], json.loads(r["detail"]))
        for r in reversed(rows)
    ]
