"""Lịch sử sửa: the old and new value of every field a correction changed, who and when.

A correction (sửa, rút, khôi phục) writes one status event per petition it touches and one
`field_changes` row per field, in the same transaction. Values are stored as text as shown in
the register (dates ISO, a field by its name) so the history reads the same after a catalogue
changes; NULL means "empty".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from db.store import Store
from db.util import new_uuid

ENTITIES = ("document", "petition")


def m006_field_changes(conn: sqlite3.Connection) -> None:
    """Field changes of corrections; sender dates indexed for the duplicate check."""
    entities = ", ".join(f"'{e}'" for e in ENTITIES)
    conn.execute(
        f"""
        CREATE TABLE field_changes (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            entity TEXT NOT NULL CHECK (entity IN ({entities})),
            entity_id INTEGER NOT NULL,
            field TEXT NOT NULL,
            old_value TEXT,
            new_value TEXT,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            event_id INTEGER REFERENCES status_events(id)
        )
        """
    )
    conn.execute("CREATE INDEX field_changes_entity ON field_changes(entity, entity_id, id)")
    conn.execute("CREATE INDEX field_changes_event ON field_changes(event_id)")
    conn.execute(
        "CREATE INDEX incoming_documents_sender_date ON incoming_documents(sender_date)"
    )


@dataclass(frozen=True)
class FieldChange:
    """One field of a document or petition changed by a correction: from what to what."""

    id: int
    entity: str
    entity_id: int
    field: str
    old_value: str | None
    new_value: str | None
    at: str
    actor: str
    event_id: int | None


def record_changes(
    conn: sqlite3.Connection,
    entity: str,
    entity_id: int,
    changes: Sequence[tuple[str, str | None, str | None]],
    *,
    at: str,
    actor: str,
    event_id: int | None,
) -> None:
    """Write (field, old, new) rows, in the caller's write transaction."""
    conn.executemany(
        "INSERT INTO field_changes (uuid, entity, entity_id, field, old_value, new_value, at,"
        " actor, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (new_uuid(), entity, entity_id, name, old, new, at, actor, event_id)
            for name, old, new in changes
        ],
    )


_COLUMNS = "id, entity, entity_id, field, old_value, new_value, at, actor, event_id"


def changes_of(store: Store, entity: str, entity_id: int) -> list[FieldChange]:
    """Every recorded change of one document or petition, oldest first."""
    rows = store.all(
        f"SELECT {_COLUMNS} FROM field_changes WHERE entity = ? AND entity_id = ? ORDER BY id",
        [entity, entity_id],
    )
    return [FieldChange(**dict(r)) for r in rows]
