"""Sửa văn bản đến: correct a document's sender, number, dates or summary; never its số đến.

Only what the clerk changed is sent; the core refuses a received date in another year (the
số đến belongs to its year) and a reply-by date typed before the received date (as vào sổ
does; the dialog says so as soon as it is typed), and records the old and new values on each
of its petitions.
"""

from __future__ import annotations

from desktop.core import corrections
from desktop.core.correction_reads import document_to_edit
from desktop.core.corrections import DocumentEdit
from desktop.core.errors import DomainError
from desktop.core.register_form import reply_by_problem
from desktop.core.registry import DuplicateDocument
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs.routing_common import GuardedDialog, set_error
from desktop.ui.qt import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget
from desktop.ui.widgets.date_edit import DateEdit
from desktop.ui.write_guard import Op

DATES = {"sender_date": "Ngày văn bản", "received_on": "Ngày đến", "reply_by": "Hạn trả lời"}


class EditDocumentDialog(GuardedDialog):
    """Sửa văn bản đến: the fields of its paper form, the số đến shown but fixed."""

    def __init__(self, ctx: UiContext, document_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Sửa văn bản đến", parent)
        self.document_id = document_id
        self.document = d = document_to_edit(ctx.session, document_id)
        number = QLabel(
            f"<b>Số đến {d.incoming_no}/{d.year}</b> (mã {d.id}) — số đến không sửa được; nếu"
            " vào sổ nhầm, hãy rút văn bản rồi vào sổ lại."
        )
        number.setWordWrap(True)
        self.sender_edit = QLineEdit(d.sender)
        self.sender_ref = QLineEdit(d.sender_ref)
        self.sender_date = DateEdit(d.sender_date)
        self.received_on = DateEdit(d.received_on)
        self.reply_by = DateEdit(d.reply_by)
        for date_edit in (self.sender_date, self.received_on, self.reply_by):
            date_edit.setMaximumWidth(150)
        self.summary = QLineEdit(d.summary)
        form = QFormLayout()
        form.addRow("&Cơ quan gửi:", self.sender_edit)
        form.addRow("&Số, ký hiệu:", self.sender_ref)
        form.addRow("Ngày &văn bản:", self.sender_date)
        form.addRow("Ngày đế&n:", self.received_on)
        form.addRow("&Hạn trả lời:", self.reply_by)
        form.addRow("&Trích yếu:", self.summary)
        layout = QVBoxLayout(self)
        layout.addWidget(number)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(640, self.sizeHint().height())
        self.sender_ref.setFocus()
        self.mark_clean()
        for date_edit in (self.received_on, self.reply_by):
            date_edit.dateChanged.connect(lambda _day: self._check_reply_by())

    def _check_reply_by(self) -> None:
        # Only a date typed now: one an import kept as the letter wrote it stays unremarked.
        initial = getattr(self, "_initial", None)
        assert isinstance(initial, tuple)
        received, reply_by = self.received_on.date(), self.reply_by.date()
        typed = self.reply_by.line.text() != initial[5]
        problem = reply_by_problem(received, reply_by) if typed and received and reply_by else None
        set_error(self.error, problem or "")

    def snapshot(self) -> object:
        """The values on screen (dates as typed)."""
        return (
            self.sender_edit.text(), self.sender_ref.text(), self.summary.text(),
            self.sender_date.line.text(), self.received_on.line.text(), self.reply_by.line.text(),
        )  # fmt: skip

    def edit(self) -> DocumentEdit:
        """What the clerk changed; raises DomainError for a date that is not a date."""
        initial = getattr(self, "_initial", None)
        assert isinstance(initial, tuple)
        now = self.snapshot()
        assert isinstance(now, tuple)
        texts = [b if a != b else None for a, b in zip(initial[:3], now[:3], strict=True)]
        dates = {}
        for name, before, after in zip(DATES, initial[3:], now[3:], strict=True):
            if before == after:
                continue
            value = getattr(self, name).date()
            if value is None:
                empty = not after.strip()
                problem = "không để trống được" if empty else "không hợp lệ (dd/mm/yyyy)"
                raise DomainError(f"{DATES[name]} {problem}.")
            dates[name] = value
        sender, sender_ref, summary = texts
        return DocumentEdit(sender=sender, sender_ref=sender_ref, summary=summary, **dates)

    def save(self) -> None:
        """Write the corrections, or say why not (asking first when the văn bản would then
        repeat one already in the register)."""
        set_error(self.error, "")
        try:
            edit = self.edit()
        except DomainError as exc:
            set_error(self.error, str(exc))
            return
        document_id = self.document_id

        def write_anyway(exc: DuplicateDocument) -> Op | None:
            if not ask.confirm(self, self.windowTitle(), exc.described + " Vẫn sửa như vậy?"):
                set_error(self.error, exc.described)
                return None
            return lambda session: corrections.edit_document(
                session, document_id, edit, allow_duplicate=True
            )

        self.write(
            lambda session: corrections.edit_document(session, document_id, edit),
            refusal=(DuplicateDocument, write_anyway),
        )


def open_edit_document(ctx: UiContext, parent: QWidget | None, document_id: int) -> bool:
    """Sửa văn bản đến; True when a correction was saved."""
    try:
        dialog = EditDocumentDialog(ctx, document_id, parent)
    except DomainError as exc:
        ask.error(parent, "Sửa văn bản đến", str(exc))
        return False
    return dialog.exec() == QDialog.DialogCode.Accepted
