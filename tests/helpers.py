"""Assertions shared by the test layers."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

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


def content_digest(path: Path) -> str:
    """A digest of every row of every content table: equal digests mean nothing changed."""
    conn = sqlite3.connect(str(path))
    try:
        h = hashlib.sha256()
        for table in CONTENT_TABLES:
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        conn.close()
