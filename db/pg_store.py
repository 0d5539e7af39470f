"""The office server: a PostgreSQL database behind the same `Store` as the SQLite file.

Writes are serialised as on SQLite: each write transaction takes one transaction-level advisory
lock first, so every change still reads what it changes inside its own transaction and two
clients never both act on the same state (nor draw the same số đến or số đi). Waiting for that
lock is cut in slices so the wait can be shown, and given up after `WAIT_LIMIT_S`.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
import urllib.parse
from pathlib import Path
from typing import Any

from db import engine
from db.engine import Connection, PgConnection
from db.store import WAIT_SLICE_MS, Store, StoreError

# pg_advisory_xact_lock(key): the one write lock of the register ("KN" for kiến nghị).
WRITE_LOCK_KEY = 0x4B4E_0001
SCHEMA_TABLE = "kiennghi_schema"


def describe(url: str) -> str:
    """`postgresql://user@host:port/db` without password or options, for messages."""
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qs(parts.query)
    host = parts.hostname or (query.get("host") or ["localhost"])[0]
    port = parts.port or (query.get("port") or [""])[0]
    user = parts.username or (query.get("user") or [""])[0]
    who = f"{user}@" if user else ""
    where = f"{host}:{port}" if port else host
    return f"postgresql://{who}{where}{parts.path}"


def _open_problem(url: str, exc: Exception) -> str:
    text = str(exc)
    where = describe(url)
    if "password authentication failed" in text or "no password supplied" in text:
        return f"Máy chủ {where} từ chối đăng nhập cơ sở dữ liệu: sai tên hoặc mật khẩu."
    if "does not exist" in text and "database" in text:
        return f"Máy chủ {where}: chưa có cơ sở dữ liệu này. Hãy nhờ quản trị tạo nó."
    if "Connection refused" in text or "No such file or directory" in text or "timeout" in text:
        return (
            f"Không kết nối được máy chủ {where}: máy chủ chưa chạy hoặc sai địa chỉ, cổng."
        )
    if "role" in text and "does not exist" in text:
        return f"Máy chủ {where} không có tài khoản này."
    return f"Không kết nối được máy chủ {where}: {text.strip()}"


class PostgresStore(Store):
    """One PostgreSQL database (a libpq URI)."""

    dialect = engine.POSTGRESQL
    conn: PgConnection

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.conn = engine.connect_postgres(url)
        except Exception as exc:
            import psycopg

            if isinstance(exc, psycopg.Error):
                raise StoreError(_open_problem(url, exc)) from None
            raise

    @property
    def location(self) -> str:
        return describe(self.url)

    @property
    def target(self) -> str:
        return self.url

    # -- transactions ---------------------------------------------------------------------------
    def _begin(self) -> None:
        started = time.monotonic()
        while True:
            self.conn.execute("BEGIN")
            try:
                self.conn.execute(f"SET LOCAL lock_timeout = '{WAIT_SLICE_MS}ms'")
                self.conn.execute("SELECT pg_advisory_xact_lock(?)", [WRITE_LOCK_KEY])
                self.conn.execute("SET LOCAL lock_timeout = 0")
                return
            except sqlite3.OperationalError as exc:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                if not _is_lock_timeout(exc):
                    raise
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                raise
            self._wait_or_give_up(started)

    def _write_problem(self, exc: sqlite3.OperationalError) -> str | None:
        import psycopg

        cause = exc.__cause__
        where = f"máy chủ {self.location}"
        if isinstance(cause, psycopg.errors.DiskFull):
            return f"Ổ đĩa của {where} đã đầy: chưa ghi được gì. Hãy báo quản trị."
        if isinstance(cause, psycopg.errors.ReadOnlySqlTransaction):
            return f"Không ghi được vào {where}: cơ sở dữ liệu chỉ cho đọc."
        if isinstance(cause, psycopg.OperationalError):
            return f"Mất kết nối tới {where} khi đang ghi: chưa ghi được gì. Hãy thử lại."
        return None

    # -- schema version -------------------------------------------------------------------------
    @property
    def user_version(self) -> int:
        exists = self.scalar("SELECT to_regclass(?) IS NOT NULL", [SCHEMA_TABLE])
        if not exists:
            return 0
        return int(self.scalar(f"SELECT coalesce(max(version), 0) FROM {SCHEMA_TABLE}") or 0)

    def set_user_version(self, conn: Connection, version: int) -> None:
        conn.execute(f"CREATE TABLE IF NOT EXISTS {SCHEMA_TABLE} (version BIGINT NOT NULL)")
        conn.execute(f"DELETE FROM {SCHEMA_TABLE}")
        conn.execute(f"INSERT INTO {SCHEMA_TABLE} (version) VALUES (?)", [int(version)])

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()

    # -- maintenance ----------------------------------------------------------------------------
    def backup_to(self, dest: Path | str) -> None:
        """An offline copy: a new SQLite file with every table, verified (db/transfer.py)."""
        from db.transfer import copy_to_file

        copy_to_file(self, dest)

    def check(self) -> list[str]:
        # Structure and foreign keys are the server's to keep (it refuses what breaks them).
        from db import checks, seal_check

        return checks.pg_problems(self.conn) + seal_check.problems(self.conn)  # seals

    def tune_for_bulk(self) -> None:
        self.conn.execute("SET synchronous_commit = off")


def _is_lock_timeout(exc: BaseException) -> bool:
    import psycopg

    return isinstance(exc.__cause__, psycopg.errors.LockNotAvailable)


def server_version(store: Store) -> Any:
    """The server's version string (for `init` and the status bar)."""
    return store.scalar("SHOW server_version")
