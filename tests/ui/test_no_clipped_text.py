"""No text of the main window is cut off: at 1366×768, and at 1920×1080 with 125 % scaling;
a crowded status bar says its reminder in short rather than cut at the edge; the part-done
list shows each unit's whole line."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db import open_store
from desktop.core import workflow
from desktop.core.agenda import ReminderCounts
from desktop.core.demo import generate_demo
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from desktop.ui.context import UiContext
from desktop.ui.dialogs.complete_part import CompletePartDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.models.petition_table_model import COL_STATUS
from desktop.ui.qt import QApplication, QComboBox
from desktop.ui.screens.petitions import PetitionsScreen
from tests.ui.clipping import clipped, combo_clipped, walk_screens

ROOT = Path(__file__).resolve().parents[2]
LONG_SERVER = "Máy chủ postgresql://kiennghi@may-chu-van-phong.mic.gov.vn:5432/kiennghi_2026"
LONG_USER = "cv_cds — chuyên viên, Cục Chuyển đổi số quốc gia"


def _settle(qtbot: QtBot, ctx: UiContext) -> None:
    for _ in range(3):
        ctx.runner.wait()
        qtbot.wait(60)


@pytest.fixture
def window(qtbot: QtBot, ctx: UiContext) -> MainWindow:
    generate_demo(ctx.session, 300)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    _settle(qtbot, ctx)
    return w


def test_nothing_is_cut_off_at_1366_by_768(qtbot: QtBot, window: MainWindow) -> None:
    assert (window.width(), window.height()) == (1366, 768)
    found = walk_screens(QApplication.instance(), window, lambda: _settle(qtbot, window.ctx))
    assert found == []


def test_a_crowded_status_bar_says_the_reminder_in_short(qtbot: QtBot, window: MainWindow) -> None:
    window.user_label.setText(LONG_USER)
    window.database_label.setText(LONG_SERVER)
    window.database_label.setToolTip(f"Cơ sở dữ liệu đang mở: {LONG_SERVER}")
    counts = ReminderCounts(
        overdue=1234, due_soon=15, days=2, until=dt.date(2026, 11, 25),
        tasks_overdue=12, tasks_due_soon=3,
    )  # fmt: skip
    window.reminders.counts = counts
    window.reminders._update_badge()
    _settle(qtbot, window.ctx)
    badge = window.reminders.badge
    assert badge.text() == "Kiến nghị: 1.234 quá hạn, 15 đến hạn; nhiệm vụ: 12 quá hạn, 3 đến hạn"
    assert clipped(window.statusBar()) == []
    window.resize(1900, 900)
    _settle(qtbot, window.ctx)
    assert badge.text().startswith("1.234 kiến nghị quá hạn, 15 kiến nghị đến hạn trong 2 ngày")
    assert clipped(window.statusBar()) == []


def test_the_part_done_list_shows_whole_lines(qtbot: QtBot, ctx: UiContext) -> None:
    r = register_document(
        ctx.session,
        DocumentInput(received_on=dt.date(2026, 11, 2), sender="Văn phòng Chính phủ"),
        [PetitionInput("Thái Bình", "Hoàn thiện trục tích hợp quốc gia")],
    )
    (pid,) = r.petition_ids
    workflow.assign(ctx.session, pid, "PTTH&TTĐT", due_on=dt.date(2027, 1, 15))
    for code in ("THH", "TĐTBD", "CĐSQG"):
        workflow.assign(ctx.session, pid, code, role="support", due_on=dt.date(2027, 1, 15))
    workflow.complete_part(ctx.session, pid, "THH", on=dt.date(2026, 11, 23))
    dialog = CompletePartDialog(ctx, pid)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [dialog.unit_list.item(i).text() for i in range(dialog.unit_list.count())]
    assert any("— hạn 15/01/2027 — đã hoàn thành 23/11/2026" in t for t in texts), texts
    fm = dialog.unit_list.fontMetrics()
    room = dialog.unit_list.viewport().width()
    for t in texts:
        assert max(fm.horizontalAdvance(line) for line in t.splitlines()) + 8 <= room, t
    assert clipped(dialog) == []


@pytest.mark.sqlite_file
def test_nothing_is_cut_off_at_1920_by_1080_scaled_125_percent(tmp_path: Path) -> None:
    """Qt reads QT_SCALE_FACTOR once, at start: the window opens in a subprocess, on a demo
    file, offscreen with a device pixel ratio of 1.25 (fonts and widgets drawn 25 % larger,
    as on a Windows laptop set to 125 %); what is measured is in its logical pixels."""
    db_file = tmp_path / "demo.db"
    session = Session(open_store(db_file), actor="demo")
    try:
        generate_demo(session, 300)
    finally:
        session.close()
    env = {**os.environ, "QT_SCALE_FACTOR": "1.25", "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, "-m", "tests.ui.clipping", str(db_file), "1920", "1080"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["ratio"] == 1.25 and result["size"] == [1536, 864]
    assert result["clipped"] == []


def test_the_dashboards_choices_fit_their_boxes(qtbot: QtBot, window: MainWindow) -> None:
    """Every entry of the dashboard's period and kind boxes, not only the one chosen."""
    window.show_screen("dashboard")
    _settle(qtbot, window.ctx)
    boxes = window.dashboard.findChildren(QComboBox)
    assert boxes
    found = [(b.currentText(), combo_clipped(b, items=True)) for b in boxes]
    assert [f for f in found if f[1]] == []


def test_the_longest_status_fits_its_column(qtbot: QtBot, ctx: UiContext) -> None:
    r = register_document(
        ctx.session,
        DocumentInput(received_on=dt.date(2026, 11, 2), sender="Văn phòng Chính phủ"),
        [PetitionInput("Thái Bình", "Cơ chế đặc thù cho khu công nghệ thông tin tập trung")],
    )
    workflow.reply(ctx.session, r.petition_ids, "escalated", "Vượt thẩm quyền của Bộ")
    screen = PetitionsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1366, 700)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    text = screen.model.data(screen.model.index(0, COL_STATUS))
    assert text == "Vượt thẩm quyền, đã báo cáo"
    need = screen.table.fontMetrics().horizontalAdvance(text) + 8  # the cell's own padding
    assert need <= screen.table.columnWidth(COL_STATUS)
