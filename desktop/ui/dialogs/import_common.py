"""What the two import previews (Nhập từ tệp…, Vào sổ thông báo) share: header, summary, table."""

from __future__ import annotations

from desktop.ui.qt import QAbstractItemModel, QGridLayout, QGroupBox, QLabel, Qt, QTableView


def header_box(title: str) -> tuple[QGroupBox, QGridLayout]:
    """A titled box with a grid of caption, value, caption, value; the value columns stretch."""
    box = QGroupBox(title)
    grid = QGridLayout(box)
    grid.setColumnStretch(1, 1)
    grid.setColumnStretch(3, 1)
    return box, grid


def summary_label() -> QLabel:
    """The word-wrapped plain-text line that says what "Vào sổ" will register."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def preview_table(model: QAbstractItemModel) -> QTableView:
    """The preview's table over `model`: whole rows selected, one line a row, no row numbers."""
    table = QTableView()
    table.setModel(model)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    return table
