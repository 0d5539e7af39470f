"""Assertions and outside writers shared by the test layers."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from db.engine import is_postgres_url
from db.store import Store

CONTENT_TABLES = (
    "incoming_documents",
    "attachments",
    "petitions",
    "assignments",
    "replies",
    "reply_petitions",
    "status_events",
    "outgoing_letters",
    "letter_petitions",
    "settings",
    "units",
    "localities",
    "fields",
)


def content_digest(path: Path | str) -> str:
    """A digest of every row of every content table: equal digests mean nothing changed.

    Read with the engine's own driver, not through the app (a file, or a server's URI)."""
    h = hashlib.sha256()
    if is_postgres_url(path):
        import psycopg

        with psycopg.connect(str(path)) as pg:
            for table in CONTENT_TABLES:
                for row in pg.execute(f"SELECT * FROM {table} ORDER BY 1, 2".encode()):
                    h.update(repr(tuple(row)).encode())
        return h.hexdigest()
    conn = sqlite3.connect(str(path))
    try:
        for table in CONTENT_TABLES:
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        conn.close()


def outside(store: Store, *statements: str) -> None:
    """Statements run by another program (sqlite3 on the file, psycopg on the server)."""
    if store.dialect == "postgresql":
        import psycopg

        with psycopg.connect(getattr(store, "url", ""), autocommit=True) as server:
            for sql in statements:
                server.execute(sql.encode())
        return
    assert store.path is not None
    conn = sqlite3.connect(str(store.path))
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


def sql_on_file(path: Path, *statements: str) -> list[tuple[object, ...]]:
    """What another program does on a SQLite file; the rows of the last statement."""
    conn = sqlite3.connect(str(path))
    rows: list[tuple[object, ...]] = []
    for sql in statements:
        rows = conn.execute(sql).fetchall()
    conn.commit()
    conn.close()
    return rows
