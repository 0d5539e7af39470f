"""Opening the SQLite file: durable settings, write transactions, backup, restore and checks."""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from db.errors import KienNghiError

if TYPE_CHECKING:
    import sqlite_utils

APP_NAME = "kiennghi"


class StoreError(KienNghiError):
    """A database problem explained in Vietnamese for the clerk."""


def default_db_path() -> Path:
    """The database in the user's data directory (created on first use)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "kiennghi.db"


def _connect(path: Path | str) -> sqlite3.Connection:
    # isolation_level=None: no implicit BEGIN; every write goes through Store.write().
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10)
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            raise StoreError(f"Không bật được chế độ WAL cho «{path}» (được «{mode}»).")
    conn.execute("PRAGMA synchronous = FULL")
    conn.row_factory = sqlite3.Row
    return conn


class Store:
    """One open database file. Writes go through `write()` (BEGIN IMMEDIATE)."""

    def __init__(self, path: Path | str, *, migrate: bool = True) -> None:
        self.path = Path(path) if str(path) != ":memory:" else None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = _connect(path)
            # Touch the file so a non-database says so here, not at the first query.
            self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"«{path}» không phải là cơ sở dữ liệu SQLite hợp lệ ({exc})."
            ) from exc
        if migrate:
            from db.migrations import migrate as run_migrations

            run_migrations(self)

    @functools.cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for introspection and ad-hoc tools.

        Imported on first use: sqlite-utils (and click with it) costs ~0.1 s at start-up."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)

    # -- transactions ---------------------------------------------------------------------------
    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction; nested calls become savepoints. Rolls back on any exception."""
        conn = self.conn
        if conn.in_transaction:
            conn.execute("SAVEPOINT nested")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK TO SAVEPOINT nested")
                    conn.execute("RELEASE SAVEPOINT nested")
                raise
            conn.execute("RELEASE SAVEPOINT nested")
            return
        # IMMEDIATE: a read-then-write transaction would otherwise fail at once when another
        # window committed in between, whatever the busy timeout.
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- reading helpers --------------------------------------------------------------------------
    def one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Row | None:
        """First row of a query, or None."""
        row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def all(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        """All rows of a query."""
        return list(self.conn.execute(sql, params).fetchall())

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        """The first column of the first row, or None."""
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    @property
    def user_version(self) -> int:
        """Schema version (PRAGMA user_version)."""
        return int(self.scalar("PRAGMA user_version"))

    def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA optimize")
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- maintenance ----------------------------------------------------------------------------
    def backup_to(self, dest: Path | str) -> None:
        """Consistent copy through SQLite's online backup API (safe while a -wal exists)."""
        dest = Path(dest)
        if dest.exists():
            raise StoreError(f"Tệp đích «{dest}» đã tồn tại; chọn tên khác.")
        dest.parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(str(dest))
        try:
            self.conn.backup(target)
        except sqlite3.Error as exc:
            target.close()
            dest.unlink(missing_ok=True)
            raise StoreError(f"Sao lưu thất bại: {exc}") from exc
        target.close()

    def check(self) -> list[str]:
        """Integrity, foreign-key and full-text checks; the list of problems (empty when sound)."""
        problems: list[str] = []
        for (msg,) in self.conn.execute("PRAGMA integrity_check").fetchall():
            if msg != "ok":
                problems.append(f"integrity_check: {msg}")
        for row in self.conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(
                f"khóa ngoại: bảng {row[0]} dòng {row[1]} trỏ tới {row[2]} không tồn tại"
            )
        fts_tables = [
            r[0]
            for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND sql LIKE '%USING fts5%'"
            )
        ]
        for table in fts_tables:
            try:
                self.conn.execute(
                    f"INSERT INTO {table}({table}, rank) VALUES('integrity-check', 1)"
                )
            except sqlite3.DatabaseError as exc:
                problems.append(f"chỉ mục tìm kiếm {table}: {exc}")
        if not problems:
            from db import terms

            problems += terms.check(self.conn)
        return problems

    def repair_search(self) -> None:
        """Rebuild the search index and its vocabulary from the petitions (after outside writes)."""
        from db import migrations

        with self.write() as conn:
            migrations.rebuild_search(conn)


def restore(src: Path | str, dest: Path | str) -> None:
    """Replace the database at `dest` with the backup `src`, after checking the backup is sound."""
    src, dest = Path(src), Path(dest)
    if not src.is_file():
        raise StoreError(f"Không tìm thấy tệp sao lưu «{src}».")
    try:
        source = Store(src, migrate=False)
    except StoreError as exc:
        raise StoreError(f"Tệp sao lưu «{src}» không dùng được: {exc}") from exc
    try:
        problems = source.check()
        if problems:
            raise StoreError(f"Tệp sao lưu «{src}» bị lỗi: " + "; ".join(problems[:3]))
        if source.user_version == 0:
            raise StoreError(f"«{src}» không phải bản sao lưu Sổ Kiến Nghị (chưa có lược đồ).")
        target = Store(dest, migrate=False)
        try:
            source.conn.backup(target.conn)
        finally:
            target.close()
    finally:
        source.close()
    # Bring an older backup up to the current schema.
    Store(dest).close()
