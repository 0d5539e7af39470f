"""The Kiến nghị screen's bar: the search box with its order switch over the register's filters."""

from __future__ import annotations

import datetime as dt

from desktop.core import documents as docs
from desktop.core import reference as ref
from desktop.core.types import PetitionFilter
from desktop.core.workflow import STATUS_LABELS
from desktop.ui.context import UiContext
from desktop.ui.qt import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.widgets.search_box import OrderSwitch, SearchBox


class FilterBar(QWidget):
    """Search box and order switch; status, unit, field, year, origin and overdue filters."""

    changed = Signal()  # a filter (not the search text) changed

    def __init__(self, ctx: UiContext, *, overdue_only: bool = False) -> None:
        super().__init__()
        self.search_box = SearchBox()
        self.order_box = OrderSwitch()
        order_label = QLabel("Xếp kết quả:")
        order_label.setBuddy(self.order_box)
        self.status_box = QComboBox()
        self.status_box.addItem("Mọi trạng thái", None)
        for key, label in STATUS_LABELS.items():
            self.status_box.addItem(label, key)
        store = ctx.session.store
        self.unit_box = QComboBox()
        self.unit_box.addItem("Mọi đơn vị", None)
        for u in ref.units(store, valid_on=ctx.session.today()):
            self.unit_box.addItem(u.name, u.code)
        self.field_box = QComboBox()
        self.field_box.addItem("Mọi lĩnh vực", None)
        for f in ref.fields(store):
            self.field_box.addItem(f.name, f.id)
        self.year_box = QComboBox()
        self.year_box.addItem("Mọi năm", None)
        for year in docs.years(store):
            self.year_box.addItem(str(year), year)
        self.origin_box = QLineEdit(placeholderText="Nơi kiến nghị")
        self.overdue_box = QCheckBox("Chỉ quá hạn")
        self.overdue_box.setChecked(overdue_only)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_box, 1)
        search_row.addWidget(order_label)
        search_row.addWidget(self.order_box)
        layout.addLayout(search_row)
        filters = QHBoxLayout()
        layout.addLayout(filters)
        # Long unit and field names must not squeeze the origin box out of sight.
        for w, width in ((self.status_box, 200), (self.unit_box, 260), (self.field_box, 240),
                         (self.year_box, 110)):  # fmt: skip
            w.setMaximumWidth(width)
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            w.setMinimumContentsLength(8)
            filters.addWidget(w, 1)
            w.currentIndexChanged.connect(lambda _: self.changed.emit())
        self.origin_box.setMinimumWidth(180)
        filters.addWidget(self.origin_box, 2)
        filters.addWidget(self.overdue_box)
        self.origin_box.editingFinished.connect(self.changed)
        self.overdue_box.toggled.connect(lambda _: self.changed.emit())

    def petition_filter(self, today: dt.date) -> PetitionFilter:
        """The filters as a PetitionFilter (overdue counted at `today`)."""
        status = self.status_box.currentData()
        return PetitionFilter(
            status=(status,) if status else (),
            unit_code=self.unit_box.currentData(),
            field_id=self.field_box.currentData(),
            origin=self.origin_box.text().strip() or None,
            year=self.year_box.currentData(),
            overdue_on=today if self.overdue_box.isChecked() else None,
        )
