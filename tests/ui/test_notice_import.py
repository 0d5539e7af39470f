"""Vào sổ thông báo: Ctrl+I tells a notice from a petition table; the preview is what is written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.tasks import tasks
from desktop.ui.context import UiContext
from desktop.ui.dialogs.import_file import ImportDialog
from desktop.ui.dialogs.notice_import import NoticeImportDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.models.notice_tasks_model import (
    COL_DUE,
    COL_DUE_TEXT,
    COL_PROBLEM,
    COL_SUPPORT,
    COL_UNIT,
    PROBLEM_BACKGROUND,
)
from desktop.ui.qt import QAbstractItemModelTester, QComboBox, QDialog, QStyleOptionViewItem, Qt
from tests.conftest import Clock
from tests.helpers import content_digest
from tests.ui.task_fixtures import RECEIVED, expected_tasks, seed_docx

D = dt.date


@pytest.fixture(autouse=True)
def _march_2020(clock: Clock) -> None:
    clock.today = RECEIVED  # seed 003 has no date: it is received today, 5 March 2020


def _dialog(qtbot: QtBot, ctx: UiContext, path: Path) -> NoticeImportDialog:
    d = NoticeImportDialog(ctx, path=path)
    qtbot.addWidget(d, before_close_func=lambda w: w.done(QDialog.DialogCode.Rejected))
    d.show()
    qtbot.waitUntil(lambda: not d.busy.isVisible(), timeout=10_000)
    return d


def _digest(ctx: UiContext) -> str:
    return content_digest(ctx.session.store.target)


def test_ctrl_i_on_a_notice_opens_the_notice_preview(
    qtbot: QtBot, ctx: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = seed_docx(tmp_path)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    monkeypatch.setattr(ImportDialog, "exec", lambda self: self.show() or 0)  # not blocking
    before = _digest(ctx)
    window.actions_by_text["Nhập từ tệp…"].trigger()
    petitions = window.findChild(ImportDialog)
    assert petitions is not None
    petitions.choose_file = lambda: path  # type: ignore[method-assign]
    qtbot.mouseClick(petitions.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(NoticeImportDialog) is not None, timeout=10_000)
    notice = window.findChild(NoticeImportDialog)
    assert not petitions.isVisible() and notice.isVisible() and notice.isModal()
    assert notice.model.rowCount() == len(expected_tasks())
    assert notice.title_label.text().startswith("Kết luận của Bộ trưởng Nguyễn Mạnh Hùng")
    assert notice.signer_label.text().endswith("Bùi Hoàng Phương")
    assert notice.number_label.text() == "(không ghi)"
    assert notice.received_on.date() == RECEIVED
    assert notice.received_hint.text() == "Thông báo không ghi ngày: mặc định là hôm nay."
    assert notice.import_button.text() == "Vào sổ 40 nhiệm vụ"
    assert _digest(ctx) == before  # reading writes nothing
    asked = petitions._asked
    ctx.changed()  # a write elsewhere: the petition dialog, handed over, reads nothing again
    assert petitions._asked == asked
    notice.done(QDialog.DialogCode.Rejected)


def test_a_petition_table_still_opens_the_petition_preview(
    qtbot: QtBot, ctx: UiContext, clock: Clock, tmp_path: Path
) -> None:
    from tests.core.importers.fixtures import write_vpcp_docx

    clock.today = D(2026, 11, 23)  # after the letter's own date

    d = ImportDialog(ctx)
    qtbot.addWidget(d, before_close_func=lambda w: w.done(QDialog.DialogCode.Rejected))
    d.show()
    d.set_path(write_vpcp_docx(tmp_path / "5606.docx"))
    qtbot.waitUntil(lambda: d.current is not None, timeout=10_000)
    assert d.isVisible() and d.model.rowCount() == 6


def test_the_edited_unit_and_due_date_are_what_is_registered(
    qtbot: QtBot, ctx: UiContext, tmp_path: Path, _no_modal_dialogs: list[tuple[str, str]]
) -> None:
    d = _dialog(qtbot, ctx, seed_docx(tmp_path))
    m = d.model
    # Through the cell's own editor: the unit picked from the catalogue's names.
    unit = m.index(0, COL_UNIT)
    delegate = d.table.itemDelegateForColumn(COL_UNIT)
    editor = delegate.createEditor(d.table.viewport(), QStyleOptionViewItem(), unit)
    assert isinstance(editor, QComboBox) and editor.findText("Cục Tin học hóa") >= 0
    delegate.setEditorData(editor, unit)
    assert editor.currentText() == "Vụ Bưu chính"
    editor.setCurrentIndex(editor.findText("Cục Tin học hóa"))
    delegate.setModelData(editor, m, unit)
    assert m.data(unit) == "Cục Tin học hóa"
    assert m.setData(m.index(0, COL_DUE), D(2020, 7, 15))
    assert m.data(m.index(0, COL_DUE)) == "15/07/2020"
    assert m.data(m.index(0, COL_DUE_TEXT)) == "cố gắng hoàn thành trước tháng 6/2020"  # kept
    assert m.setData(m.index(0, COL_SUPPORT), "Vụ Bưu chính; VNPost")
    assert m.setData(m.index(5, COL_DUE), None)  # cleared: no deadline
    d.table.selectRow(1)
    d.remove_selected()
    assert d.import_button.text() == "Vào sổ 39 nhiệm vụ"
    qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton)
    assert ("inform", "Đã vào sổ văn bản đến số 1/2020 với 39 nhiệm vụ.") in _no_modal_dialogs
    assert d.result() == QDialog.DialogCode.Accepted
    rows = tasks(ctx.session)
    assert len(rows) == 39
    first = rows[0]
    assert (first.lead_unit, first.due_on) == ("Cục Tin học hóa", D(2020, 7, 15))
    assert first.support_units == ("Vụ Bưu chính", "VNPost")
    assert first.due_text == "cố gắng hoàn thành trước tháng 6/2020"
    assert not any("phổ cập điện thoại" in r.content for r in rows)  # the removed row
    assert rows[4].due_on is None and rows[4].due_text == "trong tuần 11/2020"


def test_a_refusal_is_said_in_the_dialog_and_writes_nothing(
    qtbot: QtBot, ctx: UiContext, tmp_path: Path
) -> None:
    d = _dialog(qtbot, ctx, seed_docx(tmp_path))
    d.model.setData(d.model.index(2, COL_DUE), D(2020, 3, 2))  # before the received date
    assert d.model.data(d.model.index(2, COL_PROBLEM)) == (
        "Hạn 02/03/2020 trước ngày đến 05/03/2020: sửa hạn hoặc ngày đến."
    )
    assert 2 in d.model.problem_rows()
    before = _digest(ctx)
    qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton)
    assert d.error.isVisible() and d.isVisible()
    assert d.error.text() == (
        "Chưa vào sổ, cơ sở dữ liệu không thay đổi. Nhiệm vụ 3: hạn 02/03/2020 trước ngày vào"
        " sổ 05/03/2020. Hãy sửa hạn, hoặc lấy ngày đến là ngày của thông báo."
    )
    assert _digest(ctx) == before
    d.received_on.setDate(None)
    qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton)
    assert d.error.text() == "Nhập ngày đến theo dạng dd/mm/yyyy."
    assert _digest(ctx) == before


def test_cancelling_writes_nothing(
    qtbot: QtBot, ctx: UiContext, tmp_path: Path, _no_modal_dialogs: list[tuple[str, str]]
) -> None:
    before = _digest(ctx)
    d = _dialog(qtbot, ctx, seed_docx(tmp_path))
    qtbot.mouseClick(d.cancel_button, Qt.MouseButton.LeftButton)
    assert ("confirm", "Đóng mà không vào sổ thông báo này?") in _no_modal_dialogs
    assert d.result() == QDialog.DialogCode.Rejected and not d.isVisible()
    assert _digest(ctx) == before and tasks(ctx.session) == []


def test_rows_that_need_a_look_are_tinted_and_say_why(
    qtbot: QtBot, ctx: UiContext, tmp_path: Path
) -> None:
    d = _dialog(qtbot, ctx, seed_docx(tmp_path))
    m = d.model
    QAbstractItemModelTester(m, QAbstractItemModelTester.FailureReportingMode.Fatal)
    expected = expected_tasks()
    outside = [i for i, t in enumerate(expected) if t["unit"].startswith("Sở TTTT")]
    assert outside == [i for i in m.problem_rows() if i in outside] and len(outside) == 4
    row = outside[0]
    assert m.data(m.index(row, COL_UNIT), Qt.ItemDataRole.BackgroundRole) == PROBLEM_BACKGROUND
    assert m.data(m.index(row, COL_PROBLEM)) == "Ngoài danh mục, chưa giao đơn vị nào."
    assert m.data(m.index(2, COL_UNIT), Qt.ItemDataRole.BackgroundRole) is None
    looked = len(m.problem_rows())
    assert f"{looked} dòng cần xem lại (tô hồng)" in d.summary.text()
    m.setData(m.index(row, COL_UNIT), "Văn phòng Bộ")  # the clerk gives it to a unit
    assert m.data(m.index(row, COL_PROBLEM)) == ""
    assert len(m.problem_rows()) == looked - 1


def test_a_notice_without_tasks_gives_the_clear_message(
    qtbot: QtBot, ctx: UiContext, tmp_path: Path
) -> None:
    before = _digest(ctx)
    d = _dialog(qtbot, ctx, seed_docx(tmp_path, "004"))
    assert d.error.isVisible()
    assert d.error.text().startswith("Không tìm thấy nhiệm vụ nào trong thông báo: cần các mục")
    assert not d.import_button.isEnabled() and d.model.rowCount() == 0
    # Through Ctrl+I: the petition reader's refusal, then the notice reader's.
    p = ImportDialog(ctx)
    qtbot.addWidget(p, before_close_func=lambda w: w.done(QDialog.DialogCode.Rejected))
    p.show()
    p.set_path(seed_docx(tmp_path, "004"))
    qtbot.waitUntil(lambda: p.error.isVisible(), timeout=10_000)
    assert p.error.text() == (
        "Tệp «thong-bao-004.docx»: không tìm thấy bảng kiến nghị (cần cột STT, Địa phương, Kiến"
        " nghị).\nĐọc như thông báo giao nhiệm vụ: Không tìm thấy nhiệm vụ nào trong thông báo:"
        " cần các mục giao việc cho đơn vị, ví dụ «1. Cục Viễn thông:» rồi các dòng «- …», hoặc"
        " «- Cục Viễn thông xây dựng …»."
    )
    assert p.isVisible() and _digest(ctx) == before
