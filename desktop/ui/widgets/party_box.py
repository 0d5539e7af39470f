"""Người kiến nghị and cơ quan chuyển đến in the vào sổ dialog; the notice of a merged locality.

A document's petitions are raised by the bodies written in the grid's Nơi kiến nghị column, or
by one person (a citizen's đơn: Ông/Bà, name, address), whose name then fills that column. The
forwarding body follows the sender as it is typed until the clerk writes another one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from desktop.core import register_form as form
from desktop.core.register_form import PetitionDraft
from desktop.core.types import Locality
from desktop.ui.qt import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)
from desktop.ui.widgets.form_helpers import show_message
from desktop.ui.widgets.petition_grid import PetitionGrid

NOTICE_STYLE = "background: #fff4ce; color: #5c4400; padding: 4px; border: 1px solid #e0c060;"


class PartyBox(QGroupBox):
    """Who raised the petitions (a body, or a person with an address) and who forwarded them."""

    def __init__(self, grid: PetitionGrid, parent: QWidget | None = None) -> None:
        super().__init__("Người kiến nghị", parent)
        self.grid = grid
        self.body_radio = QRadioButton("&Cơ quan, địa phương (ghi ở cột Nơi kiến nghị)")
        self.person_radio = QRadioButton("Cá &nhân (công dân)")
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.body_radio)
        self.kind_group.addButton(self.person_radio)
        self.body_radio.setChecked(True)
        self.title = QComboBox()
        self.title.addItems(list(form.PERSON_TITLES))
        self.name = QLineEdit(placeholderText="Họ và tên, ví dụ: Trần Văn Bình")
        self.address = QLineEdit(placeholderText="Địa chỉ để gửi trả lời")
        self.forwarded = QLineEdit(placeholderText="Như cơ quan gửi")
        self._sender = ""
        self._own_forwarder = False
        kinds = QHBoxLayout()
        kinds.addWidget(self.body_radio)
        kinds.addWidget(self.person_radio)
        kinds.addStretch(1)
        g = QGridLayout(self)
        g.addLayout(kinds, 0, 0, 1, 4)
        g.addWidget(QLabel("Ông/Bà:"), 1, 0)
        person = QHBoxLayout()
        person.addWidget(self.title)
        person.addWidget(self.name, 1)
        g.addLayout(person, 1, 1)
        g.addWidget(QLabel("Địa chỉ:"), 1, 2)
        g.addWidget(self.address, 1, 3)
        g.addWidget(QLabel("Cơ quan chuyển đến:"), 2, 0)
        g.addWidget(self.forwarded, 2, 1, 1, 3)
        g.setColumnStretch(1, 1)
        g.setColumnStretch(3, 1)
        self.person_radio.toggled.connect(lambda _on: self._kind_changed())
        self.title.currentIndexChanged.connect(lambda _i: self.sync_grid())
        self.name.textChanged.connect(lambda _t: self.sync_grid())
        self.forwarded.textEdited.connect(self._forwarder_edited)
        grid.rowsChanged.connect(self.sync_grid)
        self._kind_changed()

    def focus_chain(self) -> list[QWidget]:
        """The editors in tab order."""
        return [self.body_radio, self.person_radio, self.title, self.name, self.address,
                self.forwarded]  # fmt: skip

    def is_person(self) -> bool:
        """Whether a person (công dân) raised the petitions."""
        return self.person_radio.isChecked()

    def person_origin(self) -> str:
        """`Ông Trần Văn Bình`, as the register shows the person."""
        return form.person_origin(self.title.currentText(), self.name.text())

    def set_sender(self, sender: str) -> None:
        """The document's sender changed: the forwarding body follows unless typed."""
        self._sender = sender
        if not self._own_forwarder:
            self.forwarded.setText(sender)

    def _forwarder_edited(self, text: str) -> None:
        self._own_forwarder = bool(text.strip())

    def _kind_changed(self) -> None:
        person = self.is_person()
        for w in (self.title, self.name, self.address):
            w.setEnabled(person)
        self.sync_grid()

    def sync_grid(self) -> None:
        """A person's name stands (greyed) in every row's Nơi kiến nghị, which is then locked;
        the rows stay empty so the grid's empty last row stays empty."""
        person = self.is_person()
        for row in self.grid.rows:
            if person:
                row.origin.clear()
            row.origin.setReadOnly(person)
            row.origin.setPlaceholderText(self.person_origin() if person else "Tỉnh, cơ quan…")

    def applied(self, drafts: Sequence[PetitionDraft]) -> list[PetitionDraft]:
        """The grid's rows with the parties typed here (a person's name as each typed row's
        origin; blank rows stay blank, so indexes match the grid)."""
        person = self.is_person()
        forwarded_by = form.forwarded_by(self._sender, self.forwarded.text())
        return [
            dataclasses.replace(
                d,
                origin=self.person_origin() if person and d.content.strip() else d.origin,
                raised_by="person" if person else "body",
                address=self.address.text() if person else "",
                forwarded_by=forwarded_by,
            )
            for d in drafts
        ]

    def has_typed_data(self) -> bool:
        """Whether closing would lose something typed here."""
        return self.is_person() or self._own_forwarder or bool(self.address.text().strip())


class LocalityNotice(QLabel):
    """The yellow notice of a locality that no longer existed on the received date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.places: list[Locality] | None = None  # read off the UI thread by the dialog
        self.setStyleSheet(NOTICE_STYLE)
        self.setWordWrap(True)
        self.hide()

    def update_for(self, received_on: dt.date | None, drafts: Sequence[PetitionDraft]) -> None:
        """Say what became of the localities typed (nothing until the localities are read)."""
        notices = form.locality_notices(self.places, received_on, drafts) if self.places else []
        show_message(self, "\n".join(f"⚠ {n}" for n in notices))
