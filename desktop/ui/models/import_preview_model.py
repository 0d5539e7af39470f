"""The preview table of an import: one row per petition that will be registered."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from desktop.core.dates import format_date
from desktop.core.import_preview import PreviewRow
from desktop.core.importers.ocr_gate import UNREAD
from desktop.ui.qt import (
    QAbstractTableModel,
    QColor,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

COL_ORDINAL, COL_ORIGIN, COL_CONTENT, COL_DUE, COL_DUPLICATE = range(5)
HEADERS = ("STT", "Nơi kiến nghị", "Nội dung (dòng đầu)", "Hạn", "Có thể trùng")
# The same pale yellow as the Vào sổ dialog's "Có thể trùng" warning.
DUPLICATE_BACKGROUND = QColor("#fff3bf")
UNREAD_BACKGROUND = QColor("#ffd8d8")  # a scan's cell OCR could not read: to be typed

Index = QModelIndex | QPersistentModelIndex
# What the clerk may correct in the rows of a scan read by OCR, by column: the PreviewRow field.
EDITABLE = {COL_ORDINAL: "ordinal", COL_ORIGIN: "origin", COL_CONTENT: "content"}


class ImportPreviewModel(QAbstractTableModel):
    """Rows of an ImportPreview; STT, origin and content editable once `editable` is set."""

    corrected = Signal(int, str, str)  # row, PreviewRow field, the text the clerk typed

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[PreviewRow] = []
        self.editable = False  # a scan: OCR may have misread, the clerk corrects

    def set_rows(self, rows: list[PreviewRow]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editable and index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not (self.editable and index.isValid() and role == Qt.ItemDataRole.EditRole):
            return False
        name = EDITABLE.get(index.column())
        text = "\n".join(line.strip() for line in str(value).strip().splitlines() if line.strip())
        if name is None or (name != "ordinal" and not text):
            return False  # an empty origin or content would only be refused at Vào sổ
        if name != "content":
            text = " ".join(text.split())
        row = self.rows[index.row()]
        if getattr(row, name) == text:
            return False
        self.rows[index.row()] = replace(row, **{name: text})
        self.dataChanged.emit(index, index)
        self.corrected.emit(index.row(), name, text)
        return True

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.EditRole and col in EDITABLE:
            return getattr(row, EDITABLE[col])
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_ORDINAL:
                return row.ordinal
            if col == COL_ORIGIN:
                return row.origin
            if col == COL_CONTENT:
                return row.first_line
            if col == COL_DUPLICATE:
                return row.mark
            return format_date(row.due_on)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_CONTENT:
            return row.content
        if role == Qt.ItemDataRole.ToolTipRole and row.near_duplicate is not None:
            earlier = row.near_duplicate
            return f"{row.mark}: {earlier.origin} — {earlier.summary}"
        unread = col in EDITABLE and getattr(row, EDITABLE[col]) == UNREAD
        if role == Qt.ItemDataRole.BackgroundRole and unread:
            return UNREAD_BACKGROUND
        if role == Qt.ItemDataRole.BackgroundRole and row.near_duplicate is not None:
            return DUPLICATE_BACKGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_ORDINAL, COL_DUE):
            return Qt.AlignmentFlag.AlignCenter
        return None
