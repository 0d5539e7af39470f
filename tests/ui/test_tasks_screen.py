"""Nhiệm vụ: the task register of seed 003, its filters, its detail and progress entry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.tasks import TaskInput, add_tasks, import_notice, report_progress
from desktop.core.tasks import progress as progress_of
from desktop.ui.context import UiContext
from desktop.ui.dialogs.progress import ProgressDialog
from desktop.ui.models.task_table_model import (
    COL_DONE,
    COL_DUE,
    COL_DUE_TEXT,
    COL_ID,
    COL_LEAD,
    COL_NOTICE,
    COL_STATUS,
    COL_SUPPORT,
)
from desktop.ui.qt import QAbstractItemModelTester, QShortcut, Qt
from desktop.ui.screens.tasks import TasksScreen
from tests.conftest import Clock
from tests.helpers import content_digest
from tests.ui.conftest import type_text
from tests.ui.saving import wait_accepted, wait_text
from tests.ui.task_fixtures import RECEIVED, expected_tasks, import_seed

D = dt.date
TITLE = "Kết luận của Bộ trưởng Nguyễn Mạnh Hùng tại Hội nghị giao ban công tác QLNN với các Sở"


@pytest.fixture
def seeded(ctx: UiContext, clock: Clock, tmp_path: Path) -> list[int]:
    clock.today = RECEIVED
    return import_seed(ctx.session, tmp_path).task_ids


@pytest.fixture
def screen(qtbot: QtBot, ctx: UiContext, seeded: list[int]) -> TasksScreen:
    s = TasksScreen(ctx)
    qtbot.addWidget(s)
    s.resize(1300, 760)
    s.show()
    qtbot.waitUntil(lambda: s.model.rowCount() == len(seeded))
    return s


def _column(s: TasksScreen, col: int) -> list[str]:
    m = s.model
    return [m.data(m.index(r, col)) for r in range(m.rowCount())]


def _choose(qtbot: QtBot, s: TasksScreen, box_name: str, data: object) -> None:
    box = getattr(s, box_name)
    with qtbot.waitSignal(s.loaded, timeout=5000):
        box.setCurrentIndex(box.findData(data))


def test_every_task_is_listed_with_notice_units_and_deadlines(
    screen: TasksScreen, seeded: list[int]
) -> None:
    expected = expected_tasks()
    assert _column(screen, COL_ID) == [str(i) for i in seeded]
    assert _column(screen, COL_LEAD) == [t["unit"] for t in expected]
    assert _column(screen, COL_DUE_TEXT) == [t["due_text"] for t in expected]
    assert _column(screen, COL_DUE) == [
        f"{D.fromisoformat(t['due_on']):%d/%m/%Y}" if t["due_on"] else "" for t in expected
    ]
    assert all(cell.startswith(TITLE[:60]) for cell in _column(screen, COL_NOTICE))
    assert _column(screen, COL_SUPPORT)[0] == "Tổng Công ty Bưu điện Việt Nam (VNPost)"
    statuses = _column(screen, COL_STATUS)
    # The provinces' departments are outside the catalogue: registered, given to nobody.
    outside = [i for i, t in enumerate(expected) if t["unit"].startswith("Sở TTTT")]
    assert outside and {statuses[i] for i in outside} == {"Chưa giao"}
    assert {s for i, s in enumerate(statuses) if i not in outside} == {"Đang thực hiện"}
    assert set(_column(screen, COL_DONE)) == {""}
    assert screen.status.text() == f"{len(seeded)} nhiệm vụ."
    QAbstractItemModelTester(
        screen.model, QAbstractItemModelTester.FailureReportingMode.Fatal
    )  # fmt: skip


def test_filters_by_unit_status_overdue_and_notice_change_the_rows_exactly(
    qtbot: QtBot, ctx: UiContext, clock: Clock, screen: TasksScreen, seeded: list[int]
) -> None:
    expected = expected_tasks()
    thh = [str(seeded[i]) for i, t in enumerate(expected) if t["unit"] == "Cục Tin học hóa"]
    _choose(qtbot, screen, "unit_box", "THH")
    assert _column(screen, COL_ID) == thh and len(thh) == 14
    # A supporting unit's tasks are its work too: Vụ CNTT supports one Cục Viễn thông task.
    _choose(qtbot, screen, "unit_box", "CNTT")
    cntt = [
        str(seeded[i])
        for i, t in enumerate(expected)
        if t["unit"] == "Vụ Công nghệ thông tin" or "Vụ Công nghệ thông tin" in t["support_units"]
    ]
    assert _column(screen, COL_ID) == cntt and len(cntt) == 2
    _choose(qtbot, screen, "unit_box", None)

    first = seeded[0]
    report_progress(ctx.session, first, "Đã hoàn thành hệ thống mã bưu chính", done=True)
    ctx.changed()
    qtbot.waitUntil(lambda: _column(screen, COL_STATUS)[0] == "Đã hoàn thành")
    _choose(qtbot, screen, "status_box", "answered")
    assert _column(screen, COL_ID) == [str(first)]
    assert _column(screen, COL_DONE) == ["05/03/2020"]
    _choose(qtbot, screen, "status_box", None)

    clock.today = D(2020, 4, 1)  # past the March deadlines
    late = [
        str(seeded[i])
        for i, t in enumerate(expected)
        if t["due_on"] and D.fromisoformat(t["due_on"]) < clock.today
    ]
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        screen.overdue_box.setChecked(True)
    assert _column(screen, COL_ID) == late and len(late) == 8
    m = screen.model
    assert all(
        m.data(m.index(r, COL_DUE), Qt.ItemDataRole.ForegroundRole) is not None
        for r in range(m.rowCount())
    )
    assert screen.status.text() == "8 nhiệm vụ; 8 quá hạn (chữ đỏ)."
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        screen.overdue_box.setChecked(False)
    assert screen.model.rowCount() == len(seeded)
    row_first = screen.model.row_of(first)
    assert row_first is not None
    assert m.data(m.index(row_first, COL_DUE), Qt.ItemDataRole.ForegroundRole) is None  # done

    # A task typed by hand belongs to no notice: the notice filter leaves it out.
    (by_hand,) = add_tasks(
        ctx.session, [TaskInput("Tổng hợp báo cáo quý", unit="VP")],
        origin="Lãnh đạo Bộ", received_on=D(2020, 3, 20),
    )  # fmt: skip
    ctx.changed()
    qtbot.waitUntil(lambda: screen.model.rowCount() == len(seeded) + 1)
    assert screen.notice_box.count() == 2
    _choose(qtbot, screen, "notice_box", screen.notice_box.itemData(1))
    assert _column(screen, COL_ID) == [str(i) for i in seeded]
    assert str(by_hand) not in _column(screen, COL_ID)


def test_the_detail_shows_the_task_and_its_progress(
    qtbot: QtBot, ctx: UiContext, clock: Clock, screen: TasksScreen, seeded: list[int]
) -> None:
    clock.today = D(2020, 3, 20)
    task_id = seeded[1]  # Cục Viễn thông, with Vụ CNTT supporting
    report_progress(ctx.session, task_id, "Đã họp với các doanh nghiệp", on=D(2020, 3, 10))
    report_progress(
        ctx.session, task_id, "Vụ CNTT đã góp ý", on=D(2020, 3, 12), unit="CNTT", done=True
    )
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        ctx.changed()
    screen.table.selectRow(1)
    browser = screen.detail.browser
    qtbot.waitUntil(lambda: "Vụ CNTT đã góp ý" in browser.toPlainText())
    text = browser.toPlainText()
    assert f"Nhiệm vụ mã {task_id}: Đang thực hiện" in text
    assert "phổ cập điện thoại thông minh" in text
    assert f"Thông báo: văn bản đến số 1/2020, nhận ngày 05/03/2020\n{TITLE}" in text
    assert (
        "Lĩnh vực: Viễn thông   Chủ trì: Cục Viễn thông   Phối hợp: Vụ Công nghệ thông tin\n"
        "Thời hạn: (không ghi)   Hạn: —\n"
    ) in text
    assert (
        "Đơn vị được giao:\nChủ trì: Cục Viễn thông, hạn 31/12/2020\n"
        "Phối hợp: Vụ Công nghệ thông tin, hạn 31/12/2020, đã hoàn thành 12/03/2020\n"
    ) in text
    progress = text[text.index("Báo cáo tiến độ") :]
    assert progress.split("\n")[1:] == [
        "Ngày", "Đơn vị", "Nội dung", "Hoàn thành", "Tệp",
        "10/03/2020", "Cục Viễn thông", "Đã họp với các doanh nghiệp", "", "",
        "12/03/2020", "Vụ Công nghệ thông tin", "Vụ CNTT đã góp ý", "✓", "", "",
    ]  # fmt: skip


def test_progress_entry_records_a_report_and_the_row_changes_in_place(
    qtbot: QtBot,
    ctx: UiContext,
    clock: Clock,
    screen: TasksScreen,
    seeded: list[int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock.today = D(2020, 3, 16)
    scan = tmp_path / "bao-cao-THH.pdf"
    scan.write_bytes(b"%PDF-1.4 bao cao")
    row = 5  # Cục Tin học hóa: the e-Government resolution, due in week 11
    task_id = seeded[row]
    seen: list[str] = []

    def fill_and_save(d: ProgressDialog) -> int:
        assert not d.unit_box.isVisibleTo(d)  # one unit: nothing to choose
        d.pick_files = lambda: [scan]  # type: ignore[method-assign]
        d.files.add_button.click()
        d.date_edit.setDate(D(2020, 3, 31))  # in the future: refused, said, nothing written
        type_text(d.text_edit, "Đã trình Bộ trưởng ký ban hành")
        d.done_box.setChecked(True)
        before = content_digest(ctx.session.store.target)
        d.save()
        seen.append(wait_text(qtbot, ctx, d.date_error, "ở tương lai"))
        assert content_digest(ctx.session.store.target) == before
        d.date_edit.setDate(D(2020, 3, 13))
        d.save()
        wait_accepted(qtbot, ctx, d)
        return d.result()

    monkeypatch.setattr(ProgressDialog, "exec", fill_and_save)
    screen.table.selectRow(row)
    assert screen.progress_button.isEnabled()
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        qtbot.mouseClick(screen.progress_button, Qt.MouseButton.LeftButton)
    assert seen == ["Ngày báo cáo 31/03/2020 ở tương lai."]
    (report,) = progress_of(ctx.session, task_id)
    assert (report.reported_on, report.text, report.done, report.files) == (
        D(2020, 3, 13), "Đã trình Bộ trưởng ký ban hành", True, ("bao-cao-THH.pdf",),
    )  # fmt: skip
    assert report.unit_name == "Cục Tin học hóa"
    assert _column(screen, COL_STATUS)[row] == "Đã hoàn thành"
    assert _column(screen, COL_DONE)[row] == "13/03/2020"
    assert screen.selected_task_id() == task_id  # the same row stays selected
    assert not screen.progress_button.isEnabled()  # done: nothing more to report
    assert screen.progress_button.toolTip() == (
        "Nhiệm vụ đã hoàn thành: không ghi báo cáo tiến độ thêm."
    )
    qtbot.waitUntil(lambda: "bao-cao-THH.pdf" in screen.detail.browser.toPlainText())


def test_progress_dialog_offers_the_units_of_a_shared_task(
    qtbot: QtBot, ctx: UiContext, clock: Clock, seeded: list[int]
) -> None:
    clock.today = D(2020, 3, 20)
    task_id = seeded[1]  # Cục Viễn thông lead, Vụ CNTT supporting
    d = ProgressDialog(ctx, task_id)
    qtbot.addWidget(d)
    assert [d.unit_box.itemData(i) for i in range(d.unit_box.count())] == ["CVT", "CNTT"]
    d.unit_box.setCurrentIndex(1)
    type_text(d.text_edit, "Vụ CNTT đã xong phần việc")
    d.done_box.setChecked(True)
    d.save()
    wait_accepted(qtbot, ctx, d)
    (report,) = progress_of(ctx.session, task_id)
    assert report.unit_name == "Vụ Công nghệ thông tin" and report.done
    d2 = ProgressDialog(ctx, task_id)
    qtbot.addWidget(d2)
    assert "đã hoàn thành 20/03/2020" in d2.unit_box.itemText(1)


def test_a_second_notice_is_offered_in_the_notice_filter(
    qtbot: QtBot, ctx: UiContext, screen: TasksScreen, seeded: list[int]
) -> None:
    from desktop.core.tasks import NoticeInput

    notice = NoticeInput(
        received_on=D(2020, 3, 5), sender="Văn phòng Chính phủ", number="4324/VPCP-KSTT",
        issued_on=D(2020, 3, 4), title="Chỉ đạo về thủ tục hành chính",
    )  # fmt: skip
    import_notice(ctx.session, notice, [TaskInput("Rà soát thủ tục", unit="VP")])
    ctx.changed()
    qtbot.waitUntil(lambda: screen.notice_box.count() == 3)
    assert screen.notice_box.itemText(1) == "Số 4324/VPCP-KSTT ngày 04/03/2020 (số đến 2/2020)"
    _choose(qtbot, screen, "notice_box", screen.notice_box.itemData(1))
    assert _column(screen, COL_NOTICE) == ["Số 4324/VPCP-KSTT ngày 04/03/2020"]


def test_chase_opens_the_chase_dialog_on_the_overdue_units(
    qtbot: QtBot,
    ctx: UiContext,
    clock: Clock,
    screen: TasksScreen,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desktop.ui.dialogs.chase import ChaseDialog

    clock.today = D(2020, 4, 1)
    opened: list[ChaseDialog] = []
    monkeypatch.setattr(ChaseDialog, "exec", lambda self: opened.append(self) or 0)
    assert screen.chase_button.isEnabled()
    qtbot.mouseClick(screen.chase_button, Qt.MouseButton.LeftButton)
    (dialog,) = opened
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded)
    names = {u.unit.name: u.tasks for u in dialog.units}
    # The 8 tasks past their March deadlines, by lead unit, and Vụ TCCB supporting one.
    assert names == {
        "Cục Tin học hóa": 5, "Cục An toàn thông tin": 1, "Văn phòng Bộ": 2,
        "Vụ Tổ chức cán bộ": 1,
    }  # fmt: skip


def test_notice_report_writes_the_chosen_notice_as_of_a_day(
    qtbot: QtBot,
    ctx: UiContext,
    clock: Clock,
    screen: TasksScreen,
    seeded: list[int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import openpyxl

    from desktop.ui.dialogs.notice_report import NoticeReportDialog

    clock.today = D(2020, 4, 10)
    report_progress(ctx.session, seeded[5], "Đã ban hành Thông tư", done=True, on=D(2020, 3, 13))
    assert not screen.report_button.isEnabled()  # no notice chosen, no task selected
    screen.table.selectRow(5)
    assert screen.report_button.isEnabled()
    dest = tmp_path / "bao-cao.xlsx"
    said: list[str] = []

    def fill_and_save(d: NoticeReportDialog) -> int:
        assert d.path_edit.text().endswith("bao-cao-thong-bao-1-2020.docx")
        d.xlsx_button.setChecked(True)
        assert d.path_edit.text().endswith("bao-cao-thong-bao-1-2020.xlsx")
        d.as_of.setDate(D(2020, 4, 20))  # in the future: the core's refusal, said here
        d.path_edit.setText(str(dest))
        d.save()
        assert not d.save_button.isEnabled()  # written off the UI thread: Lưu waits for it
        qtbot.waitUntil(lambda: bool(d.error.text()))
        said.append(d.error.text())
        assert not dest.exists() and d.save_button.isEnabled()
        d.as_of.setDate(D(2020, 3, 31))
        with qtbot.waitSignal(d.finished, timeout=10_000):
            d.save()
        return d.result()

    monkeypatch.setattr(NoticeReportDialog, "exec", fill_and_save)
    qtbot.mouseClick(screen.report_button, Qt.MouseButton.LeftButton)
    assert said == [
        "Ngày báo cáo 20/04/2020 ở tương lai (hôm nay là 10/04/2020): chỉ báo cáo được tình"
        " hình đến hôm nay hoặc một ngày đã qua."
    ]
    cells = [
        str(c.value)
        for ws in openpyxl.load_workbook(dest).worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    ]
    assert any("Đã ban hành Thông tư" in c for c in cells)
    assert any("Hoàn thiện, trình Bộ trưởng xem xét" in c for c in cells)


def test_ctrl_t_opens_the_progress_entry_of_the_selected_task(
    qtbot: QtBot, screen: TasksScreen, seeded: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[int] = []
    monkeypatch.setattr(ProgressDialog, "exec", lambda self: opened.append(self.task_id) or 0)
    screen.activateWindow()
    qtbot.waitActive(screen)
    screen.table.selectRow(2)
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert opened == [seeded[2]]


def test_a_task_typed_by_hand_joins_the_register_and_is_selected(
    qtbot: QtBot,
    ctx: UiContext,
    screen: TasksScreen,
    seeded: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desktop.ui.dialogs.add_task import AddTaskDialog

    def fill_and_save(d: AddTaskDialog) -> int:
        type_text(d.origin, "Văn phòng Chính phủ (Văn bản 4324/VPCP-KSTT)")
        type_text(d.content, "Báo cáo kết quả triển khai Đề án 06 trước kỳ họp Chính phủ.")
        type_text(d.lead, "THH")
        type_text(d.due_text, "tháng 4/2020")
        # As exec() does: back as soon as the write closes the dialog, before the refresh.
        with qtbot.waitSignal(d.finished, timeout=5000):
            d.save()
        return d.result()

    monkeypatch.setattr(AddTaskDialog, "exec", fill_and_save)
    assert screen.add_button.isEnabled()
    # Ctrl+Shift+N is the button's shortcut. Clicked, not typed: a key press whose handler
    # accepts a dialog loses its key releases offscreen, and Ctrl and Shift would stay down
    # for the next tests' clicks.
    keys = {s.key().toString() for s in screen.findChildren(QShortcut)}
    assert "Ctrl+Shift+N" in keys
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        qtbot.mouseClick(screen.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.model.rowCount() == len(seeded) + 1)
    new_id = screen.selected_task_id()
    assert new_id is not None and new_id not in seeded
    assert _column(screen, COL_LEAD)[screen.model.row_of(new_id)] == "Cục Tin học hóa"
    # The last working day of April 2020: the 30th is Reunification Day.
    assert _column(screen, COL_DUE)[screen.model.row_of(new_id)] == "29/04/2020"
