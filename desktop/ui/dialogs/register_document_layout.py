"""The widgets of Vào sổ văn bản đến and where they stand, in the paper form's order (what they
do is desktop/ui/dialogs/register_document.py's)."""

from __future__ import annotations

from pathlib import Path

from desktop.core import reference as ref
from desktop.core import register_form as form
from desktop.ui.context import UiContext
from desktop.ui.qt import (
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRegularExpression,
    QRegularExpressionValidator,
    QStringListModel,
    Qt,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.widgets.attachment_list import AttachmentList
from desktop.ui.widgets.date_edit import DateEdit
from desktop.ui.widgets.duplicate_warning import DuplicateWarning
from desktop.ui.widgets.form_helpers import (
    HINT_STYLE,
    chain_tab_order,
    complete_from,
    message_label,
)
from desktop.ui.widgets.party_box import LocalityNotice, PartyBox
from desktop.ui.widgets.petition_grid import PetitionSection


class DocumentFormLayout:
    """Builds the register dialog's widgets and lays them out (a mixin of the QDialog, which
    gives `ctx` and `pick_files`)."""

    ctx: UiContext

    def pick_files(self) -> list[Path]:
        """Ask for scanned files (the dialog's own)."""
        raise NotImplementedError

    # -- building -------------------------------------------------------------------------------
    def _build_fields(self) -> None:
        self.received_on = DateEdit(self.ctx.session.today())
        self.number = QLineEdit()
        self.number.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,7}")))
        self.number.setMaximumWidth(110)
        self.number_hint = QLabel()
        self.number_hint.setStyleSheet(HINT_STYLE)
        self.sender_edit = QLineEdit(placeholderText="Cơ quan, tổ chức, cá nhân gửi văn bản")
        self.sender_model = QStringListModel(self)
        complete_from(self.sender_edit, self.sender_model)
        self.sender_ref = QLineEdit(placeholderText="Ví dụ: 5606/VPCP-QHĐP")
        self.sender_date = DateEdit()
        self.summary = QLineEdit(placeholderText="V/v …")
        self.reply_by = DateEdit()
        self.due_hint = QLabel()
        self.due_hint.setStyleSheet(HINT_STYLE)
        self.files = AttachmentList(lambda: self.pick_files())
        for date_edit in (self.received_on, self.sender_date, self.reply_by):
            date_edit.setMaximumWidth(150)
        self.errors = {
            key: message_label()
            for key in (form.RECEIVED_ON, form.INCOMING_NO, form.SENDER, form.SENDER_DATE,
                        form.REPLY_BY, "save")
        }  # fmt: skip

    def _build_grid(self) -> None:
        fields = [(f.code, f.name) for f in ref.fields(self.ctx.session.store)]
        self.petitions = PetitionSection(fields)
        self.grid = self.petitions.grid
        self.add_row_button = self.petitions.add_button
        self.remove_row_button = self.petitions.remove_button
        self.parties = PartyBox(self.grid)
        self.locality_notice = LocalityNotice()
        self.duplicates = DuplicateWarning(
            self.ctx,
            lambda: [(d.origin, d.content) for d in self.grid.drafts()],
            self.received_on.date,
        )

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            "Vào sổ (Enter)", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(
            "Hủy (Esc)", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_button.setDefault(True)

    def _build_layout(self) -> None:
        g = QGridLayout()
        g.setColumnStretch(1, 1)
        g.setColumnStretch(3, 1)
        e = self.errors
        number_box = QHBoxLayout()
        number_box.addWidget(self.number)
        number_box.addWidget(self.number_hint, 1)

        def put(row: int, col: int, label: str, field: QWidget | QHBoxLayout, span: int = 1,
                error: str | None = None) -> None:  # fmt: skip
            g.addWidget(QLabel(label), row, col)
            if isinstance(field, QWidget):
                g.addWidget(field, row, col + 1, 1, span)
            else:
                g.addLayout(field, row, col + 1, 1, span)
            if error:
                g.addWidget(e[error], row + 1, col + 1, 1, span)

        # The paper form's order: the "ĐẾN" stamp, then the letter's own heading and dates.
        put(0, 0, "Ngày đến:", self.received_on, error=form.RECEIVED_ON)
        put(0, 2, "Số đến:", number_box, error=form.INCOMING_NO)
        put(2, 0, "Cơ quan gửi:", self.sender_edit, span=3, error=form.SENDER)
        put(4, 0, "Số, ký hiệu:", self.sender_ref)
        put(4, 2, "Ngày văn bản:", self.sender_date, error=form.SENDER_DATE)
        put(6, 0, "Trích yếu:", self.summary, span=3)
        due_box = QHBoxLayout()
        due_box.addWidget(self.reply_by)
        due_box.addWidget(self.due_hint, 1)
        put(8, 0, "Hạn trả lời:", due_box, span=3, error=form.REPLY_BY)
        g.addWidget(QLabel("Tệp đính kèm:"), 10, 0, Qt.AlignmentFlag.AlignTop)
        g.addWidget(self.files, 10, 1, 1, 3)

        layout = QVBoxLayout(self)
        layout.addLayout(g)
        layout.addWidget(self.parties)
        layout.addWidget(self.petitions, 1)
        layout.addWidget(self.locality_notice)
        layout.addWidget(self.duplicates)
        layout.addWidget(e["save"])
        layout.addWidget(self.buttons)

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.received_on.line, self.number, self.sender_edit, self.sender_ref,
            self.sender_date.line, self.summary, self.reply_by.line, self.files.list,
            self.files.add_button, self.files.remove_button, *self.parties.focus_chain(),
            *self.grid.focus_chain(),
            self.add_row_button, self.remove_row_button, self.save_button, self.cancel_button,
        ]  # fmt: skip
        chain_tab_order(chain)
