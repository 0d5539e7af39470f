"""Báo cáo tiến độ: what a unit reported on a task, on which day, with its files; done or not.

Done by the lead unit (chủ trì) completes the task; done by a supporting unit completes that
unit's part only (desktop.core.tasks.report_progress decides and refuses).
"""

from __future__ import annotations

from pathlib import Path

from desktop.core import dispatch
from desktop.core.dates import format_date
from desktop.core.errors import KienNghiError
from desktop.core.tasks import report_progress, task
from desktop.core.vocabulary import ASSIGNMENT_ROLE_LABELS as ROLE_LABELS
from desktop.ui.context import UiContext
from desktop.ui.dialogs.routing_common import GuardedDialog, error_label, set_error
from desktop.ui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.widgets.attachment_list import AttachmentList
from desktop.ui.widgets.date_edit import DateEdit

TITLE = "Báo cáo tiến độ nhiệm vụ"
FILE_FILTER = "Tài liệu (*.pdf *.docx *.doc *.xlsx *.png *.jpg *.jpeg *.tif *.tiff);;Tất cả (*)"
EXCERPT_CHARS = 300


class ProgressDialog(GuardedDialog):
    """Date, unit (when the task has several), text, done, attachments; Lưu records it."""

    def __init__(self, ctx: UiContext, task_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, TITLE, parent)
        self.task_id = task_id
        row = task(ctx.session, task_id)
        text = row.content if len(row.content) <= EXCERPT_CHARS else row.content[:299] + "…"
        about = QLabel(f"<b>Nhiệm vụ mã {task_id}</b>, chủ trì: {row.lead_unit or 'chưa giao'}")
        about.setWordWrap(True)
        content = QLabel(text)
        content.setWordWrap(True)
        self.date_edit = DateEdit(ctx.session.today())
        self.date_edit.setFixedWidth(150)
        self.date_error = error_label()
        self.unit_box = QComboBox()
        user = ctx.session.user
        own = user.unit_code if user is not None else None
        for a in dispatch.assignments_of(ctx.session.store, task_id):
            done = f" — đã hoàn thành {format_date(a.completed_on)}" if a.completed_on else ""
            label = f"{a.unit_name} ({ROLE_LABELS.get(a.role, a.role).lower()}){done}"
            self.unit_box.addItem(label, a.unit_code)
        if own and self.unit_box.findData(own) >= 0:
            self.unit_box.setCurrentIndex(self.unit_box.findData(own))
        self.text_edit = QPlainTextEdit()
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText("Đơn vị báo cáo đã làm được gì, còn vướng mắc gì…")
        self.text_error = error_label()
        self.done_box = QCheckBox("Đã &hoàn thành")
        self.done_box.setToolTip(
            "Đơn vị chủ trì hoàn thành: nhiệm vụ hoàn thành. Đơn vị phối hợp: phần việc của đơn vị."
        )
        self.files = AttachmentList(lambda: self.pick_files())

        form = QFormLayout()
        form.addRow("&Ngày báo cáo:", self.date_edit)
        form.addRow("", self.date_error)
        # One unit: nothing to choose, the report is that unit's.
        if self.unit_box.count() > 1:
            form.addRow("Đơn &vị báo cáo:", self.unit_box)
        elif self.unit_box.count() == 1:
            form.addRow("Đơn vị báo cáo:", QLabel(self.unit_box.itemText(0)))
        form.addRow("Nội &dung:", self.text_edit)
        form.addRow("", self.text_error)
        form.addRow("", self.done_box)
        form.addRow("Tệp đính kèm:", self.files)
        for field in (self.date_edit, self.unit_box, self.text_edit):
            buddy = form.labelForField(field)
            if isinstance(buddy, QLabel):
                buddy.setBuddy(field)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(content)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(620, self.sizeHint().height())
        self.text_edit.setFocus()
        self.mark_clean()

    def pick_files(self) -> list[Path]:
        """Ask for the files the unit sent (tests patch this)."""
        names, _ = QFileDialog.getOpenFileNames(self, "Chọn tệp đính kèm", "", FILE_FILTER)
        return [Path(n) for n in names]

    def snapshot(self) -> object:
        """What was typed or picked."""
        typed = (self.date_edit.line.text(), self.text_edit.toPlainText(), [*self.files.paths])
        return (*typed, self.unit_box.currentIndex(), self.done_box.isChecked())

    def save(self) -> None:
        """Record the report through the core; its refusal is said under the field or below."""
        for label in (self.date_error, self.text_error, self.error):
            set_error(label, "")
        day = self.date_edit.date()
        if day is None:
            set_error(self.date_error, "Nhập ngày báo cáo theo dạng dd/mm/yyyy.")
            self.date_edit.setFocus()
            return
        text = self.text_edit.toPlainText()
        if not text.strip():
            set_error(self.text_error, "Nhập nội dung đơn vị báo cáo.")
            self.text_edit.setFocus()
            return
        unit = self.unit_box.currentData() if self.unit_box.count() > 1 else None
        task_id, done, files = self.task_id, self.done_box.isChecked(), list(self.files.paths)
        self.write(
            lambda session: report_progress(
                session, task_id, text, done=done, on=day, unit=unit, attachments=files
            )
        )

    def show_refusal(self, message: str) -> None:
        """A refused date under the date field, anything else below."""
        for label in (self.date_error, self.error):
            set_error(label, "")
        set_error(self.date_error if message.startswith("Ngày") else self.error, message)


def open_progress(ctx: UiContext, parent: QWidget | None, task_id: int) -> bool:
    """Record a progress report on one task; True when saved."""
    try:
        dialog = ProgressDialog(ctx, task_id, parent)
    except KienNghiError as exc:  # the task was withdrawn meanwhile
        from desktop.ui import ask

        ask.error(parent, TITLE, str(exc))
        return False
    return dialog.exec() == QDialog.DialogCode.Accepted
