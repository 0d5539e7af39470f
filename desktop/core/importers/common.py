"""Shared by the DOCX and XLSX readers: text hygiene, header names, dates, document metadata."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Literal

from db.text import clean, fold, new_style_tones
from desktop.core.importers.limits import thousands
from desktop.core.importers.model import ImportFailed, Metadata, ParsedRow

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_CELL_CHARS = 20_000
# Metadata lines (Số:, ngày ..., V/v ...) are short; longer paragraphs are body text.
MAX_META_LINE = 2_000

Role = Literal[
    "ordinal",
    "origin",
    "content",
    "field",
    "summary",
    "due_on",
    "sender",
    "sender_ref",
    "sender_date",
]

# Header names after `header_key` (folded, punctuation → space). Exact matches only, so that
# "Cơ quan chủ trì" or "Nội dung trả lời" never pass for the origin or the petition column.
_HEADER_PATTERNS: dict[Role, re.Pattern[str]] = {
    "ordinal": re.compile(r"(stt|tt|so tt|so thu tu|thu tu)"),
    "origin": re.compile(
        r"(ten )?(dia phuong|don vi|co quan|tinh|tinh thanh pho|tinh tp|tinh thanh|thanh pho"
        r"|co quan don vi|don vi co quan|don vi dia phuong|dia phuong don vi|noi kien nghi"
        r"|doan dbqh|doan dai bieu quoc hoi)"
        r"( kien nghi| de nghi| de xuat)?"
    ),
    "content": re.compile(
        r"(kien nghi|de xuat|kien nghi de xuat|de xuat kien nghi|noi dung"
        r"|noi dung (kien nghi|de nghi|de xuat|kien nghi de xuat)"
        r"|noi dung kien nghi cua (dia phuong|don vi)|noi dung chi tiet)"
    ),
    "field": re.compile(r"(linh vuc|nganh linh vuc|linh vuc kien nghi|nhom linh vuc)"),
    "summary": re.compile(
        r"(tom tat|trich yeu|tom tat noi dung|trich yeu noi dung|noi dung tom tat"
        r"|tom tat kien nghi|tom tat noi dung kien nghi)"
    ),
    "due_on": re.compile(
        r"(han tra loi|thoi han|han xu ly|thoi han tra loi|thoi han xu ly|han giai quyet"
        r"|thoi han giai quyet|han hoan thanh|thoi han hoan thanh)"
    ),
    "sender": re.compile(r"(co quan gui|noi gui|don vi gui|co quan ban hanh)"),
    "sender_ref": re.compile(
        r"(so van ban|so ky hieu|so ky hieu van ban|so va ky hieu|so hieu van ban|so vb"
        r"|so cong van|so hieu)"
    ),
    "sender_date": re.compile(r"(ngay van ban|ngay ban hanh|ngay vb|ngay ky|ngay cong van)"),
}
_KEY_NUMBERING = re.compile(r"\(\s*\d+\s*\)|\[\s*\d+\s*\]|\*")
_KEY_PUNCT = re.compile(r"[^\w]+")


def tidy(text: str | None) -> str:
    """NFC, no control characters, new-style tones, tidy spaces; keeps line breaks."""
    return new_style_tones(clean(text))


def tidy_lines(text: str | None) -> str:
    """Like `tidy`, and drops empty lines (blank paragraphs inside a cell)."""
    return "\n".join(line for line in tidy(text).split("\n") if line)


def guard_length(path: Path, text: str, row: int | None) -> None:
    """Refuse a cell longer than MAX_CELL_CHARS (before any costly work on it)."""
    if len(text) > MAX_CELL_CHARS:
        # The DOCX reader stops reading a cell past twice the limit: then it is "or more".
        more = " trở lên" if len(text) > 2 * MAX_CELL_CHARS else ""
        raise ImportFailed(
            path,
            f"ô dài quá 20.000 ký tự (có {thousands(len(text))} ký tự{more}); "
            "hãy tách hoặc rút gọn nội dung",
            row,
        )


def header_key(text: str) -> str:
    """Fold a header cell for matching: no accents or case, punctuation and (1) numbers gone."""
    if len(text) > 200:
        return ""
    key = _KEY_NUMBERING.sub(" ", fold(clean(text)))
    return " ".join(_KEY_PUNCT.sub(" ", key).replace("_", " ").split())


def match_header(cells: Iterable[str]) -> dict[Role, int] | None:
    """Column index per recognised role, or None unless both origin and content are there."""
    roles: dict[Role, int] = {}
    for index, text in enumerate(cells):
        key = header_key(text)
        if not key:
            continue
        for role, pattern in _HEADER_PATTERNS.items():
            if role not in roles and pattern.fullmatch(key):
                roles[role] = index
                break
    if "origin" in roles and "content" in roles and roles["origin"] != roles["content"]:
        return roles
    return None


_NUMBERING_CELL = re.compile(r"\(?\s*\d{1,2}\s*\)?\.?")
_SECTION_ORDINAL = re.compile(r"[IVXLC]{1,6}\.?|[A-Z]\.?")


def is_numbering_row(texts: Iterable[str]) -> bool:
    """True for the "(1) (2) (3)" row printed under a header."""
    filled = [t for t in texts if t]
    return len(filled) >= 2 and all(_NUMBERING_CELL.fullmatch(t) for t in filled)


# A table's header is in its first rows (a title row or two may come first inside the table).
HEADER_SCAN_ROWS = 5


def is_heading_row(texts: Sequence[str]) -> bool:
    """A row that is no petition: the header repeated on a later page, or "(1) (2) (3)"."""
    return match_header(texts) is not None or is_numbering_row(texts)


# ---- dates -----------------------------------------------------------------------------------

_LONG_DATE = r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s*,?\s+nam\s+(\d{4})"
_SHORT_DATE = r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})"
_ANY_DATE = rf"(?:{_LONG_DATE}|(?:ngay\s+)?{_SHORT_DATE})"
_BARE_LONG = r"(\d{1,2})\s+thang\s+(\d{1,2})\s*,?\s+nam\s+(\d{4})"
_CELL_DATE = re.compile(rf"\s*(?:{_ANY_DATE}|{_BARE_LONG})\s*\.?\s*")


def _date_of(groups: tuple[str | None, ...]) -> tuple[int, int, int]:
    """Day, month, year from the first filled triple of regex groups."""
    for i in range(0, len(groups) - 2, 3):
        d, m, y = groups[i : i + 3]
        if d and m and y:
            return int(d), int(m), int(y)
    raise ValueError("no date groups")


def make_date(day: int, month: int, year: int) -> date | None:
    """A real calendar date in a plausible range, else None."""
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def cell_text(value: object) -> str:
    """A spreadsheet or table value as text (STT 1.0 → "1", dates as dd/mm/yyyy)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def to_date(path: Path, value: object, row: int | None) -> date | None:
    """A date cell or dd/mm/yyyy (or "ngày D tháng M năm YYYY") text; anything else refused."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = tidy(cell_text(value)) if not isinstance(value, time) else value.isoformat()
    if not text:
        return None
    guard_length(path, text, row)
    match = _CELL_DATE.fullmatch(aligned_fold(text)) if isinstance(value, str) else None
    found = make_date(*_date_of(match.groups())) if match else None
    if found is None:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise ImportFailed(path, f"ngày «{shown}» không hợp lệ (cần dd/mm/yyyy)", row)
    return found


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    folded = fold(ch)
    return folded if len(folded) == 1 else ch.lower() if len(ch.lower()) == 1 else ch


def aligned_fold(text: str) -> str:
    """`fold`, one character for one, so a match's span also indexes the original text."""
    return "".join(map(_fold_char, text))


# ---- document metadata -----------------------------------------------------------------------

_REF = r"(\d+\s*/\s*[^\s,;()]*[a-z][^\s,;()]*)"
_NUMBER_LINE = re.compile(r"so(?:\s+va)?(?:\s+ky\s+hieu)?\s*[:.]?\s*" + _REF)
_ANNEX_LINE = re.compile(
    r"\(?\s*kem\s+theo\b[^\d]*?\bso\s*:?\s*"
    + _REF
    + rf"(?:\s*,?\s*{_ANY_DATE})?(?:\s*,?\s*cua\s+(?P<sender>[^)]+))?"
)
_DATE_LINE = re.compile(rf"(?:[^\d,;:]{{1,40}},\s*)?{_ANY_DATE}\s*\.?")
_REPLY = re.compile(rf"(?:truoc|cham\s+nhat(?:\s+la)?|han\s+chot(?:\s+la)?)\s+{_ANY_DATE}")
_SUMMARY_LINE = re.compile(r"(?:v\s*/\s*v|ve\s+viec)\b")
_SEPARATOR = re.compile(r"[\W_]*")
_MOTTO = ("cong hoa xa hoi", "doc lap", "dang cong san")


def _checked_date(path: Path, groups: tuple[str | None, ...], shown: str, row: int | None) -> date:
    found = make_date(*_date_of(groups))
    if found is None:
        raise ImportFailed(path, f"ngày «{shown}» không hợp lệ (không có ngày này)", row)
    return found


def _clean_ref(text: str) -> str:
    return re.sub(r"\s+", "", text).rstrip(".")


def scan_metadata(path: Path, lines: Iterable[tuple[str, int | None]]) -> Metadata:
    """Read Số, ngày, trước ngày, V/v and the sender from lines (text, sheet row or None)."""
    meta = Metadata()
    annex = Metadata()
    seen: list[str] = []
    for raw, row in lines:
        for text in tidy(raw).split("\n"):
            if not text or len(text) > MAX_META_LINE:
                continue
            key = aligned_fold(text)
            number = _NUMBER_LINE.match(key)
            if number and meta.sender_ref is None:
                meta.sender_ref = _clean_ref(text[number.start(1) : number.end(1)])
                meta.sender = meta.sender or heading_sender(seen)
            dated = _DATE_LINE.fullmatch(key)
            if dated and meta.sender_date is None:
                shown = text[dated.start() : dated.end()].split(",")[-1].strip()
                meta.sender_date = _checked_date(path, dated.groups(), shown, row)
            reply = _REPLY.search(key)
            if reply and meta.reply_by is None:
                shown = text[reply.start() : reply.end()]
                meta.reply_by = _checked_date(path, reply.groups(), shown, row)
            if meta.summary is None and _SUMMARY_LINE.match(key):
                meta.summary = text
            found = _ANNEX_LINE.match(key)
            if found and annex.sender_ref is None:
                annex.sender_ref = _clean_ref(text[found.start(1) : found.end(1)])
                if any(found.groups()[1:7]):
                    shown = text[found.end(1) : found.start("sender") if found["sender"] else None]
                    annex.sender_date = _checked_date(path, found.groups()[1:7], shown, row)
                if found["sender"]:
                    sender = text[found.start("sender") : found.end("sender")]
                    annex.sender = sender.strip().rstrip(").").strip() or None
            seen.append(text)
    # The annex line names the sender in running text, properly cased: prefer it.
    return Metadata(
        sender=annex.sender or meta.sender,
        sender_ref=meta.sender_ref or annex.sender_ref,
        sender_date=meta.sender_date or annex.sender_date,
        reply_by=meta.reply_by,
        summary=meta.summary,
    )


def heading_sender(before: list[str]) -> str | None:
    """The issuing agency: the capitalised heading lines just above the "Số:" line."""
    picked: list[str] = []
    for text in reversed(before[-8:]):
        key = aligned_fold(text)
        if _SEPARATOR.fullmatch(text) or key.startswith(_MOTTO):
            continue
        if text != text.upper() or not any(ch.isalpha() for ch in text):
            break
        picked.insert(0, text)
        if len(picked) == 2:
            break
    if len(picked) < 2 or _is_place(picked[1].split()[0]):
        # One name, possibly over two lines: "ỦY BAN NHÂN DÂN / TỈNH BẾN TRE".
        return agency_case(" ".join(picked)) if picked else None
    # "UBND TỈNH BẾN TRE / SỞ THÔNG TIN VÀ TRUYỀN THÔNG": the lower line issues the letter.
    parent = agency_case(picked[0]).split()
    place = next((i for i, word in enumerate(parent) if _is_place(word)), None)
    unit = agency_case(picked[1])
    return unit if place is None else f"{unit} {' '.join(parent[place:])}"


def _is_place(word: str) -> bool:
    return fold(word).strip(",.") in {"tinh", "thanh", "huyen", "tp", "thi"}


_KEEP_UPPER = {"ubnd", "hdnd", "tw", "tttt", "cntt", "tp", "vpcp", "qh", "bch"}
_PROPER = {"chinh phu": "Chính phủ", "quoc hoi": "Quốc hội", "thu tuong": "Thủ tướng"}
_PLACE_WORDS = {"tinh", "thanh pho", "huyen", "thi xa", "tp"}
_SPECIAL = {"bo cong thuong": "Bộ Công Thương"}


def agency_case(upper: str) -> str:
    """Best-effort agency casing: «VĂN PHÒNG CHÍNH PHỦ» → «Văn phòng Chính phủ»."""
    words = upper.lower().split()
    if not words:
        return upper
    if " ".join(fold(w) for w in words) in _SPECIAL:
        return _SPECIAL[" ".join(fold(w) for w in words)]
    out: list[str] = []
    place = False
    cap_next = True
    for i, word in enumerate(words):
        key = fold(word).strip(",.-")
        pair = " ".join(fold(w) for w in words[i - 1 : i + 1]) if i else ""
        if key in _KEEP_UPPER:
            out.append(word.upper())
        elif cap_next or place:
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
        if pair in _PROPER:
            out[-2:] = _PROPER[pair].split()
        place = place or key in _PLACE_WORDS or pair in _PLACE_WORDS
        # "Bộ Tài nguyên và Môi trường", "Sở Văn hóa, Thể thao và Du lịch": a new name part.
        cap_next = key in {"bo", "so", "va", "-"} or word.endswith((",", "-"))
    return " ".join(out)


# ---- rows ------------------------------------------------------------------------------------


_MULTILINE: frozenset[Role] = frozenset({"content", "summary"})


@dataclass(frozen=True)
class Cell:
    """A table cell as the row sees it: `own` is False when it continues a merged cell above."""

    value: object
    own: bool = True


def assemble_row(path: Path, number: int, cells: Mapping[Role, Cell]) -> ParsedRow | None:
    """One ParsedRow, None for a blank or section row; refuses a half-filled row."""
    texts: dict[Role, str] = {}
    for role, cell in cells.items():
        if role in ("due_on", "sender_date"):
            continue
        raw = cell_text(cell.value)
        guard_length(path, raw, number)
        # Names and numbers are one line ("UBND tỉnh / Bến Tre" → one name); texts keep theirs.
        texts[role] = tidy_lines(raw).replace("\n", " " if role not in _MULTILINE else "\n")
    origin = texts.get("origin", "")
    content = texts.get("content", "")
    own_origin = origin if cells.get("origin", Cell(None)).own else ""
    own_content = content if cells.get("content", Cell(None)).own else ""
    ordinal = texts.get("ordinal", "") if cells.get("ordinal", Cell(None)).own else ""
    if not own_origin and not own_content:
        return None
    if not content and _SECTION_ORDINAL.fullmatch(ordinal):
        return None  # "I | Lĩnh vực bưu chính |": a group heading, not a petition
    if not content:
        raise ImportFailed(
            path, f"có địa phương «{origin[:60]}» nhưng thiếu nội dung kiến nghị", number
        )
    if not origin:
        raise ImportFailed(path, "có nội dung kiến nghị nhưng thiếu địa phương (đơn vị)", number)
    due = cells.get("due_on")
    return ParsedRow(
        source_row=number,
        ordinal=ordinal or None,
        origin=origin,
        content=content,
        field=texts.get("field") or None,
        summary=texts.get("summary") or None,
        due_on=to_date(path, due.value, number) if due is not None else None,
    )


def not_found(path: Path) -> ImportFailed:
    """The error for a file without a recognisable petition table."""
    return ImportFailed(path, "không tìm thấy bảng kiến nghị (cần cột STT, Địa phương, Kiến nghị)")


def no_rows(path: Path) -> ImportFailed:
    """The error for a petition table that has a header but no petition."""
    return ImportFailed(path, "bảng kiến nghị không có dòng kiến nghị nào")
