"""Legacy Vietnamese encodings: TCVN3 (ABC, the .VnTime fonts) and VNI-Windows, to Unicode NFC.

Before Unicode, Vietnamese was typed in 8-bit fonts that drew Vietnamese letters in place of
Latin-1 ones: a Word or Excel file keeps the Latin-1 characters, so "Hải Phòng" typed in
.VnTime reads "H¶i Phßng" and in VNI-Times "Haûi Phoøng". No maintained Python converter
exists (PyPI has none; viparse, a document loader for RAG, keeps its tables private), so the two
tables are written here from the standards: TCVN 5712:1993 VN3 (one byte per letter; the upper-
case toned letters live in the separate "H" fonts, which draw the same codes in capitals) and
VNI-Windows (a base letter followed by a mark character for most toned letters). The tests
round-trip every Vietnamese letter through both.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

Encoding = Literal["tcvn3", "vni"]
Legacy = tuple[Encoding, bool] | None  # (encoding, upper-case H font) of a run; None: Unicode
LABELS: dict[Encoding, str] = {"tcvn3": "TCVN3", "vni": "VNI"}

_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền, sắc, hỏi, ngã, nặng


def _forms(base: str) -> list[str]:
    """The base vowel (when not plain ASCII) and its five toned forms, in _TONES order."""
    toned = [unicodedata.normalize("NFC", base + tone) for tone in _TONES]
    return toned if base.isascii() else [base, *toned]


# TCVN 5712:1993 VN3, byte values per vowel in _forms order (base, huyền, sắc, hỏi, ngã, nặng).
_TCVN3_BYTES = {
    "a": "b5 b8 b6 b7 b9",
    "ă": "a8 bb be bc bd c6",
    "â": "a9 c7 ca c8 c9 cb",
    "e": "cc d0 ce cf d1",
    "ê": "aa d2 d5 d3 d4 d6",
    "i": "d7 dd d8 dc de",
    "o": "df e3 e1 e2 e4",
    "ô": "ab e5 e8 e6 e7 e9",
    "ơ": "ac ea ed eb ec ee",
    "u": "ef f3 f1 f2 f4",
    "ư": "ad f5 f8 f6 f7 f9",
    "y": "fa fd fb fc fe",
}
# The only capitals of the ordinary (non-H) fonts: the untoned letters with their own shape.
_TCVN3_CAPITALS = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}


def _tcvn3_table() -> dict[str, str]:
    table = {"đ": "\xae"}
    for base, codes in _TCVN3_BYTES.items():
        for letter, code in zip(_forms(base), codes.split(), strict=True):
            table[letter] = chr(int(code, 16))
    table.update({letter: chr(code) for letter, code in _TCVN3_CAPITALS.items()})
    return table


# VNI-Windows: a base letter, then the mark; lower-case marks after lower-case letters.
_VNI_TONE_MARKS = "øùûõï"  # huyền, sắc, hỏi, ngã, nặng
_VNI_HAT_MARKS = "âàáåãä"  # â/ê/ô alone, then with each tone
_VNI_BREVE_MARKS = "êèéúüë"  # ă alone, then with each tone
# Letters VNI gives one character of their own (ơ, ư then take the tone marks after them).
_VNI_SINGLE = {"ì": "ì", "í": "í", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î", "đ": "ñ"}
_VNI_HORN = {"ơ": "ô", "ư": "ö"}


def _vni_lower() -> dict[str, str]:
    table = dict(_VNI_SINGLE)
    for base in "aeouy":  # (i takes single codes only; ỵ keeps its own, î)
        for letter, mark in zip(_forms(base), _VNI_TONE_MARKS, strict=True):
            table.setdefault(letter, base + mark)
    for hat in "âêô":
        for letter, mark in zip(_forms(hat), _VNI_HAT_MARKS, strict=True):
            table[letter] = unicodedata.normalize("NFD", hat)[0] + mark
    for letter, mark in zip(_forms("ă"), _VNI_BREVE_MARKS, strict=True):
        table[letter] = "a" + mark
    for horn, code in _VNI_HORN.items():
        forms = _forms(horn)
        table[forms[0]] = code
        for letter, mark in zip(forms[1:], _VNI_TONE_MARKS, strict=True):
            table[letter] = code + mark
    return table


def _vni_table() -> dict[str, str]:
    lower = _vni_lower()
    table = dict(lower)
    for letter, code in lower.items():
        table[letter.upper()] = code.upper()
    return table


TCVN3: dict[str, str] = _tcvn3_table()  # Unicode letter -> TCVN3 code
VNI: dict[str, str] = _vni_table()  # Unicode letter -> VNI-Windows code (1 or 2 characters)

_TCVN3_DECODE = str.maketrans({code: letter for letter, code in TCVN3.items()})


def _vni_decoder() -> dict[str, str]:
    decode = {code: letter for letter, code in VNI.items()}
    # Typed with Caps Lock or Shift half-held: the base letter's case decides.
    for code, letter in list(decode.items()):
        if len(code) == 2:
            decode.setdefault(code[0] + code[1].swapcase(), letter)
    return decode


_VNI_DECODE = _vni_decoder()
# Two-character codes first, so "ôø" (ờ) is read before "ô" (ơ) alone.
_VNI_CODE = re.compile("|".join(map(re.escape, sorted(_VNI_DECODE, key=len, reverse=True))))

# Letters only Unicode has (and the combining marks of decomposed text): never legacy text.
_UNICODE_ONLY = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0"
    "\u1ea0-\u1ef9\u0300\u0301\u0303\u0309\u0323]"
)
_VIET_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
# Codes that no Unicode Vietnamese text holds: the sign that a text is legacy.
_SIGNS: dict[Encoding, frozenset[str]] = {
    "tcvn3": frozenset(TCVN3.values()) - _VIET_LATIN1,
    "vni": frozenset("".join(VNI.values())) - _VIET_LATIN1 - set("aeiouyAEIOUY"),
}
_SAMPLE_WORDS = 5_000  # enough words to tell; a whole 3-million-character file need not be read
_SYMBOL_AREA = {cp: cp - 0xF000 for cp in range(0xF020, 0xF100)}
_SYMBOL_CODE = re.compile("[\uf020-\uf0ff]")
_WORD = re.compile(r"[^\s!-/:-@\[-`{-~]+")  # split on spaces and ASCII punctuation only


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_INITIALS = (*_words("ngh ng nh ch gh gi kh ph qu th tr"), *"bcdđghklmnpqrstvx", "")
_INITIALS = tuple(sorted(_INITIALS, key=len, reverse=True))  # longest first: "ngh" before "ng"
_FINALS = ("ng", "nh", "ch", *"cmnpt")
# Vowel groups (toneless) of Vietnamese syllables: before a final consonant, and at the end.
_CLOSED = _words("a ă â e ê i o ô ơ u ư y oa oă oe oo uâ uê uy iê yê uô ươ uyê")
_OPEN = _words(
    "a e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu iêu yêu oa oe"
    " uê uy uơ oai oao oay oeo uây uôi ươi ươu uya uyu"
)


def encode(text: str, encoding: Encoding) -> str:
    """Unicode text as a legacy font holds it (TCVN3: toned capitals need an H font, see upper)."""
    table = TCVN3 if encoding == "tcvn3" else VNI
    return "".join(table.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def encode_upper(text: str) -> str:
    """Text for a TCVN3 "H" font (.VnTimeH): the lower-case codes, which it draws in capitals."""
    return encode(text.lower(), "tcvn3")


def convert(text: str, encoding: Encoding, *, upper: bool = False) -> str:
    """Legacy text to Unicode NFC; `upper` for the TCVN3 H fonts, which draw capitals only."""
    return convert_pieces([text], encoding, upper=upper)[0]


def convert_pieces(pieces: Sequence[str], encoding: Encoding, *, upper: bool = False) -> list[str]:
    """Convert consecutive runs of one font together, keeping each output in its own run.

    A VNI letter is two characters and Word may split a run between them; the letter goes to
    the run where it starts.
    """
    # A legacy font declared a symbol font: Word kept its codes at U+F0xx (rare; looked for).
    pieces = [p.translate(_SYMBOL_AREA) if _SYMBOL_CODE.search(p) else p for p in pieces]
    if encoding == "tcvn3":
        out = [p.translate(_TCVN3_DECODE) for p in pieces]
    else:
        out = _vni_pieces(pieces)
    return [unicodedata.normalize("NFC", p.upper() if upper else p) for p in out]


def _vni_pieces(pieces: Sequence[str]) -> list[str]:
    def letter(match: re.Match[str]) -> str:
        return _VNI_DECODE[match.group()]

    if len(pieces) == 1:
        return [_VNI_CODE.sub(letter, pieces[0])]
    text = "".join(pieces)
    ends = list(itertools.accumulate(len(p) for p in pieces))  # where each piece ends in text
    out: list[list[str]] = [[] for _ in pieces]

    def plain(start: int, stop: int) -> None:  # unconverted text, split at the pieces' ends
        while start < stop:
            owner = bisect.bisect_right(ends, start)
            cut = min(stop, ends[owner])
            out[owner].append(text[start:cut])
            start = cut

    pos = 0
    for match in _VNI_CODE.finditer(text):
        plain(pos, match.start())
        out[bisect.bisect_right(ends, match.start())].append(letter(match))
        pos = match.end()
    plain(pos, len(text))
    return ["".join(chars) for chars in out]


def has_unicode_letters(text: str) -> bool:
    """True when the text holds Vietnamese letters only Unicode has: it is not legacy text."""
    return _UNICODE_ONLY.search(text) is not None


def looks_legacy(text: str, encoding: Encoding) -> bool:
    """True when some word of the text reads as the encoding's and not as Unicode Vietnamese."""
    if has_unicode_letters(text):
        return False
    return any(_evidence(word, encoding) for word in _WORD.findall(text) if not word.isascii())


def _evidence(word: str, encoding: Encoding) -> bool:
    """The word converts to a Vietnamese syllable and, as it stands, is not one.

    As it stands it has a code no Unicode text holds, or is no syllable ("Kieán"), or puts a
    capital inside a lower-case word ("BÕn": TCVN3's ế is Latin-1's Õ).
    """
    converted = convert(word, encoding)
    if converted == word or not _syllable(converted):
        return False
    signs = _SIGNS[encoding]
    odd_case = any(c.isupper() and not c.isascii() for c in word[1:]) and any(
        c.islower() for c in word
    )
    return odd_case or any(c in signs for c in word) or not _syllable(word)


def _syllable(word: str) -> bool:
    """A Vietnamese syllable shape with at most one tone (loose: enough to tell text apart)."""
    marks = unicodedata.normalize("NFD", word.lower())
    if sum(marks.count(tone) for tone in _TONES) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in marks if c not in _TONES))
    for initial in _INITIALS:
        if bare.startswith(initial):
            rest = bare[len(initial) :]
            if rest in _OPEN or any(
                rest.endswith(end) and rest[: -len(end)] in _CLOSED for end in _FINALS
            ):
                return True
    return False


def detect(texts: Iterable[str]) -> Encoding | None:
    """The legacy encoding the texts are in, by character statistics; None for Unicode text.

    A word counts for an encoding when it converts to a Vietnamese syllable of two letters or
    more and does not read as Unicode Vietnamese (_evidence); the texts are legacy when at least
    two words and half of the non-ASCII words count, texts with letters only Unicode has left out.
    """
    score: dict[Encoding, int] = {"tcvn3": 0, "vni": 0}
    non_ascii = 0
    for text in texts:
        if has_unicode_letters(text):
            continue  # Unicode already; the legacy text beside it (a mixed file) still counts
        for word in _WORD.findall(text):
            if word.isascii():
                continue
            non_ascii += 1
            if non_ascii > _SAMPLE_WORDS:
                break
            for encoding in score:
                if len(convert(word, encoding)) >= 2 and _evidence(word, encoding):
                    score[encoding] += 1
        if non_ascii > _SAMPLE_WORDS:
            break
    best: Encoding = max(score, key=lambda e: score[e])
    if score[best] >= 2 and score[best] * 2 >= min(non_ascii, _SAMPLE_WORDS):
        return best
    return None


def resolve(pieces: Sequence[tuple[str, Legacy]]) -> list[Legacy]:
    """The encoding each piece of a file (a run, a cell) is really in, given its font's.

    Text under no legacy font is converted when all such text reads as legacy (detect) and the
    piece itself does. Text under a legacy font is, unless it has letters only Unicode has; and
    when some does (a file retyped in Unicode, the old font names left), the font no longer
    proves anything and the piece must read as legacy too.
    """
    found = detect(text for text, legacy in pieces if legacy is None)
    stale = any(legacy is not None and has_unicode_letters(text) for text, legacy in pieces)
    out: list[Legacy] = []
    for text, legacy in pieces:
        if legacy is not None:
            if has_unicode_letters(text) or (stale and not looks_legacy(text, legacy[0])):
                legacy = None
        elif found is not None and looks_legacy(text, found):
            legacy = (found, False)
        out.append(legacy)
    return out


def font_encoding(font: str | None) -> Legacy:
    """(encoding, upper) for a legacy font name (.VnTime, .VnTimeH, VNI-Times…), else None."""
    name = (font or "").strip().lower()
    if name.startswith("vni-") or name.startswith("vni "):
        return ("vni", False)
    if name.startswith(".vn"):
        return ("tcvn3", name.replace(" ", "").endswith("h"))
    return None


_SANS = ("arial", "helve", "avant", "univers", "swiss", "linus", "futura", "tahoma")


def unicode_font(font: str) -> str:
    """The Unicode font replacing a legacy one: Arial for the sans-serif faces, else Times."""
    name = font.lower()
    return "Arial" if any(word in name for word in _SANS) else "Times New Roman"


@dataclass(frozen=True)
class LegacyConversion:
    """What an import converted from a legacy encoding: the encodings, cells and paragraphs."""

    encodings: tuple[Encoding, ...]
    cells: int  # table cells (DOCX) or worksheet cells (XLSX) with converted text
    paragraphs: int = 0  # paragraphs outside the tables: the letter around the table

    @property
    def notice(self) -> str:
        """The line the import preview shows."""
        names = " và ".join(LABELS[e] for e in self.encodings)
        parts = [f"{self.cells} ô"] if self.cells else []
        if self.paragraphs:
            parts.append(f"{self.paragraphs} đoạn văn")
        return f"Đã chuyển từ mã {names} sang Unicode: {', '.join(parts) or '0 ô'}."


@dataclass
class Tally:
    """Counts conversions while a file is rewritten; `result` is None when nothing changed."""

    encodings: set[Encoding] = field(default_factory=set)
    cells: set[object] = field(default_factory=set)
    paragraphs: int = 0

    def add(self, encoding: Encoding, cell: object | None) -> None:
        """One converted cell (any hashable key, counted once) or, without one, a paragraph."""
        self.encodings.add(encoding)
        if cell is None:
            self.paragraphs += 1
        else:
            self.cells.add(cell)

    def result(self) -> LegacyConversion | None:
        """The conversion made, or None."""
        if not self.encodings:
            return None
        order = tuple(e for e in LABELS if e in self.encodings)
        return LegacyConversion(order, len(self.cells), self.paragraphs)
