"""The tasks of a notice being previewed: one editable row each (unit, supporting units, due).

Nothing here is written: the rows become `TaskInput`s when the clerk presses "Vào sổ". A row
the reader was unsure of (a deadline it could not compute, a lead unit outside the catalogue,
no unit) is tinted and says why in its last column. Supporting bodies outside the ministry
(VNPost, Ngân hàng Nhà nước) are usual and kept as named, untinted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from desktop.core.dates import format_date
from desktop.core.tasks import TaskInput
from desktop.core.text import fold
from desktop.core.vocabulary import ASSIGNMENT_ROLE_LABELS
from desktop.ui.models.row_table import DISPLAY, Index, RowTableModel
from desktop.ui.models.task_table_model import short_field
from desktop.ui.qt import QColor, QModelIndex, Qt

COL_NO, COL_FIELD, COL_CONTENT, COL_UNIT, COL_SUPPORT, COL_DUE_TEXT, COL_DUE, COL_PROBLEM = range(8)
HEADERS = (
    "STT",
    "Lĩnh vực",
    "Nội dung",
    "Đơn vị chủ trì",
    ASSIGNMENT_ROLE_LABELS["support"],
    "Thời hạn",
    "Hạn",
    "Cần xem lại",
)
HEADER_TIPS = {
    COL_UNIT: "Chọn trong danh mục đơn vị, hoặc gõ tên cơ quan ngoài Bộ",
    COL_SUPPORT: "Các đơn vị phối hợp, cách nhau bởi dấu chấm phẩy (;)",
    COL_DUE_TEXT: "Thời hạn như văn bản ghi",
    COL_DUE: "Hạn tính theo ngày làm việc; để trống: không có hạn",
}
EDITABLE = (COL_UNIT, COL_SUPPORT, COL_DUE)
# Unit names hold commas ("Cục Phát thanh, truyền hình và thông tin điện tử"): ";" separates.
SEPARATOR = "; "
PROBLEM_BACKGROUND = QColor("#fde2e1")
EDIT = int(Qt.ItemDataRole.EditRole.value)


@dataclass(frozen=True)
class PreviewTask:
    """One row: the task as it will be registered, and what the reader said of its deadline."""

    task: TaskInput
    due_problem: str = ""


def split_units(text: str) -> tuple[str, ...]:
    """Supporting units typed as "Vụ CNTT; Cục Báo chí"."""
    return tuple(part.strip() for part in text.split(";") if part.strip())


class NoticeTasksModel(RowTableModel):
    """Editable rows of a notice's tasks; `units` maps folded names and codes to catalogue names."""

    headers = HEADERS
    header_tips = HEADER_TIPS

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[PreviewTask] = []
        self.units: dict[str, str] = {}
        self.received_on: dt.date | None = None

    def set_units(self, names_and_codes: Sequence[tuple[str, str]]) -> None:
        """The catalogue units (name, code) a unit cell is matched against."""
        self.units = {}
        for name, code in names_and_codes:
            self.units[fold(name)] = name
            self.units[fold(code)] = name
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, COL_PROBLEM))

    def set_received(self, day: dt.date | None) -> None:
        """The notice's received date: a task due before it would be refused."""
        self.received_on = day
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, COL_PROBLEM))

    def set_rows(self, rows: Sequence[PreviewTask]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def remove(self, row: int) -> None:
        """Drop a row (the task will not be registered)."""
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()

    def tasks(self) -> list[TaskInput]:
        """The rows as they will be registered."""
        return [r.task for r in self.rows]

    def unit_name(self, text: str) -> str | None:
        """The catalogue name a typed unit (name or code) stands for; None outside it."""
        return self.units.get(fold(text.strip())) if text.strip() else None

    def problem(self, row: int) -> str:
        """Why a row needs a look, or ""."""
        r = self.rows[row]
        said = [r.due_problem] if r.due_problem else []
        due, received = r.task.due_on, self.received_on
        if due is not None and received is not None and due < received:
            said.append(
                f"Hạn {format_date(due)} trước ngày đến {format_date(received)}: sửa hạn hoặc"
                " ngày đến."
            )
        unit = r.task.unit.strip()
        if not unit:
            said.append("Chưa có đơn vị chủ trì: nhiệm vụ sẽ chưa giao cho ai.")
        elif self.units and self.unit_name(unit) is None:
            said.append("Ngoài danh mục, chưa giao đơn vị nào.")
        return " ".join(said)

    def problem_rows(self) -> list[int]:
        """The rows that need a look."""
        return [i for i in range(len(self.rows)) if self.problem(i)]

    # -- Qt model interface -----------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() in EDITABLE else base

    def _text(self, row: int, col: int) -> str:
        t = self.rows[row].task
        if col == COL_NO:
            return str(row + 1)
        if col == COL_FIELD:
            return short_field(t.field)
        if col == COL_CONTENT:
            return t.content.replace("\n", " ")
        if col == COL_UNIT:
            return self.unit_name(t.unit) or t.unit
        if col == COL_SUPPORT:
            return SEPARATOR.join(self.unit_name(s) or s for s in t.support_units)
        if col == COL_DUE_TEXT:
            return t.due_text
        if col == COL_DUE:
            return format_date(t.due_on, empty="")
        return self.problem(row)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, col = index.row(), index.column()
        if role == DISPLAY:
            return self._text(row, col)
        if role == EDIT:
            return self.rows[row].task.due_on if col == COL_DUE else self._text(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_CONTENT:
                return self.rows[row].task.content
            return self.problem(row) or None
        if role == Qt.ItemDataRole.BackgroundRole and self.problem(row):
            return PROBLEM_BACKGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_NO, COL_DUE):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:  # noqa: N802
        """Unit and supporting units as typed; the due date as a date, or None to clear it."""
        if role != EDIT or not index.isValid() or index.column() not in EDITABLE:
            return False
        row, col = index.row(), index.column()
        t = self.rows[row].task
        if col == COL_UNIT:
            t = replace(t, unit=str(value or "").strip())
        elif col == COL_SUPPORT:
            t = replace(t, support_units=split_units(str(value or "")))
        elif value is None or isinstance(value, dt.date):
            t = replace(t, due_on=value)
        else:
            return False
        # A date the clerk set is theirs: the reader's doubt about it no longer applies.
        problem = "" if col == COL_DUE else self.rows[row].due_problem
        self.rows[row] = PreviewTask(t, problem)
        self.dataChanged.emit(self.index(row, 0), self.index(row, COL_PROBLEM))
        return True
