"""The store: one open database, a SQLite file or a PostgreSQL server, and its write path.

`Store` is what the repositories and `desktop/core` hold: `write()` for a transaction, `one`,
`all`, `scalar` for reads, `check()`, `backup_to()`. `SqliteStore` is the embedded file (durable
settings, a shared lock beside it, a damaged file opened read-only); `db/pg_store.py` is the
office server. `db.open_store(target)` picks one and migrates it.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from db import engine, locks, opening, seal_check, seals
from db.engine import Connection, Row
from db.errors import KienNghiError
from db.locks import DbLock

if TYPE_CHECKING:
    import sqlite_utils

APP_NAME = "kiennghi"
# The rotation of automatic backups: a folder beside the database (see db/backup.py).
BACKUP_DIR_NAME = "backups"
# Readers and the write lock wait this long for a checkpoint or another writer.
BUSY_TIMEOUT_MS = 10_000
# Waiting for the write lock is cut in slices of this length so the wait can be shown.
WAIT_SLICE_MS = 500
# After this long waiting for another writer, the write is given up with a message.
WAIT_LIMIT_S = 120.0


class StoreError(KienNghiError):
    """A database problem explained in Vietnamese for the clerk."""


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in str(exc)


def _write_problem(exc: sqlite3.OperationalError, path: Path | None) -> str | None:
    """The Vietnamese sentence for a write the operating system refused, or None."""
    kind = opening.sqlite_kind(exc)
    where = f"«{path}»" if path is not None else "cơ sở dữ liệu"
    if kind == "full":
        return f"Ổ đĩa chứa {where} đã đầy: chưa ghi được gì. Hãy giải phóng chỗ trống rồi làm lại."
    if kind == "readonly":
        return f"Không ghi được vào {where}: tệp hoặc thư mục chỉ cho đọc."
    if kind == "io":
        return f"Lỗi đọc ghi ổ đĩa khi ghi vào {where}: chưa ghi được gì. Hãy kiểm tra ổ đĩa."
    if _is_busy(exc):
        return f"Cơ sở dữ liệu {where} đang bận (một người khác đang ghi). Chưa có gì thay đổi."
    return None


def default_db_path() -> Path:
    """The database in the user's data directory (created on first use)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "kiennghi.db"


def _connect(path: Path | str) -> sqlite3.Connection:
    # isolation_level=None: no implicit BEGIN; every write goes through Store.write().
    conn = sqlite3.connect(
        str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            raise StoreError(f"Không bật được chế độ WAL cho «{path}» (được «{mode}»).")
    conn.execute("PRAGMA synchronous = FULL")
    conn.row_factory = sqlite3.Row
    seals.install(conn)  # seals: TEMP triggers recording what this connection writes
    return conn


class Store:
    """An open database. Writes go through `write()`; engines differ only below it."""

    dialect: str = engine.SQLITE
    conn: Connection
    # Called with the seconds waited while another client holds the write lock.
    on_wait: Callable[[float], None] | None = None
    wait_limit: float = WAIT_LIMIT_S
    # The SQLite file (None for PostgreSQL and `:memory:`).
    path: Path | None = None
    # What the check at open found (a damaged file is opened read-only), or None.
    damage: str | None = None
    # Why writes are refused (damaged file, read-only file or folder), or None.
    read_only: str | None = None
    # The rotation of automatic backups (SQLite files only).
    backup_dir: Path | None = None

    @property
    def location(self) -> str:
        """Where the data lives, for messages and the status bar."""
        return str(self.path) if self.path is not None else ":memory:"

    @property
    def target(self) -> Path | str:
        """What `open_store` opens again for another connection (a thread's, a process's)."""
        return self.path if self.path is not None else ":memory:"

    # -- transactions ---------------------------------------------------------------------------
    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction; nested calls become savepoints. Rolls back on any exception.

        One writer at a time, on both engines: every change reads what it changes inside its
        own transaction, so two clerks never both act on the same state."""
        if self.read_only is not None:
            raise StoreError(self.read_only)  # damaged or read-only: the reason, as at open
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
        self._begin()
        try:
            yield conn
            self._before_commit(conn)
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):
                problem = self._write_problem(exc)
                if problem is not None:
                    raise StoreError(problem) from exc
            raise

    def _begin(self) -> None:
        """Open the write transaction holding the one write lock."""
        raise NotImplementedError

    def _before_commit(self, conn: Connection) -> None:
        """Work every write transaction ends with, inside it (the seals of db/seals.py)."""
        seals.before_commit(conn)

    def _write_problem(self, exc: sqlite3.OperationalError) -> str | None:
        """The Vietnamese sentence for a write the engine refused, or None."""
        return None

    def _wait_or_give_up(self, started: float) -> None:
        waited = time.monotonic() - started
        if waited >= self.wait_limit:
            raise StoreError(
                f"Cơ sở dữ liệu đang bận: một người khác đang ghi và đã giữ quyền ghi"
                f" hơn {waited:.0f} giây. Chưa có gì thay đổi; hãy thử lại sau."
            )
        if self.on_wait is not None:
            self.on_wait(waited)

    # -- reading helpers --------------------------------------------------------------------------
    def one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Row | None:
        """First row of a query, or None."""
        row: Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def all(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        """All rows of a query."""
        return list(self.conn.execute(sql, params).fetchall())

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        """The first column of the first row, or None."""
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    @property
    def user_version(self) -> int:
        """The schema version the migrations reached."""
        raise NotImplementedError

    def set_user_version(self, conn: Connection, version: int) -> None:
        """Record the schema version, inside the migration's transaction."""
        raise NotImplementedError

    def close(self) -> None:
        """Close the connection."""
        raise NotImplementedError

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- maintenance ----------------------------------------------------------------------------
    def backup_to(self, dest: Path | str) -> None:
        """A verified copy at `dest` (which must not exist)."""
        raise NotImplementedError

    def check(self) -> list[str]:
        """Everything the engine and the application can check; the problems (empty when sound)."""
        raise NotImplementedError

    def repair_search(self) -> None:
        """Rebuild the search index and its vocabulary from the petitions (after outside writes)."""
        from db.search_schema import rebuild_search

        with self.write() as conn:
            rebuild_search(conn)

    def tune_for_bulk(self) -> None:
        """Settings for one long bulk load by this connection (demo data)."""


class SqliteStore(Store):
    """One open SQLite file. Writes take the file's lock with BEGIN IMMEDIATE."""

    conn: sqlite3.Connection

    def __init__(
        self,
        path: Path | str,
        *,
        create: bool = False,
        lock: bool = True,
        rotation: bool = True,
    ) -> None:
        """Open `path`; `create` may make its folder (init and the default database only).

        `lock=False` and `rotation=False` are for scratch files (a restore being built): no
        lock file beside them and no copies in a backups folder."""
        self.path = Path(path) if str(path) != ":memory:" else None
        self._lock: DbLock | None = None
        if self.path is None:
            self.conn = _connect(path)
        else:
            self._open_file(self.path, create=create or self.path == default_db_path(), lock=lock)
            if rotation:
                self.backup_dir = self.path.parent / BACKUP_DIR_NAME

    def _open_file(self, path: Path, *, create: bool, lock: bool) -> None:
        problem = opening.location_problem(path, create=create)
        if problem is not None:
            raise StoreError(problem)
        if lock:
            try:
                self._lock = locks.shared(path)
            except TimeoutError:
                raise StoreError(
                    f"«{path}» đang được khôi phục từ bản sao lưu; hãy thử lại sau ít phút."
                ) from None
        try:
            if opening.needs_read_only(path):
                self._open_read_only(path, f"Tệp «{path}» hoặc thư mục của nó chỉ cho đọc.")
            else:
                try:
                    self.conn = _connect(path)
                except sqlite3.OperationalError as exc:
                    if "readonly" not in str(exc) or not path.exists():
                        raise
                    # A read-only mount (root ignores file modes, not those).
                    self._open_read_only(path, f"Tệp «{path}» nằm trên ổ chỉ cho đọc.")
            # Touch the file so a non-database says so here, not at the first query.
            self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except (sqlite3.Error, OSError) as exc:
            self._abandon()
            raise StoreError(opening.open_problem(path, exc)) from exc
        except BaseException:
            self._abandon()
            raise
        checked, problem = opening.known_verdict(path)
        if not checked:
            if opening.checked_today(path):
                problem = None
            else:
                problem = opening.quick_check(self.conn)
                if problem is None:
                    opening.note_checked(path)
            opening.remember_verdict(path, problem)
        if problem is not None:
            from db.backup import damaged_message

            self.damage = problem
            self.conn.close()
            self._open_read_only(path, damaged_message(path, problem))

    def _open_read_only(self, path: Path, reason: str) -> None:
        self.read_only = reason
        self.conn = opening.connect_read_only(path, StoreError(reason))

    def _abandon(self) -> None:
        # An open that failed half-way: nothing may stay open (a mount could not be unmounted).
        if hasattr(self, "conn"):
            with contextlib.suppress(sqlite3.Error):
                self.conn.close()
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    @functools.cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for introspection and ad-hoc tools.

        Imported on first use: sqlite-utils (and click with it) costs ~0.1 s at start-up."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)

    def _begin(self) -> None:
        """Take the write lock, waiting while another clerk writes (never a bare "locked").

        SQLite's busy handler waits silently; here the wait is cut in slices of
        `WAIT_SLICE_MS` so `on_wait(seconds)` can say so on the screen or the terminal, and
        ends with a Vietnamese StoreError after `WAIT_LIMIT_S`."""
        started = time.monotonic()
        self.conn.execute(f"PRAGMA busy_timeout = {WAIT_SLICE_MS}")
        try:
            while True:
                try:
                    # IMMEDIATE: a read-then-write transaction would otherwise fail at once
                    # when another window committed in between, whatever the busy timeout.
                    self.conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as exc:
                    if not _is_busy(exc):
                        raise
                self._wait_or_give_up(started)
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def _write_problem(self, exc: sqlite3.OperationalError) -> str | None:
        return _write_problem(exc, self.path)

    @property
    def user_version(self) -> int:
        """Schema version (PRAGMA user_version)."""
        return int(self.scalar("PRAGMA user_version"))

    def set_user_version(self, conn: Connection, version: int) -> None:
        conn.execute(f"PRAGMA user_version = {int(version)}")

    def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA optimize")
        self.conn.close()
        self._release()

    def tune_for_bulk(self) -> None:
        self.conn.execute("PRAGMA cache_size = -400000")

    # -- maintenance ----------------------------------------------------------------------------
    def backup_to(self, dest: Path | str) -> None:
        """A verified copy at `dest` (which must not exist); see db/backup.py."""
        from db.backup import write_verified

        write_verified(self, Path(dest))

    def check(self) -> list[str]:
        """Integrity, foreign-key and full-text checks; the list of problems (empty when sound)."""
        from db.checks import check_connection, search_check, structure_problems

        if self.read_only is None:
            return check_connection(self.conn) + seal_check.problems(self.conn)  # seals
        problems, tables = structure_problems(self.conn)
        sealed = seal_check.problems(self.conn)  # seals: reading only
        # FTS5's check is an INSERT and the vocabulary's a temp table, which a read-only
        # connection refuses: check a scratch copy.
        import tempfile

        with tempfile.TemporaryDirectory(prefix="kiennghi-check-") as folder:
            scratch = sqlite3.connect(str(Path(folder) / "copy.db"))
            try:
                self.conn.backup(scratch)
                return problems + search_check(scratch, tables, vocabulary=not problems) + sealed
            except sqlite3.DatabaseError as exc:
                return problems + [f"chỉ mục tìm kiếm: không chép được để kiểm tra ({exc})"]
            finally:
                scratch.close()



def restore(src: Path | str, dest: Path | str) -> Path | None:
    """Replace the database at `dest` with the backup `src`; see db/restore.py."""
    from db.restore import restore_database

    return restore_database(Path(src), Path(dest))
