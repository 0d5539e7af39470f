"""Sửa, rút, khôi phục: correcting a wrong entry, withdrawing it (reversibly) and taking it back.

Every correction reads the current values inside its own write transaction (BEGIN IMMEDIATE)
and decides there, so a petition withdrawn by another window meanwhile is refused, not
overwritten. It writes one status event per petition it touches ("Sửa: nội dung, nơi kiến
nghị", "Rút: <lý do>", "Khôi phục") and a `field_changes` row with the old and the new value
of each field, in that same transaction.

What may change: a petition's origin, content, summary, field, STT and parties (who raised it,
their address, who forwarded it: desktop/core/party_edit.py); a document's sender,
number (số, ký hiệu), date, summary (trích yếu), reply-by date and received date. The số đến
never changes, so a received date moving the document into another year is refused (withdraw
it and register it again under that year). A corrected received date moves its petitions'
received dates with it; their due dates stay as they are (change them by assigning).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from db import documents as docs
from db import history
from db import parties as pty
from db import petitions as pet
from db import reference as ref
from db.models import IncomingDocument, Petition
from db.text import clean
from db.util import iso, now_iso
from desktop.core import party_edit, permissions
from desktop.core.dates import format_date
from desktop.core.document_checks import check_document_edit
from desktop.core.errors import DomainError
from desktop.core.registry import MAX_PETITION_CHARS, DuplicateDocument, describe_duplicate
from desktop.core.session import Session

PETITION_LABELS = {
    "ordinal": "số thứ tự",
    "origin": "nơi kiến nghị",
    "field_id": "lĩnh vực",
    "content": "nội dung",
    "summary": "tóm tắt",
    "received_on": "ngày nhận",
    "deleted_at": "rút khỏi sổ",
    **party_edit.LABELS,
}
DOCUMENT_LABELS = {
    "sender": "cơ quan gửi",
    "sender_ref": "số, ký hiệu",
    "sender_date": "ngày văn bản",
    "summary": "trích yếu",
    "reply_by": "hạn trả lời",
    "received_on": "ngày đến",
    "deleted_at": "rút khỏi sổ",
}
# How a document's edit begins the note of each of its petitions' events (the history finds
# the document's changes by it: desktop/core/petitions.py).
DOCUMENT_EDIT_NOTE = "Sửa văn bản đến"

Change = tuple[str, str | None, str | None]  # field, old value, new value (as text)


@dataclass(frozen=True)
class PetitionEdit:
    """What the clerk corrects in a petition; None leaves a field as it is ("" empties it)."""

    origin: str | None = None
    content: str | None = None
    summary: str | None = None
    field: str | None = None  # a field code or name; "" removes the field
    ordinal: str | None = None
    raised_by: str | None = None  # "body" or "person"
    address: str | None = None  # the person's address
    forwarded_by: str | None = None  # "" (or the document's sender): came with its document


@dataclass(frozen=True)
class DocumentEdit:
    """What the clerk corrects in a văn bản đến; None leaves a field as it is."""

    sender: str | None = None
    sender_ref: str | None = None
    sender_date: dt.date | None = None
    summary: str | None = None
    reply_by: dt.date | None = None
    received_on: dt.date | None = None


@dataclass(frozen=True)
class Correction:
    """What a correction changed: the fields (old → new) and the petitions it touched."""

    changes: list[Change]
    petition_ids: list[int]

    @property
    def fields(self) -> list[str]:
        """The names of the fields changed."""
        return [name for name, _old, _new in self.changes]


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if value != "" else None


def _withdrawal_stamp() -> str:
    # To the microsecond: a document's reinstatement brings back exactly the petitions that
    # carry its own stamp, not one withdrawn on its own a moment before.
    return dt.datetime.now().astimezone().isoformat(timespec="microseconds")


def _nothing(what: str) -> DomainError:
    return DomainError(f"Không có gì thay đổi: {what} đã đúng như vậy.")


def _petition_state(session: Session, petition_id: int) -> tuple[Petition, str | None]:
    state = pet.petition_state(session.store.conn, petition_id)
    if state is None:
        raise DomainError(f"Không có kiến nghị mã {petition_id}.")
    return state


def _live_petition(
    session: Session, petition_id: int, then: str = ": khôi phục trước khi sửa"
) -> Petition:
    p, deleted_at = _petition_state(session, petition_id)
    if deleted_at:
        raise DomainError(
            f"Kiến nghị mã {petition_id} đã rút khỏi sổ ngày {format_date(deleted_at)}{then}."
        )
    return p


def _field_name(session: Session, field_id: int | None) -> str | None:
    if field_id is None:
        return None
    found = [f.name for f in ref.fields(session.store) if f.id == field_id]
    return found[0] if found else str(field_id)


def edit_petition(session: Session, petition_id: int, edit: PetitionEdit) -> Correction:
    """Correct a petition's words, field or STT; the search index and history follow."""
    permissions.require(session, "correct")
    if edit.origin is not None and not clean(edit.origin):
        raise DomainError("Nơi kiến nghị không được để trống.")
    if edit.content is not None and not clean(edit.content):
        raise DomainError("Nội dung kiến nghị không được để trống.")
    if edit.content is not None and len(edit.content) > MAX_PETITION_CHARS:
        raise DomainError(
            f"Nội dung kiến nghị dài {len(edit.content):,} ký tự, quá giới hạn "
            f"{MAX_PETITION_CHARS:,}.".replace(",", ".")
        )
    party_edit.check(edit.raised_by, edit.address, edit.forwarded_by)
    field_id: int | None = None
    if edit.field:
        found = ref.find_field(session.store, edit.field)
        if found is None:
            raise DomainError(f"Không có lĩnh vực «{edit.field}» trong danh mục.")
        field_id = found.id
    store = session.store
    with store.write() as conn:
        # Read and decide inside the write: another window may have changed it just now.
        current = _live_petition(session, petition_id)
        wanted: dict[str, str | int | None] = {}
        if edit.origin is not None:
            wanted["origin"] = pet.petition_text(edit.origin)
        if edit.content is not None:
            wanted["content"] = pet.petition_text(edit.content)
        if edit.summary is not None:
            wanted["summary"] = pet.petition_text(edit.summary)
        if edit.ordinal is not None:
            wanted["ordinal"] = clean(edit.ordinal) or None
        if edit.field is not None:
            wanted["field_id"] = field_id
        values = {k: v for k, v in wanted.items() if getattr(current, k) != v}
        parties, party_changes = party_edit.corrected(
            store, current, edit.raised_by, edit.address, edit.forwarded_by
        )
        if not values and not party_changes:
            raise _nothing("kiến nghị")
        changes: list[Change] = []
        for name, new in values.items():
            old = getattr(current, name)
            if name == "field_id":
                changes.append((name, _field_name(session, old), _field_name(session, field_id)))
            else:
                changes.append((name, _text(old), _text(new)))
        if values:
            history.update_fields(conn, petition_id, dict(values))
        if party_changes:
            pty.update(conn, petition_id, parties)
            changes += party_changes
        stamp = now_iso()
        note = "Sửa: " + ", ".join(PETITION_LABELS[n] for n, _old, _new in changes)
        event = pet.add_event(
            conn, petition_id, session.actor, current.status, current.status, note, at=stamp
        )
        history.record_changes(
            conn, "petition", petition_id, changes, at=stamp, actor=session.actor,
            event_id=event,
        )  # fmt: skip
    return Correction(changes, [petition_id])


def _document_state(session: Session, document_id: int) -> tuple[IncomingDocument, str | None]:
    state = docs.document_state(session.store.conn, document_id)
    if state is None:
        raise DomainError(f"Không có văn bản đến mã {document_id}.")
    return state


def _live_document(session: Session, document_id: int) -> IncomingDocument:
    d, deleted_at = _document_state(session, document_id)
    if deleted_at:
        raise DomainError(
            f"Văn bản đến mã {document_id} đã rút khỏi sổ ngày {format_date(deleted_at)}: khôi phục"
            " trước khi sửa."
        )
    return d


def edit_document(
    session: Session, document_id: int, edit: DocumentEdit, *, allow_duplicate: bool = False
) -> Correction:
    """Correct a văn bản đến (not its số đến); its petitions' search and history follow.

    A correction making it the same văn bản as another registered one (sender, number, date)
    raises DuplicateDocument unless `allow_duplicate`.
    """
    permissions.require(session, "correct")
    store = session.store
    with store.write() as conn:
        d = _live_document(session, document_id)
        wanted: dict[str, str | dt.date | None] = {}
        for name in ("sender", "sender_ref", "summary"):
            value = getattr(edit, name)
            if value is not None:
                wanted[name] = clean(value)
        for name in ("sender_date", "reply_by", "received_on"):
            value = getattr(edit, name)
            if value is not None:
                wanted[name] = value
        values = {k: v for k, v in wanted.items() if getattr(d, k) != v}
        if not values:
            raise _nothing("văn bản đến")
        check_document_edit(session, d, values)
        identity = {"sender", "sender_ref", "sender_date"}
        if identity & set(values) and not allow_duplicate:
            merged = {k: values.get(k, getattr(d, k)) for k in identity}
            sender_date = merged["sender_date"]
            existing = docs.find_duplicate(
                store, sender=str(merged["sender"]), sender_ref=str(merged["sender_ref"]),
                sender_date=sender_date if isinstance(sender_date, dt.date) else None,
                exclude_id=document_id,
            )  # fmt: skip
            if existing is not None:
                raise DuplicateDocument(existing)
        changes: list[Change] = [(n, _text(getattr(d, n)), _text(v)) for n, v in values.items()]
        docs.update_document(conn, document_id, values)
        stamp = now_iso()
        petitions = pet.petitions_of_document(store, document_id)
        if "sender_ref" in values:  # its petitions are found by the document's number
            history.set_search_document(conn, document_id, str(values["sender_ref"]))
        note = (
            f"{DOCUMENT_EDIT_NOTE} số {d.incoming_no}/{d.year}: "
            + ", ".join(DOCUMENT_LABELS[n] for n in values)
        )
        for p in petitions:
            event = pet.add_event(conn, p.id, session.actor, p.status, p.status, note, at=stamp)
            received = values.get("received_on")
            if isinstance(received, dt.date) and p.received_on != received:
                history.update_fields(conn, p.id, {"received_on": received})
                history.record_changes(
                    conn, "petition", p.id, [("received_on", iso(p.received_on), iso(received))],
                    at=stamp, actor=session.actor, event_id=event,
                )  # fmt: skip
        history.record_changes(
            conn, "document", document_id, changes, at=stamp, actor=session.actor, event_id=None
        )
    return Correction(changes, [p.id for p in petitions])


def withdraw(session: Session, petition_id: int, reason: str) -> Correction:
    """Rút a petition from the register (reversible): gone from lists, search and statistics."""
    permissions.require(session, "correct")
    reason = clean(reason)
    if not reason:
        raise DomainError("Chưa nhập lý do rút kiến nghị.")
    with session.store.write():
        p = _live_petition(session, petition_id, then="")
        stamp = _withdrawal_stamp()
        _set_petition_deleted(session, p, None, stamp, f"Rút: {reason}", now_iso())
    return Correction([("deleted_at", None, stamp)], [petition_id])


def reinstate(session: Session, petition_id: int) -> Correction:
    """Khôi phục a withdrawn petition into the register, as it was."""
    permissions.require(session, "correct")
    with session.store.write() as conn:
        p, deleted_at = _petition_state(session, petition_id)
        if not deleted_at:
            raise DomainError(f"Kiến nghị mã {petition_id} đang có trong sổ, không cần khôi phục.")
        if p.document_id is not None:
            document = docs.document_state(conn, p.document_id)
            if document is not None and document[1]:
                d = document[0]
                raise DomainError(
                    f"Văn bản đến số {d.incoming_no}/{d.year} (mã {d.id}) của kiến nghị này đã"
                    " rút: khôi phục cả văn bản."
                )
        stamp = now_iso()
        _set_petition_deleted(session, p, deleted_at, None, "Khôi phục", stamp)
    return Correction([("deleted_at", deleted_at, None)], [petition_id])


def _set_petition_deleted(
    session: Session, p: Petition, old: str | None, new: str | None, note: str, stamp: str
) -> None:
    conn = session.store.conn
    history.set_deleted(conn, p.id, new)
    event = pet.add_event(conn, p.id, session.actor, p.status, p.status, note, at=stamp)
    history.record_changes(
        conn, "petition", p.id, [("deleted_at", old, new)], at=stamp, actor=session.actor,
        event_id=event,
    )  # fmt: skip


def withdraw_document(session: Session, document_id: int, reason: str) -> Correction:
    """Rút a whole văn bản đến with the petitions still in the register (reversible)."""
    permissions.require(session, "correct")
    reason = clean(reason)
    if not reason:
        raise DomainError("Chưa nhập lý do rút văn bản.")
    store = session.store
    with store.write() as conn:
        d = _live_document(session, document_id)
        stamp, at = _withdrawal_stamp(), now_iso()
        petitions = pet.petitions_of_document(store, document_id)
        docs.set_document_deleted(conn, document_id, stamp)
        note = f"Rút cùng văn bản đến số {d.incoming_no}/{d.year}: {reason}"
        for p in petitions:
            _set_petition_deleted(session, p, None, stamp, note, at)
        history.record_changes(
            conn, "document", document_id, [("deleted_at", None, stamp)], at=at,
            actor=session.actor, event_id=None,
        )  # fmt: skip
    return Correction([("deleted_at", None, stamp)], [p.id for p in petitions])


def reinstate_document(session: Session, document_id: int) -> Correction:
    """Khôi phục a withdrawn văn bản đến with the petitions withdrawn together with it."""
    permissions.require(session, "correct")
    store = session.store
    with store.write() as conn:
        d, deleted_at = _document_state(session, document_id)
        if not deleted_at:
            raise DomainError(
                f"Văn bản đến mã {document_id} đang có trong sổ, không cần khôi phục."
            )
        existing = docs.find_duplicate(
            store, sender=d.sender, sender_ref=d.sender_ref, sender_date=d.sender_date,
            exclude_id=document_id,
        )  # fmt: skip
        if existing is not None:
            raise DomainError(describe_duplicate(existing) + " Không khôi phục văn bản trùng này.")
        stamp = now_iso()
        docs.set_document_deleted(conn, document_id, None)
        petitions = pet.withdrawn_together(conn, document_id, deleted_at)
        for p in petitions:
            _set_petition_deleted(session, p, deleted_at, None, "Khôi phục", stamp)
        history.record_changes(
            conn, "document", document_id, [("deleted_at", deleted_at, None)], at=stamp,
            actor=session.actor, event_id=None,
        )  # fmt: skip
    return Correction([("deleted_at", deleted_at, None)], [p.id for p in petitions])
