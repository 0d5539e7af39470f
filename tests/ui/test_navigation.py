"""The navigation: an icon per screen, and live counts beside Kiến nghị, Quá hạn, Nhiệm vụ."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from desktop.core import workflow
from desktop.core.errors import DomainError
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.tasks import TaskInput, add_tasks
from desktop.ui.context import UiContext
from desktop.ui.main_window import MainWindow
from desktop.ui.widgets import navigation

NOV_2 = dt.date(2026, 11, 2)


def _register(ctx: UiContext, *origins: str) -> list[int]:
    r = register_document(
        ctx.session,
        DocumentInput(received_on=NOV_2, sender="Văn phòng Chính phủ"),
        [PetitionInput(o, f"Kiến nghị của {o}") for o in origins],
    )
    return r.petition_ids


def _texts(w: MainWindow) -> list[str]:
    return [w.nav.item(r).text() for r in range(w.nav.count())]


@pytest.fixture
def window(qtbot: QtBot, ctx: UiContext) -> MainWindow:
    ids = _register(ctx, "Thái Bình", "Vĩnh Phúc", "Hà Nội")  # due 16/11, today is later
    workflow.reply(ctx.session, [ids[0]], "answered", "Đã trả lời")
    add_tasks(
        ctx.session, [TaskInput("Báo cáo chuyển đổi số", unit="THH", due_on=dt.date(2026, 12, 30))],
        origin="Văn phòng Chính phủ", received_on=NOV_2,
    )  # fmt: skip
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.nav.counted, timeout=5000):
        w.show()
    return w


def test_every_entry_has_an_icon_and_the_lists_their_counts(window: MainWindow) -> None:
    texts = _texts(window)
    assert "Kiến nghị (3)" in texts and "Quá hạn (2)" in texts and "Nhiệm vụ (1)" in texts
    assert "Tổng quan" in texts and "Văn bản đến" in texts  # no count where none is meant
    for r in range(window.nav.count()):  # each drawn from its SVG, not an empty square
        image = window.nav.item(r).icon().pixmap(20, 20).toImage()
        inked = sum(image.pixelColor(x, y).alpha() > 0 for x in range(20) for y in range(20))
        assert inked > 20, window.nav.item(r).text()
    overdue = window.nav.item_for("overdue")
    assert overdue.foreground().color().name() == navigation.OVERDUE_COLOUR
    # The number is what the screen lists.
    window.show_screen("overdue")
    assert window.stack.currentWidget() is window.overdue


def test_counts_follow_the_writes(qtbot: QtBot, window: MainWindow) -> None:
    ctx = window.ctx
    (late,) = _register(ctx, "Bến Tre")  # received 2/11, overdue as well
    with qtbot.waitSignal(window.nav.counted, timeout=5000):
        ctx.changed()
    assert _texts(window)[3:5] == ["Kiến nghị (4)", "Quá hạn (3)"]
    workflow.reply(ctx.session, [late], "answered", "Đã trả lời")
    with qtbot.waitSignal(window.nav.counted, timeout=5000):
        ctx.changed()
    assert _texts(window)[3:5] == ["Kiến nghị (4)", "Quá hạn (2)"]


def test_many_writes_are_counted_once(qtbot: QtBot, window: MainWindow) -> None:
    arrived: list[int] = []
    window.nav.counted.connect(lambda: arrived.append(1))
    for _ in range(5):
        window.ctx.changed()
    qtbot.waitUntil(lambda: arrived == [1], timeout=5000)
    qtbot.wait(navigation.RECOUNT_DELAY_MS * 2)
    assert arrived == [1]


def test_thousands_are_written_the_vietnamese_way(window: MainWindow) -> None:
    window.nav._arrived(navigation.ScreenCounts(petitions=1234, overdue=916, tasks=12))
    assert _texts(window)[3:6] == ["Kiến nghị (1.234)", "Quá hạn (916)", "Nhiệm vụ (12)"]


def test_a_failed_count_leaves_the_entries_working(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails(session: object) -> None:
        raise DomainError("Mất kết nối tới máy chủ.")

    monkeypatch.setattr(navigation, "screen_counts", fails)
    window.nav.refresh_counts()
    qtbot.waitUntil(lambda: "Mất kết nối" in window.nav.toolTip(), timeout=5000)
    assert "Kiến nghị" in _texts(window) and "Quá hạn" in _texts(window)
    window.show_screen("tasks")
    assert window.stack.currentWidget() is window.tasks
