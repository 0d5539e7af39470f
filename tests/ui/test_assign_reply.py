"""Giao xử lý, trả lời, hoàn thành: drive the dialogs, then check the list, detail and stats."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

import pytest
from pytestqt.qtbot import QtBot

from db import petitions as pet
from db import routing
from desktop.core import workflow
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.reports import period_stats
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs import assign as assign_module
from desktop.ui.dialogs.assign import AssignDialog
from desktop.ui.dialogs.complete_part import CompletePartDialog
from desktop.ui.dialogs.reply import ReplyDialog
from desktop.ui.models.petition_table_model import COL_LEAD, COL_ORIGIN, COL_STATUS
from desktop.ui.qt import QDialog, Qt, QTableView
from desktop.ui.screens.petitions import PetitionsScreen
from desktop.ui.widgets.petition_detail import PetitionDetail
from tests.helpers import content_digest
from tests.ui.conftest import type_text
from tests.ui.saving import wait_accepted, wait_text

NOV_2 = dt.date(2026, 11, 2)
DialogT = TypeVar("DialogT", bound=QDialog)
# The offscreen platform says these when the completer's popup opens; they are not ours.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


@pytest.fixture
def ids(ctx: UiContext) -> list[int]:
    """Two petitions of one document received 02/11/2026 (due 16/11/2026)."""
    r = register_document(
        ctx.session,
        DocumentInput(received_on=NOV_2, sender="Văn phòng Chính phủ", sender_ref="5606/VPCP-QHĐP"),
        [
            PetitionInput("Thái Bình", "Hoàn thiện chính thức trục tích hợp quốc gia"),
            PetitionInput("Vĩnh Phúc", "Quy định về định danh, xác thực điện tử"),
        ],
    )
    return r.petition_ids


@pytest.fixture
def screen(qtbot: QtBot, ctx: UiContext, ids: list[int]) -> PetitionsScreen:
    s = PetitionsScreen(ctx)
    qtbot.addWidget(s)
    s.resize(1200, 700)
    s.show()
    qtbot.waitUntil(lambda: s.model.rowCount() == 2)
    return s


@pytest.fixture(autouse=True)
def _no_questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any question to the clerk is recorded and answered "no" unless a test says otherwise."""
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return False

    monkeypatch.setattr(ask, "confirm", confirm)
    return asked


def _rows(screen: PetitionsScreen) -> dict[str, tuple[str, str]]:
    """origin -> (lead unit, status) as the list shows them."""
    m = screen.model
    return {
        m.data(m.index(r, COL_ORIGIN)): (
            m.data(m.index(r, COL_LEAD)),
            m.data(m.index(r, COL_STATUS)),
        )
        for r in range(m.rowCount())
    }


def _select(qtbot: QtBot, screen: PetitionsScreen, origin: str, expect: str) -> str:
    row = [screen.model.data(screen.model.index(r, COL_ORIGIN)) for r in range(2)].index(origin)
    screen.table.selectRow(row)
    browser = screen.detail.browser
    qtbot.waitUntil(lambda: origin in browser.toPlainText() and expect in browser.toPlainText())
    return browser.toPlainText()


def _dialog(qtbot: QtBot, dialog: DialogT) -> DialogT:
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # window shortcuts (Ctrl+Enter) need the active window
        dialog.show()
        dialog.activateWindow()
    return dialog


def test_assign_by_completion_then_list_detail_and_stats_show_it(
    qtbot: QtBot, ctx: UiContext, screen: PetitionsScreen, ids: list[int]
) -> None:
    d = _dialog(qtbot, AssignDialog(ctx, [ids[0]], screen))
    assert d.due_edit.line.text() == "16/11/2026"  # the petition's due date, 10 working days
    assert d.lead_edit.text() == ""
    type_text(d.lead_edit, "tin hoc")  # no accents: still found
    popup = d.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().data(popup.model().index(0, 0)) == "Cục Tin học hóa (THH)"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert d.lead_edit.text() == "Cục Tin học hóa"
    type_text(d.support_filter, "an toàn")
    assert [
        d.support_list.item(i).text()
        for i in range(d.support_list.count())
        if not d.support_list.item(i).isHidden()
    ] == ["Cục An toàn thông tin (CATTT)"]
    qtbot.keyClick(d.support_filter, Qt.Key.Key_Return)  # ticks the match, does not save
    assert d.isVisible() and d.checked_codes() == ["CATTT"]
    assert d.support_filter.text() == ""
    assert "Cục An toàn thông tin" in d.supports.chosen.text()
    type_text(d.instructions, "Trả lời trước ngày 30/11")
    qtbot.keyClick(d.due_edit.line, Qt.Key.Key_Return)  # Enter saves
    wait_accepted(qtbot, ctx, d)

    qtbot.waitUntil(
        lambda: _rows(screen).get("Thái Bình") == ("Cục Tin học hóa", "Đang xử lý"), timeout=3000
    )
    assert _rows(screen)["Vĩnh Phúc"] == ("", "Mới vào sổ")
    text = _select(qtbot, screen, "Thái Bình", "Chủ trì")
    assert "Chủ trì: Cục Tin học hóa — hạn 16/11/2026" in text
    assert "Phối hợp: Cục An toàn thông tin" in text and "Trả lời trước ngày 30/11" in text
    stats = period_stats(ctx.session)
    assert (stats.received, stats.unanswered, stats.answered) == (2, 2, 0)
    by_unit = {u.unit_code: u for u in stats.by_unit}
    assert by_unit["THH"].open_overdue == 1 and by_unit["CATTT"].open_overdue == 1


def test_reply_then_list_detail_and_stats_show_it(
    qtbot: QtBot, ctx: UiContext, screen: PetitionsScreen, ids: list[int]
) -> None:
    workflow.assign(ctx.session, ids[0], "THH")
    d = _dialog(qtbot, ReplyDialog(ctx, [ids[0]], screen))
    assert d.date_edit.line.text() == "23/11/2026" and d.outcome() == "answered"
    d.outcome_buttons["clarify"].click()
    type_text(d.text_edit, "Bộ đã hướng dẫn địa phương triển khai trục tích hợp.")
    qtbot.keyClicks(d.letter_edit, "1234/BTTTT-THH")
    qtbot.keyClick(d.letter_edit, Qt.Key.Key_Return)
    wait_accepted(qtbot, ctx, d)

    qtbot.waitUntil(
        lambda: _rows(screen).get("Thái Bình") == ("Cục Tin học hóa", "Đã trả lời, cần làm rõ"),
        timeout=3000,
    )
    text = _select(qtbot, screen, "Thái Bình", "1234/BTTTT-THH")
    assert "23/11/2026 — Đã trả lời, cần làm rõ (1234/BTTTT-THH)" in text
    assert "hướng dẫn địa phương" in text and "hoàn thành 23/11/2026" in text
    stats = period_stats(ctx.session)
    assert (stats.clarify, stats.unanswered, stats.answered) == (1, 1, 0)


def test_assign_two_selected_petitions_at_once(
    qtbot: QtBot, ctx: UiContext, screen: PetitionsScreen, ids: list[int]
) -> None:
    screen.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
    screen.table.selectAll()
    selected = screen.selected_ids()
    assert sorted(selected) == sorted(ids)
    d = _dialog(qtbot, AssignDialog(ctx, selected, screen))
    assert d.windowTitle() == "Giao 2 kiến nghị"
    assert d.due_edit.date() is None  # each keeps its own due date
    qtbot.keyClicks(d.lead_edit, "thh")  # the code, any case
    d.completer.popup().hide()
    qtbot.keyClick(d.lead_edit, Qt.Key.Key_Return)
    wait_accepted(qtbot, ctx, d)
    qtbot.waitUntil(
        lambda: set(_rows(screen).values()) == {("Cục Tin học hóa", "Đang xử lý")}, timeout=3000
    )
    assert period_stats(ctx.session).by_unit[0].open_overdue == 2


def test_a_refusal_for_one_petition_changes_nothing(
    qtbot: QtBot, ctx: UiContext, ids: list[int]
) -> None:
    workflow.reply(ctx.session, [ids[1]], "answered", "Đã trả lời")
    path = ctx.session.store.target
    before = content_digest(path)
    d = _dialog(qtbot, AssignDialog(ctx, ids, None))
    type_text(d.lead_edit, "Cục Viễn thông")
    d.completer.popup().hide()
    d.support_list.item(0).setCheckState(Qt.CheckState.Checked)
    d.save_button.click()
    wait_text(qtbot, ctx, d.error, "không giao được")
    assert d.isVisible() and d.result() != QDialog.DialogCode.Accepted
    assert "Vĩnh Phúc" in d.error.text() and d.save_button.isEnabled()
    assert d.lead_edit.text() == "Cục Viễn thông"  # what was typed is kept
    assert d.error.isVisible()
    assert content_digest(path) == before


def test_unknown_unit_is_named_next_to_the_field(
    qtbot: QtBot, ctx: UiContext, ids: list[int]
) -> None:
    d = _dialog(qtbot, AssignDialog(ctx, [ids[0]], None))
    d.lead_edit.setFocus()
    qtbot.keyClick(d.lead_edit, Qt.Key.Key_Return)
    assert d.lead_error.text() == "Chưa chọn đơn vị chủ trì." and d.isVisible()
    type_text(d.lead_edit, "Cục Không Có")
    d.completer.popup().hide()
    qtbot.keyClick(d.lead_edit, Qt.Key.Key_Return)
    assert "Không có đơn vị «Cục Không Có»" in d.lead_error.text()
    d.lead_edit.clear()
    type_text(d.lead_edit, "vien thong")  # Cục Viễn thông, Học viện … Viễn thông
    d.completer.popup().hide()
    qtbot.keyClick(d.lead_edit, Qt.Key.Key_Return)
    assert "khớp 2 đơn vị" in d.lead_error.text()
    d.lead_edit.clear()
    type_text(d.lead_edit, "tần số")  # a part only one unit has
    d.completer.popup().hide()
    qtbot.keyClick(d.lead_edit, Qt.Key.Key_Return)
    wait_accepted(qtbot, ctx, d)
    assert [a.unit_code for a in routing.assignments_of(ctx.session.store, ids[0])] == ["CTS"]


def test_reassign_lead_and_withdraw_a_supporting_unit(
    qtbot: QtBot, ctx: UiContext, screen: PetitionsScreen, ids: list[int]
) -> None:
    workflow.assign(ctx.session, ids[0], "THH")
    workflow.assign(ctx.session, ids[0], "CATTT", role="support")
    d = _dialog(qtbot, AssignDialog(ctx, [ids[0]], screen))
    assert d.current_list and d.withdraw_button
    assert d.lead_edit.text() == "Cục Tin học hóa" and d.checked_codes() == ["CATTT"]
    assert d.current_list.count() == 2
    d.lead_edit.clear()
    type_text(d.lead_edit, "cuc vien thong")
    d.completer.popup().hide()
    d.current_list.setCurrentRow(1)
    assert d.withdraw_button.isEnabled()
    d.withdraw_button.click()
    assert d.checked_codes() == [] and "sẽ thôi giao" in d.current_list.item(1).text()
    qtbot.keyClick(d.lead_edit, Qt.Key.Key_Return)
    wait_accepted(qtbot, ctx, d)
    now = routing.assignments_of(ctx.session.store, ids[0])
    assert [(a.unit_code, a.role) for a in now] == [("CVT", "lead")]
    qtbot.waitUntil(
        lambda: _rows(screen).get("Thái Bình", ("",))[0] == "Cục Viễn thông", timeout=3000
    )
    text = _select(qtbot, screen, "Thái Bình", "Chuyển chủ trì")
    assert "Chuyển chủ trì từ Cục Tin học hóa sang Cục Viễn thông" in text
    assert "Thôi giao Cục An toàn thông tin" in text


def test_esc_asks_only_when_something_was_typed(
    qtbot: QtBot, ctx: UiContext, ids: list[int], _no_questions: list[str]
) -> None:
    d = _dialog(qtbot, ReplyDialog(ctx, [ids[0]], None))
    type_text(d.text_edit, "Nội dung")
    qtbot.keyClick(d.text_edit, Qt.Key.Key_Escape)
    assert len(_no_questions) == 1 and d.isVisible()  # the clerk said no: still open
    d.text_edit.clear()
    qtbot.keyClick(d.text_edit, Qt.Key.Key_Escape)
    assert len(_no_questions) == 1 and not d.isVisible()
    assert d.result() == QDialog.DialogCode.Rejected


def test_reply_needs_text_and_ctrl_enter_saves(
    qtbot: QtBot, ctx: UiContext, ids: list[int]
) -> None:
    d = _dialog(qtbot, ReplyDialog(ctx, ids, None))
    assert d.windowTitle() == "Ghi trả lời 2 kiến nghị"
    qtbot.keyClick(d.letter_edit, Qt.Key.Key_Return)
    assert d.text_error.text() == "Chưa nhập nội dung trả lời." and d.isVisible()
    d.date_edit.line.setText("24/11/2026")
    type_text(d.text_edit, "Đã báo cáo Thủ tướng")
    d.outcome_buttons["escalated"].click()
    qtbot.keyClick(d.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "ở tương lai" in d.date_error.text() and d.isVisible()
    d.date_edit.line.setText("20/11/2026")
    qtbot.keyClick(d.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_accepted(qtbot, ctx, d)
    for pid in ids:
        p = pet.get_petition(ctx.session.store, pid)
        assert p is not None and p.status == "escalated"
    assert period_stats(ctx.session).escalated == 2


def test_complete_part_lists_the_units_and_marks_one_done(
    qtbot: QtBot, ctx: UiContext, ids: list[int]
) -> None:
    workflow.assign(ctx.session, ids[0], "THH")
    workflow.assign(ctx.session, ids[0], "CATTT", role="support")
    d = _dialog(qtbot, CompletePartDialog(ctx, ids[0], None))
    assert [d.unit_list.item(i).text() for i in range(2)] == [
        "Chủ trì: Cục Tin học hóa — hạn 16/11/2026",
        "Phối hợp: Cục An toàn thông tin — hạn 16/11/2026",
    ]
    d.unit_list.setCurrentRow(1)
    d.date_edit.line.setText("20/11/2026")
    qtbot.keyClick(d.date_edit.line, Qt.Key.Key_Return)
    wait_text(qtbot, ctx, d.date_error, "trước ngày giao")
    assert d.date_error.text() == "Ngày hoàn thành 20/11/2026 trước ngày giao 23/11/2026."
    assert d.isVisible() and d.unit_list.currentRow() == 1
    d.date_edit.line.setText("23/11/2026")
    qtbot.keyClick(d.date_edit.line, Qt.Key.Key_Return)
    wait_accepted(qtbot, ctx, d)
    done = {a.unit_code: a.completed_on for a in routing.assignments_of(ctx.session.store, ids[0])}
    assert done == {"THH": None, "CATTT": dt.date(2026, 11, 23)}
    again = _dialog(qtbot, CompletePartDialog(ctx, ids[0], None))
    assert "đã hoàn thành 23/11/2026" in again.unit_list.item(1).text()
    assert again.unit_list.currentRow() == 0  # the one still at work
    empty = _dialog(qtbot, CompletePartDialog(ctx, ids[1], None))
    assert "chưa giao đơn vị nào" in empty.empty.text() and not empty.save_button.isEnabled()


def test_detail_buttons_follow_the_status_and_open_the_dialogs(
    qtbot: QtBot, ctx: UiContext, ids: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    detail = PetitionDetail(ctx)
    qtbot.addWidget(detail)
    detail.show()
    assert not detail.assign_button.isEnabled() and not detail.reply_button.isEnabled()
    ctx.bus.changed.connect(lambda: detail.show_petition(detail.petition_id))
    detail.show_petition(ids[0])
    qtbot.waitUntil(detail.assign_button.isEnabled)
    assert detail.reply_button.isEnabled() and not detail.complete_button.isEnabled()

    def fill_and_save(self: AssignDialog) -> int:  # what the clerk does in the modal dialog
        type_text(self.lead_edit, "THH")
        self.completer.popup().hide()
        self.save()
        return int(self.result())

    monkeypatch.setattr(AssignDialog, "exec", fill_and_save)
    detail.assign_button.click()
    qtbot.waitUntil(detail.complete_button.isEnabled)
    qtbot.waitUntil(lambda: "Chủ trì: Cục Tin học hóa" in detail.browser.toPlainText())
    workflow.reply(ctx.session, [ids[0]], "answered", "Xong")
    ctx.changed()
    qtbot.waitUntil(lambda: not detail.reply_button.isEnabled())
    assert not detail.assign_button.isEnabled() and not detail.complete_button.isEnabled()
    assert "Đã trả lời" in detail.reply_button.toolTip()


def test_many_petitions_are_assigned_in_the_background(
    qtbot: QtBot, ctx: UiContext, ids: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(assign_module, "BULK_THRESHOLD", 1)
    d = _dialog(qtbot, AssignDialog(ctx, ids, None))
    qtbot.keyClicks(d.lead_edit, "CVT")
    d.completer.popup().hide()
    with qtbot.waitSignal(ctx.bus.changed, timeout=5000):
        qtbot.keyClick(d.lead_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: d.result() == QDialog.DialogCode.Accepted and d.work is None)
    for pid in ids:
        assert [a.unit_code for a in routing.assignments_of(ctx.session.store, pid)] == ["CVT"]


def test_a_reply_saved_after_another_clerk_replied_is_refused_with_who_and_when(
    qtbot: QtBot, ctx: UiContext, screen: PetitionsScreen, ids: list[int]
) -> None:
    """The dialog was opened on a waiting petition; meanwhile another clerk answered it."""
    from db import open_store
    from desktop.core.session import Session

    d = _dialog(qtbot, ReplyDialog(ctx, [ids[0]], screen))
    other = Session(
        open_store(ctx.session.store.target), actor="vanthu2", today=ctx.session.today, system=True
    )
    workflow.reply(other, [ids[0]], "answered", "Đã trả lời trước.")
    other.close()
    before = content_digest(ctx.session.store.target)
    type_text(d.text_edit, "Câu trả lời thứ hai.")
    d.save()
    message = wait_text(qtbot, ctx, d.error, "đã được ghi trả lời")
    assert d.result() != QDialog.DialogCode.Accepted
    assert d.text_edit.toPlainText() == "Câu trả lời thứ hai."
    assert f"Kiến nghị {ids[0]} đã được ghi trả lời («Đã trả lời»)" in message
    assert "bởi vanthu2" in message
    assert content_digest(ctx.session.store.target) == before  # type: ignore[arg-type]
    assert len(routing.replies_of(ctx.session.store, ids[0])) == 1


def test_routing_saved_after_another_clerk_routed_is_refused(
    qtbot: QtBot, ctx: UiContext, screen: PetitionsScreen, ids: list[int]
) -> None:
    from db import open_store
    from desktop.core.session import Session

    d = _dialog(qtbot, AssignDialog(ctx, [ids[1]], screen))
    other = Session(
        open_store(ctx.session.store.target), actor="vanthu2", today=ctx.session.today, system=True
    )
    workflow.assign(other, ids[1], "CVT")
    other.close()
    type_text(d.lead_edit, "THH")
    d.save()
    wait_text(qtbot, ctx, d.error, "vừa được thay đổi (Giao Cục Viễn thông chủ trì")
    assert d.result() != QDialog.DialogCode.Accepted
    assert "bởi vanthu2" in d.error.text()
    leads = [a.unit_code for a in routing.assignments_of(ctx.session.store, ids[1])]
    assert leads == ["CVT"]


def test_a_number_made_outside_the_app_is_entered_from_the_outgoing_register(
    qtbot: QtBot, ctx: UiContext
) -> None:
    from desktop.ui.dialogs.record_outside import RecordOutsideDialog
    from desktop.ui.screens.registers import OutgoingScreen

    screen = OutgoingScreen(ctx)
    qtbot.addWidget(screen)
    d = _dialog(qtbot, RecordOutsideDialog(ctx, screen))
    qtbot.keyClicks(d.reference, "4/UBND-VP")
    d.save()
    wait_text(qtbot, ctx, d.error, "không thuộc sổ văn bản đi của cơ quan")
    d.reference.clear()
    qtbot.keyClicks(d.reference, "15/BTTTT-VP")
    type_text(d.subject, "V/v làm bằng Word")
    with qtbot.waitSignal(ctx.bus.changed, timeout=3000):
        d.save()
    assert d.result() == QDialog.DialogCode.Accepted and d.recorded == "15/BTTTT-VP"
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=3000)
    assert screen.model.data(screen.model.index(0, 0)) == "15/BTTTT-VP"
    # The same number again is refused, naming the letter that holds it.
    again = _dialog(qtbot, RecordOutsideDialog(ctx, screen))
    qtbot.keyClicks(again.reference, "15/BTTTT-THH")
    again.save()
    wait_text(qtbot, ctx, again.error, "Số 15 năm 2026 đã được dùng cho văn bản 15/BTTTT-VP")
