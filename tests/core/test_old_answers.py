"""Replies recorded before issuing kept the answer part hold their letter's whole body; reused
("Dùng câu trả lời này"), they give the answer part only — the restated petition stays out."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.core import similar, workflow
from desktop.core.letters import kinds
from desktop.core.letters.answer_part import reusable_answer
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session

D = dt.date
REQUEST = "Đề nghị Bộ hướng dẫn định mức chi phí thuê dịch vụ công nghệ thông tin theo Nghị định 73"
ANSWER = (
    "Bộ đã ban hành Thông tư 12/2026/TT-BTTTT hướng dẫn định mức chi phí thuê dịch vụ."
    "\nĐề nghị địa phương áp dụng từ ngày 01/7/2026."
)


def _petition(session: Session, origin: str, day: dt.date, content: str = REQUEST) -> int:
    doc = DocumentInput(received_on=day, sender="Văn phòng Chính phủ", sender_ref="1/VPCP-QHĐP")
    return register_document(session, doc, [PetitionInput(origin, content)]).petition_ids[0]


def _replied_the_old_way(session: Session) -> tuple[int, str]:
    """Hà Tĩnh answered by a letter whose whole body was recorded as the reply, as before."""
    pid = _petition(session, "Hà Tĩnh", D(2026, 3, 2))
    body = kinds.reply_letter(session, [pid], answer=ANSWER).body
    stored = "\n".join(body)
    workflow.reply(session, [pid], "answered", stored, replied_on=D(2026, 4, 10),
                   letter_ref="456/BTTTT-THH")  # fmt: skip
    return pid, stored


def test_an_old_whole_body_reply_gives_its_answer_part(session: Session) -> None:
    answered, stored = _replied_the_old_way(session)
    assert stored.startswith(
        "Bộ Thông tin và Truyền thông nhận được kiến nghị của Ủy ban nhân dân tỉnh Hà Tĩnh"
    )
    assert REQUEST in stored  # the restated petition is in what was stored
    assert reusable_answer(stored) == ANSWER
    current = _petition(session, "Quảng Bình", D(2026, 11, 2), "Kiến nghị Bộ sớm " + REQUEST)
    (found,) = similar.similar_to_petitions(session.store, [current], min_score=0.1)
    assert found.id == answered and found.reply is not None
    assert found.reply.text == ANSWER  # what the panel shows and "Dùng" pastes


@pytest.mark.engine_free
def test_an_answer_written_as_such_is_reused_as_it_is() -> None:
    assert reusable_answer(ANSWER) == ANSWER
    # Reworded around the answer: the lead kept, the closing formula changed by the clerk.
    body = (
        "Văn phòng Bộ nhận được công văn của tỉnh.\nVề nội dung kiến nghị nêu trên, Bộ Khoa học"
        " và Công nghệ có ý kiến như sau:\nĐã xử lý.\nTrân trọng./."
    )
    assert reusable_answer(body) == "Đã xử lý.\nTrân trọng./."
    hoa = "Về nội dung kiến nghị nêu trên, Bộ có ý kiến như sau:\nĐã hoà giải.\nBộ trả lời để"
    assert reusable_answer(hoa + " UBND tỉnh Hòa Bình biết./.") == "Đã hoà giải."
