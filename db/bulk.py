"""Fast bulk writes for generated data (demo databases, benchmarks): explicit ids.

SQLite takes executemany; PostgreSQL takes COPY (executemany sends one statement per row,
even pipelined about ten times slower than COPY at a million petitions)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from db import terms
from db.engine import POSTGRESQL, Connection, dialect_of

DOCUMENT_COLUMNS = (
    "id, uuid, year, incoming_no, received_on, sender, sender_ref, sender_date, summary,"
    " reply_by, created_at, created_by"
)
PETITION_COLUMNS = (
    "id, uuid, document_id, ordinal, origin, field_id, content, summary, received_on, due_on,"
    " status, created_at, updated_at, search_origin, search_summary, search_content,"
    " search_document, sort_origin"
)
ASSIGNMENT_COLUMNS = (
    "uuid, petition_id, unit_id, role, due_on, instructions, assigned_on, completed_on"
)
REPLY_COLUMNS = "id, uuid, outcome, replied_on, text, letter_ref, created_at, created_by"
EVENT_COLUMNS = "uuid, petition_id, at, actor, from_status, to_status, note"


def next_id(conn: Connection, table: str) -> int:
    """The next free integer key of a table."""
    row = conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()
    return int(row[0])


def max_incoming_numbers(conn: Connection) -> dict[int, int]:
    """The highest số đến used in each year."""
    rows = conn.execute("SELECT year, max(incoming_no) FROM incoming_documents GROUP BY year")
    return {int(y): int(n) for y, n in rows}


def _insert(
    conn: Connection, table: str, columns: str, rows: Sequence[Sequence[Any]]
) -> None:
    if not rows:
        return
    if dialect_of(conn) == POSTGRESQL:
        raw = getattr(conn, "raw")  # noqa: B009 - the psycopg connection behind PgConnection
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" for _ in columns.split(","))
    conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def insert_batch(
    conn: Connection,
    *,
    documents: Sequence[Sequence[Any]],
    petitions: Sequence[Sequence[Any]],
    assignments: Sequence[Sequence[Any]],
    replies: Sequence[Sequence[Any]],
    reply_links: Sequence[tuple[int, int]],
    events: Sequence[Sequence[Any]],
) -> None:
    """Insert prepared rows (columns as the *_COLUMNS constants), in the caller's transaction."""
    _insert(conn, "incoming_documents", DOCUMENT_COLUMNS, documents)
    _insert(conn, "petitions", PETITION_COLUMNS, petitions)
    terms.record(conn, added=[terms.words(*row[13:17]) for row in petitions])
    _insert(conn, "assignments", ASSIGNMENT_COLUMNS, assignments)
    _insert(conn, "replies", REPLY_COLUMNS, replies)
    _insert(conn, "reply_petitions", "reply_id, petition_id", reply_links)
    _insert(conn, "status_events", EVENT_COLUMNS, events)
    if dialect_of(conn) == POSTGRESQL:
        # Rows given their ids leave the identity's sequence behind: the next insert of the
        # app itself would draw an id already taken.
        for table in ("incoming_documents", "petitions", "replies"):
            advance_identity(conn, table)


def advance_identity(conn: Connection, table: str) -> None:
    """PostgreSQL: move `table`'s id sequence past the highest id (after explicit ids)."""
    conn.execute(
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
        f" (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
    )
