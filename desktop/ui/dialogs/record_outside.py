"""Vào sổ số văn bản làm ngoài phần mềm: a number used by a letter typed in Word or signed on
paper is entered in the outgoing register, so the app never issues it again."""

from __future__ import annotations

from desktop.core.letters.numbering import record_outside_letter
from desktop.ui.context import UiContext
from desktop.ui.dialogs.routing_common import GuardedDialog, set_error
from desktop.ui.qt import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget
from desktop.ui.widgets.date_edit import DateEdit


class RecordOutsideDialog(GuardedDialog):
    """The number, date and subject of a letter made outside the app."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Vào sổ số văn bản làm ngoài phần mềm", parent)
        hint = QLabel(
            "Số đã dùng cho văn bản soạn ngoài phần mềm được ghi vào sổ văn bản đi và sẽ không"
            " được cấp lại. Cơ quan có một dãy số chung mỗi năm (trừ khi Cài đặt chọn khác)."
        )
        hint.setWordWrap(True)
        self.reference = QLineEdit(placeholderText="Ví dụ 15/BTTTT-VP")
        self.date_edit = DateEdit(ctx.session.today())
        self.date_edit.setFixedWidth(150)
        self.subject = QLineEdit(placeholderText="V/v … (trích yếu)")
        form = QFormLayout()
        form.addRow(QLabel("&Số, ký hiệu:", buddy=self.reference), self.reference)
        form.addRow(QLabel("&Ngày ban hành:", buddy=self.date_edit.line), self.date_edit)
        form.addRow(QLabel("&Trích yếu:", buddy=self.subject), self.subject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self.reference.setFocus()
        self.mark_clean()
        self.recorded = ""

    def snapshot(self) -> object:
        """What was typed."""
        return (self.reference.text(), self.date_edit.line.text(), self.subject.text())

    def save(self) -> None:
        """Enter the number, or say why not (taken, wrong form, another agency's symbol…)."""
        set_error(self.error, "")
        day = self.date_edit.date()
        if day is None:
            set_error(self.error, "Nhập ngày ban hành theo dạng dd/mm/yyyy.")
            self.date_edit.setFocus()
            return
        reference, subject = self.reference.text(), self.subject.text().strip()
        self.write(
            lambda session: record_outside_letter(session, reference, day, subject),
            on_refused=self.reference.setFocus,
            on_written=self._recorded,
        )

    def _recorded(self, number: str) -> None:
        self.recorded = number
