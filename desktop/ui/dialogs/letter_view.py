"""Xem văn bản đi đã ban hành: an issued letter as it was signed, saved or printed again.

The register keeps the letter's words, number and date, not the file first printed: a reprint
is rendered again from those, so it carries the same number and date (and the same words).
"""

from __future__ import annotations

from desktop.core.dates import format_date
from desktop.core.letters import register
from desktop.core.letters.model import Letter
from desktop.ui.context import UiContext
from desktop.ui.dialogs import letter_common as common
from desktop.ui.dialogs.letter_compose import LetterDialog
from desktop.ui.dialogs.letter_files import LetterFiles
from desktop.ui.qt import (
    QDialog,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QPushButton,
    QShortcut,
    Qt,
    QVBoxLayout,
    QWidget,
)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


class LetterView(LetterFiles, QDialog):
    """An issued letter, read-only: its particulars, its pages, Lưu DOCX, Lưu PDF and In."""

    def __init__(
        self, ctx: UiContext, saved: register.SavedLetter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.saved = ctx, saved
        self.kind, self.incoming_nos = saved.kind, saved.incoming_nos
        letter = saved.letter
        number = letter.number_text.removeprefix("Số: ")
        when = f" ngày {format_date(letter.issued_on)}" if letter.issued_on else ""
        self.setWindowTitle(f"Văn bản đi số {number}{when}")
        facts = [
            f"<b>Số {_escape(number)}</b>{when} — đã ban hành",
            _escape(letter.subject),
            "Kính gửi: " + _escape("; ".join(letter.recipients)) if letter.recipients else "",
            "Người ký: " + _escape(letter.signer_name) if letter.signer_name else "",
        ]
        self.facts = QLabel("<br>".join(f for f in facts if f))
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = QLabel(
            "Văn bản làm ngoài phần mềm: sổ chỉ giữ số, ngày và trích yếu, không có nội dung để"
            " in lại."
            if saved.external
            else "Lưu và in lại đúng văn bản đã ban hành (cùng số, cùng ngày), dựng lại từ nội"
            " dung lưu trong sổ văn bản đi."
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555555")
        self.page = common.PagePreview(ctx, all_pages=True)
        self.note = common.SavedNote()
        self.docx_button = QPushButton("Lưu &DOCX…")
        self.pdf_button = QPushButton("Lưu &PDF…")
        self.print_button = QPushButton("&In…")
        close_button = QPushButton("Đóng")
        close_button.setToolTip("Esc")
        self.docx_button.clicked.connect(self.save_docx)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_letter)
        close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_letter)
        buttons = QHBoxLayout()
        for button in (self.docx_button, self.pdf_button, self.print_button):
            button.setEnabled(not saved.external)
            buttons.addWidget(button)
        buttons.addWidget(self.note, 1)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.facts)
        layout.addWidget(self.hint)
        layout.addWidget(self.page, 1)
        layout.addLayout(buttons)
        common.fit_to_screen(self, 760, 900)
        if saved.external:
            self.page.label.setText("Không có nội dung: văn bản làm ngoài phần mềm.")
        else:
            self.page.show_letter(letter, ctx.session.today())
        close_button.setFocus()

    def letter(self) -> Letter:
        """The issued letter as it was signed."""
        return self.saved.letter

    def print_letter(self) -> None:
        """Print the issued letter again: preview, then the printer."""
        if not self.saved.external:
            super().print_letter()


def open_saved_letter(
    ctx: UiContext, parent: QWidget | None, saved: register.SavedLetter
) -> QDialog | None:
    """A draft in the letter window to edit, an issued letter in the view; the window shown."""
    dialog: QDialog
    if saved.letter.number is None and not saved.external:
        dialog = LetterDialog(ctx, list(saved.letter.petition_ids), parent, saved=saved)
    else:
        dialog = LetterView(ctx, saved, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
