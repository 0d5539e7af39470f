"""Tệp → In sổ đăng ký, sổ theo dõi…: the register for the dates, saved as Excel or PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.ui import actions
from desktop.ui.context import UiContext
from desktop.ui.dialogs.legal_registers import LegalRegisterDialog
from desktop.ui.qt import QDialog, Qt
from tests.ui.conftest import type_text


@pytest.fixture
def dialog(qtbot: QtBot, ctx: UiContext) -> LegalRegisterDialog:
    register_document(
        ctx.session,
        DocumentInput(
            received_on=dt.date(2026, 11, 2), sender="Văn phòng Chính phủ", sender_ref="5606/VPCP"
        ),
        [PetitionInput("Thái Bình", "Hoàn thiện trục tích hợp quốc gia")],
    )
    d = LegalRegisterDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    return d


def test_the_incoming_register_is_saved_as_excel(
    qtbot: QtBot,
    dialog: LegalRegisterDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    _no_modal_dialogs: list[tuple[str, str]],
) -> None:
    dest = tmp_path / "so-den"
    monkeypatch.setattr(actions, "ask_save_path", lambda *_a, **_k: dest)
    assert dialog.from_edit.line.text() == "01/01/2026"
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("xlsx"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    saved = dest.with_suffix(".xlsx")
    cells = [str(c.value) for row in load_workbook(saved).active.iter_rows() for c in row]
    assert any("5606/VPCP" in c for c in cells)
    assert _no_modal_dialogs[-1][0] == "inform" and "1 dòng" in _no_modal_dialogs[-1][1]


def test_dates_the_wrong_way_round_are_refused_in_place(
    qtbot: QtBot, dialog: LegalRegisterDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(actions, "ask_save_path", lambda *_a, **_k: pytest.fail("no file dialog"))
    dialog.from_edit.line.clear()
    type_text(dialog.from_edit.line, "31/12/2026")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "Từ ngày phải trước" in dialog.error.text()


def test_the_file_menu_offers_it(qtbot: QtBot, ctx: UiContext) -> None:
    from desktop.ui.dialogs.legal_registers import MENU_TEXT
    from desktop.ui.main_window import MainWindow

    w = MainWindow(ctx)
    qtbot.addWidget(w)
    assert w.actions_by_text[MENU_TEXT].isEnabled()  # the clerk may print registers
