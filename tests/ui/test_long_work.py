"""The long-work runner (progress, Cancel, errors) and the menu actions built on it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

import db.backup
from db import open_store
from desktop.core.errors import DomainError
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from desktop.ui import actions, ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs.long_work import LongWork, Progress, run_long_work
from desktop.ui.qt import QProgressDialog, QPushButton, Qt, QTimer
from tests.helpers import content_digest


def _press_cancel(qtbot: QtBot, work: LongWork[Any]) -> None:
    """Click the progress dialog's Cancel button, as the clerk would."""
    qtbot.waitUntil(work.dialog.isVisible, timeout=5000)
    button = work.dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Hủy"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _petitions(path: Path) -> int:
    with open_store(path, migrate=False) as store:
        return int(store.scalar("SELECT count(*) FROM petitions"))


# -- the runner ---------------------------------------------------------------------------------
def test_cancel_rolls_back_what_the_job_wrote(qtbot: QtBot, ctx: UiContext) -> None:
    path = ctx.session.store.target
    before = content_digest(path)
    done: list[object] = []

    def job(session: Session, progress: Progress) -> int:
        deadline = time.monotonic() + 20
        i = 0
        with session.store.write() as conn:
            while time.monotonic() < deadline:  # until Cancel makes progress() raise
                conn.execute("INSERT INTO settings (key, value) VALUES (?, '1')", [f"x{i}"])
                i += 1
                progress(i, 10_000_000)
        return i

    work = run_long_work(ctx, None, "Đang thử", job, on_done=done.append)
    qtbot.waitUntil(lambda: work.dialog.value() > 100, timeout=5000)
    assert "Đang thử" in work.dialog.labelText()
    _press_cancel(qtbot, work)
    assert work.wait(10_000)
    qtbot.waitUntil(lambda: work.cancelled)
    assert not work.dialog.isVisible()
    assert done == []
    assert content_digest(path) == before


def test_window_keeps_processing_events_while_the_job_runs(qtbot: QtBot, ctx: UiContext) -> None:
    release = threading.Event()
    done: list[int] = []
    ticks: list[int] = []

    def job(session: Session, progress: Progress) -> int:
        progress(0, 1)
        assert release.wait(20)
        progress(1, 1)
        return int(session.store.scalar("SELECT count(*) FROM units"))

    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    work = run_long_work(ctx, None, "Đang chờ", job, on_done=done.append)
    qtbot.waitUntil(lambda: len(ticks) >= 20, timeout=5000)
    assert work.worker.isRunning() and done == []
    release.set()
    qtbot.waitUntil(lambda: done != [], timeout=5000)
    timer.stop()
    assert done[0] > 10
    work.wait()


def test_an_exception_is_reported_through_on_error(qtbot: QtBot, ctx: UiContext) -> None:
    path = ctx.session.store.target
    before = content_digest(path)
    errors: list[str] = []
    done: list[object] = []

    def job(session: Session, progress: Progress) -> None:
        with session.store.write() as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES ('half', '1')")
            progress(1, 2)
            raise DomainError("Tệp hỏng ở dòng 3.")

    with qtbot.waitSignal(ctx.bus.changed, timeout=5000):
        work = run_long_work(ctx, None, "Đang nhập", job, on_done=done.append,
                             on_error=errors.append)  # fmt: skip
    work.wait()
    assert errors == ["Tệp hỏng ở dòng 3."] and done == []
    assert content_digest(path) == before


# -- the menu actions ----------------------------------------------------------------------------
class Gate:
    """Holds the job at its first progress report after real work, until the test says go on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reached = threading.Event()
        self.proceed = threading.Event()
        real = actions.run_long_work

        def gated_run(ctx: UiContext, parent: Any, title: str, job: Callable[..., Any],
                      **kw: Any) -> LongWork[Any]:  # fmt: skip
            def gated_job(session: Session, progress: Progress) -> Any:
                def report(done: int, total: int) -> None:
                    if done > 0 and not self.reached.is_set():
                        self.reached.set()
                        self.proceed.wait(20)
                    progress(done, total)

                return job(session, report)

            return real(ctx, parent, title, gated_job, **kw)

        monkeypatch.setattr(actions, "run_long_work", gated_run)

    def cancel_there(self, qtbot: QtBot, work: LongWork[Any]) -> None:
        """Wait for the held report, press Cancel, let the job go on (to its rollback)."""
        qtbot.waitUntil(self.reached.is_set, timeout=10_000)
        _press_cancel(qtbot, work)
        self.proceed.set()
        assert work.wait(20_000)
        qtbot.waitUntil(lambda: work.cancelled)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(ask, "inform", lambda _p, title, text: said.append((title, text)))
    monkeypatch.setattr(ask, "error", lambda _p, title, text: said.append(("LỖI " + title, text)))
    monkeypatch.setattr(ask, "confirm", lambda _p, _title, _text: True)
    return said


def _save_to(monkeypatch: pytest.MonkeyPatch, dest: Path | None) -> None:
    monkeypatch.setattr(actions, "ask_save_path", lambda *_a, **_k: dest)


@pytest.fixture
def registered(ctx: UiContext) -> UiContext:
    register_document(
        ctx.session,
        DocumentInput(received_on=ctx.session.today(), sender="Văn phòng Chính phủ"),
        [PetitionInput(f"Tỉnh {i}", f"Kiến nghị về chuyển đổi số số {i}") for i in range(30)],
    )
    return ctx


def test_export_writes_the_register(
    qtbot: QtBot, registered: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str]],
) -> None:  # fmt: skip
    _save_to(monkeypatch, tmp_path / "so-kien-nghi")  # the .xlsx is added
    work = actions.export_register(registered, None)
    assert work is not None
    qtbot.waitUntil(lambda: messages != [], timeout=10_000)
    dest = tmp_path / "so-kien-nghi.xlsx"
    assert messages == [("Xuất sổ", f"Đã xuất 30 kiến nghị ra «{dest}».")]
    sheet = load_workbook(dest).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 31 and "Kiến nghị về chuyển đổi số số 0" in {str(c) for c in rows[-1]}


def test_export_cancelled_leaves_no_file(
    qtbot: QtBot, registered: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str]],
) -> None:  # fmt: skip
    gate = Gate(monkeypatch)
    _save_to(monkeypatch, tmp_path / "so.xlsx")
    work = actions.export_register(registered, None)
    assert work is not None
    gate.cancel_there(qtbot, work)
    assert list(tmp_path.glob("so.xlsx*")) == []
    assert messages == []


def test_export_backed_out_of_the_file_dialog_starts_nothing(
    registered: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    _save_to(monkeypatch, None)
    assert actions.export_register(registered, None) is None


def test_backup_is_a_sound_copy(
    qtbot: QtBot, registered: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str]],
) -> None:  # fmt: skip
    dest = tmp_path / "sao-luu" / "ban.db"
    _save_to(monkeypatch, dest)
    work = actions.backup(registered, None)
    assert work is not None
    qtbot.waitUntil(lambda: messages != [], timeout=10_000)
    assert messages == [("Sao lưu", f"Đã sao lưu vào «{dest}».")]
    with open_store(dest, migrate=False) as copy:
        assert copy.check() == []
    assert _petitions(dest) == 30


@pytest.mark.sqlite_file  # the online backup API's page steps
def test_backup_cancelled_deletes_the_partial_file(
    qtbot: QtBot, registered: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str]],
) -> None:  # fmt: skip
    monkeypatch.setattr(db.backup, "PAGES_PER_STEP", 2)  # several steps even on a small file
    gate = Gate(monkeypatch)
    dest = tmp_path / "ban.db"
    _save_to(monkeypatch, dest)
    work = actions.backup(registered, None)
    assert work is not None
    qtbot.waitUntil(gate.reached.is_set, timeout=10_000)
    # A partial copy under a hidden temporary name while the job is held, never under `dest`.
    assert not dest.exists() and list(tmp_path.glob(".ban.db.*.part"))
    gate.cancel_there(qtbot, work)
    assert not dest.exists() and not list(tmp_path.glob(".ban.db*")) and messages == []


def test_backup_refuses_an_existing_file(
    qtbot: QtBot, ctx: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str]],
) -> None:  # fmt: skip
    dest = tmp_path / "co-roi.db"
    dest.write_bytes(b"giu nguyen")
    _save_to(monkeypatch, dest)
    work = actions.backup(ctx, None)
    assert work is not None
    qtbot.waitUntil(lambda: messages != [], timeout=10_000)
    assert messages[0][0] == "LỖI Không sao lưu được" and "đã tồn tại" in messages[0][1]
    assert dest.read_bytes() == b"giu nguyen"


def test_demo_data_is_added(qtbot: QtBot, ctx: UiContext, messages: list[tuple[str, str]]) -> None:
    path = ctx.session.store.target
    work = actions.generate_demo(ctx, None, 300)
    assert work is not None
    qtbot.waitUntil(lambda: messages != [], timeout=20_000)
    assert messages == [("Tạo dữ liệu mẫu", "Đã tạo 300 kiến nghị mẫu.")]
    assert _petitions(path) == 300


def test_demo_cancelled_leaves_the_database_as_it_was(
    qtbot: QtBot, ctx: UiContext, monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str]],
) -> None:  # fmt: skip
    path = ctx.session.store.target
    before = content_digest(path)
    gate = Gate(monkeypatch)
    work = actions.generate_demo(ctx, None, actions.DEMO_BATCH * 3)
    assert work is not None
    qtbot.waitUntil(gate.reached.is_set, timeout=20_000)
    # The first batch is written (inside the one transaction) when Cancel is pressed.
    gate.cancel_there(qtbot, work)
    assert content_digest(path) == before and messages == []


def test_demo_not_confirmed_starts_nothing(ctx: UiContext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ask, "confirm", lambda *_a: False)
    assert actions.generate_demo(ctx, None, 100) is None


def test_demo_count_is_asked_when_not_given(
    qtbot: QtBot, ctx: UiContext, monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str]],
) -> None:  # fmt: skip
    asked: list[int] = []
    monkeypatch.setattr(actions, "ask_count", lambda _p, _t, _l, value: asked.append(value) or 120)
    work = actions.generate_demo(ctx, None)
    assert work is not None and asked == [actions.DEMO_DEFAULT]
    qtbot.waitUntil(lambda: messages != [], timeout=20_000)
    assert messages == [("Tạo dữ liệu mẫu", "Đã tạo 120 kiến nghị mẫu.")]
    monkeypatch.setattr(actions, "ask_count", lambda *_a: None)
    assert actions.generate_demo(ctx, None) is None


def test_progress_dialog_is_window_modal(qtbot: QtBot, ctx: UiContext) -> None:
    work = run_long_work(ctx, None, "Đang thử", lambda _s, _p: 1, on_done=lambda _r: None)
    assert isinstance(work.dialog, QProgressDialog)
    assert work.dialog.windowModality() == Qt.WindowModality.WindowModal
    assert work.wait()
