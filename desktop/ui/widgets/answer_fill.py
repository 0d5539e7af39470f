"""Dùng câu trả lời này: put an earlier answer into the field where the clerk writes the answer,
asking first before anything typed there is replaced. Edits go through the text cursor so that
Ctrl+Z takes the answer back out. A reply recorded with its whole letter body (as issuing did
before it kept the answer part) gives only its answer part: the restated petition of another
letter does not belong in this one."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.text import clean
from desktop.ui import ask
from desktop.ui.qt import QPlainTextEdit, QTextCursor, QWidget

TITLE = "Dùng câu trả lời này"
REPLACE_QUESTION = "Ô nội dung trả lời đã có chữ. Thay bằng câu trả lời đã chọn?"
REPLACE_IN_LETTER = "Thay đoạn trả lời đang có trong công văn bằng câu trả lời đã chọn?"
INSERT_IN_LETTER = (
    "Không thấy chỗ trả lời trong nội dung công văn. Chèn câu trả lời đã chọn vào vị trí con trỏ?"
)


def _reusable(answer: str) -> str:
    # Imported on first use: the reply dialog is imported at start, the letter modules need not be.
    from desktop.core.letters.answer_part import reusable_answer

    return reusable_answer(answer)


def _replace(edit: QPlainTextEdit, start: int, end: int, text: str) -> None:
    cursor = edit.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(text)
    edit.setTextCursor(cursor)
    edit.setFocus()


def put_answer(parent: QWidget, edit: QPlainTextEdit, answer: str) -> bool:
    """Fill an answer field: at once when empty, else after asking; True when it changed."""
    answer = clean(_reusable(answer)).strip()
    current = edit.toPlainText()
    if not answer or current.strip() == answer:
        return False
    if current.strip() and not ask.confirm(parent, TITLE, REPLACE_QUESTION):
        return False
    _replace(edit, 0, len(current), answer)
    return True


def put_answer_in_letter(
    parent: QWidget, edit: QPlainTextEdit, answer: str, blank: str, earlier: Sequence[str]
) -> str | None:
    """Put the answer's paragraphs in a letter body where the answer goes; the text put there.

    The `blank` left for the answer is filled without a question; an answer put there before
    (`earlier`) is replaced after asking; with neither in the body the answer goes at the
    cursor, after asking.
    """
    answer = "\n".join(line for line in clean(_reusable(answer)).split("\n") if line)
    if not answer or edit.isReadOnly():
        return None
    body = edit.toPlainText()
    if answer in body:
        return None
    for slot in (blank, *earlier):
        at = body.find(slot) if slot else -1
        if at < 0:
            continue
        if slot != blank and not ask.confirm(parent, TITLE, REPLACE_IN_LETTER):
            return None
        _replace(edit, at, at + len(slot), answer)
        return answer
    if body.strip() and not ask.confirm(parent, TITLE, INSERT_IN_LETTER):
        return None
    cursor = edit.textCursor()
    # The answer is paragraphs of its own: never glued into the middle of a sentence.
    if cursor.positionInBlock() > 0:
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        text = "\n" + answer
    else:
        text = answer + "\n" if cursor.block().text() else answer
    _replace(edit, cursor.position(), cursor.position(), text)
    return answer
