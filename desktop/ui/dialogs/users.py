"""Quản lý người dùng (admins): the accounts, add one, disable or enable, reset a password,
change a role.

Every change goes through desktop.core.users, which checks the role again and gives the
Vietnamese refusals (a name taken, a short password, the last admin); the dialog shows them.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.core import users
from desktop.core.dates import format_date
from desktop.core.errors import KienNghiError
from desktop.core.permissions import OFFICER
from desktop.core.unit_work import units_to_choose
from desktop.core.users import User
from desktop.core.vocabulary import ROLE_LABELS, ROLES
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs.routing_common import error_label, set_error
from desktop.ui.qt import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.widgets.unit_picker import unit_label

TITLE = "Quản lý người dùng"
HEADERS = ("Tên đăng nhập", "Họ và tên", "Vai trò", "Đơn vị", "Trạng thái")


def state_text(user: User) -> str:
    """Đang hoạt động, or since when the account is disabled."""
    if user.disabled_at is None:
        return "Đang hoạt động"
    return f"Vô hiệu hóa từ {format_date(user.disabled_at)}"


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _same(first: QLineEdit, second: QLineEdit, error: QLabel) -> bool:
    if first.text() != second.text():
        set_error(error, "Hai lần nhập mật khẩu không khớp nhau.")
        second.clear()
        second.setFocus()
        return False
    return True


def _unit_box(ctx: UiContext) -> QComboBox:
    box = QComboBox()
    for u in units_to_choose(ctx.session):
        box.addItem(unit_label(u), u.code)
    return box


def _role_box(current: str) -> QComboBox:
    box = QComboBox()
    for role in ROLES:
        box.addItem(ROLE_LABELS[role], role)
    box.setCurrentIndex(box.findData(current))
    return box


def _follow_role(role_box: QComboBox, unit_box: QComboBox) -> None:
    """The unit can be chosen only for a chuyên viên (officer)."""

    def changed() -> None:
        officer = role_box.currentData() == OFFICER
        unit_box.setEnabled(officer)
        unit_box.setToolTip("" if officer else "Chỉ chuyên viên mới gắn với một đơn vị.")

    role_box.currentIndexChanged.connect(lambda _: changed())
    changed()


def _lay_out(
    dialog: QDialog,
    intro: str | None,
    form: QFormLayout,
    error: QLabel,
    accept: str,
    save: Callable[[], bool],
) -> QPushButton:
    """An account dialog's layout: a sentence, the form, the refusal in red, `accept` and Hủy."""
    buttons = QDialogButtonBox()
    save_button = buttons.addButton(accept, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton("&Hủy", QDialogButtonBox.ButtonRole.RejectRole)
    save_button.setDefault(True)
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    if intro is not None:
        layout.addWidget(QLabel(intro))
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)
    return save_button


class AddUserDialog(QDialog):
    """Thêm người dùng: name, full name, role, unit (officers only), password twice."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.added: User | None = None
        self.setWindowTitle("Thêm người dùng")
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("ví dụ: vanthu1")
        self.full_name_edit = QLineEdit()
        self.role_box = _role_box("clerk")  # the usual new account
        self.unit_box = _unit_box(ctx)
        self.password_edit = _password_field()
        self.again_edit = _password_field()
        self.error = error_label()
        form = QFormLayout()
        form.addRow("Tên đăng &nhập:", self.name_edit)
        form.addRow("&Họ và tên:", self.full_name_edit)
        form.addRow("&Vai trò:", self.role_box)
        form.addRow("Đơn &vị (chuyên viên):", self.unit_box)
        form.addRow("&Mật khẩu:", self.password_edit)
        form.addRow("Nhập &lại mật khẩu:", self.again_edit)
        self.save_button = _lay_out(self, None, form, self.error, "&Thêm", self.save)
        _follow_role(self.role_box, self.unit_box)

    def save(self) -> bool:
        """Add the account through the core; stay open with its refusal in red."""
        if not _same(self.password_edit, self.again_edit, self.error):
            return False
        role = str(self.role_box.currentData())
        try:
            self.added = users.add_user(
                self.ctx.session, self.name_edit.text(), role, self.password_edit.text(),
                unit=str(self.unit_box.currentData()) if role == OFFICER else None,
                full_name=self.full_name_edit.text(),
            )  # fmt: skip
        except KienNghiError as exc:
            set_error(self.error, str(exc))
            return False
        self.accept()
        return True


class PasswordDialog(QDialog):
    """Đặt lại mật khẩu of one account: the new password twice."""

    def __init__(self, ctx: UiContext, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.name = ctx, name
        self.setWindowTitle(f"Đặt lại mật khẩu cho «{name}»")
        self.password_edit = _password_field()
        self.again_edit = _password_field()
        self.error = error_label()
        form = QFormLayout()
        form.addRow("Mật khẩu &mới:", self.password_edit)
        form.addRow("Nhập &lại:", self.again_edit)
        intro = (f"Mật khẩu mới cho «{name}» (ít nhất {users.MIN_PASSWORD_LENGTH} ký tự);"
                 " việc này cũng mở khóa tài khoản.")  # fmt: skip
        self.save_button = _lay_out(self, intro, form, self.error, "Đặt &lại", self.save)

    def save(self) -> bool:
        """Set the password through the core; stay open with its refusal in red."""
        if not _same(self.password_edit, self.again_edit, self.error):
            return False
        try:
            users.change_password(self.ctx.session, self.name, self.password_edit.text())
        except KienNghiError as exc:
            set_error(self.error, str(exc))
            return False
        self.accept()
        return True


class RoleDialog(QDialog):
    """Đổi vai trò of one account: the new role and, for a chuyên viên, the unit."""

    def __init__(self, ctx: UiContext, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.user = ctx, user
        self.changed: User | None = None
        self.setWindowTitle(f"Đổi vai trò của «{user.name}»")
        self.role_box = _role_box(user.role)
        self.unit_box = _unit_box(ctx)
        if user.unit_code is not None:
            self.unit_box.setCurrentIndex(self.unit_box.findData(user.unit_code))
        self.error = error_label()
        form = QFormLayout()
        form.addRow("&Vai trò:", self.role_box)
        form.addRow("Đơn &vị (chuyên viên):", self.unit_box)
        now = f"{user.role_label}{', ' + user.unit_name if user.unit_name else ''}"
        intro = f"Vai trò hiện nay của «{user.name}»: {now}."
        self.save_button = _lay_out(self, intro, form, self.error, "Đổ&i", self.save)
        _follow_role(self.role_box, self.unit_box)

    def choose(self, role: str, unit: str | None = None) -> None:
        """Pick a role (and unit) as a click would (tests, and the keyboard)."""
        self.role_box.setCurrentIndex(self.role_box.findData(role))
        if unit is not None:
            self.unit_box.setCurrentIndex(self.unit_box.findData(unit))

    def save(self) -> bool:
        """Change the role through the core; stay open with its refusal in red."""
        role = str(self.role_box.currentData())
        unit = str(self.unit_box.currentData()) if role == OFFICER else None
        try:
            self.changed = users.change_role(self.ctx.session, self.user.name, role, unit=unit)
        except KienNghiError as exc:
            set_error(self.error, str(exc))
            return False
        self.accept()
        return True


class UsersDialog(QDialog):
    """The accounts with Thêm, Vô hiệu hóa / Cho hoạt động lại, Đặt lại mật khẩu, Đổi vai trò."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.users: list[User] = []
        self.setWindowTitle(TITLE)
        self.resize(760, 420)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton("&Thêm người dùng…")
        self.toggle_button = QPushButton("&Vô hiệu hóa")
        self.password_button = QPushButton("Đặt lại &mật khẩu…")
        self.role_button = QPushButton("Đổi vai t&rò…")
        close = QPushButton("Đó&ng")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.add_button.clicked.connect(self.add)
        self.toggle_button.clicked.connect(self.toggle)
        self.password_button.clicked.connect(self.reset_password)
        self.role_button.clicked.connect(self.change_role)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.toggle_button, self.password_button, self.role_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.reload()

    def reload(self, select: str | None = None) -> None:
        """Read the accounts again (admin only: the core refuses anyone else)."""
        try:
            self.users = users.list_users(self.ctx.session)
        except KienNghiError as exc:
            self.users = []
            self._say(str(exc), error=True)
        self.table.setRowCount(len(self.users))
        for row, u in enumerate(self.users):
            unit = u.unit_name or ""
            for col, text in enumerate((u.name, u.full_name, u.role_label, unit, state_text(u))):
                item = QTableWidgetItem(text)
                if u.disabled_at is not None:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, col, item)
        names = [u.name for u in self.users]
        if select in names:
            self.table.selectRow(names.index(select))
        self._update_buttons()

    def selected(self) -> User | None:
        """The account of the selected row."""
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows else None

    def select(self, name: str) -> None:
        """Select an account by login name (tests, and after a change)."""
        self.reload(select=name)

    def _update_buttons(self) -> None:
        user = self.selected()
        self.toggle_button.setEnabled(user is not None)
        self.password_button.setEnabled(user is not None)
        self.role_button.setEnabled(user is not None)
        disabled = user is not None and user.disabled_at is not None
        self.toggle_button.setText("Cho hoạt động &lại" if disabled else "&Vô hiệu hóa")

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.setText(text)

    def add(self) -> User | None:
        """Thêm người dùng… (its own dialog); the account added, or None."""
        dialog = AddUserDialog(self.ctx, self)
        if not self.run_dialog(dialog) or dialog.added is None:
            return None
        added = dialog.added
        self.reload(select=added.name)
        self._say(f"Đã thêm người dùng {added.describe()}.")
        return added

    def toggle(self) -> bool:
        """Vô hiệu hóa the selected account, or let it work again; True when changed."""
        user = self.selected()
        if user is None:
            return False
        disable = user.disabled_at is None
        question = (
            f"Vô hiệu hóa tài khoản «{user.name}»? Người này sẽ không đăng nhập được nữa"
            " (có thể cho hoạt động lại sau)."
            if disable
            else f"Cho tài khoản «{user.name}» hoạt động lại?"
        )
        if not ask.confirm(self, TITLE, question):
            return False
        try:
            if disable:
                users.disable_user(self.ctx.session, user.name)
            else:
                users.enable_user(self.ctx.session, user.name)
        except KienNghiError as exc:
            self._say(str(exc), error=True)
            return False
        self.reload(select=user.name)
        self._say(
            f"Đã vô hiệu hóa tài khoản «{user.name}»." if disable
            else f"Tài khoản «{user.name}» đã hoạt động lại."
        )  # fmt: skip
        return True

    def reset_password(self) -> bool:
        """Đặt lại mật khẩu of the selected account (its own dialog); True when set."""
        user = self.selected()
        if user is None:
            return False
        if not self.run_dialog(PasswordDialog(self.ctx, user.name, self)):
            return False
        self._say(f"Đã đặt lại mật khẩu cho «{user.name}».")
        return True

    def change_role(self) -> User | None:
        """Đổi vai trò… of the selected account (its own dialog); the account changed, or None."""
        user = self.selected()
        if user is None:
            return None
        dialog = RoleDialog(self.ctx, user, self)
        if not self.run_dialog(dialog) or dialog.changed is None:
            return None
        changed = dialog.changed
        self.reload(select=changed.name)
        self._say(f"Đã đổi vai trò: {changed.describe()}.")
        return changed

    def run_dialog(self, dialog: QDialog) -> bool:
        """Show a sub-dialog modally; True when it was accepted. Tests replace this."""
        return dialog.exec() == QDialog.DialogCode.Accepted


def open_users(ctx: UiContext, parent: QWidget | None) -> None:
    """Tệp → Quản lý người dùng…"""
    UsersDialog(ctx, parent).exec()
