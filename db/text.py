"""Text hygiene for everything stored: NFC, no control characters, diacritic folding for search."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# C0/C1 controls except tab and newline: python-docx refuses them and they never mean anything.
# Also lone surrogates and the two non-characters XML forbids (python-docx would refuse them).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")

# Old-style tone placement (hoà, thuỷ, khoẻ) → new style (hòa, thủy, khỏe), applied after NFC so
# that exact (accented) search sees one spelling.  Only the vowel pairs where the two styles differ.
_OLD_TONE = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_OLD_TONE.update({k.capitalize(): v.capitalize() for k, v in list(_OLD_TONE.items())})
_OLD_TONE.update({k.upper(): v.upper() for k, v in list(_OLD_TONE.items())})
# Only at the end of a syllable ("hoàn", "quýt" have one spelling) and never after q ("quý").
_OLD_TONE_RE = re.compile(r"(?<![qQ])(" + "|".join(map(re.escape, _OLD_TONE)) + r")(?![^\W\d_])")


def clean(text: str | None) -> str:
    """NFC, control characters removed, runs of spaces folded, ends stripped; keeps newlines."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def new_style_tones(text: str) -> str:
    """Rewrite old-style tone placement (hoà) to the new style (hòa) so both spell one word."""
    return _OLD_TONE_RE.sub(lambda m: _OLD_TONE[m.group(1)], unicodedata.normalize("NFC", text))


@cache
def _combining() -> re.Pattern[str]:
    # Every code point with a non-zero canonical combining class (all of them sit below
    # U+20000), as ranges of one regex class: complete, and one pass of C code per string.
    # Built on the first fold, not at import: the scan costs ~0.1 s of the window's start.
    ranges: list[list[int]] = []
    for cp in range(0x300, 0x20000):
        if unicodedata.combining(chr(cp)):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    marks = "".join(f"\\U{a:08x}-\\U{b:08x}" if a != b else f"\\U{a:08x}" for a, b in ranges)
    return re.compile(f"[{marks}]+")


def fold(text: str | None) -> str:
    """Search key: lowercase, tones and marks removed, đ→d ("Đà Nẵng" → "da nang")."""
    if not text:
        return ""
    # đ has no decomposition, so it is replaced by hand; a regex over NFD is ~2x faster than
    # a per-character unicodedata.combining() loop, which matters for a million petitions.
    # Lowercase first: some lowercase forms carry marks of their own ("İ" → "i̇").
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return _combining().sub("", decomposed)


# Vietnamese alphabetical order (as ICU's "vi" collation, which QCollator uses): letters with
# breve, circumflex, horn and đ are letters of their own; tones only break ties, in the order
# none, huyền, hỏi, ngã, sắc, nặng; then lowercase before uppercase.
_ALPHABET = "0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {ch: 0x1000 + i for i, ch in enumerate(_ALPHABET)}
_LETTER_MARKS = {"\u0306": "ă", "\u0302": "â", "\u031b": "ơ"}  # breve, circumflex, horn
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SEP = "\x01"


def _letter(base: str, marks: str) -> str:
    base = base.lower()
    if "\u0306" in marks and base == "a":
        return "ă"
    if "\u0302" in marks and base in "aeo":
        return {"a": "â", "e": "ê", "o": "ô"}[base]
    if "\u031b" in marks and base in "ou":
        return {"o": "ơ", "u": "ư"}[base]
    return "đ" if base == "đ" else base


def vi_sort_key(text: str) -> str:
    """A string whose plain (binary) order is the Vietnamese alphabetical order of `text`.

    Stored in a column, it lets SQLite sort a million names the way QCollator("vi_VN") would,
    with an index, and page through them by key.
    """
    primary: list[str] = []
    tones: list[str] = []
    cases: list[str] = []
    decomposed = unicodedata.normalize("NFD", clean(text))
    i = 0
    while i < len(decomposed):
        base = decomposed[i]
        j = i + 1
        while j < len(decomposed) and unicodedata.combining(decomposed[j]):
            j += 1
        marks = decomposed[i + 1 : j]
        letter = _letter(base, marks)
        rank = _RANK.get(letter)
        primary.append(chr(rank) if rank is not None else base.lower())
        tones.append(chr(0x30 + max((_TONES.get(m, 0) for m in marks), default=0)))
        cases.append("1" if base.isupper() else "0")
        i = j
    return "".join(primary) + _SEP + "".join(tones) + _SEP + "".join(cases)
