"""What the Sửa, Rút and Khôi phục screens read before they correct: the screens reach the
data through desktop/core only, and the corrections themselves are in desktop/core/corrections.
"""

from __future__ import annotations

from db import documents as docs
from db import history
from db import petitions as pet
from db import reference as ref
from db.history import WithdrawnRow
from db.models import Field, IncomingDocument, Petition
from db.store import Store
from desktop.core.errors import DomainError
from desktop.core.session import Session

__all__ = [
    "WithdrawnRow",
    "document_to_edit",
    "field_choices",
    "petition_to_edit",
    "withdrawn_petitions",
]


def petition_to_edit(session: Session, petition_id: int) -> Petition:
    """The petition a correction form opens on; refused when it is not in the register."""
    p = pet.get_petition(session.store, petition_id)
    if p is None:
        raise DomainError(f"Không có kiến nghị mã {petition_id} trong sổ.")
    return p


def document_to_edit(session: Session, document_id: int) -> IncomingDocument:
    """The văn bản đến a correction form opens on; refused when it is not in the register."""
    d = docs.get_document(session.store, document_id)
    if d is None:
        raise DomainError(f"Không có văn bản đến mã {document_id} trong sổ.")
    return d


def field_choices(session: Session) -> list[Field]:
    """The lĩnh vực a petition may be filed under, as the catalogue lists them."""
    return ref.fields(session.store)


def withdrawn_petitions(store: Store) -> list[WithdrawnRow]:
    """Withdrawn petitions, the latest withdrawn first (run off the UI thread)."""
    return history.withdrawn_petitions(store)
