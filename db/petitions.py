"""Kiến nghị repository: petitions, their register view and their status history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import cast

from db import terms
from db.engine import Connection, Row
from db.models import Petition, PetitionRow, Status, StatusEvent
from db.petition_filter import Cursor, PetitionFilter, keyset_page, where_clause
from db.store import Store
from db.text import clean, fold, new_style_tones, vi_sort_key
from db.util import iso, must_date, new_uuid, now_iso, to_date


@dataclass(frozen=True)
class NewPetition:
    """What is needed to create a petition."""

    origin: str
    content: str
    received_on: dt.date
    document_id: int | None = None
    ordinal: str | None = None
    field_id: int | None = None
    summary: str = ""
    due_on: dt.date | None = None
    kind: str = "petition"  # or "task" (db/tasks.py)


def _text(value: str | None) -> str:
    return new_style_tones(clean(value))


def _petition(row: Row) -> Petition:
    return Petition(
        id=row["id"],
        uuid=row["uuid"],
        document_id=row["document_id"],
        ordinal=row["ordinal"],
        origin=row["origin"],
        field_id=row["field_id"],
        content=row["content"],
        summary=row["summary"],
        received_on=must_date(row["received_on"]),
        due_on=to_date(row["due_on"]),
        status=cast(Status, row["status"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        # sqlite3.Row's `in` looks at values: its keys() names the columns (none before v11).
        kind=row["kind"] if "kind" in row.keys() else "petition",  # noqa: SIM118
    )


@dataclass(frozen=True)
class PreparedPetition:
    """A NewPetition with its stored text, folded search columns, sort key and index words
    computed: the Python work of a write, done before the write lock is taken."""

    new: NewPetition
    origin: str
    content: str
    summary: str
    search: tuple[str, str, str]  # folded origin, summary, content
    sort_origin: str
    words: frozenset[str]


def prepare_petitions(petitions: Iterable[NewPetition]) -> list[PreparedPetition]:
    """Clean, fold and key petitions outside any transaction (most of an import's time)."""
    out: list[PreparedPetition] = []
    for p in petitions:
        origin, content, summary = _text(p.origin), _text(p.content), _text(p.summary)
        search = (fold(origin), fold(summary), fold(content))
        out.append(
            PreparedPetition(
                p, origin, content, summary, search, vi_sort_key(origin),
                frozenset(terms.words(*search)),
            )
        )  # fmt: skip
    return out


_INSERT_SQL = (
    "INSERT INTO petitions (uuid, document_id, ordinal, origin, field_id, content, summary,"
    " received_on, due_on, status, created_at, updated_at, search_origin, search_summary,"
    " search_content, search_document, sort_origin{}) VALUES"
    " (?, ?, ?, ?, ?, ?, ?, ?, ?, 'registered', ?, ?, ?, ?, ?, ?, ?{}) RETURNING id"
)
# A petition leaves `kind` to its default: the statement of schema 10, which the migration
# tests still write older files with.
_INSERT = {False: _INSERT_SQL.format("", ""), True: _INSERT_SQL.format(", kind", ", ?")}


def insert_petitions(
    store: Store,
    petitions: Iterable[NewPetition | PreparedPetition],
    *,
    actor: str,
    note: str = "",
) -> list[int]:
    """Insert petitions (status `registered`, with their first event); returns their ids.

    Give `prepare_petitions(...)` when the caller's transaction is already open, so the lock is
    held only for the inserts (3,000 rows: 0.5 s instead of 1.7 s)."""
    prepared = [
        p if isinstance(p, PreparedPetition) else prepare_petitions([p])[0] for p in petitions
    ]
    ids: list[int] = []
    stamp = now_iso()
    indexed: list[set[str]] = []
    with store.write() as conn:
        refs: dict[int, str] = {}
        for prep in prepared:
            p = prep.new
            if p.document_id is not None and p.document_id not in refs:
                row = conn.execute(
                    "SELECT sender_ref FROM incoming_documents WHERE id = ?", [p.document_id]
                ).fetchone()
                refs[p.document_id] = fold(row[0]) if row else ""
            ref = refs.get(p.document_id, "") if p.document_id is not None else ""
            cur = conn.execute(
                _INSERT[p.kind != "petition"],
                [
                    new_uuid(),
                    p.document_id,
                    clean(p.ordinal) or None,
                    prep.origin,
                    p.field_id,
                    prep.content,
                    prep.summary,
                    iso(p.received_on),
                    iso(p.due_on),
                    stamp,
                    stamp,
                    *prep.search,
                    ref,
                    prep.sort_origin,
                    *([p.kind] if p.kind != "petition" else []),
                ],
            )
            new_id = int(cur.fetchone()[0])
            ids.append(new_id)
            indexed.append(set(prep.words) | terms.words(ref) if ref else set(prep.words))
            add_event(conn, new_id, actor, None, "registered", note, at=stamp)
        terms.record(conn, added=indexed)
    return ids


def petition_text(value: str | None) -> str:
    """A petition's words as stored: cleaned, new-style tones (hòa, not hoà)."""
    return _text(value)


def petition_state(conn: Connection, petition_id: int) -> tuple[Petition, str | None] | None:
    """A petition, withdrawn or not, with its `deleted_at` (read inside a write to decide)."""
    row = conn.execute("SELECT * FROM petitions WHERE id = ?", [petition_id]).fetchone()
    return (_petition(row), row["deleted_at"]) if row else None


def withdrawn_together(conn: Connection, document_id: int, stamp: str) -> list[Petition]:
    """Petitions of a document withdrawn at exactly `stamp` (together with the document)."""
    rows = conn.execute(
        "SELECT * FROM petitions WHERE document_id = ? AND deleted_at = ? ORDER BY id",
        [document_id, stamp],
    ).fetchall()
    return [_petition(r) for r in rows]


def get_petition(
    store: Store, petition_id: int, *, include_deleted: bool = False
) -> Petition | None:
    """One petition by id."""
    sql = "SELECT * FROM petitions WHERE id = ?"
    if not include_deleted:
        sql += " AND deleted_at IS NULL"
    row = store.one(sql, [petition_id])
    return _petition(row) if row else None


def petitions_of_document(store: Store, document_id: int) -> list[Petition]:
    """The petitions registered from one document, in table order."""
    rows = store.all(
        "SELECT * FROM petitions WHERE document_id = ? AND deleted_at IS NULL ORDER BY id",
        [document_id],
    )
    return [_petition(r) for r in rows]


def add_event(
    conn: Connection,
    petition_id: int,
    actor: str,
    from_status: str | None,
    to_status: str,
    note: str = "",
    *,
    at: str | None = None,
) -> int:
    """Record one status change (call inside the write transaction that makes it); its id."""
    cur = conn.execute(
        "INSERT INTO status_events (uuid, petition_id, at, actor, from_status, to_status, note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [new_uuid(), petition_id, at or now_iso(), actor, from_status, to_status, clean(note)],
    )
    return int(cur.fetchone()[0])


def set_status(
    conn: Connection,
    petition_id: int,
    from_status: str,
    to_status: str,
    actor: str,
    note: str,
) -> None:
    """Change the status and record the event, in the caller's transaction."""
    conn.execute(
        "UPDATE petitions SET status = ?, updated_at = ? WHERE id = ?",
        [to_status, now_iso(), petition_id],
    )
    add_event(conn, petition_id, actor, from_status, to_status, note)


def set_due(conn: Connection, petition_id: int, due_on: dt.date | None) -> None:
    """Set the petition's own due date (the lead unit's), in the caller's transaction."""
    conn.execute(
        "UPDATE petitions SET due_on = ?, updated_at = ? WHERE id = ?",
        [iso(due_on), now_iso(), petition_id],
    )


def events_of(store: Store, petition_id: int) -> list[StatusEvent]:
    """The full history of a petition, oldest first."""
    rows = store.all(
        "SELECT id, petition_id, at, actor, from_status, to_status, note FROM status_events"
        " WHERE petition_id = ? ORDER BY id",
        [petition_id],
    )
    return [StatusEvent(**dict(r)) for r in rows]


def latest_event_ids(store: Store, petition_ids: Sequence[int]) -> dict[int, int]:
    """The id of each petition's latest event (0 for none), in one query."""
    found = {pid: 0 for pid in petition_ids}
    for start in range(0, len(found), 500):  # under SQLite's bound-parameter limit
        chunk = list(found)[start : start + 500]
        rows = store.all(
            "SELECT petition_id, max(id) FROM status_events"
            f" WHERE petition_id IN ({', '.join('?' for _ in chunk)}) GROUP BY petition_id",
            chunk,
        )
        found.update((r[0], r[1]) for r in rows)
    return found


_ROW_SQL = """
SELECT p.id, d.incoming_no, p.received_on, p.origin, p.summary, p.content, f.name AS field,
       (SELECT u.name FROM assignments a JOIN units u ON u.id = a.unit_id
         WHERE a.petition_id = p.id AND a.role = 'lead' AND a.removed_at IS NULL) AS lead_unit,
       p.due_on, p.status
FROM petitions p
LEFT JOIN incoming_documents d ON d.id = p.document_id
LEFT JOIN fields f ON f.id = p.field_id
"""


def display_summary(summary: str, content: str) -> str:
    """The summary, or the content's first line (cut to 200 characters) when none was written."""
    return summary or content.split("\n", 1)[0][:200]


def _row(r: Row) -> PetitionRow:
    summary = display_summary(r["summary"], r["content"])
    return PetitionRow(
        id=r["id"],
        incoming_no=r["incoming_no"],
        received_on=must_date(r["received_on"]),
        origin=r["origin"],
        summary=summary,
        field=r["field"],
        lead_unit=r["lead_unit"],
        due_on=to_date(r["due_on"]),
        status=cast(Status, r["status"]),
    )


def list_rows(
    store: Store,
    f: PetitionFilter = PetitionFilter(),
    *,
    limit: int = 200,
    after: tuple[str, int] | None = None,
) -> list[PetitionRow]:
    """Register rows, newest received first, paged by key (`after` = last (received_on, id))."""
    where, params = where_clause(f)
    if after is not None:
        where += " AND (p.received_on, p.id) < (?, ?)"
        params.extend(after)
    sql = f"{_ROW_SQL} WHERE {where} ORDER BY p.received_on DESC, p.id DESC LIMIT ?"
    return [_row(r) for r in store.all(sql, [*params, limit])]


def page_rows(
    store: Store, f: PetitionFilter, *, limit: int = 200, after: Cursor | None = None
) -> tuple[list[PetitionRow], Cursor | None]:
    """One page of the register in `f.order`, and the cursor for the next page (None at end)."""
    rows, cursor = keyset_page(
        store, lambda column: _ROW_SQL.replace("SELECT ", f"SELECT {column}", 1), f, limit, after
    )
    return [_row(r) for r in rows], cursor


def rows_by_ids(store: Store, ids: Sequence[int]) -> list[PetitionRow]:
    """Register rows for the given ids (withdrawn ones left out), in the given order."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows = store.all(f"{_ROW_SQL} WHERE p.id IN ({marks}) AND p.deleted_at IS NULL", list(ids))
    by_id = {r["id"]: _row(r) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def count(store: Store, f: PetitionFilter = PetitionFilter()) -> int:
    """How many petitions match the filter."""
    if replace(f, order="received", descending=True) == PetitionFilter(kind=f.kind):
        return _count_all(store, f.kind)
    where, params = where_clause(f)
    return int(store.scalar(f"SELECT count(*) FROM petitions p WHERE {where}", params))


def _count_all(store: Store, kind: str | None) -> int:
    # The whole register (the navigation's count after every save): "deleted_at IS NULL AND
    # kind = ?" reads every row (0.5 s at 200,000); all rows less the withdrawn and the other
    # kind is counted on small indexes (25 ms). A partial index would serve it too, but SQLite
    # then prefers it for the register's pages and sorts them (6 ms → 4.5 s).
    row = store.one(
        "SELECT (SELECT count(*) FROM petitions)"
        " - (SELECT count(*) FROM petitions WHERE deleted_at IS NOT NULL) AS live,"
        " (SELECT count(*) FROM petitions WHERE kind = 'task' AND deleted_at IS NULL) AS tasks"
    )
    live, live_tasks = (int(row["live"]), int(row["tasks"])) if row is not None else (0, 0)
    if kind is None:
        return live
    return live_tasks if kind == "task" else live - live_tasks
