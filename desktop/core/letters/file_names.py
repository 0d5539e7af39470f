"""The file name offered when a letter is saved: what it is, readable on any disk.

"Cong van 05-BTTTT-VP 01-12-2026 tra loi kien nghi so den 45.docx" for an issued reply,
"Du thao tra loi kien nghi so den 45 - UBND thanh pho Hai Phong.docx" for a draft. Names are
ASCII (a USB stick formatted FAT, a mail gateway, an old Windows share all keep them), carry no
character Windows refuses, and stay short enough for a deep folder on Windows (MAX_PATH 260).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from db import documents as docs
from db import petitions as pet
from desktop.core.dates import format_file_date
from desktop.core.letters.model import Letter
from desktop.core.session import Session

MAX_STEM = 120  # characters before the suffix; leaves room for the folder on Windows
SHOWN_NUMBERS = 3  # số đến named in the name; more are counted
_INVALID = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_SUBJECT_HEAD = re.compile(r"^\s*v\s*/\s*v\s*", re.IGNORECASE)
_REPLY_HEAD = re.compile(r"^tra loi kien nghi\s*(cua\s+)?", re.IGNORECASE)


def ascii_text(text: str) -> str:
    """`Trả lời Đà Nẵng` → `Tra loi Da Nang`: marks dropped, đ→d, case kept, other letters gone."""
    text = text.replace("đ", "d").replace("Đ", "D")
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return plain.encode("ascii", "ignore").decode("ascii")


def _safe(text: str) -> str:
    return " ".join(_INVALID.sub(" ", ascii_text(text)).split())


def _bounded(stem: str) -> str:
    stem = stem if len(stem) <= MAX_STEM else stem[:MAX_STEM].rsplit(" ", 1)[0]
    # Windows drops a trailing dot or space silently; a dangling separator reads as cut off.
    return stem.rstrip(" .,-") or "Cong van"


def _numbers(incoming_nos: Sequence[int]) -> str:
    shown = ", ".join(str(n) for n in incoming_nos[:SHOWN_NUMBERS])
    more = len(incoming_nos) - SHOWN_NUMBERS
    return f"so den {shown}" + (f" va {more} van ban khac" if more > 0 else "")


def suggested_name(
    letter: Letter, suffix: str, *, incoming_nos: Sequence[int] = (), reply: bool = True
) -> str:
    """The file name to offer for `letter` (suffix ".docx", ".pdf" or "" for a print job)."""
    subject = _safe(_SUBJECT_HEAD.sub("", letter.subject))
    short = _REPLY_HEAD.sub("", subject).strip() if reply else subject
    if reply and incoming_nos:
        what = f"tra loi kien nghi {_numbers(list(dict.fromkeys(incoming_nos)))}"
    else:
        what, short = subject or "cong van", ""
    if letter.number is not None:
        day = f" {format_file_date(letter.issued_on)}" if letter.issued_on else ""
        stem = f"Cong van {letter.number:02d}-{_safe(letter.symbol)}{day} {what}"
    else:
        stem = f"Du thao {what}" + (f" - {short}" if short else "")
    return _bounded(stem) + suffix


def incoming_numbers(session: Session, petition_ids: Sequence[int]) -> list[int]:
    """Số đến of the documents the petitions came with, in the petitions' order, each once."""
    found: list[int] = []
    for pid in dict.fromkeys(petition_ids):
        p = pet.get_petition(session.store, pid)
        doc = docs.get_document(session.store, p.document_id) if p and p.document_id else None
        if doc is not None and doc.incoming_no not in found:
            found.append(doc.incoming_no)
    return found
