"""Table model of the Nhiệm vụ register: every task matching the filters, overdue ones in red.

A register holds hundreds of tasks, not millions: the rows come whole from one query off the
UI thread and their display strings are made there, once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from desktop.core.tasks import TASK_STATUS_LABELS, TaskRow, is_overdue
from desktop.core.tasks.notice_list import NoticeRef
from desktop.ui.models.petition_table_model import BOLD, OVERDUE_BRUSH
from desktop.ui.qt import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

(
    COL_ID,
    COL_NOTICE,
    COL_FIELD,
    COL_CONTENT,
    COL_LEAD,
    COL_SUPPORT,
    COL_DUE_TEXT,
    COL_DUE,
    COL_STATUS,
    COL_DONE,
) = range(10)
HEADERS = (
    "Mã",
    "Thông báo",
    "Lĩnh vực",
    "Nội dung",
    "Đơn vị chủ trì",
    "Phối hợp",
    "Thời hạn",
    "Hạn",
    "Trạng thái",
    "Ngày hoàn thành",
)
DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
FONT = int(Qt.ItemDataRole.FontRole.value)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
USER = int(Qt.ItemDataRole.UserRole.value)
Index = QModelIndex | QPersistentModelIndex


def _dmy(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def short_field(heading: str) -> str:
    """A field as a narrow cell shows it: "Lĩnh vực Bưu chính" → "Bưu chính"."""
    bare = heading.strip()
    return bare[9:].lstrip(" :") if bare.lower().startswith("lĩnh vực ") else bare


def notice_label(row: TaskRow, notices: Mapping[int, NoticeRef]) -> str:
    """The notice a task came from, as a cell says it ("" for a task typed by hand)."""
    ref = notices.get(row.document_id) if row.document_id is not None else None
    return ref.label if ref else row.notice_ref


def display_cells(row: TaskRow, notices: Mapping[int, NoticeRef]) -> tuple[str, ...]:
    """The strings a row shows (made in the worker thread)."""
    return (
        str(row.id),
        notice_label(row, notices),
        short_field(row.field),
        row.content.replace("\n", " "),
        row.lead_unit,
        "; ".join(row.support_units),
        row.due_text,
        _dmy(row.due_on),
        TASK_STATUS_LABELS.get(row.status, row.status),
        _dmy(row.done_on),
    )


class TaskTableModel(QAbstractTableModel):
    """Tasks in the register's order (oldest notice first, then as the notice lists them)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[TaskRow] = []
        self.cells: list[tuple[str, ...]] = []
        self.overdue: list[bool] = []

    def set_rows(
        self, rows: Sequence[TaskRow], cells: Sequence[tuple[str, ...]], today: dt.date
    ) -> None:
        """Show these tasks; `cells` are their display strings (see `display_cells`)."""
        self.beginResetModel()
        self.rows, self.cells = list(rows), list(cells)
        self.overdue = [is_overdue(r, today) for r in self.rows]
        self.endResetModel()

    def task_id(self, row: int) -> int | None:
        """The task shown on a row."""
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def row_of(self, task_id: int) -> int | None:
        """The row showing a task, if listed."""
        return next((i for i, r in enumerate(self.rows) if r.id == task_id), None)

    def overdue_count(self) -> int:
        """How many listed tasks are overdue."""
        return sum(self.overdue)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        row = index.row()
        if row < 0 or row >= len(self.rows):
            return None
        col = index.column()
        if role == DISPLAY:
            return self.cells[row][col]
        if role == FOREGROUND:
            return OVERDUE_BRUSH if self.overdue[row] else None  # as the petition register
        if role == FONT:
            return BOLD if self.overdue[row] and col == COL_DUE else None
        if role == TOOLTIP:
            if col == COL_CONTENT:
                return self.rows[row].content
            if col == COL_DUE and self.overdue[row]:
                return "Quá hạn"
            if col in (COL_NOTICE, COL_SUPPORT, COL_LEAD, COL_DUE_TEXT):
                return self.cells[row][col] or None
            return None
        if role == USER:
            return self.rows[row].id
        return None
