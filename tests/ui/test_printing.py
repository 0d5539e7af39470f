"""Ctrl+P: the rows on screen printed with phone and CCCD numbers masked, each print recorded
in the audit log before the pages go out; greyed out, with the core's reason, for an officer."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from db import open_store
from db.store import Store
from desktop.core import audit, printouts, users
from desktop.core.permissions import PermissionDenied
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from desktop.ui import printing
from desktop.ui.bus import DataBus
from desktop.ui.context import UiContext
from desktop.ui.main_window import MainWindow
from desktop.ui.qt import QApplication, QPrinter, Qt
from desktop.ui.worker import QueryRunner
from tests import accounts
from tests.conftest import Clock
from tests.helpers import outside

accounts_template = accounts.accounts_template  # the five accounts of tests/accounts.py
accounts_db = accounts.accounts_db

PHONE, CCCD = "0912 345 678", "001203004567"


@pytest.fixture
def store(accounts_db: Any) -> Iterator[Store]:
    s = open_store(accounts_db)
    clerk = Session(s, user=users.find_user(s, "vanthu"))
    register_document(
        clerk,
        DocumentInput(received_on=dt.date(2026, 11, 2), sender="Văn phòng Chính phủ"),
        [
            PetitionInput(f"Ông An, ĐT {PHONE}", f"Lắp trạm BTS, CCCD {CCCD}, theo 5606/VPCP"),
            PetitionInput("Vĩnh Phúc", "Quy định về định danh, xác thực điện tử"),
        ],
    )
    yield s
    _answers_in()  # before the store closes: a screen's late answer may read it (its rights)
    s.close()


_runners: list[QueryRunner] = []


def _answers_in() -> None:
    while _runners:
        _runners.pop().wait()
    QApplication.processEvents()


@pytest.fixture(autouse=True)
def _answers_in_before_closing(qtbot: QtBot) -> Iterator[None]:
    yield
    _answers_in()


def _window(qtbot: QtBot, store: Store, name: str, clock: Clock) -> MainWindow:
    session = Session(store, user=users.find_user(store, name), today=clock)
    ctx = UiContext(session, QueryRunner(store.target), DataBus())
    _runners.append(ctx.runner)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w.show_screen("petitions")
    qtbot.waitUntil(lambda: w.petitions.model.rowCount() == 2)
    return w


def _to_pdf(path: Path) -> Any:
    """The print dialog's stand-in: the chosen printer is a PDF file."""

    def choose(parent: object, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return True

    return choose


def _pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def _prints(store: Store) -> list[audit.AuditEvent]:
    return audit.events(Session(store, user=users.find_user(store, "lanhdao")), group="print")


def test_ctrl_p_prints_the_rows_masked_and_records_it(
    qtbot: QtBot, store: Store, clock: Clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = _window(qtbot, store, "vanthu", clock)
    pdf = tmp_path / "danh-sach.pdf"
    shown: list[printing.PrintPreviewDialog] = []

    def preview(dialog: printing.PrintPreviewDialog) -> None:
        shown.append(dialog)
        assert dialog.print_now()  # the clerk clicks In… in the preview

    monkeypatch.setattr(printing, "choose_printer", _to_pdf(pdf))
    monkeypatch.setattr(printing, "run_preview", preview)
    assert w.actions_by_text["In danh sách…"].isEnabled()
    w.petitions.table.horizontalHeader().setSectionHidden(4, True)  # Lĩnh vực
    qtbot.keyClick(w, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(shown) == 1 and shown[0].printed
    text = _pdf_text(pdf)
    assert "Sổ theo dõi kiến nghị" in text and "2 dòng" in text and "Vĩnh Phúc" in text
    assert "0912 *** 678" in text and PHONE not in text
    assert "Lĩnh vực" not in text  # the hidden column is not printed
    # The screen still shows the number whole: the clerk needs it.
    assert any(PHONE in (r.origin or "") for r in w.petitions.model.rows)
    (event,) = _prints(store)
    assert (event.actor, event.detail["rows"], event.detail["masked"]) == ("vanthu", 2, True)
    assert event.detail["file"] == "danh-sach.pdf" and event.detail["screen"] == "petitions"


def test_the_preview_pages_are_masked_too(
    qtbot: QtBot, store: Store, clock: Clock, tmp_path: Path
) -> None:
    session = Session(store, user=users.find_user(store, "lanhdao"), today=clock)
    sheet = printouts.prepare(
        session, title="Sổ theo dõi kiến nghị", headers=["Nơi kiến nghị"],
        rows=[[f"ĐT {PHONE}"]], screen="petitions",
    )  # fmt: skip
    dialog = printing.PrintPreviewDialog(session, sheet)
    qtbot.addWidget(dialog)
    plain = dialog.document.toPlainText()
    assert "0912 *** 678" in plain and PHONE not in plain
    # Printing without any dialog: a PDF printer, the pages and their record.
    printer = printing.landscape_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "so.pdf"))
    printing.print_sheet(session, sheet, printer)
    assert "ĐT 0912 *** 678" in _pdf_text(tmp_path / "so.pdf")
    (event,) = _prints(store)
    assert event.actor == "lanhdao" and event.detail["file"] == "so.pdf"


def test_an_officer_sees_printing_greyed_out_with_the_cores_reason(
    qtbot: QtBot,
    store: Store,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
    _no_modal_dialogs: list[tuple[str, str]],
) -> None:
    w = _window(qtbot, store, "cv_vt", clock)
    action = w.actions_by_text["In danh sách…"]
    assert not action.isEnabled()
    session = Session(store, user=users.find_user(store, "cv_vt"))
    with pytest.raises(PermissionDenied) as refused:
        printouts.prepare(session, title="x", headers=[], rows=[], screen="petitions")
    assert action.toolTip() == str(refused.value)
    assert "cần vai trò quản trị, văn thư hoặc lãnh đạo" in action.toolTip()
    monkeypatch.setattr(printing, "run_preview", lambda dialog: pytest.fail("no preview"))
    qtbot.keyClick(w, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # nothing happens
    assert _no_modal_dialogs == []
    w.print_list()  # reached anyway (a role changed meanwhile): the core refuses, said in a box
    assert _no_modal_dialogs == [("error", str(refused.value))]
    assert _prints(store) == []


@pytest.mark.tampers  # the log is taken away behind the app
def test_a_print_that_cannot_be_recorded_is_not_printed(
    qtbot: QtBot, store: Store, clock: Clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = _window(qtbot, store, "vanthu", clock)
    pdf = tmp_path / "khong-in.pdf"
    shown: list[printing.PrintPreviewDialog] = []

    def preview(dialog: printing.PrintPreviewDialog) -> None:
        shown.append(dialog)
        outside(store, "DROP TABLE audit_events")
        assert not dialog.print_now()

    monkeypatch.setattr(printing, "choose_printer", _to_pdf(pdf))
    monkeypatch.setattr(printing, "run_preview", preview)
    w.print_list()
    (dialog,) = shown
    assert not dialog.printed and not pdf.exists()
    assert dialog.error.text().startswith("Không ghi được nhật ký in")
    assert "chưa có gì được in" in dialog.error.text()
