"""Full-text search on PostgreSQL over the same folded columns as SQLite's FTS5 index."""

from __future__ import annotations

from db import terms
from db.ddl import run_script
from db.engine import Connection


def create_index(conn: Connection) -> None:
    """The search vocabulary (db/terms.py), counted from the petitions."""
    run_script(
        conn,
        """
        CREATE TABLE search_terms (
            term TEXT PRIMARY KEY,
            docs INTEGER NOT NULL
        );
        """,
    )
    rebuild(conn)


def rebuild(conn: Connection) -> None:
    """The vocabulary counted again from the folded columns."""
    conn.execute("DELETE FROM search_terms")
    words = [
        terms.words(*row)
        for row in conn.execute(
            "SELECT search_origin, search_summary, search_content, search_document FROM petitions"
        )
    ]
    terms.record(conn, words)
    if not words:
        conn.execute("INSERT INTO search_terms (term, docs) VALUES (?, 0)", [terms.TOTAL])
