"""Running a migration's script statement by statement, inside the migration's transaction.

Tables are written in SQLite's words; on PostgreSQL `engine.pg_ddl` says them in its own."""

from __future__ import annotations

import sqlite3

from db.engine import Connection


def run_script(conn: Connection, script: str) -> None:
    """Run SQL statements one by one: `executescript` would COMMIT the open transaction."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            conn.execute(buffer)
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement: {buffer[:80]!r}")
