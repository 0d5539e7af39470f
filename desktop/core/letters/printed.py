"""The công văn as printed, the same for the DOCX and the PDF renderer.

User text is cleaned (NFC, no control characters, none of the code points that XML forbids and
no font has), one-line fields have their inner newlines and space runs folded, the CAPS fields
are upper-cased, and empty recipients, copies and paragraphs are dropped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from typing import Any

from db.text import clean
from desktop.core.letters.model import Letter

COPIES_LABEL = "Nơi nhận:"
_NOT_TEXT = re.compile("[\ud800-\udfff\ufffe\uffff]")  # clean() keeps them; XML forbids them
_CAPS_FIELDS = ("agency", "parent_agency", "national_title", "signer_authority", "signer_title")
_LINE_FIELDS = ("symbol", "subject", "signer_name", "place", "motto")


def printable(value: str) -> str:
    """User text as it can be printed: cleaned, without code points no file may hold."""
    return clean(_NOT_TEXT.sub("", value))


def printed_line(value: str) -> str:
    """One printed line: cleaned, inner newlines and space runs folded to single spaces."""
    return " ".join(printable(value).split())


def printed_caps(value: str) -> str:
    """One printed line in capitals (agency names, titles)."""
    # upper() can leave a string that is no longer NFC (ΐ → Ϊ́).
    return unicodedata.normalize("NFC", printed_line(value).upper())


def printed_letter(letter: Letter) -> Letter:
    """The letter as printed: every field cleaned, CAPS fields upper-cased, empty items dropped."""
    fields: dict[str, Any] = {name: printed_caps(getattr(letter, name)) for name in _CAPS_FIELDS}
    fields |= {name: printed_line(getattr(letter, name)) for name in _LINE_FIELDS}
    fields["recipients"] = tuple(r for r in map(printed_line, letter.recipients) if r)
    fields["copies"] = tuple(c for c in map(printed_line, letter.copies) if c)
    fields["body"] = tuple(
        p for item in letter.body for p in printable(item).split("\n") if p.strip()
    )
    return dataclasses.replace(letter, **fields)


def printed_lines(letter: Letter, today: dt.date) -> list[str]:
    """Every line the letter prints, in reading order (left header column before the right)."""
    lt = printed_letter(letter)
    lines = [lt.parent_agency, lt.agency, lt.number_text, lt.subject]
    lines += [lt.national_title, lt.motto, lt.date_text(today)]
    lines += lt.recipient_lines() if lt.recipients else []
    lines += [*lt.body, lt.signer_authority, lt.signer_title, lt.signer_name]
    lines += [COPIES_LABEL, *lt.copy_lines()]
    return [line for line in lines if line]
