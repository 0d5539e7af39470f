"""A query that fails for real (a table gone from the database for a moment) shows its message
where the clerk looks, on each kind of screen, and nothing stays "loading": once the table is
back, F5 (every screen reloads on `bus.changed`) shows the data again.

The registers (Kiến nghị, Văn bản đến, Văn bản đi) are tested in test_register_screen.py and
test_paged_registers.py, the detail pane in test_register_screen.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop.core import agency_settings, corrections
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.ui.context import UiContext
from desktop.ui.dialogs.withdraw import ReinstateDialog
from desktop.ui.screens.dashboard import DashboardScreen
from desktop.ui.screens.settings import SettingsScreen
from desktop.ui.screens.tasks import TasksScreen
from desktop.ui.widgets.duplicate_warning import DuplicateWarning
from desktop.ui.widgets.navigation import Navigation

NOV_2 = dt.date(2026, 11, 2)
Lose = Callable[[str], None]


def _rename(ctx: UiContext, old: str, new: str) -> None:
    with ctx.session.store.write() as conn:
        conn.execute(f"ALTER TABLE {old} RENAME TO {new}")


class _Lost:
    """Tables renamed away (lost for a moment); `back()` returns them, as teardown does."""

    def __init__(self, ctx: UiContext) -> None:
        self.ctx, self.away = ctx, list[str]()

    def __call__(self, table: str) -> None:
        _rename(self.ctx, table, f"{table}_away")
        self.away.append(table)

    def back(self) -> None:
        while self.away:
            table = self.away.pop()
            _rename(self.ctx, f"{table}_away", table)


@pytest.fixture
def lose(ctx: UiContext) -> Iterator[_Lost]:
    lost = _Lost(ctx)
    yield lost
    ctx.runner.wait()
    lost.back()


@pytest.fixture
def petition(ctx: UiContext) -> int:
    r = register_document(
        ctx.session,
        DocumentInput(received_on=NOV_2, sender="Văn phòng Chính phủ", sender_ref="5606/VPCP-QHĐP"),
        [PetitionInput("Thái Bình", "Hoàn thiện trục tích hợp dữ liệu quốc gia về chuyển đổi số")],
    )
    return r.petition_ids[0]


def _shown(qtbot: QtBot, widget: object) -> None:
    qtbot.addWidget(widget)
    widget.resize(1200, 700)  # type: ignore[attr-defined]
    widget.show()  # type: ignore[attr-defined]


def test_dashboard_says_its_numbers_could_not_be_read(
    qtbot: QtBot, ctx: UiContext, petition: int, lose: _Lost
) -> None:
    lose("petitions")
    screen = DashboardScreen(ctx)
    _shown(qtbot, screen)
    qtbot.waitUntil(lambda: "Không đọc được số liệu" in screen.period_error.text(), timeout=5000)
    assert "petitions" in screen.period_error.text()  # the reason, as the engine gave it
    lose.back()
    ctx.changed()  # F5
    qtbot.waitUntil(lambda: screen.period_error.text() == "", timeout=5000)
    qtbot.waitUntil(lambda: screen.data is not None and screen.data.stats.received == 1)


def test_tasks_screen_says_so_instead_of_loading_forever(
    qtbot: QtBot, ctx: UiContext, lose: _Lost
) -> None:
    screen = TasksScreen(ctx)
    _shown(qtbot, screen)
    qtbot.waitUntil(lambda: _settled(screen.status.text()), timeout=5000)
    lose("tasks")
    ctx.changed()
    qtbot.waitUntil(lambda: "Không tải được nhiệm vụ" in screen.status.text(), timeout=5000)
    lose.back()
    ctx.changed()
    qtbot.waitUntil(lambda: _settled(screen.status.text()), timeout=5000)


def _settled(status: str) -> bool:
    return status != "Đang tải nhiệm vụ…" and "Không tải được" not in status


def test_settings_unread_are_not_saved_over_the_stored_ones(
    qtbot: QtBot, ctx: UiContext, lose: _Lost
) -> None:
    screen = SettingsScreen(ctx)
    _shown(qtbot, screen)
    qtbot.waitUntil(lambda: screen.agency_code.text() != "", timeout=5000)
    stored = screen.agency_code.text()
    lose("settings")
    screen.reload()
    qtbot.waitUntil(lambda: "Không đọc được cài đặt" in screen.message.text(), timeout=5000)
    lose.back()
    screen.agency_code.setText("KHAC")
    screen.save()  # Ctrl+S on a form that does not hold the stored settings: refused
    assert screen.message.text().startswith("Chưa đọc được cài đặt đang lưu nên chưa lưu gì")
    assert agency_settings.load_settings(ctx.session.store).agency_code == stored
    ctx.changed()  # F5: read again although the form was typed in
    qtbot.waitUntil(lambda: screen.agency_code.text() == stored, timeout=5000)
    assert screen.message.text() == ""


def test_reinstate_dialog_says_the_list_could_not_be_read(
    qtbot: QtBot, ctx: UiContext, petition: int, lose: _Lost
) -> None:
    corrections.withdraw(ctx.session, petition, "Vào sổ nhầm")
    lose("petitions")
    dialog = ReinstateDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "Không đọc được" in dialog.status.text(), timeout=5000)
    assert dialog.status.text().startswith("Không đọc được các kiến nghị đã rút: ")
    assert not dialog.save_button.isEnabled() and dialog.list.count() == 0


def test_duplicate_check_failing_says_so_in_its_line(
    qtbot: QtBot, ctx: UiContext, petition: int, lose: _Lost
) -> None:
    rows = [("Thái Bình", "Hoàn thiện trục tích hợp dữ liệu quốc gia về chuyển đổi số")]
    warning = DuplicateWarning(ctx, lambda: rows, lambda: NOV_2 + dt.timedelta(days=30))
    _shown(qtbot, warning)
    warning.check_now()
    qtbot.waitUntil(lambda: warning.text().startswith("Có thể trùng"), timeout=5000)
    lose("petitions")
    warning.check_now()
    qtbot.waitUntil(lambda: "Không kiểm tra được trùng lặp" in warning.text(), timeout=5000)
    lose.back()
    warning.check_now()  # the next pause in typing checks again
    qtbot.waitUntil(lambda: warning.text().startswith("Có thể trùng"), timeout=5000)


def test_navigation_says_why_its_counts_are_missing(
    qtbot: QtBot, ctx: UiContext, petition: int, lose: _Lost
) -> None:
    nav = Navigation(ctx)
    _shown(qtbot, nav)
    nav.refresh_counts()
    qtbot.waitUntil(lambda: nav.counts is not None, timeout=5000)
    lose("petitions")
    nav.refresh_counts()
    qtbot.waitUntil(lambda: "Không đếm được" in nav.toolTip(), timeout=5000)
    assert nav.counts is None
    lose.back()
    nav.refresh_counts()
    qtbot.waitUntil(lambda: nav.counts is not None and nav.toolTip() == "", timeout=5000)
