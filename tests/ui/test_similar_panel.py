"""Kiến nghị tương tự: the panel in the detail pane, and "Dùng câu trả lời này" in the reply
dialog and the letter compose dialog."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from db import routing
from db.similar import similar_to_petitions
from desktop.core import workflow
from desktop.core.letters.kinds import ANSWER_PLACEHOLDER
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs.letter_compose import LetterDialog
from desktop.ui.dialogs.reply import ReplyDialog
from desktop.ui.qt import Qt
from desktop.ui.widgets import similar_panel
from desktop.ui.widgets.answer_fill import INSERT_IN_LETTER, REPLACE_IN_LETTER
from desktop.ui.widgets.petition_detail import PetitionDetail
from desktop.ui.widgets.similar_panel import SimilarItem, SimilarPanel
from tests.ui.conftest import type_text
from tests.ui.saving import wait_accepted

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ANSWER = (
    "Bộ đã ban hành Thông tư 12/2026/TT-BTTTT hướng dẫn định mức chi phí thuê dịch vụ công nghệ"
    " thông tin; đề nghị địa phương áp dụng từ ngày 01/7/2026."
)
REQUEST = "Đề nghị Bộ hướng dẫn định mức chi phí thuê dịch vụ công nghệ thông tin theo Nghị định 73"


def _document(ctx: UiContext, day: dt.date, *petitions: PetitionInput) -> list[int]:
    doc = DocumentInput(received_on=day, sender="Văn phòng Chính phủ", sender_ref="1/VPCP-QHĐP")
    return register_document(ctx.session, doc, list(petitions)).petition_ids


@pytest.fixture
def ids(ctx: UiContext) -> dict[str, int]:
    """An answered request (Hà Tĩnh), the same one unanswered (Nghệ An), an unrelated one, and
    the petition being worked on (Quảng Bình, received last)."""
    (lonely,) = _document(
        ctx, dt.date(2026, 1, 5), PetitionInput("Cao Bằng", "Hỗ trợ phủ sóng vùng lõm biên giới")
    )
    (answered,) = _document(ctx, dt.date(2026, 3, 2), PetitionInput("Hà Tĩnh", REQUEST))
    workflow.reply(
        ctx.session, [answered], "answered", ANSWER,
        replied_on=dt.date(2026, 4, 10), letter_ref="456/BTTTT-THH",
    )  # fmt: skip
    (open_one,) = _document(
        ctx,
        dt.date(2026, 6, 1),
        PetitionInput("Nghệ An", "Hướng dẫn định mức chi phí thuê dịch vụ công nghệ thông tin"),
    )
    (current,) = _document(
        ctx,
        dt.date(2026, 11, 2),
        PetitionInput(
            "Quảng Bình",
            "Kiến nghị Bộ sớm hướng dẫn định mức chi phí thuê dịch vụ công nghệ thông tin",
        ),
    )
    return {"lonely": lonely, "answered": answered, "open": open_one, "current": current}


def _loaded(qtbot: QtBot, panel: SimilarPanel, count: int) -> list[SimilarItem]:
    qtbot.waitUntil(lambda: panel.results is not None and len(panel.items) == count, timeout=5000)
    return panel.items


def _item(panel: SimilarPanel, origin: str) -> SimilarItem:
    return next(i for i in panel.items if i.similar.origin == origin)


def test_detail_lists_earlier_similar_petitions_with_their_answer(
    qtbot: QtBot, ctx: UiContext, ids: dict[str, int]
) -> None:
    detail = PetitionDetail(ctx)
    qtbot.addWidget(detail)
    detail.resize(900, 600)
    detail.show()
    detail.show_petition(ids["current"])
    assert detail.similar.text() == "Đang tìm…"
    detail.tabs.setCurrentWidget(detail.similar)
    _loaded(qtbot, detail.similar, 2)
    assert detail.tabs.tabText(1) == "Kiến nghị tương tự (2)"
    shown = detail.similar.text()
    assert "Cao Bằng" not in shown and "Quảng Bình" not in shown
    answered = _item(detail.similar, "Hà Tĩnh")
    heading = answered.heading.text()
    assert "02/03/2026" in heading and "Đã trả lời" in heading
    assert f"giống {answered.similar.score:.0%}" in heading and "%" in heading
    assert "Nghị định 73" in answered.summary.text()
    reply = answered.reply.text()
    assert "Thông tư 12/2026/TT-BTTTT" in reply
    assert "10/04/2026" in reply and "456/BTTTT-THH" in reply
    assert answered.use_button.isEnabled() and answered.use_button.isVisible()
    unanswered = _item(detail.similar, "Nghệ An")
    assert "Chưa trả lời" in unanswered.reply.text() and "Mới vào sổ" in unanswered.heading.text()
    assert not unanswered.use_button.isEnabled()

    with qtbot.waitSignal(detail.open_petition) as opened:
        qtbot.mouseClick(answered.summary, Qt.MouseButton.LeftButton)
    assert opened.args == [ids["answered"]]

    detail.show_petition(ids["lonely"])  # the earliest: nothing before it
    qtbot.waitUntil(lambda: detail.similar.text() == "Không có kiến nghị tương tự.")
    assert detail.tabs.tabText(1) == "Kiến nghị tương tự"


def test_a_stale_answer_never_replaces_the_newest(
    qtbot: QtBot, ctx: UiContext, ids: dict[str, int]
) -> None:
    panel = SimilarPanel(ctx)
    qtbot.addWidget(panel)
    panel.show_similar_to([ids["current"]])
    panel.show_similar_to([ids["lonely"]])  # chosen before the first search answered
    qtbot.waitUntil(lambda: panel.results is not None)
    ctx.runner.wait()
    qtbot.wait(50)  # let any late delivery arrive
    assert panel.results == [] and panel.text() == "Không có kiến nghị tương tự."


def test_use_answer_from_the_detail_opens_the_reply_dialog_with_it(
    qtbot: QtBot, ctx: UiContext, ids: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    detail = PetitionDetail(ctx)
    qtbot.addWidget(detail)
    detail.show()
    ctx.bus.changed.connect(lambda: detail.show_petition(detail.petition_id))
    detail.show_petition(ids["current"])
    detail.tabs.setCurrentWidget(detail.similar)
    _loaded(qtbot, detail.similar, 2)
    qtbot.waitUntil(detail.reply_button.isEnabled)
    seen: list[str] = []

    def save_as_is(self: ReplyDialog) -> int:  # the clerk reads the answer and presses Lưu
        seen.append(self.text_edit.toPlainText())
        self.save()
        return int(self.result())

    monkeypatch.setattr(ReplyDialog, "exec", save_as_is)
    qtbot.mouseClick(_item(detail.similar, "Hà Tĩnh").use_button, Qt.MouseButton.LeftButton)
    assert seen == [ANSWER]
    qtbot.waitUntil(lambda: "Đã trả lời" in detail.browser.toPlainText())
    assert ANSWER in detail.browser.toPlainText()
    # Answered now: its earlier answers can no longer be used for it.
    assert not detail.reply_button.isEnabled()
    assert not _item(detail.similar, "Hà Tĩnh").use_button.isEnabled()


def _reply_dialog(qtbot: QtBot, ctx: UiContext, ids: list[int], count: int = 2) -> ReplyDialog:
    d = ReplyDialog(ctx, ids, None)
    qtbot.addWidget(d)
    d.show()
    _loaded(qtbot, d.similar, count)
    return d


def test_use_answer_fills_the_reply_dialog(
    qtbot: QtBot, ctx: UiContext, ids: dict[str, int], _no_modal_dialogs: list[tuple[str, str]]
) -> None:
    d = _reply_dialog(qtbot, ctx, [ids["current"]])
    assert d.text_edit.toPlainText() == ""
    qtbot.mouseClick(_item(d.similar, "Hà Tĩnh").use_button, Qt.MouseButton.LeftButton)
    assert d.text_edit.toPlainText() == ANSWER
    assert _no_modal_dialogs == []  # an empty field is filled without a question
    d.letter_edit.setText("789/BTTTT-THH")
    qtbot.keyClick(d.letter_edit, Qt.Key.Key_Return)
    wait_accepted(qtbot, ctx, d)
    (reply,) = routing.replies_of(ctx.session.store, ids["current"])
    assert reply.text == ANSWER and reply.letter_ref == "789/BTTTT-THH"


def test_use_answer_asks_before_replacing_typed_text(
    qtbot: QtBot, ctx: UiContext, ids: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers: list[bool] = [False, True]
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(ask, "confirm", confirm)
    d = _reply_dialog(qtbot, ctx, [ids["current"]])
    type_text(d.text_edit, "Bộ đang nghiên cứu")
    button = _item(d.similar, "Hà Tĩnh").use_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # "No": what was typed stays
    assert d.text_edit.toPlainText() == "Bộ đang nghiên cứu"
    assert asked == ["Ô nội dung trả lời đã có chữ. Thay bằng câu trả lời đã chọn?"]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # "Yes": replaced
    assert d.text_edit.toPlainText() == ANSWER and len(asked) == 2
    d.text_edit.undo()  # Ctrl+Z takes it back out
    assert d.text_edit.toPlainText() == "Bộ đang nghiên cứu"


def test_reply_to_several_lists_what_is_like_any_of_them(
    qtbot: QtBot, ctx: UiContext, ids: dict[str, int]
) -> None:
    d = _reply_dialog(qtbot, ctx, [ids["current"], ids["open"]], count=1)
    # Nghệ An is being answered itself, so it is not offered; only Hà Tĩnh's answer is.
    assert d.similar.items[0].similar.id == ids["answered"]


@pytest.fixture
def letter(qtbot: QtBot, ctx: UiContext, ids: dict[str, int]) -> LetterDialog:
    d = LetterDialog(ctx, [ids["current"]])
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.preview_pages > 0, timeout=10_000)
    _loaded(qtbot, d.similar, 2)
    return d


def test_use_answer_fills_the_blank_of_the_letter(
    qtbot: QtBot, letter: LetterDialog, _no_modal_dialogs: list[tuple[str, str]]
) -> None:
    assert ANSWER_PLACEHOLDER in letter.body_edit.toPlainText()
    assert letter.side.tabText(1) == "Kiến nghị tương tự (2)"
    letter.side.setCurrentWidget(letter.similar)
    qtbot.mouseClick(_item(letter.similar, "Hà Tĩnh").use_button, Qt.MouseButton.LeftButton)
    body = letter.body_edit.toPlainText()
    assert ANSWER_PLACEHOLDER not in body and ANSWER in body.split("\n")
    assert _no_modal_dialogs == []
    assert ANSWER in letter.letter().body
    with qtbot.waitSignal(letter.preview_ready, timeout=10_000):
        pass  # the page is re-rendered with the answer
    assert letter.issue()  # signed and numbered: its wording no longer changes
    assert not _item(letter.similar, "Hà Tĩnh").use_button.isEnabled()


def test_a_second_answer_replaces_the_first_after_asking(
    qtbot: QtBot,
    ctx: UiContext,
    ids: dict[str, int],
    letter: LetterDialog,
    _no_modal_dialogs: list[tuple[str, str]],
) -> None:
    other = "Bộ sẽ trả lời sau khi lấy ý kiến các bộ, ngành."
    workflow.reply(ctx.session, [ids["open"]], "clarify", other, replied_on=dt.date(2026, 7, 1))
    letter.similar.show_similar_to([])
    letter.similar.show_similar_to([ids["current"]])
    _loaded(qtbot, letter.similar, 2)
    assert _item(letter.similar, "Nghệ An").use_button.isEnabled()  # answered now
    qtbot.mouseClick(_item(letter.similar, "Hà Tĩnh").use_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_item(letter.similar, "Nghệ An").use_button, Qt.MouseButton.LeftButton)
    body = letter.body_edit.toPlainText().split("\n")
    assert other in body and ANSWER not in body
    assert _no_modal_dialogs == [("confirm", REPLACE_IN_LETTER)]


def test_without_a_blank_the_answer_goes_at_the_cursor_after_asking(
    qtbot: QtBot, letter: LetterDialog, _no_modal_dialogs: list[tuple[str, str]]
) -> None:
    body = letter.body_edit.toPlainText().replace(ANSWER_PLACEHOLDER, "Ý kiến của Bộ:")
    letter.body_edit.setPlainText(body)
    lines = body.split("\n")
    at = lines.index("Ý kiến của Bộ:")
    cursor = letter.body_edit.textCursor()
    cursor.setPosition(len("\n".join(lines[:at])) + 1 + 3)  # inside "Ý kiến của Bộ:"
    letter.body_edit.setTextCursor(cursor)
    qtbot.mouseClick(_item(letter.similar, "Hà Tĩnh").use_button, Qt.MouseButton.LeftButton)
    after = letter.body_edit.toPlainText().split("\n")
    assert after[at : at + 2] == ["Ý kiến của Bộ:", ANSWER]  # a paragraph of its own
    assert _no_modal_dialogs == [("confirm", INSERT_IN_LETTER)]


def test_panel_helpers_are_plain(ctx: UiContext, ids: dict[str, int]) -> None:
    found = similar_to_petitions(
        ctx.session.store,
        [ids["current"]],
        limit=similar_panel.LIMIT,
        min_score=similar_panel.MIN_SCORE,
    )
    assert {s.origin for s in found} == {"Hà Tĩnh", "Nghệ An"}
    scores = [s.score for s in found]
    assert scores == sorted(scores, reverse=True) and min(scores) >= similar_panel.MIN_SCORE


def test_clicking_a_similar_petition_in_the_register_selects_or_shows_it(
    qtbot: QtBot, ctx: UiContext, ids: dict[str, int]
) -> None:
    from desktop.ui.screens.petitions import PetitionsScreen

    screen = PetitionsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 800)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 4, timeout=5000)
    screen.table.selectRow(0)  # the newest: Quảng Bình
    assert screen.detail.petition_id == ids["current"]
    panel = screen.detail.similar
    screen.detail.tabs.setCurrentWidget(panel)
    _loaded(qtbot, panel, 2)
    qtbot.mouseClick(_item(panel, "Hà Tĩnh").summary, Qt.MouseButton.LeftButton)
    # Listed: its row is selected and the detail follows, on the "Chi tiết" tab.
    row = screen.table.currentIndex().row()
    assert screen.model.petition_id(row) == ids["answered"]
    assert screen.detail.petition_id == ids["answered"]
    assert screen.detail.tabs.currentIndex() == 0
    # Not listed (the filter hides it): the detail shows it alone and the status says so.
    screen.year_box.setCurrentIndex(screen.year_box.findData(2026))
    screen.status_box.setCurrentIndex(screen.status_box.findData("registered"))
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3, timeout=5000)
    screen.show_similar(ids["answered"])
    assert screen.detail.petition_id == ids["answered"]
    assert f"mã {ids['answered']}" in screen.status.text()
