"""The desktop on start: the day's backup, and a damaged file shown read-only with the advice."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db import backup as bk
from db import open_store
from db.store import StoreError
from desktop.ui import app
from tests import damage
from tests.cli.conftest import ROOT

# About the SQLite file itself (its WAL, backups, damage, the disk under it).
pytestmark = pytest.mark.sqlite_file


def test_first_start_of_the_day_makes_the_daily_backup(db_path: Path) -> None:
    notices: list[str] = []
    ctx = app.make_context(db_path, on_notice=notices.append)
    ctx.session.close()
    ctx = app.make_context(db_path, on_notice=notices.append)  # the second start: no new copy
    ctx.session.close()
    assert notices == []
    assert [b.reason for b in bk.list_backups(db_path)] == [bk.DAILY]


def test_the_desktop_makes_the_daily_backup_after_the_window_opens(
    qtbot: QtBot, db_path: Path
) -> None:
    """The window is up before the copy is made; the status bar says it, then that it is done."""
    from desktop.ui.main_window import MainWindow

    notices: list[str] = []
    ctx = app.make_context(db_path, on_notice=notices.append, backup_later=True)
    assert bk.list_backups(db_path) == []  # nothing copied before the window
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert app.start_daily_backup(ctx, window, notices.append)
    assert window.statusBar().currentMessage() == "Đang sao lưu tự động hằng ngày…"
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage() == "Đã sao lưu tự động hằng ngày.",
        timeout=10_000,
    )
    assert [b.reason for b in bk.list_backups(db_path)] == [bk.DAILY] and notices == []
    assert not app.start_daily_backup(ctx, window, notices.append)  # once a day
    window.close()
    ctx.runner.wait()
    ctx.session.close()


def test_damaged_database_is_shown_and_opened_read_only(
    qtbot: QtBot, db_path: Path, _no_modal_dialogs: list[tuple[str, str]]
) -> None:
    store = open_store(db_path)
    newest = bk.rotate(store, bk.DAILY)
    store.close()
    damaged = damage.corrupted_copy(db_path, db_path.with_name("hong.db"))
    assert newest is not None
    named = newest.with_name(newest.name.replace("kiennghi-", "hong-"))
    named.write_bytes(newest.read_bytes())

    ctx = app.make_context(damaged, on_notice=app._show_notice)

    [(kind, text)] = _no_modal_dialogs
    assert kind == "error" and "bị hỏng" in text and f"«{named}»" in text
    from desktop.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.petitions.model.busy, timeout=10_000)
    try:
        with ctx.session.store.write():
            pass
    except StoreError as exc:
        assert "bị hỏng" in str(exc)
    else:
        raise AssertionError("a write on a damaged database went through")
    assert [b.path for b in bk.list_backups(damaged)] == [named]  # no copy of the damage
    window.close()
    ctx.runner.wait()
    ctx.session.close()


def test_smoke_test_on_a_damaged_database_says_so_and_still_opens(db_path: Path) -> None:
    damage.corrupt_pages(db_path, "attachments")  # a table the first screen does not read
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(db_path), "--smoke-test"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "bị hỏng" in proc.stderr and "Traceback" not in proc.stderr
    assert "cửa sổ chính mở được" in proc.stdout
