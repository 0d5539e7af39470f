"""Attachments searchable in the desktop: a file attached at Vào sổ is read off the UI thread,
the register's search shows "trong tệp đính kèm: …" for it, and the detail says why a file
could not be read."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db import attachment_text as repo
from desktop.core import attachment_text as at
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs.register_document import RegisterDocumentDialog
from desktop.ui.models.petition_table_model import COL_EXCERPT, HTML_ROLE
from desktop.ui.qt import QDialog, Qt, QWidget
from desktop.ui.screens.petitions import PetitionsScreen
from tests.attachment_files import write_docx
from tests.ui.conftest import type_text


@pytest.fixture(autouse=True)
def _no_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ask, "confirm", lambda *_args: False)


def _screen(qtbot: QtBot, ctx: UiContext, rows: int) -> PetitionsScreen:
    screen = PetitionsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1300, 700)
    screen.show()
    qtbot.waitExposed(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == rows)
    return screen


def _discard(d: QWidget) -> None:
    assert isinstance(d, QDialog)
    d.done(QDialog.DialogCode.Rejected)


def test_a_file_attached_at_registration_is_read_off_the_ui_thread_and_found(
    qtbot: QtBot, ctx: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = DocumentInput(received_on=dt.date(2026, 11, 2), sender="UBND thành phố Hà Nội")
    register_document(ctx.session, earlier, [PetitionInput("Hà Nội", "Quản lý tin nhắn rác")])
    docx = write_docx(tmp_path / "Biên bản.docx", "Sự cố", cell="Cáp quang biển APG bị đứt")
    threads: list[bool] = []
    real = at.read_text

    def spy(*args: object, **kwargs: object) -> at.Reading:
        threads.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(at, "read_text", spy)
    d = RegisterDocumentDialog(ctx)
    qtbot.addWidget(d, before_close_func=_discard)
    d.show()
    qtbot.waitExposed(d)
    qtbot.waitUntil(lambda: d.completions_ready)
    type_text(d.sender_edit, "Văn phòng Chính phủ")
    d.pick_files = lambda: [docx]  # type: ignore[method-assign]
    qtbot.mouseClick(d.files.add_button, Qt.MouseButton.LeftButton)
    row = d.grid.rows[0]
    type_text(row.origin, "Khánh Hòa")
    type_text(row.content, "Khắc phục sự cố mạng")
    with qtbot.waitSignal(d.registered):
        qtbot.keyClick(row.origin, Qt.Key.Key_Return)
    ctx.runner.wait()
    qtbot.waitUntil(lambda: threads == [False])  # read once, on a worker thread
    assert repo.unread(ctx.session.store) == []

    screen = _screen(qtbot, ctx, 2)
    type_text(screen.search_box, "cáp quang biển")
    qtbot.waitUntil(lambda: [r.origin for r in screen.model.rows] == ["Khánh Hòa"], timeout=3000)
    model = screen.model
    shown = str(model.data(model.index(0, COL_EXCERPT)))
    assert shown.startswith("trong tệp đính kèm: Biên bản.docx: ")
    html = str(model.data(model.index(0, COL_EXCERPT), HTML_ROLE))
    assert "<b>Cáp quang biển</b>" in html
    status = screen.status
    qtbot.waitUntil(lambda: status.text() == "1 kiến nghị khớp «cáp quang biển».", timeout=3000)
    screen.grab().save(str(tmp_path / "attachment-search.png"))


def test_the_detail_says_why_a_file_could_not_be_read(
    qtbot: QtBot, ctx: UiContext, tmp_path: Path
) -> None:
    r = register_document(
        ctx.session, DocumentInput(received_on=dt.date(2026, 11, 2), sender="UBND tỉnh Lạng Sơn"),
        [PetitionInput("Lạng Sơn", "Hỗ trợ sóng di động biên giới")],
    )  # fmt: skip
    broken = tmp_path / "hỏng.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    at.attach(ctx.session, r.document_id, [broken])
    screen = _screen(qtbot, ctx, 1)
    screen.table.selectRow(0)
    browser = screen.detail.browser
    qtbot.waitUntil(lambda: "hỏng.docx (1 KB)" in browser.toPlainText())
    text = browser.toPlainText()
    assert "hỏng.docx: không tìm được chữ trong tệp (tệp bị hỏng" in text
