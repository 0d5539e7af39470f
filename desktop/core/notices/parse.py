"""Thông báo kết luận: a conclusion notice's paragraphs into its header and its tasks (nhiệm vụ).

No database here: the unit catalogue comes in, the notice goes out for a preview. The shapes read:

- the header: `Số: 123/TB-BTTTT`, `Hà Nội, ngày 5 tháng 3 năm 2020`, the kind (`THÔNG BÁO`) and
  the title after it, the signer's title (`KT. BỘ TRƯỞNG …`) and name at the end;
- Roman-numeral headings (`I. Lĩnh vực Bưu chính`) give the field of the tasks below them; the
  numbers are not checked, real notices repeat and skip them;
- numbered unit headings (`1. Cục Viễn thông:`, colon or not) give the unit of the items below;
  a numbered line that is a sentence (`1. Cục X xây dựng ….`) is a task, and a short numbered
  line ending in a colon names a body as written (`2. Các doanh nghiệp viễn thông:`);
- an item (`- …`, `a) …`, or a paragraph without a dash) is one task; a dash item ending in a
  colon followed by `+` items is their common lead-in, `+` items after any other item belong to
  it, and a line holding only a deadline belongs to the item above;
- an item may name its own unit first (`- Cục Viễn thông xây dựng …`, `Bộ TTTT (Cục THH) …`),
  which counts where no heading above gave one;
- `phối hợp (với) A, B và C` names the supporting units; generic words (`các đơn vị liên quan`)
  are skipped; units are matched to the catalogue (`desktop.core.notices.units`);
- the deadline is the labelled clause (`Thời hạn: …`, `Thời hạn hoàn thành: …`, `thời gian hoàn
  thành …`, in brackets or not), read by `desktop.core.notices.deadlines`; the content is the
  item without it; an unreadable deadline keeps its text and says why in `due_problem`;
- the tasks end at the closing sentence (ending `./.`) or at `Nơi nhận`; `[bookmark: …]`-like
  markers, bold marks (`**`) and page furniture (`- 2 -`, `Trang 2/5`) are dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field

from db.text import clean
from desktop.core.calendar import WorkCalendar
from desktop.core.errors import DomainError
from desktop.core.importers.common import aligned_fold
from desktop.core.notices.deadlines import DEFAULT_RULES, DeadlineRules, read_deadline
from desktop.core.notices.units import UnitCatalogue, UnitMention

__all__ = ["NoticeTask", "ParsedNotice", "parse_notice"]


@dataclass(frozen=True)
class NoticeTask:
    """Nhiệm vụ: one task the notice gives a unit, with its deadline as written and computed."""

    field: str | None
    unit: str | None
    unit_code: str | None
    support_units: tuple[str, ...]
    content: str
    due_text: str
    due_on: dt.date | None
    due_problem: str | None = None


@dataclass(frozen=True)
class ParsedNotice:
    """A notice read for the preview: its header and its tasks, in the order written."""

    number: str | None
    issued_on: dt.date | None
    place: str | None
    kind: str | None
    title: str | None
    signer: str | None
    signer_title: str | None
    tasks: tuple[NoticeTask, ...]
    problems: tuple[str, ...] = ()


_MARKER = re.compile(r"\[\s*[A-Za-z_ ]{2,20}:[^\]]*\]|\*\*|__")
_FURNITURE = re.compile(
    r"(?:-\s*\d{1,3}\s*-|\d{1,3}|(?:trang|page)\s+\d+(?:\s*(?:/|of|tren)\s*\d+)?)"
)
_ROMAN = re.compile(r"([IVXL]{1,6})\s*[.)\-–]\s+(\S.*)")
_NUMBERED = re.compile(r"(\d{1,2})\s*[.)]\s+(\S.*)")
_DASH = re.compile(r"(?:[-–—•]|[a-zđ]\))\s*(\S.*)")  # "- …" or "a) …"
_PLUS = re.compile(r"[+*]\s*(\S.*)")
_NUMBER = re.compile(r"so(?:\s+va\s+ky\s+hieu)?\s*[:.]\s*(\d+\s*/\s*[^\s,;()]+)")
_DATE_LINE = re.compile(
    r"(?:([^,\d]{2,40}),\s*)?ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})"
)
# Numbered lines ending in a colon that introduce items rather than name who does them.
_NOT_BODIES = ("ve ", "doi voi", "linh vuc", "nhiem vu", "cac nhiem vu", "cong tac", "trong ")
_KINDS = ("thong bao", "chi thi", "ket luan", "cong van", "quyet dinh", "ke hoach")
_MOTTO = ("cong hoa xa hoi", "doc lap - tu do", "doc lap – tu do")
# A label, then a colon or a word a deadline opens with ("thời hạn triển khai" is no label).
_DEADLINE_LABEL = re.compile(
    r"\(?\s*\b(?:thoi han(?:\s+hoan thanh)?|thoi gian\s+(?:hoan thanh|thuc hien))\b(?:\s+la\b)?"
    r"(?:\s*:\s*|\s+(?=truoc|trong|thang|quy|nam|tuan|ngay|den|cham nhat|co gang|phan dau|\d))"
)
_CLAUSE_END = re.compile(r"\)|;|\.(?=\s|$)")
_SUPPORT = re.compile(r"\bphoi hop(?:\s+chat che)?(?:\s+voi)?\s+")
_SKIP = re.compile(r"(?:voi\s+)?(?:cac\s+)?(?:(?:don vi|co quan)\s+(?:cua|thuoc)\s+)?")
_GENERIC = re.compile(
    r"(?:cac\s+)?(?:bo|nganh|dia phuong|don vi|co quan|doanh nghiep)"
    r"(?:\s*,\s*(?:bo|nganh|dia phuong|don vi|co quan|doanh nghiep))*"
    r"(?:\s+(?:co\s+)?lien quan|\s+trong bo|\s+thuoc bo)\b"
)
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:va\s+)?|\s+va\s+|\s+cung\s+)")
_NO_TASKS = (
    "Không tìm thấy nhiệm vụ nào trong thông báo: cần các mục giao việc cho đơn vị, "
    "ví dụ «1. Cục Viễn thông:» rồi các dòng «- …», hoặc «- Cục Viễn thông xây dựng …»."
)


@dataclass
class _Item:
    field: str | None
    unit: UnitMention | None
    text: str
    lead_in: str = ""
    details: list[str] = dc_field(default_factory=list)


def parse_notice(
    paragraphs: Iterable[str],
    catalogue: UnitCatalogue,
    *,
    calendar: WorkCalendar | None = None,
    rules: DeadlineRules = DEFAULT_RULES,
) -> ParsedNotice:
    """Read a notice's header and tasks; DomainError when it holds no recognisable task."""
    lines = _lines(paragraphs)
    start = _task_start(lines, catalogue)
    if start is None:
        raise DomainError(_NO_TASKS)
    end = _task_end(lines, start)
    items = _items(lines[start:end], catalogue)
    if not items:
        raise DomainError(_NO_TASKS)
    cal = calendar or WorkCalendar()
    tasks = tuple(_task(item, catalogue, cal, rules) for item in items)
    problems = [f"Nhiệm vụ {i}: {t.due_problem}" for i, t in enumerate(tasks, 1) if t.due_problem]
    number, issued_on, place, kind, title = _header(lines[:start], problems)
    signer, signer_title = _signature(lines[end:])
    return ParsedNotice(
        number, issued_on, place, kind, title, signer, signer_title, tasks, tuple(problems)
    )


def _lines(paragraphs: Iterable[str]) -> list[str]:
    out = []
    for paragraph in paragraphs:
        for line in clean(_MARKER.sub("", clean(paragraph))).split("\n"):
            line = line.strip()
            if line and not _FURNITURE.fullmatch(aligned_fold(line)):
                out.append(line)
    return out


def _unit_heading(line: str, catalogue: UnitCatalogue) -> tuple[UnitMention, str] | None:
    m = _NUMBERED.fullmatch(line) or _ROMAN.fullmatch(line)
    if m is None:
        return None
    rest = m.group(2)
    head, colon, after = rest.partition(":")
    if colon and len(head.split()) <= 15:
        found = catalogue.whole(head)
        if found is None and m.re is _NUMBERED and not after.strip() and _names_a_body(head):
            found = UnitMention(head.strip(), None, len(head))  # "4. Các doanh nghiệp viễn thông:"
        if found is not None:
            return found, after.strip()
    # Without a colon a heading is a bare name; a sentence ("1. Cục X xây dựng ….") is a task.
    if len(rest.split()) <= 15 and not rest.endswith(".") and not _has_deadline(rest):
        found = catalogue.whole(rest)
        if found is not None:
            return found, ""
    return None


def _names_a_body(head: str) -> bool:
    folded = aligned_fold(head).strip()
    return bool(folded) and "." not in head and not folded.startswith(_NOT_BODIES)


def _has_deadline(text: str) -> bool:
    return _DEADLINE_LABEL.search(aligned_fold(text)) is not None


def _field_heading(line: str) -> str | None:
    m = _ROMAN.fullmatch(line)
    if m is None or len(m.group(2).split()) > 20:
        return None
    return m.group(2).rstrip(" :.")


def _task_start(lines: Sequence[str], catalogue: UnitCatalogue) -> int | None:
    for i, line in enumerate(lines):
        if _field_heading(line) is not None or _unit_heading(line, catalogue) is not None:
            return i
    for i, line in enumerate(lines):
        m = _DASH.fullmatch(line)
        if m and catalogue.mention_at(m.group(1), aligned_fold(m.group(1)), 0) is not None:
            return i
    return None


def _task_end(lines: Sequence[str], start: int) -> int:
    for i in range(start, len(lines)):
        folded = aligned_fold(lines[i])
        if folded.startswith("noi nhan") or folded.endswith("./."):
            return i
    return len(lines)


def _items(lines: Sequence[str], catalogue: UnitCatalogue) -> list[_Item]:
    items: list[_Item] = []
    field_name: str | None = None
    unit: UnitMention | None = None
    lead_in = ""
    for line in lines:
        heading = _unit_heading(line, catalogue)
        if heading is not None:
            unit, lead_in = heading[0], ""
            if heading[1]:
                items.append(_Item(field_name, unit, heading[1]))
            continue
        name = _field_heading(line)
        if name is not None:
            field_name, unit, lead_in = name, None, ""
            continue
        plus = _PLUS.fullmatch(line)
        if plus and (lead_in or items):
            if lead_in:
                items.append(_Item(field_name, unit, plus.group(1), lead_in=lead_in))
            else:
                items[-1].details.append(plus.group(1))
            continue
        dash = _DASH.fullmatch(line) or _NUMBERED.fullmatch(line)
        text = dash.group(dash.lastindex or 1) if dash else line
        lead_in = ""
        if text.endswith(":"):
            lead_in = text  # its `+` items follow
            continue
        if items and _split_deadline(text)[0] == "":
            items[-1].details.append(text)  # a deadline on a line of its own: the item's above
            continue
        own = catalogue.mention_at(text, aligned_fold(text), 0)
        if dash or unit is not None or own is not None:
            items.append(_Item(field_name, unit, text))
    return items


def _task(
    item: _Item, catalogue: UnitCatalogue, cal: WorkCalendar, rules: DeadlineRules
) -> NoticeTask:
    body = " ".join([item.text, *item.details])
    content, due_text = _split_deadline(body)
    if item.lead_in:
        content = f"{item.lead_in} {content}"
    # The heading's unit wins; an item names its own only where no heading gave one.
    unit = item.unit or catalogue.mention_at(content, aligned_fold(content), 0)
    deadline = read_deadline(due_text, calendar=cal, rules=rules)
    support = [u for u in _support_units(content, catalogue) if unit is None or u != unit.name]
    return NoticeTask(
        field=item.field,
        unit=unit.name if unit else None,
        unit_code=unit.code if unit else None,
        support_units=tuple(dict.fromkeys(support)),
        content=content,
        due_text=deadline.text,
        due_on=deadline.due_on,
        due_problem=deadline.problem,
    )


def _split_deadline(text: str) -> tuple[str, str]:
    folded = aligned_fold(text)
    m = _DEADLINE_LABEL.search(folded)
    if m is None:
        return text, ""
    stop = _CLAUSE_END.search(folded, m.end())
    end = stop.start() if stop else len(text)
    due = text[m.end() : end].strip()
    rest = text[end + 1 :].strip() if stop else ""
    mark = stop.group() if stop else ""
    if mark == ")":  # the bracket closed; the punctuation after it ends the clause
        mark = rest[:1] if rest[:1] in ".;" else ""
        rest = rest[len(mark) :].strip()
    before = text[: m.start()].rstrip(" ,;(")
    if before.endswith((".", "!", "?")) or not rest:
        glue = " "
    else:
        glue = {";": "; ", ".": ". "}.get(mark, " ")
    content = glue.join(part for part in (before, rest.lstrip(" .;")) if part).rstrip(" ;,")
    if content and not content.endswith((".", "!", "?")):
        content += "."
    return content, due


def _support_units(text: str, catalogue: UnitCatalogue) -> list[str]:
    folded = aligned_fold(text)
    found: list[str] = []
    for m in _SUPPORT.finditer(folded):
        pos = m.end()
        while True:
            skipped = _SKIP.match(folded, pos)
            pos = skipped.end() if skipped else pos
            generic = _GENERIC.match(folded, pos)
            if generic:
                pos = generic.end()
            else:
                mention = catalogue.mention_at(text, folded, pos)
                if mention is None:
                    break
                found.append(mention.name)
                pos = mention.end
            sep = _LIST_SEP.match(folded, pos)
            if sep is None:
                break
            pos = sep.end()
    return found


def _header(
    lines: Sequence[str], problems: list[str]
) -> tuple[str | None, dt.date | None, str | None, str | None, str | None]:
    number: str | None = None
    issued_on: dt.date | None = None
    place: str | None = None
    kind: str | None = None
    title: str | None = None
    for i, line in enumerate(lines):
        folded = aligned_fold(line)
        if number is None and (m := _NUMBER.match(folded)):
            number = re.sub(r"\s+", "", line[m.start(1) : m.end(1)])
        elif issued_on is None and (d := _DATE_LINE.match(folded)):
            place = line[d.start(1) : d.end(1)].strip() if d.group(1) else None
            try:
                issued_on = dt.date(int(d.group(4)), int(d.group(3)), int(d.group(2)))
            except ValueError:
                problems.append(f"Ngày ban hành «{line}» không có thật.")
        elif kind is None and line.isupper() and folded.strip(" .:") in _KINDS:
            kind = line.strip(" .:").capitalize()
            if i + 1 < len(lines):
                title = lines[i + 1]
    if title is None:
        title = next((x for x in lines if _is_title(x)), None)
    return number, issued_on, place, kind, title


def _is_title(line: str) -> bool:
    folded = aligned_fold(line)
    return not (
        line.isupper()
        or folded.startswith(_MOTTO)
        or _NUMBER.match(folded)
        or _DATE_LINE.match(folded)
        or len(line.split()) < 4
    )


def _signature(lines: Sequence[str]) -> tuple[str | None, str | None]:
    if not lines:
        return None, None
    name = lines[-1]
    words = name.split()
    if name.isupper() or not (2 <= len(words) <= 5 and all(w[:1].isupper() for w in words)):
        return None, None
    titles: list[str] = []
    for line in reversed(lines[:-1]):
        if not line.isupper():
            break
        titles.insert(0, line)
    return name, "\n".join(titles) or None
