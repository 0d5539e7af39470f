"""Moments on screen read dd/mm/yyyy HH:MM, like every date beside them."""

from __future__ import annotations

import datetime as dt
import re

from pytestqt.qtbot import QtBot

from desktop.core import workflow
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.ui.context import UiContext
from desktop.ui.widgets.petition_detail import PetitionDetail

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
MOMENT = re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2} — ", re.MULTILINE)


def test_the_history_pane_writes_moments_day_first(qtbot: QtBot, ctx: UiContext) -> None:
    r = register_document(
        ctx.session,
        DocumentInput(received_on=dt.date(2026, 11, 2), sender="Văn phòng Chính phủ"),
        [PetitionInput("Thái Bình", "Hoàn thiện trục tích hợp quốc gia")],
    )
    workflow.assign(ctx.session, r.petition_ids[0], "THH")
    detail = PetitionDetail(ctx)
    qtbot.addWidget(detail)
    detail.show()
    detail.show_petition(r.petition_ids[0])
    qtbot.waitUntil(lambda: "Lịch sử" in detail.browser.toPlainText())
    text = detail.browser.toPlainText()
    history = text[text.index("Lịch sử") :]
    assert len(MOMENT.findall(history)) == 2, history
    assert not ISO.search(text), text
