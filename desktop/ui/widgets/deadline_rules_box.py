"""Cách tính thời hạn: the choices offices make differently when a notice writes a deadline."""

from __future__ import annotations

from desktop.core.notices.deadlines import DeadlineRules
from desktop.ui.qt import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QSpinBox, Signal
from desktop.ui.widgets.form_helpers import message_label, show_message

PERIODS = (
    ("previous_end", "ngày làm việc cuối cùng trước kỳ đó (trước tháng 6 → 29/5)"),
    ("end", "hết kỳ đó (trước tháng 6 → ngày làm việc cuối tháng 6)"),
)


class DeadlineRulesBox(QGroupBox):
    """The rules as a form; `rules()` what it shows, `set_rules` to show stored ones."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__("Thời hạn trong thông báo kết luận, chỉ thị")
        self.before_date = QCheckBox("«Trước ngày 01/5» là hạn đến hết ngày 01/5")
        self.before_date.setToolTip("Không chọn: hạn là ngày làm việc cuối cùng trước ngày đó.")
        self.before_period = QComboBox()
        for key, text in PERIODS:
            self.before_period.addItem(text, key)
        self.shift = QCheckBox("Hạn ghi đúng một ngày nghỉ thì lùi về ngày làm việc trước đó")
        self.early = QSpinBox()
        self.early.setRange(1, 15)
        self.early.setPrefix("đến ngày ")
        self.mid = QSpinBox()
        self.mid.setRange(11, 25)
        self.mid.setPrefix("đến ngày ")
        self.error = message_label()
        note = QLabel(
            "Áp dụng khi đọc thông báo vào sổ từ nay; hạn của nhiệm vụ đã vào sổ không đổi."
        )
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow("«Trước ngày …»:", self.before_date)
        form.addRow("«Trước tháng, quý, năm …»:", self.before_period)
        form.addRow("Ngày nghỉ:", self.shift)
        form.addRow("«Đầu tháng …»:", self.early)
        form.addRow("«Giữa tháng …»:", self.mid)
        form.addRow(self.error)
        for box in (self.before_date, self.shift):
            box.toggled.connect(self.changed)
        self.before_period.currentIndexChanged.connect(self.changed)
        self.early.valueChanged.connect(self.changed)
        self.mid.valueChanged.connect(self.changed)

    def set_rules(self, r: DeadlineRules) -> None:
        """Show stored rules."""
        self.before_date.setChecked(r.before_date_inclusive)
        self.before_period.setCurrentIndex(max(0, self.before_period.findData(r.before_period)))
        self.shift.setChecked(r.shift_exact_date)
        self.early.setValue(r.early_month_day)
        self.mid.setValue(r.mid_month_day)
        show_message(self.error, "")

    def rules(self) -> DeadlineRules:
        """The rules as shown."""
        return DeadlineRules(
            before_date_inclusive=self.before_date.isChecked(),
            before_period=self.before_period.currentData(),
            shift_exact_date=self.shift.isChecked(),
            early_month_day=self.early.value(),
            mid_month_day=self.mid.value(),
        )

    def show_problem(self, text: str) -> None:
        """The reason the rules cannot be saved, or '' to clear it."""
        show_message(self.error, text)
