"""Việc của đơn vị: one unit's open assignments, earliest due first, overdue in red.

A chuyên viên (officer) starts here, on their own unit; anyone can choose another unit. Enter
or a double-click opens the petition in the register, where its detail and actions are.
"""

from __future__ import annotations

from desktop.core import unit_work
from desktop.core.unit_work import UnitTask
from desktop.ui.context import UiContext
from desktop.ui.models.unit_work_model import COL_INSTRUCTIONS, COL_SUMMARY, UnitWorkModel
from desktop.ui.qt import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QModelIndex,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.widgets.unit_picker import unit_label

COLUMN_WIDTHS = (110, 60, 90, 180, 360, 80, 240, 130)


class UnitWorkScreen(QWidget):
    """The chosen unit's work list; `open_petition(id)` asks the window to show one."""

    open_petition = Signal(int)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.unit_box = QComboBox()
        self.unit_box.setMinimumWidth(320)
        own = unit_work.own_unit(ctx.session)
        for u in unit_work.units_to_choose(ctx.session):
            self.unit_box.addItem(unit_label(u), u.id)
        if own is not None:
            self.unit_box.setCurrentIndex(self.unit_box.findData(own.id))
        self.model = UnitWorkModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        for col, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(col, width)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_INSTRUCTIONS, QHeaderView.ResizeMode.Interactive)
        self.status = QLabel()
        top = QHBoxLayout()
        caption = QLabel("Đơn &vị:")
        caption.setBuddy(self.unit_box)
        top.addWidget(caption)
        top.addWidget(self.unit_box)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        self.unit_box.currentIndexChanged.connect(lambda _: self.reload())
        self.table.activated.connect(self._activated)  # Enter as well as double-click
        ctx.bus.changed.connect(self.reload)
        self.reload()

    def unit_id(self) -> int | None:
        """The unit whose work is listed."""
        data = self.unit_box.currentData()
        return None if data is None else int(data)

    def reload(self) -> None:
        """Read the unit's open work again (off the UI thread)."""
        unit_id, today = self.unit_id(), self.ctx.session.today()
        if unit_id is None:
            self.model.set_tasks([])
            self.status.setText("Chưa có đơn vị nào trong danh mục.")
            return
        self.status.setText("Đang tải việc của đơn vị…")
        self.ctx.runner.run_query(
            lambda store: unit_work.open_work(store, unit_id, today),
            lambda tasks: self._loaded(unit_id, tasks),
            key="unit-work",
            on_error=lambda message: self.status.setText(f"Không tải được: {message}"),
        )

    def _loaded(self, unit_id: int, tasks: list[UnitTask]) -> None:
        if unit_id != self.unit_id():
            return  # another unit was chosen while this one loaded
        self.model.set_tasks(tasks)
        late = self.model.overdue_count()
        if not tasks:
            self.status.setText("Đơn vị không có việc nào đang mở.")
        else:
            shown = (
                f"Hiện {len(tasks)} việc hạn sớm nhất" if len(tasks) >= unit_work.LIMIT
                else f"{len(tasks)} việc đang mở, hạn sớm nhất trước"
            )  # fmt: skip
            self.status.setText(shown + (f"; {late} việc quá hạn (chữ đỏ)." if late else "."))

    def _activated(self, index: QModelIndex) -> None:
        pid = self.model.petition_id(index.row())
        if pid is not None:
            self.open_petition.emit(pid)
