"""Ký số khi ban hành: when the office has a PKCS#12 file (Cài đặt → Chữ ký số), Ban hành first
asks whether to sign, the file's password and the folder for the signed PDF. The password is
checked here, before anything is numbered."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import KienNghiError
from desktop.core.letters import register
from desktop.core.letters.model import Letter
from desktop.core.signatures import trust
from desktop.core.signatures.letters import issue_signed
from desktop.core.signatures.sign import P12Key, open_signer
from desktop.ui.context import UiContext
from desktop.ui.qt import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.widgets.form_helpers import message_label, show_message


@dataclass(frozen=True)
class Signing:
    """The clerk's choice: sign with `key` into `folder`, or (key None) issue unsigned."""

    key: P12Key | None = None
    folder: Path | None = None


class SignDialog(QDialog):
    """«Ký số» checked by default, the password, the folder; OK checks the password."""

    def __init__(self, parent: QWidget | None, p12: Path, folder: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ban hành công văn")
        self.p12 = p12
        self.choice: Signing | None = None
        self.sign_box = QCheckBox(f"&Ký số bằng tệp chứng thư của cơ quan ({p12.name})")
        self.sign_box.setChecked(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.folder = QLineEdit(str(folder))
        browse = QPushButton("Chọn…")
        browse.clicked.connect(self._browse)
        self.error = message_label()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("&Mật khẩu tệp chứng thư:", self.password)
        form.addRow("Lưu tệp PDF đã ký vào:", folder_row)
        note = QLabel("Công văn được cấp số, ký số và ghi ra tệp PDF cùng lúc.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Ban hành")
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        self.sign_box.toggled.connect(self._toggled)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sign_box)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.password.setFocus()

    def _toggled(self, on: bool) -> None:
        self.password.setEnabled(on)
        self.folder.setEnabled(on)
        show_message(self.error, "")

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Thư mục lưu công văn đã ký", "")
        if chosen:
            self.folder.setText(chosen)

    def confirm(self) -> None:
        """Ban hành: unsigned, or signed once the password opens the file and the folder is."""
        if not self.sign_box.isChecked():
            self.choice = Signing()
            self.accept()
            return
        key = P12Key(self.p12, self.password.text())
        folder = Path(self.folder.text().strip() or ".")
        if not folder.is_dir():
            show_message(self.error, f"Không có thư mục «{folder}».")
            return
        try:
            with open_signer(key):
                pass
        except KienNghiError as exc:
            message = str(exc)
            show_message(self.error, message[0].upper() + message[1:].rstrip(".") + ".")
            self.password.selectAll()
            self.password.setFocus()
            return
        self.choice = Signing(key, folder)
        self.accept()


def ask(parent: QWidget | None, p12: Path, folder: Path) -> Signing | None:
    """The dialog, modal; None when cancelled. Tests patch this."""
    dialog = SignDialog(parent, p12, folder)
    dialog.exec()
    return dialog.choice


def offer(ctx: UiContext, parent: QWidget | None) -> Signing | None:
    """Signing(None) straight away when the office has no signing file; else ask."""
    p12 = trust.office_p12(ctx.session.store)
    if p12 is None:
        return Signing()
    return ask(parent, p12, Path.home())


def issue(ctx: UiContext, letter_id: int, signing: Signing) -> tuple[Letter, str]:
    """Ban hành (and ký số when chosen); the letter issued and what the note adds."""
    if signing.key is None or signing.folder is None:
        return register.issue_reply(ctx.session, letter_id), ""
    letter, path = issue_signed(ctx.session, letter_id, signing.key, signing.folder)
    return letter, f" Đã ký số: «{path}»."
