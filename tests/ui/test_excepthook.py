"""Failures nobody caught in the desktop: a dialog in Vietnamese, the traceback in the log, and
the app still running.

pytest-qt installs its own `sys.excepthook` around each test to fail it on an exception in a
slot; `qt_no_exception_capture` leaves the hook to the app's, the one under test here.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db.store import Store
from desktop import crashlog
from desktop.core.errors import DomainError
from desktop.ui import excepthook
from desktop.ui.context import UiContext
from desktop.ui.qt import QPushButton

pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def hook(monkeypatch: pytest.MonkeyPatch) -> excepthook._Reporter:
    """The app's hooks installed as `run()` does; the previous ones back after the test."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(excepthook, "_reporter", None)
    return excepthook.install()


def _button(qtbot: QtBot, slot: object) -> QPushButton:
    button = QPushButton("Thử")
    qtbot.addWidget(button)
    button.clicked.connect(slot)
    return button


def _log() -> str:
    path = crashlog.log_path()
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _ledger_update() -> None:
    totals: dict[str, int] = {}
    totals["quá hạn"] += 1  # a KeyError, the kind of bug a clerk must never see as a traceback


def test_unexpected_error_in_a_slot_shows_the_dialog_and_logs(
    qtbot: QtBot, hook: excepthook._Reporter, _no_modal_dialogs: list[tuple[str, str]]
) -> None:
    clicks: list[bool] = []
    button = _button(qtbot, _ledger_update)
    button.click()
    assert len(_no_modal_dialogs) == 1
    kind, text = _no_modal_dialogs[0]
    assert kind == "error"
    assert text.startswith("Đã xảy ra lỗi không mong đợi: KeyError: 'quá hạn'.")
    assert f"Chi tiết đã được ghi vào «{crashlog.log_path()}»" in text
    log = _log()
    assert "Traceback (most recent call last)" in log
    assert "_ledger_update" in log and "KeyError: 'quá hạn'" in log
    # The app keeps running: the same button still works.
    button.clicked.disconnect()
    button.clicked.connect(lambda: clicks.append(True))
    button.click()
    assert clicks == [True] and hook.failures == 1


def test_a_refusal_is_shown_as_is_and_not_logged(
    qtbot: QtBot, hook: excepthook._Reporter, _no_modal_dialogs: list[tuple[str, str]]
) -> None:
    def refuse() -> None:
        raise DomainError("Kiến nghị 7 đã được ghi trả lời; không ghi trả lời thêm được.")

    _button(qtbot, refuse).click()
    assert _no_modal_dialogs == [
        ("error", "Kiến nghị 7 đã được ghi trả lời; không ghi trả lời thêm được.")
    ]
    assert _log() == ""


def test_an_operating_system_error_names_the_file(
    qtbot: QtBot,
    hook: excepthook._Reporter,
    _no_modal_dialogs: list[tuple[str, str]],
    tmp_path: Path,
) -> None:
    missing = tmp_path / "không có" / "sổ.xlsx"
    _button(qtbot, lambda: missing.write_bytes(b"x")).click()
    [(kind, text)] = _no_modal_dialogs
    assert kind == "error" and f"«{missing}»" in text and "không tồn tại" in text
    assert "Traceback" not in text


def test_an_error_in_a_plain_thread_reaches_the_ui_thread(
    qtbot: QtBot, hook: excepthook._Reporter, _no_modal_dialogs: list[tuple[str, str]]
) -> None:
    worker = threading.Thread(target=_ledger_update)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(_no_modal_dialogs))
    assert "KeyError" in _no_modal_dialogs[0][1]
    assert "_ledger_update" in _log()


def test_a_query_without_on_error_is_not_silent(
    qtbot: QtBot,
    hook: excepthook._Reporter,
    ctx: UiContext,
    _no_modal_dialogs: list[tuple[str, str]],
) -> None:
    """9 of 16 callers of run_query gave no on_error: their failures used to vanish."""

    def broken(store: Store) -> None:
        store.all("SELECT * FROM no_such_table")

    ctx.runner.run_query(broken, lambda _: None)
    qtbot.waitUntil(lambda: bool(_no_modal_dialogs))
    assert "no_such_table" in _no_modal_dialogs[0][1]
    assert "no_such_table" in _log()


def test_a_query_with_on_error_gets_the_clerks_words(qtbot: QtBot, ctx: UiContext) -> None:
    errors: list[str] = []

    def refuse(store: Store) -> None:
        raise DomainError("Không có kiến nghị mã 12.")

    ctx.runner.run_query(refuse, lambda _: None, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert errors == ["Không có kiến nghị mã 12."]
