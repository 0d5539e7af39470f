"""Soạn công văn trả lời: edit the wording, watch page 1 of the PDF, save, print and issue."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from desktop.core.errors import DomainError
from desktop.core.letters import register
from desktop.core.letters.docx_render import render_docx
from desktop.core.letters.kinds import ANSWER_PLACEHOLDER, latest_answer, reply_letter
from desktop.core.letters.model import Letter, with_drafting_unit
from desktop.core.letters.pdf_render import pdf_bytes, render_pdf
from desktop.core.text import clean
from desktop.core.types import Store
from desktop.ui import ask, rights
from desktop.ui.context import UiContext
from desktop.ui.printing import load_pdf, paint_pdf
from desktop.ui.qt import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QImage,
    QKeySequence,
    QLabel,
    QLineEdit,
    QPainter,
    QPdfDocument,
    QPixmap,
    QPlainTextEdit,
    QPrinter,
    QPrintPreviewDialog,
    QPushButton,
    QScrollArea,
    QShortcut,
    QSize,
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
PREVIEW_WIDTH = 560  # pixels for page 1 in the preview pane


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(c for c in (clean(x).strip() for x in edit.toPlainText().split("\n")) if c)


class LetterDialog(QDialog):
    """The reply letter to petitions: its wording on the left, page 1 as printed on the right."""

    preview_ready = Signal(int)  # page count of the newest rendered preview

    def __init__(
        self, ctx: UiContext, petition_ids: list[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.petition_ids = list(petition_ids)
        self.letter_id: int | None = None
        self.base = self._initial()
        self.preview_pages = 0
        self._preview_key = f"letter-preview-{id(self)}"
        self.setWindowTitle("Soạn công văn trả lời kiến nghị")

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
        buttons.addStretch(1)
        buttons.addWidget(self.issue_button)
        buttons.addWidget(close_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(form)
        left_layout.addWidget(self.error)
        self.preview = QLabel("Đang dựng trang…")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview.setStyleSheet("background: #808080; padding: 8px")
        scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(PREVIEW_WIDTH + 40)
        # Earlier answers to the same request, beside the page: one click puts one in the body.
        self.similar = SimilarPanel(ctx, title="")
        self.similar.use_answer.connect(self.use_answer)
        self.similar.loaded.connect(self._similar_loaded)
        self._answers_put: list[str] = []
        self.side = QTabWidget()
        self.side.addTab(scroll, "Trang in")
        self.side.addTab(self.similar, "Kiến nghị tương tự")
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
        for field in self._fields():
            field.textChanged.connect(self._timer.start)
        self.resize(1280, 860)
        self.refresh_preview()
        self.similar.show_similar_to(self.petition_ids)
        self.unit_edit.editingFinished.connect(self._unit_changed)

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
        when = f" ngày {letter.issued_on:%d/%m/%Y}" if letter.issued_on else ""
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
        letter, today = self.letter(), self.ctx.session.today()

        def render(_store: Store) -> bytes:
            return pdf_bytes(letter, today)

        self.ctx.runner.run_query(
            render, self._show_pdf, key=self._preview_key, on_error=self._preview_failed
        )

    def _show_pdf(self, data: bytes) -> None:
        doc = load_pdf(data, self)
        try:
            self.preview_pages = doc.pageCount()
            if self.preview_pages:
                size = doc.pagePointSize(0).toSize()
                width = PREVIEW_WIDTH
                image: QImage = doc.render(0, QSize(width, width * size.height() // size.width()))
                # Pdfium leaves the paper transparent; the page must read as white paper.
                page = QPixmap(image.size())
                page.fill(Qt.GlobalColor.white)
                painter = QPainter(page)
                painter.drawImage(0, 0, image)
                painter.end()
                self.preview.setPixmap(page)
                pages = f"Trang 1/{self.preview_pages}"
                self.preview.setToolTip(pages)
        finally:
            doc.deleteLater()
        self.preview_ready.emit(self.preview_pages)

    def _preview_failed(self, message: str) -> None:
        self.preview.setText(f"Không dựng được trang: {message}")

    # -- actions ----------------------------------------------------------------------------
    def ask_path(self, title: str, name: str, pattern: str) -> Path | None:
        """Where to save a file; tests patch this."""
        chosen, _ = QFileDialog.getSaveFileName(self, title, name, pattern)
        return Path(chosen) if chosen else None

    def _file_name(self, suffix: str) -> str:
        letter = self.letter()
        if letter.number is not None:
            return f"{letter.number:02d}-{letter.symbol}{suffix}"
        return f"Du thao {letter.symbol}{suffix}"

    def save_draft(self) -> bool:
        """Keep the wording as a draft in the outgoing register (new or updated)."""
        if self.base.number is not None:
            return True
        letter = self.letter()
        try:
            if self.letter_id is None:
                self.letter_id = register.save_draft(
                    self.ctx.session, letter, kind=register.KIND_REPLY
                )
            else:
                register.update_draft(self.ctx.session, self.letter_id, letter)
        except DomainError as exc:
            self.error.setText(str(exc))
            return False
        self.base = letter
        self.error.setText("")
        self.ctx.changed()
        return True

    def save_docx(self) -> Path | None:
        """Write the letter as DOCX where the clerk chooses."""
        dest = self.ask_path("Lưu công văn (DOCX)", self._file_name(".docx"), "Word (*.docx)")
        if dest is None:
            return None
        return render_docx(self.letter(), dest, today=self.ctx.session.today())

    def save_pdf(self) -> Path | None:
        """Write the letter as PDF where the clerk chooses."""
        dest = self.ask_path("Lưu công văn (PDF)", self._file_name(".pdf"), "PDF (*.pdf)")
        if dest is None:
            return None
        return render_pdf(self.letter(), dest, today=self.ctx.session.today())

    def print_letter(self) -> None:
        """Print preview of the letter's PDF pages, then the printer."""
        doc = load_pdf(pdf_bytes(self.letter(), self.ctx.session.today()), self)
        try:
            self.show_print_preview(doc)
        finally:
            doc.deleteLater()

    def show_print_preview(self, doc: QPdfDocument) -> None:
        """The print preview dialog painting `doc`; tests patch this."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._file_name(""))
        preview = QPrintPreviewDialog(printer, self)
        preview.paintRequested.connect(lambda p: paint_pdf(doc, p))
        preview.exec()

    def issue(self) -> bool:
        """Ban hành: save, number the letter and mark its petitions answered."""
        if self.base.number is not None:
            return False
        question = "Cấp số và ban hành công văn này? Các kiến nghị sẽ chuyển sang «Đã trả lời»."
        if not ask.confirm(self, "Ban hành công văn", question):
            return False
        if not self.save_draft() or self.letter_id is None:
            return False
        try:
            issued = register.issue_reply(self.ctx.session, self.letter_id)
        except DomainError as exc:
            self.error.setText(str(exc))
            ask.error(self, "Không ban hành được", str(exc))
            return False
        self.base = issued
        self._show_state(issued)
        self.ctx.changed()
        self.refresh_preview()
        return True


def open_letter(ctx: UiContext, parent: QWidget | None, petition_ids: list[int]) -> bool:
    """Open the compose dialog for petitions; False when the letter cannot be prefilled."""
    try:
        dialog = LetterDialog(ctx, petition_ids, parent)
    except DomainError as exc:
        ask.error(parent, "Không soạn được công văn", str(exc))
        return False
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return True
