"""Người dùng (users) in the data layer: accounts, their password hashes and sign-in counters.

The login `name` is kept as typed and matched through `name_key` (its case-folded form,
computed in Python and unique): SQLite's lower() folds ASCII only, PostgreSQL's follows the
locale, so neither can be trusted to make `Vanthu` and `vanthu` one account on both engines.
All SQL here is in the subset both engines run (see db/migrations.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from db.ddl import run_script
from db.engine import Connection
from db.util import new_uuid

if TYPE_CHECKING:
    from db.store import Store

# Frozen for migration 7 (the CHECK it writes must not change when the roles change later;
# the roles as the program knows them are desktop/core/vocabulary.py's).
M007_ROLES = ("admin", "clerk", "leader", "officer")
# The schema version whose migration makes the users table (db/migrations.py).
USERS_VERSION = 7


def m007_users(conn: Connection) -> None:
    """Users who sign in, with their role and, for an officer (chuyên viên), their unit."""
    roles = ", ".join(f"'{r}'" for r in M007_ROLES)
    run_script(
        conn,
        f"""
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            full_name TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL CHECK (role IN ({roles})),
            unit_id INTEGER REFERENCES units(id),
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL DEFAULT '',
            disabled_at TEXT,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            CHECK ((role = 'officer' AND unit_id IS NOT NULL)
                OR (role <> 'officer' AND unit_id IS NULL))
        );
        """,
    )


def name_key(name: str) -> str:
    """The form two login names are compared in (case-insensitive)."""
    return name.casefold()


@dataclass(frozen=True)
class UserRow:
    """One account as stored (the hash included: only desktop/core/users.py reads it)."""

    id: int
    uuid: str
    name: str
    full_name: str
    role: str
    unit_id: int | None
    unit_code: str | None
    unit_name: str | None
    password_hash: str
    created_at: str
    created_by: str
    disabled_at: str | None
    failed_attempts: int
    locked_until: str | None


_SELECT = (
    "SELECT u.id, u.uuid, u.name, u.full_name, u.role, u.unit_id, n.code AS unit_code,"
    " n.name AS unit_name, u.password_hash, u.created_at, u.created_by, u.disabled_at,"
    " u.failed_attempts, u.locked_until FROM users u LEFT JOIN units n ON n.id = u.unit_id"
)


def _row(r: Any) -> UserRow:
    return UserRow(
        id=int(r["id"]),
        uuid=r["uuid"],
        name=r["name"],
        full_name=r["full_name"],
        role=r["role"],
        unit_id=None if r["unit_id"] is None else int(r["unit_id"]),
        unit_code=r["unit_code"],
        unit_name=r["unit_name"],
        password_hash=r["password_hash"],
        created_at=r["created_at"],
        created_by=r["created_by"],
        disabled_at=r["disabled_at"],
        failed_attempts=int(r["failed_attempts"]),
        locked_until=r["locked_until"],
    )


def has_users(store: Store) -> bool:
    """True once any account exists (a file then needs sign-in)."""
    return store.one("SELECT 1 FROM users LIMIT 1") is not None


def find(store: Store, name: str) -> UserRow | None:
    """The account signing in as `name` (any case), or None."""
    row = store.one(f"{_SELECT} WHERE u.name_key = ?", [name_key(name)])
    return None if row is None else _row(row)


def get(store: Store, user_id: int) -> UserRow | None:
    """The account with this id, or None."""
    row = store.one(f"{_SELECT} WHERE u.id = ?", [user_id])
    return None if row is None else _row(row)


def all_users(store: Store) -> list[UserRow]:
    """Every account, by login name."""
    return [_row(r) for r in store.all(f"{_SELECT} ORDER BY u.name_key")]


def enabled_admins(store: Store) -> int:
    """How many admins can still sign in (the last one may not be disabled)."""
    row = store.one("SELECT count(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL")
    return 0 if row is None else int(row[0])


def insert(
    conn: Connection,
    *,
    name: str,
    full_name: str,
    role: str,
    unit_id: int | None,
    password_hash: str,
    created_at: str,
    created_by: str,
) -> int:
    """Add an account in the caller's write transaction; returns its id."""
    row = conn.execute(
        "INSERT INTO users (uuid, name, name_key, full_name, role, unit_id, password_hash,"
        " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [new_uuid(), name, name_key(name), full_name, role, unit_id, password_hash,
         created_at, created_by],
    ).fetchone()  # fmt: skip
    return int(row[0])


def set_disabled(conn: Connection, user_id: int, stamp: str | None) -> None:
    """Disable an account (a stamp) or enable it again (None), in the caller's transaction."""
    conn.execute("UPDATE users SET disabled_at = ? WHERE id = ?", [stamp, user_id])


def set_role(conn: Connection, user_id: int, role: str, unit_id: int | None) -> None:
    """Give an account another role (and unit: an officer's, else none), in the caller's write."""
    conn.execute("UPDATE users SET role = ?, unit_id = ? WHERE id = ?", [role, unit_id, user_id])


def set_password(conn: Connection, user_id: int, password_hash: str) -> None:
    """Replace the hash; a new password also lifts a lock-out."""
    conn.execute(
        "UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?",
        [password_hash, user_id],
    )


def record_failure(conn: Connection, user_id: int, *, limit: int, lock_until: str) -> str | None:
    """Count one wrong password; at `limit` in a row the account is locked until `lock_until`.

    Returns the lock's end when this failure locked the account, else None. The counter
    starts again from zero at a lock, so after it the user has `limit` tries again."""
    row = conn.execute(
        "UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = ?"
        " RETURNING failed_attempts",
        [user_id],
    ).fetchone()
    if row is None or int(row[0]) < limit:
        return None
    conn.execute(
        "UPDATE users SET failed_attempts = 0, locked_until = ? WHERE id = ?",
        [lock_until, user_id],
    )
    return lock_until


def record_success(conn: Connection, user_id: int, password_hash: str | None) -> None:
    """A good sign-in clears the counter (and stores a rehash when the parameters changed)."""
    if password_hash is None:
        conn.execute(
            "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?", [user_id]
        )
    else:
        set_password(conn, user_id, password_hash)


def not_assigned_to(store: Store, unit_id: int, petition_ids: Sequence[int]) -> list[int]:
    """Those of `petition_ids` without an active (not removed) assignment to the unit."""
    wanted = list(dict.fromkeys(petition_ids))
    if not wanted:
        return []
    marks = ", ".join("?" for _ in wanted)
    rows = store.all(
        "SELECT DISTINCT petition_id FROM assignments WHERE unit_id = ? AND removed_at IS NULL"
        f" AND petition_id IN ({marks})",
        [unit_id, *wanted],
    )
    assigned = {int(r[0]) for r in rows}
    return [pid for pid in wanted if pid not in assigned]


def lock_stamp(moment: dt.datetime) -> str:
    """A moment as stored (ISO with seconds)."""
    return moment.isoformat(timespec="seconds")
