"""The text of attachments (tệp đính kèm), kept beside them and indexed for search.

Each attachment of a văn bản đến gets at most one row in `attachment_texts` once its text has
been read (desktop/core/attachment_text.py reads DOCX, XLSX, PDF and, through OCR, scans): the
text as read (NFC, new-style tones) and its folded twin, indexed as the petitions are (FTS5
`attachment_fts` on SQLite, a generated tsvector with a GIN index on PostgreSQL; both read by
db/attachment_search.py). A file whose text could not be read still has its row, saying why
(`state` and `reason`), so the clerk is told and the file is not read again for nothing; an
attachment without a row has not been read yet (those stored before migration 13, or attached
while the text is read in the background): `unread` lists them for the backfill.

The rows are derived data, like the search index: made again from the attachment's sealed
bytes at any time, so they are not sealed (nor chained); a copy between engines carries them
verbatim (reading scans again by OCR would take minutes), the index being remade from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from db.ddl import run_script
from db.engine import POSTGRESQL, Connection, dialect_of
from db.store import Store
from db.text import clean, fold, new_style_tones
from db.util import now_iso

ATTACHMENT_TEXT_VERSION = 13
# What a row says of the file: its text indexed, no text in it (a picture, a scan without OCR,
# a file type without text), or unreadable (damaged); `waiting`: a scan whose OCR is not
# available on this machine yet, to be read again when it is.
State = Literal["indexed", "empty", "failed", "waiting"]
STATES: tuple[State, ...] = ("indexed", "empty", "failed", "waiting")
# Characters of one attachment indexed: ~100 pages, a tsvector well under PostgreSQL's 1 MB.
MAX_CHARS = 500_000
VECTOR = "search_vector"


def m013_attachment_text(conn: Connection) -> None:
    """The text of attachments and its search index; those already stored are left unread
    (no row), for desktop/core/attachment_text.py to read (reading is no work for SQL)."""
    states = ", ".join(f"'{s}'" for s in STATES)
    run_script(
        conn,
        f"""
        CREATE TABLE attachment_texts (
            attachment_id INTEGER PRIMARY KEY REFERENCES attachments(id),
            state TEXT NOT NULL CHECK (state IN ({states})),
            method TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            search_text TEXT NOT NULL DEFAULT '',
            read_at TEXT NOT NULL
        );
        """,
    )
    if dialect_of(conn) == POSTGRESQL:
        from db.pg_search import FUNCTION

        # The petitions' own function (db/pg_search.py): the same words at the same positions.
        conn.execute(
            f"ALTER TABLE attachment_texts ADD COLUMN {VECTOR} tsvector GENERATED ALWAYS AS"
            f" ({FUNCTION}('', '', '', search_text)) STORED"
        )
        conn.execute(
            f"CREATE INDEX attachment_texts_search ON attachment_texts USING gin ({VECTOR})"
        )
        return
    run_script(conn, _FTS)


_FTS = """
    CREATE VIRTUAL TABLE attachment_fts USING fts5(
        search_text, content='attachment_texts', content_rowid='attachment_id',
        tokenize = "unicode61 remove_diacritics 2"
    );
    CREATE TRIGGER attachment_fts_ai AFTER INSERT ON attachment_texts BEGIN
        INSERT INTO attachment_fts(rowid, search_text) VALUES (new.attachment_id, new.search_text);
    END;
    CREATE TRIGGER attachment_fts_ad AFTER DELETE ON attachment_texts BEGIN
        INSERT INTO attachment_fts(attachment_fts, rowid, search_text)
            VALUES ('delete', old.attachment_id, old.search_text);
    END;
    CREATE TRIGGER attachment_fts_au AFTER UPDATE OF search_text ON attachment_texts BEGIN
        INSERT INTO attachment_fts(attachment_fts, rowid, search_text)
            VALUES ('delete', old.attachment_id, old.search_text);
        INSERT INTO attachment_fts(rowid, search_text) VALUES (new.attachment_id, new.search_text);
    END;
"""


def rebuild(conn: Connection) -> None:
    """SQLite: the index made again from the stored texts (a file written behind the app's back)."""
    if dialect_of(conn) == POSTGRESQL or not _has_table(conn):
        return
    # Not 'rebuild': it leaves FTS5's statements active, and the seals' create_function
    # then fails at the commit ("Error creating function").
    conn.execute("INSERT INTO attachment_fts(attachment_fts) VALUES ('delete-all')")
    conn.execute(
        "INSERT INTO attachment_fts(rowid, search_text)"
        " SELECT attachment_id, search_text FROM attachment_texts"
    )


def _has_table(conn: Connection) -> bool:
    if dialect_of(conn) == POSTGRESQL:
        rows = conn.execute("SELECT to_regclass('attachment_texts') IS NOT NULL").fetchall()
        return bool(rows and rows[0][0])
    # fetchall: a statement left unfinished would make the seals' create_function fail.
    return bool(
        conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'attachment_texts'").fetchall()
    )


def available(store: Store) -> bool:
    """Whether the database keeps attachments' text (schema 13 or later)."""
    return store.user_version >= ATTACHMENT_TEXT_VERSION


@dataclass(frozen=True)
class AttachmentText:
    """What reading one attachment gave: its state, how it was read, why not, how much text."""

    attachment_id: int
    filename: str
    state: State
    method: str
    reason: str
    chars: int


def record(
    store: Store, attachment_id: int, state: State, *, text: str = "", method: str = "",
    reason: str = "",
) -> None:  # fmt: skip
    """Keep what reading an attachment gave (replacing an earlier reading)."""
    if state not in STATES:
        raise ValueError(f"state must be one of {STATES}, not {state!r}")
    text = new_style_tones(clean(text))[:MAX_CHARS]
    with store.write() as conn:
        conn.execute(
            "INSERT INTO attachment_texts (attachment_id, state, method, reason, text,"
            " search_text, read_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (attachment_id) DO UPDATE SET state = excluded.state,"
            " method = excluded.method, reason = excluded.reason, text = excluded.text,"
            " search_text = excluded.search_text, read_at = excluded.read_at",
            [attachment_id, state, method, clean(reason), text, fold(text), now_iso()],
        )


def unread(
    store: Store, *, document_id: int | None = None, after: int = 0, limit: int = 1000
) -> list[int]:
    """Attachments not read yet (or waiting for OCR) with ids over `after`, oldest first:
    the backfill's work."""
    if not available(store):
        return []
    where, params = " AND a.id > ?", [after]
    if document_id is not None:
        where, params = where + " AND a.document_id = ?", [after, document_id]
    rows = store.all(
        "SELECT a.id FROM attachments a LEFT JOIN attachment_texts t ON t.attachment_id = a.id"
        f" WHERE (t.attachment_id IS NULL OR t.state = 'waiting'){where} ORDER BY a.id LIMIT ?",
        [*params, limit],
    )
    return [int(r[0]) for r in rows]


def texts_of(store: Store, document_id: int) -> list[AttachmentText]:
    """What was read of each attachment of a document (those not read yet left out)."""
    if not available(store):
        return []
    rows = store.all(
        "SELECT a.id, a.filename, t.state, t.method, t.reason, length(t.text) AS chars"
        " FROM attachments a JOIN attachment_texts t ON t.attachment_id = a.id"
        " WHERE a.document_id = ? ORDER BY a.id",
        [document_id],
    )
    return [
        AttachmentText(int(r[0]), str(r[1]), r[2], str(r[3]), str(r[4]), int(r[5])) for r in rows
    ]


def text_of(store: Store, attachment_id: int) -> str:
    """The text read from one attachment ("" when none)."""
    if not available(store):
        return ""
    value = store.scalar(
        "SELECT text FROM attachment_texts WHERE attachment_id = ?", [attachment_id]
    )
    return str(value or "")


def attachment_file(store: Store, attachment_id: int) -> tuple[str, bytes] | None:
    """The name and bytes of one attachment (None when there is none by that id)."""
    row = store.one("SELECT filename, content FROM attachments WHERE id = ?", [attachment_id])
    return (str(row[0]), bytes(row[1])) if row else None
