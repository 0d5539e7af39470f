"""Assertions shared by the test layers."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from db.engine import is_postgres_url

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
