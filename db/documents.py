"""Văn bản đến repository: incoming documents, their yearly số đến, attachments."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass
from typing import Any

from db.engine import Connection, Row
from db.models import Attachment, IncomingDocument
from db.store import Store
from db.text import clean, fold
from db.util import iso, must_date, new_uuid, now_iso, to_date

_COLUMNS = (
    "id, uuid, year, incoming_no, received_on, sender, sender_ref, sender_date, summary,"
    " reply_by, created_at, created_by"
)


def document_fields(row: Row) -> dict[str, Any]:
    """The register fields of an incoming_documents row, converted (shared by every view of it)."""
    return {
        "year": row["year"],
        "incoming_no": row["incoming_no"],
        "received_on": must_date(row["received_on"]),
        "sender": row["sender"],
        "sender_ref": row["sender_ref"],
        "sender_date": to_date(row["sender_date"]),
        "summary": row["summary"],
        "reply_by": to_date(row["reply_by"]),
    }


def _document(row: Row) -> IncomingDocument:
    return IncomingDocument(
        id=row["id"],
        uuid=row["uuid"],
        **document_fields(row),
        created_at=row["created_at"],
        created_by=row["created_by"],
    )


def next_incoming_no(store: Store, year: int) -> int:
    """The next free số đến of a calendar year (numbers restart at 1 each 1 January)."""
    current = store.scalar("SELECT max(incoming_no) FROM incoming_documents WHERE year = ?", [year])
    return int(current or 0) + 1


def is_incoming_no_free(store: Store, year: int, number: int) -> bool:
    """Whether số đến `number` is unused in `year`."""
    return (
        store.one(
            "SELECT 1 FROM incoming_documents WHERE year = ? AND incoming_no = ?", [year, number]
        )
        is None
    )


def insert_document(
    store: Store,
    *,
    received_on: dt.date,
    incoming_no: int,
    sender: str,
    sender_ref: str = "",
    sender_date: dt.date | None = None,
    summary: str = "",
    reply_by: dt.date | None = None,
    actor: str = "",
) -> int:
    """Insert a document row; the caller checked the number inside the same transaction."""
    with store.write() as conn:
        cur = conn.execute(
            "INSERT INTO incoming_documents (uuid, year, incoming_no, received_on, sender,"
            " sender_ref, sender_date, summary, reply_by, created_at, created_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [
                new_uuid(),
                received_on.year,
                incoming_no,
                iso(received_on),
                clean(sender),
                clean(sender_ref),
                iso(sender_date),
                clean(summary),
                iso(reply_by),
                now_iso(),
                actor,
            ],
        )
        return int(cur.fetchone()[0])


def get_document(store: Store, document_id: int) -> IncomingDocument | None:
    """One document by id (None when absent or withdrawn)."""
    row = store.one(
        f"SELECT {_COLUMNS} FROM incoming_documents WHERE id = ? AND deleted_at IS NULL",
        [document_id],
    )
    return _document(row) if row else None


def document_state(
    conn: Connection, document_id: int
) -> tuple[IncomingDocument, str | None] | None:
    """A document, withdrawn or not, with its `deleted_at` (read inside a write to decide)."""
    row = conn.execute(
        f"SELECT {_COLUMNS}, deleted_at FROM incoming_documents WHERE id = ?", [document_id]
    ).fetchone()
    return (_document(row), row["deleted_at"]) if row else None


# Columns a correction may change; year and incoming_no (the số đến) never change.
EDITABLE = ("received_on", "sender", "sender_ref", "sender_date", "summary", "reply_by")


def update_document(
    conn: Connection, document_id: int, values: dict[str, str | dt.date | None]
) -> None:
    """Write corrected columns of a document (caller's transaction; values already checked)."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if not values:
        return
    names = list(values)
    stored = [
        iso(v) if isinstance(v, dt.date) else clean(v) if isinstance(v, str) else None
        for v in values.values()
    ]
    conn.execute(
        f"UPDATE incoming_documents SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
        [*stored, document_id],
    )


def set_document_deleted(conn: Connection, document_id: int, stamp: str | None) -> None:
    """Withdraw (a time stamp) or reinstate (None) a document, in the caller's transaction."""
    conn.execute("UPDATE incoming_documents SET deleted_at = ? WHERE id = ?", [stamp, document_id])


def ref_key(sender_ref: str | None) -> str:
    """A sender's number as compared for duplicates: NFC, upper-case, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", sender_ref or "").upper().split())


def sender_key(sender: str | None) -> str:
    """A sender as compared for duplicates: no case, no diacritics, spaces collapsed."""
    return " ".join(fold(clean(sender)).split())


def find_duplicate(
    store: Store,
    *,
    sender: str,
    sender_ref: str,
    sender_date: dt.date | None,
    exclude_id: int | None = None,
) -> IncomingDocument | None:
    """A registered (not withdrawn) document with the same sender, number and date.

    A document without a number ("Đơn không số") is never anyone's duplicate, nor one without
    its date: senders number their letters afresh each year, so 12/UBND alone says little.
    Call it inside the write that inserts, so two clerks cannot both pass the check.
    """
    key = ref_key(sender_ref)
    if not key or sender_date is None:
        return None
    who = sender_key(sender)
    rows = store.all(
        f"SELECT {_COLUMNS} FROM incoming_documents WHERE sender_date = ?"
        " AND sender_ref != '' AND deleted_at IS NULL AND id IS DISTINCT FROM ? ORDER BY id",
        [iso(sender_date), exclude_id],
    )
    for row in rows:
        if ref_key(row["sender_ref"]) == key and sender_key(row["sender"]) == who:
            return _document(row)
    return None


def find_by_number(store: Store, year: int, incoming_no: int) -> IncomingDocument | None:
    """The document registered under số đến `incoming_no` of `year`."""
    row = store.one(
        f"SELECT {_COLUMNS} FROM incoming_documents WHERE year = ? AND incoming_no = ?",
        [year, incoming_no],
    )
    return _document(row) if row else None


def years(store: Store) -> list[int]:
    """The years that have incoming documents, latest first."""
    rows = store.all("SELECT DISTINCT year FROM incoming_documents ORDER BY year DESC")
    return [int(r[0]) for r in rows]


def known_senders(store: Store, prefix: str = "", limit: int = 50) -> list[str]:
    """Earlier senders, most used first (for completion while typing)."""
    rows = store.all(
        "SELECT sender FROM incoming_documents WHERE sender <> '' AND sender LIKE ? || '%'"
        " GROUP BY sender ORDER BY count(*) DESC, sender LIMIT ?",
        [prefix, limit],
    )
    return [r[0] for r in rows]


def add_attachment(store: Store, document_id: int, filename: str, content: bytes, mime: str) -> int:
    """Keep a scanned file inside the database with the document."""
    with store.write() as conn:
        cur = conn.execute(
            "INSERT INTO attachments (uuid, document_id, filename, mime, size, sha256, content,"
            " added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [
                new_uuid(),
                document_id,
                clean(filename),
                mime,
                len(content),
                hashlib.sha256(content).hexdigest(),
                content,
                now_iso(),
            ],
        )
        return int(cur.fetchone()[0])


def attachments_of(store: Store, document_id: int) -> list[Attachment]:
    """Attachments of a document, without their content."""
    rows = store.all(
        "SELECT id, uuid, document_id, filename, mime, size, sha256 FROM attachments"
        " WHERE document_id = ? ORDER BY id",
        [document_id],
    )
    return [Attachment(**dict(r)) for r in rows]


def attachment_content(store: Store, attachment_id: int) -> bytes:
    """The bytes of one attachment."""
    content = store.scalar("SELECT content FROM attachments WHERE id = ?", [attachment_id])
    return bytes(content) if content is not None else b""


@dataclass(frozen=True)
class DocumentRow:
    """A văn bản đến as one line of the incoming register, with its petition count."""

    id: int
    year: int
    incoming_no: int
    received_on: dt.date
    sender: str
    sender_ref: str
    sender_date: dt.date | None
    summary: str
    reply_by: dt.date | None
    petitions: int


def document_rows(
    store: Store, *, limit: int = 200, after: tuple[str, int] | None = None
) -> list[DocumentRow]:
    """The incoming register, newest received first, paged by key (received_on, id)."""
    where = "d.deleted_at IS NULL"
    params: list[object] = []
    if after is not None:
        where += " AND (d.received_on, d.id) < (?, ?)"
        params.extend(after)
    rows = store.all(
        f"SELECT d.id, d.year, d.incoming_no, d.received_on, d.sender, d.sender_ref,"
        f" d.sender_date, d.summary, d.reply_by,"
        f" (SELECT count(*) FROM petitions p WHERE p.document_id = d.id"
        f"  AND p.deleted_at IS NULL) AS petitions"
        f" FROM incoming_documents d WHERE {where}"
        f" ORDER BY d.received_on DESC, d.id DESC LIMIT ?",
        [*params, limit],
    )
    return [DocumentRow(id=r["id"], **document_fields(r), petitions=r["petitions"]) for r in rows]
