"""Table model of the petition register: pages fetched by key as the view scrolls."""

from __future__ import annotations

import datetime as dt
from typing import Any

from db import petitions as pet
from db.models import PetitionRow
from desktop.core.session import Session
from desktop.core.workflow import STATUS_LABELS
from desktop.ui.qt import (
    QAbstractTableModel,
    QBrush,
    QColor,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

COL_NO, COL_RECEIVED, COL_ORIGIN, COL_SUMMARY, COL_FIELD, COL_LEAD, COL_DUE, COL_STATUS = range(8)
HEADERS = (
    "Số đến",
    "Ngày đến",
    "Nơi kiến nghị",
    "Tóm tắt",
    "Lĩnh vực",
    "Đơn vị chủ trì",
    "Hạn xử lý",
    "Trạng thái",
)
PAGE = 200
Index = QModelIndex | QPersistentModelIndex


def _dmy(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


class PetitionTableModel(QAbstractTableModel):
    """Newest first; `fetchMore` loads the next page after the last key, never by OFFSET."""

    def __init__(self, session: Session, f: pet.PetitionFilter | None = None) -> None:
        super().__init__()
        self.session = session
        self.filter = f or pet.PetitionFilter()
        self.rows: list[PetitionRow] = []
        self._exhausted = False
        self.queries = 0

    def reload(self, f: pet.PetitionFilter | None = None) -> None:
        """Start again from the first page (after a filter change or an edit)."""
        self.beginResetModel()
        if f is not None:
            self.filter = f
        self.rows, self._exhausted = [], False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._exhausted:
            return
        after = (self.rows[-1].received_on.isoformat(), self.rows[-1].id) if self.rows else None
        page = pet.list_rows(self.session.store, self.filter, limit=PAGE, after=after)
        self.queries += 1
        if len(page) < PAGE:
            self._exhausted = True
        if page:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                "" if r.incoming_no is None else str(r.incoming_no),
                _dmy(r.received_on),
                r.origin,
                r.summary.replace("\n", " "),
                r.field or "",
                r.lead_unit or "",
                _dmy(r.due_on),
                STATUS_LABELS[r.status],
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and self.is_overdue(r):
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_SUMMARY:
            return r.summary
        return None

    def is_overdue(self, r: PetitionRow) -> bool:
        """Overdue rows stand out."""
        return (
            r.status in pet.OPEN_STATUSES
            and r.due_on is not None
            and r.due_on < self.session.today()
        )
