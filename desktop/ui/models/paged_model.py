"""One paged table model for the registers (Kiến nghị, Văn bản đến, Văn bản đi).

Rows come a page at a time, by key (never OFFSET), through the query runner: the view asks for
more (`canFetchMore`/`fetchMore`) as the clerk scrolls. A subclass says how to read one page
(`page_job`); this class keeps the rows, drops the pages of a source replaced meanwhile (the
generation), and recovers from a failed page: the message goes to `failed` (the screen's status
line), nothing is asked again by itself (a page failing at once would be asked forever), and
F5 (`refresh`) or the clerk scrolling on (`retry_on_scroll`) asks again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.core.types import Store
from desktop.ui.models.row_table import Index, OverdueRowsModel
from desktop.ui.qt import QAbstractItemView, QEvent, QKeyEvent, QModelIndex, QObject, Qt, Signal
from desktop.ui.worker import QueryRunner

PAGE = 200
# One row: the item itself (with an `id`), its display strings made once, overdue, and what a
# particular register keeps besides (the marked text of a search result).
Item = tuple[Any, tuple[str, ...], bool, Any]


@dataclass(frozen=True)
class Page:
    """Rows read by a worker, and the key the next page starts after (None: the last page)."""

    items: list[Item]
    cursor: object | None


class PagedTableModel(OverdueRowsModel):
    """Rows of a register, fetched by key off the UI thread; `loaded` after each page."""

    loaded = Signal()  # a page arrived (tests and the status line wait on it)
    failed = Signal(str)  # a page could not be read: the message, for the screen's status line

    def __init__(self, runner: QueryRunner) -> None:
        super().__init__()
        self.runner = runner
        self.rows: list[Any] = []
        self.cells: list[tuple[str, ...]] = []  # display strings, parallel to rows
        self.overdue: list[bool] = []  # parallel to rows
        self.extra: list[Any] = []  # parallel to rows
        self._cursor: object | None = None
        self._exhausted = False
        self._loading = False
        # Why the last page failed: no page is asked again until F5 or the clerk scrolls on.
        self.error: str | None = None
        self._keep = 0  # rows to load again on refresh, so a selected row further down is back
        self._replacing = False  # refreshing: the rows shown stay until the first page is in
        self._generation = 0
        self.queries = 0

    # -- what a register says -----------------------------------------------------------------
    def page_job(self, after: object | None) -> Callable[[Store], Page]:
        """The worker's job reading the page after `after` (None: the first page)."""
        raise NotImplementedError

    def arrange(self, items: list[Item]) -> list[Item]:
        """The order a page's rows are shown in (as read, unless a register sorts them)."""
        return items

    # -- sources ------------------------------------------------------------------------------
    def reload(self) -> None:
        """From the first page, the rows shown dropped at once (the source changed)."""
        self.beginResetModel()
        self._restart()
        self.rows, self.cells, self.overdue, self.extra = [], [], [], []
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        """The same source read again (after a write, F5), as many rows as were loaded; the
        rows shown stay until the new ones are in, so the list does not flash empty."""
        keep = len(self.rows)
        self._restart()
        self._keep, self._replacing = keep, bool(keep)
        self.fetchMore(QModelIndex())

    def retry(self) -> None:
        """After a failed page: ask for it again."""
        if self.error is not None:
            self.error = None
            self.fetchMore(QModelIndex())

    def _restart(self) -> None:
        self._generation += 1  # pages of the previous source are dropped when they arrive
        self._cursor, self._exhausted, self._loading = None, False, False
        self.error, self._keep, self._replacing = None, 0, False

    # -- lazy loading ---------------------------------------------------------------------------
    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted and not self._loading and not self.error

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation = self._generation
        self.queries += 1
        self.runner.run_query(
            self.page_job(self._cursor),
            lambda page: self._arrived(generation, page),
            owner=self,
            on_error=lambda message: self._failed(generation, message),
        )

    def _failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        if self._replacing:  # rows that could not be read again are not shown as if current
            self.beginResetModel()
            self.rows, self.cells, self.overdue, self.extra = [], [], [], []
            self.endResetModel()
        self._loading, self.error, self._keep, self._replacing = False, message, 0, False
        self.failed.emit(message)

    def _arrived(self, generation: int, page: Page) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._cursor = page.cursor
        self._exhausted = page.cursor is None
        items = self.arrange(page.items)
        if self._replacing:
            self._replacing = False
            self.beginResetModel()
            self.rows, self.cells, self.overdue, self.extra = [], [], [], []
            self._append(items)
            self.endResetModel()
        elif items:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
            self._append(items)
            self.endInsertRows()
        if len(self.rows) < self._keep and not self._exhausted:
            self.fetchMore(QModelIndex())  # refreshing: the rows the clerk had scrolled to
            return
        self._keep = 0
        self.loaded.emit()

    def _append(self, items: list[Item]) -> None:
        for row, cells, late, extra in items:
            self.rows.append(row)
            self.cells.append(cells)
            self.overdue.append(late)
            self.extra.append(extra)

    def _rearrange(self, order: Callable[[list[Item]], list[Item]]) -> None:
        """Show the loaded rows in another order (a sort done in memory)."""
        self.layoutAboutToBeChanged.emit()
        items = order(list(zip(self.rows, self.cells, self.overdue, self.extra, strict=True)))
        self.rows = [i[0] for i in items]
        self.cells = [i[1] for i in items]
        self.overdue = [i[2] for i in items]
        self.extra = [i[3] for i in items]
        self.layoutChanged.emit()

    @property
    def complete(self) -> bool:
        """Every row of the source is loaded."""
        return self._exhausted

    @property
    def busy(self) -> bool:
        """A page is on its way."""
        return self._loading

    def row_id(self, row: int) -> int | None:
        """The id of the item shown on a row."""
        return int(self.rows[row].id) if 0 <= row < len(self.rows) else None


class _RetryOnScroll(QObject):
    def __init__(self, view: QAbstractItemView, model: PagedTableModel) -> None:
        super().__init__(view)
        self.model = model
        view.viewport().installEventFilter(self)
        view.installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(self._scrolled)

    def _scrolled(self, _value: int) -> None:
        self.model.retry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        onward = event.type() == QEvent.Type.Wheel or (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_End)
        )
        if onward:
            self.model.retry()
        return False


def retry_on_scroll(view: QAbstractItemView, model: PagedTableModel) -> None:
    """After a failed page, the clerk scrolling on (wheel, scroll bar, Down, PageDown, End)
    asks for it again: a deliberate gesture, so a page that keeps failing is not asked in a
    loop."""
    _RetryOnScroll(view, model)
