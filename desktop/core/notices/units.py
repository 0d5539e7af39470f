"""Đơn vị in a notice's wording: the ministry's units (full or short) and bodies outside it.

A unit is written in full (`Cục Tin học hóa`), by its kind and symbol (`Cục THH`, `Vụ CNTT`),
by the symbol without the kind's letter (`Cục ATTT` for CATTT), or behind the ministry
(`Bộ TTTT (Cục THH)`); all of these are matched, on folded text (no tones, đ→d), to a unit
catalogue passed in, never to names written here. A body outside the ministry (`Sở TTTT`,
`Tổng Công ty Bưu điện Việt Nam (VNPost)`, `EVN`) is recognised by the word that opens an
agency's name and kept exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from db.models import Unit
from db.text import clean
from desktop.core.importers.common import aligned_fold

__all__ = ["CatalogueUnit", "UnitCatalogue", "UnitMention"]


@dataclass(frozen=True)
class CatalogueUnit:
    """One unit of the catalogue: its symbol, its full name, and other ways it is written."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnitMention:
    """A unit found at a place in the text: the catalogue's unit, or a body as written."""

    name: str
    code: str | None
    end: int


# Words that open the name of an agency; what follows is its proper name (capitalised words).
_AGENCY_WORDS = (
    "tong cong ty",
    "tap doan",
    "cong ty",
    "ngan hang",
    "van phong",
    "uy ban nhan dan",
    "uy ban",
    "ubnd",
    "so",
    "bo",
    "cuc",
    "vu",
    "trung tam",
    "vien",
    "hoc vien",
    "truong",
    "hiep hoi",
    "dai",
    "bao",
    "tap chi",
    "thanh tra",
    "kho bac",
    "tong cuc",
)
_AGENCY_RE = re.compile(r"(?:" + "|".join(sorted(_AGENCY_WORDS, key=len, reverse=True)) + r")\b")
# "Bộ TTTT (Cục THH)": the ministry named, the unit in brackets.
_MINISTRY_BRACKET = re.compile(r"bo\s+(?:tttt|thong tin va truyen thong)\s*\(\s*")
_ACRONYM = re.compile(r"[A-ZĐ][A-Za-zĐđ0-9&\-]*[A-ZĐ0-9][A-Za-zĐđ0-9&\-]*")
_WORD = re.compile(r"\s+([^\s,;:.()]+)")
_BRACKET = re.compile(r"\s*\([^()]{1,40}\)")
_LINKS = {"và", "của"}
# Second syllables of the words agency names are made of, written in lowercase after a capital
# (Chính phủ, Nhà nước, Bưu điện, Công an): one of these continues the name, others end it.
_NAME_TAILS = frozenset(
    [
        "phu",
        "nuoc",
        "dien",
        "uong",
        "hoi",
        "an",
        "dan",
        "te",
        "duc",
        "chinh",
        "thuong",
        "truong",
        "thong",
        "tin",
        "luc",
        "nghiep",
        "tu",
        "vu",
        "giao",
        "phap",
        "su",
        "hoc",
        "nghe",
        "hoa",
        "lich",
        "thao",
        "dong",
        "binh",
        "dung",
        "ty",
        "doan",
        "hang",
        "phong",
        "toc",
        "ninh",
        "toan",
        "san",
        "nguyen",
        "bac",
        "nam",
        "trung",
        "khau",
        "quan",
        "ban",
        "so",
    ]
)


def _is_word_end(folded: str, end: int) -> bool:
    return end >= len(folded) or not folded[end].isalnum()


class UnitCatalogue:
    """The units a notice may name, matched by every way they are written (longest first)."""

    def __init__(self, units: Iterable[CatalogueUnit | tuple[str, str, Iterable[str]]]) -> None:
        entries = [
            u if isinstance(u, CatalogueUnit) else CatalogueUnit(u[0], u[1], tuple(u[2]))
            for u in units
        ]
        keys: dict[str, CatalogueUnit] = {}
        for entry in entries:
            for written in (entry.name, entry.code, *entry.aliases):
                key = aligned_fold(clean(written))
                if key:
                    keys.setdefault(key, entry)
        self.entries = tuple(entries)
        self._keys = sorted(keys.items(), key=lambda kv: len(kv[0]), reverse=True)

    @classmethod
    def from_units(cls, units: Iterable[Unit]) -> UnitCatalogue:
        """The catalogue of the register's units, with the short forms notices use."""
        return cls(CatalogueUnit(u.code, u.name, _short_forms(u)) for u in units)

    def match_at(self, text: str, folded: str, pos: int) -> UnitMention | None:
        """The catalogue unit written at `pos` (full or short, or inside `Bộ TTTT (…)`)."""
        for key, entry in self._keys:
            end = pos + len(key)
            if folded.startswith(key, pos) and _is_word_end(folded, end):
                # A symbol alone (`THH`) counts only as written in capitals, not as a word.
                if key == aligned_fold(entry.code) and text[pos:end] != entry.code:
                    continue
                return UnitMention(entry.name, entry.code, end)
        m = _MINISTRY_BRACKET.match(folded, pos)
        if m:
            inner = self.match_at(text, folded, m.end())
            if inner is not None and folded.startswith(")", inner.end):
                return UnitMention(inner.name, inner.code, inner.end + 1)
        return None

    def mention_at(self, text: str, folded: str, pos: int) -> UnitMention | None:
        """A catalogue unit at `pos`, else a body outside the ministry as written there."""
        return self.match_at(text, folded, pos) or _outside_at(text, folded, pos)

    def whole(self, text: str) -> UnitMention | None:
        """The unit or body when `text` is nothing but its name (a heading like `1. Cục X:`)."""
        text = clean(text).rstrip(" :.")
        folded = aligned_fold(text)
        found = self.match_at(text, folded, 0)
        if found is not None:  # a unit then more words is a sentence, not a name
            return found if found.end == len(text) else None
        if "." in text or ";" in text:
            return None
        if _AGENCY_RE.match(folded) or _ACRONYM.fullmatch(text.split(" ")[0]):
            return UnitMention(text, None, len(text))
        return None


def _short_forms(unit: Unit) -> tuple[str, ...]:
    forms = [f"{unit.kind} {unit.code}"]
    initial = aligned_fold(unit.kind)[:1].upper()
    if len(unit.code) > 3 and unit.code[:1] == initial:
        forms.append(f"{unit.kind} {unit.code[1:]}")  # Cục ATTT for CATTT
    return tuple(forms)


def _outside_at(text: str, folded: str, pos: int) -> UnitMention | None:
    m = _AGENCY_RE.match(folded, pos)
    if m is None:
        a = _ACRONYM.match(text, pos)
        if a is None or not _is_word_end(folded, a.end()):
            return None
        return UnitMention(text[pos : a.end()], None, a.end())
    end, taken, after_capital = m.end(), 0, False
    while True:
        w = _WORD.match(text, end)
        if w is None:
            break
        word = w.group(1)
        if word[:1].isupper():
            after_capital = True
        elif word in _LINKS:
            nxt = _WORD.match(text, w.end())
            if nxt is None or not nxt.group(1)[:1].isupper():
                break
            after_capital = False
        elif after_capital and aligned_fold(word) in _NAME_TAILS:
            after_capital = False  # the second syllable of a word: Chính phủ, Nhà nước
        else:
            break
        end = w.end()
        taken += 1
    if taken == 0:
        return None
    b = _BRACKET.match(text, end)
    if b:
        end = b.end()
    return UnitMention(text[pos:end], None, end)
