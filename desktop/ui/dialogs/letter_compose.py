"""Soạn công văn trả lời: edit the wording, watch page 1 of the PDF, save, print and issue.

Closing (Esc, Đóng, the window's ×) asks first when something was edited since the last save.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from desktop.core.dates import format_date, format_time
from desktop.core.errors import DomainError
from desktop.core.letters import register
from desktop.core.letters.file_names import incoming_numbers
from desktop.core.letters.kinds import ANSWER_PLACEHOLDER, latest_answer, reply_letter
from desktop.core.letters.model import Letter, with_drafting_unit
from desktop.core.text import clean
from desktop.ui import ask, rights
from desktop.ui.context import UiContext
from desktop.ui.dialogs import letter_common as common
from desktop.ui.dialogs import sign_letter
from desktop.ui.dialogs.letter_files import LetterFiles
from desktop.ui.dialogs.routing_common import DirtyTracking
from desktop.ui.qt import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QShortcut,
    QSplitter,
    Qt,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.widgets.answer_fill import put_answer_in_letter
from desktop.ui.widgets.similar_panel import SimilarPanel

PREVIEW_DELAY_MS = 400  # typing pauses shorter than this do not re-render the page
CLOSE_QUESTION = "Đóng mà không lưu? Những gì đã sửa sẽ mất."
FORM_MIN_WIDTH = 460  # pixels: the fields stay readable on an 800-pixel-wide screen


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(c for c in (clean(x).strip() for x in edit.toPlainText().split("\n")) if c)


class LetterDialog(DirtyTracking, LetterFiles, QDialog):
    """The reply letter to petitions: its wording on the left, page 1 as printed on the right.

    Opened on petitions it finds their letter (issued, else the draft) or words a new one;
    opened on a saved draft of the outgoing register (`saved`) it edits that draft."""

    preview_ready = Signal(int)  # page count of the newest rendered preview

    def __init__(
        self,
        ctx: UiContext,
        petition_ids: list[int],
        parent: QWidget | None = None,
        *,
        saved: register.SavedLetter | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.petition_ids = list(saved.letter.petition_ids if saved else petition_ids)
        self.letter_id: int | None = saved.id if saved else None
        self.kind = saved.kind if saved else register.KIND_REPLY
        self.base = saved.letter if saved else self._initial()
        self.incoming_nos = (
            list(saved.incoming_nos) if saved else incoming_numbers(ctx.session, self.petition_ids)
        )
        self.setWindowTitle(
            "Soạn công văn trả lời kiến nghị" if self.kind == register.KIND_REPLY
            else "Sửa dự thảo công văn"
        )  # fmt: skip

        self.number_label = QLabel()
        self.subject_edit = QLineEdit()
        self.recipients_edit = QPlainTextEdit()
        self.body_edit = QPlainTextEdit()
        self.authority_edit = QLineEdit()
        self.title_edit = QLineEdit()
        self.name_edit = QLineEdit()
        self.copies_edit = QPlainTextEdit()
        self.unit_edit = QLineEdit()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        line = self.fontMetrics().lineSpacing()
        self.recipients_edit.setFixedHeight(line * 3 + 12)
        self.copies_edit.setFixedHeight(line * 4 + 12)
        self.body_edit.setMinimumHeight(line * 10 + 12)
        for edit in (self.recipients_edit, self.body_edit, self.copies_edit):
            edit.setTabChangesFocus(True)

        form = QFormLayout()
        form.addRow("", self.number_label)
        form.addRow("&Trích yếu (V/v):", self.subject_edit)
        form.addRow("&Kính gửi (mỗi dòng một nơi):", self.recipients_edit)
        form.addRow("&Nội dung (mỗi dòng một đoạn):", self.body_edit)
        form.addRow("&Quyền hạn ký:", self.authority_edit)
        form.addRow("&Chức vụ người ký:", self.title_edit)
        form.addRow("&Họ tên người ký:", self.name_edit)
        form.addRow("Nơi nhận (mỗi &dòng một nơi):", self.copies_edit)
        form.addRow("Mã đơn vị &soạn thảo:", self.unit_edit)
        for field in self._fields():
            buddy = form.labelForField(field)
            if isinstance(buddy, QLabel):
                buddy.setBuddy(field)

        self.save_button = QPushButton("Lưu &nháp")
        self.docx_button = QPushButton("Lưu DOCX…")
        self.pdf_button = QPushButton("Lưu PDF…")
        self.print_button = QPushButton("&In…")
        self.issue_button = QPushButton("&Ban hành")
        close_button = QPushButton("Đóng")
        close_button.setToolTip("Esc")
        self.note = common.SavedNote()
        self.save_button.clicked.connect(self.save_draft)
        self.docx_button.clicked.connect(self.save_docx)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_letter)
        self.issue_button.clicked.connect(self.issue)
        close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_draft)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_letter)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.docx_button, self.pdf_button, self.print_button):
            buttons.addWidget(button)
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.issue_button)
        buttons.addWidget(close_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(form)
        left_layout.addWidget(self.error)
        self.page = common.PagePreview(ctx)
        self.page.ready.connect(self.preview_ready)
        self.preview = self.page.label
        # Earlier answers to the same request, beside the page: one click puts one in the body.
        self.similar = SimilarPanel(ctx, title="")
        self.similar.use_answer.connect(self.use_answer)
        self.similar.loaded.connect(self._similar_loaded)
        self._answers_put: list[str] = []
        self.side = QTabWidget()
        self.side.addTab(self.page, "Trang in")
        if self.kind == register.KIND_REPLY:
            self.side.addTab(self.similar, "Kiến nghị tương tự")
        else:  # a chase letter answers nothing: no earlier answers to offer
            self.similar.setParent(self)
            self.similar.hide()
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self._fill(self.base)
        if self.letter_id is None:
            self._preselect_signer()
        self.mark_clean()
        for field in self._fields():
            field.textChanged.connect(self._timer.start)
        common.fit_to_screen(self, 1280, 860)
        # The words first: on a small screen the page pane gives way, never the form.
        left.setMinimumWidth(FORM_MIN_WIDTH)
        page_width = common.PREVIEW_WIDTH + 40
        splitter.setSizes([max(FORM_MIN_WIDTH, self.width() - page_width), page_width])
        self.refresh_preview()
        if self.kind == register.KIND_REPLY:
            self.similar.show_similar_to(self.petition_ids)
        self.unit_edit.editingFinished.connect(self._unit_changed)

    @property
    def preview_pages(self) -> int:
        """Pages of the newest rendered preview."""
        return self.page.pages

    def snapshot(self) -> object:
        """The words in every field: what closing without saving would lose."""
        return tuple(field.text() if isinstance(field, QLineEdit) else field.toPlainText()
                     for field in self._fields())  # fmt: skip

    def reject(self) -> None:
        """Esc, Đóng or the window's ×: ask first when edits are not saved."""
        if self.is_dirty() and not ask.confirm(self, self.windowTitle(), CLOSE_QUESTION):
            return
        super().reject()

    def _preselect_signer(self) -> None:
        # The signer this user chose last time, over the setting's default.
        remembered = common.remembered_signer(self.ctx.session)
        if remembered is not None:
            for edit, text in zip(
                (self.authority_edit, self.title_edit, self.name_edit), remembered, strict=True
            ):
                edit.setText(text)

    def _remember_signer(self) -> None:
        letter = self.letter()
        common.remember_signer(
            self.ctx.session, letter.signer_authority, letter.signer_title, letter.signer_name
        )

    def _fields(self) -> tuple[QLineEdit | QPlainTextEdit, ...]:
        return (
            self.subject_edit,
            self.recipients_edit,
            self.body_edit,
            self.authority_edit,
            self.title_edit,
            self.name_edit,
            self.copies_edit,
            self.unit_edit,
        )

    def _unit_changed(self) -> None:
        # "Lưu: VT, <unit>" follows the drafting unit in the field the clerk sees, too.
        copies = "\n".join(self.letter().copies)
        if copies != self.copies_edit.toPlainText():
            self.copies_edit.setPlainText(copies)

    # -- the letter -------------------------------------------------------------------------
    def _initial(self) -> Letter:
        session = self.ctx.session
        found = register.reply_letter_of(session, self.petition_ids, issued=True)
        found = found or register.reply_letter_of(session, self.petition_ids, issued=False)
        if found is not None:
            self.letter_id = found.id
            return register.load_letter(session, found.id)
        return reply_letter(session, self.petition_ids)

    def _fill(self, letter: Letter) -> None:
        self.subject_edit.setText(letter.subject)
        self.recipients_edit.setPlainText("\n".join(letter.recipients))
        self.body_edit.setPlainText("\n".join(letter.body))
        self.authority_edit.setText(letter.signer_authority)
        self.title_edit.setText(letter.signer_title)
        self.name_edit.setText(letter.signer_name)
        self.copies_edit.setPlainText("\n".join(letter.copies))
        self.unit_edit.setText(letter.symbol.partition("-")[2])
        self._show_state(letter)

    def _show_state(self, letter: Letter) -> None:
        issued = letter.number is not None
        when = f" ngày {format_date(letter.issued_on)}" if letter.issued_on else ""
        state = f"<b>{letter.number_text}</b>{when} — đã ban hành" if issued else "Dự thảo"
        self.number_label.setText(state)
        for field in self._fields():
            field.setReadOnly(issued)
        self.save_button.setEnabled(not issued)
        self.issue_button.setEnabled(not issued)
        self.similar.set_use_allowed(not issued)
        rights.restrict([self.issue_button], self.ctx.session, "issue_letter")  # an officer drafts

    def letter(self) -> Letter:
        """The letter as the fields now word it."""
        if self.base.number is not None:
            return self.base  # an issued letter stays as it was signed
        unit = clean(self.unit_edit.text()).strip() or self.base.symbol.partition("-")[2]
        worded = dataclasses.replace(
            self.base,
            subject=clean(self.subject_edit.text()).strip(),
            recipients=_lines(self.recipients_edit),
            body=_lines(self.body_edit),
            signer_authority=clean(self.authority_edit.text()).strip(),
            signer_title=clean(self.title_edit.text()).strip(),
            signer_name=clean(self.name_edit.text()).strip(),
            copies=_lines(self.copies_edit),
        )
        return with_drafting_unit(worded, unit)

    # -- earlier answers --------------------------------------------------------------------
    def _similar_loaded(self, count: int) -> None:
        self.side.setTabText(1, f"Kiến nghị tương tự ({count})" if count else "Kiến nghị tương tự")

    def use_answer(self, text: str) -> None:
        """Put an earlier answer where the letter's answer goes (the blank, else after asking)."""
        earlier = [*reversed(self._answers_put), latest_answer(self.ctx.session, self.petition_ids)]
        put = put_answer_in_letter(self, self.body_edit, text, ANSWER_PLACEHOLDER, earlier)
        if put:
            self._answers_put.append(put)

    # -- preview ----------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        """Render the PDF off the UI thread; only the newest request reaches the pane."""
        self._timer.stop()
        self.page.show_letter(self.letter(), self.ctx.session.today())

    # -- actions ----------------------------------------------------------------------------
    def file_saved(self) -> None:
        """A DOCX or PDF written: its signer is the one offered next time."""
        self._remember_signer()

    def save_draft(self) -> bool:
        """Keep the wording as a draft in the outgoing register (new or updated)."""
        if self.base.number is not None:
            return True
        letter = self.letter()
        try:
            if self.letter_id is None:
                self.letter_id = register.save_draft(self.ctx.session, letter, kind=self.kind)
            else:
                register.update_draft(self.ctx.session, self.letter_id, letter)
        except DomainError as exc:
            self.error.setText(str(exc))
            return False
        self.base = letter
        self.error.setText("")
        self.mark_clean()
        self._remember_signer()
        self.note.say(f"Đã lưu nháp lúc {format_time(dt.datetime.now())} vào sổ văn bản đi.")
        self.ctx.changed()
        return True

    def issue(self) -> bool:
        """Ban hành: save, number the letter and mark its petitions answered."""
        if self.base.number is not None:
            return False
        question = "Cấp số và ban hành công văn này? Các kiến nghị sẽ chuyển sang «Đã trả lời»."
        signing = sign_letter.offer(self.ctx, self)  # Ký số, when the office has a .p12
        if signing is None or not (signing.key or ask.confirm(self, "Ban hành công văn", question)):
            return False
        if not self.save_draft() or self.letter_id is None:
            return False
        try:
            issued, signed = sign_letter.issue(self.ctx, self.letter_id, signing)
        except DomainError as exc:
            self.error.setText(str(exc))
            ask.error(self, "Không ban hành được", str(exc))
            return False
        self.base = issued
        self._show_state(issued)
        self._fill(issued)
        self.mark_clean()
        self.note.say(f"Đã ban hành: {issued.number_text.removeprefix('Số: ')}.{signed}")
        self.ctx.changed()
        self.refresh_preview()
        return True


def open_letter(
    ctx: UiContext,
    parent: QWidget | None,
    petition_ids: list[int],
    saved: register.SavedLetter | None = None,
) -> bool:
    """Open the compose dialog for petitions (or a saved draft); False when it cannot open."""
    try:
        dialog = LetterDialog(ctx, petition_ids, parent, saved=saved)
    except DomainError as exc:
        ask.error(parent, "Không soạn được công văn", str(exc))
        return False
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return True
