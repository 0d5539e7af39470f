"""The answer part of a reply letter: what the officer wrote as the reply, without the template's
restatement of the petition ("Bộ … nhận được kiến nghị …") or its closing formula.

Issuing records this as the reply to the petitions, and "Dùng câu trả lời này" later pastes it
into another letter; the whole body there would repeat the first petition in the second letter.
The letter's body is worded from a template whose [Nội dung] has one `$answer` line, so the
template worded with the blank shows which paragraphs come before the answer and after it.

Replies recorded before this was so hold the whole body of their letter. No migration rewrites
them (the stored text is what was recorded); `reusable_answer` recognises such a body by the
template's own paragraphs around `$answer` — their words as written, any text where a
placeholder stands — and gives the answer part when one is reused.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Sequence

from db.text import fold
from desktop.core.errors import DomainError
from desktop.core.letters.kinds import ANSWER_PLACEHOLDER, REPLY_TEMPLATE, reply_letter
from desktop.core.letters.wording import template_section
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


_SLOT = "\ue000"  # stands for a placeholder while the template line is folded


def _pattern(line: str) -> re.Pattern[str] | None:
    """A template paragraph as a pattern over folded paragraphs; None when it is only
    placeholders (`$petitions` would match anything)."""
    marked = string.Template(line).safe_substitute(_Slots())
    pieces = _key(marked).split(_SLOT)
    if not "".join(pieces).strip(" .,:;"):
        return None
    return re.compile(".+?".join(re.escape(p) for p in pieces))


class _Slots(dict[str, str]):
    def __missing__(self, _name: str) -> str:
        return _SLOT


@functools.lru_cache(maxsize=1)
def _around_answer() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    # The paragraph leading up to the answer ("Về nội dung … có ý kiến như sau:") and the one
    # closing the letter ("… trả lời để … biết./."), as the reply template words them.
    try:
        body = template_section(REPLY_TEMPLATE, "body")
    except DomainError:
        return None, None
    at = next((i for i, line in enumerate(body) if "$answer" in line), None)
    if at is None:
        return None, None
    leads = [p for line in body[:at] if (p := _pattern(line))]
    closes = [p for line in body[at + 1 :] if (p := _pattern(line))]
    return (leads[-1] if leads else None), (closes[0] if closes else None)


def reusable_answer(text: str) -> str:
    """The answer to reuse from a recorded reply: the answer part of a whole letter body
    recorded as the reply (before issuing kept the answer only), else the text as it is."""
    lead, close = _around_answer()
    paragraphs = [p for p in text.split("\n") if p.strip()]
    keys = [_key(p) for p in paragraphs]
    starts = [i for i, k in enumerate(keys) if lead is not None and lead.fullmatch(k)]
    if not starts:
        return text
    start = starts[-1] + 1
    end = next(
        (j for j in range(start, len(keys)) if close is not None and close.fullmatch(keys[j])),
        len(keys),
    )
    return "\n".join(paragraphs[start:end]) or text
