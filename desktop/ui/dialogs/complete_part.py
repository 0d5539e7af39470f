"""Đơn vị hoàn thành: one unit reports its part of a petition done on a day."""

from __future__ import annotations

from desktop.core import dispatch, workflow
from desktop.core.dates import format_date
from desktop.core.types import Assignment
from desktop.core.vocabulary import ASSIGNMENT_ROLE_LABELS as ROLE_LABELS
from desktop.ui.context import UiContext
from desktop.ui.dialogs.routing_common import (
    GuardedDialog,
    error_label,
    petitions_heading,
    set_error,
)
from desktop.ui.qt import (
    QDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    Qt,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.widgets.date_edit import DateEdit

CODE_ROLE = Qt.ItemDataRole.UserRole
MAX_LIST_PX = 720  # wider than this, a line breaks before its due date


def assignment_text(a: Assignment) -> str:
    """One line per assignment: role, unit, due date, and when it was done."""
    done = f" — đã hoàn thành {format_date(a.completed_on)}" if a.completed_on else ""
    return f"{ROLE_LABELS[a.role]}: {a.unit_name} — hạn {format_date(a.due_on)}{done}"


class CompletePartDialog(GuardedDialog):
    """Pick one of the petition's units still at work and the day it finished."""

    def __init__(self, ctx: UiContext, petition_id: int, parent: QWidget | None = None) -> None:
        title = "Đơn vị hoàn thành phần việc"
        super().__init__(ctx, title, parent)
        self.petition_id = petition_id
        self.seen = workflow.version(ctx.session, petition_id)
        store = ctx.session.store
        self.assignments = dispatch.assignments_of(store, petition_id)
        heading = QLabel(f"<b>{title}</b>")
        about = QLabel(petitions_heading(store, [petition_id]))
        about.setWordWrap(True)
        self.unit_list = QListWidget()
        texts = self._fitted_texts()
        lines = sum(t.count("\n") + 1 for t in texts) if texts else 2
        rows = min(max(lines, 2), 12)
        self.unit_list.setFixedHeight(rows * (self.fontMetrics().height() + 4) + 10)
        for a, text in zip(self.assignments, texts, strict=True):
            item = QListWidgetItem(text)
            item.setToolTip(assignment_text(a))
            item.setData(CODE_ROLE, a.unit_code)
            if a.completed_on is not None:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.unit_list.addItem(item)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        open_rows = [i for i, a in enumerate(self.assignments) if a.completed_on is None]
        if not self.assignments:
            self.empty.setText("Kiến nghị chưa giao đơn vị nào: hãy giao xử lý trước (Ctrl+G).")
        elif not open_rows:
            self.empty.setText("Mọi đơn vị được giao đã hoàn thành phần việc.")
        self.empty.setVisible(bool(self.empty.text()))
        self.unit_list.setVisible(bool(self.assignments))
        if open_rows:
            self.unit_list.setCurrentRow(open_rows[0])
        self.unit_error = error_label()
        self.date_edit = DateEdit(ctx.session.today())
        self.date_edit.setFixedWidth(150)
        self.date_error = error_label()

        form = QFormLayout()
        form.addRow("Đơn &vị:", self.unit_list)
        form.addRow("", self.empty)
        form.addRow("", self.unit_error)
        form.addRow("&Ngày hoàn thành:", self.date_edit)
        form.addRow("", self.date_error)
        for field in (self.unit_list, self.date_edit):
            buddy = form.labelForField(field)
            if isinstance(buddy, QLabel):
                buddy.setBuddy(field)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.save_button.setEnabled(bool(open_rows))
        self.setTabOrder(self.unit_list, self.date_edit.line)
        self.resize(max(560, self.sizeHint().width()), self.sizeHint().height())
        self.unit_list.setFocus()
        self.mark_clean()

    def _fitted_texts(self) -> list[str]:
        """Each assignment's whole line, the list as wide as the longest (it once cut "— hạn
        15/0…"); past MAX_LIST_PX the due date goes to a second line instead."""
        texts = [assignment_text(a) for a in self.assignments]
        fm = self.unit_list.fontMetrics()
        chrome = (
            2 * self.unit_list.frameWidth() + self.unit_list.verticalScrollBar().sizeHint().width()
        )
        chrome += 16  # the item's own padding
        widest = max((fm.horizontalAdvance(t) for t in texts), default=0)
        if widest + chrome > MAX_LIST_PX:
            texts = [t.replace(" — hạn ", "\n        hạn ", 1) for t in texts]
            widest = max(fm.horizontalAdvance(line) for t in texts for line in t.splitlines())
        self.unit_list.setMinimumWidth(min(widest + chrome, MAX_LIST_PX))
        return texts

    def snapshot(self) -> object:
        """The chosen unit and the typed date."""
        return (self.unit_list.currentRow(), self.date_edit.line.text())

    def save(self) -> None:
        """Mark the chosen unit's part done."""
        for label in (self.unit_error, self.date_error, self.error):
            set_error(label, "")
        item = self.unit_list.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            set_error(self.unit_error, "Chọn đơn vị chưa hoàn thành.")
            self.unit_list.setFocus()
            return
        day = self.date_edit.date()
        if day is None:
            set_error(self.date_error, "Nhập ngày hoàn thành theo dạng dd/mm/yyyy.")
            self.date_edit.setFocus()
            return
        petition_id, code, seen = self.petition_id, str(item.data(CODE_ROLE)), self.seen
        self.write(
            lambda session: dispatch.mark_part_done(session, petition_id, code, day, seen=seen)
        )

    def show_refusal(self, message: str) -> None:
        """A refused date under the date field, anything else below."""
        for label in (self.date_error, self.error):
            set_error(label, "")
        set_error(self.date_error if message.startswith("Ngày") else self.error, message)


def open_complete_part(ctx: UiContext, parent: QWidget | None, petition_id: int) -> bool:
    """Mark one unit's part of a petition done; True when saved."""
    dialog = CompletePartDialog(ctx, petition_id, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
