"""Sửa văn bản đến refuses a reply-by date before the received date, as vào sổ does; a late
date an import kept (the letter arrived after it) is not refused when something else changes."""

from __future__ import annotations

import datetime as dt

import pytest

from db import documents as docs
from desktop.core import corrections
from desktop.core.corrections import DocumentEdit
from desktop.core.errors import DomainError
from desktop.core.registry import DocumentInput, register_document
from desktop.core.session import Session
from tests.helpers import content_digest

D = dt.date


def _document(session: Session, reply_by: dt.date | None = None) -> int:
    r = register_document(
        session,
        DocumentInput(received_on=D(2026, 11, 2), sender="Văn phòng Chính phủ",
                      sender_ref="5606/VPCP-QHĐP", sender_date=D(2026, 10, 20),
                      reply_by=reply_by),
    )  # fmt: skip
    assert r.document_id is not None
    return r.document_id


def test_a_reply_by_date_before_the_received_date_is_refused(session: Session) -> None:
    doc = _document(session)
    before = content_digest(session.store.target)
    with pytest.raises(DomainError, match=r"^Hạn trả lời 30/10/2026 trước ngày đến 02/11/2026\.$"):
        corrections.edit_document(session, doc, DocumentEdit(reply_by=D(2026, 10, 30)))
    assert content_digest(session.store.target) == before
    done = corrections.edit_document(session, doc, DocumentEdit(reply_by=D(2026, 11, 2)))
    assert done.changes == [("reply_by", None, "2026-11-02")]


def test_a_late_date_kept_by_an_import_does_not_block_another_correction(
    session: Session,
) -> None:
    doc = _document(session, reply_by=D(2026, 10, 25))  # passed before the letter arrived
    done = corrections.edit_document(session, doc, DocumentEdit(summary="Kiến nghị cử tri"))
    assert done.fields == ["summary"]
    found = docs.get_document(session.store, doc)
    assert found is not None and found.reply_by == D(2026, 10, 25)
