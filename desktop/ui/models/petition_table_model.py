"""Table model of the petition register: pages fetched by key, off the UI thread.

Two sources of rows: the register under a filter (pages of PAGE rows after the last key, never
OFFSET), or an explicit id list (search results), whose rows are fetched page by page too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from db import petitions as pet
from db.models import PetitionRow
from db.store import Store
from desktop.core.workflow import STATUS_LABELS
from desktop.ui.qt import (
    QAbstractTableModel,
    QBrush,
    QCollator,
    QColor,
    QFont,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from desktop.ui.worker import QueryRunner

COL_NO, COL_RECEIVED, COL_ORIGIN, COL_SUMMARY, COL_FIELD, COL_LEAD, COL_DUE, COL_STATUS = range(8)
HEADERS = (
    "Số đến",
    "Ngày đến",
    "Nơi kiến nghị",
    "Tóm tắt",
    "Lĩnh vực",
    "Đơn vị chủ trì",
    "Hạn xử lý",
    "Trạng thái",
)
PAGE = 200
# Columns the register sorts by in SQL (by key, on an index); the others keep their order.
SQL_ORDERS = {COL_NO: "received", COL_RECEIVED: "received", COL_ORIGIN: "origin", COL_DUE: "due"}
Index = QModelIndex | QPersistentModelIndex
OVERDUE_COLOUR = QColor("#b00020")


def _dmy(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


class PetitionTableModel(QAbstractTableModel):
    """Newest first; `fetchMore` asks the runner for the next page and inserts it when it comes."""

    loaded = Signal()  # a page arrived (tests and the status line wait on it)

    def __init__(self, runner: QueryRunner, today: dt.date) -> None:
        super().__init__()
        self.runner = runner
        self.today = today
        self.filter = pet.PetitionFilter()
        self.ids: list[int] | None = None  # explicit ids (search results) instead of the filter
        self.rows: list[PetitionRow] = []
        self._cursor: pet.Cursor | None = None
        self._collator = QCollator(QLocale("vi_VN"))
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._exhausted = False
        self._loading = False
        self._generation = 0
        self.queries = 0

    # -- sources ----------------------------------------------------------------------------
    def show_filter(self, f: pet.PetitionFilter) -> None:
        """The register under a filter, from its first page."""
        self._reset(f, None)

    def show_ids(self, ids: Sequence[int]) -> None:
        """Exactly these petitions, in this order (search results)."""
        self._reset(self.filter, list(ids))

    def refresh(self) -> None:
        """Reload the current source after an edit."""
        self._reset(self.filter, self.ids)

    def _reset(self, f: pet.PetitionFilter, ids: list[int] | None) -> None:
        self.beginResetModel()
        self._generation += 1  # pages of the previous source are dropped when they arrive
        self.filter, self.ids = f, ids
        self.rows, self._cursor, self._exhausted, self._loading = [], None, False, False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    # -- lazy loading -----------------------------------------------------------------------
    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        if parent.isValid() or self._exhausted or self._loading:
            return
        self._loading = True
        generation, f, ids, after = self._generation, self.filter, self.ids, self._cursor

        def page(store: Store) -> tuple[list[PetitionRow], pet.Cursor | None]:
            if ids is not None:  # search results: at most a few hundred, all at once
                return pet.rows_by_ids(store, ids), None
            return pet.page_rows(store, f, limit=PAGE, after=after)

        self.queries += 1
        self.runner.run_query(page, lambda result: self._arrived(generation, *result))

    def _arrived(self, generation: int, page: list[PetitionRow], cursor: pet.Cursor | None) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._cursor = cursor
        self._exhausted = cursor is None
        if self.ids is not None and self._sort is not None:
            page = self._sorted(page, *self._sort)
        if page:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()
        self.loaded.emit()

    # -- sorting ----------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header click: the register re-pages in SQL; search results sort in memory."""
        self._sort = (column, order)
        descending = order == Qt.SortOrder.DescendingOrder
        if self.ids is not None:
            self.layoutAboutToBeChanged.emit()
            self.rows = self._sorted(self.rows, column, order)
            self.layoutChanged.emit()
            return
        key = SQL_ORDERS.get(column)
        if key is None:
            return
        self._reset(replace(self.filter, order=key, descending=descending), None)

    def _sorted(
        self, rows: list[PetitionRow], column: int, order: Qt.SortOrder
    ) -> list[PetitionRow]:
        texts = {COL_ORIGIN: "origin", COL_SUMMARY: "summary", COL_FIELD: "field",
                 COL_LEAD: "lead_unit"}  # fmt: skip

        def key(r: PetitionRow) -> Any:
            if column in texts:
                return self._collator.sortKey(getattr(r, texts[column]) or "")
            if column == COL_DUE:
                return (r.due_on or dt.date.max, r.id)
            if column == COL_STATUS:
                return (list(STATUS_LABELS).index(r.status), r.id)
            return (r.received_on, r.id)

        return sorted(rows, key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    @property
    def busy(self) -> bool:
        """A page is on its way."""
        return self._loading

    # -- Qt model interface -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                "" if r.incoming_no is None else str(r.incoming_no),
                _dmy(r.received_on),
                r.origin,
                r.summary.replace("\n", " "),
                r.field or "",
                r.lead_unit or "",
                _dmy(r.due_on),
                STATUS_LABELS[r.status],
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and self.is_overdue(r):
            return QBrush(OVERDUE_COLOUR)
        if role == Qt.ItemDataRole.FontRole and self.is_overdue(r) and index.column() == COL_DUE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (COL_SUMMARY, COL_ORIGIN):
            return r.summary if index.column() == COL_SUMMARY else r.origin
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None

    def is_overdue(self, r: PetitionRow) -> bool:
        """Overdue rows stand out."""
        return r.status in pet.OPEN_STATUSES and r.due_on is not None and r.due_on < self.today

    def petition_id(self, row: int) -> int | None:
        """The petition shown on a row."""
        return self.rows[row].id if 0 <= row < len(self.rows) else None
