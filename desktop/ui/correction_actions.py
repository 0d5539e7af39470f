"""Sửa, rút, khôi phục from the screens: the context menus of the two registers and the slots
the main window's menu (F2) calls, so each screen only connects its table to them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui import rights
from desktop.ui.qt import QMenu, QPoint, QTableView, QWidget

if TYPE_CHECKING:
    from desktop.ui.context import UiContext

EDIT_PETITION = "Sửa kiến nghị…"
WITHDRAW_PETITION = "Rút kiến nghị…"
REINSTATE_PETITION = "Khôi phục kiến nghị đã rút…"
EDIT_DOCUMENT = "Sửa văn bản…"


def edit_petition(ctx: UiContext, parent: QWidget | None, ids: list[int]) -> bool:
    """Sửa the first selected petition; False (nothing opened) without a selection."""
    from desktop.ui.dialogs.edit_petition import open_edit_petition  # dialogs load when opened

    return bool(ids) and open_edit_petition(ctx, parent, ids[0])


def withdraw_petition(ctx: UiContext, parent: QWidget | None, ids: list[int]) -> bool:
    """Rút the first selected petition, after asking the reason."""
    from desktop.ui.dialogs.withdraw import open_withdraw

    return bool(ids) and open_withdraw(ctx, parent, ids[0])


def reinstate_petition(ctx: UiContext, parent: QWidget | None) -> bool:
    """Khôi phục one of the withdrawn petitions."""
    from desktop.ui.dialogs.withdraw import open_reinstate

    return open_reinstate(ctx, parent)


def edit_document(ctx: UiContext, parent: QWidget | None, document_id: int | None) -> bool:
    """Sửa a văn bản đến; False without one."""
    from desktop.ui.dialogs.edit_document import open_edit_document

    return document_id is not None and open_edit_document(ctx, parent, document_id)


def petition_menu(ctx: UiContext, table: QTableView, ids: list[int], pos: QPoint) -> QMenu:
    """The register's context menu on the selected petitions (returned for tests to trigger)."""
    menu = QMenu(table)
    parent = table.window()
    edit = menu.addAction(EDIT_PETITION + "\tF2")
    edit.triggered.connect(lambda: edit_petition(ctx, parent, ids))
    withdraw = menu.addAction(WITHDRAW_PETITION)
    withdraw.triggered.connect(lambda: withdraw_petition(ctx, parent, ids))
    for action in (edit, withdraw):
        action.setEnabled(bool(ids))
    menu.addSeparator()
    back = menu.addAction(REINSTATE_PETITION)
    back.triggered.connect(lambda: reinstate_petition(ctx, parent))
    if not rights.restrict([edit, withdraw, back], ctx.session, "correct"):
        menu.setToolTipsVisible(True)  # the clerk's work: the tooltip says whose
    menu.popup(table.viewport().mapToGlobal(pos))
    return menu


def document_menu(ctx: UiContext, table: QTableView, document_id: int | None, pos: QPoint) -> QMenu:
    """The incoming register's context menu on the document under the mouse."""
    menu = QMenu(table)
    edit = menu.addAction(EDIT_DOCUMENT + "\tF2")
    edit.setEnabled(document_id is not None)
    edit.triggered.connect(lambda: edit_document(ctx, table.window(), document_id))
    if not rights.restrict([edit], ctx.session, "correct"):
        menu.setToolTipsVisible(True)
    menu.popup(table.viewport().mapToGlobal(pos))
    return menu
