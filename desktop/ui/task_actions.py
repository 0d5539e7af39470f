"""What the Nhiệm vụ screen's chase and report buttons open, and when they are enabled."""

from __future__ import annotations

from desktop.core import access, chasing
from desktop.core.session import Session
from desktop.ui import rights
from desktop.ui.context import UiContext
from desktop.ui.qt import QPushButton, QWidget

NO_NOTICE = "Chọn thông báo (ô Thông báo) hoặc một nhiệm vụ của thông báo đó trước."


CHASE_HINT = "Công văn đôn đốc các đơn vị có kiến nghị, nhiệm vụ quá hạn"


def gate_chase(button: QPushButton, session: Session) -> None:
    """Đôn đốc…: for whoever the core lets write chase letters (not an officer), else why not."""
    rights.show(button, chasing.refusal(session), CHASE_HINT)


def open_chase(ctx: UiContext, parent: QWidget) -> None:
    """The chase dialog (desktop/ui/dialogs/chase.py): one unit, or every unit overdue."""
    from desktop.ui.dialogs.chase import open_chase as open_dialog

    open_dialog(ctx, parent)


def gate_report(button: QPushButton, session: Session, document_id: int | None) -> None:
    """Báo cáo thực hiện thông báo…: needs the notice, and the right to make reports."""
    show_report(button, document_id, access.refusal(session, "reports"))


def show_report(button: QPushButton, document_id: int | None, why: str | None) -> None:
    """The report button for the notice chosen, given the refusal of "reports" (or None)."""
    rights.show(button, NO_NOTICE if document_id is None else why)


def open_notice_report(ctx: UiContext, parent: QWidget, document_id: int) -> None:
    """The report dialog on one notice."""
    from desktop.ui.dialogs.notice_report import open_notice_report as open_dialog

    open_dialog(ctx, parent, document_id)
