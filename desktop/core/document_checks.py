"""The checks a correction of a văn bản đến must pass (Sửa văn bản, CLI edit-document).

They are those of vào sổ (desktop/core/registry.py, register_form.py), applied to the document
as it would be after the correction, plus the one a correction adds: the số đến belongs to its
year, so the received date cannot move into another.
"""

from __future__ import annotations

import datetime as dt

from db.models import IncomingDocument
from db.text import clean
from desktop.core.errors import DomainError
from desktop.core.register_form import reply_by_problem
from desktop.core.session import Session


def check_document_edit(
    session: Session, d: IncomingDocument, new: dict[str, str | dt.date | None]
) -> None:
    """Refuse a correction of `d` to the values `new` (only the changed ones) the register
    cannot take, with the reason in Vietnamese."""
    received = new.get("received_on", d.received_on)
    sender_date = new.get("sender_date", d.sender_date)
    reply_by = new.get("reply_by", d.reply_by)
    assert isinstance(received, dt.date)
    if "sender" in new and not clean(str(new["sender"])):
        raise DomainError("Cơ quan gửi không được để trống.")
    if received.year != d.year:
        raise DomainError(
            f"Ngày đến {received:%d/%m/%Y} thuộc năm {received.year}, còn số đến"
            f" {d.incoming_no}/{d.year} là số của năm {d.year} và không đổi được. Nếu vào sổ nhầm"
            " năm, hãy rút văn bản này và vào sổ lại."
        )
    if received > session.today():
        raise DomainError(
            f"Ngày đến {received:%d/%m/%Y} ở tương lai (hôm nay {session.today():%d/%m/%Y})."
        )
    if isinstance(sender_date, dt.date) and sender_date > received:
        raise DomainError(f"Ngày văn bản {sender_date:%d/%m/%Y} sau ngày đến {received:%d/%m/%Y}.")
    # The check vào sổ makes of a typed reply-by date; one imported late, left as it was, stays.
    typed = new.get("reply_by")
    if isinstance(typed, dt.date) and (typo := reply_by_problem(received, typed)):
        raise DomainError(typo)
    if (
        isinstance(reply_by, dt.date)
        and isinstance(sender_date, dt.date)
        and (reply_by < sender_date)
    ):
        raise DomainError(
            f"Hạn trả lời {reply_by:%d/%m/%Y} trước ngày văn bản {sender_date:%d/%m/%Y}."
        )
