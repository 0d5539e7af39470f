"""Cửa sổ chính: the register of petitions with a search box."""

from __future__ import annotations

from db import petitions as pet
from db import search as fts
from desktop.core.session import Session
from desktop.ui.models.petition_table_model import COL_SUMMARY, PetitionTableModel
from desktop.ui.qt import (
    QAction,
    QHeaderView,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSettings,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
)

# Số đến, ngày đến, nơi kiến nghị, tóm tắt (stretches), lĩnh vực, chủ trì, hạn, trạng thái.
COLUMN_WIDTHS = (60, 90, 210, 400, 170, 200, 90, 160)


class MainWindow(QMainWindow):
    """The petition register; searching narrows it to the matching petitions."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle("Sổ Kiến Nghị")
        self.model = PetitionTableModel(session)
        self.search_box = QLineEdit(placeholderText="Tìm kiến nghị (có dấu hoặc không dấu)…")
        self.search_box.setClearButtonEnabled(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for col, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.search_box)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        self.setCentralWidget(central)

        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.apply_search)
        self.search_box.textChanged.connect(lambda _: self._debounce.start())
        find = QAction("Tìm", self, shortcut=QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: self.search_box.setFocus())
        refresh = QAction("Làm mới", self, shortcut=QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.apply_search)
        self.addActions([find, refresh])

        settings = QSettings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)
        self.apply_search()

    def apply_search(self) -> None:
        """Show all petitions, or those matching the search box."""
        text = self.search_box.text().strip()
        if text:
            ids = [h.id for h in fts.search(self.session.store, text, limit=500)]
            self.model.beginResetModel()
            self.model.rows = pet.rows_by_ids(self.session.store, ids)
            self.model._exhausted = True
            self.model.endResetModel()
        else:
            self.model.reload()
        total = pet.count(self.session.store)
        shown = self.model.rowCount()
        if total == 0:
            self.empty.setText("Chưa có kiến nghị nào. Dùng lệnh «kiennghi import TỆP» để nhập.")
        elif text and shown == 0:
            self.empty.setText(f"Không tìm thấy kiến nghị nào cho «{text}».")
        elif text:
            self.empty.setText(f"{shown} kiến nghị khớp «{text}» (trong {total:,} kiến nghị).")
        else:
            self.empty.setText(f"{total:,} kiến nghị.".replace(",", "."))

    def closeEvent(self, event: object) -> None:  # noqa: N802
        QSettings().setValue("main/geometry", self.saveGeometry())
        super().closeEvent(event)  # type: ignore[arg-type]
