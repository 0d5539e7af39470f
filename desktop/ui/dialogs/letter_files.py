"""Lưu DOCX, Lưu PDF and In for a window showing one công văn (the compose window, the view)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.core.letters import register
from desktop.core.letters.file_names import suggested_name
from desktop.core.letters.model import Letter
from desktop.ui.context import UiContext
from desktop.ui.dialogs import letter_common as common
from desktop.ui.qt import QPdfDocument, QWidget


class LetterFiles:
    """The letter's files: named after it, written where the clerk chooses, printed.

    Mixed into a dialog that sets `ctx`, `note`, `kind` and `incoming_nos` and words `letter()`."""

    ctx: UiContext
    note: common.SavedNote
    kind: str
    incoming_nos: Sequence[int]

    def letter(self) -> Letter:
        """The letter as the window shows it."""
        raise NotImplementedError

    def file_saved(self) -> None:
        """Called after a file of the letter was written; nothing more by default."""

    def _window(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def ask_path(self, title: str, name: str, pattern: str) -> Path | None:
        """Where to save a file; tests patch this."""
        return common.ask_path(self._window(), title, name, pattern)

    def _file_name(self, suffix: str) -> str:
        reply = self.kind == register.KIND_REPLY
        return suggested_name(self.letter(), suffix, incoming_nos=self.incoming_nos, reply=reply)

    def _save_file(self, title: str, suffix: str, pattern: str) -> Path | None:
        dest = self.ask_path(title, self._file_name(suffix), pattern)
        if dest is None:
            return None
        written = common.write_file(self._window(), self.letter(), dest, self.ctx.session.today())
        if written is not None:
            self.file_saved()
            self.note.saved(written)
        return written

    def save_docx(self) -> Path | None:
        """Write the letter as DOCX where the clerk chooses."""
        return self._save_file("Lưu công văn (DOCX)", ".docx", "Word (*.docx)")

    def save_pdf(self) -> Path | None:
        """Write the letter as PDF where the clerk chooses."""
        return self._save_file("Lưu công văn (PDF)", ".pdf", "PDF (*.pdf)")

    def print_letter(self) -> None:
        """Print preview of the letter's PDF pages, then the printer."""
        today = self.ctx.session.today()
        common.print_letter(self.letter(), today, self._window(), self.show_print_preview)

    def show_print_preview(self, doc: QPdfDocument) -> None:
        """The print preview dialog painting `doc`; tests patch this."""
        common.preview_and_print(self._window(), doc, self._file_name(""))
