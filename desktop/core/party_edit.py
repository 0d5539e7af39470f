"""Correcting who raised a petition and through whom it came (db/parties.py) after vào sổ.

Part of Sửa kiến nghị (desktop/core/corrections.py): the same write transaction, status event
and field history. The history keeps the kind of petitioner as the register words it
("cơ quan, địa phương" / "cá nhân"), as a field is kept by its name.
"""

from __future__ import annotations

from db import documents as docs
from db import parties as pty
from db import petitions as pet
from db.models import Petition
from db.parties import RAISED_BY, Parties
from db.store import Store
from db.text import clean
from desktop.core.errors import DomainError
from desktop.core.register_form import forwarded_by as stored_forwarder
from desktop.core.registry import MAX_PARTY_CHARS
from desktop.core.session import Session

RAISED_BY_LABELS = {"body": "cơ quan, địa phương", "person": "cá nhân (công dân)"}
LABELS = {
    "raised_by": "người kiến nghị",
    "raiser_address": "địa chỉ người kiến nghị",
    "forwarded_by": "cơ quan chuyển đến",
}

__all__ = ["LABELS", "RAISED_BY_LABELS", "Parties", "check", "corrected", "parties_to_edit"]

Change = tuple[str, str | None, str | None]


def check(raised_by: str | None, address: str | None, forwarded_by: str | None) -> None:
    """Refuse what no petition can carry (before the write starts)."""
    if raised_by is not None and raised_by not in RAISED_BY:
        raise DomainError(f"Người kiến nghị phải là cơ quan hoặc cá nhân (được «{raised_by}»).")
    for label, text in (("Địa chỉ", address), ("Cơ quan chuyển đến", forwarded_by)):
        if text is not None and len(text) > MAX_PARTY_CHARS:
            raise DomainError(f"{label} dài {len(text):,} ký tự, quá {MAX_PARTY_CHARS} ký tự.")


def _shown(name: str, value: str) -> str | None:
    if name == "raised_by":
        return RAISED_BY_LABELS[value]
    return value or None


def corrected(
    store: Store,
    current: Petition,
    raised_by: str | None,
    address: str | None,
    forwarded_by: str | None,
) -> tuple[Parties, list[Change]]:
    """The parties after the correction and what changed (field, old, new), read in the write.

    An empty forwarding body, or the document's own sender, means "came with its document".
    A body has no address: turning a person's petition into a body's drops the address.
    """
    now = pty.parties_of(store, current.id)
    if raised_by is None and address is None and forwarded_by is None:
        return now, []
    kind = now.raised_by if raised_by is None else ("person" if raised_by == "person" else "body")
    new_address = now.address if address is None else clean(address)
    if kind == "body" and new_address:
        if address is not None and clean(address):
            raise DomainError(
                "Chỉ ghi địa chỉ khi người kiến nghị là cá nhân (công dân); cơ quan, địa phương"
                " được trả lời theo tên."
            )
        new_address = ""
    forwarder = now.forwarded_by
    if forwarded_by is not None:
        doc = docs.get_document(store, current.document_id) if current.document_id else None
        forwarder = stored_forwarder(doc.sender if doc else "", forwarded_by)
    new = pty.normalized(Parties(kind, new_address, forwarder))
    pairs = (
        ("raised_by", now.raised_by, new.raised_by),
        ("raiser_address", now.address, new.address),
        ("forwarded_by", now.forwarded_by, new.forwarded_by),
    )
    changes = [(n, _shown(n, old), _shown(n, value)) for n, old, value in pairs if old != value]
    return new, changes


def parties_to_edit(session: Session, petition_id: int) -> tuple[Parties, str]:
    """What Sửa kiến nghị opens on: the petition's parties and its document's sender."""
    p = pet.get_petition(session.store, petition_id)
    if p is None:
        raise DomainError(f"Không có kiến nghị mã {petition_id} trong sổ.")
    doc = docs.get_document(session.store, p.document_id) if p.document_id else None
    return pty.parties_of(session.store, petition_id), doc.sender if doc else ""
