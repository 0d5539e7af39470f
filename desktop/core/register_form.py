"""Field-by-field checks for the vào sổ form, so each message can stand next to its field.

`registry.register_document` stays the authority (it checks again inside its transaction); these
checks only let the dialog say early, and in the right place, what it would refuse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from db import documents as docs
from db.models import Locality
from db.parties import RaisedBy
from db.store import Store
from db.text import clean, fold
from desktop.core import reference
from desktop.core.errors import DomainError
from desktop.core.registry import MAX_ATTACHMENT_BYTES, PetitionInput, check_petition
from desktop.core.session import Session

RECEIVED_ON = "received_on"
INCOMING_NO = "incoming_no"
SENDER = "sender"
SENDER_DATE = "sender_date"
REPLY_BY = "reply_by"

ATTACHMENT_SUFFIXES = (".pdf", ".docx", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


@dataclass(frozen=True)
class DocumentDraft:
    """The document part of the form as typed; None where a date or number is missing."""

    received_on: dt.date | None
    incoming_no: int | None
    sender: str
    sender_date: dt.date | None = None
    reply_by: dt.date | None = None


@dataclass(frozen=True)
class PetitionDraft:
    """One row of the petition grid as typed."""

    origin: str
    content: str
    field: str | None = None
    raised_by: RaisedBy = "body"  # or "person": `origin` is then "Ông/Bà …"
    address: str = ""  # the person's address
    forwarded_by: str = ""  # the forwarding body when it is not the document's sender

    def is_blank(self) -> bool:
        """A row the clerk has not typed into (it is not registered)."""
        return not clean(self.origin) and not clean(self.content)

    def to_input(self, ordinal: int) -> PetitionInput:
        """The registry's input for this row."""
        return PetitionInput(
            origin=self.origin,
            content=self.content,
            field=self.field,
            ordinal=str(ordinal),
            raised_by=self.raised_by,
            address=self.address,
            forwarded_by=self.forwarded_by,
        )


PERSON_TITLES = ("Ông", "Bà")


def person_origin(title: str, name: str) -> str:
    """`Ông` + `Trần Văn Bình` → `Ông Trần Văn Bình` (a title already typed is not doubled)."""
    name, title = clean(name), clean(title)
    if not title or any(name.casefold().startswith(f"{t.casefold()} ") for t in PERSON_TITLES):
        return name
    return f"{title} {name}" if name else ""


def forwarded_by(sender: str, typed: str) -> str:
    """What is stored as the forwarding body: nothing when it is the document's sender."""
    return "" if fold(clean(typed)) == fold(clean(sender)) else clean(typed)


def locality_notices(
    places: Sequence[Locality], received_on: dt.date | None, rows: Sequence[PetitionDraft]
) -> list[str]:
    """Notices (warnings: the clerk may still register) for localities that no longer existed
    on the received date: "Tỉnh Thái Bình đã hợp nhất vào tỉnh Hưng Yên từ 01/07/2025 …"."""
    if received_on is None:
        return []
    origins = [r.origin for r in rows if not r.is_blank() and r.raised_by == "body"]
    return reference.notices_for(places, origins, received_on)


def reply_by_problem(received_on: dt.date, reply_by: dt.date) -> str | None:
    """Why a reply-by date the clerk types cannot be (before the received date), or None.

    A file's own date that had passed on arrival is a late letter, not a typo: the import
    keeps it and warns (intake.late_notice)."""
    if reply_by < received_on:
        return f"Hạn trả lời {reply_by:%d/%m/%Y} trước ngày đến {received_on:%d/%m/%Y}."
    return None


def number_clash(store: Store, year: int, number: int) -> str | None:
    """The sentence naming the document that already holds số đến `number`/`year`, if any."""
    taken = docs.find_by_number(store, year, number)
    if taken is None:
        return None
    what = taken.sender_ref or taken.summary or "không số"
    return (
        f"Số đến {number}/{year} đã dùng cho văn bản «{what}» của {taken.sender}"
        f" (ngày đến {taken.received_on:%d/%m/%Y}). Số trống tiếp theo:"
        f" {docs.next_incoming_no(store, year)}."
    )


def document_problems(
    session: Session, draft: DocumentDraft, *, own_number: bool, require: bool
) -> dict[str, str]:
    """Problems by field; `require` also reports what is still empty (on Save).

    `own_number`: the clerk typed the số đến, so it must be free; otherwise it is only the
    suggestion (or empty), and the registry takes the next free number when saving.
    """
    out: dict[str, str] = {}
    today = session.today()
    received = draft.received_on
    if received is None:
        if require:
            out[RECEIVED_ON] = "Chưa nhập ngày đến."
    elif received > today:
        out[RECEIVED_ON] = f"Ngày đến ở tương lai (hôm nay {today:%d/%m/%Y})."
    if draft.incoming_no is None:
        if require and own_number:
            out[INCOMING_NO] = "Chưa nhập số đến."
    elif draft.incoming_no <= 0:
        out[INCOMING_NO] = "Số đến phải là số nguyên dương."
    elif own_number and received is not None:
        clash = number_clash(session.store, received.year, draft.incoming_no)
        if clash:
            out[INCOMING_NO] = clash
    if require and not clean(draft.sender):
        out[SENDER] = "Chưa nhập cơ quan gửi (nơi gửi văn bản)."
    if draft.sender_date and received and draft.sender_date > received:
        out[SENDER_DATE] = f"Ngày văn bản sau ngày đến {received:%d/%m/%Y}."
    if draft.reply_by and received and reply_by_problem(received, draft.reply_by):
        out[REPLY_BY] = f"Hạn trả lời trước ngày đến {received:%d/%m/%Y}."
    elif draft.reply_by and draft.sender_date and draft.reply_by < draft.sender_date:
        out[REPLY_BY] = f"Hạn trả lời trước ngày văn bản {draft.sender_date:%d/%m/%Y}."
    return out


def petition_problems(session: Session, rows: Sequence[PetitionDraft]) -> dict[int, str]:
    """Problems by row index (blank rows are skipped), each message naming its row."""
    out: dict[int, str] = {}
    for index, row in enumerate(rows):
        if row.is_blank():
            continue
        try:
            check_petition(session, row.to_input(index + 1))
        except DomainError as exc:
            out[index] = f"Dòng {index + 1}: {exc}"
    return out


def attachment_problem(path: Path) -> str | None:
    """Why a file cannot be attached (only scanned PDF, DOCX and images are kept), or None."""
    if path.suffix.lower() not in ATTACHMENT_SUFFIXES:
        return f"«{path.name}»: chỉ nhận tệp PDF, DOCX hoặc ảnh (PNG, JPG, TIFF)."
    try:
        size = path.stat().st_size
    except OSError:
        return f"«{path.name}»: không đọc được tệp."
    if size > MAX_ATTACHMENT_BYTES:
        return f"«{path.name}»: tệp lớn quá 50 MB."
    return None
