"""Việc của đơn vị: one unit's open assignments, earliest due first, overdue in red.

A chuyên viên (officer) starts here, on their own unit; anyone can choose another unit, and
whether the list holds petitions (kiến nghị), tasks (nhiệm vụ) or both (remembered). Enter or a
double-click opens the row in the register, where its detail and actions are.
"""

from __future__ import annotations

from desktop.core import agenda, unit_work
from desktop.core.unit_work import UnitTask
from desktop.ui.context import UiContext
from desktop.ui.models.unit_work_model import (
    COL_INSTRUCTIONS,
    COL_KIND,
    COL_SUMMARY,
    UnitWorkModel,
)
from desktop.ui.qt import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QModelIndex,
    QSettings,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.widgets.kind_box import KIND_DATA, kind_box, kind_of
from desktop.ui.widgets.unit_picker import unit_label

COLUMN_WIDTHS = (110, 80, 60, 90, 180, 360, 80, 240, 130)
KIND_KEY = "unit_work/kind"


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
        self.kind_box = kind_box(KIND_KEY)
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
        kind_caption = QLabel("&Loại:")
        kind_caption.setBuddy(self.kind_box)
        top.addSpacing(12)
        top.addWidget(kind_caption)
        top.addWidget(self.kind_box)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        self.unit_box.currentIndexChanged.connect(lambda _: self.reload())
        self.kind_box.currentIndexChanged.connect(lambda _: self._kind_chosen())
        self.table.activated.connect(self._activated)  # Enter as well as double-click
        ctx.bus.changed.connect(self.reload)
        self.reload()

    def unit_id(self) -> int | None:
        """The unit whose work is listed."""
        data = self.unit_box.currentData()
        return None if data is None else int(data)

    def kind(self) -> str | None:
        """What the list holds: "petition", "task", or None for both."""
        return kind_of(self.kind_box)

    def set_kind(self, kind: str | None) -> None:
        """Choose petitions, tasks or both, as the clerk would in the box."""
        self.kind_box.setCurrentIndex(self.kind_box.findData(KIND_DATA[kind]))

    def _kind_chosen(self) -> None:
        QSettings().setValue(KIND_KEY, KIND_DATA[self.kind()])
        self.reload()

    def reload(self) -> None:
        """Read the unit's open work again (off the UI thread)."""
        unit_id, today, kind = self.unit_id(), self.ctx.session.today(), self.kind()
        # "Loại" says a row is a task; on petitions only, every row would say the same.
        self.table.setColumnHidden(COL_KIND, kind == "petition")
        if unit_id is None:
            self.model.set_tasks([])
            self.status.setText("Chưa có đơn vị nào trong danh mục.")
            return
        self.status.setText("Đang tải việc của đơn vị…")
        self.ctx.runner.run_query(
            lambda store: unit_work.open_work(store, unit_id, today, kind),
            lambda tasks: self._loaded(unit_id, kind, tasks),
            key="unit-work",
            owner=self,
            on_error=lambda message: self.status.setText(f"Không tải được: {message}"),
        )

    def _loaded(self, unit_id: int, kind: str | None, tasks: list[UnitTask]) -> None:
        if unit_id != self.unit_id() or kind != self.kind():
            return  # another unit or kind was chosen while this one loaded
        self.model.set_tasks(tasks)
        late = self.model.overdue_count()
        if not tasks:
            self.status.setText(f"Đơn vị không có {agenda.KIND_NOUNS[kind]} nào đang mở.")
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
