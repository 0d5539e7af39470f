"""Rows of one catalog (units, localities or fields): small, held whole, filtered by typed words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.core.dates import format_date
from desktop.core.text import fold
from desktop.ui.qt import (
    QAbstractTableModel,
    QBrush,
    QColor,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

UNIT_HEADERS = ("Ký hiệu", "Tên đơn vị", "Loại", "Hiệu lực từ", "Hiệu lực đến")
LOCALITY_HEADERS = ("Mã", "Tên địa phương", "Loại", "Hiệu lực từ", "Hiệu lực đến", "Sáp nhập vào")
FIELD_HEADERS = ("Mã", "Tên lĩnh vực", "Đơn vị chủ trì mặc định")
COL_CODE = 0
COL_NAME = 1
ENDED_COLOUR = QColor("#777777")
AnyIndex = QModelIndex | QPersistentModelIndex


def dmy(day: dt.date | None) -> str:
    """A date as dd/mm/yyyy ('' for none)."""
    return format_date(day, empty="")


@dataclass(frozen=True)
class CatalogRow:
    """One line: the row id, the cells as shown, and when it stopped being valid (if it did)."""

    id: int
    cells: tuple[str, ...]
    ended_on: dt.date | None = None


class CatalogTableModel(QAbstractTableModel):
    """A read-only table of catalog rows; ended rows are greyed with a tooltip saying since when."""

    def __init__(self, headers: tuple[str, ...]) -> None:
        super().__init__()
        self.headers = headers
        self.today = dt.date.today()
        self._all: list[CatalogRow] = []
        self.rows: list[CatalogRow] = []
        self._words = ""

    def set_rows(self, rows: list[CatalogRow], today: dt.date) -> None:
        """Replace every row (after a load)."""
        self.beginResetModel()
        self.today = today
        self._all = rows
        self.rows = self._filtered()
        self.endResetModel()

    def set_filter(self, words: str) -> None:
        """Show only rows whose cells contain the words (accents and đ optional)."""
        self.beginResetModel()
        self._words = fold(words)
        self.rows = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[CatalogRow]:
        if not self._words:
            return list(self._all)
        return [r for r in self._all if self._words in fold(" ".join(r.cells))]

    @property
    def total(self) -> int:
        """Rows before filtering."""
        return len(self._all)

    def row_id(self, row: int) -> int | None:
        """The catalog id shown on a row."""
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def row_of(self, row_id: int | None) -> int:
        """The row showing an id, or -1."""
        for i, r in enumerate(self.rows):
            if r.id == row_id:
                return i
        return -1

    def ended(self, row: CatalogRow) -> bool:
        """Whether the row is no longer valid today."""
        return row.ended_on is not None and row.ended_on < self.today

    # -- Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()] if index.column() < len(row.cells) else ""
        if role == Qt.ItemDataRole.ForegroundRole and self.ended(row):
            return QBrush(ENDED_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and self.ended(row):
            return f"Hết hiệu lực từ sau ngày {dmy(row.ended_on)}"
        return None
