"""Table model of the dashboard's agenda: open petitions and tasks due in the next working days."""

from __future__ import annotations

from typing import Any

from desktop.core.agenda import DueItem, days_left_text
from desktop.core.dates import format_date
from desktop.core.vocabulary import TASK_STATUS_LABELS
from desktop.ui.qt import (
    QAbstractTableModel,
    QColor,
    QFont,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

COL_DUE, COL_LEFT, COL_KIND, COL_ORIGIN, COL_SUMMARY, COL_LEAD = range(6)
HEADERS = ("Hạn xử lý", "Còn lại", "Loại", "Nơi kiến nghị", "Tóm tắt", "Đơn vị chủ trì")
# Who sent a task is the body that gave it (the notice's or directive's issuer).
ORIGIN_HEADERS = {"petition": "Nơi kiến nghị", "task": "Nơi giao", None: "Nơi kiến nghị / giao"}
KIND_TEXT = {"petition": "Kiến nghị", "task": "Nhiệm vụ"}
TODAY_COLOUR = QColor("#b00020")
Index = QModelIndex | QPersistentModelIndex


class DueSoonModel(QAbstractTableModel):
    """A short list (a few hundred rows at most), replaced whole on each refresh."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[DueItem] = []
        self.kind: str | None = "petition"

    def set_items(self, items: list[DueItem], kind: str | None = "petition") -> None:
        """Show these petitions or tasks (of `kind`, None for both), earliest due first."""
        self.beginResetModel()
        self.items = list(items)
        self.kind = kind
        self.endResetModel()

    def petition_id(self, row: int) -> int | None:
        """The petition shown on a row."""
        return self.items[row].row.id if 0 <= row < len(self.items) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == COL_ORIGIN:
                return ORIGIN_HEADERS.get(self.kind, HEADERS[section])
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == COL_LEFT:
            return "Số ngày làm việc còn lại đến hạn"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        item = self.items[index.row()]
        r, col = item.row, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_DUE:
                return format_date(r.due_on)
            if col == COL_LEFT:
                return days_left_text(item.days_left)
            if col == COL_KIND:
                return KIND_TEXT.get(r.kind, r.kind)
            if col == COL_ORIGIN:
                return r.origin
            if col == COL_SUMMARY:
                return r.summary
            if col == COL_LEAD:
                return r.lead_unit or TASK_STATUS_LABELS["registered"]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_SUMMARY:
                return r.summary
            if col == COL_LEFT and item.days_left > 0:
                return f"Còn {item.days_left} ngày làm việc"
        if role == Qt.ItemDataRole.ForegroundRole and item.days_left <= 0:
            return TODAY_COLOUR
        if role == Qt.ItemDataRole.FontRole and col == COL_LEAD and r.lead_unit is None:
            font = QFont()
            font.setItalic(True)
            return font
        return None
