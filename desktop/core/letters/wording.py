"""Wording templates: editable text in resources/templates/ filled with string.Template.

A template line whose placeholders are all empty is left out (a copy line "- $forwarder (để b/c);"
when nobody forwarded the petition); a placeholder holding a list repeats its line once per item.
A letter template has sections [Trích yếu], [Kính gửi], [Nội dung] and [Nơi nhận]; lines
starting with # are notes for the clerk who edits it.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import resources
from db.text import clean
from desktop.core.errors import DomainError

SECTIONS = {
    "Trích yếu": "subject",
    "Kính gửi": "recipients",
    "Nội dung": "body",
    "Nơi nhận": "copies",
}
# Appendix III type abbreviations; a number without one (5606/VPCP-QHĐP) is a công văn.

Value = str | Sequence[str]


def load_template(name: str) -> str:
    """The text of a wording template in resources/templates/."""
    path = resources.path(f"templates/{name}")
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DomainError(f"Không đọc được mẫu văn bản «{path}»: {exc}") from exc


def fill(text: str, values: Mapping[str, Value], *, name: str, blank: str = "") -> list[str]:
    """Substitute a template line by line; `blank`, if given, fills empty values (no drop)."""
    out: list[str] = []
    for raw in text.splitlines():
        if raw.lstrip().startswith("#"):
            continue
        template = string.Template(raw)
        if not template.is_valid():
            raise DomainError(f"Mẫu «{name}»: dòng «{raw.strip()}» có dấu $ đặt sai chỗ.")
        names = template.get_identifiers()
        unknown = [n for n in names if n not in values]
        if unknown:
            known = ", ".join(f"${k}" for k in sorted(values))
            raise DomainError(f"Mẫu «{name}» dùng chỗ điền không có: ${unknown[0]} (có: {known}).")
        lists = [n for n in names if not isinstance(values[n], str)]
        if len(lists) > 1:
            raise DomainError(
                f"Mẫu «{name}»: mỗi dòng chỉ được một danh sách ({', '.join(lists)})."
            )
        rounds: list[dict[str, str]] = (
            [{**_strings(values, names), lists[0]: item} for item in values[lists[0]]]
            if lists
            else [_strings(values, names)]
        )
        for filled in rounds:
            if names and not blank and not any(filled[n].strip() for n in names):
                continue
            if blank:
                filled = {k: v or blank for k, v in filled.items()}
            out.extend(template.substitute(filled).split("\n"))
    return out


def _strings(values: Mapping[str, Value], names: Sequence[str]) -> dict[str, str]:
    return {n: v for n in names if isinstance(v := values[n], str)}


def _sections(text: str, name: str) -> dict[str, str]:
    parts: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        heading = re.fullmatch(r"\s*\[(.+)\]\s*", line)
        if heading:
            key = SECTIONS.get(heading.group(1).strip())
            if key is None:
                allowed = ", ".join(f"[{s}]" for s in SECTIONS)
                raise DomainError(f"Mẫu «{name}»: mục «{line.strip()}» không có (dùng {allowed}).")
            current = parts.setdefault(key, [])
        elif current is not None:
            current.append(line)
        elif line.strip() and not line.lstrip().startswith("#"):
            raise DomainError(f"Mẫu «{name}»: dòng «{line.strip()}» nằm ngoài các mục.")
    return {key: "\n".join(lines) for key, lines in parts.items()}


def template_section(name: str, section: str) -> list[str]:
    """The lines of one section ("body", "copies", …) of a letter template as written, with
    their placeholders; notes and blank lines left out."""
    text = _sections(load_template(name), name).get(section, "")
    lines = text.splitlines()
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _items(lines: Sequence[str]) -> tuple[str, ...]:
    # Recipients and copies may be typed "- Như trên;": the renderers add the dash and the end.
    return tuple(
        item
        for line in lines
        if (item := line.strip().removeprefix("-").strip().rstrip(";.").strip())
    )


@dataclass(frozen=True)
class Wording:
    """The words a template gives a letter: V/v subject, Kính gửi, paragraphs, Nơi nhận."""

    subject: str
    recipients: tuple[str, ...]
    body: tuple[str, ...]
    copies: tuple[str, ...]


def worded_letter(name: str, values: Mapping[str, Value]) -> Wording:
    """Subject, recipients, body and copies of a letter from its template."""
    parts = _sections(load_template(name), name)

    def lines(section: str) -> list[str]:
        return fill(parts.get(section, ""), values, name=name)

    return Wording(
        subject=clean(" ".join(line.strip() for line in lines("subject"))),
        recipients=_items(lines("recipients")),
        body=tuple(p for line in lines("body") if (p := clean(line))),
        copies=_items(lines("copies")),
    )
