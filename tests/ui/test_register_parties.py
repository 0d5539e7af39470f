"""Vào sổ as a clerk types it: who raised the petitions (a body, or a person with an address),
who forwarded them, the notice of a locality merged since, a reply-by date before receipt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db import documents as docs
from db import parties
from db import petitions as pet
from desktop.core import register_form as form
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs.register_document import RegisterDocumentDialog
from desktop.ui.qt import QDialog, Qt, QWidget
from tests.helpers import content_digest
from tests.ui.conftest import type_text

D = dt.date
ADDRESS = "số 12 phố Hàng Bạc, phường Hoàn Kiếm, thành phố Hà Nội"


@pytest.fixture
def dialog(qtbot: QtBot, ctx: UiContext) -> RegisterDocumentDialog:
    d = RegisterDocumentDialog(ctx)
    qtbot.addWidget(d, before_close_func=lambda w: _discard(w))
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    qtbot.waitUntil(lambda: d.completions_ready)
    return d


def _discard(d: QWidget) -> None:
    assert isinstance(d, QDialog)
    d.done(QDialog.DialogCode.Rejected)


@pytest.fixture(autouse=True)
def confirms(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def fake(_parent: QWidget | None, _title: str, text: str) -> bool:
        asked.append(text)
        return False

    monkeypatch.setattr(ask, "confirm", fake)
    return asked


def _type_date(qtbot: QtBot, line: QWidget, text: str) -> None:
    line.setFocus()
    line.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(line, text)


def test_a_merged_province_shows_a_notice_and_still_registers(
    qtbot: QtBot, ctx: UiContext, dialog: RegisterDocumentDialog, tmp_path: Path
) -> None:
    d = dialog
    type_text(d.sender_edit, "Ban Dân nguyện")
    row = d.grid.rows[0]
    type_text(row.origin, "Thái Bình")
    type_text(row.content, "Hỗ trợ chuyển đổi số cấp xã")
    assert d.locality_notice.isVisible()
    text = d.locality_notice.text()
    assert text.startswith("⚠ Tỉnh Thái Bình đã hợp nhất vào tỉnh Hưng Yên từ 01/07/2025")
    assert "Vẫn có thể vào sổ như đã nhập" in text
    d.grab().save(str(tmp_path / "notice.png"))
    # Received before the merger: Thái Bình still existed, nothing to say.
    _type_date(qtbot, d.received_on.line, "30/06/2025")
    assert not d.locality_notice.isVisible()
    _type_date(qtbot, d.received_on.line, "09/03/2026")
    assert d.locality_notice.isVisible()
    # A warning, not a refusal: Enter registers the petition as written.
    with qtbot.waitSignal(d.registered):
        qtbot.keyClick(d.sender_edit, Qt.Key.Key_Return)
    (p,) = pet.petitions_of_document(ctx.session.store, 1)
    assert p.origin == "Thái Bình" and p.received_on == D(2026, 3, 9)


def test_a_citizens_letter_forwarded_by_the_city(
    qtbot: QtBot, ctx: UiContext, dialog: RegisterDocumentDialog, tmp_path: Path
) -> None:
    d = dialog
    type_text(d.sender_edit, "UBND thành phố Hà Nội")
    assert d.parties.forwarded.text() == "UBND thành phố Hà Nội"  # defaults to the sender
    assert not d.parties.name.isEnabled()
    qtbot.mouseClick(d.parties.person_radio, Qt.MouseButton.LeftButton)
    assert d.parties.person_radio.isChecked() and d.parties.name.isEnabled()
    assert d.parties.title.currentText() == "Ông"
    type_text(d.parties.name, "Trần Văn Bình")
    type_text(d.parties.address, ADDRESS)
    row = d.grid.rows[0]
    # The person's name stands in Nơi kiến nghị, which the clerk no longer types.
    assert row.origin.isReadOnly() and row.origin.placeholderText() == "Ông Trần Văn Bình"
    type_text(row.content, "Đề nghị xử lý trạm phát sóng gây nhiễu")
    assert len(d.grid.rows) == 2 and d.grid.rows[1].origin.isReadOnly()
    assert not d.locality_notice.isVisible()
    d.grab().save(str(tmp_path / "person.png"))
    with qtbot.waitSignal(d.registered):
        qtbot.keyClick(d.parties.address, Qt.Key.Key_Return)
    (p,) = pet.petitions_of_document(ctx.session.store, 1)
    assert p.origin == "Ông Trần Văn Bình"
    assert parties.parties_of(ctx.session.store, p.id) == parties.Parties("person", ADDRESS, "")


def test_another_forwarding_body_is_kept(
    qtbot: QtBot, ctx: UiContext, dialog: RegisterDocumentDialog
) -> None:
    d = dialog
    type_text(d.sender_edit, "Văn phòng Chính phủ")
    d.parties.forwarded.setFocus()
    d.parties.forwarded.selectAll()
    type_text(d.parties.forwarded, "Ban Dân nguyện")
    type_text(d.sender_edit, " (VPCP)")  # the sender changes; the typed forwarder stays
    assert d.parties.forwarded.text() == "Ban Dân nguyện"
    type_text(d.grid.rows[0].origin, "Cử tri thành phố Hà Nội")
    type_text(d.grid.rows[0].content, "Quản lý tin nhắn rác")
    with qtbot.waitSignal(d.registered):
        qtbot.keyClick(d.sender_edit, Qt.Key.Key_Return)
    (p,) = pet.petitions_of_document(ctx.session.store, 1)
    assert parties.parties_of(ctx.session.store, p.id) == parties.Parties(
        "body", "", "Ban Dân nguyện"
    )


def test_a_reply_by_date_before_the_received_date_is_refused(
    qtbot: QtBot, ctx: UiContext, dialog: RegisterDocumentDialog
) -> None:
    d = dialog
    before = content_digest(ctx.session.store.target)
    _type_date(qtbot, d.received_on.line, "10/11/2026")
    type_text(d.sender_edit, "UBND tỉnh Hưng Yên")
    _type_date(qtbot, d.reply_by.line, "05/11/2026")
    label = d.errors[form.REPLY_BY]
    assert label.isVisible() and label.text() == "Hạn trả lời trước ngày đến 10/11/2026."
    type_text(d.grid.rows[0].origin, "Hưng Yên")
    type_text(d.grid.rows[0].content, "Hạ tầng số")
    qtbot.keyClick(d.sender_edit, Qt.Key.Key_Return)
    assert d.isVisible() and d.result_registered is None
    assert label.isVisible() and d.reply_by.line.hasFocus()
    assert docs.find_by_number(ctx.session.store, 2026, 1) is None
    assert content_digest(ctx.session.store.target) == before
    _type_date(qtbot, d.reply_by.line, "20/11/2026")
    assert not label.isVisible()
