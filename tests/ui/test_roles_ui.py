"""What a role may not do is disabled, with the core's refusal as the reason; the status bar
names the user; an admin manages the accounts in Quản lý người dùng."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from db import open_store
from db.store import Store
from desktop.core import users
from desktop.core.permissions import PermissionDenied
from desktop.core.session import Session, sign_in
from desktop.ui.bus import DataBus
from desktop.ui.context import UiContext
from desktop.ui.dialogs.users import AddUserDialog, PasswordDialog, UsersDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.qt import QApplication, QDialog
from desktop.ui.worker import QueryRunner
from tests import accounts
from tests.accounts import password
from tests.conftest import Clock

accounts_template = accounts.accounts_template
accounts_db = accounts.accounts_db


@pytest.fixture
def store(accounts_db: Any) -> Iterator[Store]:
    s = open_store(accounts_db)
    yield s
    _answers_in()  # before the store closes: a screen's late answer may read it (its rights)
    s.close()


_runners: list[QueryRunner] = []


def _answers_in() -> None:
    while _runners:
        _runners.pop().wait()
    QApplication.processEvents()


@pytest.fixture(autouse=True)
def _answers_in_before_closing(qtbot: QtBot) -> Iterator[None]:
    """The windows' last query answers are taken in before qtbot closes them."""
    yield
    _answers_in()


def context(store: Store, name: str | None, clock: Clock) -> UiContext:
    user = None if name is None else users.find_user(store, name)
    ctx = UiContext(Session(store, user=user, today=clock), QueryRunner(store.target), DataBus())
    _runners.append(ctx.runner)
    return ctx


def window(qtbot: QtBot, ctx: UiContext) -> MainWindow:
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    return w


def refusal(call: Any) -> str:
    """The message the core refuses with."""
    with pytest.raises(PermissionDenied) as caught:
        call()
    return str(caught.value)


def test_a_clerk_sees_user_management_disabled_with_the_cores_reason(
    qtbot: QtBot, store: Store, clock: Clock
) -> None:
    ctx = context(store, "vanthu", clock)
    w = window(qtbot, ctx)
    manage = w.actions_by_text["Quản lý người dùng…"]
    assert not manage.isEnabled()
    why = refusal(lambda: users.list_users(ctx.session))
    assert manage.toolTip() == why
    assert "cần vai trò quản trị" in why
    assert w._menus["&Tệp"].toolTipsVisible()
    assert w.user_label.text() == "vanthu — văn thư"
    where = "Máy chủ" if store.dialect == "postgresql" else "Tệp"
    assert w.database_label.text() == f"{where} {store.location}"
    # A clerk's own work stays open; an admin's is closed.
    for text in ("Vào sổ văn bản đến…", "Nhập từ tệp…", "Giao xử lý…", "Ghi trả lời…", "Sửa…"):
        assert w.actions_by_text[text].isEnabled(), text
    for text in ("Sao lưu…", "Tạo dữ liệu mẫu…"):
        assert not w.actions_by_text[text].isEnabled(), text
        assert "cần vai trò quản trị" in w.actions_by_text[text].toolTip()
    assert w.outgoing.record_button.isEnabled()
    assert not w.settings.save_button.isEnabled()
    assert "cần vai trò quản trị" in w.settings.save_button.parentWidget().toolTip()
    assert not w.catalogs.units.save_button.isEnabled()


def test_a_leader_cannot_register_but_may_reply(qtbot: QtBot, store: Store, clock: Clock) -> None:
    w = window(qtbot, context(store, "lanhdao", clock))
    register = w.actions_by_text["Vào sổ văn bản đến…"]
    assert not register.isEnabled()
    assert "cần vai trò văn thư" in register.toolTip()
    assert register.statusTip() == register.toolTip()
    assert not w.outgoing.record_button.isEnabled()
    assert "cần vai trò văn thư" in w.outgoing.record_button.toolTip()
    assert w.actions_by_text["Ghi trả lời…"].isEnabled()
    assert w.user_label.text() == "lanhdao — lãnh đạo"


def test_a_leaders_context_menu_leaves_corrections_to_the_clerk(
    qtbot: QtBot, store: Store, clock: Clock
) -> None:
    from desktop.ui import correction_actions
    from desktop.ui.qt import QPoint

    w = window(qtbot, context(store, "lanhdao", clock))
    menu = correction_actions.petition_menu(w.ctx, w.petitions.table, [1], QPoint(0, 0))
    entries = [a for a in menu.actions() if not a.isSeparator()]
    assert len(entries) == 3 and not any(a.isEnabled() for a in entries)
    assert all("cần vai trò văn thư" in a.toolTip() for a in entries)
    menu.close()


def test_an_officer_is_named_with_their_unit(qtbot: QtBot, store: Store, clock: Clock) -> None:
    w = window(qtbot, context(store, "cv_vt", clock))
    assert w.user_label.text() == "cv_vt — chuyên viên, Cục Viễn thông"
    assert not w.actions_by_text["Giao xử lý…"].isEnabled()
    assert w.actions_by_text["Soạn công văn trả lời…"].isEnabled()  # for their own petitions


@pytest.mark.sqlite_file  # on a server nobody works without signing in
def test_the_local_user_of_a_file_without_users_keeps_everything(
    qtbot: QtBot, ctx: UiContext
) -> None:
    _runners.append(ctx.runner)
    w = window(qtbot, ctx)
    assert w.user_label.text() == "Người dùng máy này"
    assert all(a.isEnabled() for a in w.actions_by_text.values())
    assert w.settings.save_button.isEnabled() and w.catalogs.units.save_button.isEnabled()


def test_an_admin_opens_user_management(
    qtbot: QtBot, store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = window(qtbot, context(store, "qt", clock))
    manage = w.actions_by_text["Quản lý người dùng…"]
    assert manage.isEnabled()
    opened: list[UsersDialog] = []
    monkeypatch.setattr(UsersDialog, "exec", lambda self: opened.append(self) or 0)
    manage.trigger()
    assert len(opened) == 1 and opened[0].table.rowCount() == len(accounts.ACCOUNTS)
    assert not w.actions_by_text["Vào sổ văn bản đến…"].isEnabled()


@pytest.fixture
def admin_dialog(qtbot: QtBot, store: Store, clock: Clock) -> UsersDialog:
    d = UsersDialog(context(store, "qt", clock))
    qtbot.addWidget(d)
    return d


def _row(d: UsersDialog, name: str) -> list[str]:
    r = [u.name for u in d.users].index(name)
    return [d.table.item(r, c).text() for c in range(d.table.columnCount())]


def test_the_users_are_listed(admin_dialog: UsersDialog) -> None:
    d = admin_dialog
    assert sorted(u.name for u in d.users) == sorted(accounts.ACCOUNTS)
    assert _row(d, "cv_vt") == ["cv_vt", "", "chuyên viên", "Cục Viễn thông", "Đang hoạt động"]
    assert _row(d, "qt")[:3] == ["qt", "Quản Trị Viên", "quản trị"]
    assert not d.toggle_button.isEnabled()  # nothing selected yet


def test_an_admin_adds_an_officer_who_can_then_sign_in(
    qtbot: QtBot, admin_dialog: UsersDialog, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = admin_dialog
    tries: list[bool] = []

    def fill(add: QDialog) -> bool:
        assert isinstance(add, AddUserDialog)
        qtbot.keyClicks(add.name_edit, "cv_bc")
        add.full_name_edit.setText("Nguyễn Văn Bưu")
        assert not add.unit_box.isEnabled()  # a clerk (the default role) has no unit
        add.role_box.setCurrentIndex(add.role_box.findData("officer"))
        assert add.unit_box.isEnabled()
        add.unit_box.setCurrentIndex(add.unit_box.findData("BC"))
        add.password_edit.setText("matkhau-buu-chinh")
        add.again_edit.setText("matkhau-khac")
        tries.append(add.save())
        assert add.error.text() == "Hai lần nhập mật khẩu không khớp nhau."
        assert users.find_user(store, "cv_bc") is None
        add.again_edit.setText("matkhau-buu-chinh")
        tries.append(add.save())
        return add.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(d, "run_dialog", fill)
    added = d.add()
    assert tries == [False, True]
    assert added is not None and added.name == "cv_bc"
    assert d.message.text() == "Đã thêm người dùng «cv_bc» (chuyên viên, Vụ Bưu chính)."
    assert _row(d, "cv_bc") == ["cv_bc", "Nguyễn Văn Bưu", "chuyên viên", "Vụ Bưu chính",
                                "Đang hoạt động"]  # fmt: skip
    assert d.selected() is not None and d.selected().name == "cv_bc"  # type: ignore[union-attr]
    s = sign_in(store, "cv_bc", "matkhau-buu-chinh")
    assert s.user is not None and s.user.unit_code == "BC"


def test_the_cores_refusals_show_in_the_add_dialog(
    qtbot: QtBot, admin_dialog: UsersDialog, store: Store
) -> None:
    add = AddUserDialog(admin_dialog.ctx, admin_dialog)
    qtbot.addWidget(add)
    qtbot.keyClicks(add.name_edit, "vanthu")  # taken
    add.password_edit.setText("matkhau-moi-1")
    add.again_edit.setText("matkhau-moi-1")
    assert not add.save()
    assert add.error.text().startswith("Đã có người dùng «vanthu»")
    add.name_edit.setText("vanthu2")
    add.password_edit.setText("ngan")
    add.again_edit.setText("ngan")
    assert not add.save()
    assert add.error.text().startswith("Mật khẩu phải có ít nhất 8 ký tự")
    assert add.result() != QDialog.DialogCode.Accepted
    assert users.find_user(store, "vanthu2") is None


def test_disable_enable_and_reset_password(
    qtbot: QtBot, admin_dialog: UsersDialog, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = admin_dialog
    d.select("vanthu")
    assert d.toggle_button.isEnabled() and d.toggle_button.text() == "&Vô hiệu hóa"
    assert d.toggle()
    assert _row(d, "vanthu")[4].startswith("Vô hiệu hóa từ ")
    assert d.toggle_button.text() == "Cho hoạt động &lại"
    with pytest.raises(users.SignInFailed, match="đã bị vô hiệu hóa"):
        sign_in(store, "vanthu", password("vanthu"))
    assert d.toggle()
    assert _row(d, "vanthu")[4] == "Đang hoạt động"

    def fill(dialog: QDialog) -> bool:
        assert isinstance(dialog, PasswordDialog)
        dialog.password_edit.setText("matkhau-moi-vanthu")
        dialog.again_edit.setText("matkhau-moi-vanthu")
        return dialog.save()

    monkeypatch.setattr(d, "run_dialog", fill)
    assert d.reset_password()
    assert d.message.text() == "Đã đặt lại mật khẩu cho «vanthu»."
    assert sign_in(store, "vanthu", "matkhau-moi-vanthu").user is not None


def test_the_last_admin_cannot_be_disabled(admin_dialog: UsersDialog, store: Store) -> None:
    d = admin_dialog
    d.select("qt")
    assert not d.toggle()
    assert "quản trị viên cuối cùng" in d.message.text()
    assert _row(d, "qt")[4] == "Đang hoạt động"


def test_the_dialog_opened_by_a_clerk_lists_nothing(
    qtbot: QtBot, store: Store, clock: Clock
) -> None:
    d = UsersDialog(context(store, "vanthu", clock))
    qtbot.addWidget(d)
    assert d.table.rowCount() == 0
    assert "cần vai trò quản trị" in d.message.text()
