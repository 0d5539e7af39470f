"""Reading văn bản đến (incoming documents) for the screens: the register, years, completions.

Registering and correcting documents are in registry.py and corrections.py.
"""

from __future__ import annotations

from db import documents as docs
from db import lookups
from db.documents import DocumentRow
from db.store import Store

__all__ = [
    "document_label",
    "document_rows",
    "known_origins",
    "known_senders",
    "next_incoming_no",
    "years",
]


def document_rows(
    store: Store, *, limit: int = 200, after: tuple[str, int] | None = None
) -> list[DocumentRow]:
    """The incoming register, newest received first, paged by key (received_on, id)."""
    return docs.document_rows(store, limit=limit, after=after)


def years(store: Store) -> list[int]:
    """The years that have incoming documents, latest first."""
    return docs.years(store)


def next_incoming_no(store: Store, year: int) -> int:
    """The next free số đến of a calendar year (numbers restart at 1 each 1 January)."""
    return docs.next_incoming_no(store, year)


def known_senders(store: Store, limit: int = 50) -> list[str]:
    """Earlier senders, most used first (offered while the clerk types one)."""
    return docs.known_senders(store, limit=limit)


def known_origins(store: Store, limit: int = 2000) -> list[str]:
    """Earlier nơi kiến nghị (localities, bodies, people), most used first."""
    return lookups.known_origins(store, limit=limit)


def document_label(store: Store, document_id: int) -> str:
    """How a clerk names a document: "Văn bản đến số 12/2026" (empty when it is gone)."""
    d = docs.get_document(store, document_id)
    return "" if d is None else f"Văn bản đến số {d.incoming_no}/{d.year}"
