"""Giao xử lý: a due date typed in the past is asked about, one on a day off is offered the
next working day; the petition's own date (even past) is not questioned again."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from db import petitions as pet
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs.assign import AssignDialog
from desktop.ui.qt import QDialog, Qt
from tests.ui.conftest import type_text
from tests.ui.saving import wait_accepted

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


@pytest.fixture
def pid(ctx: UiContext) -> int:
    r = register_document(
        ctx.session,
        DocumentInput(received_on=dt.date(2026, 11, 20), sender="Văn phòng Chính phủ"),
        [PetitionInput("Thái Bình", "Hoàn thiện trục tích hợp quốc gia")],
    )
    return int(r.petition_ids[0])


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[bool]]:
    """Questions asked, and the answers to give in turn."""
    asked: list[str] = []
    replies: list[bool] = []

    def confirm(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return replies.pop(0)

    monkeypatch.setattr(ask, "confirm", confirm)
    return asked, replies


def _dialog(qtbot: QtBot, ctx: UiContext, pid: int, due: str) -> AssignDialog:
    d = AssignDialog(ctx, [pid], None)
    qtbot.addWidget(d)
    d.show()
    type_text(d.lead_edit, "Cục Tin học hóa")
    d.completer.popup().hide()
    d.due_edit.line.selectAll()
    d.due_edit.line.del_()
    type_text(d.due_edit.line, due)
    return d


def _due(ctx: UiContext, pid: int) -> dt.date | None:
    p = pet.get_petition(ctx.session.store, pid)
    return p.due_on if p else None


def test_a_past_due_date_is_asked_and_no_keeps_the_dialog_open(
    qtbot: QtBot, ctx: UiContext, pid: int, answers: tuple[list[str], list[bool]]
) -> None:
    asked, replies = answers
    before = _due(ctx, pid)
    d = _dialog(qtbot, ctx, pid, "20/11/2026")  # today is 23/11/2026
    replies.append(False)
    qtbot.keyClick(d.due_edit.line, Qt.Key.Key_Return)
    assert d.isVisible() and d.result() != QDialog.DialogCode.Accepted
    assert "20/11/2026 đã qua" in asked[0]
    assert _due(ctx, pid) == before
    replies.append(True)
    qtbot.keyClick(d.due_edit.line, Qt.Key.Key_Return)
    wait_accepted(qtbot, ctx, d)
    assert _due(ctx, pid) == dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    ("typed", "kind", "moved"),
    [
        ("05/12/2026", "thứ Bảy", dt.date(2026, 12, 7)),
        ("06/12/2026", "Chủ nhật", dt.date(2026, 12, 7)),
        ("01/01/2027", "ngày nghỉ lễ", dt.date(2027, 1, 4)),
    ],
)
def test_a_day_off_is_offered_the_next_working_day(
    qtbot: QtBot,
    ctx: UiContext,
    pid: int,
    answers: tuple[list[str], list[bool]],
    typed: str,
    kind: str,
    moved: dt.date,
) -> None:
    asked, replies = answers
    d = _dialog(qtbot, ctx, pid, typed)
    replies.append(True)  # "Dời sang ngày làm việc kế tiếp?" yes
    qtbot.keyClick(d.due_edit.line, Qt.Key.Key_Return)
    wait_accepted(qtbot, ctx, d)
    assert kind in asked[0] and f"{moved:%d/%m/%Y}" in asked[0]
    assert _due(ctx, pid) == moved


def test_a_day_off_kept_when_the_clerk_says_no(
    qtbot: QtBot, ctx: UiContext, pid: int, answers: tuple[list[str], list[bool]]
) -> None:
    asked, replies = answers
    d = _dialog(qtbot, ctx, pid, "05/12/2026")
    replies.append(False)
    qtbot.keyClick(d.due_edit.line, Qt.Key.Key_Return)
    wait_accepted(qtbot, ctx, d)
    assert len(asked) == 1
    assert _due(ctx, pid) == dt.date(2026, 12, 5)


def test_the_petitions_own_date_is_not_questioned(
    qtbot: QtBot, ctx: UiContext, pid: int, answers: tuple[list[str], list[bool]]
) -> None:
    asked, _ = answers
    d = AssignDialog(ctx, [pid], None)
    qtbot.addWidget(d)
    d.show()
    type_text(d.lead_edit, "Cục Tin học hóa")
    d.completer.popup().hide()
    qtbot.keyClick(d.due_edit.line, Qt.Key.Key_Return)
    wait_accepted(qtbot, ctx, d)
    assert asked == []
