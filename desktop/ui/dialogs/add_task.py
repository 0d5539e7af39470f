"""Thêm nhiệm vụ: a task typed by the clerk from a directive the reader cannot take (seed 004's
prose), given to its units at once, the deadline computed from its words as a notice's is."""

from __future__ import annotations

import contextlib
from dataclasses import replace

from desktop.core import reference, tasks
from desktop.core.dates import format_date
from desktop.core.errors import DomainError
from desktop.core.notices import read_deadline
from desktop.core.session import Session
from desktop.ui.context import UiContext
from desktop.ui.dialogs.routing_common import GuardedDialog, set_error
from desktop.ui.qt import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.widgets.date_edit import DateEdit
from desktop.ui.widgets.unit_picker import UnitChecklist, UnitLineEdit, typed_unit_code


class AddTaskDialog(GuardedDialog):
    """Who gave the task and when, what it is, its units, its deadline as written and as a date."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Thêm nhiệm vụ", parent)
        session = ctx.session
        units = reference.units(session.store, valid_on=session.today())
        self.origin = QLineEdit(
            placeholderText="Ví dụ: Văn phòng Chính phủ (Văn bản 4324/VPCP-KSTT ngày 13/6/2023)"
        )
        self.received = DateEdit(session.today())
        self.received.setFixedWidth(150)
        self.field = QLineEdit(placeholderText="Lĩnh vực (không bắt buộc)")
        self.content = QPlainTextEdit()
        self.content.setPlaceholderText("Nội dung nhiệm vụ, như văn bản giao")
        self.content.setTabChangesFocus(True)
        self.lead = UnitLineEdit(units)
        self.lead.setToolTip("Đơn vị chủ trì; cơ quan ngoài danh mục được giữ đúng như gõ")
        self.support = UnitChecklist(units)
        self.outside = QLineEdit(placeholderText="Cơ quan ngoài Bộ phối hợp, cách nhau dấu phẩy")
        self.due_text = QLineEdit(placeholderText="Ví dụ: tháng 6/2020, Quý I/2024, 15/7/2022")
        self.due = DateEdit()
        self.due.setFixedWidth(150)
        self.computed = QLabel()
        due_row = QHBoxLayout()
        due_row.addWidget(self.due_text, 1)
        due_row.addWidget(QLabel("Hạn:"))
        due_row.addWidget(self.due)
        form = QFormLayout()
        form.addRow(QLabel("&Cơ quan giao:", buddy=self.origin), self.origin)
        form.addRow(QLabel("&Ngày nhận:", buddy=self.received.line), self.received)
        form.addRow(QLabel("&Lĩnh vực:", buddy=self.field), self.field)
        form.addRow(QLabel("Nội &dung:", buddy=self.content), self.content)
        form.addRow(QLabel("Đơn vị c&hủ trì:", buddy=self.lead), self.lead)
        form.addRow(QLabel("Đơn vị &phối hợp:", buddy=self.support), self.support)
        form.addRow(QLabel("Ngoài &Bộ:", buddy=self.outside), self.outside)
        form.addRow(QLabel("&Thời hạn:", buddy=self.due_text), due_row)
        form.addRow("", self.computed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.save_button.setText("Vào sổ")
        self.due_text.textChanged.connect(self._read_due)
        self.resize(720, 720)
        self.origin.setFocus()
        self.mark_clean()
        self.task_ids: list[int] = []

    def _read_due(self, text: str) -> None:
        """The date the words give, filled in (still editable), or why they give none."""
        session = self.ctx.session
        found = read_deadline(text, calendar=session.calendar, rules=tasks.deadline_rules(session))
        if found.due_on is not None:
            self.due.setDate(found.due_on)
            self.computed.setText(f"Tính theo cách ghi: {format_date(found.due_on)}.")
        elif found.problem:
            self.computed.setText(f"{found.problem} Hãy nhập hạn.")
        else:
            self.computed.setText("Không ghi thời hạn." if text.strip() else "")

    def snapshot(self) -> object:
        """What was typed."""
        return (
            self.origin.text(), self.field.text(),
            self.content.toPlainText(), self.lead.text(), tuple(self.support.checked_codes()),
            self.outside.text(), self.due_text.text(), self.due.line.text(),
        )  # fmt: skip

    def save(self) -> None:
        """Register the task, or say why not next to the buttons (nothing written)."""
        set_error(self.error, "")
        received, due = self.received.date(), self.due.date()
        if received is None:
            set_error(self.error, "Nhập ngày nhận theo dạng dd/mm/yyyy.")
            self.received.setFocus()
            return
        if self.due.line.text().strip() and due is None:
            set_error(self.error, "Hạn không hợp lệ; nhập theo dạng dd/mm/yyyy hoặc để trống.")
            self.due.setFocus()
            return
        lead, units = self.lead.text().strip(), list(self.lead.units)
        outside = tuple(s.strip() for s in self.outside.text().split(",") if s.strip())
        task = tasks.TaskInput(
            content=self.content.toPlainText().strip(),
            unit=lead,
            support_units=(*self.support.checked_codes(), *outside),
            field=self.field.text().strip(),
            due_on=due,
            due_text=self.due_text.text().strip(),
        )
        origin = self.origin.text()

        def add(session: Session) -> list[int]:
            unit = lead
            with contextlib.suppress(DomainError):  # else a body outside the catalogue, as typed
                unit = typed_unit_code(session, lead, units) if lead else ""
            return tasks.add_tasks(
                session, [replace(task, unit=unit)], origin=origin, received_on=received
            )

        self.write(add, on_written=self._added)

    def show_refusal(self, message: str) -> None:
        """The core's refusal, without the "Nhiệm vụ 1: " a list of one task does not need."""
        set_error(self.error, message.replace("Nhiệm vụ 1: ", ""))

    def _added(self, task_ids: list[int]) -> None:
        self.task_ids = task_ids


def open_add_task(ctx: UiContext, parent: QWidget | None) -> list[int]:
    """The dialog, modal; the new task's id in a list (empty when cancelled)."""
    dialog = AddTaskDialog(ctx, parent)
    return dialog.task_ids if dialog.exec() == QDialog.DialogCode.Accepted else []
