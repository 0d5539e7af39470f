"""What can go wrong when a database file is opened, said precisely, and the check at open.

`Store.__init__` used to call every failure "không phải là cơ sở dữ liệu SQLite hợp lệ": a
read-only folder, a full disk and a typo in `--db` included. Here each cause gets its own
message, and a file that fails `PRAGMA quick_check` is opened read-only instead of being written
to (and backed up) while damaged.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import sqlite3
import threading
from pathlib import Path
from typing import Any

from db.locks import lock_path

SQLITE_MAGIC = b"SQLite format 3\x00"


def location_problem(path: Path, *, create: bool) -> str | None:
    """Why the database cannot live at `path` (None when it can); makes the folder if `create`."""
    folder = path.parent
    if not folder.exists():
        if not create:
            return f"Thư mục «{folder}» không tồn tại; kiểm tra lại đường dẫn cơ sở dữ liệu."
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return f"Không tạo được thư mục «{folder}»: {os_reason(exc)}."
    if not folder.is_dir():
        return f"«{folder}» không phải là thư mục."
    if path.is_dir():
        return f"«{path}» là một thư mục, không phải tệp cơ sở dữ liệu."
    if path.exists() and not os.access(path, os.R_OK):
        return f"Không có quyền đọc tệp «{path}»."
    if path.exists() and path.stat().st_size >= len(SQLITE_MAGIC):
        with open(path, "rb") as f:
            if f.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                return f"«{path}» không phải là cơ sở dữ liệu SQLite hợp lệ."
    if not path.exists() and not os.access(folder, os.W_OK):
        return (
            f"Không tạo được cơ sở dữ liệu trong «{folder}»: thư mục chỉ đọc hoặc không có"
            " quyền ghi."
        )
    return None


def os_reason(exc: OSError) -> str:
    """An operating-system error in Vietnamese words (for a sentence naming the path)."""
    reasons = {
        errno.ENOSPC: "ổ đĩa đã đầy",
        errno.EDQUOT: "đã hết hạn mức dung lượng",
        errno.EROFS: "ổ đĩa chỉ cho đọc",
        errno.EACCES: "không có quyền",
        errno.EPERM: "không có quyền",
        errno.ENOENT: "không tồn tại",
        errno.ENOTDIR: "không phải thư mục",
        errno.EISDIR: "là một thư mục",
        errno.ENAMETOOLONG: "tên tệp quá dài",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


# Each kind of SQLite failure: its primary result codes, and the words of its message (for an
# error made by hand, without a code). The first kind that matches wins.
_SQLITE_KINDS: tuple[tuple[str, tuple[int, ...], tuple[str, ...]], ...] = (
    ("busy", (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED), ("locked", "busy")),
    ("full", (sqlite3.SQLITE_FULL,), ("disk is full", "disk full")),
    ("readonly", (sqlite3.SQLITE_READONLY,), ("readonly", "read-only")),
    ("io", (sqlite3.SQLITE_IOERR,), ("i/o error",)),
    ("cannot_open", (sqlite3.SQLITE_CANTOPEN,), ("unable to open",)),
    ("not_db", (sqlite3.SQLITE_NOTADB,), ("not a database",)),
    ("corrupt", (sqlite3.SQLITE_CORRUPT,), ("malformed", "corrupt")),
    ("too_big", (sqlite3.SQLITE_TOOBIG,), ("too big", "too large")),
)


def sqlite_kind(exc: BaseException) -> str | None:
    """What an SQLite failure was: busy, full, readonly, io, cannot_open, not_db, corrupt,
    too_big; None for any other (a bad query, a constraint).

    The one classifier behind every sentence about SQLite failures (open, write, backup,
    restore, the last-resort handler), so they never disagree on what happened."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    for kind, codes, words in _SQLITE_KINDS:
        if primary in codes or any(w in text for w in words):
            return kind
    return None


_DISK_WORDS = {
    "full": "ổ đĩa đã đầy",
    "readonly": "ổ đĩa hoặc thư mục chỉ cho đọc",
    "cannot_open": "không mở được tệp (không có quyền hoặc thư mục chỉ đọc)",
    "io": "lỗi đọc ghi ổ đĩa",
}


def disk_reason(exc: sqlite3.Error) -> str | None:
    """The words for an SQLite failure of the disk or folder written to, or None for another."""
    return _DISK_WORDS.get(sqlite_kind(exc) or "")


def sqlite_reason(exc: sqlite3.Error) -> str:
    """An SQLite failure while writing a file, in Vietnamese words (the detail after)."""
    return disk_reason(exc) or f"lỗi cơ sở dữ liệu ({exc})"


def needs_read_only(path: Path) -> bool:
    """Whether the file can only be read: no write permission on it, or on its folder for -wal."""
    if not path.exists():
        return False
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def open_problem(path: Path, exc: BaseException) -> str:
    """The clerk's words for an open that failed with `exc`."""
    if isinstance(exc, OSError) and not isinstance(exc, sqlite3.Error):
        return f"Không mở được «{path}»: {os_reason(exc)}."
    kind = sqlite_kind(exc)
    if kind == "full" or (kind == "io" and _nearly_full(path.parent)):
        # A full disk at open shows as an I/O error: the -shm beside the file cannot grow.
        return f"Không mở được «{path}»: ổ đĩa đã đầy; hãy giải phóng chỗ trống rồi thử lại."
    if kind == "io":
        return f"Không mở được «{path}»: lỗi đọc ghi ổ đĩa; hãy kiểm tra ổ đĩa hoặc thẻ nhớ."
    if kind == "readonly":
        return f"Không ghi được vào «{path}»: tệp hoặc thư mục chỉ đọc."
    if kind == "cannot_open":
        return f"Không mở được «{path}»: không có quyền hoặc thư mục chỉ đọc."
    if kind == "not_db":
        return f"«{path}» không phải là cơ sở dữ liệu SQLite hợp lệ."
    if kind == "corrupt":
        return f"Cơ sở dữ liệu «{path}» bị hỏng ({exc})."
    return f"Không mở được «{path}» ({exc})."


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < 1_048_576
    except OSError:
        return False


class ReadOnlyConnection(sqlite3.Connection):
    """A connection that refuses to start a write transaction, with the store's reason.

    `Store.write()` begins every write with BEGIN IMMEDIATE; refusing it here gives the clerk
    the reason (damaged file, read-only folder) instead of SQLite's "attempt to write a readonly
    database"."""

    refusal: Exception | None = None

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        """As sqlite3's, but BEGIN IMMEDIATE raises the refusal."""
        if self.refusal is not None and sql.lstrip().upper().startswith("BEGIN"):
            raise self.refusal
        return super().execute(sql, *args)


def _connect_uri(uri: str) -> ReadOnlyConnection:
    conn = sqlite3.connect(
        uri,
        uri=True,
        isolation_level=None,
        check_same_thread=False,
        timeout=10,
        factory=ReadOnlyConnection,
    )
    assert isinstance(conn, ReadOnlyConnection)
    return conn


def connect_read_only(path: Path, refusal: Exception) -> ReadOnlyConnection:
    """Open `path` read-only (writes refused with `refusal`)."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = _connect_uri(uri)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        # A WAL file on a read-only mount: its -shm cannot be made. Nobody can write there
        # either, so the file is read as immutable (no locks, no -shm).
        conn.close()
        conn = _connect_uri(uri + "&immutable=1")
    conn.refusal = refusal
    conn.execute("PRAGMA query_only = ON")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.row_factory = sqlite3.Row
    return conn


def quick_check(conn: sqlite3.Connection) -> str | None:
    """The first problem `PRAGMA quick_check` finds, or None when the file is sound."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return f"cấu trúc tệp bị hỏng: {exc}"
    problems = [str(r[0]) for r in rows if r[0] != "ok"]
    return f"kiểm tra nhanh báo lỗi: {problems[0]}" if problems else None


# quick_check walks every b-tree page: 2 to 4.5 s per GB on the demo register (FTS5 index
# included; benchmarks/maintenance.py), not the 0.6 s of a plain table. Files below this size
# (~0.3 s) are checked at every open; larger ones at their first open of the day, the date of
# the last clean check noted in the lock file.
ALWAYS_CHECK_BELOW = 64 * 1024 * 1024


def checked_today(path: Path, today: dt.date | None = None) -> bool:
    """Whether a large file already passed its check today (so this open may skip it)."""
    try:
        if path.stat().st_size < ALWAYS_CHECK_BELOW:
            return False
        note = json.loads(lock_path(path).read_text(encoding="utf-8") or "{}")
        day = (today or dt.date.today()).isoformat()
        return bool(note.get("checked") == day and note.get("inode") == path.stat().st_ino)
    except (OSError, ValueError, AttributeError):
        return False


def note_checked(path: Path, today: dt.date | None = None) -> None:
    """Note a clean check of a large file for the rest of the day (best effort)."""
    try:
        if path.stat().st_size < ALWAYS_CHECK_BELOW:
            return
        note = {"checked": (today or dt.date.today()).isoformat(), "inode": path.stat().st_ino}
        lock_path(path).write_text(json.dumps(note), encoding="utf-8")
    except OSError:
        pass


# The verdict of the check per file (path and inode), so the threads of one process that open
# the same database check it once: a 1 GB file costs ~0.6 s per quick_check. A restore replaces
# the file (new inode), which makes the next open check again.
_verdicts: dict[tuple[str, int], str | None] = {}
_verdicts_lock = threading.Lock()


def _key(path: Path) -> tuple[str, int]:
    return (str(path.resolve()), path.stat().st_ino)


def known_verdict(path: Path) -> tuple[bool, str | None]:
    """(checked already in this process, problem found)."""
    try:
        key = _key(path)
    except OSError:
        return False, None
    with _verdicts_lock:
        if key in _verdicts:
            return True, _verdicts[key]
    return False, None


def remember_verdict(path: Path, problem: str | None) -> None:
    """Record the check's outcome for this process's later opens of the same file."""
    try:
        key = _key(path)
    except OSError:
        return
    with _verdicts_lock:
        _verdicts[key] = problem
