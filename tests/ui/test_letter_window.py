"""The letter window as a clerk uses it all day: nothing typed is lost on Esc, files named for
what they are, the answer reused without the restated petition, the outgoing register opening
its letters (a draft to edit, an issued one to view and reprint), the signer remembered."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db import routing
from desktop.core.letters import register
from desktop.core.letters.kinds import ANSWER_PLACEHOLDER
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs.letter_compose import CLOSE_QUESTION, LetterDialog
from desktop.ui.dialogs.letter_view import LetterView
from desktop.ui.qt import QPdfDocument, Qt, QTimer
from desktop.ui.screens.registers import OutgoingScreen
from tests.conftest import Clock
from tests.ui.conftest import type_text

NOV_2 = dt.date(2026, 11, 2)
CONTENT = "Hoàn thiện chính thức trục tích hợp dữ liệu quốc gia để địa phương kết nối"
ANSWER = [
    "Bộ đã ban hành Thông tư số 12/2026/TT-BTTTT hướng dẫn kết nối trục tích hợp.",
    "Đề nghị địa phương phối hợp với Cục Chuyển đổi số quốc gia để triển khai.",
]
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _register(ctx: UiContext, origin: str, content: str, sender_ref: str) -> int:
    r = register_document(
        ctx.session,
        DocumentInput(received_on=NOV_2, sender="Văn phòng Chính phủ", sender_ref=sender_ref),
        [PetitionInput(origin, content)],
    )
    return r.petition_ids[0]


@pytest.fixture
def first(ctx: UiContext) -> int:
    """A petition from Hải Phòng in số đến 1."""
    return _register(ctx, "Hải Phòng", CONTENT, "5606/VPCP-QHĐP")


def _open(qtbot: QtBot, ctx: UiContext, petition_id: int) -> LetterDialog:
    d = LetterDialog(ctx, [petition_id])
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.preview_pages > 0, timeout=10_000)
    return d


def _type_answer(d: LetterDialog, paragraphs: list[str]) -> None:
    """Select the blank left for the answer and type over it, as the clerk does."""
    body = d.body_edit.toPlainText()
    at = body.index(ANSWER_PLACEHOLDER)
    cursor = d.body_edit.textCursor()
    cursor.setPosition(at)
    cursor.setPosition(at + len(ANSWER_PLACEHOLDER), cursor.MoveMode.KeepAnchor)
    d.body_edit.setTextCursor(cursor)
    type_text(d.body_edit, "\n".join(paragraphs))


class Answers(list[tuple[str, bool]]):
    """The questions asked, each with the answer given: the next of `replies`, else yes."""

    def __init__(self) -> None:
        super().__init__()
        self.replies: list[bool] = []

    def confirm(self, parent: object, title: str, text: str) -> bool:
        reply = self.replies.pop(0) if self.replies else True
        self.append((text, reply))
        return reply


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    """ask.confirm answered by the test."""
    found = Answers()
    monkeypatch.setattr(ask, "confirm", found.confirm)
    return found


def test_esc_after_typing_asks_and_no_keeps_the_window_and_the_text(
    qtbot: QtBot, ctx: UiContext, first: int, answers: Answers
) -> None:
    d = _open(qtbot, ctx, first)
    type_text(d.body_edit, "Đoạn đã gõ dở ")
    answers.replies.append(False)
    qtbot.keyClick(d.body_edit, Qt.Key.Key_Escape)  # where the clerk was typing
    assert answers == [(CLOSE_QUESTION, False)]
    assert d.isVisible() and "Đoạn đã gõ dở" in d.body_edit.toPlainText()
    # Đóng asks too; this time the clerk says yes and the window closes.
    close_button = next(b for b in d.findChildren(type(d.save_button)) if b.text() == "Đóng")
    qtbot.mouseClick(close_button, Qt.MouseButton.LeftButton)
    assert answers[-1] == (CLOSE_QUESTION, True)
    assert not d.isVisible()


def test_the_window_close_asks_too_and_an_untouched_window_closes_without_asking(
    qtbot: QtBot, ctx: UiContext, first: int, answers: Answers
) -> None:
    d = _open(qtbot, ctx, first)
    type_text(d.subject_edit, " (sửa)")
    answers.replies.append(False)
    d.close()  # the title bar's ×
    assert answers == [(CLOSE_QUESTION, False)] and d.isVisible()
    untouched = _open(qtbot, ctx, first)
    qtbot.keyClick(untouched, Qt.Key.Key_Escape)
    assert not untouched.isVisible()
    assert len(answers) == 1  # nothing asked for the untouched one


def test_a_saved_draft_says_so_and_closes_without_asking(
    qtbot: QtBot, ctx: UiContext, first: int, answers: Answers
) -> None:
    d = _open(qtbot, ctx, first)
    _type_answer(d, ANSWER)
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    assert d.note.text().startswith("Đã lưu nháp lúc ")
    qtbot.keyClick(d, Qt.Key.Key_Escape)
    assert not d.isVisible() and answers == []


def test_docx_and_pdf_get_a_name_saying_what_they_are_and_the_path_is_shown(
    qtbot: QtBot, ctx: UiContext, first: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = _open(qtbot, ctx, first)
    offered: list[str] = []

    def ask_path(title: str, name: str, pattern: str) -> Path:
        offered.append(name)
        return tmp_path / name

    monkeypatch.setattr(d, "ask_path", ask_path)
    qtbot.mouseClick(d.docx_button, Qt.MouseButton.LeftButton)
    assert offered[0].startswith("Du thao tra loi kien nghi so den 1 - UBND")
    assert offered[0].endswith(".docx") and offered[0].isascii() and "Hai Phong" in offered[0]
    assert (tmp_path / offered[0]).exists()
    assert d.note.text().startswith(f"Đã lưu: {tmp_path / offered[0]}")
    assert "Mở thư mục" in d.note.text()
    qtbot.mouseClick(d.pdf_button, Qt.MouseButton.LeftButton)
    assert offered[1] == offered[0].removesuffix(".docx") + ".pdf"
    _type_answer(d, ANSWER)
    assert d.issue()
    qtbot.mouseClick(d.pdf_button, Qt.MouseButton.LeftButton)
    assert offered[2] == "Cong van 01-BTTTT-VP 23-11-2026 tra loi kien nghi so den 1.pdf"


def test_the_issued_answer_is_only_the_reply_and_reuse_pastes_exactly_it(
    qtbot: QtBot, ctx: UiContext, first: int
) -> None:
    d = _open(qtbot, ctx, first)
    _type_answer(d, ANSWER)
    assert d.issue()
    (reply,) = routing.replies_of(ctx.session.store, first)
    assert reply.text == "\n".join(ANSWER)
    # A later petition asking the same, from elsewhere: its letter reuses that answer.
    second = _register(ctx, "Thái Nguyên", CONTENT, "7001/VPCP-QHĐP")
    other = _open(qtbot, ctx, second)
    qtbot.waitUntil(lambda: bool(other.similar.items), timeout=10_000)
    item = next(i for i in other.similar.items if i.use_button.isEnabled())
    before = other.body_edit.toPlainText()
    qtbot.mouseClick(item.use_button, Qt.MouseButton.LeftButton)
    assert other.body_edit.toPlainText() == before.replace(ANSWER_PLACEHOLDER, "\n".join(ANSWER))
    # Nothing of the first letter's restatement came along ("… nhận được kiến nghị …").
    body = other.letter().body
    assert sum("nhận được" in p for p in body) == 1 and "Hải Phòng" not in "\n".join(body)


def _outgoing(qtbot: QtBot, ctx: UiContext, rows: int) -> OutgoingScreen:
    screen = OutgoingScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1366, 600)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.rowCount() == rows, timeout=5000)
    return screen


def test_outgoing_register_opens_a_draft_to_edit_and_an_issued_letter_to_view_and_reprint(
    qtbot: QtBot, ctx: UiContext, first: int, clock: Clock, tmp_path: Path
) -> None:
    issued_id = register.draft_reply(ctx.session, [first], answer="\n".join(ANSWER))
    register.issue_reply(ctx.session, issued_id)
    second = _register(ctx, "Thái Nguyên", "Quy định về định danh, xác thực điện tử", "7/VPCP")
    draft_id = register.draft_reply(ctx.session, [second], answer="Theo dự thảo của Cục.")
    screen = _outgoing(qtbot, ctx, 2)
    assert screen.model.rows[0].id == draft_id  # drafts first
    # Double-click the draft: the letter window with its words, editable.
    table = screen.table
    rect = table.visualRect(screen.model.index(0, 2))
    # QTest's double-click sends no press before it; a real mouse presses first.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: isinstance(screen.opened, LetterDialog), timeout=5000)
    opened = screen.opened
    assert isinstance(opened, LetterDialog)
    assert opened.letter_id == draft_id and not opened.body_edit.isReadOnly()
    assert "Theo dự thảo của Cục." in opened.body_edit.toPlainText()
    # Saved from its window, the register reads again and keeps the draft as the chosen row.
    type_text(opened.subject_edit, " (sửa)")
    with qtbot.waitSignal(screen.model.modelReset, timeout=5000):
        qtbot.mouseClick(opened.save_button, Qt.MouseButton.LeftButton)
    assert screen.selected_letter_id() == draft_id
    assert screen.model.rows[0].subject.endswith("(sửa)")
    opened.reject()
    # Enter on the issued letter, days later: the view, read-only, reprinting number and date.
    clock.today = dt.date(2026, 12, 1)
    table.setFocus()
    table.setCurrentIndex(screen.model.index(1, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(screen.opened, LetterView), timeout=5000)
    view = screen.opened
    assert isinstance(view, LetterView)
    qtbot.waitUntil(lambda: view.page.pages > 0, timeout=10_000)
    assert "01/BTTTT-VP" in view.windowTitle() and "23/11/2026" in view.windowTitle()
    view.ask_path = lambda title, name, pattern: tmp_path / name  # type: ignore[method-assign]
    qtbot.mouseClick(view.pdf_button, Qt.MouseButton.LeftButton)
    pdf = tmp_path / "Cong van 01-BTTTT-VP 23-11-2026 tra loi kien nghi so den 1.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Số: 01/BTTTT-VP" in text and "ngày 23 tháng 11 năm 2026" in text
    assert view.note.text().startswith(f"Đã lưu: {pdf}")
    printed: list[int] = []

    def preview(doc: QPdfDocument) -> None:
        printed.append(doc.pageCount())

    view.show_print_preview = preview  # type: ignore[method-assign]
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    assert printed == [view.page.pages]
    view.reject()


def test_columns_do_not_clip_and_show_the_whole_text_as_tooltip(
    qtbot: QtBot, ctx: UiContext, first: int
) -> None:
    register.issue_reply(ctx.session, register.draft_reply(ctx.session, [first], answer="Có."))
    second = _register(ctx, "Thái Nguyên", "Quy định về định danh, xác thực điện tử", "7/VPCP")
    register.draft_reply(ctx.session, [second], answer="Có.", drafting_unit="CĐSQG")
    screen = _outgoing(qtbot, ctx, 2)
    metrics = screen.table.fontMetrics()
    for row, col in ((0, 0), (1, 0), (1, 1)):  # a draft's "(dự thảo) …/BTTTT-CĐSQG", a number
        text = screen.model.data(screen.model.index(row, col))
        assert metrics.horizontalAdvance(text) + 8 < screen.table.columnWidth(col), text
    recipients = screen.model.index(0, 3)
    assert screen.model.data(recipients, Qt.ItemDataRole.ToolTipRole) == screen.model.data(
        recipients
    )


def test_the_signer_is_remembered_for_the_next_letter(
    qtbot: QtBot, ctx: UiContext, first: int
) -> None:
    d = _open(qtbot, ctx, first)
    d.name_edit.clear()
    type_text(d.name_edit, "Phạm Đức Long")
    d.title_edit.clear()
    type_text(d.title_edit, "THỨ TRƯỞNG THƯỜNG TRỰC")
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    d.reject()
    second = _register(ctx, "Thái Nguyên", "Quy định về định danh, xác thực điện tử", "7/VPCP")
    again = _open(qtbot, ctx, second)
    assert again.name_edit.text() == "Phạm Đức Long"
    assert again.title_edit.text() == "THỨ TRƯỞNG THƯỜNG TRỰC"
    assert not again.is_dirty()  # pre-selected, not an edit: Esc closes without asking


def test_entering_an_outside_number_confirms_it(
    qtbot: QtBot, ctx: UiContext, _no_modal_dialogs: list[tuple[str, str]]
) -> None:
    from desktop.ui.dialogs.record_outside import RecordOutsideDialog

    screen = _outgoing(qtbot, ctx, 0)

    def fill() -> None:
        d = next(w for w in screen.findChildren(RecordOutsideDialog) if w.isVisible())
        qtbot.keyClicks(d.reference, "15/BTTTT-VP")
        type_text(d.subject, "V/v làm bằng Word")
        d.save()  # answered inside exec(): refused, it would stay open, so close it then
        QTimer.singleShot(5000, d, lambda: d.done(0) if d.isVisible() else None)

    QTimer.singleShot(0, fill)
    assert screen.record_outside()
    assert ("inform", "Đã vào sổ văn bản đi số 15/BTTTT-VP: số này sẽ không được cấp lại.") in (
        _no_modal_dialogs
    )


def test_screenshots(qtbot: QtBot, ctx: UiContext, first: int) -> None:
    """Not a check: pictures of the letter window and the issued-letter view to look at."""
    folder = os.environ.get("LETTER_SHOT_DIR")
    if not folder:
        return
    d = _open(qtbot, ctx, first)
    _type_answer(d, ANSWER)
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.preview_pages > 0, timeout=10_000)
    qtbot.wait(600)
    d.grab().save(str(Path(folder) / "letter_window.png"))
    d.resize(1366 - 24, 768 - 40 - 48)  # a 1366×768 laptop, less the task bar and the title
    qtbot.wait(200)
    d.grab().save(str(Path(folder) / "letter_window_1366.png"))
    assert d.issue()
    screen = _outgoing(qtbot, ctx, 1)
    screen.grab().save(str(Path(folder) / "outgoing.png"))
    screen.open_letter(screen.model.rows[0].id)
    qtbot.waitUntil(lambda: isinstance(screen.opened, LetterView), timeout=5000)
    view = screen.opened
    assert isinstance(view, LetterView)
    qtbot.waitUntil(lambda: view.page.pages > 0, timeout=10_000)
    view.grab().save(str(Path(folder) / "letter_view.png"))


def test_each_signed_in_user_has_a_signer_of_their_own(ctx: UiContext) -> None:
    from desktop.core.session import Session
    from desktop.core.users import User
    from desktop.ui.dialogs import letter_common

    def signed_in(name: str) -> Session:
        user = User(1, name, name, "clerk", None, None, None, "", "admin", None)
        return Session(ctx.session.store, user=user)

    letter_common.remember_signer(signed_in("vanthu1"), "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Phạm Long")
    assert letter_common.remembered_signer(signed_in("vanthu1")) == (
        "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Phạm Long",
    )  # fmt: skip
    assert letter_common.remembered_signer(signed_in("vanthu2")) is None
    assert letter_common.remembered_signer(ctx.session) is None
    # The head signing: no authority line, kept as empty (not dropped, as a registry list would).
    letter_common.remember_signer(signed_in("vanthu2"), "", "BỘ TRƯỞNG", "Nguyễn Mạnh Hùng")
    assert letter_common.remembered_signer(signed_in("vanthu2")) == (
        "", "BỘ TRƯỞNG", "Nguyễn Mạnh Hùng",
    )  # fmt: skip


def test_a_number_entered_by_hand_opens_as_a_view_with_nothing_to_print(
    qtbot: QtBot, ctx: UiContext
) -> None:
    from desktop.core.letters.numbering import record_outside_letter

    record_outside_letter(ctx.session, "15/BTTTT-VP", dt.date(2026, 11, 20), "V/v làm bằng Word")
    screen = _outgoing(qtbot, ctx, 1)
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.model.index(0, 0))
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(screen.opened, LetterView), timeout=5000)
    view = screen.opened
    assert isinstance(view, LetterView)
    assert "15/BTTTT-VP" in view.windowTitle() and "V/v làm bằng Word" in view.facts.text()
    assert "làm ngoài phần mềm" in view.hint.text()
    assert not any(b.isEnabled() for b in (view.docx_button, view.pdf_button, view.print_button))
    view.reject()


def test_a_chase_draft_opens_in_the_letter_window_without_earlier_answers(
    qtbot: QtBot, ctx: UiContext
) -> None:
    from desktop.core import workflow

    pid = _register(ctx, "Hải Phòng", CONTENT, "5606/VPCP-QHĐP")
    workflow.assign(ctx.session, pid, "THH", due_on=dt.date(2026, 11, 10))
    draft_id = register.draft_chase(ctx.session, "THH")
    screen = _outgoing(qtbot, ctx, 1)
    screen.open_letter(draft_id)
    qtbot.waitUntil(lambda: isinstance(screen.opened, LetterDialog), timeout=5000)
    opened = screen.opened
    assert isinstance(opened, LetterDialog)
    assert opened.windowTitle() == "Sửa dự thảo công văn" and opened.side.count() == 1
    assert "đôn đốc" in opened.subject_edit.text()
    opened.reject()
