"""Waiting for a dialog's Lưu, which writes off the UI thread (desktop/ui/write_guard.py)."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from desktop.ui.context import UiContext
from desktop.ui.qt import QDialog, QLabel, QPushButton


def save_off_the_ui_thread(
    qtbot: QtBot, ctx: UiContext, dialog: QDialog, save: Callable[[], object], button: QPushButton
) -> None:
    """Press Lưu (`save`): right after it the dialog is still open with Lưu disabled (the
    write is on a worker thread); once the runner answers it is closed, accepted."""
    save()
    assert dialog.isVisible() and not button.isEnabled()
    assert dialog.result() != QDialog.DialogCode.Accepted
    ctx.runner.wait()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=5000)
    assert not dialog.isVisible()


def refused(
    qtbot: QtBot, ctx: UiContext, dialog: QDialog, label: QLabel, text: str, button: QPushButton
) -> None:
    """Wait for the write's refusal: `text` in `label`, Lưu enabled again, the dialog open."""
    ctx.runner.wait()
    qtbot.waitUntil(lambda: text in label.text() and button.isEnabled(), timeout=5000)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted


def wait_accepted(qtbot: QtBot, ctx: UiContext, dialog: QDialog) -> None:
    """Wait for the dialog's write to be committed and the dialog closed by it."""
    ctx.runner.wait()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=5000)


def wait_text(qtbot: QtBot, ctx: UiContext, label: QLabel, text: str) -> str:
    """Wait for the write's answer to put `text` in `label`; the label's whole text."""
    ctx.runner.wait()
    qtbot.waitUntil(lambda: text in label.text(), timeout=5000)
    return str(label.text())
