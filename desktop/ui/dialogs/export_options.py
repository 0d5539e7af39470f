"""Before an export or a printed register: what it will hold, and personal numbers masked
(Decree 13/2023) unless an admin or leader ticks "Xuất đầy đủ…". The core decides who may;
the box only mirrors it."""

from __future__ import annotations

from desktop.core import audit
from desktop.core.session import Session
from desktop.ui.qt import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

UNMASK_LABEL = "Xuất đầy đủ số điện thoại, số CCCD (không che)"
ALLOWED_TIP = (
    "Số điện thoại và số CCCD/CMND trong kiến nghị được ghi đầy đủ vào tệp;"
    " lần xuất được ghi vào nhật ký, có tên người xuất."
)
EXPLANATION = (
    "Theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân, số điện thoại và số CCCD/CMND"
    " trong nội dung kiến nghị được che khi xuất (ví dụ 0912 *** 678). Mỗi lần xuất được ghi"
    " vào nhật ký: ai xuất, lúc nào, tệp nào."
)


class ExportOptionsDialog(QDialog):
    """Xuất sổ: the masking note, the unmask box (disabled with the reason when refused)."""

    def __init__(
        self, session: Session, title: str, parent: QWidget | None = None, scope: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.scope = QLabel(scope)  # what the file will hold: the list's filters and search
        self.scope.setWordWrap(True)
        self.scope.setVisible(bool(scope))
        note = QLabel(EXPLANATION)
        note.setWordWrap(True)
        self.unmasked = QCheckBox(UNMASK_LABEL)
        refusal = audit.unmask_refusal(session)
        self.unmasked.setEnabled(refusal is None)
        self.unmasked.setToolTip(refusal or ALLOWED_TIP)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Chọn nơi lưu…")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scope)
        layout.addWidget(note)
        layout.addWidget(self.unmasked)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())
        ok.setFocus()

    def choice(self) -> bool:
        """True for an unmasked export (ticked, and only tickable when allowed)."""
        return self.unmasked.isEnabled() and self.unmasked.isChecked()


def ask(parent: QWidget | None, session: Session, title: str, scope: str = "") -> bool | None:
    """Unmasked (True), masked (False), or None when the clerk cancelled. Tests patch this."""
    dialog = ExportOptionsDialog(session, title, parent, scope)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choice()
