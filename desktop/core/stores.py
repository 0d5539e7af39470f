"""Opening the register: a SQLite file (the default) or the office server (PostgreSQL), and the
maintenance a command does on it as a whole (restore a file, read the history chain's head).

Front ends open a store here and hand it to a Session; which engine runs stays behind it.
"""

from __future__ import annotations

from pathlib import Path

import db
from db import engine, pg_store, seal_check
from db import store as db_store
from db.opening import sqlite_kind  # what an SQLite failure was (busy, full, …): one classifier
from db.store import Store

__all__ = [
    "default_db_path",
    "describe_server",
    "history_head",
    "is_server_target",
    "open_store",
    "restore_file",
    "sqlite_kind",
]


def open_store(target: Path | str, *, migrate: bool = True, create: bool = False) -> Store:
    """Connect to a file path, `:memory:` or `postgresql://…`, migrating it unless told not to."""
    return db.open_store(target, migrate=migrate, create=create)


def default_db_path() -> Path:
    """The database file in the user's data directory (used when no --db is given)."""
    return db_store.default_db_path()


def is_server_target(target: object) -> bool:
    """Whether a --db value names the office server (PostgreSQL) rather than a file."""
    return engine.is_postgres_url(target)


def describe_server(url: str) -> str:
    """A server address without its password or options, for messages."""
    return pg_store.describe(url)


def restore_file(src: Path | str, dest: Path | str) -> Path | None:
    """Replace the SQLite file `dest` with the checked backup `src`; the old file kept aside."""
    return db_store.restore(src, dest)


def history_head(store: Store) -> tuple[int, str] | None:
    """The hash chain's length and last hash (hex), as recorded; None before it was sealed."""
    return seal_check.head(store.conn)
