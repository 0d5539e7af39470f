"""Failures nobody caught, shown to the clerk in Vietnamese and written to the log (Anki's
excepthook dialog): `sys.excepthook` (slots, timers, the UI thread), `threading.excepthook`
(plain threads) and the query runner's jobs without an `on_error` all end in `report()`.

A `KienNghiError` is a refusal the clerk can act on: its message is shown as is and nothing is
logged. An operating-system or SQLite failure is said in words naming the file (full disk,
read-only drive, locked database). Anything else shows a short message pointing at the log
file, where the traceback went. The app keeps running in every case.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from types import TracebackType

from desktop import crashlog
from desktop.ui import ask
from desktop.ui.qt import QApplication, QObject, Signal

TITLE = "Sổ Kiến Nghị"


def message_for(exc: BaseException) -> str:
    """What the clerk reads about `exc`; an unexpected one is logged first."""
    known = crashlog.explain(exc)
    if known is not None:
        return known
    logged = crashlog.record(exc, "desktop")
    what = crashlog.describe(exc, limit=300)
    if logged is None:
        return (
            f"Đã xảy ra lỗi không mong đợi: {what}.\nKhông ghi được chi tiết vào"
            f" «{crashlog.log_path()}»; công việc vừa rồi có thể chưa xong."
        )
    return (
        f"Đã xảy ra lỗi không mong đợi: {what}.\nChi tiết đã được ghi vào «{logged}»;"
        " hãy gửi tệp đó cho người quản trị. Công việc vừa rồi có thể chưa xong."
    )


class _Reporter(QObject):
    """Carries a failure from any thread to the UI thread, where a dialog may open."""

    failed = Signal(object)

    def __init__(self, show: Callable[[str], None] | None) -> None:
        super().__init__()
        self.show = show
        self.failures = 0
        self._showing = False
        self.failed.connect(self._on_failed)

    def _on_failed(self, exc: BaseException) -> None:
        self.failures += 1
        text = message_for(exc)
        if self.show is not None:
            self.show(text)
        elif self._showing:
            # One dialog at a time: a failure while it is open (a timer firing again) is
            # logged by message_for and not stacked as a second modal box.
            print(text, file=sys.stderr)
        else:
            self._showing = True
            try:
                ask.error(QApplication.activeWindow(), TITLE, text)
            finally:
                self._showing = False


_reporter: _Reporter | None = None


def report(exc: BaseException) -> None:
    """Show `exc` to the clerk (from any thread) and log it when unexpected."""
    if _reporter is None:  # before the app exists: stderr is all there is
        print(message_for(exc), file=sys.stderr)
    elif threading.current_thread() is threading.main_thread():
        _reporter._on_failed(exc)
    else:
        _reporter.failed.emit(exc)  # queued to the UI thread


def _sys_hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    report(exc if exc.__traceback__ is not None else exc.with_traceback(tb))


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
        report(args.exc_value)


def install(show: Callable[[str], None] | None = None) -> _Reporter:
    """Route uncaught failures to `report()`; `show(text)` instead of the dialog (smoke test)."""
    global _reporter
    _reporter = _Reporter(show)
    sys.excepthook = _sys_hook
    threading.excepthook = _thread_hook
    return _reporter
