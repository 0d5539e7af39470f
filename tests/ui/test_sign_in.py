"""Đăng nhập: the dialog at start-up on the office server and on a file with users, over the
core's real sign-in (argon2, the lock-out) and a real PostgreSQL server for the server's case."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from db import open_store
from db.store import Store
from desktop.core import users
from desktop.core.reference import load_reference_data
from desktop.core.session import Session, sign_in
from desktop.ui import app, excepthook
from desktop.ui.dialogs.sign_in import SignInDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.qt import QApplication, QDialog, Qt
from tests import accounts
from tests.accounts import password
from tests.cli.conftest import ROOT
from tests.pgcluster import Cluster

accounts_template = accounts.accounts_template
accounts_db = accounts.accounts_db
WRONG = "sai-mat-khau"


@pytest.fixture(scope="module")
def server_template(pg_cluster: Cluster) -> str:
    """A server database with reference data and the test accounts (whatever the engine run)."""
    name = pg_cluster.create_database()
    store = open_store(pg_cluster.url(name))
    load_reference_data(store)
    store.close()
    accounts._make_accounts(pg_cluster.url(name))
    return name


@pytest.fixture
def server_url(pg_cluster: Cluster, server_template: str) -> Iterator[str]:
    """A fresh copy of that database on the test server: its URI."""
    name = pg_cluster.create_database(template=server_template)
    yield pg_cluster.url(name)
    pg_cluster.drop_database(name)


def dialog(qtbot: QtBot, store: Store, **kwargs: Any) -> SignInDialog:
    d = SignInDialog(store, **kwargs)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    return d


def type_in(qtbot: QtBot, d: SignInDialog, name: str, secret: str) -> None:
    d.name_edit.clear()
    qtbot.keyClicks(d.name_edit, name)  # login names are ASCII (keyClicks aborts on others)
    d.password_edit.clear()
    qtbot.keyClicks(d.password_edit, secret)


def test_enter_signs_in(qtbot: QtBot, store: Store) -> None:
    d = dialog(qtbot, store)
    assert d.password_edit.echoMode() == d.password_edit.EchoMode.Password
    where = "Máy chủ" if store.dialect == "postgresql" else "Tệp"
    assert d.database.text() == f"{where} {store.location}"
    type_in(qtbot, d, "vanthu", password("vanthu"))
    qtbot.keyClick(d.password_edit, Qt.Key.Key_Return)
    assert d.result() == QDialog.DialogCode.Accepted
    assert d.session is not None and d.session.user is not None
    assert (d.session.user.name, d.session.user.role) == ("vanthu", "clerk")


def test_wrong_password_says_why_keeps_the_name_and_asks_again(qtbot: QtBot, store: Store) -> None:
    d = dialog(qtbot, store)
    type_in(qtbot, d, "vanthu", WRONG)
    qtbot.keyClick(d.password_edit, Qt.Key.Key_Return)
    assert d.isVisible() and d.session is None
    assert d.error.isVisible()
    assert d.error.text().startswith("Sai tên đăng nhập hoặc mật khẩu.")
    assert "b00020" in d.error.styleSheet()  # red
    assert d.name_edit.text() == "vanthu"
    assert d.password_edit.text() == ""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is d.password_edit)
    row = users.find_user(store, "vanthu")
    assert row is not None
    assert store.scalar("SELECT failed_attempts FROM users WHERE name = 'vanthu'") == 1
    # The second try, with the right password, goes through.
    qtbot.keyClicks(d.password_edit, password("vanthu"))
    qtbot.keyClick(d.password_edit, Qt.Key.Key_Return)
    assert d.session is not None and d.result() == QDialog.DialogCode.Accepted


def test_empty_fields_are_asked_for_without_asking_the_core(qtbot: QtBot, store: Store) -> None:
    d = dialog(qtbot, store)
    assert not d.try_sign_in()
    assert d.error.text() == "Hãy nhập tên đăng nhập."
    qtbot.keyClicks(d.name_edit, "vanthu")
    assert not d.try_sign_in()
    assert d.error.text() == "Hãy nhập mật khẩu."
    assert store.scalar("SELECT failed_attempts FROM users WHERE name = 'vanthu'") == 0


def test_a_locked_account_says_until_when(qtbot: QtBot, store: Store) -> None:
    moment = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC).astimezone()
    d = dialog(qtbot, store, name="lanhdao", now=lambda: moment)
    assert d.name_edit.text() == "lanhdao"
    for _ in range(users.MAX_FAILED_SIGN_INS):
        qtbot.keyClicks(d.password_edit, WRONG)
        d.try_sign_in()
    until = moment + dt.timedelta(minutes=users.LOCK_MINUTES)
    expected = f"Tài khoản «lanhdao» bị khóa đến {until:%d/%m/%Y %H:%M}"
    assert d.error.text().startswith(expected)
    qtbot.keyClicks(d.password_edit, password("lanhdao"))  # even the right one waits
    assert not d.try_sign_in()
    assert d.error.text().startswith(expected) and d.session is None and d.isVisible()


def test_thoat_closes_without_signing_in(qtbot: QtBot, store: Store) -> None:
    d = dialog(qtbot, store)
    type_in(qtbot, d, "vanthu", password("vanthu"))
    qtbot.mouseClick(d.quit_button, Qt.MouseButton.LeftButton)
    assert d.result() == QDialog.DialogCode.Rejected and d.session is None


def test_thoat_ends_the_app_quietly(
    accounts_db: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # run() installs the app's failure hooks: put the test runner's back afterwards.
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(excepthook, "_reporter", excepthook._reporter)
    asked: list[str] = []
    monkeypatch.setattr(app, "ask_sign_in", lambda store, name="": asked.append(name) or None)
    assert app.run(accounts_db, user="vanthu") == 0
    assert asked == ["vanthu"]  # --user fills the name in
    out = capsys.readouterr()
    assert "Traceback" not in out.err + out.out


@pytest.mark.sqlite_file  # a server always asks (test_on_the_server_…)
def test_a_file_without_users_opens_as_before(db_path: Any) -> None:
    def never(store: Store) -> Session | None:
        raise AssertionError("no sign-in on a file without users")

    ctx = app.make_context(db_path, sign_in=never)
    try:
        assert ctx.session.user is None and not ctx.session.system
    finally:
        ctx.runner.wait()
        ctx.session.close()


def test_a_file_with_users_signs_in(accounts_db: Any) -> None:
    ctx = app.make_context(accounts_db, sign_in=lambda s: sign_in(s, "cv_vt", password("cv_vt")))
    try:
        assert ctx.session.user is not None and ctx.session.user.name == "cv_vt"
        assert ctx.runner.path == ctx.session.store.target
    finally:
        ctx.runner.wait()
        ctx.session.close()


def test_thoat_in_make_context_closes_the_store(accounts_db: Any) -> None:
    opened: list[Store] = []

    def cancel(store: Store) -> Session | None:
        opened.append(store)
        return None

    with pytest.raises(app.SignInCancelled):
        app.make_context(accounts_db, sign_in=cancel)
    assert len(opened) == 1
    with pytest.raises(Exception):  # noqa: B017 - closed: any use fails
        opened[0].one("SELECT 1")


def test_on_the_server_the_window_says_who_and_which_server(qtbot: QtBot, server_url: str) -> None:
    asked: list[str] = []

    def signed(store: Store) -> Session | None:
        asked.append(store.location)
        return sign_in(store, "vanthu", password("vanthu"))

    ctx = app.make_context(server_url, sign_in=signed)
    try:
        assert asked and asked[0].startswith("postgresql://")
        w = MainWindow(ctx)
        qtbot.addWidget(w)
        w.show()
        assert w.user_label.text() == "vanthu — văn thư"
        line = w.database_label.text()
        assert line == f"Máy chủ {ctx.session.store.location}"
        assert line.startswith("Máy chủ postgresql://postgres@") and "kn_" in line
        qtbot.waitUntil(lambda: "kiến nghị" in w.petitions.status.text())
    finally:
        ctx.runner.wait()
        QApplication.processEvents()  # the last answers, while the window is still there
        ctx.session.close()


def test_the_dialog_names_the_server(qtbot: QtBot, server_url: str) -> None:
    s = open_store(server_url)
    try:
        d = dialog(qtbot, s)
        assert d.database.text() == f"Máy chủ {s.location}"
        type_in(qtbot, d, "qt", password("qt"))
        qtbot.keyClick(d.name_edit, Qt.Key.Key_Return)  # Enter in the name field too
        assert d.session is not None and d.session.user is not None
        assert d.session.user.role == "admin"
    finally:
        s.close()


def _desktop(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8", **env}
    if "KIENNGHI_PASSWORD" not in env:
        full.pop("KIENNGHI_PASSWORD", None)
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], capture_output=True, text=True, env=full,
        cwd=ROOT, timeout=120, check=False, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def test_the_real_desktop_signs_in_to_the_server(server_url: str, tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    done = _desktop("--db", server_url, "--user", "vanthu", "--smoke-test",
                    KIENNGHI_PASSWORD=password("vanthu"), **env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    refused = _desktop("--db", server_url, "--smoke-test", **env)
    assert refused.returncode == 1
    assert "cần đăng nhập" in refused.stderr and "Traceback" not in refused.stderr
