"""Ghi trả lời: record one answer (outcome, date, text, reply letter) for one or many petitions."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core import workflow
from desktop.core.dates import format_date
from desktop.core.types import Outcome
from desktop.ui.context import UiContext
from desktop.ui.dialogs.routing_common import (
    GuardedDialog,
    error_label,
    petitions_heading,
    set_error,
)
from desktop.ui.qt import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.widgets.answer_fill import put_answer
from desktop.ui.widgets.date_edit import DateEdit
from desktop.ui.widgets.similar_panel import SimilarPanel

# The radio texts, with Alt mnemonics; the statuses they lead to are vocabulary.STATUS_LABELS.
OUTCOME_CHOICES: tuple[tuple[Outcome, str], ...] = (
    ("answered", "Đã &trả lời"),
    ("clarify", "Đã trả lời, cần &làm rõ"),
    ("escalated", "&Vượt thẩm quyền, báo cáo Thủ tướng"),
)


class ReplyDialog(GuardedDialog):
    """One reply answering all the given petitions (trả lời gộp)."""

    def __init__(
        self,
        ctx: UiContext,
        petition_ids: list[int],
        parent: QWidget | None = None,
        *,
        answer: str = "",
    ) -> None:
        n = len(petition_ids)
        title = "Ghi trả lời kiến nghị" if n == 1 else f"Ghi trả lời {n} kiến nghị"
        super().__init__(ctx, title, parent)
        self.petition_ids = list(petition_ids)
        # What the clerk is shown; a change by another clerk meanwhile refuses the save.
        self.seen = workflow.versions(ctx.session, self.petition_ids)
        heading = QLabel(f"<b>{title}</b>")
        about = QLabel(petitions_heading(ctx.session.store, self.petition_ids))
        about.setWordWrap(True)

        self.outcome_group = QButtonGroup(self)
        self.outcome_buttons: dict[Outcome, QRadioButton] = {}
        outcome_box = QVBoxLayout()
        outcome_box.setSpacing(2)
        for i, (key, text) in enumerate(OUTCOME_CHOICES):
            button = QRadioButton(text)
            self.outcome_group.addButton(button, i)
            self.outcome_buttons[key] = button
            outcome_box.addWidget(button)
        self.outcome_buttons["answered"].setChecked(True)

        self.date_edit = DateEdit(ctx.session.today())
        self.date_edit.setFixedWidth(150)
        self.date_error = error_label()
        self.text_edit = QPlainTextEdit(placeholderText="Nội dung trả lời (bắt buộc)")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 6 + 12)
        self.text_error = error_label()
        self.letter_edit = QLineEdit(placeholderText="Ví dụ 1234/BTTTT-THH")

        form = QFormLayout()
        form.addRow("Kết quả:", outcome_box)
        form.addRow("&Ngày trả lời:", self.date_edit)
        form.addRow("", self.date_error)
        form.addRow("Nội dung t&rả lời:", self.text_edit)
        form.addRow("", self.text_error)
        form.addRow("Văn bản trả lời &số:", self.letter_edit)
        for field in (self.date_edit, self.text_edit, self.letter_edit):
            buddy = form.labelForField(field)
            if isinstance(buddy, QLabel):
                buddy.setBuddy(field)

        # Earlier answers to the same request, to reuse rather than retype.
        self.similar = SimilarPanel(ctx)
        self.similar.setMinimumWidth(380)
        self.similar.use_answer.connect(self.use_answer)
        self.similar.show_similar_to(self.petition_ids)

        left = QVBoxLayout()
        left.addWidget(heading)
        left.addWidget(about)
        left.addLayout(form)
        left.addStretch(1)
        left.addWidget(self.error)
        left.addWidget(self.buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(self.similar, 2)
        self.setTabOrder(self.outcome_buttons["answered"], self.date_edit.line)
        self.setTabOrder(self.date_edit.line, self.text_edit)
        self.setTabOrder(self.text_edit, self.letter_edit)
        self.resize(1060, max(self.sizeHint().height(), 460))
        self.text_edit.setFocus()
        self.mark_clean()
        if answer:  # "Dùng câu trả lời này" in the detail pane: typed for the clerk, not saved
            self.text_edit.setPlainText(answer)

    def use_answer(self, text: str) -> None:
        """Put an earlier answer in Nội dung trả lời (asking before replacing typed text)."""
        put_answer(self, self.text_edit, text)

    def outcome(self) -> Outcome:
        """The chosen outcome."""
        return OUTCOME_CHOICES[max(self.outcome_group.checkedId(), 0)][0]

    def snapshot(self) -> object:
        """Everything the clerk can change here."""
        return (
            self.outcome(),
            self.date_edit.line.text(),
            self.text_edit.toPlainText().strip(),
            self.letter_edit.text().strip(),
        )

    def save(self) -> None:
        """Record the reply for every petition at once."""
        for label in (self.date_error, self.text_error, self.error):
            set_error(label, "")
        day = self.date_edit.date()
        if day is None:
            set_error(self.date_error, "Nhập ngày trả lời theo dạng dd/mm/yyyy.")
            self.date_edit.setFocus()
            return
        if day > self.ctx.session.today():
            set_error(self.date_error, f"Ngày trả lời {format_date(day)} ở tương lai.")
            self.date_edit.setFocus()
            return
        text = self.text_edit.toPlainText().strip()
        if not text:
            set_error(self.text_error, "Chưa nhập nội dung trả lời.")
            self.text_edit.setFocus()
            return
        ids, outcome, seen = list(self.petition_ids), self.outcome(), self.seen
        letter_ref = self.letter_edit.text().strip()
        self.write(
            lambda session: workflow.reply(
                session, ids, outcome, text, replied_on=day, letter_ref=letter_ref, seen=seen
            )
        )


def open_reply(
    ctx: UiContext, parent: QWidget | None, petition_ids: Sequence[int], *, answer: str = ""
) -> bool:
    """Ghi trả lời for the given petitions (`answer`: a text to start from); True when saved."""
    if not petition_ids:
        return False
    dialog = ReplyDialog(ctx, list(petition_ids), parent, answer=answer)
    return dialog.exec() == QDialog.DialogCode.Accepted
