"""Đăng nhập: who works, asked at start-up on the office server (and on a file with users).

The dialog only collects the name and password and shows the core's answer: the checks, the
lock-out after five wrong passwords and the messages are desktop.core.users'. A wrong
password keeps the name and clears the password; Thoát leaves the app (`ask` returns None).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from desktop.core import access
from desktop.core.errors import KienNghiError
from desktop.core.session import Session, sign_in
from desktop.core.types import Store
from desktop.ui.dialogs.routing_common import error_label, set_error
from desktop.ui.qt import (
    QApplication,
    QCursor,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)

TITLE = "Đăng nhập — Sổ Kiến Nghị"


class SignInDialog(QDialog):
    """Tên đăng nhập and Mật khẩu; `session` is set once the core accepted them."""

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        name: str = "",
        today: Callable[[], dt.date] = dt.date.today,
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self._today, self._now = store, today, now
        self.session: Session | None = None
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(460)
        heading = QLabel("<b>Đăng nhập để làm việc với sổ kiến nghị</b>")
        self.database = QLabel(access.database_line(store))
        self.database.setWordWrap(True)
        self.database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_edit = QLineEdit(name)
        self.name_edit.setPlaceholderText("ví dụ: vanthu1")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = error_label()
        self.sign_in_button = QPushButton("Đăng &nhập")
        self.quit_button = QPushButton("&Thoát")
        # Enter in either field presses the default button (QLineEdit passes Return on).
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.try_sign_in)
        self.quit_button.clicked.connect(self.reject)

        form = QFormLayout()
        name_label = QLabel("Tên đăng &nhập:")
        name_label.setBuddy(self.name_edit)
        password_label = QLabel("&Mật khẩu:")
        password_label.setBuddy(self.password_edit)
        form.addRow(name_label, self.name_edit)
        form.addRow(password_label, self.password_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in_button)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.database)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        (self.password_edit if name else self.name_edit).setFocus()

    def try_sign_in(self) -> bool:
        """Ask the core; accept the dialog on success, else say why and ask the password again."""
        name = self.name_edit.text().strip()
        if not name:
            set_error(self.error, "Hãy nhập tên đăng nhập.")
            self.name_edit.setFocus()
            return False
        if not self.password_edit.text():
            set_error(self.error, "Hãy nhập mật khẩu.")
            self.password_edit.setFocus()
            return False
        # Checking a password takes ~0.2 s on purpose (argon2): say that it is working.
        QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            self.session = sign_in(
                self.store, name, self.password_edit.text(), today=self._today, now=self._now
            )
        except KienNghiError as exc:  # SignInFailed, AccountLocked (until when), server gone
            self._refused(str(exc))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        set_error(self.error, "")
        self.accept()
        return True

    def _refused(self, message: str) -> None:
        set_error(self.error, message)
        self.password_edit.clear()
        self.password_edit.setFocus()


def ask(
    store: Store,
    parent: QWidget | None = None,
    *,
    name: str = "",
    today: Callable[[], dt.date] = dt.date.today,
) -> Session | None:
    """Show the dialog until the user signs in (the session) or chooses Thoát (None)."""
    dialog = SignInDialog(store, parent, name=name, today=today)
    dialog.exec()
    return dialog.session
