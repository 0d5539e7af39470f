import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from desktop.core import workflow
from desktop.core.registry import DocumentInput, PetitionInput, add_petitions, register_document
from desktop.ui.context import UiContext
from desktop.ui.main_window import MainWindow
from desktop.ui.models.petition_table_model import COL_ORIGIN, COL_STATUS, PAGE, PetitionTableModel
from desktop.ui.qt import QAbstractItemModelTester, QModelIndex, Qt
from tests.ui.conftest import type_text


@pytest.fixture
def window(qtbot: QtBot, ctx: UiContext) -> MainWindow:
    r = register_document(
        ctx.session,
        DocumentInput(received_on=dt.date(2026, 11, 2), sender="Văn phòng Chính phủ"),
        [
            PetitionInput("Thái Bình", "Hoàn thiện chính thức trục tích hợp quốc gia"),
            PetitionInput("Vĩnh Phúc", "Quy định về định danh, xác thực điện tử"),
        ],
    )
    workflow.reply(ctx.session, [r.petition_ids[0]], "answered", "Đã trả lời")
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.petitions.model.rowCount() == 2)
    return w


def _column(w: MainWindow, col: int) -> list[str]:
    m = w.petitions.model
    return [m.data(m.index(r, col)) for r in range(m.rowCount())]


def test_register_is_listed_with_status_and_overdue_colour(window: MainWindow) -> None:
    assert sorted(_column(window, COL_ORIGIN)) == ["Thái Bình", "Vĩnh Phúc"]
    statuses = dict(zip(_column(window, COL_ORIGIN), _column(window, COL_STATUS), strict=True))
    assert statuses == {"Thái Bình": "Đã trả lời", "Vĩnh Phúc": "Mới vào sổ"}
    model = window.petitions.model
    row = _column(window, COL_ORIGIN).index("Vĩnh Phúc")
    assert model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert "2 kiến nghị" in window.petitions.status.text()


def test_overdue_screen_lists_only_late_ones(qtbot: QtBot, window: MainWindow) -> None:
    window.show_screen("overdue")
    qtbot.waitUntil(lambda: window.overdue.model.rowCount() == 1)
    assert window.overdue.model.rows[0].origin == "Vĩnh Phúc"


def test_search_without_diacritics_while_typing(qtbot: QtBot, window: MainWindow) -> None:
    box = window.petitions.search_box
    type_text(box, "dinh danh")
    qtbot.waitUntil(lambda: _column(window, COL_ORIGIN) == ["Vĩnh Phúc"], timeout=3000)
    box.clear()
    type_text(box, "Thái Bình")
    qtbot.waitUntil(lambda: _column(window, COL_ORIGIN) == ["Thái Bình"], timeout=3000)
    box.clear()
    type_text(box, "khong co gi")
    qtbot.waitUntil(lambda: "Không tìm thấy" in window.petitions.status.text(), timeout=3000)
    assert window.petitions.model.rowCount() == 0


def test_selecting_a_row_fills_the_detail_pane(qtbot: QtBot, window: MainWindow) -> None:
    table = window.petitions.table
    row = _column(window, COL_ORIGIN).index("Thái Bình")
    table.selectRow(row)
    browser = window.petitions.detail.browser
    qtbot.waitUntil(lambda: "Đã trả lời" in browser.toPlainText())
    text = browser.toPlainText()
    assert "Thái Bình" in text and "trục tích hợp" in text and "Lịch sử" in text


def test_model_pages_by_key(qtbot: QtBot, ctx: UiContext) -> None:
    add_petitions(
        ctx.session,
        [PetitionInput(f"Tỉnh {i}", f"Nội dung {i}") for i in range(PAGE * 2 + 5)],
        received_on=dt.date(2026, 1, 5),
    )
    model = PetitionTableModel(ctx.runner, ctx.session.today())
    with qtbot.waitSignal(model.loaded):
        model.refresh()
    assert model.rowCount() == PAGE and model.queries == 1
    while model.canFetchMore(QModelIndex()):
        with qtbot.waitSignal(model.loaded):
            model.fetchMore(QModelIndex())
    assert model.rowCount() == PAGE * 2 + 5
    assert model.queries == 3
    assert len({r.id for r in model.rows}) == model.rowCount()
    # The model contract (Fatal: a violation aborts the run), on a loaded model.
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    tester.setUseFetchMore(False)


def test_dashboard_number_opens_the_filtered_register(qtbot: QtBot, window: MainWindow) -> None:
    from db.petition_filter import PetitionFilter

    window.show_screen("dashboard")
    window.dashboard.open_list.emit(PetitionFilter(overdue_on=window.ctx.session.today()))
    assert window.stack.currentWidget() is window.petitions
    qtbot.waitUntil(lambda: _column(window, COL_ORIGIN) == ["Vĩnh Phúc"])
    assert window.petitions.overdue_box.isChecked()  # the filter shows in the bar
    # A search searches what the bar says: the answered Thái Bình is not overdue.
    window.petitions.search_box.setText("tich hop")
    qtbot.waitUntil(lambda: "Không tìm thấy" in window.petitions.status.text())
    window.petitions.overdue_box.setChecked(False)
    qtbot.waitUntil(lambda: _column(window, COL_ORIGIN) == ["Thái Bình"])
    # A search left in the box is cleared without its delayed re-query undoing the filter.
    window.petitions.search_box.setText("tich hop quoc")
    window.show_screen("dashboard")
    window.dashboard.open_list.emit(PetitionFilter(overdue_on=window.ctx.session.today()))
    qtbot.waitUntil(lambda: _column(window, COL_ORIGIN) == ["Vĩnh Phúc"])
    qtbot.wait(600)  # longer than the search box's delay
    assert _column(window, COL_ORIGIN) == ["Vĩnh Phúc"]
    assert window.petitions.search_box.text() == ""
    assert window.petitions.status.text() == "Đang hiện 1 kiến nghị, mới nhất trước."
    # Even with the search still running when the number is clicked.
    window.petitions.search_box.setText("tich hop")
    window.petitions.apply()
    window.dashboard.open_list.emit(PetitionFilter(overdue_on=window.ctx.session.today()))
    window.ctx.runner.wait()
    qtbot.wait(100)
    assert _column(window, COL_ORIGIN) == ["Vĩnh Phúc"]
    assert window.petitions.status.text() == "Đang hiện 1 kiến nghị, mới nhất trước."


def test_due_soon_entry_opens_that_petition(qtbot: QtBot, window: MainWindow) -> None:
    target = window.petitions.model.rows[-1]
    window.dashboard.open_petition.emit(target.id)
    qtbot.waitUntil(lambda: window.petitions.detail.petition_id == target.id)
    assert _column(window, COL_ORIGIN) == [target.origin]


def test_ctrl_g_and_ctrl_r_act_on_the_selected_rows(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import desktop.ui.dialogs.assign as assign
    import desktop.ui.dialogs.reply as reply

    calls: list[tuple[str, list[int]]] = []  # the dialogs are imported when first opened
    monkeypatch.setattr(assign, "open_assign", lambda ctx, parent, ids: calls.append(("g", ids)))
    monkeypatch.setattr(reply, "open_reply", lambda ctx, parent, ids: calls.append(("r", ids)))
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert calls == [] and "Chọn kiến nghị" in window.statusBar().currentMessage()
    window.petitions.table.selectRow(0)
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    first = window.petitions.model.rows[0].id
    assert calls == [("g", [first]), ("r", [first])]


def test_ctrl_n_and_ctrl_i_open_their_dialogs(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.ui.dialogs.import_file import ImportDialog
    from desktop.ui.dialogs.register_document import RegisterDocumentDialog

    opened: list[str] = []
    monkeypatch.setattr(RegisterDocumentDialog, "exec", lambda self: opened.append("n") or 0)
    monkeypatch.setattr(ImportDialog, "exec", lambda self: opened.append("i") or 0)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["n", "i"]


def test_incoming_register_opens_a_documents_petitions(qtbot: QtBot, window: MainWindow) -> None:
    window.show_screen("documents")
    model = window.documents.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.data(model.index(0, 2)) == "Văn phòng Chính phủ"
    assert model.data(model.index(0, 7)) == "2"
    window.documents.table.activated.emit(model.index(0, 0))
    assert window.stack.currentWidget() is window.petitions
    qtbot.waitUntil(lambda: sorted(_column(window, COL_ORIGIN)) == ["Thái Bình", "Vĩnh Phúc"])


def test_outgoing_register_says_it_is_empty(qtbot: QtBot, window: MainWindow) -> None:
    window.show_screen("outgoing")
    qtbot.waitUntil(lambda: "Chưa có văn bản đi" in window.outgoing.status.text())


def test_column_choice_is_remembered(qtbot: QtBot, ctx: UiContext) -> None:
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    header = w.petitions.table.horizontalHeader()
    w.petitions._column_menu(header.rect().center())
    lead = next(a for a in w.petitions.column_menu.actions() if a.text() == "Đơn vị chủ trì")
    lead.setChecked(False)
    assert header.isSectionHidden(5)
    w.close()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.petitions.table.horizontalHeader().isSectionHidden(5)


def test_ctrl_l_opens_the_letter_for_the_selection(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.ui.dialogs import letter_compose

    opened: list[list[int]] = []
    monkeypatch.setattr(letter_compose, "open_letter", lambda ctx, parent, ids: opened.append(ids))
    window.petitions.table.selectRow(0)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert opened == [[window.petitions.model.rows[0].id]]


def test_the_reminder_of_overdue_tasks_opens_them(qtbot: QtBot, window: MainWindow) -> None:
    from desktop.core.tasks import TaskInput, add_tasks

    ctx = window.ctx
    overdue = window.petitions.model.rows[0].id  # Vĩnh Phúc, unanswered since 2/11
    workflow.reply(ctx.session, [overdue], "answered", "Đã trả lời")
    (late,) = add_tasks(
        ctx.session, [TaskInput("Báo cáo chuyển đổi số", unit="THH", due_on=dt.date(2026, 11, 6))],
        origin="Văn phòng Chính phủ", received_on=dt.date(2026, 11, 2),
    )  # fmt: skip
    add_tasks(
        ctx.session, [TaskInput("Tổng kết năm", unit="THH", due_on=dt.date(2026, 12, 30))],
        origin="Văn phòng Chính phủ", received_on=dt.date(2026, 11, 2),
    )  # fmt: skip
    with qtbot.waitSignal(window.reminders.checked, timeout=5000):
        ctx.changed()
    assert window.reminders.counts is not None and window.reminders.counts.tasks_overdue == 1
    with qtbot.waitSignal(window.tasks.loaded, timeout=5000):
        window.reminders.open_details()  # the petitions are not overdue: the tasks are
    assert window.stack.currentWidget() is window.tasks
    assert window.tasks.overdue_box.isChecked()
    qtbot.waitUntil(lambda: [r.id for r in window.tasks.model.rows] == [late])
