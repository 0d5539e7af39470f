"""Kiến nghị as a clerk uses it all day: a failed load says so and recovers, every filter shows
in the bar (Bỏ lọc clears it), the selection and the detail follow the data."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from desktop.core import workflow
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.ui.context import UiContext
from desktop.ui.main_window import MainWindow
from desktop.ui.models.petition_table_model import COL_ORIGIN, HTML_ROLE
from desktop.ui.qt import QPoint, Qt
from desktop.ui.screens.petitions import PetitionsScreen
from tests.ui.conftest import type_text

NOV_2 = dt.date(2026, 11, 2)
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def _register(ctx: UiContext, origins: list[str], *, day: dt.date = NOV_2) -> list[int]:
    r = register_document(
        ctx.session,
        DocumentInput(received_on=day, sender="Văn phòng Chính phủ", sender_ref="5606/VPCP-QHĐP"),
        [PetitionInput(o, f"Nội dung kiến nghị của {o} về chuyển đổi số") for o in origins],
    )
    return list(r.petition_ids)


def _origins(screen: PetitionsScreen) -> list[str]:
    m = screen.model
    return [m.data(m.index(r, COL_ORIGIN)) for r in range(m.rowCount())]


@pytest.fixture
def screen(qtbot: QtBot, ctx: UiContext) -> PetitionsScreen:
    _register(ctx, ["An Giang", "Thái Bình", "Cử tri thành phố Hà Nội"])
    s = PetitionsScreen(ctx)
    qtbot.addWidget(s)
    s.resize(1200, 700)
    s.show()
    qtbot.waitUntil(lambda: s.model.rowCount() == 3)
    return s


@pytest.fixture
def window(qtbot: QtBot, ctx: UiContext) -> MainWindow:
    _register(ctx, ["An Giang", "Thái Bình"])
    _register(ctx, ["Vĩnh Phúc"], day=dt.date(2026, 11, 3))
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitUntil(lambda: w.petitions.model.rowCount() == 3)
    return w


def _rename(ctx: UiContext, old: str, new: str) -> None:
    with ctx.session.store.write() as conn:
        conn.execute(f"ALTER TABLE {old} RENAME TO {new}")


# -- a failed load ----------------------------------------------------------------------------
def test_a_failed_load_says_so_and_f5_loads_again(
    qtbot: QtBot, ctx: UiContext, window: MainWindow
) -> None:
    screen = window.petitions
    _rename(ctx, "petitions", "petitions_away")  # the server lost the table for a moment
    try:
        window.refresh()  # F5
        qtbot.waitUntil(lambda: "Không tải được" in screen.status.text(), timeout=5000)
        assert not screen.model.busy and screen.model.rowCount() == 0
    finally:
        _rename(ctx, "petitions_away", "petitions")
    window.actions_by_text["Làm mới"].trigger()  # F5 again: the register is back
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3, timeout=5000)
    assert "Đang hiện 3 kiến nghị" in screen.status.text()


# -- hidden filters ---------------------------------------------------------------------------
def test_opening_a_document_shows_its_filter_and_bo_loc_clears_it(
    qtbot: QtBot, ctx: UiContext, window: MainWindow
) -> None:
    window.show_screen("documents")
    docs = window.documents
    qtbot.waitUntil(lambda: docs.model.rowCount() == 2)
    row = [docs.model.rows[r].petitions for r in range(2)].index(2)
    number = f"{docs.model.rows[row].incoming_no}/2026"
    docs.table.setFocus()
    docs.table.setCurrentIndex(docs.model.index(row, 0))
    qtbot.keyClick(docs.table, Qt.Key.Key_Return)  # opens the document's petitions
    screen = window.petitions
    assert window.stack.currentWidget() is screen
    qtbot.waitUntil(lambda: sorted(_origins(screen)) == ["An Giang", "Thái Bình"])
    bar = screen.filters
    qtbot.waitUntil(lambda: f"Văn bản đến số {number}" in bar.chips_text())
    assert bar.clear_button.isVisible() and bar.clear_button.isEnabled()
    # A petition registered meanwhile is out of the document: F5 keeps the filter shown.
    _register(ctx, ["Bắc Ninh"])
    window.actions_by_text["Làm mới"].trigger()
    qtbot.waitUntil(lambda: not screen.model.busy)
    assert sorted(_origins(screen)) == ["An Giang", "Thái Bình"]
    assert f"Văn bản đến số {number}" in bar.chips_text()
    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)  # Bỏ lọc
    qtbot.waitUntil(lambda: len(_origins(screen)) == 4)
    assert bar.chips_text() == "" and not bar.clear_button.isEnabled()


def test_a_dashboard_number_sets_the_filter_bar(
    qtbot: QtBot, ctx: UiContext, window: MainWindow
) -> None:
    pid = window.petitions.model.rows[0].id
    workflow.reply(ctx.session, [pid], "clarify", "Cần làm rõ")
    window.show_screen("dashboard")
    dash = window.dashboard
    qtbot.waitUntil(lambda: dash.clarify_card.isEnabled() and dash.data is not None)
    qtbot.mouseClick(dash.clarify_card, Qt.MouseButton.LeftButton)
    screen = window.petitions
    assert window.stack.currentWidget() is screen
    qtbot.waitUntil(lambda: len(_origins(screen)) == 1)
    bar = screen.filters
    assert bar.status_box.currentText() == "Đã trả lời, cần làm rõ"
    assert "Nhận từ" in bar.chips_text()  # the dashboard's period is a filter too
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Escape)  # Esc in the list clears every filter
    qtbot.waitUntil(lambda: len(_origins(screen)) == 3)
    assert bar.status_box.currentText() == "Mọi trạng thái" and bar.chips_text() == ""


# -- selection and detail follow the data ----------------------------------------------------
def test_after_an_assignment_the_same_petition_stays_selected_and_its_detail_is_new(
    qtbot: QtBot, ctx: UiContext, screen: PetitionsScreen
) -> None:
    row = _origins(screen).index("Thái Bình")
    assert row != 0
    screen.table.selectRow(row)
    browser = screen.detail.browser
    qtbot.waitUntil(lambda: "Mới vào sổ" in browser.toPlainText())
    workflow.assign(ctx.session, screen.model.rows[row].id, "THH")
    ctx.changed()  # what the assignment dialog announces
    qtbot.waitUntil(lambda: "Đang xử lý" in browser.toPlainText(), timeout=3000)
    assert "Mới vào sổ" not in browser.toPlainText().split("Lịch sử")[0]
    qtbot.waitUntil(lambda: not screen.model.busy)
    assert screen.selected_ids() == [screen.model.rows[row].id]
    assert _origins(screen)[screen.table.currentIndex().row()] == "Thái Bình"


def test_a_search_clears_a_detail_not_in_its_results_and_bold_ends_with_it(
    qtbot: QtBot, screen: PetitionsScreen
) -> None:
    screen.table.selectRow(_origins(screen).index("Thái Bình"))
    qtbot.waitUntil(lambda: "Thái Bình" in screen.detail.browser.toPlainText())
    type_text(screen.search_box, "an giang")
    qtbot.waitUntil(lambda: _origins(screen) == ["An Giang"], timeout=3000)
    assert screen.detail.petition_id is None
    assert "Thái Bình" not in screen.detail.browser.toPlainText()
    m = screen.model
    assert "<b>" in m.data(m.index(0, COL_ORIGIN), HTML_ROLE)
    screen.search_box.setFocus()
    qtbot.keyClick(screen.search_box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(_origins(screen)) == 3)
    row = _origins(screen).index("An Giang")
    assert not m.data(m.index(row, COL_ORIGIN), HTML_ROLE)


# -- filters and ordering ---------------------------------------------------------------------
def test_the_origin_filter_finds_a_part_without_diacritics_as_the_clerk_types(
    qtbot: QtBot, screen: PetitionsScreen
) -> None:
    type_text(screen.origin_box, "ha noi")  # no Enter: applied after a pause
    qtbot.waitUntil(lambda: _origins(screen) == ["Cử tri thành phố Hà Nội"], timeout=3000)
    assert screen.filters.clear_button.isEnabled()
    screen.origin_box.clear()
    type_text(screen.origin_box, "Hải Phòng")
    qtbot.waitUntil(lambda: _origins(screen) == [], timeout=3000)
    qtbot.waitUntil(lambda: not screen.model.busy)
    assert "Không có kiến nghị nào khớp bộ lọc" in screen.status.text()
    assert "Chưa có kiến nghị nào" not in screen.status.text()


def test_a_documents_petitions_come_in_its_order_and_the_status_says_the_order(
    qtbot: QtBot, ctx: UiContext, window: MainWindow
) -> None:
    document_id = ctx.session.store.scalar(
        "SELECT document_id FROM petitions WHERE origin = 'An Giang'"
    )
    window.documents.open_document.emit(document_id)
    screen = window.petitions
    qtbot.waitUntil(lambda: _origins(screen) == ["An Giang", "Thái Bình"])  # as in the table
    assert "theo thứ tự trong văn bản" in screen.status.text()
    screen.filters.clear_button.click()
    qtbot.waitUntil(lambda: len(_origins(screen)) == 3)
    assert "mới nhất trước" in screen.status.text()
    header = screen.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(COL_ORIGIN) + 10, 5),
    )
    qtbot.waitUntil(lambda: not screen.model.busy and "nơi kiến nghị" in screen.status.text())
    assert "mới nhất trước" not in screen.status.text()
    assert _origins(screen) in (
        ["An Giang", "Thái Bình", "Vĩnh Phúc"],
        ["Vĩnh Phúc", "Thái Bình", "An Giang"],
    )


# -- the rows' context menu -------------------------------------------------------------------
def _menu_actions(screen: PetitionsScreen, row: int) -> dict[str, object]:
    rect = screen.table.visualRect(screen.model.index(row, COL_ORIGIN))
    screen._row_menu(rect.center())
    return {a.text().split("\t")[0]: a for a in screen.row_menu.actions() if a.text()}


def test_the_row_menu_routes_the_petition_under_the_mouse(
    qtbot: QtBot, ctx: UiContext, screen: PetitionsScreen
) -> None:
    from desktop.ui.dialogs.assign import AssignDialog
    from desktop.ui.qt import QApplication, QDialog, QTimer

    row = _origins(screen).index("Thái Bình")
    actions = _menu_actions(screen, row)
    assert screen.selected_ids() == [screen.model.rows[row].id]  # the row right-clicked
    for text in ("Giao xử lý…", "Ghi trả lời…", "Đơn vị hoàn thành…", "Sao chép số đến",
                 "Sửa kiến nghị…", "Rút kiến nghị…"):  # fmt: skip
        assert text in actions
    assert not actions["Đơn vị hoàn thành…"].isEnabled()  # no unit works on it yet
    actions["Sao chép số đến"].trigger()
    assert QApplication.clipboard().text() == "1/2026"

    def fill() -> None:
        # Inside the dialog's exec(): whatever goes wrong, the dialog closes (never a hang).
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AssignDialog):
            QTimer.singleShot(20, fill)
            return
        try:
            dialog.lead_edit.setText("Cục Tin học hóa")
            dialog.completer.popup().hide()
            dialog.save_button.click()
        finally:
            if dialog.isVisible():
                dialog.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, fill)
    screen.row_menu.close()
    actions["Giao xử lý…"].trigger()
    qtbot.waitUntil(lambda: "Đang xử lý" in screen.detail.browser.toPlainText(), timeout=3000)
    qtbot.waitUntil(lambda: screen.table.currentIndex().row() >= 0, timeout=3000)  # reloaded
    assert _origins(screen)[screen.table.currentIndex().row()] == "Thái Bình"
    actions = _menu_actions(screen, _origins(screen).index("Thái Bình"))
    assert actions["Đơn vị hoàn thành…"].isEnabled()
    screen.row_menu.close()


def test_a_detail_that_cannot_be_read_says_so_in_the_pane(
    qtbot: QtBot, ctx: UiContext, screen: PetitionsScreen
) -> None:
    _rename(ctx, "replies", "replies_away")
    try:
        screen.table.selectRow(1)
        qtbot.waitUntil(
            lambda: "Không tải được chi tiết" in screen.detail.browser.toPlainText(), timeout=5000
        )
        assert not screen.detail.reply_button.isEnabled()
    finally:
        _rename(ctx, "replies_away", "replies")
    screen.refresh()  # F5
    qtbot.waitUntil(lambda: "Mới vào sổ" in screen.detail.browser.toPlainText(), timeout=5000)


def test_esc_in_the_results_clears_the_search(qtbot: QtBot, screen: PetitionsScreen) -> None:
    type_text(screen.search_box, "thai binh")
    qtbot.waitUntil(lambda: _origins(screen) == ["Thái Bình"], timeout=3000)
    qtbot.keyClick(screen.search_box, Qt.Key.Key_Down)  # to the results
    assert screen.table.hasFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Escape)
    assert screen.search_box.text() == ""
    qtbot.waitUntil(lambda: len(_origins(screen)) == 3)


def test_a_letter_being_typed_bolds_the_words_the_search_used_not_every_word_it_starts(
    qtbot: QtBot, ctx: UiContext
) -> None:
    from desktop.core.registry import add_petitions
    from desktop.ui.models.petition_table_model import COL_EXCERPT

    common = [f"sa{c}" for c in "bcdefghijklmnopqrstuvwxyz"] + [
        f"se{c}" for c in "bcdfghklmnpqrst"
    ]  # 40 words used often: the 40 completions of "s", "sơn" and "sxyz" left out
    add_petitions(ctx.session, [PetitionInput("Hà Giang", f"Việc {w} lớn") for w in common * 3])
    add_petitions(ctx.session, [PetitionInput("Hà Giang", "Việc sab lớn")])
    add_petitions(ctx.session, [PetitionInput("Sơn La", "Đề nghị sab và sxyz trước")])
    s = PetitionsScreen(ctx)
    qtbot.addWidget(s)
    s.show()
    qtbot.waitUntil(lambda: s.model.rowCount() > 0)
    type_text(s.search_box, "s")
    qtbot.waitUntil(lambda: s.model.searching and "Sơn La" in _origins(s), timeout=5000)
    m = s.model
    row = _origins(s).index("Sơn La")
    excerpt = m.data(m.index(row, COL_EXCERPT), HTML_ROLE)
    assert "<b>sab</b>" in excerpt and "<b>sxyz</b>" not in excerpt
    assert not m.data(m.index(row, COL_ORIGIN), HTML_ROLE)  # "Sơn" was not searched


def test_ctrl_end_reaches_the_true_last_petition_of_a_long_register(
    qtbot: QtBot, ctx: UiContext
) -> None:
    from desktop.core.registry import add_petitions
    from desktop.ui.models.petition_table_model import PAGE

    add_petitions(
        ctx.session, [PetitionInput("Cà Mau", "Kiến nghị cũ nhất")], received_on=dt.date(2025, 1, 2)
    )
    add_petitions(ctx.session, [PetitionInput(f"Tỉnh {i}", "Kiến nghị") for i in range(PAGE + 5)])
    s = PetitionsScreen(ctx)
    qtbot.addWidget(s)
    s.resize(1200, 700)
    s.show()
    qtbot.waitUntil(lambda: s.model.rowCount() == PAGE)
    s.table.setFocus()
    s.table.selectRow(0)
    qtbot.keyClick(s.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(s.selected_ids()) and not s.model.busy, timeout=5000)
    qtbot.waitUntil(lambda: _origins(s)[s.table.currentIndex().row()] == "Cà Mau", timeout=5000)
    assert "cũ nhất trước" in s.status.text()  # it says the order the list is now in


def test_ctrl_h_opens_the_part_done_dialog_for_the_selected_petition(
    qtbot: QtBot, ctx: UiContext, window: MainWindow
) -> None:
    from desktop.ui.dialogs.complete_part import CompletePartDialog
    from desktop.ui.qt import QApplication, QDialog, QKeySequence, QTimer

    screen = window.petitions
    row = _origins(screen).index("Thái Bình")
    workflow.assign(ctx.session, screen.model.rows[row].id, "THH")
    screen.table.selectRow(row)
    action = window.actions_by_text["Đơn vị hoàn thành…"]
    assert action.shortcut() == QKeySequence("Ctrl+H")
    opened: list[int] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CompletePartDialog):
            QTimer.singleShot(20, look)
            return
        opened.append(dialog.petition_id)
        dialog.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, look)
    action.trigger()
    assert opened == [screen.model.rows[row].id]


def test_bo_loc_on_the_overdue_screen_keeps_it_on_the_overdue(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_screen("overdue")
    screen = window.overdue
    qtbot.waitUntil(lambda: len(_origins(screen)) == 3)
    type_text(screen.origin_box, "an giang")
    qtbot.waitUntil(lambda: _origins(screen) == ["An Giang"], timeout=3000)
    screen.filters.clear_button.click()
    qtbot.waitUntil(lambda: len(_origins(screen)) == 3)
    assert screen.overdue_box.isChecked() and screen.origin_box.text() == ""
    assert not screen.filters.clear_button.isEnabled()


def test_sorting_a_long_register_keeps_the_petition_in_the_detail(
    qtbot: QtBot, ctx: UiContext
) -> None:
    from desktop.core.registry import add_petitions
    from desktop.ui.models.petition_table_model import PAGE

    add_petitions(ctx.session, [PetitionInput(f"Tỉnh {i}", "Kiến nghị") for i in range(PAGE + 5)])
    add_petitions(ctx.session, [PetitionInput("Yên Bái", "Kiến nghị mới nhất")])
    s = PetitionsScreen(ctx)
    qtbot.addWidget(s)
    s.resize(1200, 700)
    s.show()
    qtbot.waitUntil(lambda: s.model.rowCount() == PAGE)
    s.table.selectRow(_origins(s).index("Yên Bái"))
    qtbot.waitUntil(lambda: "Yên Bái" in s.detail.browser.toPlainText())
    s.table.horizontalHeader().setSortIndicator(COL_ORIGIN, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: not s.model.busy and _origins(s)[0] != "Yên Bái", timeout=5000)
    assert "Yên Bái" not in _origins(s)  # further down, not loaded yet
    assert "Yên Bái" in s.detail.browser.toPlainText()
