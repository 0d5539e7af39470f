import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from db.petition_filter import PetitionFilter
from desktop.core import workflow
from desktop.core.agenda import ReminderCounts
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.ui import reminders as reminders_mod
from desktop.ui.context import UiContext
from desktop.ui.qt import QMainWindow, QSystemTrayIcon, Qt
from desktop.ui.reminders import CHECK_INTERVAL_MS, Reminders
from tests.conftest import Clock

D = dt.date


def _register(ctx: UiContext, dues: list[D]) -> list[int]:
    r = register_document(
        ctx.session,
        DocumentInput(received_on=D(2026, 11, 2), sender="Văn phòng Chính phủ"),
        [
            PetitionInput(f"Tỉnh {i}", "Dịch vụ công trực tuyến", due_on=d)
            for i, d in enumerate(dues)
        ],
    )
    return r.petition_ids


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    w = QMainWindow()
    qtbot.addWidget(w)
    w.resize(1366, 768)  # room for the whole sentence (a narrow bar shows the short form)
    w.show()
    return w


@pytest.fixture
def notified(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    calls: list[tuple[str, str]] = []
    monkeypatch.setattr(Reminders, "notify", lambda self, title, text: calls.append((title, text)))
    return calls


def _start(qtbot: QtBot, ctx: UiContext, window: QMainWindow) -> Reminders:
    r = Reminders(ctx, window)
    with qtbot.waitSignal(r.counts_changed, timeout=5000):
        r.show_startup_notice()
    return r


def test_startup_notice_in_the_status_bar(
    qtbot: QtBot, ctx: UiContext, clock: Clock, window: QMainWindow, notified: list[object]
) -> None:
    # Monday 23/11/2026; 24/11 is a holiday, so "within 2 working days" runs to 26/11.
    _register(ctx, [D(2026, 11, 20), D(2026, 11, 13), D(2026, 11, 6), D(2026, 11, 23),
                    D(2026, 11, 25), D(2026, 11, 26), D(2026, 11, 27)])  # fmt: skip
    r = _start(qtbot, ctx, window)
    text = "3 kiến nghị quá hạn, 3 kiến nghị đến hạn trong 2 ngày làm việc"
    assert r.notice_text() == text
    assert r.counts == ReminderCounts(3, 3, 2, D(2026, 11, 26))
    assert r.badge.text() == text and r.badge.isVisible()
    assert window.statusBar().isAncestorOf(r.badge)
    assert "#b00020" in r.badge.styleSheet()
    assert notified == []  # the startup notice is the status line, not a popup
    with qtbot.waitSignal(r.open_list) as sig:
        qtbot.mouseClick(r.badge, Qt.MouseButton.LeftButton)
    assert sig.args == [PetitionFilter(overdue_on=D(2026, 11, 23))]


def test_notice_before_counts_and_when_quiet(
    qtbot: QtBot, ctx: UiContext, window: QMainWindow, notified: list[object]
) -> None:
    r = Reminders(ctx, window)
    assert r.notice_text() == "Đang kiểm tra hạn xử lý…"
    with qtbot.waitSignal(r.counts_changed):
        r.show_startup_notice()
    assert r.notice_text() == "Không có kiến nghị quá hạn hay đến hạn trong 2 ngày làm việc tới."
    assert "#b00020" not in r.badge.styleSheet()
    with qtbot.waitSignal(r.open_agenda):
        qtbot.mouseClick(r.badge, Qt.MouseButton.LeftButton)
    assert notified == []


def test_a_write_that_adds_work_notifies(
    qtbot: QtBot, ctx: UiContext, window: QMainWindow, notified: list[tuple[str, str]]
) -> None:
    _register(ctx, [D(2026, 11, 20)])
    r = _start(qtbot, ctx, window)
    assert notified == []
    _register(ctx, [D(2026, 11, 25), D(2026, 11, 10)])
    with qtbot.waitSignal(r.counts_changed):
        ctx.changed()
    assert notified == [
        (reminders_mod.TITLE, "2 kiến nghị quá hạn, 1 kiến nghị đến hạn trong 2 ngày làm việc")
    ]
    assert r.badge.text() == notified[0][1]


def test_fewer_after_a_reply_updates_quietly(
    qtbot: QtBot, ctx: UiContext, window: QMainWindow, notified: list[object]
) -> None:
    overdue, _soon = _register(ctx, [D(2026, 11, 20), D(2026, 11, 25)])
    r = _start(qtbot, ctx, window)
    workflow.reply(ctx.session, [overdue], "answered", "Đã trả lời")
    with qtbot.waitSignal(r.counts_changed):
        ctx.changed()
    assert (
        r.notice_text() == "Không có kiến nghị quá hạn, 1 kiến nghị đến hạn trong 2 ngày làm việc"
    )
    assert notified == []


def test_timer_tick_on_a_new_day_notifies(
    qtbot: QtBot, ctx: UiContext, clock: Clock, window: QMainWindow, notified: list[object]
) -> None:
    _register(ctx, [D(2026, 11, 25)])
    r = _start(qtbot, ctx, window)
    assert r.timer.isActive() and r.timer.interval() == CHECK_INTERVAL_MS
    assert r.counts is not None and (r.counts.overdue, r.counts.due_soon) == (0, 1)
    clock.today = D(2026, 11, 26)  # the app stayed open: 25/11 has passed
    with qtbot.waitSignal(r.counts_changed):
        r.timer.timeout.emit()
    assert r.notice_text().startswith("1 kiến nghị quá hạn")
    assert len(notified) == 1


def test_no_change_no_notification(
    qtbot: QtBot, ctx: UiContext, window: QMainWindow, notified: list[object]
) -> None:
    _register(ctx, [D(2026, 11, 20)])
    r = _start(qtbot, ctx, window)
    with qtbot.waitSignal(r.checked):
        ctx.changed()
    assert notified == []


def test_tray_only_where_there_is_one(ctx: UiContext, window: QMainWindow) -> None:
    r = Reminders(ctx, window)
    assert (r.tray is not None) == QSystemTrayIcon.isSystemTrayAvailable()
    r.notify("x", "y")  # without a tray: nothing, and no error


def test_tasks_late_or_due_are_reminded_beside_the_petitions(
    qtbot: QtBot, ctx: UiContext, clock: Clock, window: QMainWindow, notified: list[object]
) -> None:
    from desktop.core.tasks import TaskInput, add_tasks

    def task(due: D) -> None:
        add_tasks(
            ctx.session, [TaskInput("Báo cáo chuyển đổi số", unit="THH", due_on=due)],
            origin="Văn phòng Chính phủ", received_on=D(2026, 11, 2),
        )  # fmt: skip

    task(D(2026, 11, 20))  # overdue on Monday 23/11
    task(D(2026, 11, 25))  # due within 2 working days (24/11 is a holiday)
    r = _start(qtbot, ctx, window)
    assert r.notice_text() == (
        "Không có kiến nghị quá hạn hay đến hạn trong 2 ngày làm việc tới; nhiệm vụ: 1 quá hạn,"
        " 1 đến hạn"
    )
    assert "color: #b00020" in r.badge.styleSheet()  # a task overdue is overdue work too
    assert r.badge.toolTip() == "Bấm để mở danh sách nhiệm vụ quá hạn."
    with qtbot.waitSignal(r.open_tasks, timeout=1000):
        r.open_details()
    # One more task late while the app runs: the tray says so, as for petitions.
    task(D(2026, 11, 19))
    with qtbot.waitSignal(r.checked, timeout=5000):
        ctx.changed()
    assert notified and "nhiệm vụ: 2 quá hạn" in str(notified[-1])
    _register(ctx, [D(2026, 11, 13)])
    with qtbot.waitSignal(r.checked, timeout=5000):
        ctx.changed()
    assert r.notice_text().startswith("1 kiến nghị quá hạn")
    assert r.notice_text().endswith("; nhiệm vụ: 2 quá hạn, 1 đến hạn")
