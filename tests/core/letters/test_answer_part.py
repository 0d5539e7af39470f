"""The answer part of a reply letter: the officer's words, not the restated petition."""

from __future__ import annotations

import dataclasses
import datetime as dt

from db import routing
from desktop.core.letters import kinds, register
from desktop.core.letters.answer_part import answer_part, reply_answer
from desktop.core.letters.kinds import ANSWER_PLACEHOLDER
from desktop.core.session import Session
from tests.vpcp import register_vpcp

TEMPLATE = (
    "Bộ nhận được kiến nghị của UBND. Nội dung kiến nghị như sau:",
    "Hướng dẫn hồ sơ.",
    "Về nội dung kiến nghị nêu trên, Bộ có ý kiến như sau:",
    ANSWER_PLACEHOLDER,
    "Bộ trả lời để UBND biết./.",
)


def _with(answer: list[str], template: tuple[str, ...] = TEMPLATE) -> list[str]:
    at = template.index(ANSWER_PLACEHOLDER)
    return [*template[:at], *answer, *template[at + 1 :]]


def test_the_paragraphs_in_the_blank_are_the_answer() -> None:
    body = _with(["Bộ đã hướng dẫn tại Công văn 12/BTTTT-CĐSQG.", "Đề nghị UBND thực hiện."])
    assert answer_part(body, TEMPLATE) == (
        "Bộ đã hướng dẫn tại Công văn 12/BTTTT-CĐSQG.\nĐề nghị UBND thực hiện."
    )


def test_a_reworded_petition_or_tone_style_does_not_leak_into_the_answer() -> None:
    body = _with(["Đã hoà mạng."])
    body[1] = "Hướng dẫn hồ sơ đề xuất cấp độ (sửa lại)."  # the restatement edited by the clerk
    assert answer_part(body, TEMPLATE) == "Đã hoà mạng."
    # Old-style tones in the template, new-style in the stored body: the same paragraph.
    old_style = tuple(p.replace("hòa", "hoà") for p in TEMPLATE)
    assert answer_part(_with(["Đã hòa mạng."]), old_style) == "Đã hòa mạng."


def test_reworded_anchors_keep_what_still_matches() -> None:
    body = _with(["Trả lời."])
    body[2] = "Về các kiến nghị trên, Bộ trả lời như sau:"  # the lead-in reworded
    assert answer_part(body, TEMPLATE) == "Về các kiến nghị trên, Bộ trả lời như sau:\nTrả lời."
    body = _with(["Trả lời."])[:-1] + ["Trân trọng./."]  # the closing reworded
    assert answer_part(body, TEMPLATE) == "Trả lời.\nTrân trọng./."


def test_no_blank_no_answer() -> None:
    assert answer_part(_with(["Trả lời."]), TEMPLATE[:3]) == ""
    assert answer_part([*TEMPLATE], TEMPLATE) == ""  # the blank still there: nothing answered


def test_issuing_records_only_the_answer_typed_in_the_body(session: Session) -> None:
    (a, *_) = register_vpcp(session, dt.date(2026, 7, 13), dt.date(2026, 7, 10))
    blank = kinds.reply_letter(session, [a])
    typed = [
        "Bộ đã ban hành Thông tư 12/2026/TT-BTTTT hướng dẫn hồ sơ.",
        "Đề nghị địa phương áp dụng.",
    ]
    at = blank.body.index(ANSWER_PLACEHOLDER)
    letter = dataclasses.replace(blank, body=(*blank.body[:at], *typed, *blank.body[at + 1 :]))
    assert reply_answer(session, [a], letter.body) == "\n".join(typed)
    letter_id = register.save_draft(session, letter, kind=register.KIND_REPLY)
    register.issue_reply(session, letter_id)
    (reply,) = routing.replies_of(session.store, a)
    assert reply.text == "\n".join(typed)
    assert "nhận được" not in reply.text and "./." not in reply.text
