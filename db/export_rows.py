"""Rows of the register's Excel export: a petition with its document, units and latest reply.

Read a page at a time (never the whole register): the register's own filter and order
(db/petition_filter.py), or the ids of a search's matches walked newest first (db/search.py's
bounded index walk, page after page). The supporting units and the replies of a page come in
two more queries for its ids, so no group_concat (whose order neither engine promises).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import cast

from db import search, search_fts5, search_pg, search_query
from db.engine import POSTGRESQL, Row
from db.models import Status
from db.petition_filter import Cursor, PetitionFilter, keyset_page, where_clause
from db.store import Store
from db.util import must_date, to_date

# Ids per IN (…) list: well under SQLite's bound-parameter limit.
CHUNK = 500


@dataclass(frozen=True)
class ExportRow:
    """One petition as the export writes it (joins resolved, the latest reply)."""

    id: int
    incoming_no: int | None  # số đến of its document, restarting each year
    incoming_year: int | None
    received_on: dt.date
    sender: str  # the body that sent the document (cơ quan gửi)
    sender_ref: str  # its number and symbol (5606/VPCP-QHĐP)
    sender_date: dt.date | None
    origin: str  # who raised the petition (nơi kiến nghị)
    content: str  # the whole text, every paragraph and "+" point
    field: str | None
    lead_unit: str | None
    support_units: tuple[str, ...]
    due_on: dt.date | None
    status: Status
    reply_text: str
    reply_letter: str  # the answering letter's number (123/BTTTT-VP), as issued or recorded
    reply_on: dt.date | None  # the letter's date, else the reply's


_SELECT = """
SELECT {extra}p.id, d.incoming_no, d.year AS incoming_year, p.received_on, d.sender,
       d.sender_ref, d.sender_date, p.origin, p.content, f.name AS field,
       (SELECT u.name FROM assignments a JOIN units u ON u.id = a.unit_id
         WHERE a.petition_id = p.id AND a.role = 'lead' AND a.removed_at IS NULL) AS lead_unit,
       p.due_on, p.status
FROM petitions p
LEFT JOIN incoming_documents d ON d.id = p.document_id
LEFT JOIN fields f ON f.id = p.field_id
"""


def _marks(ids: Sequence[int]) -> str:
    return ", ".join("?" for _ in ids)


def _supports(store: Store, ids: Sequence[int]) -> dict[int, list[str]]:
    rows = store.all(
        "SELECT a.petition_id, u.name FROM assignments a JOIN units u ON u.id = a.unit_id"
        f" WHERE a.role = 'support' AND a.removed_at IS NULL AND a.petition_id IN ({_marks(ids)})"
        " ORDER BY a.petition_id, a.id",
        list(ids),
    )
    found: dict[int, list[str]] = {}
    for r in rows:
        found.setdefault(int(r[0]), []).append(str(r[1]))
    return found


def _replies(store: Store, ids: Sequence[int]) -> dict[int, Row]:
    rows = store.all(
        "SELECT rp.petition_id, r.text, r.letter_ref, r.replied_on, l.number, l.symbol,"
        " l.issued_on FROM reply_petitions rp JOIN replies r ON r.id = rp.reply_id"
        " LEFT JOIN outgoing_letters l ON l.id = r.letter_id"
        f" WHERE rp.petition_id IN ({_marks(ids)}) ORDER BY rp.petition_id, r.replied_on, r.id",
        list(ids),
    )
    return {int(r["petition_id"]): r for r in rows}  # the latest reply of each wins


def _letter(reply: Row) -> str:
    if reply["number"] is not None:  # issued by the app: its number as printed on it
        return f"{int(reply['number']):02d}/{reply['symbol']}"
    return str(reply["letter_ref"] or "")


def _complete(store: Store, rows: Sequence[Row]) -> list[ExportRow]:
    out: list[ExportRow] = []
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        ids = [int(r["id"]) for r in chunk]
        supports, replies = _supports(store, ids), _replies(store, ids)
        for r in chunk:
            reply = replies.get(int(r["id"]))
            out.append(
                ExportRow(
                    id=int(r["id"]),
                    incoming_no=r["incoming_no"],
                    incoming_year=r["incoming_year"],
                    received_on=must_date(r["received_on"]),
                    sender=r["sender"] or "",
                    sender_ref=r["sender_ref"] or "",
                    sender_date=to_date(r["sender_date"]),
                    origin=r["origin"],
                    content=r["content"],
                    field=r["field"],
                    lead_unit=r["lead_unit"],
                    support_units=tuple(supports.get(int(r["id"]), ())),
                    due_on=to_date(r["due_on"]),
                    status=cast(Status, r["status"]),
                    reply_text=reply["text"] if reply else "",
                    reply_letter=_letter(reply) if reply else "",
                    reply_on=(
                        to_date(reply["issued_on"] or reply["replied_on"]) if reply else None
                    ),
                )
            )
    return out


def page(
    store: Store, f: PetitionFilter, *, limit: int = CHUNK, after: Cursor | None = None
) -> tuple[list[ExportRow], Cursor | None]:
    """One page of the register in `f.order` (as the screen lists it), and the next cursor."""
    rows, cursor = keyset_page(store, lambda column: _SELECT.format(extra=column), f, limit, after)
    return _complete(store, rows), cursor


def rows_by_ids(store: Store, ids: Sequence[int]) -> list[ExportRow]:
    """Export rows of these petitions (withdrawn ones left out), in the given order."""
    found: dict[int, Row] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        where = f"p.id IN ({_marks(chunk)}) AND p.deleted_at IS NULL"
        sql = _SELECT.format(extra="") + f" WHERE {where}"
        found.update((int(r["id"]), r) for r in store.all(sql, chunk))
    return _complete(store, [found[i] for i in ids if i in found])


def search_id_pages(
    store: Store, text: str, f: PetitionFilter, *, limit: int = CHUNK
) -> Iterator[list[int]]:
    """Every petition matching the words under the filter (the screen's search), newest first,
    `limit` ids at a time: the index is walked back from the last page, never ranked whole."""
    parsed = search_query.parse(text)
    if parsed is None:
        return
    query = search_query.expand(store, parsed)
    engine = search_pg if store.dialect == POSTGRESQL else search_fts5
    match = search_query.match_all(query, engine)
    where, params = where_clause(f)
    reach = search.walk_reach(store, query, limit)
    below = 1 << 62
    while True:
        rows = engine.candidates(store, "p.id", match, where, params, below, limit, reach)
        ids = [int(r[0]) for r in rows]
        if ids:
            yield ids
        if len(ids) < limit:
            return
        below = ids[-1]


def search_count(store: Store, text: str, f: PetitionFilter) -> int:
    """How many petitions the search matches under the filter (all of them, for progress)."""
    return search.count(store, text, f, cap=1 << 40) if search_query.parse(text) else 0
