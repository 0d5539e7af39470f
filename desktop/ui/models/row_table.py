"""What the register and preview table models share: rows under fixed headers, overdue in red."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from desktop.ui.qt import (
    QAbstractTableModel,
    QBrush,
    QColor,
    QFont,
    QModelIndex,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex
DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
FONT = int(Qt.ItemDataRole.FontRole.value)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
USER = int(Qt.ItemDataRole.UserRole.value)
OVERDUE_BRUSH = QBrush(QColor("#b00020"))
BOLD = QFont()
BOLD.setBold(True)


class RowTableModel(QAbstractTableModel):
    """One row per item of `rows`, one column per header; `header_tips` explain some headers."""

    headers: Sequence[str] = ()
    header_tips: Mapping[int, str] = {}
    rows: Sequence[Any]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == DISPLAY:
            return self.headers[section]
        return self.header_tips.get(section) if role == TOOLTIP else None


class OverdueRowsModel(RowTableModel):
    """Rows with an `id` whose display strings (`cells`) were made once; overdue ones in red.

    `data` answers the roles every register shares (text, red, the due date bold, the id under
    UserRole) and asks `more_data` for the rest.
    """

    due_column = 0
    # The roles `more_data` answers; a paint asks a dozen others, never passed to it.
    extra_roles: frozenset[int] = frozenset({TOOLTIP})
    cells: Sequence[tuple[str, ...]]
    overdue: Sequence[bool]

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        # Called thousands of times per repaint: roles are compared as plain ints.
        row = index.row()
        if row < 0 or row >= len(self.rows):
            return None
        if role == DISPLAY:
            return self.cells[row][index.column()]
        if role == FOREGROUND:
            return OVERDUE_BRUSH if self.overdue[row] else None
        if role == FONT:
            return BOLD if self.overdue[row] and index.column() == self.due_column else None
        if role == USER:
            return self.rows[row].id
        return self.more_data(row, index.column(), role)

    def multiData(self, index: Index, span: QModelRoleDataSpan) -> None:  # noqa: N802
        # A delegate asks each cell it paints for a dozen roles. Answered in one call from Qt
        # rather than one call each, a full repaint (a scroll) crosses into Python ~200 times
        # instead of ~2,400, which was a third of its time.
        # Qt reuses the span from cell to cell: every role is set, an absent one cleared, or the
        # red and bold of an overdue row would carry on into the cells painted after it.
        row = index.row()
        if row < 0 or row >= len(self.rows):
            for role_data in span:
                role_data.clearData()
            return
        col, extra, overdue = index.column(), self.extra_roles, self.overdue[row]
        for role_data in span:
            role = role_data.role()
            value: Any = None
            if role == DISPLAY:
                value = self.cells[row][col]
            elif role == FOREGROUND:
                value = OVERDUE_BRUSH if overdue else None
            elif role == FONT:
                value = BOLD if overdue and col == self.due_column else None
            elif role == USER:
                value = self.rows[row].id
            elif role in extra:
                value = self.more_data(row, col, role)
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def more_data(self, row: int, col: int, role: int) -> Any:
        """The roles a particular register adds (tooltips, marked text); None by default."""
        return None
