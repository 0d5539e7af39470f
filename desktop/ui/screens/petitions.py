"""Kiến nghị: the register with its filter bar, search-as-you-type and detail pane."""

from __future__ import annotations

from dataclasses import replace

from db import petitions as pet
from db import reference as ref
from db import search as fts
from db.store import Store
from desktop.core.workflow import STATUS_LABELS
from desktop.ui.context import UiContext
from desktop.ui.models.petition_table_model import (
    COL_RECEIVED,
    COL_SUMMARY,
    HEADERS,
    PetitionTableModel,
)
from desktop.ui.qt import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPoint,
    QSplitter,
    Qt,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.widgets.petition_detail import PetitionDetail

# Số đến, ngày đến, nơi kiến nghị, tóm tắt (stretches), lĩnh vực, chủ trì, hạn, trạng thái.
COLUMN_WIDTHS = (60, 90, 200, 380, 170, 200, 90, 160)
SEARCH_DELAY_MS = 250
SEARCH_LIMIT = 500


class PetitionsScreen(QWidget):
    """The register; the filter bar narrows it, the search box replaces it by matches."""

    def __init__(self, ctx: UiContext, *, overdue_only: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self.model = PetitionTableModel(ctx.runner, ctx.session.today())
        self._build_filter_bar(overdue_only)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for col, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(COL_RECEIVED, Qt.SortOrder.DescendingOrder)
        header.setSortIndicatorShown(True)
        # Clicks only: setSortingEnabled would re-sort (and re-query) on every reset.
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self.model.sort)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self.detail = PetitionDetail(ctx)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setSizes([500, 260])
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.splitter)
        layout.addWidget(self.status)

        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply)
        self.search_box.textChanged.connect(lambda _: self._debounce.start())
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.detail.show_petition(self.model.petition_id(cur.row()))
        )
        self.model.loaded.connect(self._update_status)
        ctx.bus.changed.connect(self.refresh)
        self.apply()

    def _build_filter_bar(self, overdue_only: bool) -> None:
        self.search_box = QLineEdit(placeholderText="Tìm kiến nghị (có dấu hoặc không dấu)… Ctrl+F")
        self.search_box.setClearButtonEnabled(True)
        self.status_box = QComboBox()
        self.status_box.addItem("Mọi trạng thái", None)
        for key, label in STATUS_LABELS.items():
            self.status_box.addItem(label, key)
        store = self.ctx.session.store
        self.unit_box = QComboBox()
        self.unit_box.addItem("Mọi đơn vị", None)
        for u in ref.units(store, valid_on=self.ctx.session.today()):
            self.unit_box.addItem(u.name, u.code)
        self.field_box = QComboBox()
        self.field_box.addItem("Mọi lĩnh vực", None)
        for f in ref.fields(store):
            self.field_box.addItem(f.name, f.id)
        self.year_box = QComboBox()
        self.year_box.addItem("Mọi năm", None)
        for (year,) in store.all("SELECT DISTINCT year FROM incoming_documents ORDER BY year DESC"):
            self.year_box.addItem(str(year), int(year))
        self.origin_box = QLineEdit(placeholderText="Nơi kiến nghị")
        self.overdue_box = QCheckBox("Chỉ quá hạn")
        self.overdue_box.setChecked(overdue_only)
        self.filter_bar = QVBoxLayout()
        self.filter_bar.addWidget(self.search_box)
        filters = QHBoxLayout()
        self.filter_bar.addLayout(filters)
        # Long unit and field names must not squeeze the origin box out of sight.
        for w, width in ((self.status_box, 200), (self.unit_box, 260), (self.field_box, 240),
                         (self.year_box, 110)):  # fmt: skip
            w.setMaximumWidth(width)
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            w.setMinimumContentsLength(8)
            filters.addWidget(w, 1)
            w.currentIndexChanged.connect(lambda _: self.apply())
        self.origin_box.setMinimumWidth(180)
        filters.addWidget(self.origin_box, 2)
        filters.addWidget(self.overdue_box)
        self.origin_box.editingFinished.connect(self.apply)
        self.overdue_box.toggled.connect(lambda _: self.apply())

    def _column_menu(self, pos: QPoint) -> None:
        """Right-click on the header: choose the columns (remembered with the layout)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for col, title in enumerate(HEADERS):
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(col))
            action.setEnabled(col != COL_SUMMARY)  # the one column that always stays
            action.toggled.connect(lambda on, col=col: header.setSectionHidden(col, not on))
        menu.popup(header.mapToGlobal(pos))
        self.column_menu = menu

    def current_filter(self) -> pet.PetitionFilter:
        """The filter bar as a PetitionFilter."""
        status = self.status_box.currentData()
        return pet.PetitionFilter(
            status=(status,) if status else (),
            unit_code=self.unit_box.currentData(),
            field_id=self.field_box.currentData(),
            origin=self.origin_box.text().strip() or None,
            year=self.year_box.currentData(),
            overdue_on=self.ctx.session.today() if self.overdue_box.isChecked() else None,
        )

    def apply(self) -> None:
        """Show the register under the filter, or the search results for the typed words."""
        text = self.search_box.text().strip()
        sort = self.model.filter
        f = replace(self.current_filter(), order=sort.order, descending=sort.descending)
        self.model.today = self.ctx.session.today()
        if not text:
            self.model.show_filter(f)
            return
        self.status.setText(f"Đang tìm «{text}»…")

        def find(store: Store) -> list[int]:
            return fts.search_ids(store, text, f, limit=SEARCH_LIMIT)

        # key="search": when the clerk typed on, the older query's answer is dropped.
        self.ctx.runner.run_query(find, self._found, key="search")

    def _found(self, ids: list[int]) -> None:
        self.model.show_ids(ids)

    def refresh(self) -> None:
        """After a write: reload the rows and the detail pane."""
        self.model.refresh()
        self.detail.show_petition(self.detail.petition_id)

    def selected_ids(self) -> list[int]:
        """Petitions of the selected rows, in view order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [pid for r in rows if (pid := self.model.petition_id(r)) is not None]

    def _update_status(self) -> None:
        text = self.search_box.text().strip()
        n = self.model.rowCount()
        more = "" if not self.model.canFetchMore(self.table.rootIndex()) else "+"
        if text and n == 0:
            self.status.setText(f"Không tìm thấy kiến nghị nào cho «{text}».")
        elif text:
            self.status.setText(f"{n}{more} kiến nghị khớp «{text}».")
        elif n == 0:
            self.status.setText(
                "Chưa có kiến nghị nào phù hợp. Vào sổ văn bản đến (Ctrl+N) hoặc nhập từ tệp."
            )
        else:
            self.status.setText(f"Đang hiện {n}{more} kiến nghị, mới nhất trước.")
