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

from db.attachment_text import m013_attachment_text
from db.audit import m008_audit_events
from db.ddl import run_script
from db.engine import Connection
from db.history import m006_field_changes
from db.initial_schema import m001_initial
from db.parties import m012_parties
from db.seals import m009_seals
from db.search_schema import m002_search, m005_search_v2
from db.tasks import m011_tasks
from db.text import vi_sort_key
from db.users import m007_users

if TYPE_CHECKING:
    from db.store import Store

Migration = Callable[[Connection], None]

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
