"""Sửa kiến nghị (F2): correct a petition's origin, STT, field, summary or content.

Only the fields the clerk changed are sent, so a field another window corrected meanwhile is
not overwritten with what this dialog showed; the core records the old and new values.
"""

from __future__ import annotations

from desktop.core import corrections
from desktop.core.correction_reads import field_choices, petition_to_edit
from desktop.core.corrections import PetitionEdit
from desktop.core.errors import DomainError
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs.routing_common import GuardedDialog, petitions_heading, set_error
from desktop.ui.qt import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

NO_FIELD = "(chưa xếp lĩnh vực)"


class EditPetitionDialog(GuardedDialog):
    """Sửa kiến nghị: the petition's words and classification; the số đến stays."""

    def __init__(self, ctx: UiContext, petition_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Sửa kiến nghị", parent)
        self.petition_id = petition_id
        self.petition = p = petition_to_edit(ctx.session, petition_id)
        about = QLabel(f"Mã {p.id} — " + petitions_heading(ctx.session.store, [p.id]))
        about.setWordWrap(True)
        self.origin_edit = QLineEdit(p.origin)
        self.ordinal_edit = QLineEdit(p.ordinal or "")
        self.ordinal_edit.setMaximumWidth(80)
        self.field_box = QComboBox()
        self.field_box.addItem(NO_FIELD, "")
        for f in field_choices(ctx.session):
            self.field_box.addItem(f.name, f.code)
            if f.id == p.field_id:
                self.field_box.setCurrentIndex(self.field_box.count() - 1)
        self.summary_edit = QLineEdit(p.summary)
        self.content_edit = QPlainTextEdit(p.content)
        self.content_edit.setTabChangesFocus(True)
        self.content_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        form = QFormLayout()
        form.addRow("&Nơi kiến nghị:", self.origin_edit)
        form.addRow("&STT:", self.ordinal_edit)
        form.addRow("&Lĩnh vực:", self.field_box)
        form.addRow("&Tóm tắt:", self.summary_edit)
        form.addRow("Nội &dung:", self.content_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(720, self.sizeHint().height())
        self.content_edit.setFocus()
        self.mark_clean()

    def snapshot(self) -> object:
        """The values on screen."""
        return (
            self.origin_edit.text(),
            self.ordinal_edit.text(),
            self.field_box.currentData(),
            self.summary_edit.text(),
            self.content_edit.toPlainText(),
        )

    def edit(self) -> PetitionEdit:
        """What the clerk changed since the dialog opened (None for the rest)."""
        initial = getattr(self, "_initial", None)
        assert isinstance(initial, tuple)
        now = self.snapshot()
        assert isinstance(now, tuple)
        changed = [b if a != b else None for a, b in zip(initial, now, strict=True)]
        origin, ordinal, field, summary, content = changed
        return PetitionEdit(
            origin=origin, content=content, summary=summary, field=field, ordinal=ordinal
        )

    def save(self) -> None:
        """Write the corrections (one recorded event), or say why not."""
        set_error(self.error, "")
        try:
            corrections.edit_petition(self.ctx.session, self.petition_id, self.edit())
        except DomainError as exc:
            set_error(self.error, str(exc))
            return
        self.saved()


def open_edit_petition(ctx: UiContext, parent: QWidget | None, petition_id: int) -> bool:
    """Sửa kiến nghị; True when a correction was saved."""
    try:
        dialog = EditPetitionDialog(ctx, petition_id, parent)
    except DomainError as exc:  # withdrawn by another window since the list was shown
        ask.error(parent, "Sửa kiến nghị", str(exc))
        return False
    return dialog.exec() == QDialog.DialogCode.Accepted
