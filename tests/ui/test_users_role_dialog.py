"""Quản lý người dùng → Đổi vai trò…: the admin changes a role (and an officer's unit) through
the core, which records it; the core's refusals (the last admin, an officer without a unit)
stay in the dialog in red and change nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from db.store import Store
from desktop.core import audit, users
from desktop.core.session import Session
from desktop.ui.bus import DataBus
from desktop.ui.context import UiContext
from desktop.ui.dialogs.users import RoleDialog, UsersDialog
from desktop.ui.qt import QApplication, QDialog
from desktop.ui.worker import QueryRunner
from tests import accounts
from tests.conftest import Clock

accounts_template = accounts.accounts_template  # the five accounts of tests/accounts.py
accounts_db = accounts.accounts_db


@pytest.fixture
def dialog(qtbot: QtBot, store: Store, clock: Clock) -> Iterator[UsersDialog]:
    session = Session(store, user=users.find_user(store, "qt"), today=clock)
    ctx = UiContext(session, QueryRunner(store.target), DataBus())
    d = UsersDialog(ctx)
    qtbot.addWidget(d)
    yield d
    ctx.runner.wait()
    QApplication.processEvents()


def _role_events(store: Store) -> list[audit.AuditEvent]:
    return [
        e
        for e in audit.events(Session(store, user=users.find_user(store, "qt")), group="users")
        if e.action == users.USER_ROLE
    ]


def test_an_admin_makes_a_clerk_an_officer_of_a_unit(
    qtbot: QtBot, dialog: UsersDialog, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not dialog.role_button.isEnabled()  # nothing selected yet
    dialog.select("vanthu")
    assert dialog.role_button.isEnabled()
    tries: list[bool] = []

    def fill(sub: QDialog) -> bool:
        assert isinstance(sub, RoleDialog)
        assert sub.role_box.currentData() == "clerk" and not sub.unit_box.isEnabled()
        sub.choose("officer")
        assert sub.unit_box.isEnabled()
        sub.choose("officer", "BC")
        tries.append(sub.save())
        return sub.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialog, "run_dialog", fill)
    dialog.role_button.click()
    assert tries == [True]
    row = [u.name for u in dialog.users].index("vanthu")
    assert dialog.table.item(row, 2).text() == "chuyên viên"
    assert dialog.table.item(row, 3).text() == "Vụ Bưu chính"
    assert "Đã đổi vai trò: «vanthu» (chuyên viên, Vụ Bưu chính)" in (dialog.message.text())
    (event,) = _role_events(store)
    assert event.actor == "qt" and event.detail == {
        "user": "vanthu", "old_role": "clerk", "old_unit": None, "role": "officer", "unit": "BC",
    }  # fmt: skip


def test_the_last_admin_is_refused_in_the_dialog(
    qtbot: QtBot, dialog: UsersDialog, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog.select("qt")
    seen: list[str] = []

    def fill(sub: QDialog) -> bool:
        assert isinstance(sub, RoleDialog)
        sub.choose("leader")
        assert not sub.save()
        seen.append(sub.error.text())
        sub.reject()
        return False

    monkeypatch.setattr(dialog, "run_dialog", fill)
    assert dialog.change_role() is None
    (message,) = seen
    assert message.startswith("«qt» là quản trị viên cuối cùng còn hoạt động")
    assert users.find_user(store, "qt").role == "admin"  # type: ignore[union-attr]
    assert _role_events(store) == []
