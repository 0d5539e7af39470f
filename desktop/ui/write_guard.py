"""A form's Lưu written off the UI thread (a write on the office server takes one to three
frames, a slow server many more): the button is disabled while the write runs, a second Enter
writes nothing more, a refusal is shown in place with what was typed kept, and a refusal the
clerk may overrule (a văn bản already in the register) is asked about and written again."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from desktop.core.session import Session
from desktop.ui.context import UiContext
from desktop.ui.qt import QWidget

Op = Callable[[Session], Any]
# A refusal handled with the exception itself (its fields, the văn bản it repeats): the type,
# and what to do on the UI thread — ask the clerk and return the write to run instead, or
# show it and return None.
Refusal = tuple[type[Exception], Callable[[Any], Op | None]]


class WritesOffThread:
    """Mixed into a form (a QWidget with `ctx`): `write_off_thread(op, on_done)` runs
    `op(session)` through run_op, one write at a time.

    A mixin rather than a helper object: an object holding the dialog would keep its Python
    wrapper alive past the C++ dialog its parent deletes."""

    ctx: UiContext
    writing = False  # a write sent to the runner has not answered yet

    def write_buttons(self) -> list[QWidget]:
        """The buttons disabled while a write is on its way."""
        return []

    def show_refusal(self, message: str) -> None:
        """Say why the write was refused (or, with "", clear it); forms override."""

    def _busy(self, writing: bool) -> None:
        self.writing = writing
        for button in self.write_buttons():
            button.setEnabled(not writing)

    def write_off_thread(
        self,
        op: Op,
        on_done: Callable[[Any], None],
        *,
        on_refused: Callable[[], None] | None = None,
        refusal: Refusal | None = None,
    ) -> bool:
        """Start the write unless one is on its way (False then); `on_done(result)` once it is
        committed, else the refusal shown and `on_refused()` (e.g. focus the field)."""
        if self.writing:
            return False  # Enter pressed again while the first Lưu is on its way
        assert isinstance(self, QWidget)
        self._busy(True)
        self.show_refusal("")
        kind = refusal[0] if refusal is not None else ()
        # The refusal itself, kept by the worker: an error reaches the UI thread as its message
        # only. Still raised, so the runner announces no change (nothing was written).
        caught: list[Exception] = []

        def job(session: Session) -> Any:
            try:
                return op(session)
            except kind as exc:
                caught.append(exc)
                raise

        def refused(message: str) -> None:
            self._busy(False)
            if caught and refusal is not None:
                exc = caught.pop()
                traceback.clear_frames(exc.__traceback__)
                again = refusal[1](exc)  # may ask the clerk, on the UI thread
                if again is not None:
                    self.write_off_thread(again, on_done, on_refused=on_refused)
                    return
            else:
                self.show_refusal(message)
            if on_refused is not None:
                on_refused()

        def done(result: Any) -> None:
            self._busy(False)
            on_done(result)

        self.ctx.runner.run_op(job, done, owner=self, on_error=refused)
        return True
