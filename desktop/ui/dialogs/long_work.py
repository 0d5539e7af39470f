"""Long work (import, scan OCR, export, letters, registers, demo data, backup) in a worker thread
with a progress dialog, in the spirit of Anki's CollectionOp.

`run_long_work(ctx, parent, title, job, on_done=…)` runs `job(session, progress)`: a `Session` of
the signed-in user on the job's own database connection (the window keeps painting). Cancel
makes the next `progress()` call raise `Cancelled`, so the job's write transaction rolls back
and the database is left as it was; nothing is shown. A failure is said in the clerk's words
(`excepthook.message_for`): to `on_error` when given, else in the error dialog, and logged when
unexpected. After a job that can write (`changes`) every screen refreshes.

One long job at a time: while one runs, starting another shows a notice naming it and starts
nothing (two writers on a SQLite file wait on each other's lock, and two progress dialogs
would fight over the window).
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from desktop.core.session import Session
from desktop.core.stores import open_store
from desktop.ui import ask, excepthook
from desktop.ui.context import UiContext
from desktop.ui.qt import QObject, QProgressDialog, Qt, QThread, QWidget, Signal

T = TypeVar("T")
BUSY_TITLE = "Đang có việc chưa xong"


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
    """Runs the job; its outcome is read on the UI thread once the thread has ended."""

    progressed = Signal(int, int)

    def __init__(self, signed_in: Session, job: Callable[[Session, Progress], Any]) -> None:
        super().__init__()
        self.signed_in, self.job = signed_in, job
        self.progress = Progress(lambda d, t: self.progressed.emit(d, t))
        self.outcome: tuple[str, Any] = ("cancelled", None)  # "done", "failed" or "cancelled"

    def run(self) -> None:
        store = None
        try:
            # The worker's own connection to the same database: the file, or the office server.
            store = open_store(self.signed_in.store.target, migrate=False)
            self.outcome = ("done", self.job(self.signed_in.on_store(store), self.progress))
        except Cancelled:
            self.outcome = ("cancelled", None)
        except Exception as exc:  # said to the clerk and logged on the UI thread
            # The traceback keeps its lines for the log, not the frames' locals (widgets).
            traceback.clear_frames(exc.__traceback__)
            self.outcome = ("failed", exc)
        finally:
            if store is not None:
                store.close()


# Every job whose answer is not delivered yet: kept here so that the job's thread (whose run()
# holds the QThread) never drops the last reference (a QThread and its dialog deleted on the
# job's thread left dangling timers in the UI thread's event loop); the menu slot that started
# it may be long gone.
_running: set[LongWork[Any]] = set()


def running() -> LongWork[Any] | None:
    """The long job under way, if any (its thread has not ended)."""
    return next((work for work in _running if not work.worker.isFinished()), None)


class LongWork(QObject, Generic[T]):
    """A running job with its progress dialog."""

    ended = Signal()  # on the UI thread, after the answer (done, failed or cancelled)

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None,
        title: str,
        job: Callable[[Session, Progress], T],
        on_done: Callable[[T], None],
        on_error: Callable[[str], None] | None,
        changes: bool,
        label: Callable[[int, int], str] | None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.title = ctx, title
        self.on_done, self.on_error, self.changes, self.label = on_done, on_error, changes, label
        self.dialog = QProgressDialog(title, "Hủy", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.worker = _Thread(ctx.session, job)
        self.cancelled = False
        self.worker.progressed.connect(self._progressed)
        # A method of this object (of the UI thread): Qt queues the call to the UI thread.
        self.worker.finished.connect(self._thread_ended)
        self.dialog.canceled.connect(self.cancel)
        _running.add(self)
        self.worker.start()

    def _progressed(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if self.label is not None:
            self.dialog.setLabelText(self.label(done, total))
        elif total:
            self.dialog.setLabelText(f"{self.title}: {done:,}/{total:,}".replace(",", "."))

    def _thread_ended(self) -> None:
        _running.discard(self)
        self.dialog.close()
        kind, value = self.worker.outcome
        self.worker.outcome = ("cancelled", None)  # the result is the callback's alone now
        try:
            if kind == "cancelled":
                self.cancelled = True  # rolled back: nothing to say, nothing to refresh
                return
            if self.changes:  # a failure too: a job may have committed before it failed
                self.ctx.changed()
            if kind == "done":
                self.on_done(value)
            elif self.on_error is not None:
                self.on_error(excepthook.message_for(value))
            else:
                excepthook.report(value)  # the error dialog: the clerk is never left unaware
        finally:
            self.ended.emit()

    def cancel(self) -> None:
        """Stop the job at its next progress report; its transaction rolls back."""
        self.worker.progress.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the thread ends (tests); the answer comes when the event loop runs."""
        return bool(self.worker.wait(msecs))


def busy_notice(title: str) -> str:
    """What the clerk reads when a job is started while `title` ("Đang vào sổ «…»") runs."""
    doing = title[:1].lower() + title[1:]  # every title begins with its verb: "Đang …", "Soạn …"
    return (
        f"Chưa làm được việc này vì việc trước chưa xong: {doing}. Hãy đợi việc đó xong (hoặc"
        " bấm «Hủy» trong cửa sổ tiến độ của nó) rồi làm lại."
    )


def run_long_work(
    ctx: UiContext,
    parent: QWidget | None,
    title: str,
    job: Callable[[Session, Progress], T],
    *,
    on_done: Callable[[T], None],
    on_error: Callable[[str], None] | None = None,
    changes: bool = True,
    label: Callable[[int, int], str] | None = None,
) -> LongWork[T] | None:
    """Start `job(session, progress)` off the UI thread with a progress dialog and Cancel; None
    (after a notice) while another long job runs.

    `changes=False` for a job that only reads (export, a register to a file): the screens are
    not refreshed after it. `label(done, total)` words the progress instead of "title: n/m"."""
    busy = running()
    if busy is not None:
        ask.inform(parent, BUSY_TITLE, busy_notice(busy.title))
        return None
    return LongWork(ctx, parent, title, job, on_done, on_error, changes, label)
