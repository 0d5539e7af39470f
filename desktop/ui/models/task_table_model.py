"""Table model of the Nhiệm vụ register: every task matching the filters, overdue ones in red.

A register holds hundreds of tasks, not millions: the rows come whole from one query off the
UI thread and their display strings are made there, once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from desktop.core.dates import format_date
from desktop.core.tasks import TaskRow
from desktop.core.tasks.notice_list import NoticeRef
from desktop.core.vocabulary import ASSIGNMENT_ROLE_LABELS, TASK_STATUS_LABELS, is_overdue
from desktop.ui.models.row_table import TOOLTIP, OverdueRowsModel

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
    ASSIGNMENT_ROLE_LABELS["support"],
    "Thời hạn",
    "Hạn",
    "Trạng thái",
    "Ngày hoàn thành",
)


def _dmy(day: dt.date | None) -> str:
    return format_date(day, empty="")


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


class TaskTableModel(OverdueRowsModel):
    """Tasks in the register's order (oldest notice first, then as the notice lists them)."""

    headers = HEADERS
    due_column = COL_DUE  # red and bold as in the petition register

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

    def more_data(self, row: int, col: int, role: int) -> Any:
        """The tooltips: the whole content, "Quá hạn", the cells a narrow column cuts."""
        if role != TOOLTIP:
            return None
        if col == COL_CONTENT:
            return self.rows[row].content
        if col == COL_DUE and self.overdue[row]:
            return "Quá hạn"
        if col in (COL_NOTICE, COL_SUPPORT, COL_LEAD, COL_DUE_TEXT):
            return self.cells[row][col] or None
        return None
