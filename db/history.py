"""Corrections in the data layer: corrected petition columns written with their search index,
and the history (lịch sử sửa) keeping the old and new value of every field, who and when.

A correction (sửa, rút, khôi phục) writes one status event per petition it touches and one
`field_changes` row per field, in the same transaction. Values are stored as text as shown in
the register (dates ISO, a field by its name) so the history reads the same after a catalogue
changes; NULL means "empty".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from db import terms
from db.ddl import run_script
from db.engine import Connection
from db.text import clean, fold, new_style_tones, vi_sort_key
from db.util import iso, new_uuid, now_iso

if TYPE_CHECKING:
    from db.store import Store

ENTITIES = ("document", "petition")


def m006_field_changes(conn: Connection) -> None:
    """Field changes of corrections; sender dates (duplicate check) and withdrawals indexed."""
    entities = ", ".join(f"'{e}'" for e in ENTITIES)
    run_script(
        conn,
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
        );
        """,
    )
    conn.execute("CREATE INDEX field_changes_entity ON field_changes(entity, entity_id, id)")
    conn.execute("CREATE INDEX field_changes_event ON field_changes(event_id)")
    conn.execute(
        "CREATE INDEX incoming_documents_sender_date ON incoming_documents(sender_date)"
    )
    # The few withdrawn petitions, listed for Khôi phục without reading the whole register.
    conn.execute(
        "CREATE INDEX petitions_withdrawn ON petitions(deleted_at) WHERE deleted_at IS NOT NULL"
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
    conn: Connection,
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


# Columns a correction may change (the text ones are cleaned here, as when inserted).
EDITABLE = ("ordinal", "origin", "field_id", "content", "summary", "received_on")
_TEXT_COLUMNS = ("origin", "content", "summary")


def update_fields(
    conn: Connection, petition_id: int, values: dict[str, str | int | dt.date | None]
) -> None:
    """Write corrected columns; the search columns, sort key and vocabulary follow.

    In the caller's write transaction, so a rollback takes the index and the counts back too.
    """
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    stored: dict[str, object] = {}
    for name, value in values.items():
        if name in _TEXT_COLUMNS:
            stored[name] = new_style_tones(clean(value if isinstance(value, str) else ""))
        elif name == "ordinal":
            stored[name] = clean(value if isinstance(value, str) else None) or None
        elif isinstance(value, dt.date):
            stored[name] = iso(value)
        else:
            stored[name] = value
    before = conn.execute(
        "SELECT origin, summary, content, search_origin, search_summary, search_content,"
        " search_document FROM petitions WHERE id = ?",
        [petition_id],
    ).fetchone()
    if any(name in _TEXT_COLUMNS for name in stored):
        o, su, c = (str(stored.get(k, before[k])) for k in ("origin", "summary", "content"))
        stored.update(
            search_origin=fold(o), search_summary=fold(su), search_content=fold(c),
            sort_origin=vi_sort_key(o),
        )  # fmt: skip
        old_words = terms.words(*tuple(before)[3:])
        new_words = terms.words(fold(o), fold(su), fold(c), before["search_document"])
        terms.record(conn, added=[new_words], removed=[old_words])
    stored["updated_at"] = now_iso()
    conn.execute(
        f"UPDATE petitions SET {', '.join(f'{n} = ?' for n in stored)} WHERE id = ?",
        [*stored.values(), petition_id],
    )


def set_search_document(conn: Connection, document_id: int, sender_ref: str) -> None:
    """The document's number as its petitions are found by (after the number was corrected)."""
    folded = fold(clean(sender_ref))
    rows = conn.execute(
        "SELECT id, search_origin, search_summary, search_content, search_document"
        " FROM petitions WHERE document_id = ?",
        [document_id],
    ).fetchall()
    added, removed = [], []
    for r in rows:
        removed.append(terms.words(*tuple(r)[1:]))
        added.append(terms.words(*tuple(r)[1:4], folded))
    conn.execute(
        "UPDATE petitions SET search_document = ? WHERE document_id = ?", [folded, document_id]
    )
    terms.record(conn, added=added, removed=removed)


def set_deleted(conn: Connection, petition_id: int, stamp: str | None) -> None:
    """Withdraw (a time stamp) or reinstate (None) a petition, in the caller's transaction.

    The row and its index entry stay (so do its words in the vocabulary, as `check` counts
    them from the index); every list filters on `deleted_at IS NULL`.
    """
    conn.execute(
        "UPDATE petitions SET deleted_at = ?, updated_at = ? WHERE id = ?",
        [stamp, now_iso(), petition_id],
    )


@dataclass(frozen=True)
class WithdrawnRow:
    """A petition taken out of the register (rút), with when and why."""

    id: int
    origin: str
    summary: str
    withdrawn_at: str
    reason: str
    with_document: bool  # withdrawn together with its văn bản đến (reinstate that instead)


def withdrawn_petitions(store: Store, *, limit: int = 200) -> list[WithdrawnRow]:
    """Withdrawn petitions, the latest withdrawn first, with the note of their withdrawal."""
    rows = store.all(
        """
        SELECT p.id, p.origin, p.summary, p.content, p.deleted_at,
               (SELECT e.note FROM status_events e WHERE e.petition_id = p.id
                 ORDER BY e.id DESC LIMIT 1) AS note,
               d.deleted_at IS NOT NULL AS with_document
        FROM petitions p LEFT JOIN incoming_documents d ON d.id = p.document_id
        WHERE p.deleted_at IS NOT NULL
        ORDER BY p.deleted_at DESC, p.id DESC LIMIT ?
        """,
        [limit],
    )
    return [
        WithdrawnRow(
            id=r["id"],
            origin=r["origin"],
            summary=r["summary"] or r["content"].split("\n", 1)[0][:200],
            withdrawn_at=r["deleted_at"],
            reason=(r["note"] or "").split(": ", 1)[-1],
            with_document=bool(r["with_document"]),
        )
        for r in rows
    ]
