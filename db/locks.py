"""Advisory lock beside the database, so a restore never swaps the file under an open program.

Every open `Store` on a file holds a shared lock on `<db>.lock`; restore takes it exclusively
without waiting and refuses when anyone else holds it. SQLite's own locks cannot serve: they are
held only during a transaction, and a window idle between queries holds none.

POSIX: `fcntl.flock` (per open file description, released by the kernel when the process dies,
so a crash never leaves a stale lock). Windows: `msvcrt.locking` has no shared mode, so there
every lock is a no-op for now; the two functions below are the only place to change.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


def lock_path(db_path: Path) -> Path:
    """The lock file of a database: `<name>.lock` beside it."""
    return db_path.with_name(db_path.name + ".lock")


class DbLock:
    """A held advisory lock on a database; `release()` (or closing the process) frees it."""

    def __init__(self, handle: IO[bytes] | None) -> None:
        self._handle = handle

    def release(self) -> None:
        """Free the lock (idempotent)."""
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()
            self._handle = None

    def __enter__(self) -> DbLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _open(db_path: Path) -> IO[bytes] | None:
    try:
        return open(lock_path(db_path), "ab")  # noqa: SIM115 - held for the Store's lifetime
    except OSError:
        # A read-only folder: nobody can restore into it either, so there is nothing to guard.
        return None


def shared(db_path: Path, *, wait: float = 30.0) -> DbLock:
    """Take the shared lock, waiting up to `wait` s while a restore holds it exclusively.

    Returns an empty lock when the lock file cannot be made (read-only folder)."""
    handle = _open(db_path)
    if handle is None or fcntl is None:
        return DbLock(handle)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
            return DbLock(handle)
        except BlockingIOError:
            if time.monotonic() >= deadline:
                handle.close()
                raise TimeoutError(os.fspath(db_path)) from None
            time.sleep(0.05)


def exclusive(db_path: Path) -> DbLock | None:
    """Take the exclusive lock without waiting; None while another holder has it open."""
    handle = open(lock_path(db_path), "ab")  # noqa: SIM115 - returned to the caller
    if fcntl is None:
        return DbLock(handle)
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return DbLock(handle)
