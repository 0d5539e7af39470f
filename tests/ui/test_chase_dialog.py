"""Đôn đốc đơn vị quá hạn (the chase dialog) and In phiếu giải quyết, with real widgets."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db import letters as reg
from db import open_store
from desktop.core import audit, chasing, users
from desktop.core.chasing import ChaseResult
from desktop.core.letters.model import Letter
from desktop.core.session import Session
from desktop.ui.bus import DataBus
from desktop.ui.context import UiContext
from desktop.ui.dialogs import chase, chase_text, routing_slip
from desktop.ui.dialogs.long_work import LongWork
from desktop.ui.main_window import MainWindow
from desktop.ui.qt import QPrinter
from desktop.ui.screens.petitions import PetitionsScreen
from desktop.ui.worker import QueryRunner
from tests import accounts
from tests.chase_setup import LATE_TASK, overdue_work, petitions
from tests.core.letters.test_chase import docx_text, pdf_text

accounts_template = accounts.accounts_template  # the five accounts of tests/accounts.py
accounts_db = accounts.accounts_db


@pytest.fixture
def opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    folders: list[Path] = []
    monkeypatch.setattr(chase, "open_folder", folders.append)
    return folders


def _dialog(ctx: UiContext, qtbot: QtBot, rows: int) -> chase.ChaseDialog:
    dialog = chase.ChaseDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded)
    assert dialog.unit.count() == rows
    return dialog


def _run(dialog: chase.ChaseDialog, qtbot: QtBot) -> None:
    with qtbot.waitSignal(dialog.finished, timeout=30_000):
        work = dialog.write()
        assert work is not None
    assert work.wait()


def test_all_units_issued_as_pdf(
    ctx: UiContext,
    qtbot: QtBot,
    tmp_path: Path,
    opened: list[Path],
    _no_modal_dialogs: list[tuple[str, str]],
) -> None:
    overdue_work(ctx.session)
    dialog = _dialog(ctx, qtbot, 3)
    assert [dialog.unit.itemText(i) for i in range(3)] == [
        "Tất cả 2 đơn vị có việc quá hạn",
        "Cục An toàn thông tin — 01 kiến nghị",
        "Cục Tin học hóa — 02 kiến nghị và 01 nhiệm vụ",
    ]
    assert "2 đơn vị còn 03 kiến nghị và 01 nhiệm vụ quá hạn" in dialog.summary.text()
    out = tmp_path / "don-doc"
    dialog.dest.setText(str(out))
    dialog.format.setCurrentIndex(1)  # PDF
    assert dialog.dest.text() == str(out)  # all units: a folder
    dialog.issue.setChecked(True)
    _run(dialog, qtbot)
    assert [r.reference for r in dialog.results] == ["01/BTTTT-VP", "02/BTTTT-VP"]
    assert sorted(p.name for p in out.iterdir()) == [
        "don-doc-CATTT-2026-11-23.pdf",
        "don-doc-THH-2026-11-23.pdf",
    ]
    assert LATE_TASK.rstrip(".") in pdf_text(out / "don-doc-THH-2026-11-23.pdf")
    (said,) = [text for kind, text in _no_modal_dialogs if kind == "inform"]
    assert said.splitlines()[1:] == [
        "- Cục An toàn thông tin: số 01/BTTTT-VP (don-doc-CATTT-2026-11-23.pdf)",
        "- Cục Tin học hóa: số 02/BTTTT-VP (don-doc-THH-2026-11-23.pdf)",
    ]
    assert opened == [out]


def test_one_unit_draft_as_docx(
    ctx: UiContext, qtbot: QtBot, tmp_path: Path, opened: list[Path]
) -> None:
    overdue_work(ctx.session)
    dialog = _dialog(ctx, qtbot, 3)
    dialog.dest.setText(str(tmp_path / "out"))
    (tmp_path / "out").mkdir()
    dialog.unit.setCurrentIndex(2)  # Cục Tin học hóa
    expected = tmp_path / "out" / "don-doc-THH-2026-11-23.docx"
    assert dialog.dest.text() == str(expected)  # one unit: a file named for it
    dialog.open_after.setChecked(False)
    _run(dialog, qtbot)
    (result,) = dialog.results
    assert (result.path, result.reference) == (expected, None)
    text = docx_text(expected)
    assert "02 kiến nghị và 01 nhiệm vụ" in text and "Số: /BTTTT-VP" in text
    assert [r.number for r in reg.list_letters(ctx.session.store)] == [None]
    assert opened == []


def test_a_refusal_stays_in_the_dialog(ctx: UiContext, qtbot: QtBot, tmp_path: Path) -> None:
    overdue_work(ctx.session)
    dialog = _dialog(ctx, qtbot, 3)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    dialog.dest.setText(str(blocker))  # all units into a file: refused by the core
    work = dialog.write()
    assert work is not None
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=30_000)
    assert work.wait()
    assert "là một tệp, không phải thư mục" in dialog.error.text()
    assert dialog.write_button.isEnabled() and dialog.result() == 0  # still open, to try again
    assert reg.list_letters(ctx.session.store) == []


def test_nothing_overdue_says_so(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = _dialog(ctx, qtbot, 0)
    assert "không đơn vị nào có kiến nghị hoặc nhiệm vụ quá hạn" in dialog.summary.text()
    assert not dialog.write_button.isEnabled() and not dialog.unit.isEnabled()


def test_the_main_window_menu_opens_it(
    ctx: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[object] = []
    monkeypatch.setattr(chase, "open_chase", lambda c, parent: shown.append(parent))
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    action = w.actions_by_text[chase_text.MENU_TEXT]
    assert action.isEnabled()
    action.trigger()
    assert shown == [w]


def test_routing_slip_from_the_register_as_pdf(
    ctx: UiContext, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hai_phong, _, _ = petitions(ctx.session)
    screen = PetitionsScreen(ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3)
    row = next(r for r in range(3) if screen.model.rows[r].id == hai_phong)
    screen.table.selectRow(row)
    pdf = tmp_path / "phieu"
    monkeypatch.setattr(routing_slip, "ask_save_path", lambda *args: pdf)
    shown: list[routing_slip.RoutingSlipDialog] = []

    def clerk_saves(dialog: routing_slip.RoutingSlipDialog) -> None:
        shown.append(dialog)
        assert "PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN" in dialog.view.toPlainText()
        assert dialog.save_pdf()

    monkeypatch.setattr(routing_slip, "run_dialog", clerk_saves)
    # Right-clicked on the chosen row itself (a click elsewhere would choose that row instead).
    screen._row_menu(screen.table.visualRect(screen.model.index(row, 1)).center())
    (action,) = [a for a in screen.row_menu.actions() if a.text() == routing_slip.MENU_TEXT]
    assert action.isEnabled()
    action.trigger()
    saved = pdf.with_name("phieu.pdf")
    text = pdf_text(saved)
    assert "BỘ THÔNG TIN VÀ TRUYỀN THÔNG PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN" in text
    assert "Đơn vị chủ trì: Cục Tin học hóa" in text and "Thời hạn giải quyết: 15/09/2026" in text
    (event,) = audit.events(ctx.session, group="print")
    assert event.detail["screen"] == "routing_slip" and event.detail["file"] == "phieu.pdf"
    assert shown[0].done_to == str(saved)


def test_routing_slip_to_the_printer(
    ctx: UiContext, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hai_phong, _, _ = petitions(ctx.session)
    paper = tmp_path / "paper.pdf"

    def choose(parent: object, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(paper))
        return True

    monkeypatch.setattr(routing_slip.printing, "choose_printer", choose)
    monkeypatch.setattr(routing_slip, "run_dialog", lambda d: d.print_now())
    assert routing_slip.open_routing_slip(ctx, None, hai_phong)
    out = subprocess.run(["pdftotext", str(paper), "-"], capture_output=True, check=True)
    assert "Kiến nghị của Hải Phòng:" in out.stdout.decode()


def test_cancel_leaves_no_letter_and_no_file(
    ctx: UiContext, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    overdue_work(ctx.session)
    dialog = _dialog(ctx, qtbot, 3)
    out = tmp_path / "out"
    dialog.dest.setText(str(out))
    dialog.issue.setChecked(True)
    real = chasing.renderer
    holder: list[LongWork[list[ChaseResult]]] = []
    known = threading.Event()

    def cancel_while_rendering(session: Session, fmt: str) -> chasing.Render:
        render = real(session, fmt)

        def then_cancel(letter: Letter) -> bytes:
            assert known.wait(10)  # the worker may get here before write() has returned
            holder[0].cancel()  # Cancel pressed while the first letter is rendered
            return render(letter)

        return then_cancel

    monkeypatch.setattr(chasing, "renderer", cancel_while_rendering)
    work = dialog.write()
    assert work is not None
    holder.append(work)
    known.set()
    qtbot.waitUntil(lambda: work.cancelled, timeout=30_000)
    assert work.wait()
    assert reg.list_letters(ctx.session.store) == []
    assert [p for p in out.iterdir()] == []  # the staging folder removed too
    # Its own slot on the same signal: it may run just after the one that marked the cancel.
    qtbot.waitUntil(dialog.write_button.isEnabled)


def test_an_officer_is_told_why_not(qtbot: QtBot, accounts_db: object, clock: object) -> None:
    store = open_store(accounts_db)
    try:
        overdue_work(Session(store, user=users.find_user(store, "vanthu"), today=clock))
        officer = Session(store, user=users.find_user(store, "cv_thh"), today=clock)
        ctx = UiContext(officer, QueryRunner(store.target), DataBus())
        dialog = _dialog(ctx, qtbot, 3)  # the units are shown: everyone reads the register
        assert not dialog.write_button.isEnabled() and not dialog.issue.isEnabled()
        assert "chỉ được soạn dự thảo công văn cho kiến nghị giao" in dialog.error.text()
        assert "cấp số và ban hành công văn" in dialog.issue.toolTip()
        ctx.runner.wait()
    finally:
        store.close()
