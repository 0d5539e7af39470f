"""The Kiến nghị register's keyboard: from the search box to the results and back, Enter on a
row for its detail, Esc to clear the search and filters, Ctrl+End to the register's true end."""

from __future__ import annotations

from desktop.ui.models.petition_table_model import COL_RECEIVED, SQL_ORDERS
from desktop.ui.qt import QEvent, QKeyEvent, QModelIndex, QObject, Qt

CTRL = Qt.KeyboardModifier.ControlModifier


class PetitionKeys:
    """Keys of the petitions screen, mixed into it (it owns the table, search box and detail)."""

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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if watched is self.table and event.key() == Qt.Key.Key_End and mods == CTRL:
            return self._to_last_row()
        if mods:
            return False
        if watched is self.table and event.key() == Qt.Key.Key_Up:
            if self.table.currentIndex().row() <= 0:
                self.search_box.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        elif watched is self.table and event.key() == Qt.Key.Key_Escape:
            if self.filters.active():  # Esc: the search and every filter gone
                self.filters.clear_all()
                return True
        elif watched is self.detail.browser and event.key() == Qt.Key.Key_Escape:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def _to_last_row(self) -> bool:
        """Ctrl+End in a register longer than its loaded pages: its true last row is the first
        of the other order, one page away (walking every page of a million rows is not); the
        list turns round, the arrow and the status line say so. Else Qt's own Ctrl+End."""
        if self.model.ids is not None or not self.model.canFetchMore(QModelIndex()):
            return False
        header = self.table.horizontalHeader()
        column = header.sortIndicatorSection()
        if column not in SQL_ORDERS:
            column = COL_RECEIVED
        descending = self.model.filter.descending
        self._first_on_load, self._follow = True, None
        # Through the header, as a click would: the arrow shows the order the rows are in.
        header.setSortIndicator(
            column, Qt.SortOrder.AscendingOrder if descending else Qt.SortOrder.DescendingOrder
        )
        return True
