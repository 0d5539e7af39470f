"""What the Nhiệm vụ screen's chase and report buttons open, and when they are enabled."""

from __future__ import annotations

from desktop.core.session import Session
from desktop.ui import rights
from desktop.ui.context import UiContext
from desktop.ui.qt import QPushButton, QWidget

CHASE_MISSING = "Đôn đốc từ màn hình chưa có trong bản này: dùng lệnh «kiennghi chase»."
REPORT_MISSING = (
    "Báo cáo thực hiện thông báo chưa có trong bản này: dùng lệnh «kiennghi notice-report»."
)
NO_NOTICE = "Chọn thông báo (ô Thông báo) hoặc một nhiệm vụ của thông báo đó trước."


def gate_chase(button: QPushButton, session: Session) -> None:
    """Đôn đốc…: waits for the chase dialog (desktop/ui/dialogs/chase.py)."""
    button.setEnabled(False)
    button.setToolTip(CHASE_MISSING)


def open_chase(ctx: UiContext, parent: QWidget) -> None:
    """Đôn đốc…: not reachable while gate_chase keeps the button disabled."""


def gate_report(button: QPushButton, session: Session, document_id: int | None) -> None:
    """Báo cáo thực hiện thông báo…: needs the notice, and the right to make reports."""
    from desktop.ui.dialogs import notice_report

    if not notice_report.available():
        button.setEnabled(False)
        button.setToolTip(REPORT_MISSING)
    elif document_id is None:
        button.setEnabled(False)
        button.setToolTip(NO_NOTICE)
    else:
        rights.gate(button, session, "reports")


def open_notice_report(ctx: UiContext, parent: QWidget, document_id: int) -> None:
    """The report dialog on one notice."""
    from desktop.ui.dialogs.notice_report import open_notice_report as open_dialog

    open_dialog(ctx, parent, document_id)
