"""Xuất sổ: the "Xuất đầy đủ…" box follows the core's right, and the export follows the box."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from desktop.core import audit, users
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from desktop.ui import actions
from desktop.ui.bus import DataBus
from desktop.ui.context import UiContext
from desktop.ui.dialogs import export_options
from desktop.ui.dialogs.export_options import UNMASK_LABEL, ExportOptionsDialog
from desktop.ui.worker import QueryRunner

PHONE = "0912 345 678"
PASSWORD = "Mat-khau-dai-2026"


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    from desktop.ui import ask

    said: list[tuple[str, str]] = []
    monkeypatch.setattr(ask, "inform", lambda parent, title, text: said.append(("inform", text)))
    monkeypatch.setattr(ask, "error", lambda parent, title, text: said.append(("error", text)))
    return said


def _seed(session: Session) -> None:
    text = f"Ông An, ĐT {PHONE}, đề nghị lắp trạm BTS."
    register_document(
        session,
        DocumentInput(received_on=session.today(), sender="UBND xã Hòa Bình"),
        [PetitionInput("Thái Bình", text, summary=text)],
    )


def _signed_in(session: Session, role: str) -> Session:
    admin = users.create_first_admin(session.store, "quantri", PASSWORD)
    if role == "admin":
        return Session(session.store, user=admin, today=session.today)
    as_admin = Session(session.store, user=admin, today=session.today)
    user = users.add_user(as_admin, f"nguoi_{role}", role, PASSWORD)
    return Session(session.store, user=user, today=session.today)


def _cells(path: Path) -> str:
    sheet = load_workbook(path).active
    assert sheet is not None
    return " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)


def test_local_user_may_tick_the_box(qtbot: QtBot, session: Session) -> None:
    dialog = ExportOptionsDialog(session, "Xuất sổ theo dõi kiến nghị")
    qtbot.addWidget(dialog)
    box = dialog.unmasked
    assert box.text() == UNMASK_LABEL and box.isEnabled() and not box.isChecked()
    assert dialog.choice() is False
    box.click()
    assert dialog.choice() is True


@pytest.mark.parametrize("role", ["admin", "leader"])
def test_admin_and_leader_may_tick_it(qtbot: QtBot, session: Session, role: str) -> None:
    dialog = ExportOptionsDialog(_signed_in(session, role), "Xuất sổ")
    qtbot.addWidget(dialog)
    assert dialog.unmasked.isEnabled()


def test_a_clerk_sees_it_disabled_with_the_reason(qtbot: QtBot, session: Session) -> None:
    dialog = ExportOptionsDialog(_signed_in(session, "clerk"), "Xuất sổ")
    qtbot.addWidget(dialog)
    box = dialog.unmasked
    assert not box.isEnabled()
    assert "«nguoi_clerk» (văn thư)" in box.toolTip()
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
    qtbot: QtBot, ctx: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str]],
) -> None:  # fmt: skip
    _seed(ctx.session)
    dest = tmp_path / "so.xlsx"
    _run_export(qtbot, ctx, dest, monkeypatch, messages)
    assert messages == [("inform", f"Đã xuất 1 kiến nghị ra «{dest}».")]
    assert PHONE not in _cells(dest) and "0912 *** 678" in _cells(dest)
    (event,) = audit.exports(ctx.session)
    assert event.detail["masked"] is True and event.detail["file"] == "so.xlsx"


def test_ticked_export_is_whole_and_recorded(
    qtbot: QtBot, ctx: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str]],
) -> None:  # fmt: skip
    _seed(ctx.session)
    monkeypatch.setattr(export_options, "ask", lambda parent, session, title: True)
    dest = tmp_path / "day-du.xlsx"
    _run_export(qtbot, ctx, dest, monkeypatch, messages)
    ((kind, text),) = messages
    assert kind == "inform" and "không che số điện thoại, số CCCD" in text
    assert PHONE in _cells(dest)
    (event,) = audit.exports(ctx.session)
    assert event.detail["masked"] is False


def test_core_refuses_a_clerk_whatever_the_screen_says(
    qtbot: QtBot, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str]],
) -> None:  # fmt: skip
    _seed(session)
    clerk = _signed_in(session, "clerk")
    ctx = UiContext(clerk, QueryRunner(session.store.target), DataBus())
    monkeypatch.setattr(export_options, "ask", lambda parent, session, title: True)
    dest = tmp_path / "so.xlsx"
    _run_export(qtbot, ctx, dest, monkeypatch, messages)
    ctx.runner.wait()
    ((kind, text),) = messages
    assert kind == "error" and "quản trị hoặc lãnh đạo" in text
    assert not dest.exists() and audit.exports(clerk) == []


def test_cancelled_options_start_nothing(ctx: UiContext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_options, "ask", lambda parent, session, title: None)
    monkeypatch.setattr(actions, "ask_save_path", lambda *_a, **_k: pytest.fail("no file dialog"))
    assert actions.export_register(ctx, None) is None
