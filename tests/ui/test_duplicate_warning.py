"""Có thể trùng: typing a petition already registered for the same origin warns, never blocks."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from db import petitions as pet
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.ui.context import UiContext
from desktop.ui.dialogs.register_document import RegisterDocumentDialog
from desktop.ui.qt import QDialog, Qt, QWidget
from tests.ui.conftest import type_text

TEXT = "Đề nghị Bộ TTTT hướng dẫn định mức chi phí thuê dịch vụ công nghệ thông tin cho cấp tỉnh"
RETYPED = (
    "Đề nghị Bộ Thông tin và Truyền thông hướng dẫn định mức chi phí thuê dịch vụ công nghệ"
    " thông tin cho cấp tỉnh."
)


@pytest.fixture
def earlier(ctx: UiContext) -> int:
    """Hà Tĩnh asked this on 01/06/2026 (today is 23/11/2026)."""
    doc = DocumentInput(received_on=dt.date(2026, 6, 1), sender="Văn phòng Chính phủ")
    (pid,) = register_document(ctx.session, doc, [PetitionInput("Hà Tĩnh", TEXT)]).petition_ids
    return pid


@pytest.fixture
def dialog(qtbot: QtBot, ctx: UiContext, earlier: int) -> RegisterDocumentDialog:
    d = RegisterDocumentDialog(ctx)
    qtbot.addWidget(d, before_close_func=_discard)
    d.show()
    qtbot.waitExposed(d)
    qtbot.waitUntil(lambda: d.completions_ready)
    type_text(d.sender_edit, "Văn phòng Chính phủ")
    return d


def _discard(d: QWidget) -> None:
    assert isinstance(d, QDialog)
    d.done(QDialog.DialogCode.Rejected)


def _type_row(qtbot: QtBot, d: RegisterDocumentDialog, row: int, origin: str, text: str) -> int:
    """Type one petition row and wait for the check that follows the pause; rows warned about."""
    widgets = d.grid.rows[row]
    type_text(widgets.origin, origin)
    widgets.origin.completer().popup().hide()
    with qtbot.waitSignal(d.duplicates.checked, timeout=5000) as checked:
        type_text(widgets.content, text)
    return int(checked.args[0])


def test_near_identical_text_of_the_same_origin_is_flagged(
    qtbot: QtBot, dialog: RegisterDocumentDialog
) -> None:
    assert _type_row(qtbot, dialog, 0, "Hà Tĩnh", RETYPED) == 1
    warning = dialog.duplicates
    assert warning.label.isVisible()
    text = warning.text()
    assert text.startswith("Có thể trùng: kiến nghị của Hà Tĩnh ngày 01/06/2026 (giống ")
    assert "%) — Đề nghị Bộ TTTT hướng dẫn định mức" in text
    assert "background: #fff3bf" in warning.label.styleSheet()  # the yellow line
    assert not warning.panel.isVisible()
    warning.label.linkActivated.emit("list")  # "Xem"
    assert warning.panel.isVisible() and "Ẩn" in warning.label.text()
    (item,) = warning.panel.items
    assert item.similar.origin == "Hà Tĩnh" and not item.use_button.isVisible()


def test_other_text_or_other_origin_is_not_flagged(
    qtbot: QtBot, dialog: RegisterDocumentDialog
) -> None:
    other = "Đề nghị hỗ trợ kinh phí phủ sóng di động cho các thôn vùng lõm"
    assert _type_row(qtbot, dialog, 0, "Hà Tĩnh", other) == 0
    assert _type_row(qtbot, dialog, 1, "Quảng Bình", RETYPED) == 0
    assert not dialog.duplicates.label.isVisible() and dialog.duplicates.text() == ""


def test_the_warning_names_the_row_and_goes_when_the_text_changes(
    qtbot: QtBot, dialog: RegisterDocumentDialog
) -> None:
    _type_row(qtbot, dialog, 0, "Quảng Bình", "Đề nghị cấp tên miền .vn miễn phí cho trường học")
    assert _type_row(qtbot, dialog, 1, "Hà Tĩnh", RETYPED) == 1
    assert dialog.duplicates.text().startswith("Dòng 2: Có thể trùng: kiến nghị của Hà Tĩnh")
    content = dialog.grid.rows[1].content
    with qtbot.waitSignal(dialog.duplicates.checked, timeout=5000) as checked:
        content.clear()
        type_text(content, "Đề nghị hỗ trợ phủ sóng vùng lõm")
    assert checked.args == [0] and not dialog.duplicates.label.isVisible()


def test_saving_still_works_with_the_warning_shown(
    qtbot: QtBot, ctx: UiContext, dialog: RegisterDocumentDialog, earlier: int
) -> None:
    assert _type_row(qtbot, dialog, 0, "Hà Tĩnh", RETYPED) == 1
    with qtbot.waitSignal(dialog.registered) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    (pid,) = saved.args[0].petition_ids
    p = pet.get_petition(ctx.session.store, pid)
    assert p is not None and p.origin == "Hà Tĩnh" and p.content == RETYPED and pid != earlier
