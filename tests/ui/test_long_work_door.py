"""Long work through one door (issue #12, item 2): the job acts as the signed-in user on its own
connection, a failure is shown in Vietnamese (and logged when unexpected) and never printed as a
traceback, a read-only job does not refresh the screens, and one long job runs at a time."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from db import open_store
from db import petitions as pet
from db.store import Store
from desktop import crashlog
from desktop.core import intake, workflow
from desktop.core.intake import ImportResult
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from desktop.ui import actions
from desktop.ui.context import UiContext
from desktop.ui.dialogs import long_work
from desktop.ui.dialogs.import_file import ImportDialog
from desktop.ui.dialogs.import_scan import BUSY
from desktop.ui.dialogs.legal_registers import LegalRegisterDialog
from desktop.ui.dialogs.long_work import Progress, run_long_work
from desktop.ui.models.petition_table_model import COL_ORIGIN
from desktop.ui.qt import QDialog, Qt, QWidget
from desktop.ui.screens.petitions import PetitionsScreen
from tests import accounts
from tests.conftest import Clock
from tests.core.importers.fixtures import seed_rows, write_vpcp_docx
from tests.pdf_samples import render_petition_pdf
from tests.scan_samples import scanned_pdf

accounts_template = accounts.accounts_template  # the five accounts of tests/accounts.py
accounts_db = accounts.accounts_db
NOV_2 = dt.date(2026, 11, 2)


def _register(session: Session, *origins: str) -> list[int]:
    r = register_document(
        session,
        DocumentInput(received_on=NOV_2, sender="Văn phòng Chính phủ", sender_ref="5606/VPCP-QHĐP"),
        [PetitionInput(o, f"Kiến nghị của {o} về chuyển đổi số") for o in origins],
    )
    return list(r.petition_ids)


def _discard(d: QWidget) -> None:
    assert isinstance(d, QDialog)
    d.done(QDialog.DialogCode.Rejected)


def _import_dialog(qtbot: QtBot, ctx: UiContext, path: Path) -> ImportDialog:
    d = ImportDialog(ctx)
    qtbot.addWidget(d, before_close_func=_discard)
    d.show()
    d.choose_file = lambda: path  # type: ignore[method-assign]
    qtbot.mouseClick(d.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.current is not None, timeout=10_000)
    return d


def _origins(screen: PetitionsScreen) -> list[str]:
    m = screen.model
    return sorted(m.data(m.index(r, COL_ORIGIN)) for r in range(m.rowCount()))


# -- whose work ---------------------------------------------------------------------------------
def test_a_long_job_acts_as_the_signed_in_user_on_its_own_connection(
    qtbot: QtBot, clerk: UiContext, store: Store, clock: Clock
) -> None:
    [petition_id] = _register(clerk.session, "Thái Bình")
    ran: list[tuple[str, str | None, bool, bool, dt.date]] = []
    clock.today = dt.date(2026, 11, 20)  # the UI's today, pinned: the job has the same one

    def job(session: Session, progress: Progress) -> int:
        progress(0, 1)
        user = session.user.name if session.user is not None else None
        on_worker = threading.current_thread() is not threading.main_thread()
        own = session.store is not clerk.session.store
        ran.append((session.actor, user, own, on_worker, session.today()))
        return workflow.assign(session, petition_id, "CVT")

    done: list[int] = []
    work = run_long_work(clerk, None, "Đang giao", job, on_done=done.append)
    assert work is not None
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    assert ran == [("vanthu", "vanthu", True, True, dt.date(2026, 11, 20))]
    last = pet.events_of(store, petition_id)[-1]
    assert (last.actor, last.to_status) == ("vanthu", "assigned")


def test_an_import_is_recorded_under_the_signed_in_clerk(
    qtbot: QtBot, clerk: UiContext, store: Store, tmp_path: Path
) -> None:
    d = _import_dialog(qtbot, clerk, write_vpcp_docx(tmp_path / "5606.docx"))
    qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.result() == QDialog.DialogCode.Accepted, timeout=20_000)
    result = d.result_imported
    assert result is not None and result.petition_ids
    for pid in result.petition_ids:
        assert {e.actor for e in pet.events_of(store, pid)} == {"vanthu"}


# -- failures -----------------------------------------------------------------------------------
def _ledger(_session: Session, progress: Progress) -> int:
    progress(0, 1)
    totals: dict[str, int] = {}
    totals["quá hạn"] += 1  # a bug nobody foresaw: a KeyError
    return 0


def test_an_unexpected_failure_without_on_error_shows_the_dialog_and_is_logged(
    qtbot: QtBot,
    ctx: UiContext,
    shown: list[tuple[str, str]],
    capfd: pytest.CaptureFixture[str],
) -> None:
    _register(ctx.session, "An Giang", "Thái Bình")
    screen = PetitionsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 700)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2)
    done: list[int] = []
    work = run_long_work(ctx, screen, "Đang tính sổ", _ledger, on_done=done.append)
    assert work is not None
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    [(kind, text)] = shown
    assert kind == "error" and done == []
    assert text.startswith("Đã xảy ra lỗi không mong đợi: KeyError: 'quá hạn'.")
    assert f"Chi tiết đã được ghi vào «{crashlog.log_path()}»" in text
    log = crashlog.log_path().read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and "_ledger" in log
    assert "Traceback" not in capfd.readouterr().err  # nothing bare on stderr
    # The screen is usable: the progress window is gone, no job counts as running, and the
    # list still follows the data.
    assert not work.dialog.isVisible() and long_work.running() is None
    _register(ctx.session, "Vĩnh Phúc")
    ctx.changed()
    qtbot.waitUntil(lambda: _origins(screen) == ["An Giang", "Thái Bình", "Vĩnh Phúc"])
    again: list[int] = []
    assert run_long_work(ctx, screen, "Lại", lambda _s, _p: 7, on_done=again.append)
    qtbot.waitUntil(lambda: again == [7], timeout=10_000)


def test_a_refusal_without_on_error_is_shown_as_is_and_changes_nothing(
    qtbot: QtBot, clerk: UiContext, officer: UiContext, store: Store, shown: list[tuple[str, str]]
) -> None:
    [petition_id] = _register(clerk.session, "Thái Bình")
    before = pet.events_of(store, petition_id)

    def job(session: Session, progress: Progress) -> int:
        progress(0, 1)
        return workflow.assign(session, petition_id, "CVT")

    work = run_long_work(officer, None, "Đang giao", job, on_done=lambda _n: None)
    assert work is not None
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown == [
        (
            "error",
            "Người dùng «cv_vt» (chuyên viên, Cục Viễn thông) không được giao kiến nghị cho"
            " đơn vị: việc này cần vai trò văn thư.",
        )
    ]  # the officer's own rights, checked on the job's session
    assert pet.events_of(store, petition_id) == before
    assert not crashlog.log_path().exists()  # a refusal is not a bug: nothing logged


def test_on_error_gets_the_clerks_words_for_an_unexpected_failure(
    qtbot: QtBot, ctx: UiContext, shown: list[tuple[str, str]]
) -> None:
    errors: list[str] = []
    work = run_long_work(
        ctx, None, "Đang tính", _ledger, on_done=lambda _n: None, on_error=errors.append
    )
    assert work is not None
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert errors[0].startswith("Đã xảy ra lỗi không mong đợi: KeyError: 'quá hạn'.")
    assert shown == []  # shown in place by the caller, not in a second dialog


# -- refreshing ---------------------------------------------------------------------------------
def test_a_read_only_job_does_not_refresh_the_screens_a_writing_one_does(
    qtbot: QtBot,
    ctx: UiContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    _no_modal_dialogs: list[tuple[str, str]],
) -> None:
    _register(ctx.session, "An Giang", "Thái Bình")
    screen = PetitionsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 700)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2)
    refreshes: list[bool] = []
    ctx.bus.changed.connect(lambda: refreshes.append(True))
    # Another clerk registers a petition; this window does not know yet.
    other = Session(open_store(ctx.session.store.target), actor="vanthu2", system=True)
    _register(other, "Vĩnh Phúc")
    other.store.close()
    monkeypatch.setattr(actions, "ask_save_path", lambda *_a, **_k: tmp_path / "so.xlsx")
    work = actions.export_register(ctx, screen)
    assert work is not None
    qtbot.waitUntil(lambda: bool(_no_modal_dialogs), timeout=20_000)
    assert _no_modal_dialogs == [
        ("inform", f"Đã xuất 3 kiến nghị ra «{tmp_path / 'so.xlsx'}».")
    ]  # the file has the new petition, the list was not reloaded for it
    ctx.runner.wait()
    qtbot.wait(100)
    assert refreshes == [] and _origins(screen) == ["An Giang", "Thái Bình"]

    def write(session: Session, progress: Progress) -> None:
        progress(0, 1)
        _register(session, "Phú Yên")

    assert run_long_work(ctx, screen, "Đang vào sổ", write, on_done=lambda _r: None)
    qtbot.waitUntil(lambda: len(_origins(screen)) == 4, timeout=10_000)
    assert refreshes == [True]
    assert _origins(screen) == ["An Giang", "Phú Yên", "Thái Bình", "Vĩnh Phúc"]


# -- one at a time ------------------------------------------------------------------------------
def test_export_while_an_import_runs_is_refused_and_the_import_finishes(
    qtbot: QtBot,
    ctx: UiContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    _no_modal_dialogs: list[tuple[str, str]],
) -> None:
    d = _import_dialog(qtbot, ctx, write_vpcp_docx(tmp_path / "5606.docx"))
    reached, go_on = threading.Event(), threading.Event()
    real = intake.import_file

    def held_import(*args: Any, **kwargs: Any) -> ImportResult:
        reached.set()
        assert go_on.wait(20)  # the clerk picks Xuất Excel while Nhập is still running
        return real(*args, **kwargs)

    monkeypatch.setattr(intake, "import_file", held_import)
    dest = tmp_path / "so.xlsx"
    monkeypatch.setattr(actions, "ask_save_path", lambda *_a, **_k: dest)
    qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton)
    assert reached.wait(10)
    assert actions.export_register(ctx, None) is None
    assert _no_modal_dialogs == [
        (
            "inform",
            "Chưa làm được việc này vì việc trước chưa xong: đang vào sổ «5606.docx». Hãy đợi"
            " việc đó xong (hoặc bấm «Hủy» trong cửa sổ tiến độ của nó) rồi làm lại.",
        )
    ]
    assert not dest.exists()
    go_on.set()
    qtbot.waitUntil(lambda: d.result() == QDialog.DialogCode.Accepted, timeout=20_000)
    assert d.result_imported is not None and len(d.result_imported.petition_ids) == 6
    assert _no_modal_dialogs[-1][1].startswith("Đã vào sổ văn bản đến số 1/")
    # Once it is over, the export starts.
    work = actions.export_register(ctx, None)
    assert work is not None
    qtbot.waitUntil(lambda: dest.exists() and not work.worker.isRunning(), timeout=20_000)
    qtbot.waitUntil(lambda: "Đã xuất 6 kiến nghị" in _no_modal_dialogs[-1][1], timeout=20_000)


class _Held:
    """A long job (Đang tạo dữ liệu mẫu) held at its first progress report until `release()`."""

    def __init__(self, qtbot: QtBot, ctx: UiContext) -> None:
        self.qtbot, self.reached, self.go_on = qtbot, threading.Event(), threading.Event()
        self.done: list[int] = []

        def job(_session: Session, progress: Progress) -> int:
            progress(0, 1)
            self.reached.set()
            assert self.go_on.wait(20)
            return 1

        work = run_long_work(ctx, None, "Đang tạo dữ liệu mẫu", job, on_done=self.done.append)
        assert work is not None and self.reached.wait(10)

    def release(self) -> None:
        self.go_on.set()
        self.qtbot.waitUntil(lambda: self.done == [1], timeout=10_000)


HELD_NOTICE = (
    "inform",
    "Chưa làm được việc này vì việc trước chưa xong: đang tạo dữ liệu mẫu. Hãy đợi việc đó"
    " xong (hoặc bấm «Hủy» trong cửa sổ tiến độ của nó) rồi làm lại.",
)


def test_a_register_printed_while_another_job_runs_is_refused_in_place(
    qtbot: QtBot,
    ctx: UiContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    _no_modal_dialogs: list[tuple[str, str]],
) -> None:
    _register(ctx.session, "Thái Bình")
    dest = tmp_path / "so-den.xlsx"
    monkeypatch.setattr(actions, "ask_save_path", lambda *_a, **_k: dest)
    d = LegalRegisterDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    d.format_box.setCurrentIndex(d.format_box.findData("xlsx"))
    held = _Held(qtbot, ctx)
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    assert _no_modal_dialogs == [HELD_NOTICE]
    assert d.isVisible() and d.save_button.isEnabled() and d.work is None and not dest.exists()
    held.release()
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    assert dest.exists() and "1 dòng" in _no_modal_dialogs[-1][1]


def test_a_scan_chosen_while_another_job_runs_is_read_on_f5_once_it_is_over(
    qtbot: QtBot, ctx: UiContext, tmp_path: Path, _no_modal_dialogs: list[tuple[str, str]]
) -> None:
    text = render_petition_pdf(
        tmp_path / "5606.pdf",
        seed_rows()[:2],
        letter_number="5606/VPCP-QHĐP",
        letter_date=dt.date(2020, 7, 10),
        reply_by=dt.date(2020, 9, 15),
    )
    scan = scanned_pdf(text, tmp_path / "5606-quet.pdf")
    d = ImportDialog(ctx)
    qtbot.addWidget(d, before_close_func=_discard)
    d.show()
    held = _Held(qtbot, ctx)
    d.choose_file = lambda: scan  # type: ignore[method-assign]
    qtbot.mouseClick(d.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.error.text() == BUSY, timeout=10_000)
    assert _no_modal_dialogs == [HELD_NOTICE] and d.reading is None
    assert not d.import_button.isEnabled()
    held.release()
    assert d.reading is None  # the other job's refresh does not start an OCR by itself
    qtbot.mouseClick(d.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.reading is not None, timeout=10_000)
    work = d.reading
    assert work is not None
    work.cancel()  # no OCR needed here: the reading started, that is the point
    assert work.wait(60_000)
    qtbot.waitUntil(lambda: d.reading is None, timeout=10_000)
