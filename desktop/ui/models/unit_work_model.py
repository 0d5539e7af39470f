"""Table model of Việc của đơn vị: one unit's open assignments on petitions and tasks, due first,
overdue in red."""

from __future__ import annotations

from typing import Any

from desktop.core.dates import format_date
from desktop.core.unit_work import UnitTask
from desktop.core.vocabulary import ASSIGNMENT_ROLE_LABELS as ROLE_LABELS
from desktop.core.vocabulary import STATUS_LABELS, TASK_STATUS_LABELS
from desktop.ui.models.row_table import BOLD, OVERDUE_BRUSH
from desktop.ui.qt import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

(
    COL_DUE, COL_KIND, COL_NO, COL_RECEIVED, COL_ORIGIN, COL_SUMMARY, COL_ROLE, COL_INSTRUCTIONS,
    COL_STATUS,
) = range(9)  # fmt: skip
HEADERS = (
    "Hạn của đơn vị",
    "Loại",
    "Số đến",
    "Ngày đến",
    "Nơi kiến nghị",
    "Tóm tắt",
    "Vai trò",
    "Ý kiến chỉ đạo",
    "Trạng thái",
)
KIND_TEXT = {"petition": "Kiến nghị", "task": "Nhiệm vụ"}
Index = QModelIndex | QPersistentModelIndex


class UnitWorkModel(QAbstractTableModel):
    """A unit's open work (at most a few thousand rows), replaced whole on each refresh."""

    def __init__(self) -> None:
        super().__init__()
        self.tasks: list[UnitTask] = []

    def set_tasks(self, tasks: list[UnitTask]) -> None:
        """Show these assignments, in the order given (earliest due first)."""
        self.beginResetModel()
        self.tasks = list(tasks)
        self.endResetModel()

    def petition_id(self, row: int) -> int | None:
        """The petition of a row."""
        return self.tasks[row].petition_id if 0 <= row < len(self.tasks) else None

    def overdue_count(self) -> int:
        """How many of the rows are past the unit's due date."""
        return sum(1 for t in self.tasks if t.overdue)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.tasks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.tasks):
            return None
        task = self.tasks[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(task, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            return OVERDUE_BRUSH if task.overdue else None  # as the register shows it
        if role == Qt.ItemDataRole.FontRole:
            return BOLD if task.overdue and col == COL_DUE else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_DUE:
                return self._due_tip(task)
            if col in (COL_SUMMARY, COL_INSTRUCTIONS):
                return self._text(task, col) or None
        return None

    @staticmethod
    def _due_tip(task: UnitTask) -> str | None:
        said = task.row.due_text if task.is_task else ""
        late = "Quá hạn của đơn vị" if task.overdue else ""
        # A task's deadline as its notice wrote it ("tháng 6/2020") beside the computed date.
        written = f"Thời hạn trong văn bản: {said}" if said else ""
        return "; ".join(t for t in (late, written) if t) or None

    @staticmethod
    def _text(task: UnitTask, col: int) -> str:
        r = task.row
        labels = TASK_STATUS_LABELS if task.is_task else STATUS_LABELS
        return (
            format_date(r.due_on),
            KIND_TEXT.get(r.kind, r.kind),
            "" if r.incoming_no is None else str(r.incoming_no),
            format_date(r.received_on),
            r.origin,
            r.summary,
            ROLE_LABELS[r.role],
            r.instructions,
            labels.get(r.status, r.status),
        )[col]
