"""Kiến nghị: the register with its filter bar, search-as-you-type and detail pane.

While words are searched the table shows the matches, best (or newest) first, with a
"Trích đoạn" column where the matched words are bold; the status line counts every match.
From the search box, Down/PageDown or Enter go to the first result, Escape clears the search;
Up on the first row comes back, Enter on a row opens its detail.
"""

from __future__ import annotations

from dataclasses import replace

from desktop.core import search as fts
from desktop.core.types import PetitionFilter, Query, Snippet, Store
from desktop.ui import correction_actions
from desktop.ui.context import UiContext
from desktop.ui.dialogs import routing_slip
from desktop.ui.models.petition_table_model import (
    COL_EXCERPT,
    COL_ORIGIN,
    COL_RECEIVED,
    COL_SUMMARY,
    HEADERS,
    HTML_ROLE,
    LEAD,
    PetitionTableModel,
)
from desktop.ui.qt import (
    QByteArray,
    QEvent,
    QHeaderView,
    QKeyEvent,
    QLabel,
    QMenu,
    QModelIndex,
    QObject,
    QPoint,
    QSplitter,
    Qt,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.widgets.filter_bar import FilterBar
from desktop.ui.widgets.highlight_delegate import HighlightDelegate
from desktop.ui.widgets.petition_detail import PetitionDetail
from desktop.ui.widgets.search_box import ORDERS

# Số đến, ngày đến, nơi kiến nghị, tóm tắt (stretches), lĩnh vực, chủ trì, hạn, trạng thái,
# trích đoạn (stretches in the summary's place while searching).
COLUMN_WIDTHS = (60, 90, 200, 380, 170, 200, 90, 160, 380)
SEARCH_DELAY_MS = 250
# The best 200 are listed (the status line gives the total): ranking and excerpts of 500
# took 30-115 ms at a million petitions, 200 take about half.
SEARCH_LIMIT = 200
COUNT_CAP = 10_000
# What a search sends back: ids best first, an excerpt of each, the words parsed.
Found = tuple[list[int], dict[int, Snippet], Query | None]
# Search rows show two lines of the excerpt: one line rarely reaches past the first match.
EXCERPT_LINES = 2


def amount(n: int) -> str:
    """A count as a clerk writes it: 12.345, and "hơn 10.000" past the cap."""
    text = f"{min(n, COUNT_CAP):,}".replace(",", ".")
    return f"hơn {text}" if n > COUNT_CAP else text


class PetitionsScreen(QWidget):
    """The register; the filter bar narrows it, the search box replaces it by matches."""

    def __init__(self, ctx: UiContext, *, overdue_only: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self.model = PetitionTableModel(ctx.runner, ctx.session.today())
        self.filters = FilterBar(ctx, overdue_only=overdue_only)
        bar = self.filters
        self.search_box, self.order_box = bar.search_box, bar.order_box
        self.status_box, self.unit_box, self.field_box = bar.status_box, bar.unit_box, bar.field_box
        self.year_box, self.origin_box, self.overdue_box = (
            bar.year_box,
            bar.origin_box,
            bar.overdue_box,
        )
        bar.changed.connect(self.apply)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.highlight = HighlightDelegate(HTML_ROLE, self.table)  # words found, in bold
        self.table.setItemDelegateForColumn(COL_EXCERPT, self.highlight)
        self.table.setItemDelegateForColumn(COL_ORIGIN, self.highlight)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for col, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_EXCERPT, QHeaderView.ResizeMode.Stretch)
        header.setSectionHidden(COL_EXCERPT, True)
        self._place_excerpt_column()
        header.setSortIndicator(COL_RECEIVED, Qt.SortOrder.DescendingOrder)
        header.setSortIndicatorShown(True)
        # Clicks only: setSortingEnabled would re-sort (and re-query) on every reset.
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self.model.sort)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._row_menu)
        self.detail = PetitionDetail(ctx)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setSizes([500, 260])
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter)
        layout.addWidget(self.status)

        # The search in flight: answers of an older one (or of one the clerk cleared) are
        # dropped; the runner's keys do the same between queries of one kind.
        self._token = 0
        self._searching = False  # waiting for the ids and excerpts
        self._query = ""
        self._total: int | None = None  # every match, counted after the results came
        self._search_mode = False  # the table shows search results (excerpt column on)
        self._register_sort = (COL_RECEIVED, Qt.SortOrder.DescendingOrder)
        self._first_on_load: bool | None = None  # select row 0 when loaded (True: focus too)
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply)
        self.search_box.textChanged.connect(lambda _: self._debounce.start())
        self.search_box.to_results.connect(lambda: self.first_result(focus=True))
        self.search_box.returnPressed.connect(lambda: self.first_result(focus=False))
        self.search_box.escaped.connect(self.apply)
        self.order_box.currentIndexChanged.connect(lambda _: self._order_changed())
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.detail.show_petition(self.model.petition_id(cur.row()))
        )
        # `activated` is Enter as well as double-click.
        self.table.activated.connect(self.open_detail)
        self.detail.open_petition.connect(self.show_similar)
        self.table.installEventFilter(self)
        self.detail.browser.installEventFilter(self)
        self.model.modelReset.connect(self._sync_search_columns)
        self.model.loaded.connect(self._loaded)
        ctx.bus.changed.connect(self.refresh)
        self.apply()

    def _column_menu(self, pos: QPoint) -> None:
        """Right-click on the header: choose the columns (remembered with the layout)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for col, title in enumerate(HEADERS[:COL_EXCERPT]):  # the excerpt follows the search
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(col))
            action.setEnabled(col != COL_SUMMARY)  # always there (as the excerpt in a search)
            action.toggled.connect(lambda on, col=col: header.setSectionHidden(col, not on))
        menu.popup(header.mapToGlobal(pos))
        self.column_menu = menu

    def _row_menu(self, pos: QPoint) -> None:
        # Sửa / Rút / Khôi phục (desktop/ui/correction_actions.py); kept for tests to trigger.
        ids = self.selected_ids()
        self.row_menu = correction_actions.petition_menu(self.ctx, self.table, ids, pos)
        routing_slip.add_to_menu(self.ctx, self.row_menu, ids)  # In phiếu giải quyết…

    def current_filter(self) -> PetitionFilter:
        """The filter bar as a PetitionFilter."""
        return self.filters.petition_filter(self.ctx.session.today())

    def apply(self) -> None:
        """Show the register under the filter, or the search results for the typed words."""
        self._debounce.stop()
        self._token += 1
        token = self._token
        text = self.search_box.text().strip()
        sort = self.model.filter
        f = replace(self.current_filter(), order=sort.order, descending=sort.descending)
        self.model.today = self.ctx.session.today()
        self._query, self._total, self._searching = text, None, bool(text)
        if not text:
            self.model.show_filter(f)
            return
        self.status.setText(f"Đang tìm «{text}»…")
        order = self.order_box.order()

        def find(store: Store) -> Found:
            # The excerpts come with the ids, made here, off the UI thread.
            ids = fts.search_ids(store, text, f, order=order, limit=SEARCH_LIMIT)
            return ids, fts.snippets(store, ids, text, lead=LEAD), fts.parse(text)

        # key="search": when the clerk typed on, the older query's answer is dropped.
        self.ctx.runner.run_query(
            find,
            lambda found: self._found(token, text, f, found),
            key="search",
            owner=self,
            on_error=lambda message: self._failed(token, text, message),
        )

    def drop_search(self) -> None:
        """Empty the box without re-applying the filter bar: the caller shows its own list."""
        self._debounce.stop()
        self._token += 1  # a search still running is dropped when it answers
        self._query, self._total, self._searching = "", None, False
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)

    def _found(self, token: int, text: str, f: PetitionFilter, found: Found) -> None:
        if token != self._token or self.search_box.text().strip() != text:
            return  # the box changed (or was cleared) since this search started
        self._searching = False
        self.model.show_ids(*found)

        def total(store: Store) -> int:
            return fts.count(store, text, f, cap=COUNT_CAP)

        # Asked after the results, in its own keyed call: counting never delays them.
        self.ctx.runner.run_query(
            total, lambda n: self._counted(token, n), key="search-count", owner=self
        )

    def _counted(self, token: int, n: int) -> None:
        if token == self._token:
            self._total = n
            self._update_status()

    def _failed(self, token: int, text: str, message: str) -> None:
        if token == self._token:
            self._searching, self._first_on_load = False, None
            self.status.setText(f"Không tìm được «{text}»: {message}")

    def _order_changed(self) -> None:
        if self._search_mode or self.search_box.text().strip():
            self._use_rank_order()
            self.apply()

    def _use_rank_order(self) -> None:
        """Results in the search's order (a header click is forgotten); the arrow says so."""
        self.model.use_rank_order()
        self._set_sort_indicator(COL_EXCERPT, Qt.SortOrder.AscendingOrder)

    def _set_sort_indicator(self, column: int, order: Qt.SortOrder) -> None:
        header = self.table.horizontalHeader()
        header.blockSignals(True)  # only the arrow: the rows are already in this order
        header.setSortIndicator(column, order)
        header.blockSignals(False)

    # -- the search columns -------------------------------------------------------------------
    def _place_excerpt_column(self) -> None:
        header = self.table.horizontalHeader()
        header.moveSection(header.visualIndex(COL_EXCERPT), header.visualIndex(COL_SUMMARY) + 1)

    def restore_columns(self, state: QByteArray | None) -> None:
        """The clerk's remembered column layout (saved by the main window)."""
        header = self.table.horizontalHeader()
        if state is not None:
            header.restoreState(state)
        self._place_excerpt_column()  # a layout saved before the column existed puts it last
        if header.sortIndicatorSection() == COL_EXCERPT and not self.model.searching:
            # Saved while searching: the register opens in its own order, newest first.
            self._set_sort_indicator(COL_RECEIVED, Qt.SortOrder.DescendingOrder)
        self._sync_search_columns(force=True)  # a layout saved while searching shows it

    def _sync_search_columns(self, *, force: bool = False) -> None:
        """Excerpt column, two-line rows and the search's sort arrow only while searching."""
        on = self.model.searching
        header = self.table.horizontalHeader()
        if on != self._search_mode:
            if on:
                self._register_sort = (header.sortIndicatorSection(), header.sortIndicatorOrder())
                self._use_rank_order()
            else:
                self._set_sort_indicator(*self._register_sort)
        elif not force:
            return
        self._search_mode = on
        # The excerpt takes the summary's place: side by side neither would be readable on
        # a laptop screen (the summary stays in the excerpt's tooltip).
        header.setSectionHidden(COL_EXCERPT, not on)
        header.setSectionHidden(COL_SUMMARY, on)
        extra_lines = EXCERPT_LINES - 1 if on else 0
        metrics = self.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(
            metrics.height() + 8 + extra_lines * metrics.lineSpacing()
        )

    # -- keyboard -----------------------------------------------------------------------------
    def first_result(self, *, focus: bool) -> None:
        """Select the first result (Enter in the search box); `focus`: move the keyboard to the
        results too (Down). A search still waiting selects it when it arrives."""
        if self._debounce.isActive():
            self.apply()
        if self._searching or self.model.busy:
            self._first_on_load = focus
            return
        self._select_first(focus)

    def _select_first(self, focus: bool) -> None:
        if self.model.rowCount() == 0:
            return
        self.table.selectRow(0)
        self.table.scrollToTop()
        if focus:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_detail(self, index: QModelIndex) -> None:
        """Enter or double-click on a row: its detail, with the keyboard in it (Esc goes back)."""
        pid = self.model.petition_id(index.row())
        if pid is None:
            return
        if pid != self.detail.petition_id:
            self.detail.show_petition(pid)
        top, bottom = self.splitter.sizes()
        if bottom == 0:  # the clerk dragged the pane shut: open it again
            self.splitter.setSizes([max(1, top - 260), 260])
        self.detail.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_similar(self, petition_id: int) -> None:
        """A similar petition clicked in the detail: its row when listed, else its detail alone."""
        rows = [r for r in range(self.model.rowCount()) if self.model.petition_id(r) == petition_id]
        if rows:
            self.table.selectRow(rows[0])
            self.table.scrollTo(self.model.index(rows[0], 0))
        else:
            self.table.clearSelection()
            self.detail.show_petition(petition_id)
            self.status.setText(
                f"Đang xem kiến nghị mã {petition_id} (không nằm trong danh sách đang hiện)."
            )
        self.detail.tabs.setCurrentIndex(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if not plain:
            return False
        if watched is self.table and event.key() == Qt.Key.Key_Up:
            if self.table.currentIndex().row() <= 0:
                self.search_box.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        elif watched is self.detail.browser and event.key() == Qt.Key.Key_Escape:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def refresh(self) -> None:
        """After a write: reload the rows and the detail pane."""
        self.model.refresh()
        self.detail.show_petition(self.detail.petition_id)

    def selected_ids(self) -> list[int]:
        """Petitions of the selected rows, in view order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [pid for r in rows if (pid := self.model.petition_id(r)) is not None]

    def _loaded(self) -> None:
        self._update_status()
        if self._first_on_load is not None and not self._searching and not self.model.busy:
            focus, self._first_on_load = self._first_on_load, None
            self._select_first(focus)

    def _update_status(self) -> None:
        if self._searching:
            return  # "Đang tìm…" stays until this search's results are in
        text = self._query if self.model.searching else ""
        n = self.model.rowCount()
        more = "" if not self.model.canFetchMore(self.table.rootIndex()) else "+"
        if text and n == 0:
            self.status.setText(f"Không tìm thấy kiến nghị nào cho «{text}».")
        elif text:
            total = self._total
            if total is None:
                self.status.setText(f"{n} kiến nghị khớp «{text}»; đang đếm tất cả…")
            elif total <= n:
                self.status.setText(f"{n} kiến nghị khớp «{text}».")
            else:
                first = ORDERS[self.order_box.order()].lower()
                self.status.setText(
                    f"Hiện {n} kiến nghị {first} trong tổng số {amount(total)} kiến nghị"
                    f" khớp «{text}»."
                )
        elif n == 0:
            self.status.setText(
                "Chưa có kiến nghị nào phù hợp. Vào sổ văn bản đến (Ctrl+N) hoặc nhập từ tệp."
            )
        else:
            self.status.setText(f"Đang hiện {n}{more} kiến nghị, mới nhất trước.")
