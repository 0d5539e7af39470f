"""Table models of Văn bản đến (incoming register) and Văn bản đi (outgoing register), paged by
key like the petition register (PagedTableModel)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

from desktop.core import documents as docs
from desktop.core.dates import format_date
from desktop.core.letters import register as letters
from desktop.core.types import DocumentRow, LetterRow, Store
from desktop.ui.models.paged_model import PAGE, Item, Page, PagedTableModel
from desktop.ui.models.row_table import TOOLTIP

DOCUMENT_HEADERS = ("Số đến", "Ngày đến", "Cơ quan gửi", "Số, ký hiệu", "Ngày văn bản",
                    "Trích yếu", "Hạn trả lời", "Kiến nghị")  # fmt: skip
LETTER_HEADERS = ("Số", "Ngày ban hành", "Trích yếu", "Nơi nhận", "Người ký")
R = TypeVar("R", DocumentRow, LetterRow)


def _dmy(day: dt.date | None) -> str:
    return format_date(day, empty="")


def _document_cells(d: DocumentRow) -> tuple[str, ...]:
    return (f"{d.incoming_no}/{d.year}", _dmy(d.received_on), d.sender, d.sender_ref,
            _dmy(d.sender_date), d.summary, _dmy(d.reply_by), str(d.petitions))  # fmt: skip


def _letter_cells(r: LetterRow) -> tuple[str, ...]:
    number = r.reference if r.number else f"(dự thảo) …/{r.symbol}"
    return (number, _dmy(r.issued_on), r.subject, r.recipients, r.signer)


def _keyed_page(
    rows: Sequence[R], cells: Callable[[R], tuple[str, ...]], key: Callable[[R], object]
) -> Page:
    """A page of a register read by key: the next one starts after the key of its last row,
    and a short page is the last."""
    items: list[Item] = [(r, cells(r), False, None) for r in rows]
    return Page(items, key(rows[-1]) if len(rows) == PAGE else None)


class DocumentTableModel(PagedTableModel):
    """Incoming documents, newest received first."""

    headers = DOCUMENT_HEADERS
    rows: list[DocumentRow]

    def page_job(self, after: object | None) -> Callable[[Store], Page]:
        """The documents received before the last one shown (its received date and id)."""
        cursor = cast("tuple[str, int] | None", after)

        def page(store: Store) -> Page:
            rows = docs.document_rows(store, limit=PAGE, after=cursor)
            return _keyed_page(rows, _document_cells, lambda d: (d.received_on.isoformat(), d.id))

        return page


class LetterTableModel(PagedTableModel):
    """Outgoing letters: drafts (no number yet) first, then the issued ones, newest first; each
    cell's whole text in its tooltip (the columns elide)."""

    headers = LETTER_HEADERS
    rows: list[LetterRow]

    def page_job(self, after: object | None) -> Callable[[Store], Page]:
        """The letters after the last one shown (its issued date, None for a draft, and id)."""
        cursor = cast("tuple[dt.date | None, int] | None", after)

        def page(store: Store) -> Page:
            rows = letters.letter_rows(store, limit=PAGE, after=cursor)
            return _keyed_page(rows, _letter_cells, lambda r: (r.issued_on, r.id))

        return page

    def more_data(self, row: int, col: int, role: int) -> Any:
        """The whole text of a cell as its tooltip."""
        return (self.cells[row][col] or None) if role == TOOLTIP else None
