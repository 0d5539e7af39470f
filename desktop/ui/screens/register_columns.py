"""The Kiến nghị table's columns: widths, the header's sort arrow and column menu, and the
search's excerpt column (trích đoạn) that takes the summary's place while words are searched."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.vocabulary import STATUS_LABELS
from desktop.ui.models.petition_table_model import (
    COL_EXCERPT,
    COL_ORIGIN,
    COL_RECEIVED,
    COL_STATUS,
    COL_SUMMARY,
    HEADERS,
    HTML_ROLE,
)
from desktop.ui.qt import QByteArray, QHeaderView, QMenu, QPoint, Qt, QWidget
from desktop.ui.widgets.highlight_delegate import HighlightDelegate
from desktop.ui.widgets.register_view import RegisterView

if TYPE_CHECKING:
    from desktop.ui.models.petition_table_model import PetitionTableModel

# Số đến, ngày đến, nơi kiến nghị, tóm tắt (stretches), lĩnh vực, chủ trì, hạn, trạng thái,
# trích đoạn (stretches in the summary's place while searching).
COLUMN_WIDTHS = (60, 90, 200, 380, 170, 200, 90, 160, 380)
# Search rows show two lines of the excerpt: one line rarely reaches past the first match.
EXCERPT_LINES = 2


class RegisterColumns(QWidget):
    """The table part of the Kiến nghị screen (a mixin of PetitionsScreen)."""

    model: PetitionTableModel
    table: RegisterView
    _search_mode: bool
    _register_sort: tuple[int, Qt.SortOrder]

    def _build_table(self) -> None:
        self.table = RegisterView(self.model)
        self.highlight = HighlightDelegate(self.model, HTML_ROLE, self.table)  # words in bold
        self.table.setItemDelegateForColumn(COL_EXCERPT, self.highlight)
        self.table.setItemDelegateForColumn(COL_ORIGIN, self.highlight)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for col, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(col, width)
        # Trạng thái as wide as its longest label («Vượt thẩm quyền, đã báo cáo» was cut at 160).
        longest = max(self.fontMetrics().horizontalAdvance(t) for t in STATUS_LABELS.values())
        self.table.setColumnWidth(COL_STATUS, max(COLUMN_WIDTHS[COL_STATUS], longest + 16))
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
