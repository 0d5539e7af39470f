"""Vào sổ văn bản đến: the incoming document as on its paper form, and a grid of its petitions."""

from __future__ import annotations

from pathlib import Path

from desktop.core import documents as docs
from desktop.core import reference as ref
from desktop.core import register_form as form
from desktop.core import registry
from desktop.core.dates import format_date
from desktop.core.register_form import DocumentDraft
from desktop.core.registry import DocumentInput, DuplicateDocument, Registered
from desktop.core.types import Locality, Store
from desktop.ui import ask
from desktop.ui.attachment_reading import read_attachments
from desktop.ui.context import UiContext
from desktop.ui.dialogs.duplicate_ask import register_anyway
from desktop.ui.dialogs.register_document_layout import DocumentFormLayout
from desktop.ui.qt import (
    QDialog,
    QFileDialog,
    QKeySequence,
    QShortcut,
    QWidget,
    Signal,
)
from desktop.ui.widgets import signature_note
from desktop.ui.widgets.date_edit import INVALID_STYLE
from desktop.ui.widgets.form_helpers import show_message
from desktop.ui.write_guard import Op, WritesOffThread

FILE_FILTER = "Văn bản quét (*.pdf *.docx *.png *.jpg *.jpeg *.tif *.tiff)"


class RegisterDocumentDialog(DocumentFormLayout, WritesOffThread, QDialog):
    """Vào sổ một văn bản đến with its petitions; Enter saves, Esc asks before discarding."""

    registered = Signal(object)  # Registered, once the write is committed

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_registered: Registered | None = None
        self._own_number = False
        self.completions_ready = False
        self.closed = False
        self._tried = False
        self.setWindowTitle("Vào sổ văn bản đến")
        self.resize(980, 760)
        self._build_fields()
        self._build_grid()
        self._build_buttons()
        self._build_layout()
        self._fix_tab_order()
        self._connect()
        self._suggest_number()
        self._update_due_hint()
        self._load_completions()
        self.received_on.setFocus()

    def _connect(self) -> None:
        self.received_on.dateChanged.connect(lambda _d: self._received_changed())
        self.number.textEdited.connect(self._number_edited)
        self.number.textChanged.connect(lambda _t: self._validate())
        for date_edit in (self.sender_date, self.reply_by):
            date_edit.dateChanged.connect(lambda _d: self._validate())
        self.reply_by.dateChanged.connect(lambda _d: self._update_due_hint())
        self.sender_edit.textChanged.connect(lambda _t: self._validate() if self._tried else None)
        self.sender_edit.textChanged.connect(self.parties.set_sender)
        self.grid.edited.connect(self._update_notice)
        self.parties.person_radio.toggled.connect(lambda _on: self._update_notice())
        self.grid.rowsChanged.connect(self._fix_tab_order)
        self.grid.edited.connect(self._grid_edited)
        self.grid.edited.connect(self.duplicates.schedule)
        self.received_on.dateChanged.connect(lambda _d: self.duplicates.schedule())
        self.buttons.accepted.connect(self._save_asked)
        self.buttons.rejected.connect(self.reject)
        shortcuts = (
            (QKeySequence.StandardKey.Save, self._save_asked),
            (QKeySequence("Ctrl+Return"), self.grid.add_row_and_focus),
            (QKeySequence("Ctrl+Enter"), self.grid.add_row_and_focus),
            (QKeySequence("Ctrl+Delete"), self.grid.remove_current_row),
        )
        for key, slot in shortcuts:
            QShortcut(key, self, slot)
        self.ctx.bus.changed.connect(self._data_changed)

    def _load_completions(self) -> None:
        def load(store: Store) -> tuple[list[str], list[str], list[Locality]]:
            senders, origins = docs.known_senders(store, limit=1000), docs.known_origins(store)
            return senders, origins, ref.localities(store)

        self.ctx.runner.run_query(load, self._completions_loaded)

    def _completions_loaded(self, result: tuple[list[str], list[str], list[Locality]]) -> None:
        if self.closed or not self.isVisible():
            return  # the dialog may already be deleted, its database closed
        senders, origins, self.locality_notice.places = result
        self._update_notice()
        self._earlier_origins = origins
        self.sender_model.setStringList(senders)
        self._update_origin_names()
        self.completions_ready = True

    def _update_origin_names(self) -> None:
        day = self.received_on.date() or self.ctx.session.today()
        names = [loc.name for loc in ref.localities(self.ctx.session.store, valid_on=day)]
        seen = set(names)
        earlier = [o for o in getattr(self, "_earlier_origins", []) if o not in seen]
        self.grid.set_origin_names(names + earlier)

    # -- số đến and dates -----------------------------------------------------------------------
    def year(self) -> int:
        """The year of Ngày đến (today's while the date is incomplete)."""
        return (self.received_on.date() or self.ctx.session.today()).year

    def _suggest_number(self) -> None:
        if self._own_number:
            return
        number = docs.next_incoming_no(self.ctx.session.store, self.year())
        self.number.setText(str(number))
        self.number_hint.setText(f"số trống tiếp theo của năm {self.year()}")

    def _number_edited(self, text: str) -> None:
        self._own_number = bool(text.strip())
        self.number_hint.setText("" if self._own_number else "để trống: lấy số tiếp theo")

    def _update_notice(self) -> None:
        drafts = self.parties.applied(self.grid.drafts())
        self.locality_notice.update_for(self.received_on.date(), drafts)

    def _received_changed(self) -> None:
        self._update_notice()
        self._suggest_number()
        self._update_due_hint()
        self._update_origin_names()
        self._validate()

    def _data_changed(self) -> None:
        self._suggest_number()
        self._validate()

    def _update_due_hint(self) -> None:
        received, reply_by = self.received_on.date(), self.reply_by.date()
        if reply_by is not None or received is None:
            self.due_hint.setText("")
            return
        due = registry.default_due(self.ctx.session, received, None)
        days = self.ctx.session.deadline_days
        self.due_hint.setText(
            f"Để trống: hạn {format_date(due)} ({days} ngày làm việc từ ngày đến)"
        )

    # -- attachments ----------------------------------------------------------------------------
    def pick_files(self) -> list[Path]:
        """Ask for scanned files (tests patch this)."""
        names, _ = QFileDialog.getOpenFileNames(self, "Chọn tệp đính kèm", "", FILE_FILTER)
        return [Path(n) for n in names]

    # -- validation and saving ------------------------------------------------------------------
    def _number_value(self) -> int | None:
        text = self.number.text().strip()
        return int(text) if text else None

    def draft(self) -> DocumentDraft:
        """The document part of the form as typed."""
        return DocumentDraft(
            received_on=self.received_on.date(),
            incoming_no=self._number_value(),
            sender=self.sender_edit.text(),
            sender_date=self.sender_date.date(),
            reply_by=self.reply_by.date(),
        )

    def _validate(self) -> dict[str, str]:
        problems = form.document_problems(
            self.ctx.session, self.draft(), own_number=self._own_number, require=self._tried
        )
        names = {form.RECEIVED_ON: "Ngày đến", form.SENDER_DATE: "Ngày văn bản",
                 form.REPLY_BY: "Hạn trả lời"}  # fmt: skip
        for key, date_edit in (
            (form.RECEIVED_ON, self.received_on),
            (form.SENDER_DATE, self.sender_date),
            (form.REPLY_BY, self.reply_by),
        ):
            if not date_edit.is_valid():
                problems[key] = (
                    f"{names[key]} «{date_edit.line.text()}» không hợp lệ: nhập dd/mm/yyyy,"
                    " ví dụ 05/11/2026."
                )
        for key in (form.RECEIVED_ON, form.INCOMING_NO, form.SENDER, form.SENDER_DATE,
                    form.REPLY_BY):  # fmt: skip
            show_message(self.errors[key], problems.get(key, ""))
        self.sender_edit.setStyleSheet(INVALID_STYLE if form.SENDER in problems else "")
        return problems

    def _grid_edited(self) -> None:
        if self._tried:
            self._validate_petitions()

    def _validate_petitions(self) -> dict[int, str]:
        drafts = self.parties.applied(self.grid.drafts())
        problems = form.petition_problems(self.ctx.session, drafts)
        self.petitions.show_problems(problems)
        return problems

    def write_buttons(self) -> list[QWidget]:
        """Vào sổ, disabled while the register is written."""
        return [self.save_button]

    def show_refusal(self, message: str) -> None:
        """The registry's refusal, above the buttons."""
        show_message(self.errors["save"], message)

    def _save_asked(self) -> None:
        if not self.writing:  # Enter again while Vào sổ is on its way: nothing more
            self.save()

    def save(self) -> None:
        """Vào sổ: check every field, then register the document and its petitions at once
        (off the UI thread; Vào sổ is disabled until the register answers)."""
        self._tried = True
        show_message(self.errors["save"], "")
        problems = self._validate()
        row_problems = self._validate_petitions()
        if problems:
            self._focus_problem(problems)
            return
        if row_problems:
            self.grid.focus_row(min(row_problems))
            return
        petitions = self.grid.filled()
        if not petitions and not ask.confirm(
            self, "Vào sổ", "Văn bản chưa có kiến nghị nào. Vẫn vào sổ văn bản này?"
        ):
            self.grid.focus_row(0)
            return
        received = self.received_on.date()
        assert received is not None  # checked above
        doc = DocumentInput(
            received_on=received,
            sender=self.sender_edit.text(),
            sender_ref=self.sender_ref.text(),
            sender_date=self.sender_date.date(),
            summary=self.summary.text(),
            reply_by=self.reply_by.date(),
            # A suggested number is taken afresh inside the write, so two windows never clash.
            incoming_no=self._number_value() if self._own_number else None,
        )
        petitions = self.parties.applied(petitions)
        inputs = [p.to_input(i + 1) for i, p in enumerate(petitions)]
        files = list(self.files.paths)

        def register_anyway_then(exc: DuplicateDocument) -> Op | None:
            if not register_anyway(self, exc.existing):
                show_message(self.errors["save"], exc.described)
                return None
            return lambda session: registry.register_document(
                session, doc, inputs, files, allow_duplicate=True
            )

        self.write_off_thread(
            lambda session: registry.register_document(session, doc, inputs, files),
            self._registered,
            refusal=(DuplicateDocument, register_anyway_then),
        )

    def _registered(self, done: Registered) -> None:
        self.result_registered = done
        if self.files.paths:  # their text for search, read off the UI thread (OCR is slow)
            read_attachments(self.ctx, done.document_id)
            signature_note.report_registered(self.ctx, self.parent(), done.document_id)
        self.registered.emit(done)  # the screens refresh on the runner's bus.changed
        self.accept()

    def _focus_problem(self, problems: dict[str, str]) -> None:
        targets = {form.RECEIVED_ON: self.received_on.line, form.INCOMING_NO: self.number,
                   form.SENDER: self.sender_edit, form.SENDER_DATE: self.sender_date.line,
                   form.REPLY_BY: self.reply_by.line}  # fmt: skip
        first = next(key for key in targets if key in problems)
        targets[first].setFocus()

    # -- leaving --------------------------------------------------------------------------------
    def has_typed_data(self) -> bool:
        """Whether closing would lose something the clerk typed."""
        typed = (self.sender_edit, self.sender_ref, self.summary, self.sender_date.line,
                 self.reply_by.line)  # fmt: skip
        return (
            any(w.text().strip() for w in typed)
            or self._own_number
            or self.received_on.date() != self.ctx.session.today()
            or bool(self.files.paths)
            or self.grid.has_typed_data()
            or self.parties.has_typed_data()
        )

    def done(self, result: int) -> None:
        """Close; completions that arrive later are ignored."""
        self.closed = True
        super().done(result)

    def reject(self) -> None:
        """Esc / Hủy: ask first when something was typed."""
        if self.writing:
            return  # the write may be committed already: its answer closes the dialog
        if (
            self.result_registered is None
            and self.has_typed_data()
            and not ask.confirm(self, "Hủy vào sổ", "Bỏ những gì đã nhập cho văn bản này?")
        ):
            return
        super().reject()
