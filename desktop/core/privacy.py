"""Personal numbers in petition text (Decree 13/2023): phone numbers and citizen ID numbers.

Exports and printed registers mask them by default (`0912 *** 678`); letters and the screen do
not (the clerk needs the number; a letter goes back to the person who gave it).

Phone numbers are found by Google's libphonenumber (the `phonenumberslite` package: the same
matcher as `phonenumbers` without its 40 MB of geocoding data), at its VALID leniency: it knows
Vietnam's mobile and landline prefixes and lengths, the `+84`/`84` forms, spaces, dots, dashes
and brackets, and already leaves dates and most amounts alone. What it cannot know is read from
the text around it here: agency hotlines (1800/1900) and tax codes are not personal, a number
glued to `/` is a document number, a number followed by `đồng` is an amount. Citizen IDs (CCCD,
12 digits; CMND, 9) have no check digit to test, so they are taken after a word that names them
("CCCD số", "căn cước", "số định danh") or as a bare run of exactly 9 or 12 digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Kind = Literal["phone", "citizen_id"]

MASK = "*"
KEEP_TAIL = 3  # the last 3 digits stay, so a clerk can still tell two people's numbers apart

# Cheap test before the matcher (which costs ~100 µs a text): a run of 7+ digits, separated or not.
_DIGIT_RUN = re.compile(r"\d(?:[\s.\-()]{0,3}\d){6,}")


@lru_cache(maxsize=1)
def _not_personal() -> frozenset[int]:
    """Business lines, not a person's: toll-free 1800, premium 1900, shared cost, UAN."""
    import phonenumbers as pn  # on first use: the matcher's data costs ~0.1 s to load

    t = pn.PhoneNumberType
    return frozenset({t.TOLL_FREE, t.PREMIUM_RATE, t.SHARED_COST, t.UAN})


# A quantity, not a number to call: `912.000.000 đồng`, `123456789 m2`.
_UNIT_AFTER = re.compile(
    r"\s*(?:đồng|đ\b|vnđ|vnd|usd|triệu|tỷ|tỉ|nghìn|ngàn|m2|m²|m3|ha\b|km|kg|tấn|người|hộ\b|lượt|%)",
    re.IGNORECASE,
)
# Thousands written with dots and no leading zero: an amount (`120.000.000`), never a phone.
_AMOUNT = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
# A tax or enterprise code (mã số thuế) has a phone's shape but names a business.
_TAX_BEFORE = re.compile(
    r"(?:mã\s+số\s+thuế|\bmst|mã\s+số\s+doanh\s+nghiệp|\bmsdn)\W{0,3}(?:số|là)?\W{0,3}$",
    re.IGNORECASE,
)

# 12 digits as 3-3-3-3 or 4-4-4, 9 as 3-3-3, or a run of 9 to 12.
_ID_NUMBER = (
    r"\d{3}[ .]\d{3}[ .]\d{3}[ .]\d{3}|\d{4}[ .]\d{4}[ .]\d{4}|\d{3}[ .]\d{3}[ .]\d{3}|\d{9,12}"
)
_ID_WORDS = (
    r"cccd|cmnd|cmtnd|căn\s+cước(?:\s+công\s+dân)?|chứng\s+minh\s+(?:nhân\s+dân|thư)"
    r"|số\s+định\s+danh(?:\s+cá\s+nhân)?"
)
# After a word naming the ID: 9 to 12 digits, grouped or not ("CCCD số: 001 203 004 567").
_ID_AFTER_WORD = re.compile(
    rf"(?:{_ID_WORDS})[^\d\n]{{0,20}}?(?<![\d/])(?P<num>{_ID_NUMBER})(?![\d/])", re.IGNORECASE
)
# Alone: exactly 9 or 12 digits, not part of a code, a decimal or a longer number.
_ID_BARE = re.compile(r"(?<![\w/.,\-])(?P<num>\d{12}|\d{9})(?![\w/\-]|[.,]\d)")


@dataclass(frozen=True)
class Found:
    """A personal number in a text: where it is, what it is, as written."""

    start: int
    end: int
    kind: Kind
    text: str
    keep_head: int  # digits shown at the start: `0912`, `+84 912`, a CCCD's `0012`


def _glued_to_code(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before in "/\\" or after in "/\\" or (after == "-" and text[end + 1 : end + 2].isalpha())


def _phones(text: str) -> list[Found]:
    import phonenumbers as pn

    found = []
    for m in pn.PhoneNumberMatcher(text, "VN", leniency=pn.Leniency.VALID):
        raw = m.raw_string
        if pn.number_type(m.number) in _not_personal() or _glued_to_code(text, m.start, m.end):
            continue
        if _UNIT_AFTER.match(text, m.end) or (_AMOUNT.fullmatch(raw) and not raw.startswith("+")):
            continue
        if _TAX_BEFORE.search(text[max(0, m.start - 30) : m.start]):
            continue
        digits = re.sub(r"\D", "", raw)
        national = pn.national_significant_number(m.number)
        # The digits before the national number (trunk 0, or the country code 84) plus 3.
        prefix = len(digits) - len(national) if digits.endswith(national) else 1
        found.append(Found(m.start, m.end, "phone", raw, prefix + 3))
    return found


def _citizen_ids(text: str) -> list[Found]:
    spans: dict[int, Found] = {}
    for m in _ID_AFTER_WORD.finditer(text):
        start, end = m.span("num")
        spans[start] = Found(start, end, "citizen_id", m["num"], 4)
    for m in _ID_BARE.finditer(text):
        start, end = m.span("num")
        if start not in spans and not _UNIT_AFTER.match(text, end):
            spans[start] = Found(start, end, "citizen_id", m["num"], 4)
    return list(spans.values())


def find_personal_numbers(text: str) -> list[Found]:
    """The phone and citizen ID numbers in `text`, in order, none overlapping."""
    if not text or not _DIGIT_RUN.search(text):
        return []
    chosen: list[Found] = []
    # Phones first: a 9-digit run the phone matcher recognised is masked as a phone.
    for item in sorted(_phones(text) + _citizen_ids(text), key=lambda f: f.kind != "phone"):
        if all(item.end <= c.start or item.start >= c.end for c in chosen):
            chosen.append(item)
    return sorted(chosen, key=lambda f: f.start)


def mask_number(written: str, keep_head: int = 4, keep_tail: int = KEEP_TAIL) -> str:
    """`0912 345 678` → `0912 *** 678`: the middle digits starred, the grouping kept."""
    total = sum(ch.isdigit() for ch in written)
    out, seen = [], 0
    for ch in written:
        if ch.isdigit():
            seen += 1
            hidden = keep_head < seen <= total - keep_tail
            out.append(MASK if hidden else ch)
        else:
            out.append(ch)
    return "".join(out)


def mask_personal_numbers(text: str) -> str:
    """`text` with every phone and citizen ID number masked; anything else untouched."""
    found = find_personal_numbers(text)
    if not found:
        return text
    parts, last = [], 0
    for f in found:
        parts += [text[last : f.start], mask_number(f.text, f.keep_head)]
        last = f.end
    parts.append(text[last:])
    return "".join(parts)


def masked_or_not(text: str, *, masked: bool) -> str:
    """The text as an export writes it: masked unless an unmasked export was allowed."""
    return mask_personal_numbers(text) if masked else text
