"""The Kiến nghị screen's bar: the search box with its order switch over the register's filters.

Every filter the register is under shows here: the boxes hold what they can say (status, unit,
field, year, origin, overdue), and what they cannot — a document opened from Văn bản đến, the
dashboard's period, several statuses, one petition — is a chip with ✕. "Bỏ lọc" clears all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from desktop.core import documents as docs
from desktop.core import reference as ref
from desktop.core.dates import format_date
from desktop.core.types import PetitionFilter
from desktop.core.vocabulary import STATUS_LABELS
from desktop.ui.context import UiContext
from desktop.ui.qt import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTimer,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.widgets.search_box import OrderSwitch, SearchBox

# The origin filter applies this long after the last key (as the search box does).
ORIGIN_DELAY_MS = 250
KIND_LABELS = {None: "Cả kiến nghị và nhiệm vụ", "task": "Nhiệm vụ"}


def _dmy(day: dt.date) -> str:
    return format_date(day)


@dataclass(frozen=True)
class Extra:
    """What the boxes cannot show: each part is one chip of the bar."""

    statuses: tuple[str, ...] = ()  # more than one (the dashboard's "Chưa trả lời")
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    document_id: int | None = None
    document_label: str = ""  # "Văn bản đến số 12/2026", once read
    kind: str | None = "petition"
    petition_ids: tuple[int, ...] = field(default=())  # one petition opened from elsewhere

    def chips(self) -> list[tuple[str, str]]:
        """(part, label) of each chip, in the bar's order."""
        out: list[tuple[str, str]] = []
        if self.petition_ids:
            out.append(("petition_ids", f"Chỉ kiến nghị mã {self.petition_ids[0]}"))
        if self.document_id is not None:
            label = self.document_label or f"Văn bản đến (mã {self.document_id})"
            out.append(("document_id", label))
        if self.statuses:
            out.append(("statuses", "Trạng thái: " + ", ".join(
                STATUS_LABELS[s] for s in self.statuses)))  # fmt: skip
        if self.received_from or self.received_to:
            first = f"Nhận từ {_dmy(self.received_from)}" if self.received_from else "Nhận"
            last = f" đến {_dmy(self.received_to)}" if self.received_to else ""
            out.append(("received", first + last))
        if self.kind != "petition":
            out.append(("kind", KIND_LABELS.get(self.kind, str(self.kind))))
        return out

    def without(self, part: str) -> Extra:
        """This with one chip removed."""
        if part == "received":
            return replace(self, received_from=None, received_to=None)
        if part == "document_id":
            return replace(self, document_id=None, document_label="")
        if part == "kind":
            return replace(self, kind="petition")
        return replace(self, **{part: ()})


class FilterBar(QWidget):
    """Search box and order switch; status, unit, field, year, origin and overdue filters, the
    chips of the others and Bỏ lọc."""

    changed = Signal()  # a filter (not the search text) changed
    cleared = Signal()  # Bỏ lọc: every filter and the search gone

    def __init__(self, ctx: UiContext, *, overdue_only: bool = False) -> None:
        super().__init__()
        self._overdue_default = overdue_only
        self._quiet = False  # setting the boxes from a filter: one `changed` at the end
        self.extra = Extra()
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
        self.clear_button = QPushButton("Bỏ lọc")
        self.clear_button.setToolTip("Bỏ mọi bộ lọc và ô tìm, về toàn bộ sổ (Esc trong danh sách)")
        self.clear_button.clicked.connect(self.clear_all)
        # A line of its own, shown only with chips: beside the boxes they would widen the
        # window past a laptop's screen.
        self.chips_line = QWidget()
        self.chips_row = QHBoxLayout(self.chips_line)
        self.chips_row.setContentsMargins(0, 0, 0, 0)
        self.chips_row.addWidget(QLabel("Đang lọc theo:"))
        self.chips_row.addStretch(1)
        self.chips_line.hide()
        self._chips: list[QToolButton] = []
        self._origin_timer = QTimer(self, singleShot=True, interval=ORIGIN_DELAY_MS)
        self._origin_timer.timeout.connect(self._origin_typed)
        self._origin_applied = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_box, 1)
        search_row.addWidget(order_label)
        search_row.addWidget(self.order_box)
        layout.addLayout(search_row)
        filters = QHBoxLayout()
        layout.addLayout(filters)
        layout.addWidget(self.chips_line)
        # Long unit and field names must not squeeze the origin box out of sight.
        for w, width in ((self.status_box, 200), (self.unit_box, 260), (self.field_box, 240),
                         (self.year_box, 110)):  # fmt: skip
            w.setMaximumWidth(width)
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            w.setMinimumContentsLength(8)
            filters.addWidget(w, 1)
            w.currentIndexChanged.connect(lambda _: self._changed())
        self.origin_box.setMinimumWidth(180)
        filters.addWidget(self.origin_box, 2)
        filters.addWidget(self.overdue_box)
        filters.addWidget(self.clear_button)
        self.origin_box.textChanged.connect(lambda _: self._origin_timer.start())
        self.origin_box.returnPressed.connect(self._origin_typed)
        self.overdue_box.toggled.connect(lambda _: self._changed())
        self.search_box.textChanged.connect(lambda _: self._update_clear())
        self._update_clear()

    def _changed(self) -> None:
        self._update_clear()
        if not self._quiet:
            self.changed.emit()

    def _origin_typed(self) -> None:
        self._origin_timer.stop()
        text = self.origin_box.text().strip()
        if text != self._origin_applied:  # Enter after the pause applies nothing twice
            self._origin_applied = text
            self._changed()

    def active(self) -> bool:
        """Anything narrows the register: a box, a chip or the search."""
        return bool(
            self.status_box.currentIndex() > 0
            or self.unit_box.currentIndex() > 0
            or self.field_box.currentIndex() > 0
            or self.year_box.currentIndex() > 0
            or self.origin_box.text().strip()
            or self.overdue_box.isChecked() != self._overdue_default
            or self.extra.chips()
            or self.search_box.text().strip()
        )

    def _update_clear(self) -> None:
        self.clear_button.setEnabled(self.active())

    def chips_text(self) -> str:
        """What the chips say, one after another (empty without any)."""
        return "; ".join(label for _, label in self.extra.chips())

    def _show_chips(self) -> None:
        for chip in self._chips:
            chip.deleteLater()
        self._chips = []
        for part, label in self.extra.chips():
            chip = QToolButton()
            chip.setText(f"{label} ✕")
            chip.setToolTip(f"Bỏ bộ lọc «{label}»")
            chip.setStyleSheet(
                "QToolButton { background: #e8f0fe; border: 1px solid #8ab4f8;"
                " border-radius: 9px; padding: 1px 6px; }"
            )
            chip.clicked.connect(lambda _=False, part=part: self.remove_chip(part))
            self.chips_row.insertWidget(self.chips_row.count() - 1, chip)  # before the stretch
            self._chips.append(chip)
        self.chips_line.setVisible(bool(self._chips))
        self._update_clear()

    def remove_chip(self, part: str) -> None:
        """✕ on a chip: that filter gone, the rest kept."""
        self.extra = self.extra.without(part)
        self._show_chips()
        self.changed.emit()

    def set_document_label(self, document_id: int, label: str) -> None:
        """The document chip's words, once the document is read."""
        if self.extra.document_id == document_id:
            self.extra = replace(self.extra, document_label=label)
            self._show_chips()

    def _select(self, box: QComboBox, value: object) -> None:
        box.setCurrentIndex(max(0, box.findData(value)) if value is not None else 0)

    def set_filter(self, f: PetitionFilter, petition_ids: tuple[int, ...] = ()) -> None:
        """Show `f` (from the dashboard, a document, a reminder) in the boxes and chips; the
        search box is emptied. Emits `changed` once."""
        self._quiet = True
        try:
            self._reset_boxes()
            statuses = tuple(f.status)
            if len(statuses) == 1 and self.status_box.findData(statuses[0]) > 0:
                self._select(self.status_box, statuses[0])
                statuses = ()
            self._select(self.unit_box, f.unit_code)
            unit_missing = f.unit_code is not None and self.unit_box.currentIndex() == 0
            self._select(self.field_box, f.field_id)
            self._select(self.year_box, f.year)
            self.origin_box.setText(f.origin or "")
            self._origin_applied = (f.origin or "").strip()
            self._origin_timer.stop()
            self.overdue_box.setChecked(f.overdue_on is not None)
            self.extra = Extra(
                statuses=statuses,
                received_from=f.received_from,
                received_to=f.received_to,
                document_id=f.document_id,
                kind=f.kind,
                petition_ids=petition_ids,
            )
            if unit_missing:  # a unit no longer valid today: the box cannot say it
                self.unit_box.addItem(str(f.unit_code), f.unit_code)
                self._select(self.unit_box, f.unit_code)
        finally:
            self._quiet = False
        self._show_chips()
        self.changed.emit()

    def _reset_boxes(self) -> None:
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        for box in (self.status_box, self.unit_box, self.field_box, self.year_box):
            box.setCurrentIndex(0)
        self.origin_box.clear()
        self._origin_applied = ""
        self._origin_timer.stop()
        self.overdue_box.setChecked(self._overdue_default)
        self.extra = Extra()

    def clear_all(self) -> None:
        """Bỏ lọc: the whole register (the Quá hạn screen stays on the overdue ones)."""
        self._quiet = True
        try:
            self._reset_boxes()
        finally:
            self._quiet = False
        self._show_chips()
        self.cleared.emit()

    def petition_filter(self, today: dt.date) -> PetitionFilter:
        """The filters as a PetitionFilter (overdue counted at `today`)."""
        status = self.status_box.currentData()
        extra = self.extra
        return PetitionFilter(
            status=(status,) if status else extra.statuses,
            unit_code=self.unit_box.currentData(),
            field_id=self.field_box.currentData(),
            origin=self.origin_box.text().strip() or None,
            year=self.year_box.currentData(),
            overdue_on=today if self.overdue_box.isChecked() else None,
            received_from=extra.received_from,
            received_to=extra.received_to,
            document_id=extra.document_id,
            kind=extra.kind,
        )
