"""Database work off the UI thread, in the spirit of Anki's QueryOp.

`run_query(fn, on_done)` runs `fn(store)` on a pool thread with that thread's own read
connection (SQLite connections are not shared between threads) and delivers the result on the
UI thread. Results of a superseded call are dropped: pass the same `key` for calls where only
the newest matters (search while typing), and an older answer never replaces a newer one.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from desktop.core.stores import open_store
from desktop.core.types import Store
from desktop.ui import excepthook
from desktop.ui.qt import QObject, QRunnable, QThreadPool, Signal, is_alive

T = TypeVar("T")
_local = threading.local()


def _thread_store(path: Path) -> Store:
    stores: dict[Path, Store] = getattr(_local, "stores", {})
    _local.stores = stores
    if path not in stores:
        stores[path] = open_store(path, migrate=False)
    return stores[path]


class _Relay(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, path: Path, fn: Callable[[Store], Any], relay: _Relay, ticket: int) -> None:
        super().__init__()
        self.path, self.fn, self.relay, self.ticket = path, fn, relay, ticket

    def run(self) -> None:
        try:
            result = self.fn(_thread_store(self.path))
        except Exception as exc:  # delivered to the UI thread, shown to the clerk and logged
            self._deliver(self.relay.failed, exc)
            return
        self._deliver(self.relay.done, result)

    def _deliver(self, signal: Any, value: object) -> None:
        # RuntimeError: the window closed while the query ran and nobody waits for the answer.
        with contextlib.suppress(RuntimeError):
            signal.emit(self.ticket, value)


def _receiver_alive(handler: Callable[..., Any]) -> bool:
    """Whether the widget a handler is a method of still exists: as Qt does for a slot, an
    answer for a dialog closed meanwhile is dropped (its labels are gone)."""
    owner = getattr(handler, "__self__", None)
    return not isinstance(owner, QObject) or is_alive(owner)


class QueryRunner(QObject):
    """Runs read queries on a thread pool for one database file."""

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        # A child of the runner: deleted with it on the UI thread, never by a pool thread
        # dropping the job's last reference (a QObject deleted off its thread: a segfault).
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._tickets = 0
        self._pending: dict[
            int, tuple[str | None, Callable[[Any], None], Callable[[str], None] | None]
        ] = {}
        self._latest: dict[str, int] = {}

    def run_query(
        self,
        fn: Callable[[Store], T],
        on_done: Callable[[T], None],
        *,
        key: str | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> int:
        """Start `fn(store)` off the UI thread; `on_done(result)` runs on the UI thread."""
        self._tickets += 1
        ticket = self._tickets
        self._pending[ticket] = (key, on_done, on_error)
        if key is not None:
            self._latest[key] = ticket
        self.pool.start(_Job(self.path, fn, self._relay, ticket))
        return ticket

    def _current(
        self, ticket: int
    ) -> tuple[Callable[[Any], None], Callable[[str], None] | None] | None:
        key, on_done, on_error = self._pending.pop(ticket, (None, None, None))
        if on_done is None:
            return None
        if key is not None and self._latest.get(key) != ticket:
            return None  # a newer call with the same key was made: drop this stale answer
        return on_done, on_error

    def _on_done(self, ticket: int, result: object) -> None:
        handlers = self._current(ticket)
        if handlers is not None and _receiver_alive(handlers[0]):
            handlers[0](result)

    def _on_failed(self, ticket: int, exc: BaseException) -> None:
        handlers = self._current(ticket)
        if handlers is None or not _receiver_alive(handlers[1] or handlers[0]):
            return
        if handlers[1] is None:
            # The caller did not say how to show a failure: the clerk still learns of it.
            excepthook.report(exc)
        else:
            handlers[1](excepthook.message_for(exc))

    def wait(self, msecs: int = 5000) -> bool:
        """Wait for running queries (tests, shutdown)."""
        return bool(self.pool.waitForDone(msecs))
