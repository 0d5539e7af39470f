"""The search columns and SQLite's FTS5 index over them: migrations 2 and 5, and the rebuild
after outside writes. PostgreSQL's text search is db/pg_search.py."""

from __future__ import annotations

from db import terms
from db.attachment_text import rebuild as rebuild_attachment_index
from db.ddl import run_script
from db.engine import POSTGRESQL, Connection, dialect_of
from db.text import fold

SEARCH_COLUMNS = ("search_origin", "search_summary", "search_content")


def _fts_index(cols: tuple[str, ...]) -> str:
    """The FTS5 index over folded columns of petitions, its triggers, filled."""
    return f"""
        CREATE VIRTUAL TABLE petitions_fts USING fts5(
            {", ".join(cols)},
            content='petitions', content_rowid='id',
            tokenize = "unicode61 remove_diacritics 2"
        );
        {_fts_triggers(cols)}
        INSERT INTO petitions_fts(petitions_fts) VALUES ('rebuild');
        """


def _fts_triggers(cols: tuple[str, ...]) -> str:
    names = ", ".join(cols)
    new = ", ".join(f"new.{c}" for c in cols)
    old = ", ".join(f"old.{c}" for c in cols)
    return f"""
        CREATE TRIGGER petitions_fts_ai AFTER INSERT ON petitions BEGIN
            INSERT INTO petitions_fts(rowid, {names}) VALUES (new.id, {new});
        END;
        CREATE TRIGGER petitions_fts_ad AFTER DELETE ON petitions BEGIN
            INSERT INTO petitions_fts(petitions_fts, rowid, {names})
                VALUES ('delete', old.id, {old});
        END;
        CREATE TRIGGER petitions_fts_au AFTER UPDATE OF {names} ON petitions BEGIN
            INSERT INTO petitions_fts(petitions_fts, rowid, {names})
                VALUES ('delete', old.id, {old});
            INSERT INTO petitions_fts(rowid, {names}) VALUES (new.id, {new});
        END;
        """


def m002_search(conn: Connection) -> None:
    """Diacritic-folded shadow columns and their FTS5 index, kept in sync by triggers.

    The folding (tones, đ→d) is done in Python when rows are written, never by an SQL function
    in a trigger: a connection that had not registered the function would then fail. On
    PostgreSQL the columns are added here and indexed by step 5.
    """
    for column in SEARCH_COLUMNS:
        run_script(conn, f"ALTER TABLE petitions ADD COLUMN {column} TEXT NOT NULL DEFAULT '';")
    rows = conn.execute("SELECT id, origin, summary, content FROM petitions").fetchall()
    conn.executemany(
        "UPDATE petitions SET search_origin = ?, search_summary = ?, search_content = ?"
        " WHERE id = ?",
        [(fold(r[1]), fold(r[2]), fold(r[3]), r[0]) for r in rows],
    )
    if dialect_of(conn) == POSTGRESQL:
        return
    run_script(
        conn,
        f"""
        {_fts_index(SEARCH_COLUMNS)}
        """,
    )


SEARCH_COLUMNS_V5 = (*SEARCH_COLUMNS, "search_document")


def m005_search_v2(conn: Connection) -> None:
    """The incoming document's number (số, ký hiệu) searchable with its petitions; a vocabulary.

    `search_document` holds the folded `sender_ref` of the petition's document, so `5606/VPCP`
    finds the petitions that came with Công văn 5606/VPCP-QHĐP. `search_terms` counts the
    petitions using each indexed word (see db/terms.py). The FTS table is rebuilt with the
    new column (about a minute at a million petitions).
    """
    run_script(conn, "ALTER TABLE petitions ADD COLUMN search_document TEXT NOT NULL DEFAULT '';")
    refs = conn.execute(
        "SELECT id, sender_ref FROM incoming_documents WHERE sender_ref != ''"
    ).fetchall()
    conn.executemany(
        "UPDATE petitions SET search_document = ? WHERE document_id = ?",
        [(fold(ref), doc_id) for doc_id, ref in refs],
    )
    if dialect_of(conn) == POSTGRESQL:
        from db.pg_indexes import create_indexes
        from db.pg_search import create_index

        create_index(conn)
        create_indexes(conn)
        return
    cols = SEARCH_COLUMNS_V5
    run_script(
        conn,
        f"""
        DROP TRIGGER petitions_fts_ai;
        DROP TRIGGER petitions_fts_ad;
        DROP TRIGGER petitions_fts_au;
        DROP TABLE petitions_fts;
        {_fts_index(cols)}
        CREATE TABLE search_terms (
            term TEXT PRIMARY KEY,
            docs INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE VIRTUAL TABLE temp.petitions_vocab USING fts5vocab(main, petitions_fts, 'row');
        INSERT INTO search_terms (term, docs) SELECT term, doc FROM temp.petitions_vocab;
        INSERT INTO search_terms (term, docs) SELECT '', count(*) FROM petitions;
        DROP TABLE temp.petitions_vocab;
        """,
    )


def rebuild_search(conn: Connection) -> None:
    """The search triggers made again, the index rebuilt from the petitions, the words recounted.

    For a file written behind the app's back (a dropped trigger, rows changed by hand).
    """
    if dialect_of(conn) == POSTGRESQL:
        from db.pg_search import rebuild

        rebuild(conn)
        return
    run_script(
        conn,
        f"""
        DROP TRIGGER IF EXISTS petitions_fts_ai;
        DROP TRIGGER IF EXISTS petitions_fts_ad;
        DROP TRIGGER IF EXISTS petitions_fts_au;
        {_fts_triggers(SEARCH_COLUMNS_V5)}
        INSERT INTO petitions_fts(petitions_fts) VALUES ('rebuild');
        """,
    )
    terms.recount(conn)
    rebuild_attachment_index(conn)
