"""Quitting the main window (Thoát, Ctrl+Q, the ×) while letter windows hold unsaved edits asks
once, listing them: Lưu saves each as a draft, Bỏ quits without, Hủy keeps everything open."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from db import open_store
from desktop.core.letters import register
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs.letter_compose import LetterDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.qt import QWidget
from tests.ui.conftest import type_text

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
ORIGINS = ("Thái Bình", "Vĩnh Phúc", "Cao Bằng")


@pytest.fixture
def window(qtbot: QtBot, ctx: UiContext) -> MainWindow:
    register_document(
        ctx.session,
        DocumentInput(received_on=dt.date(2026, 11, 2), sender="Văn phòng Chính phủ",
                      sender_ref="5606/VPCP-QHĐP"),
        [PetitionInput(o, f"Kiến nghị của {o} về chuyển đổi số cấp xã") for o in ORIGINS],
    )  # fmt: skip
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.petitions.model.rowCount() == 3)
    return w


def _letters(qtbot: QtBot, w: MainWindow, edited: int, clean: int = 0) -> list[LetterDialog]:
    """Ctrl+L on `edited + clean` petitions, one at a time; the first `edited` get a typed line."""
    letters: list[LetterDialog] = []
    for row in range(edited + clean):
        w.petitions.table.selectRow(row)
        w.actions_by_text["Soạn công văn trả lời…"].trigger()
        d = next(x for x in w.findChildren(LetterDialog) if x not in letters)
        qtbot.waitUntil(lambda d=d: d.preview_pages > 0, timeout=10_000)
        if row < edited:
            d.body_edit.moveCursor(d.body_edit.textCursor().MoveOperation.End)
            type_text(d.body_edit, "\nĐề nghị địa phương phối hợp.")
        letters.append(d)
    return letters


def _answer(monkeypatch: pytest.MonkeyPatch, choice: ask.SaveChoice) -> list[str]:
    asked: list[str] = []

    def save_discard_cancel(_parent: QWidget | None, _title: str, text: str) -> ask.SaveChoice:
        asked.append(text)
        return choice

    monkeypatch.setattr(ask, "save_discard_cancel", save_discard_cancel)
    return asked


def _drafts(ctx: UiContext, letters: list[LetterDialog]) -> list[bool]:
    return [
        register.reply_letter_of(ctx.session, d.petition_ids, issued=False) is not None
        for d in letters
    ]


def test_huy_keeps_the_app_and_the_letters_open(
    qtbot: QtBot, window: MainWindow, ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    letters = _letters(qtbot, window, edited=2, clean=1)
    asked = _answer(monkeypatch, "cancel")
    window.actions_by_text["Thoát"].trigger()  # Ctrl+Q
    assert len(asked) == 1  # once, for both
    lines = asked[0].split("\n")
    assert lines[0] == "2 công văn chưa lưu:"
    subjects = [f"- {d.subject_edit.text()}" for d in letters]
    # The edited two are named, the clean one is not (two letters may share a subject).
    assert lines[1:3] == subjects[:2]
    assert [line for line in lines if line.startswith("- ")] == subjects[:2]
    assert window.isVisible() and all(d.isVisible() and d.is_dirty() for d in letters[:2])
    assert _drafts(ctx, letters) == [False, False, False]


def test_luu_saves_each_edited_letter_as_a_draft_then_quits(
    qtbot: QtBot, window: MainWindow, ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    letters = _letters(qtbot, window, edited=2, clean=1)
    _answer(monkeypatch, "save")
    assert window.close()
    assert not window.isVisible()
    assert _drafts(ctx, letters) == [True, True, False]
    saved = register.reply_letter_of(ctx.session, letters[0].petition_ids, issued=False)
    assert saved is not None and "Đề nghị địa phương phối hợp." in saved.body


def test_bo_quits_without_saving(
    qtbot: QtBot, window: MainWindow, ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    letters = _letters(qtbot, window, edited=1)
    asked = _answer(monkeypatch, "discard")
    assert window.close()
    assert asked[0].startswith("1 công văn chưa lưu:\n- V/v trả lời kiến nghị của")
    assert _drafts(ctx, letters) == [False]


def test_nothing_unsaved_quits_without_a_question(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _letters(qtbot, window, edited=0, clean=1)
    asked = _answer(monkeypatch, "cancel")
    assert window.close()
    assert asked == []


def test_a_letter_that_cannot_be_saved_keeps_the_app_open(
    qtbot: QtBot,
    window: MainWindow,
    ctx: UiContext,
    monkeypatch: pytest.MonkeyPatch,
    _no_modal_dialogs: list[tuple[str, str]],
) -> None:
    letter_id = register.draft_reply(
        ctx.session, [window.petitions.model.rows[0].id], answer="Bộ đã chỉ đạo Cục xử lý."
    )
    (letter,) = _letters(qtbot, window, edited=1)  # the saved draft, edited further
    assert letter.letter_id == letter_id
    # Meanwhile the leader signs that draft in another window: it may no longer change.
    leader = Session(open_store(ctx.session.store.target), actor="lanhdao",
                     today=ctx.session.today, system=True)  # fmt: skip
    register.issue_reply(leader, letter_id)
    leader.close()
    _answer(monkeypatch, "save")
    assert not window.close()
    assert window.isVisible() and letter.isVisible()
    ((_kind, text),) = [a for a in _no_modal_dialogs if a[0] == "error"]
    assert text.startswith("Chưa lưu được công văn «V/v trả lời kiến nghị của")
    assert "đã được cấp số, không sửa được nữa" in text
