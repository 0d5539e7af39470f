"""Kiến nghị: the register with its filter bar, search-as-you-type and detail pane.

While words are searched the table shows the matches, best (or newest) first, with a
"Trích đoạn" column where the matched words are bold; the status line counts every match.
From the search box, Down/PageDown or Enter go to the first result, Escape clears the search;
Up on the first row comes back, Enter on a row opens its detail.
"""

from __future__ import annotations

from dataclasses import replace

from desktop.core import documents as docs
from desktop.core import search as fts
from desktop.core.types import PetitionFilter, Query, Snippet, Store
from desktop.ui.context import UiContext
from desktop.ui.models.paged_model import retry_on_scroll
from desktop.ui.models.petition_table_model import (
    COL_RECEIVED,
    LEAD,
    PetitionTableModel,
)
from desktop.ui.qt import (
    QPoint,
    QSizePolicy,
    QSplitter,
    Qt,
    QTimer,
    QVBoxLayout,
)
from desktop.ui.screens.petition_menu import petition_menu
from desktop.ui.screens.petitions_keys import PetitionKeys
from desktop.ui.screens.petitions_status import COUNT_CAP, status_line
from desktop.ui.screens.register_columns import RegisterColumns
from desktop.ui.widgets.elided_label import ElidedLabel
from desktop.ui.widgets.filter_bar import FilterBar
from desktop.ui.widgets.petition_detail import PetitionDetail
from desktop.ui.widgets.search_box import ORDERS

SEARCH_DELAY_MS = 250
# The best 200 are listed (the status line gives the total): ranking and excerpts of 500
# took 30-115 ms at a million petitions, 200 take about half.
SEARCH_LIMIT = 200
# What a search sends back: ids best first, an excerpt of each, the words parsed.
Found = tuple[list[int], dict[int, Snippet], Query | None]


class PetitionsScreen(PetitionKeys, RegisterColumns):
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
        bar.cleared.connect(self.apply)
        self._build_table()
        self.table.customContextMenuRequested.connect(self._row_menu)
        self.detail = PetitionDetail(ctx)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setSizes([500, 260])
        # Its text changes with every search and page: elided rather than widening the screen,
        # so a new text repaints the label alone, not the whole window laid out again.
        self.status = ElidedLabel()
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
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
        self._in_document = False  # the register is listing one document's petitions
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
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._load_failed)
        retry_on_scroll(self.table, self.model)
        # The petition selected before the rows were reloaded: selected again when it is back.
        self._follow: int | None = None
        ctx.bus.changed.connect(self.refresh)
        self.apply()

    def _row_menu(self, pos: QPoint) -> None:
        # A right-click outside the selection acts on the row under the mouse, as in a file list.
        row = self.table.indexAt(pos).row()
        if row >= 0 and row not in {i.row() for i in self.table.selectionModel().selectedRows()}:
            self.table.selectRow(row)
        ids = self.selected_ids()
        by_id = {r.id: r for r in self.model.rows}
        numbers = [
            f"{r.incoming_no}/{r.received_on.year}" if r.incoming_no else ""
            for r in (by_id[i] for i in ids)
        ]
        details = self.detail.details
        if details is not None and ids[:1] == [details.petition.id]:
            at_work = any(a.completed_on is None for a in details.assignments)
        else:  # not read yet: the list's lead unit says as much
            at_work = bool(ids) and bool(by_id[ids[0]].lead_unit)
        self.row_menu = petition_menu(  # kept for tests to trigger
            self.ctx, self.table, ids, numbers, pos, unit_at_work=at_work
        )

    def complete_part(self) -> bool:
        """Ctrl+H: đơn vị hoàn thành for the selected petition; True when saved."""
        ids = self.selected_ids()
        if not ids:
            self.status.setText("Chọn kiến nghị có đơn vị đã hoàn thành phần việc trước.")
            return False
        from desktop.ui.dialogs.complete_part import open_complete_part  # loads when first used

        return open_complete_part(self.ctx, self.window(), ids[0])

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
        f = self._document_order(f)
        if not text:
            only = self.filters.extra.petition_ids
            if only:
                self.model.filter = f
                self.model.show_ids(only)
            else:
                self.model.show_filter(f)
            return
        self.status.setText(f"Đang tìm «{text}»…")
        order = self.order_box.order()

        def find(store: Store) -> Found:
            # The excerpts come with the ids, made here, off the UI thread.
            ids = fts.search_ids(store, text, f, order=order, limit=SEARCH_LIMIT)
            return ids, fts.snippets(store, ids, text, lead=LEAD), fts.parsed(store, text)

        # key="search": when the clerk typed on, the older query's answer is dropped.
        self.ctx.runner.run_query(
            find,
            lambda found: self._found(token, text, f, found),
            key="search",
            owner=self,
            on_error=lambda message: self._failed(token, text, message),
        )

    def _document_order(self, f: PetitionFilter) -> PetitionFilter:
        """A document's petitions in their order in it (its table's rows, oldest id first);
        the register newest first again when the document's chip is gone."""
        received = f.order == "received"
        if f.document_id is not None and received and f.descending:
            f = replace(f, descending=False)
            self._set_sort_indicator(COL_RECEIVED, Qt.SortOrder.AscendingOrder)
        elif f.document_id is None and received and not f.descending and self._in_document:
            f = replace(f, descending=True)
            self._set_sort_indicator(COL_RECEIVED, Qt.SortOrder.DescendingOrder)
        self._in_document = f.document_id is not None
        return f

    def show_filter(self, f: PetitionFilter) -> None:
        """The register under `f` (from the dashboard or Văn bản đến), shown in the filter bar."""
        self.filters.set_filter(f)  # emits changed: apply()
        if f.document_id is not None:
            document_id = f.document_id
            self.ctx.runner.run_query(
                lambda store: docs.document_label(store, document_id),
                lambda label: self.filters.set_document_label(document_id, label),
                key="document-label",
                owner=self,
                on_error=lambda _message: None,  # the chip keeps saying "mã N"
            )

    def show_petition_only(self, petition_id: int) -> None:
        """Just this petition, selected (from the due-soon list); its chip gives the list back."""
        self._first_on_load = False
        self.filters.set_filter(PetitionFilter(), petition_ids=(petition_id,))

    def clear_filters(self) -> None:
        """Bỏ lọc: the whole register, no search."""
        self.filters.clear_all()

    def _found(self, token: int, text: str, f: PetitionFilter, found: Found) -> None:
        if token != self._token or self.search_box.text().strip() != text:
            return  # the box changed (or was cleared) since this search started
        self._searching = False
        self.model.show_ids(*found)

        def total(store: Store) -> int:
            return fts.count(store, text, f, cap=COUNT_CAP)

        # Asked after the results, in its own keyed call: counting never delays them.
        self.ctx.runner.run_query(
            total,
            lambda n: self._counted(token, n),
            key="search-count",
            owner=self,
            on_error=lambda message: self._count_failed(token, text, message),
        )

    def _count_failed(self, token: int, text: str, message: str) -> None:
        if token == self._token:  # the results stay; only the total is unknown
            n = self.model.rowCount()
            self.status.setText(f"{n} kiến nghị khớp «{text}»; không đếm được tất cả: {message}")

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

    def refresh(self) -> None:
        """After a write (or F5): reload the rows and the detail pane, filters kept; after a
        failed load the same source is asked again."""
        self.model.today = self.ctx.session.today()
        self.model.refresh()
        self.detail.show_petition(self.detail.petition_id)

    def _remember_selection(self) -> None:
        pid = self.model.petition_id(self.table.currentIndex().row())
        if pid is not None and pid == self.detail.petition_id:
            self._follow = pid

    def _follow_selection(self) -> None:
        """The petition selected before the reload: selected and in sight again, or — not in
        this list at all (a search, a filter) — out of the detail pane too. One perhaps further
        down a register not all loaded (after a sort) stays in the pane, unselected."""
        pid, self._follow = self._follow, None
        if pid is None:
            return
        row = next((r for r, p in enumerate(self.model.rows) if p.id == pid), None)
        if row is None:
            self.table.clearSelection()
            if self.model.complete:
                self.detail.show_petition(None)
            return
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def _load_failed(self, message: str) -> None:
        self._first_on_load, self._follow = None, None
        self.status.setText(
            f"Không tải được danh sách kiến nghị: {message} Nhấn F5 hoặc cuộn xuống để thử lại."
        )

    def selected_ids(self) -> list[int]:
        """Petitions of the selected rows, in view order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [pid for r in rows if (pid := self.model.petition_id(r)) is not None]

    def _loaded(self) -> None:
        self._update_status()
        if self._searching or self.model.busy:
            return
        if self._first_on_load is not None:
            focus, self._first_on_load, self._follow = self._first_on_load, None, None
            self._select_first(focus)
        elif self._follow is not None:
            self._follow_selection()

    def _update_status(self) -> None:
        if self._searching:
            return  # "Đang tìm…" stays until this search's results are in
        text = self._query if self.model.searching else ""
        self.status.setText(
            status_line(
                self.model,
                text,
                self._total,
                ORDERS[self.order_box.order()].lower(),
                filtered=self.filters.active(),
            )
        )

    def export_filter(self) -> tuple[PetitionFilter, str, tuple[int, ...] | None]:
        """What the list shows, for Xuất sổ ra Excel: its filter, the words searched ("" for
        none; every match is exported, not only the best listed) and, when it lists chosen
        petitions alone, their ids (else None)."""
        text = self.search_box.text().strip()
        if text:
            return self.current_filter(), text, None
        ids = self.model.ids
        return self.model.filter, "", None if ids is None else tuple(ids)
