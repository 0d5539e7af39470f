"""The register rows' context menu: the day's work on the petitions under the mouse (Giao xử lý,
Ghi trả lời, Đơn vị hoàn thành, Sao chép số đến) over the corrections (Sửa, Rút, Khôi phục) and
the routing slip, each through the dialog and the permission check the main menu uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui import correction_actions, rights
from desktop.ui.qt import QAction, QApplication, QMenu, QPoint, QTableView

if TYPE_CHECKING:
    from desktop.ui.context import UiContext

ASSIGN = "Giao xử lý…"
REPLY = "Ghi trả lời…"
COMPLETE = "Đơn vị hoàn thành…"
COMPLETE_KEYS = "Ctrl+H"  # hoàn thành
COPY_NUMBER = "Sao chép số đến"


def petition_menu(
    ctx: UiContext,
    table: QTableView,
    ids: list[int],
    numbers: list[str],
    pos: QPoint,
    *,
    unit_at_work: bool,
) -> QMenu:
    """The menu on the selected petitions (`numbers`: their số đến as shown; `unit_at_work`: a
    unit has a part of the first one still to do), popped up at `pos`, returned for tests."""
    from desktop.ui.dialogs import assign, complete_part, reply, routing_slip  # on first menu

    menu = correction_actions.petition_menu(ctx, table, ids, pos)
    parent, first = table.window(), menu.actions()[0] if menu.actions() else None
    work: list[QAction] = []

    def entry(text: str, keys: str, slot: object) -> QAction:
        action = QAction(text + (f"\t{keys}" if keys else ""), menu)
        action.triggered.connect(slot)
        menu.insertAction(first, action)
        work.append(action)
        return action

    gate = entry(ASSIGN, "Ctrl+G", lambda: assign.open_assign(ctx, parent, ids))
    rights.gate(gate, ctx.session, "assign")
    answer = entry(REPLY, "Ctrl+R", lambda: reply.open_reply(ctx, parent, ids))
    rights.gate(answer, ctx.session, "reply")
    done = entry(
        COMPLETE, COMPLETE_KEYS, lambda: complete_part.open_complete_part(ctx, parent, ids[0])
    )
    rights.gate(done, ctx.session, "complete_part", petition_ids=ids[:1])
    copy = entry(COPY_NUMBER, "", lambda: QApplication.clipboard().setText(", ".join(numbers)))
    copy.setEnabled(any(numbers))
    for action in (gate, answer, done):
        action.setEnabled(action.isEnabled() and bool(ids))
    done.setEnabled(done.isEnabled() and len(ids) == 1 and unit_at_work)
    if len(ids) == 1 and not unit_at_work:
        done.setToolTip("Không có đơn vị nào đang xử lý kiến nghị này.")
    menu.insertSeparator(first)
    menu.setToolTipsVisible(True)  # a disabled entry says why
    routing_slip.add_to_menu(ctx, menu, ids)  # In phiếu giải quyết…
    return menu
