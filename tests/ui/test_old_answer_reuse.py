"""Dùng câu trả lời này on a reply recorded the old way (its letter's whole body): the panel
shows, and the reply dialog and the letter window receive, the answer part only."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.letters.kinds import ANSWER_PLACEHOLDER
from desktop.ui.context import UiContext
from desktop.ui.dialogs.letter_compose import LetterDialog
from desktop.ui.dialogs.reply import ReplyDialog
from desktop.ui.qt import Qt
from desktop.ui.widgets.similar_panel import SimilarItem, SimilarPanel
from tests.core.test_old_answers import ANSWER, REQUEST, _petition, _replied_the_old_way

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def current(ctx: UiContext) -> int:
    _replied_the_old_way(ctx.session)
    return _petition(ctx.session, "Quảng Bình", dt.date(2026, 11, 2), "Kiến nghị Bộ sớm " + REQUEST)


def _answered(qtbot: QtBot, panel: SimilarPanel) -> SimilarItem:
    qtbot.waitUntil(lambda: panel.results is not None and len(panel.items) == 1, timeout=5000)
    return panel.items[0]


def test_the_reply_dialog_gets_the_answer_part_of_an_old_reply(
    qtbot: QtBot, ctx: UiContext, current: int, _no_modal_dialogs: list[tuple[str, str]]
) -> None:
    d = ReplyDialog(ctx, [current], None)
    qtbot.addWidget(d)
    d.show()
    item = _answered(qtbot, d.similar)
    shown = item.reply.text()
    assert "Bộ đã ban hành Thông tư 12/2026/TT-BTTTT" in shown and "nhận được" not in shown
    qtbot.mouseClick(item.use_button, Qt.MouseButton.LeftButton)
    assert d.text_edit.toPlainText() == ANSWER
    assert _no_modal_dialogs == []


def test_the_letter_gets_the_answer_part_in_its_blank(
    qtbot: QtBot, ctx: UiContext, current: int, _no_modal_dialogs: list[tuple[str, str]]
) -> None:
    d = LetterDialog(ctx, [current])
    qtbot.addWidget(d)
    d.show()
    item = _answered(qtbot, d.similar)
    d.side.setCurrentWidget(d.similar)
    qtbot.mouseClick(item.use_button, Qt.MouseButton.LeftButton)
    body = d.body_edit.toPlainText().split("\n")
    assert ANSWER_PLACEHOLDER not in body
    at = body.index(ANSWER.split("\n")[0])
    assert body[at : at + 2] == ANSWER.split("\n")
    # The earlier letter's own sentences (Hà Tĩnh's petition, its closing) did not come along.
    assert not any("Hà Tĩnh" in line for line in body)
    assert sum(REQUEST in line for line in body) == 1  # Quảng Bình's own, restated once
    assert _no_modal_dialogs == []
