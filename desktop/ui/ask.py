"""Questions to the clerk go through here, so tests can answer them without a modal dialog."""

from __future__ import annotations

from typing import Literal

from desktop.ui.qt import QMessageBox, QWidget

SaveChoice = Literal["save", "discard", "cancel"]


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes/No question; tests patch this function."""
    answer = QMessageBox.question(
        parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    )
    return answer == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """A message with an OK button; tests patch this function."""
    QMessageBox.information(parent, title, text)


def error(parent: QWidget | None, title: str, text: str) -> None:
    """An error message; tests patch this function."""
    QMessageBox.warning(parent, title, text)


def save_discard_cancel(parent: QWidget | None, title: str, text: str) -> SaveChoice:
    """Lưu / Bỏ / Hủy about unsaved work (Hủy, the default, changes nothing); tests patch this."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)  # fmt: skip
    save = box.addButton("&Lưu", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Bỏ", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("&Hủy", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "cancel"
