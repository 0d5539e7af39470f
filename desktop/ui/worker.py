"""Database work off the UI thread, in the spirit of Anki's QueryOp.

`run_query(fn, on_done)` runs `fn(store)` on one of the runner's worker threads and delivers the
result on the UI thread. `run_op(fn, on_done)` (Anki's CollectionOp) runs `fn(session)`: a
`Session` on the worker's connection acting as the signed-in user on the UI's today, so a write
is recorded under their name; after it `bus.changed` is emitted and every screen refreshes.

Each worker opens its own connection once and keeps it (SQLite connections are not shared
between threads; a connection per query cost 15 ms on a file and a new login on the office
server).

Answers dropped:
- of a superseded call: pass the same `key` (and `owner`) where only the newest matters (search
  while typing); keys are scoped to the owner, so two screens never drop each other's answers;
- for a widget deleted meanwhile (the owner, or the object `on_done` is a method of).

A job is handed to the workers only once the UI thread has handled the events already waiting,
the repaint the same click or scroll asked for above all: a worker building rows in Python and
the UI thread painting would take the interpreter lock from each other every millisecond, and a
10 ms repaint stretched to 25 ms while the next page was read.

The workers are plain Python threads and never call Qt: a result is put on a queue that a timer
of the UI thread empties every few milliseconds while answers are awaited. (PySide6's own pool
threads dropped their Python state after every job and once deadlocked the UI thread; a socket
pair watched by a QSocketNotifier crashed Qt's event loop when a closed runner's descriptor was
reused.)
"""

from __future__ import annotations

import contextlib
import queue
import sqlite3
import threading
import traceback
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from desktop.core.session import Session
from desktop.core.stores import open_store
from desktop.core.types import Store
from desktop.ui import excepthook
from desktop.ui.bus import DataBus
from desktop.ui.qt import QCoreApplication, QEvent, QObject, Qt, QTimer, is_alive

T = TypeVar("T")
WORKERS = 2
IDLE_S = 60.0
POLL_MS = 4  # how often answers are looked for while some are awaited (a frame is 16 ms)
_Job = tuple[int, Callable[[Store], Any]]
_STOP = None  # put on the job queue: a worker closes its connection and ends
# Posted to the runner to hand its queued jobs to the workers: below the priority of a repaint
# (UpdateRequest is posted with LowEventPriority), so it is delivered after the paint.
_RELEASE = QEvent.Type(QEvent.registerEventType())
_AFTER_PAINT = int(Qt.EventPriority.LowEventPriority.value) - 1


class _Pool:
    """The worker threads and their queues; holds no reference to the runner or to Qt.

    Workers start when there is work and end after `IDLE_S` without any, closing their
    connection (an idle office doesn't hold server connections open all day).
    """

    def __init__(self, target: Path | str, workers: int) -> None:
        self.target = target
        self.workers = workers
        self.jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self.results: queue.SimpleQueue[tuple[int, bool, object]] = queue.SimpleQueue()
        self.lock = threading.Condition()  # guards busy, threads, closed
        self.busy = 0  # jobs queued or running
        self.threads: list[threading.Thread] = []
        self.opened = 0  # connections opened (tests: one per worker, not one per query)
        self.closed = False

    def submit(self, ticket: int, fn: Callable[[Store], Any]) -> None:
        with self.lock:
            if self.closed:
                return  # the runner was closed: nobody waits for the answer
            self.busy += 1
            self.jobs.put((ticket, fn))
            if len(self.threads) < min(self.workers, self.busy):
                thread = threading.Thread(target=self._work, name="kiennghi-query", daemon=True)
                self.threads.append(thread)
                thread.start()

    def _next(self) -> _Job | None:
        while True:
            try:
                return self.jobs.get(timeout=IDLE_S)
            except queue.Empty:
                with self.lock:  # submit() puts under the lock: no job is left without a worker
                    if self.jobs.empty():
                        return None

    def _work(self) -> None:
        store: Store | None = None
        try:
            while (job := self._next()) is not None:
                ticket, outcome, store = self._run(job, store)
                del job
                # The job's closure (it may hold a widget) is dropped by now: the UI thread,
                # which keeps its own reference until the answer, always drops the last one.
                self.results.put((ticket, *outcome))
                del outcome
                with self.lock:
                    self.busy -= 1
                    self.lock.notify_all()
        finally:
            with self.lock:
                self.threads.remove(threading.current_thread())
            if store is not None:
                with contextlib.suppress(Exception):
                    store.close()

    def _run(self, job: _Job, store: Store | None) -> tuple[int, tuple[bool, object], Store | None]:
        ticket, fn = job
        try:
            if store is None:
                store = open_store(self.target, migrate=False)
                self.opened += 1
            return ticket, (True, fn(store)), store
        except Exception as exc:  # delivered to the UI thread, shown and logged there
            # The traceback keeps its lines for the log, not the frames' locals (widgets).
            traceback.clear_frames(exc.__traceback__)
            if store is not None and _connection_may_be_broken(exc):
                with contextlib.suppress(Exception):
                    store.close()
                store = None  # the next job connects afresh (a server restarted)
            return ticket, (False, exc), store

    def wait(self, seconds: float) -> bool:
        with self.lock:
            return self.lock.wait_for(lambda: self.busy == 0, timeout=seconds)

    def shutdown(self, join_s: float = 0) -> None:
        """Let the workers finish what they run and end; waits `join_s` at most for them (none
        in a finalizer, which must not block)."""
        with self.lock:
            threads = list(self.threads)
            if not self.closed:
                self.closed = True
                for _ in threads:
                    self.jobs.put(_STOP)
        for thread in threads:
            if join_s:
                thread.join(join_s)


def _connection_may_be_broken(exc: Exception) -> bool:
    # Both engines raise it (the server's failures are translated to it): a lost connection,
    # a locked or replaced file. Reconnecting costs one open; a broken one would fail forever.
    return isinstance(exc, sqlite3.OperationalError)


def _ignore(_result: object) -> None:
    """The answer of an op whose caller needs none (the refresh after it is enough)."""


def _receiver_alive(handler: Callable[..., Any] | None) -> bool:
    """Whether the widget a handler is a method of still exists: as Qt does for a slot, an
    answer for a dialog closed meanwhile is dropped (its labels are gone)."""
    owner = getattr(handler, "__self__", None)
    return not isinstance(owner, QObject) or is_alive(owner)


@dataclass(frozen=True)
class _Pending:
    scope: tuple[int, str] | None  # (id of the owner, key): only the newest call is answered
    on_done: Callable[[Any], None]
    on_error: Callable[[str], None] | None
    owner: weakref.ref[QObject] | None
    job: Callable[[Store], Any]  # held here so that its last reference goes on the UI thread
    changes: bool = False  # an op that wrote: bus.changed after the answer


class QueryRunner(QObject):
    """Runs read queries on worker threads for one database (a file or the office server)."""

    def __init__(self, path: Path | str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.pool = _Pool(path, WORKERS)
        # The threads end when the runner goes, however it goes (closed window, tests).
        weakref.finalize(self, self.pool.shutdown)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._drain)
        self._tickets = 0
        self._pending: dict[int, _Pending] = {}
        self._latest: dict[tuple[int, str], int] = {}
        self._session: Session | None = None
        self._bus: DataBus | None = None
        self._queued: list[_Job] = []  # started, not yet handed to the workers

    def bind(self, session: Session, bus: DataBus) -> None:
        """Whom ops act as and where they announce their writes (UiContext does it)."""
        self._session, self._bus = session, bus

    def run_op(
        self,
        fn: Callable[[Session], T],
        on_done: Callable[[T], None] | None = None,
        *,
        key: str | None = None,
        owner: QObject | None = None,
        on_error: Callable[[str], None] | None = None,
        changes: bool = True,
    ) -> int:
        """Start `fn(session)` off the UI thread, as the signed-in user; then `on_done(result)`
        and, when `changes` (a write), `bus.changed`. Keys, owners and errors as `run_query`.

        The session is made per job on the worker's own connection (a Session is a few
        attributes; one kept per connection would keep its cached calendar after a settings
        change): never the UI's connection, which belongs to the UI thread."""
        ui = self._session
        if ui is None:
            raise RuntimeError("run_op needs the runner bound to a session (UiContext)")

        def job(store: Store) -> T:
            return fn(ui.on_store(store))

        return self._start(job, on_done or _ignore, key, owner, on_error, changes)

    def run_query(
        self,
        fn: Callable[[Store], T],
        on_done: Callable[[T], None],
        *,
        key: str | None = None,
        owner: QObject | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> int:
        """Start `fn(store)` off the UI thread; `on_done(result)` runs on the UI thread.

        With `key`, only the newest call of that key by the same `owner` (by default the
        object `on_done` is a method of) is answered. Without `on_error` a failure is shown in
        the error dialog and logged.
        """
        return self._start(fn, on_done, key, owner, on_error, False)

    def _start(
        self,
        fn: Callable[[Store], Any],
        on_done: Callable[[Any], None],
        key: str | None,
        owner: QObject | None,
        on_error: Callable[[str], None] | None,
        changes: bool,
    ) -> int:
        self._tickets += 1
        ticket = self._tickets
        if owner is None:
            owner = getattr(on_done, "__self__", None)
        scoped = None if key is None else (id(owner), key)
        guard = weakref.ref(owner) if isinstance(owner, QObject) else None
        self._pending[ticket] = _Pending(scoped, on_done, on_error, guard, fn, changes)
        if scoped is not None:
            self._latest[scoped] = ticket
        if not self._queued:
            QCoreApplication.postEvent(self, QEvent(_RELEASE), _AFTER_PAINT)
        self._queued.append((ticket, fn))
        if not self._poll.isActive():
            self._poll.start()
        return ticket

    def event(self, event: QEvent) -> bool:
        if event.type() == _RELEASE:
            self._release()
            return True
        return super().event(event)

    def _release(self) -> None:
        queued, self._queued = self._queued, []
        for ticket, fn in queued:
            entry = self._pending.get(ticket)
            if entry is not None and not entry.changes and self._superseded(ticket, entry):
                del self._pending[ticket]  # a read asked again meanwhile: only the newest runs
                continue
            self.pool.submit(ticket, fn)

    def _superseded(self, ticket: int, entry: _Pending) -> bool:
        return entry.scope is not None and self._latest.get(entry.scope) != ticket

    def _drain(self) -> None:
        while True:
            try:
                ticket, ok, value = self.pool.results.get_nowait()
            except queue.Empty:
                break
            self._deliver(ticket, ok, value)
        if not self._pending:
            self._poll.stop()  # nothing awaited: no timer ticking in an idle window

    def _deliver(self, ticket: int, ok: bool, value: object) -> None:
        entry = self._pending.pop(ticket, None)
        if entry is None:
            return
        try:
            self._answer(ticket, entry, ok, value)
        finally:
            # An op's write is committed even when nobody waits for its answer any more (the
            # dialog closed): the screens refresh all the same.
            if ok and entry.changes and self._bus is not None:
                self._bus.changed.emit()

    def _answer(self, ticket: int, entry: _Pending, ok: bool, value: object) -> None:
        on_done, on_error = entry.on_done, entry.on_error
        if entry.scope is not None:
            if self._superseded(ticket, entry):
                return  # a newer call with the same key was made: drop this stale answer
            del self._latest[entry.scope]
        if entry.owner is not None and ((owner := entry.owner()) is None or not is_alive(owner)):
            return  # the screen or dialog that asked is gone
        if ok:
            if _receiver_alive(on_done):
                on_done(value)
        elif not _receiver_alive(on_error or on_done):
            return
        elif on_error is None:
            assert isinstance(value, BaseException)
            excepthook.report(value)  # the clerk still learns of it; logged when unexpected
        else:
            assert isinstance(value, BaseException)
            on_error(excepthook.message_for(value))

    @property
    def connections_opened(self) -> int:
        """How many database connections the workers opened (one each, not one per query)."""
        return self.pool.opened

    def wait(self, msecs: int = 5000) -> bool:
        """Wait for queued and running queries (tests, shutdown); answers arrive afterwards."""
        self._release()
        return self.pool.wait(msecs / 1000)

    def close(self) -> None:
        """End the workers once their running queries finish; later answers are dropped."""
        self._poll.stop()
        self._pending.clear()
        self._queued.clear()
        self.pool.shutdown(join_s=5.0)
