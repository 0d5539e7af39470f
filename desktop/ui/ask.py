"""Questions to the clerk go through here, so tests can answer them without a modal dialog."""

from __future__ import annotations

from desktop.ui.qt import QMessageBox, QWidget


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
