"""Numbered schema migrations, one ladder for both engines, each in one write transaction.

The version is `PRAGMA user_version` on SQLite and the one row of `kiennghi_schema` on
PostgreSQL. Tables are written once, in SQLite's words; `run_script` says them in
PostgreSQL's (`pg_ddl`). What has no common form (SQLite's FTS5 index, PostgreSQL's text
search) is a branch on `dialect_of(conn)` inside the step that introduces it.

On SQLite a copy of the file is made (online backup API) before the first pending migration
runs, so a failed upgrade never costs the clerk data: the copy goes into the backups rotation
beside the database as `backups/<stem>-<timestamp>-truoc-nang-cap-v<old>.db` (db/backup.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from db import terms
from db.attachment_text import m013_attachment_text
from db.attachment_text import rebuild as rebuild_attachment_index
from db.audit import m008_audit_events
from db.ddl import run_script
from db.engine import POSTGRESQL, Connection, dialect_of
from db.history import m006_field_changes
from db.parties import m012_parties
from db.seals import m009_seals
from db.tasks import m011_tasks
from db.text import fold, vi_sort_key
from db.users import m007_users

if TYPE_CHECKING:
    from db.store import Store

Migration = Callable[[Connection], None]

# Frozen for migration 1 (its CHECK must not change meaning when the statuses change later;
# the statuses as the program knows them are desktop/core/vocabulary.py's).
M001_STATUSES = ("registered", "assigned", "answered", "clarify", "escalated", "closed")


def m001_initial(conn: Connection) -> None:
    """Tables of the design's vocabulary."""
    statuses = ", ".join(f"'{s}'" for s in M001_STATUSES)
    run_script(
        conn,
        f"""
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL              -- JSON
        );
        CREATE TABLE units (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            code TEXT NOT NULL UNIQUE,       -- symbol code used in document numbers (THH, VP)
            name TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT '',
            parent_id INTEGER REFERENCES units(id),
            valid_from TEXT,
            valid_to TEXT
        );
        CREATE TABLE localities (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT '',
            valid_from TEXT,
            valid_to TEXT,
            merged_into TEXT
        );
        CREATE TABLE fields (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL UNIQUE,
            default_unit_id INTEGER REFERENCES units(id),
            sort_order INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE incoming_documents (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            year INTEGER NOT NULL,
            incoming_no INTEGER NOT NULL CHECK (incoming_no > 0),
            received_on TEXT NOT NULL,
            sender TEXT NOT NULL DEFAULT '',
            sender_ref TEXT NOT NULL DEFAULT '',
            sender_date TEXT,
            summary TEXT NOT NULL DEFAULT '',
            reply_by TEXT,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL DEFAULT '',
            deleted_at TEXT,
            UNIQUE (year, incoming_no)
        );
        CREATE INDEX incoming_documents_received ON incoming_documents(received_on);
        CREATE INDEX incoming_documents_sender ON incoming_documents(sender);
        CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            document_id INTEGER NOT NULL REFERENCES incoming_documents(id),
            filename TEXT NOT NULL,
            mime TEXT NOT NULL DEFAULT 'application/octet-stream',
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            content BLOB NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE INDEX attachments_document ON attachments(document_id);
        CREATE TABLE petitions (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            document_id INTEGER REFERENCES incoming_documents(id),
            ordinal TEXT,
            origin TEXT NOT NULL,
            field_id INTEGER REFERENCES fields(id),
            content TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            received_on TEXT NOT NULL,
            due_on TEXT,
            status TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ({statuses})),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        );
        CREATE INDEX petitions_received ON petitions(received_on, id);
        CREATE INDEX petitions_status_due ON petitions(status, due_on);
        CREATE INDEX petitions_document ON petitions(document_id);
        CREATE INDEX petitions_origin ON petitions(origin);
        CREATE TABLE assignments (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            petition_id INTEGER NOT NULL REFERENCES petitions(id),
            unit_id INTEGER NOT NULL REFERENCES units(id),
            role TEXT NOT NULL CHECK (role IN ('lead', 'support')),
            due_on TEXT NOT NULL,
            instructions TEXT NOT NULL DEFAULT '',
            assigned_on TEXT NOT NULL,
            completed_on TEXT,
            removed_at TEXT
        );
        CREATE UNIQUE INDEX assignments_one_lead ON assignments(petition_id)
            WHERE role = 'lead' AND removed_at IS NULL;
        CREATE UNIQUE INDEX assignments_unit_once ON assignments(petition_id, unit_id)
            WHERE removed_at IS NULL;
        CREATE INDEX assignments_unit ON assignments(unit_id, due_on);
        CREATE TABLE outgoing_letters (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            year INTEGER,
            number INTEGER,
            symbol TEXT NOT NULL,
            issued_on TEXT,
            subject TEXT NOT NULL DEFAULT '',
            recipients TEXT NOT NULL DEFAULT '[]',
            copies TEXT NOT NULL DEFAULT '[]',
            signer TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            external INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            UNIQUE (year, number, symbol)
        );
        CREATE TABLE replies (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'clarify', 'escalated')),
            replied_on TEXT NOT NULL,
            text TEXT NOT NULL,
            letter_ref TEXT NOT NULL DEFAULT '',
            letter_id INTEGER REFERENCES outgoing_letters(id),
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE reply_petitions (
            reply_id INTEGER NOT NULL REFERENCES replies(id),
            petition_id INTEGER NOT NULL REFERENCES petitions(id),
            PRIMARY KEY (reply_id, petition_id)
        );
        CREATE INDEX reply_petitions_petition ON reply_petitions(petition_id);
        CREATE TABLE status_events (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            petition_id INTEGER NOT NULL REFERENCES petitions(id),
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            from_status TEXT,
            to_status TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX status_events_petition ON status_events(petition_id, id);
        """,
    )


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


# The expression must read exactly like this in queries for SQLite to use the index.
DUE_SORT = "coalesce(due_on, '9999-12-31')"


def m003_sorting(conn: Connection) -> None:
    """Sorting a million rows by key: Vietnamese order of origins, and due dates."""
    run_script(conn, "ALTER TABLE petitions ADD COLUMN sort_origin TEXT NOT NULL DEFAULT '';")
    rows = conn.execute("SELECT id, origin FROM petitions").fetchall()
    conn.executemany(
        "UPDATE petitions SET sort_origin = ? WHERE id = ?",
        [(vi_sort_key(r[1]), r[0]) for r in rows],
    )
    conn.execute("CREATE INDEX petitions_sort_origin ON petitions(sort_origin, id)")
    conn.execute(f"CREATE INDEX petitions_due ON petitions(({DUE_SORT}), id)")


def m004_letter_petitions(conn: Connection) -> None:
    """Letters linked to the petitions they answer; what a letter needs to be printed again.

    An issued letter is reprinted exactly as it was signed, whatever the settings say later,
    so the agency lines, place and the signer's authority and title are kept with it; `answer`
    is the part of a reply letter recorded as the reply's text when it is issued.
    """
    run_script(
        conn,
        """
        CREATE TABLE letter_petitions (
            letter_id INTEGER NOT NULL REFERENCES outgoing_letters(id),
            petition_id INTEGER NOT NULL REFERENCES petitions(id),
            PRIMARY KEY (letter_id, petition_id)
        );
        CREATE INDEX letter_petitions_petition ON letter_petitions(petition_id);
        ALTER TABLE outgoing_letters ADD COLUMN kind TEXT NOT NULL DEFAULT 'letter';
        ALTER TABLE outgoing_letters ADD COLUMN agency TEXT NOT NULL DEFAULT '';
        ALTER TABLE outgoing_letters ADD COLUMN parent_agency TEXT NOT NULL DEFAULT '';
        ALTER TABLE outgoing_letters ADD COLUMN place TEXT NOT NULL DEFAULT '';
        ALTER TABLE outgoing_letters ADD COLUMN signer_authority TEXT NOT NULL DEFAULT '';
        ALTER TABLE outgoing_letters ADD COLUMN signer_title TEXT NOT NULL DEFAULT '';
        ALTER TABLE outgoing_letters ADD COLUMN answer TEXT NOT NULL DEFAULT '';
        CREATE INDEX outgoing_letters_series ON outgoing_letters(year, symbol, number);
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


def m010_open_assignments(conn: Connection) -> None:
    """A unit's open assignments by due date, for Việc của đơn vị (p95 108 → 93 ms at 200k)."""
    conn.execute(
        "CREATE INDEX assignments_open_unit ON assignments(unit_id, due_on, petition_id)"
        " WHERE removed_at IS NULL AND completed_on IS NULL"
    )


MIGRATIONS: tuple[Migration, ...] = (
    m001_initial,
    m002_search,
    m003_sorting,
    m004_letter_petitions,
    m005_search_v2,
    m006_field_changes,
    m007_users,
    m008_audit_events,
    m009_seals,
    m010_open_assignments,
    m011_tasks,
    m012_parties,
    m013_attachment_text,
)
LATEST = len(MIGRATIONS)


def _copy_aside(store: Store, version: int) -> Path | None:
    # Into the backups rotation (verified, pruned with the others; see db/backup.py).
    if store.path is None or version == 0:
        return None
    from db.backup import rotate

    return rotate(store, f"truoc-nang-cap-v{version}")


def migrate(store: Store, *, target: int = LATEST) -> int:
    """Bring the file to `target` (default: latest); returns the version reached."""
    from db.store import StoreError

    version = store.user_version
    if version > LATEST:
        raise StoreError(
            f"Cơ sở dữ liệu ở phiên bản {version}, mới hơn phần mềm này (tối đa {LATEST}). "
            "Hãy cập nhật Sổ Kiến Nghị."
        )
    if version >= target:
        return version
    _copy_aside(store, version)
    for number in range(version + 1, target + 1):
        with store.write() as conn:
            # Another window may have migrated while we waited for the write lock.
            if store.user_version >= number:
                continue
            MIGRATIONS[number - 1](conn)
            store.set_user_version(conn, number)
    return store.user_version
