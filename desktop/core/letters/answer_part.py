"""The answer part of a reply letter: what the officer wrote as the reply, without the template's
restatement of the petition ("Bộ … nhận được kiến nghị …") or its closing formula.

Issuing records this as the reply to the petitions, and "Dùng câu trả lời này" later pastes it
into another letter; the whole body there would repeat the first petition in the second letter.
The letter's body is worded from a template whose [Nội dung] has one `$answer` line, so the
template worded with the blank shows which paragraphs come before the answer and after it.
"""

from __future__ import annotations

from collections.abc import Sequence

from db.text import fold
from desktop.core.errors import DomainError
from desktop.core.letters.kinds import ANSWER_PLACEHOLDER, reply_letter
from desktop.core.session import Session


def _key(paragraph: str) -> str:
    # Stored bodies are NFC with new-style tones (hòa), the template may say hoà: compare folded.
    return " ".join(fold(paragraph).split())


def _common_prefix(a: Sequence[str], b: Sequence[str]) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def answer_part(
    body: Sequence[str], template: Sequence[str], blank: str = ANSWER_PLACEHOLDER
) -> str:
    """The paragraphs of `body` where `template` (the body worded with `blank`) has the blank.

    The answer starts after the last paragraph that leads up to it ("… có ý kiến như sau:") and
    ends before the closing one ("… trả lời để … biết./."); a clerk who reworded those keeps
    what still matches the template at the start and the end. "" when the template has no blank.
    """
    keys, shape = [_key(p) for p in body], [_key(p) for p in template]
    blank_key = _key(blank)
    if blank_key not in shape:
        return ""
    at = shape.index(blank_key)
    before, after = shape[:at], shape[at + 1 :]
    start = 0
    if before:
        leads = [i for i, k in enumerate(keys) if k == before[-1]]
        start = leads[-1] + 1 if leads else _common_prefix(keys, before)
    end = len(keys)
    if after:
        closes = [j for j in range(start, len(keys)) if keys[j] == after[0]]
        if closes:
            end = closes[0]
        else:
            tail = _common_prefix(keys[start:][::-1], after[::-1])
            end = len(keys) - tail
    return "\n".join(
        p for p, k in zip(body[start:end], keys[start:end], strict=True) if k != blank_key
    )


def reply_answer(session: Session, petition_ids: Sequence[int], body: Sequence[str]) -> str:
    """The answer part of a reply letter to these petitions ("" when it cannot be told)."""
    if not petition_ids or not body:
        return ""
    try:
        template = reply_letter(session, petition_ids, answer="").body
    except DomainError:
        return ""  # a petition withdrawn or settings missing: the caller keeps the whole body
    return answer_part(body, template)
