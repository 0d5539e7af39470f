"""The dialogs and screens under test, shown as a clerk sees them and closed without saving."""

from __future__ import annotations

from typing import TypeVar

from pytestqt.qtbot import QtBot

from desktop.ui.context import UiContext
from desktop.ui.qt import QDialog, QWidget
from desktop.ui.screens.petitions import PetitionsScreen

DialogT = TypeVar("DialogT", bound=QDialog)


def discard(d: QWidget) -> None:
    """Close a dialog a test left open as Đóng would, saving nothing (qtbot's teardown)."""
    assert isinstance(d, QDialog)
    d.done(QDialog.DialogCode.Rejected)


def show_dialog(qtbot: QtBot, dialog: DialogT, *, active: bool = False) -> DialogT:
    """The dialog on screen (with `active`, the window keys go to), discarded at teardown."""
    qtbot.addWidget(dialog, before_close_func=discard)
    if active:
        with qtbot.waitActive(dialog):
            dialog.show()
            dialog.activateWindow()
    else:
        dialog.show()
        qtbot.waitExposed(dialog)
    return dialog


def petitions_screen(qtbot: QtBot, ctx: UiContext, rows: int) -> PetitionsScreen:
    """The Kiến nghị register on screen, once its `rows` petitions are listed."""
    screen = PetitionsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 700)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.rowCount() == rows)
    return screen


def detail_of_row(qtbot: QtBot, screen: PetitionsScreen, row: int, expect: str) -> str:
    """The detail pane's text once the row is selected and the pane says `expect`."""
    screen.table.selectRow(row)
    browser = screen.detail.browser
    qtbot.waitUntil(lambda: expect in browser.toPlainText(), timeout=3000)
    return browser.toPlainText()
