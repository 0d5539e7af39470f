"""Vào sổ: registering incoming documents (văn bản đến) and the petitions inside them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from db import documents as docs
from db import parties as pty
from db import petitions as pet
from db import reference as ref
from db.models import IncomingDocument
from db.parties import Parties, RaisedBy
from db.text import clean
from desktop.core import permissions
from desktop.core.errors import DomainError
from desktop.core.files import read_limited
from desktop.core.session import Session

MAX_PETITION_CHARS = 20_000
MAX_PARTY_CHARS = 300  # an address or a body's name on one line of a letter
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
MAX_INCOMING_NO = 999_999  # số đến restart every year; no office receives a million


@dataclass(frozen=True)
class DocumentInput:
    """What the clerk types for a văn bản đến; `incoming_no` None means the next number."""

    received_on: dt.date
    sender: str
    sender_ref: str = ""
    sender_date: dt.date | None = None
    summary: str = ""
    reply_by: dt.date | None = None
    incoming_no: int | None = None


@dataclass(frozen=True)
class PetitionInput:
    """One petition as typed or imported; `field` is a field code or name."""

    origin: str
    content: str
    summary: str = ""
    field: str | None = None
    ordinal: str | None = None
    due_on: dt.date | None = None
    # Who raised it and through whom it came (db/parties.py): a body or a person (with address);
    # `forwarded_by` empty: the document's sender.
    raised_by: RaisedBy = "body"
    address: str = ""
    forwarded_by: str = ""

    def parties(self) -> Parties:
        """The petition's parties as db/parties.py stores them."""
        return Parties(self.raised_by, self.address, self.forwarded_by)


@dataclass(frozen=True)
class Registered:
    """The outcome of a registration."""

    document_id: int | None
    incoming_no: int | None
    year: int | None
    petition_ids: list[int] = field(default_factory=list)


class DuplicateDocument(DomainError):
    """The same văn bản (sender, number, date) is already in the register."""

    def __init__(self, existing: IncomingDocument) -> None:
        self.existing = existing
        self.described = describe_duplicate(existing)
        super().__init__(f"{self.described} Dùng --allow-duplicate nếu đây là một văn bản khác.")


def describe_duplicate(d: IncomingDocument) -> str:
    """Which văn bản is in the register already, under which số đến, received when."""
    dated = f" ngày {d.sender_date:%d/%m/%Y}" if d.sender_date else ""
    return (
        f"Văn bản {d.sender_ref}{dated} của {d.sender} đã vào sổ: số đến"
        f" {d.incoming_no}/{d.year} ngày {d.received_on:%d/%m/%Y} (mã {d.id})."
    )


def find_duplicate(session: Session, doc: DocumentInput) -> IncomingDocument | None:
    """The registered document this one repeats, if any (same sender, number and date)."""
    return docs.find_duplicate(
        session.store, sender=doc.sender, sender_ref=doc.sender_ref, sender_date=doc.sender_date
    )


def default_due(session: Session, received_on: dt.date, reply_by: dt.date | None) -> dt.date:
    """The document's own reply-by date, else N working days after receipt."""
    if reply_by is not None:
        return reply_by
    return session.calendar.add_working_days(received_on, session.deadline_days)


def check_document(session: Session, doc: DocumentInput) -> None:
    """Refuse a document the register cannot take, with the reason in Vietnamese."""
    if not clean(doc.sender):
        raise DomainError("Chưa nhập cơ quan gửi (nơi gửi văn bản).")
    if doc.received_on > session.today():
        raise DomainError(
            f"Ngày đến {doc.received_on:%d/%m/%Y} ở tương lai (hôm nay {session.today():%d/%m/%Y})."
        )
    if doc.sender_date and doc.sender_date > doc.received_on:
        raise DomainError(
            f"Ngày văn bản {doc.sender_date:%d/%m/%Y} sau ngày đến {doc.received_on:%d/%m/%Y}."
        )
    if doc.reply_by and doc.sender_date and doc.reply_by < doc.sender_date:
        raise DomainError(
            f"Hạn trả lời {doc.reply_by:%d/%m/%Y} trước ngày văn bản {doc.sender_date:%d/%m/%Y}."
        )
    if doc.incoming_no is not None and not 0 < doc.incoming_no <= MAX_INCOMING_NO:
        # A huge number would be accepted, and then "next number" overflows SQLite's INTEGER
        # for every later document of that year.
        raise DomainError(
            f"Số đến phải là số nguyên dương, từ 1 đến {MAX_INCOMING_NO} (được {doc.incoming_no})."
        )


def check_petition(session: Session, p: PetitionInput) -> int | None:
    """Refuse an incomplete petition; returns the resolved field id."""
    if not clean(p.origin):
        raise DomainError("Chưa nhập nơi kiến nghị (địa phương, cơ quan hoặc người kiến nghị).")
    if not clean(p.content):
        raise DomainError("Chưa nhập nội dung kiến nghị.")
    if p.raised_by not in ("body", "person"):
        raise DomainError(f"Người kiến nghị phải là cơ quan hoặc cá nhân (được «{p.raised_by}»).")
    for label, text in (("Địa chỉ", p.address), ("Cơ quan chuyển đến", p.forwarded_by)):
        if len(text) > MAX_PARTY_CHARS:
            raise DomainError(f"{label} dài {len(text):,} ký tự, quá {MAX_PARTY_CHARS} ký tự.")
    if len(p.content) > MAX_PETITION_CHARS:
        raise DomainError(
            f"Nội dung kiến nghị dài {len(p.content):,} ký tự, quá giới hạn "
            f"{MAX_PETITION_CHARS:,}.".replace(",", ".")
        )
    if not p.field:
        return None
    found = ref.find_field(session.store, p.field)
    if found is None:
        raise DomainError(f"Không có lĩnh vực «{p.field}» trong danh mục.")
    return found.id


def register_document(
    session: Session,
    doc: DocumentInput,
    petitions: Sequence[PetitionInput] = (),
    attachments: Sequence[Path] = (),
    *,
    note: str = "",
    allow_duplicate: bool = False,
) -> Registered:
    """Vào sổ một văn bản đến with its petitions and attachments, all or nothing.

    The same document registered (and not withdrawn) before is refused with DuplicateDocument
    unless `allow_duplicate`; the check runs inside the write, so of two clerks importing the
    same file at once exactly one succeeds.
    """
    permissions.require(session, "register")
    check_document(session, doc)
    field_ids = [check_petition(session, p) for p in petitions]
    files = [read_attachment(p) for p in attachments]
    store = session.store
    year = doc.received_on.year
    due = default_due(session, doc.received_on, doc.reply_by)
    # Cleaned, folded and keyed before the lock: other clerks wait only for the inserts.
    prepared = _prepared(petitions, field_ids, doc.received_on, None, due)
    with store.write():
        # Numbers are taken inside the IMMEDIATE transaction: two windows never get the same one.
        if doc.incoming_no is None:
            number = docs.next_incoming_no(store, year)
        else:
            number = doc.incoming_no
            taken = docs.find_by_number(store, year, number)
            if taken is not None:
                what = taken.sender_ref or taken.summary
                raise DomainError(
                    f"Số đến {number}/{year} đã được dùng cho văn bản «{what}»"
                    f" của {taken.sender} (ngày đến {taken.received_on:%d/%m/%Y}). "
                    f"Số trống tiếp theo: {docs.next_incoming_no(store, year)}."
                )
        if not allow_duplicate:
            existing = find_duplicate(session, doc)
            if existing is not None:
                raise DuplicateDocument(existing)
        document_id = docs.insert_document(
            store,
            received_on=doc.received_on,
            incoming_no=number,
            sender=doc.sender,
            sender_ref=doc.sender_ref,
            sender_date=doc.sender_date,
            summary=doc.summary,
            reply_by=doc.reply_by,
            actor=session.actor,
        )
        for name, content, mime in files:
            docs.add_attachment(store, document_id, name, content, mime)
        ids = pet.insert_petitions(
            store,
            [
                dataclasses.replace(p, new=dataclasses.replace(p.new, document_id=document_id))
                for p in prepared
            ],
            actor=session.actor,
            note=note or f"Vào sổ từ văn bản đến số {number}/{year}",
        )
        pty.record(store, [(i, p.parties()) for i, p in zip(ids, petitions, strict=True)])
    return Registered(document_id, number, year, ids)


def add_petitions(
    session: Session,
    petitions: Sequence[PetitionInput],
    *,
    document_id: int | None = None,
    received_on: dt.date | None = None,
) -> list[int]:
    """Add petitions to an existing document, or standalone (without a document)."""
    permissions.require(session, "register")
    fids = [check_petition(session, p) for p in petitions]
    reply_by = None
    if document_id is not None:
        document = docs.get_document(session.store, document_id)
        if document is None:
            raise DomainError(f"Không có văn bản đến mã {document_id}.")
        received_on, reply_by = document.received_on, document.reply_by
    received_on = received_on or session.today()
    due = default_due(session, received_on, reply_by)
    prepared = _prepared(petitions, fids, received_on, document_id, due)
    with session.store.write():
        ids = pet.insert_petitions(session.store, prepared, actor=session.actor)
        pty.record(session.store, [(i, p.parties()) for i, p in zip(ids, petitions, strict=True)])
    return ids


def _prepared(
    petitions: Sequence[PetitionInput],
    field_ids: Sequence[int | None],
    received_on: dt.date,
    document_id: int | None,
    due: dt.date,
) -> list[pet.PreparedPetition]:
    # Cleaned, folded and keyed before any lock is taken (most of the time a write takes).
    return pet.prepare_petitions(
        pet.NewPetition(
            origin=p.origin,
            content=p.content,
            received_on=received_on,
            document_id=document_id,
            ordinal=p.ordinal,
            field_id=fid,
            summary=p.summary,
            due_on=p.due_on or due,
        )
        for p, fid in zip(petitions, field_ids, strict=True)
    )


def read_attachment(path: Path) -> tuple[str, bytes, str]:
    """A file to attach (to a document or a progress report): its name, bytes and MIME type;
    DomainError saying why not (missing, a folder, too large, unreadable)."""
    content = read_limited(
        path,
        MAX_ATTACHMENT_BYTES,
        lambda size: (
            f"Tệp «{path.name}» lớn {size / 1024 / 1024:.0f} MB, quá giới hạn"
            f" {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB."
        ),
    )
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return path.name, content, mime
