"""Long work (import, export, demo data, backup) in a worker thread with a progress dialog.

The job gets its own database connection; the window keeps painting. Cancel makes the next
`progress()` call raise `Cancelled`, so the job's write transaction rolls back and the database
is left as it was.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from desktop.core.stores import open_store
from desktop.core.types import Store
from desktop.ui.context import UiContext
from desktop.ui.qt import QObject, QProgressDialog, Qt, QThread, QWidget, Signal

T = TypeVar("T")


class Cancelled(Exception):
    """The clerk pressed Cancel."""


class Progress:
    """Called by the job: `progress(done, total)`; raises Cancelled after Cancel."""

    def __init__(self, report: Callable[[int, int], None]) -> None:
        self._report = report
        self._cancelled = threading.Event()

    def __call__(self, done: int, total: int) -> None:
        if self._cancelled.is_set():
            raise Cancelled
        self._report(done, total)

    def cancel(self) -> None:
        """Ask the job to stop at its next progress call."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        """Whether Cancel was pressed."""
        return self._cancelled.is_set()


class _Thread(QThread):
    progressed = Signal(int, int)
    finished_ok = Signal(object)
    failed = Signal(str)
    was_cancelled = Signal()

    def __init__(self, ctx: UiContext, job: Callable[[Store, Progress], Any]) -> None:
        super().__init__()
        self.ctx, self.job = ctx, job
        self.progress = Progress(lambda d, t: self.progressed.emit(d, t))

    def run(self) -> None:
        # The worker's own connection to the same database: the file, or the office server.
        store = open_store(self.ctx.session.store.target, migrate=False)
        try:
            result = self.job(store, self.progress)
        except Cancelled:
            self.was_cancelled.emit()
        except Exception as exc:  # shown to the clerk; details on stderr for support
            traceback.print_exc()
            self.failed.emit(str(exc))
        else:
            self.finished_ok.emit(result)
        finally:
            store.close()


_running: set[LongWork[Any]] = set()


class LongWork(QObject, Generic[T]):
    """A running job with its progress dialog."""

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None,
        title: str,
        job: Callable[[Store, Progress], T],
        on_done: Callable[[T], None],
        on_error: Callable[[str], None] | None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = QProgressDialog(title, "Hủy", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.worker = _Thread(ctx, job)
        self.cancelled = False
        self.worker.progressed.connect(self._progressed)
        self.worker.finished_ok.connect(lambda result: self._finish(lambda: on_done(result)))
        self.worker.failed.connect(
            lambda msg: self._finish(lambda: on_error(msg) if on_error else None)
        )
        self.worker.was_cancelled.connect(self._on_cancelled)
        self.dialog.canceled.connect(self.cancel)
        # Kept until Qt says the thread ended, so that the job's thread (whose run() holds
        # the QThread) never drops the last reference: a QThread and its dialog deleted on the
        # job's thread left dangling timers in the UI thread's event loop.
        _running.add(self)
        self.worker.finished.connect(lambda: _running.discard(self))
        self.worker.start()

    def _progressed(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if total:
            self.dialog.setLabelText(
                f"{self.dialog.windowTitle()}: {done:,}/{total:,}".replace(",", ".")
            )

    def _finish(self, then: Callable[[], None]) -> None:
        self.dialog.close()
        self.ctx.changed()
        then()

    def _on_cancelled(self) -> None:
        self.cancelled = True
        self.dialog.close()

    def cancel(self) -> None:
        """Stop the job at its next progress report; its transaction rolls back."""
        self.worker.progress.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the thread ends (tests)."""
        return bool(self.worker.wait(msecs))


def run_long_work(
    ctx: UiContext,
    parent: QWidget | None,
    title: str,
    job: Callable[[Store, Progress], T],
    *,
    on_done: Callable[[T], None],
    on_error: Callable[[str], None] | None = None,
) -> LongWork[T]:
    """Start `job(store, progress)` off the UI thread with a progress dialog and Cancel."""
    return LongWork(ctx, parent, title, job, on_done, on_error)
