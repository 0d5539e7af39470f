"""What the routing dialogs (giao xử lý, trả lời, hoàn thành) share: the guarded dialog base,
error labels next to fields, and the heading naming the petitions being worked on."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from desktop.core import petitions as pet
from desktop.core.dates import format_date
from desktop.core.session import Session
from desktop.core.types import Store
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QKeySequence,
    QLabel,
    QPushButton,
    QShortcut,
    Qt,
    QWidget,
)
from desktop.ui.write_guard import Refusal, WritesOffThread

ERROR_STYLE = "color: #b00020;"
HEADER_NAMES = 5  # origins named in the heading of a many-petition dialog


def error_label() -> QLabel:
    """A red label shown under a field only while it has something to say."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def set_error(label: QLabel, text: str) -> None:
    """Show (or, with "", hide) an error under its field."""
    label.setText(text)
    label.setVisible(bool(text))


def petitions_heading(store: Store, petition_ids: Sequence[int]) -> str:
    """Who raised the petitions: "Thái Bình — <tóm tắt>" for one, the first origins for many."""
    shown = [p for pid in petition_ids[:HEADER_NAMES] if (p := pet.get_petition(store, pid))]
    if len(petition_ids) == 1 and shown:
        p = shown[0]
        text = p.summary or p.content
        text = text if len(text) <= 240 else text[:239] + "…"
        return f"{p.origin}, nhận ngày {format_date(p.received_on)}: {text}"
    names = ", ".join(p.origin for p in shown)
    more = len(petition_ids) - len(shown)
    return names + (f" và {more} kiến nghị khác" if more > 0 else "")


class DirtyTracking:
    """Whether closing would lose work: `snapshot()` now against the state marked clean."""

    def snapshot(self) -> object:
        """What the clerk can change, compared with the opening state to know if Esc loses work."""
        return None

    def mark_clean(self) -> None:
        """Remember the current state as the opening (or last saved) one."""
        self._initial = self.snapshot()

    def is_dirty(self) -> bool:
        """Whether anything was typed or picked since the state was marked clean."""
        return bool(self.snapshot() != getattr(self, "_initial", None))


class GuardedDialog(DirtyTracking, WritesOffThread, QDialog):
    """A dialog whose Esc asks first when something was typed; Enter and Ctrl+Enter save."""

    def __init__(self, ctx: UiContext, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.buttons = QDialogButtonBox()
        self.save_button: QPushButton = self.buttons.addButton(
            "Lưu", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Enter hoặc Ctrl+Enter")
        cancel = self.buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setToolTip("Esc")
        # The buttons' own signals are wired here rather than accepted/rejected, so Lưu runs
        # save() (which may refuse) and never closes the dialog by itself.
        self.save_button.clicked.connect(self._save_asked)
        cancel.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._save_asked)
        self.error = error_label()

    def write_buttons(self) -> list[QWidget]:
        """Lưu, disabled while the write is on its way."""
        return [self.save_button]

    def save(self) -> None:
        """Validate and write; subclasses override."""
        raise NotImplementedError

    def _save_asked(self) -> None:
        if not self.writing:  # a second Ctrl+Enter leaves the refusal shown and the form as is
            self.save()

    def show_refusal(self, message: str) -> None:
        """Say why the write was refused (or, with "", clear it); subclasses may pick a field."""
        set_error(self.error, message)

    def write(
        self,
        op: Callable[[Session], object],
        *,
        on_refused: Callable[[], None] | None = None,
        on_written: Callable[[Any], None] | None = None,
        refusal: Refusal | None = None,
    ) -> None:
        """Run the write `op(session)` off the UI thread as the signed-in user (a write takes
        one to three frames on the office server); the dialog closes once it is committed
        (the screens refresh), after `on_written(result)`, or shows the refusal and stays
        open with what was typed."""

        def done(result: object) -> None:
            if on_written is not None:
                on_written(result)
            self.accept()

        self.write_off_thread(op, done, on_refused=on_refused, refusal=refusal)

    def reject(self) -> None:
        """Esc or Hủy: ask before dropping what was typed."""
        if self.writing:
            return  # the write may be committed already: its answer closes the dialog
        if self.is_dirty() and not ask.confirm(
            self, self.windowTitle(), "Bỏ những gì đã nhập và đóng cửa sổ này?"
        ):
            return
        super().reject()
