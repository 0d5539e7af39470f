"""Table model of the petition register: pages fetched by key, off the UI thread (PagedTableModel).

Two sources of rows: the register under a filter (pages of PAGE rows after the last key, never
OFFSET), or an explicit id list (search results), whose rows are fetched page by page too.
Search results also carry an excerpt (trích đoạn) per row, and the words found are marked in
it and in the origin.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any, cast

from desktop.core import petitions as pet
from desktop.core.dates import format_date
from desktop.core.search import marked, matched_spans
from desktop.core.types import Cursor, PetitionFilter, PetitionRow, Query, Snippet, Store
from desktop.core.vocabulary import STATUS_LABELS, is_overdue
from desktop.ui.models.paged_model import PAGE, Item, Page, PagedTableModel
from desktop.ui.models.row_table import TOOLTIP, USER
from desktop.ui.qt import QCollator, QLocale, Qt
from desktop.ui.worker import QueryRunner

COL_NO, COL_RECEIVED, COL_ORIGIN, COL_SUMMARY, COL_FIELD, COL_LEAD, COL_DUE, COL_STATUS = range(8)
# Shown only while searching; last, so the register's column numbers stay what they were.
COL_EXCERPT = 8
HEADERS = (
    "Số đến",
    "Ngày đến",
    "Nơi kiến nghị",
    "Tóm tắt",
    "Lĩnh vực",
    "Đơn vị chủ trì",
    "Hạn xử lý",
    "Trạng thái",
    "Trích đoạn",
)
# Characters of an excerpt kept before its first match: a narrow cell still shows it.
LEAD = 30
# Columns the register sorts by in SQL (by key, on an index); the others keep their order.
SQL_ORDERS = {COL_NO: "received", COL_RECEIVED: "received", COL_ORIGIN: "origin", COL_DUE: "due"}
# The excerpt or origin of a search result as HTML, the words found in <b> (for
# HighlightDelegate); None for the other cells and outside a search.
HTML_ROLE = USER + 1


# A cell never shows more than this many characters, even across a 1920-pixel screen; the text
# beyond is cut in the worker so a repaint does not shape it (the tooltip has it all).
SHOWN_CHARS = 200


def _shown(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _dmy(day: dt.date | None) -> str:
    return format_date(day, empty="")


def excerpt_html(snippet: Snippet) -> str:
    """The excerpt as escaped HTML with each run of matched words in one <b>."""
    runs: list[list[int]] = []
    for start, end in snippet.spans:
        # "Thái Bình" is one bold run, not two words with a plain space between them.
        if runs and not snippet.text[runs[-1][1] : start].strip():
            runs[-1][1] = end
        else:
            runs.append([start, end])
    out: list[str] = []
    cursor = 0
    for start, end in runs:
        out.append(html.escape(snippet.text[cursor:start]))
        out.append(f"<b>{html.escape(snippet.text[start:end])}</b>")
        cursor = end
    out.append(html.escape(snippet.text[cursor:]))
    return "".join(out)


def search_marks(
    r: PetitionRow, excerpt: Snippet | None, query: Query | None
) -> tuple[str, str, str]:
    """For a search result: the excerpt shown, and the HTML of its origin (empty when no word
    was found there) and of its excerpt. Made in the worker thread."""
    words, open_last = marked(query) if query else ((), False)
    spans = matched_spans(r.origin, words, open_last=open_last) if words else []
    origin = excerpt_html(Snippet(r.origin, tuple(spans))) if spans else ""
    if excerpt is None:
        return "", origin, ""
    if spans and excerpt.text == r.origin.replace("\n", " "):
        # The words are only in the origin, marked in its own column: rather than repeat it,
        # the excerpt says what the petition asks.
        excerpt = Snippet(r.summary.replace("\n", " "), ())
    return excerpt.text, origin, excerpt_html(excerpt)


def display_cells(r: PetitionRow, excerpt: str = "") -> tuple[str, ...]:
    """The strings a row shows, made once (in the worker thread)."""
    return (
        "" if r.incoming_no is None else str(r.incoming_no),
        _dmy(r.received_on),
        _shown(r.origin),
        _shown(r.summary),
        r.field or "",
        r.lead_unit or "",
        _dmy(r.due_on),
        STATUS_LABELS[r.status],
        excerpt,
    )


class PetitionTableModel(PagedTableModel):
    """Newest first; pages of the register by key, or the petitions of a search."""

    headers = HEADERS
    due_column = COL_DUE
    extra_roles = frozenset({TOOLTIP, HTML_ROLE})
    rows: list[PetitionRow]

    def __init__(self, runner: QueryRunner, today: dt.date) -> None:
        super().__init__(runner)
        self.today = today
        self.filter = PetitionFilter()
        self.ids: list[int] | None = None  # explicit ids (search results) instead of the filter
        # Excerpts of the search results by petition id; None when not showing a search.
        self.excerpts: Mapping[int, Snippet] | None = None
        self.query: Query | None = None  # the words searched, to mark them in the origins
        self._collator = QCollator(QLocale("vi_VN"))
        self._sort: tuple[int, Qt.SortOrder] | None = None

    @property
    def marked(self) -> list[tuple[str, str]]:
        """The origin and excerpt HTML of each row (search results), parallel to rows."""
        return self.extra

    # -- sources ----------------------------------------------------------------------------
    def show_filter(self, f: PetitionFilter) -> None:
        """The register under a filter, from its first page."""
        self.query = None  # no search: nothing is marked in bold
        self._reset(f, None, None)

    def show_ids(
        self,
        ids: Sequence[int],
        excerpts: Mapping[int, Snippet] | None = None,
        query: Query | None = None,
    ) -> None:
        """Exactly these petitions, in this order; with `excerpts` they are the results of
        searching `query`."""
        self.query = query if excerpts is not None else None
        self._reset(self.filter, list(ids), excerpts)

    def use_rank_order(self) -> None:
        """Search results in the order the search gave them (forget a header click)."""
        self._sort = None

    @property
    def searching(self) -> bool:
        """The rows are search results with excerpts."""
        return self.excerpts is not None

    def _reset(
        self,
        f: PetitionFilter,
        ids: list[int] | None,
        excerpts: Mapping[int, Snippet] | None,
    ) -> None:
        self.filter, self.ids, self.excerpts = f, ids, excerpts
        self.reload()

    # -- lazy loading -----------------------------------------------------------------------
    def page_job(self, after: object | None) -> Callable[[Store], Page]:
        """Read the next page of the register (or the search results, at once) by key."""
        f, ids, cursor = self.filter, self.ids, cast("Cursor | None", after)
        today, excerpts, query = self.today, self.excerpts or {}, self.query

        def page(store: Store) -> Page:
            if ids is not None:  # search results: at most a few hundred, all at once
                rows, following = pet.rows_by_ids(store, ids), None
            else:
                rows, following = pet.page_rows(store, f, limit=PAGE, after=cursor)
            items: list[Item] = []
            for r in rows:
                text, origin, excerpt = search_marks(r, excerpts.get(r.id), query)
                items.append((r, display_cells(r, text), is_overdue(r, today), (origin, excerpt)))
            return Page(items, following)

        return page

    def arrange(self, items: list[Item]) -> list[Item]:
        """Search results keep a header click's order; the register pages in SQL order."""
        if self.ids is not None and self._sort is not None:
            return self._sorted(items, *self._sort)
        return items

    # -- sorting ----------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header click: the register re-pages in SQL; search results sort in memory."""
        self._sort = (column, order)
        descending = order == Qt.SortOrder.DescendingOrder
        if self.ids is not None:
            self._rearrange(lambda items: self._sorted(items, column, order))
            return
        key = SQL_ORDERS.get(column)
        if key is None:
            return
        self._reset(replace(self.filter, order=key, descending=descending), None, None)

    def _sorted(self, items: list[Any], column: int, order: Qt.SortOrder) -> list[Any]:
        texts = {COL_ORIGIN: "origin", COL_SUMMARY: "summary", COL_FIELD: "field",
                 COL_LEAD: "lead_unit"}  # fmt: skip
        rank = {pid: i for i, pid in enumerate(self.ids or ())}

        def key(item: Any) -> Any:
            r: PetitionRow = item[0]
            if column == COL_EXCERPT:  # the order the search ranked them in
                return rank.get(r.id, len(rank))
            if column in texts:
                return self._collator.sortKey(getattr(r, texts[column]) or "")
            if column == COL_DUE:
                return (r.due_on or dt.date.max, r.id)
            if column == COL_STATUS:
                return (list(STATUS_LABELS).index(r.status), r.id)
            return (r.received_on, r.id)

        return sorted(items, key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    @property
    def complete(self) -> bool:
        """Every row of the source is loaded (search results always are)."""
        return self.ids is not None or self._exhausted

    # -- Qt model interface -----------------------------------------------------------------
    def more_data(self, row: int, col: int, role: int) -> Any:
        """The marked origin and excerpt (HTML_ROLE) and the tooltips of the cells cut short."""
        if role == HTML_ROLE:
            origin, excerpt = self.marked[row]
            return (excerpt if col == COL_EXCERPT else origin if col == COL_ORIGIN else "") or None
        if role == TOOLTIP and col == COL_EXCERPT:
            # The whole excerpt (the cell may cut it), after the summary whose column it took.
            excerpt, summary = self.cells[row][COL_EXCERPT], self.rows[row].summary
            above = "" if excerpt == summary else f"<p><i>{html.escape(summary)}</i></p>"
            return f"{above}<p>{self.marked[row][1]}</p>" if excerpt else None
        if role == TOOLTIP and col in (COL_SUMMARY, COL_ORIGIN):
            r = self.rows[row]
            return r.summary if col == COL_SUMMARY else r.origin
        return None

    def is_overdue(self, r: PetitionRow) -> bool:
        """Overdue rows stand out."""
        return is_overdue(r, self.today)

    def petition_id(self, row: int) -> int | None:
        """The petition shown on a row."""
        return self.row_id(row)
