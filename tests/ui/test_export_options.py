"""Xuất sổ: the "Xuất đầy đủ…" box follows the core's right, and the export follows the box."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from db import open_store
from db.store import Store
from desktop.core import audit, users
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from desktop.ui import actions
from desktop.ui.bus import DataBus
from desktop.ui.context import UiContext
from desktop.ui.dialogs import export_options
from desktop.ui.dialogs.export_options import UNMASK_LABEL, ExportOptionsDialog
from desktop.ui.worker import QueryRunner
from tests import accounts

PHONE = "0912 345 678"

accounts_template = accounts.accounts_template  # the five accounts of tests/accounts.py
accounts_db = accounts.accounts_db


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    from desktop.ui import ask

    said: list[tuple[str, str]] = []
    monkeypatch.setattr(ask, "inform", lambda parent, title, text: said.append(("inform", text)))
    monkeypatch.setattr(ask, "error", lambda parent, title, text: said.append(("error", text)))
    return said


@pytest.fixture
def store(accounts_db: Any) -> Iterator[Store]:
    """The accounts database with one petition carrying a phone number."""
    s = open_store(accounts_db)
    _seed(_signed_in(s, "vanthu"))
    yield s
    s.close()


def _seed(session: Session) -> None:
    text = f"Ông An, ĐT {PHONE}, đề nghị lắp trạm BTS."
    register_document(
        session,
        DocumentInput(received_on=session.today(), sender="UBND xã Hòa Bình"),
        [PetitionInput("Thái Bình", text, summary=text)],
    )


def _signed_in(store: Store, name: str) -> Session:
    return Session(store, user=users.authenticate(store, name, accounts.password(name)))


def _ctx(store: Store, name: str) -> UiContext:
    return UiContext(_signed_in(store, name), QueryRunner(store.target), DataBus())


def _cells(path: Path) -> str:
    sheet = load_workbook(path).active
    assert sheet is not None
    return " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)


@pytest.mark.sqlite_file
def test_local_user_may_tick_the_box(qtbot: QtBot, session: Session) -> None:
    # A file without users: its single local user has every right, as before users existed.
    local = Session(session.store, actor="vanthu")
    dialog = ExportOptionsDialog(local, "Xuất sổ theo dõi kiến nghị")
    qtbot.addWidget(dialog)
    box = dialog.unmasked
    assert box.text() == UNMASK_LABEL and box.isEnabled() and not box.isChecked()
    assert dialog.choice() is False
    box.click()
    assert dialog.choice() is True


@pytest.mark.parametrize("name", ["qt", "lanhdao"])
def test_admin_and_leader_may_tick_it(qtbot: QtBot, store: Store, name: str) -> None:
    dialog = ExportOptionsDialog(_signed_in(store, name), "Xuất sổ")
    qtbot.addWidget(dialog)
    assert dialog.unmasked.isEnabled()


@pytest.mark.parametrize(("name", "role"), [("vanthu", "văn thư"), ("cv_vt", "chuyên viên")])
def test_others_see_it_disabled_with_the_reason(
    qtbot: QtBot, store: Store, name: str, role: str
) -> None:
    dialog = ExportOptionsDialog(_signed_in(store, name), "Xuất sổ")
    qtbot.addWidget(dialog)
    box = dialog.unmasked
    assert not box.isEnabled()
    assert f"«{name}» ({role}" in box.toolTip()
    assert "quản trị hoặc lãnh đạo" in box.toolTip()
    box.setChecked(True)  # even forced, a disabled box does not unmask
    assert dialog.choice() is False


def _run_export(
    qtbot: QtBot,
    ctx: UiContext,
    dest: Path,
    monkeypatch: pytest.MonkeyPatch,
    said: list[tuple[str, str]],
) -> None:
    monkeypatch.setattr(actions, "ask_save_path", lambda *_a, **_k: dest)
    work = actions.export_register(ctx, None)
    assert work is not None
    qtbot.waitUntil(lambda: said != [], timeout=10_000)


def test_export_is_masked_by_default(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str]],
) -> None:  # fmt: skip
    ctx = _ctx(store, "vanthu")
    dest = tmp_path / "so.xlsx"
    _run_export(qtbot, ctx, dest, monkeypatch, messages)
    ctx.runner.wait()
    assert messages == [("inform", f"Đã xuất 1 kiến nghị ra «{dest}».")]
    assert PHONE not in _cells(dest) and "0912 *** 678" in _cells(dest)
    (event,) = audit.exports(_signed_in(store, "lanhdao"))  # the log is for leaders, admins
    assert event.detail["masked"] is True and event.detail["file"] == "so.xlsx"
    assert event.actor == "vanthu"


def test_ticked_export_is_whole_and_recorded(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str]],
) -> None:  # fmt: skip
    ctx = _ctx(store, "lanhdao")
    monkeypatch.setattr(export_options, "ask", lambda parent, session, title, scope: True)
    dest = tmp_path / "day-du.xlsx"
    _run_export(qtbot, ctx, dest, monkeypatch, messages)
    ctx.runner.wait()
    ((kind, text),) = messages
    assert kind == "inform" and "không che số điện thoại, số CCCD" in text
    assert PHONE in _cells(dest)
    (event,) = audit.exports(ctx.session)
    assert event.detail["masked"] is False and event.actor == "lanhdao"


def test_core_refuses_a_clerk_whatever_the_screen_says(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str]],
) -> None:  # fmt: skip
    ctx = _ctx(store, "vanthu")
    monkeypatch.setattr(export_options, "ask", lambda parent, session, title, scope: True)
    dest = tmp_path / "so.xlsx"
    _run_export(qtbot, ctx, dest, monkeypatch, messages)
    ctx.runner.wait()
    ((kind, text),) = messages
    assert kind == "error" and "quản trị hoặc lãnh đạo" in text
    assert not dest.exists() and audit.exports(_signed_in(store, "lanhdao")) == []


def test_cancelled_options_start_nothing(ctx: UiContext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_options, "ask", lambda parent, session, title, scope: None)
    monkeypatch.setattr(actions, "ask_save_path", lambda *_a, **_k: pytest.fail("no file dialog"))
    assert actions.export_register(ctx, None) is None
