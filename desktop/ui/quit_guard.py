"""Quitting the app while letter windows hold unsaved edits: one question listing them
(Lưu / Bỏ / Hủy). The letter windows are modeless children of the main window, destroyed with
it, so their own Esc/Đóng question is never asked when the app quits."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from desktop.ui import ask
from desktop.ui.qt import QWidget

if TYPE_CHECKING:
    from desktop.ui.dialogs.letter_compose import LetterDialog

TITLE = "Thoát Sổ Kiến Nghị"
SHOWN = 5  # letters named in the question; the rest counted


def unsaved_letters(window: QWidget) -> list[LetterDialog]:
    """The open letter windows under `window` with edits not saved, in the order opened."""
    # Never opened this run when its module was never imported: nothing to look for, and the
    # quit does not pay for importing the letter window.
    module = sys.modules.get("desktop.ui.dialogs.letter_compose")
    if module is None:
        return []
    letters: list[LetterDialog] = window.findChildren(module.LetterDialog)
    return [d for d in letters if d.isVisible() and d.is_dirty()]


def _name(letter: LetterDialog) -> str:
    return letter.subject_edit.text().strip() or letter.windowTitle()


def question(letters: list[LetterDialog]) -> str:
    """The question: "2 công văn chưa lưu: …", the letters named, what each answer does."""
    names = [f"- {_name(d)}" for d in letters[:SHOWN]]
    if len(letters) > SHOWN:
        names.append(f"- và {len(letters) - SHOWN} công văn khác")
    return (
        f"{len(letters)} công văn chưa lưu:\n" + "\n".join(names) + "\n\nLưu: lưu nháp rồi thoát."
        " Bỏ: thoát, bỏ những gì đã sửa. Hủy: không thoát."
    )


def may_quit(window: QWidget) -> bool:
    """Whether the app may quit now: asked once when letters are unsaved; Lưu saves each as a
    draft (a letter that cannot be saved keeps the app open, shown with its reason)."""
    letters = unsaved_letters(window)
    if not letters:
        return True
    choice = ask.save_discard_cancel(window, TITLE, question(letters))
    if choice == "cancel":
        return False
    if choice == "discard":
        return True
    for letter in letters:
        if not letter.save_draft():
            letter.raise_()
            letter.activateWindow()
            why = letter.error.text()
            ask.error(window, TITLE, f"Chưa lưu được công văn «{_name(letter)}»: {why}")
            return False
    return True
