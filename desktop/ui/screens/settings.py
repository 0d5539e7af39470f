"""Cài đặt: agency name, code and place, default deadline, extra days off and make-up days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from desktop.core import agency_settings as core
from desktop.core import vocabulary as vocab
from desktop.core.agency_settings import AgencySettings
from desktop.core.dates import format_date
from desktop.ui import ask, rights
from desktop.ui.context import UiContext
from desktop.ui.qt import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.widgets.catalog_editor import shortcut
from desktop.ui.widgets.date_edit import DateEdit
from desktop.ui.widgets.deadline_rules_box import DeadlineRulesBox
from desktop.ui.widgets.form_helpers import message_label, show_message
from desktop.ui.widgets.signature_settings import SignatureSettings
from desktop.ui.write_guard import WritesOffThread

MAX_WIDTH = 1000
# The form's fields by their setting keys, as the core's problems name them.
NAME, CODE, PLACE, DEADLINE, MAKEUP, RULES = (
    key.name
    for key in (vocab.AGENCY_NAME, vocab.AGENCY_CODE, vocab.PLACE, vocab.DEFAULT_DEADLINE_DAYS,
                vocab.MAKEUP_WORKDAYS, vocab.DEADLINE_RULES)
)  # fmt: skip
DateCheck = Callable[[dt.date, tuple[dt.date, ...], tuple[dt.date, ...]], str]


class DayList(QGroupBox):
    """A list of dates with a date field to add one and a button (or Delete) to remove one."""

    changed = Signal()

    def __init__(self, title: str, hint: str, empty_text: str) -> None:
        super().__init__(title)
        self.days: list[dt.date] = []
        self.check: Callable[[dt.date], str] = lambda _d: ""
        self.empty_text = empty_text
        self.list = QListWidget()
        self.list.setToolTip("Delete: bỏ ngày đang chọn")
        self.date_edit = DateEdit()
        self.add_button = QPushButton("Thêm")
        self.remove_button = QPushButton("Bỏ ngày đã chọn")
        self.error = message_label()
        note = QLabel(hint)
        note.setWordWrap(True)
        add_row = QHBoxLayout()
        add_row.addWidget(self.date_edit, 1)
        add_row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.remove_button)
        layout.addLayout(add_row)
        layout.addWidget(self.error)
        self.add_button.clicked.connect(self.add_typed)
        self.date_edit.line.returnPressed.connect(self.add_typed)
        self.remove_button.clicked.connect(self.remove_selected)
        shortcut(
            QKeySequence(Qt.Key.Key_Delete),
            self.list,
            self.remove_selected,
            Qt.ShortcutContext.WidgetShortcut,
        )

    def set_days(self, days: tuple[dt.date, ...]) -> None:
        """Show these dates (sorted)."""
        self.days = sorted(set(days))
        self._render()
        show_message(self.error, "")

    def add_typed(self) -> None:
        """Add the date typed in the field, or say why not next to it."""
        text = self.date_edit.line.text().strip()
        day = self.date_edit.date()
        if not text:
            message = "Nhập ngày cần thêm (dd/mm/yyyy) hoặc chọn trên lịch."
        elif day is None:
            message = "Ngày không hợp lệ; nhập theo dạng dd/mm/yyyy."
        else:
            message = self.check(day)
        show_message(self.error, message)
        if message or day is None:
            self.date_edit.setFocus()
            return
        self.days = sorted({*self.days, day})
        self.date_edit.setDate(None)
        self._render()
        self.list.setCurrentRow(self.days.index(day))
        self.changed.emit()

    def remove_selected(self) -> None:
        """Drop the selected date."""
        row = self.list.currentRow()
        if not self.days or not 0 <= row < len(self.days):
            return
        del self.days[row]
        self._render()
        self.list.setCurrentRow(min(row, len(self.days) - 1))
        show_message(self.error, "")
        self.changed.emit()

    def _render(self) -> None:
        self.list.clear()
        for day in self.days:
            item = QListWidgetItem(f"{format_date(day)}  ({core.weekday_name(day)})")
            self.list.addItem(item)
        if not self.days:
            placeholder = QListWidgetItem(self.empty_text)
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(placeholder)
        self.remove_button.setEnabled(bool(self.days))


class SettingsScreen(WritesOffThread, QWidget):
    """The agency settings form; Save (Ctrl+S) checks, writes and refreshes every screen."""

    loaded = Signal()
    saved = Signal()

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.agency_name = QLineEdit()
        self.agency_code = QLineEdit()
        self.agency_code.setMaxLength(20)
        self.place = QLineEdit()
        self.deadline = QSpinBox()
        self.deadline.setRange(core.MIN_DEADLINE_DAYS, core.MAX_DEADLINE_DAYS)
        self.deadline.setSuffix(" ngày làm việc")
        self.deadline.setMaximumWidth(220)
        self.per_unit = QCheckBox("Đánh số văn bản đi riêng cho từng đơn vị soạn thảo")
        self.per_unit.setToolTip(
            "Mặc định cơ quan có một dãy số văn bản đi chung mỗi năm (Nghị định 30/2020,"
            " Điều 15): 01/BTTTT-VP, 02/BTTTT-THH… Chỉ chọn khi cơ quan quyết định khác."
        )
        self.days_off = DayList(
            "Ngày nghỉ thêm",
            "Ngày cơ quan nghỉ ngoài cuối tuần và ngày lễ (Tết đã có sẵn).",
            "Chưa có ngày nghỉ thêm nào.",
        )
        self.makeup = DayList(
            "Ngày làm bù",
            "Thứ Bảy hoặc Chủ nhật cơ quan đi làm bù (ngoài lịch làm bù của Chính phủ).",
            "Chưa có ngày làm bù nào.",
        )
        self.rules = DeadlineRulesBox()
        self.days_off.check = lambda d: core.check_day_off(d, self._off(), self._makeup())
        self.makeup.check = lambda d: core.check_makeup_day(d, self._off(), self._makeup())
        self.errors = {key: message_label() for key in (NAME, CODE, PLACE, DEADLINE)}
        self.save_button = QPushButton("&Lưu cài đặt (Ctrl+S)")
        self.revert_button = QPushButton("&Bỏ thay đổi (Esc)")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._build_layout()
        self._clean: tuple[object, ...] = ()
        # Why the stored settings could not be read (None once they are shown): the form then
        # holds defaults, and saving it would overwrite the real ones.
        self.unread: str | None = None
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        for line in (self.agency_name, self.agency_code, self.place):
            line.returnPressed.connect(self.save)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        shortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save, context)
        shortcut(QKeySequence(Qt.Key.Key_Escape), self, self.revert, context)
        ctx.bus.changed.connect(self._reload_if_clean)
        self.reload()

    def _build_layout(self) -> None:
        agency = QGroupBox("Cơ quan")
        form = QFormLayout(agency)
        rows = (
            (NAME, "&Tên cơ quan:", self.agency_name, "In ở góc trái văn bản đi"),
            (CODE, "&Ký hiệu:", self.agency_code, "Dùng trong số văn bản: 123/BTTTT-VP"),
            (PLACE, "Đị&a danh:", self.place, "Dòng «Hà Nội, ngày … tháng … năm …»"),
            (DEADLINE, "T&hời hạn mặc định:", self.deadline,
             "Khi văn bản đến không ghi hạn trả lời"),
        )  # fmt: skip
        for key, label, widget, hint in rows:
            widget.setToolTip(hint)
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(1)
            column.addWidget(widget)
            column.addWidget(self.errors[key])
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, holder)
        form.addRow("Số văn bản đi:", self.per_unit)
        self.both_error = message_label()
        days = QHBoxLayout()
        days.addWidget(self.days_off)
        days.addWidget(self.makeup)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        # A form as wide as the screen is hard to read: keep it to MAX_WIDTH, on the left.
        content = QWidget()
        content.setMaximumWidth(MAX_WIDTH)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(agency)
        layout.addLayout(days, 1)
        layout.addWidget(self.both_error)
        layout.addWidget(self.rules)
        self.signatures = SignatureSettings(self.ctx)  # written at once, not with Lưu
        layout.addWidget(self.signatures)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        # In a scroll area: with the signature box the form is taller than a 1366x768 screen
        # leaves it, and it must not make the window grow past the screen.
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        outer = QHBoxLayout(self)
        outer.addWidget(scroll, 1)
        rights.gate(content, self.ctx.session, "edit_settings")  # shown to all, edited by admins
        outer.addStretch(0)
        chain: list[QWidget] = [
            self.agency_name, self.agency_code, self.place, self.deadline, self.per_unit
        ]  # fmt: skip
        for day_list in (self.days_off, self.makeup):
            chain += [day_list.list, day_list.remove_button, day_list.date_edit.line]
            chain.append(day_list.add_button)
        r = self.rules
        chain += [r.before_date, r.before_period, r.shift, r.early, r.mid]
        chain += [self.save_button, self.revert_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _off(self) -> tuple[dt.date, ...]:
        return tuple(self.days_off.days)

    def _makeup(self) -> tuple[dt.date, ...]:
        return tuple(self.makeup.days)

    # -- loading ----------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the stored settings (off the UI thread) and show them."""
        self.ctx.runner.run_query(
            core.load_settings, self.show_settings, key="settings", on_error=self._load_failed
        )

    def _load_failed(self, message: str) -> None:
        self.unread = message
        self.message.setText(f"Không đọc được cài đặt: {message} Nhấn F5 để thử lại.")

    def _reload_if_clean(self) -> None:
        if self.unread is not None or not self.is_dirty():
            self.reload()

    def show_settings(self, s: AgencySettings) -> None:
        """Fill the form; what is shown counts as saved."""
        self.agency_name.setText(s.agency_name)
        self.agency_code.setText(s.agency_code)
        self.place.setText(s.place)
        self.deadline.setValue(s.default_deadline_days)
        self.per_unit.setChecked(s.numbering_per_unit)
        self.days_off.set_days(s.extra_days_off)
        self.makeup.set_days(s.makeup_workdays)
        self.rules.set_rules(s.deadline_rules)
        self.show_problems({})
        self._clean = self.snapshot()
        if self.unread is not None:
            self.unread = None
            self.message.clear()
        self.loaded.emit()

    # -- editing ----------------------------------------------------------------------------------
    def current(self) -> AgencySettings:
        """The settings as the form shows them."""
        return AgencySettings(
            agency_name=self.agency_name.text(),
            agency_code=self.agency_code.text(),
            place=self.place.text(),
            default_deadline_days=self.deadline.value(),
            extra_days_off=self._off(),
            makeup_workdays=self._makeup(),
            numbering_per_unit=self.per_unit.isChecked(),
            deadline_rules=self.rules.rules(),
        )

    def snapshot(self) -> tuple[object, ...]:
        """What the form shows, compared to notice unsaved changes."""
        return self._snapshot_of(self.current())

    @staticmethod
    def _snapshot_of(s: AgencySettings) -> tuple[object, ...]:
        return (s.agency_name, s.agency_code, s.place, s.default_deadline_days,
                s.extra_days_off, s.makeup_workdays, s.numbering_per_unit,
                s.deadline_rules)  # fmt: skip

    def is_dirty(self) -> bool:
        """Whether the form holds changes not saved yet."""
        return bool(self._clean) and self.snapshot() != self._clean

    def has_unsaved_changes(self) -> bool:
        """Same as `is_dirty` (the main window asks before closing)."""
        return self.is_dirty()

    def show_problems(self, problems: dict[str, str]) -> None:
        """Each message next to its field."""
        for key, label in self.errors.items():
            show_message(label, problems.get(key, ""))
        show_message(self.both_error, problems.get(MAKEUP, ""))
        self.rules.show_problem(problems.get(RULES, ""))

    def save(self) -> None:
        """Ctrl+S: check, write every setting off the UI thread, forget cached settings; the
        runner's announcement refreshes every screen."""
        if self.unread is not None:
            self.message.setText(
                "Chưa đọc được cài đặt đang lưu nên chưa lưu gì (để không ghi đè chúng):"
                f" {self.unread} Nhấn F5 để thử lại."
            )
            return
        settings = self.current()
        problems = core.check_settings(settings)  # the form alone: said before any write
        self.show_problems(problems)
        if problems:
            self.message.clear()
            widgets = {NAME: self.agency_name, CODE: self.agency_code, PLACE: self.place,
                       DEADLINE: self.deadline}  # fmt: skip
            first = next((widgets[k] for k in problems if k in widgets), None)
            if first is not None:
                first.setFocus()
            return
        self.write_off_thread(
            lambda session: core.save_settings(session, settings), lambda _: self._saved(settings)
        )

    def _saved(self, settings: AgencySettings) -> None:
        shown = self.snapshot()
        self._clean = self._snapshot_of(settings)
        self.ctx.session.settings_changed()
        self.message.setText(
            "Đã lưu cài đặt. Thời hạn và ngày nghỉ mới áp dụng cho việc vào sổ, giao việc từ"
            " nay; hạn đã tính trước đó không đổi."
        )
        if shown != self._clean:
            self.message.setText(
                self.message.text() + " Những gì sửa sau khi nhấn Lưu chưa được lưu."
            )
        self.saved.emit()

    def write_buttons(self) -> list[QWidget]:
        """Lưu and Bỏ thay đổi wait while the settings are written."""
        return [self.save_button, self.revert_button]

    def show_refusal(self, message: str) -> None:
        """Why the settings were not written (no right, the server away…)."""
        self.message.setText(message)

    def revert(self) -> None:
        """Esc: go back to the saved settings, after asking."""
        if self.writing or not self.is_dirty():
            return
        if ask.confirm(self, "Bỏ thay đổi?", "Các thay đổi cài đặt chưa lưu sẽ mất. Bỏ chúng?"):
            self.message.clear()
            self.reload()
