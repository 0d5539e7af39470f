"""The register's filter: the WHERE clause a PetitionFilter makes and keyset paging in its
sort orders (shared by the register, search, similar, export and attachment search)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from db.engine import Row
from db.models import OVERDUE_SQL
from db.store import Store
from db.text import clean, fold
from db.util import iso


@dataclass(frozen=True)
class PetitionFilter:
    """Filters of the register: all optional, combined with AND."""

    status: Sequence[str] = ()
    unit_code: str | None = None
    field_id: int | None = None
    origin: str | None = None
    year: int | None = None
    overdue_on: dt.date | None = None  # only petitions overdue on this day
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    document_id: int | None = None
    order: str = "received"  # a key of ORDERS
    descending: bool = True
    kind: str | None = "petition"  # "task" for nhiệm vụ, None for both


def like_escape(text: str) -> str:
    """`text` as a literal inside a LIKE pattern with ESCAPE '!'."""
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def where_clause(f: PetitionFilter) -> tuple[str, list[Any]]:
    clauses = ["p.deleted_at IS NULL"]
    params: list[Any] = []
    if f.kind is not None:
        clauses.append("p.kind = ?")
        params.append(f.kind)
    if f.status:
        clauses.append(f"p.status IN ({', '.join('?' for _ in f.status)})")
        params.extend(f.status)
    if f.unit_code:
        # Looked up per petition (a scalar subquery), not joined: the register walks its index
        # newest first and stops after a page. PostgreSQL turns an EXISTS into a join with, or
        # a hash of, every assignment of the unit (0.4-1.3 s for a common unit at 200,000).
        clauses.append(
            "(SELECT a.id FROM assignments a WHERE a.petition_id = p.id AND a.removed_at IS NULL"
            " AND a.unit_id = (SELECT u.id FROM units u WHERE u.code = ?) LIMIT 1) IS NOT NULL"
        )
        params.append(f.unit_code)
    if f.document_id is not None:
        clauses.append("p.document_id = ?")
        params.append(f.document_id)
    if f.field_id is not None:
        clauses.append("p.field_id = ?")
        params.append(f.field_id)
    if f.origin:
        # A part of the name, folded as search folds (search_origin = fold(origin)): "ha noi"
        # finds "Cử tri thành phố Hà Nội". No index serves '%…%': the register walks its order
        # index testing each row and stops after a page, so a common origin costs little; one
        # that matches nothing reads every row once (off the UI thread).
        clauses.append("p.search_origin LIKE ? ESCAPE '!'")
        params.append(f"%{like_escape(fold(clean(f.origin)))}%")
    if f.year is not None:
        clauses.append("p.received_on >= ? AND p.received_on < ?")
        params.extend([f"{f.year:04d}-01-01", f"{f.year + 1:04d}-01-01"])
    if f.received_from:
        clauses.append("p.received_on >= ?")
        params.append(iso(f.received_from))
    if f.received_to:
        clauses.append("p.received_on <= ?")
        params.append(iso(f.received_to))
    if f.overdue_on:
        clauses.append(OVERDUE_SQL)
        params.append(iso(f.overdue_on))
    return " AND ".join(clauses), params


# Sort orders that page by key on an index: received date, Vietnamese order of the origin
# (sort_origin = db.text.vi_sort_key), due date.
ORDERS = {
    "received": "p.received_on",
    "origin": "p.sort_origin",
    "due": "coalesce(p.due_on, '9999-12-31')",
}
Cursor = tuple[Any, int]


def keyset_page(
    store: Store, select: Callable[[str], str], f: PetitionFilter, limit: int, after: Cursor | None
) -> tuple[list[Row], Cursor | None]:
    """One page in `f.order` after the cursor `after`, and the next cursor (None at the end):
    `select(column)` is the SELECT … FROM with `column` (the sort key) put first."""
    where, params = where_clause(f)
    expr = ORDERS[f.order]
    direction, cmp = ("DESC", "<") if f.descending else ("ASC", ">")
    if after is not None:
        where += f" AND ({expr}, p.id) {cmp} (?, ?)"
        params.extend(after)
    sql = (
        f"{select(f'{expr} AS sort_value, ')} WHERE {where}"
        f" ORDER BY {expr} {direction}, p.id {direction} LIMIT ?"
    )
    rows = store.all(sql, [*params, limit])
    cursor = (rows[-1]["sort_value"], rows[-1]["id"]) if len(rows) == limit else None
    return rows, cursor
