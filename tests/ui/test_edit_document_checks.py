"""Sửa văn bản đến: a reply-by date typed before the received date is refused in the dialog
with the reason, as in Vào sổ, and nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from db import documents as docs
from desktop.core.registry import DocumentInput, register_document
from desktop.ui.context import UiContext
from desktop.ui.dialogs.edit_document import EditDocumentDialog
from desktop.ui.qt import QDialog, QWidget
from tests.helpers import content_digest
from tests.ui.saving import wait_accepted

D = dt.date
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def _discard(d: QWidget) -> None:
    assert isinstance(d, QDialog)
    d.done(QDialog.DialogCode.Rejected)


def test_a_reply_by_date_before_the_received_date_is_refused(qtbot: QtBot, ctx: UiContext) -> None:
    r = register_document(
        ctx.session,
        DocumentInput(received_on=D(2026, 11, 2), sender="Văn phòng Chính phủ",
                      sender_ref="5606/VPCP-QHĐP", sender_date=D(2026, 10, 20)),
    )  # fmt: skip
    assert r.document_id is not None
    d = EditDocumentDialog(ctx, r.document_id)
    qtbot.addWidget(d, before_close_func=_discard)
    d.show()
    before = content_digest(ctx.session.store.target)
    d.reply_by.line.selectAll()
    qtbot.keyClicks(d.reply_by.line, "30/10/2026")
    # Said as soon as typed, next to the fields, as Vào sổ says it.
    assert d.error.text() == "Hạn trả lời 30/10/2026 trước ngày đến 02/11/2026."
    d.save_button.click()
    ctx.runner.wait()
    qtbot.waitUntil(lambda: d.save_button.isEnabled() and d.error.isVisible(), timeout=5000)
    assert d.isVisible()
    assert d.error.text() == "Hạn trả lời 30/10/2026 trước ngày đến 02/11/2026."
    assert content_digest(ctx.session.store.target) == before
    d.reply_by.line.selectAll()
    qtbot.keyClicks(d.reply_by.line, "16/11/2026")
    assert not d.error.isVisible()
    d.save_button.click()
    wait_accepted(qtbot, ctx, d)
    found = docs.get_document(ctx.session.store, r.document_id)
    assert found is not None and found.reply_by == D(2026, 11, 16)
