"""Sửa kiến nghị (F2): correct a petition's origin, STT, field, summary or content, and who raised
it (a body, or a person with an address) and through whom it came.

Only the fields the clerk changed are sent, so a field another window corrected meanwhile is
not overwritten with what this dialog showed; the core records the old and new values.
"""

from __future__ import annotations

from desktop.core import corrections
from desktop.core.correction_reads import field_choices, petition_to_edit
from desktop.core.corrections import PetitionEdit
from desktop.core.errors import DomainError
from desktop.core.party_edit import parties_to_edit
from desktop.core.register_form import PERSON_TITLES, person_origin
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs.routing_common import GuardedDialog, petitions_heading
from desktop.ui.qt import (
    QButtonGroup,
    QComboBox,
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

NO_FIELD = "(chưa xếp lĩnh vực)"
ORIGIN_LABEL = {"body": "&Nơi kiến nghị:", "person": "&Họ và tên:"}


class EditPetitionDialog(GuardedDialog):
    """Sửa kiến nghị: the petition's words and classification; the số đến stays."""

    def __init__(self, ctx: UiContext, petition_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Sửa kiến nghị", parent)
        self.petition_id = petition_id
        self.petition = p = petition_to_edit(ctx.session, petition_id)
        about = QLabel(f"Mã {p.id} — " + petitions_heading(ctx.session.store, [p.id]))
        about.setWordWrap(True)
        parties, self.sender = parties_to_edit(ctx.session, petition_id)
        self.body_radio = QRadioButton("Cơ &quan, địa phương")
        self.person_radio = QRadioButton("Cá nhân (&công dân)")
        kinds = QButtonGroup(self)
        kinds.addButton(self.body_radio)
        kinds.addButton(self.person_radio)
        (self.person_radio if parties.raised_by == "person" else self.body_radio).setChecked(True)
        raised_by = QHBoxLayout()
        raised_by.addWidget(self.body_radio)
        raised_by.addWidget(self.person_radio)
        raised_by.addStretch(1)
        self.address_edit = QLineEdit(parties.address, placeholderText="Địa chỉ để gửi trả lời")
        # What the letter uses: the body named, else the document's sender.
        self.forwarded_edit = QLineEdit(parties.forwarded_by or self.sender)
        self.forwarded_edit.setPlaceholderText(
            f"Như cơ quan gửi ({self.sender})" if self.sender else "Không qua cơ quan nào"
        )
        self.origin_label = QLabel()
        self.origin_edit = QLineEdit(p.origin)
        self.title_box = QComboBox()  # Ông/Bà, as vào sổ asks for a person
        self.title_box.addItems(list(PERSON_TITLES))
        origin_row = QHBoxLayout()
        origin_row.addWidget(self.title_box)
        origin_row.addWidget(self.origin_edit, 1)
        self._person_shown = False
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
        form.addRow("Người kiến nghị:", raised_by)
        form.addRow(self.origin_label, origin_row)
        form.addRow("Đị&a chỉ:", self.address_edit)
        form.addRow("Cơ quan ch&uyển đến:", self.forwarded_edit)
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
        self.origin_label.setBuddy(self.origin_edit)
        chain = (self.body_radio, self.person_radio, self.title_box, self.origin_edit,
                 self.address_edit, self.forwarded_edit, self.ordinal_edit)  # fmt: skip
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.person_radio.toggled.connect(lambda _on: self._kind_changed())
        self._kind_changed()
        self.content_edit.setFocus()
        self.mark_clean()

    def raised_by(self) -> str:
        """The kind of petitioner: "person" for a citizen, else "body"."""
        return "person" if self.person_radio.isChecked() else "body"

    def origin(self) -> str:
        """The origin as it would be registered: a person's name after the title chosen."""
        text = self.origin_edit.text()
        return person_origin(self.title_box.currentText(), text) if self._person_shown else text

    def _kind_changed(self) -> None:
        # A body is answered by its name, so only a person's address is asked for; a person's
        # title stands in its own box, as in vào sổ, and goes back into the name for a body.
        person = self.raised_by() == "person"
        if person and not self._person_shown:
            name = self.origin_edit.text().strip()
            for title in PERSON_TITLES:
                if name.casefold().startswith(f"{title.casefold()} "):
                    self.title_box.setCurrentText(title)
                    self.origin_edit.setText(name[len(title) :].strip())
        elif not person and self._person_shown:
            self.origin_edit.setText(self.origin())
        self._person_shown = person
        self.title_box.setVisible(person)
        self.origin_label.setText(ORIGIN_LABEL[self.raised_by()])
        self.origin_edit.setPlaceholderText("Trần Văn Bình" if person else "Tỉnh, cơ quan…")
        self.address_edit.setEnabled(person)

    def snapshot(self) -> object:
        """The values on screen."""
        return (
            self.origin(),
            self.ordinal_edit.text(),
            self.field_box.currentData(),
            self.summary_edit.text(),
            self.content_edit.toPlainText(),
            self.raised_by(),
            self.address_edit.text() if self.raised_by() == "person" else "",
            self.forwarded_edit.text(),
        )

    def edit(self) -> PetitionEdit:
        """What the clerk changed since the dialog opened (None for the rest)."""
        initial = getattr(self, "_initial", None)
        assert isinstance(initial, tuple)
        now = self.snapshot()
        assert isinstance(now, tuple)
        changed = [b if a != b else None for a, b in zip(initial, now, strict=True)]
        origin, ordinal, field, summary, content, raised_by, address, forwarded_by = changed
        return PetitionEdit(
            origin=origin, content=content, summary=summary, field=field, ordinal=ordinal,
            raised_by=raised_by, address=address, forwarded_by=forwarded_by,
        )  # fmt: skip

    def save(self) -> None:
        """Write the corrections (one recorded event), or say why not."""
        petition_id, edit = self.petition_id, self.edit()
        self.write(lambda session: corrections.edit_petition(session, petition_id, edit))


def open_edit_petition(ctx: UiContext, parent: QWidget | None, petition_id: int) -> bool:
    """Sửa kiến nghị; True when a correction was saved."""
    try:
        dialog = EditPetitionDialog(ctx, petition_id, parent)
    except DomainError as exc:  # withdrawn by another window since the list was shown
        ask.error(parent, "Sửa kiến nghị", str(exc))
        return False
    return dialog.exec() == QDialog.DialogCode.Accepted
