"""Widths of Times New Roman text in points, for laying out a công văn without a font file.

Every length is worked out from Times New Roman's advance widths (Liberation Serif, which the
PDF embeds, has the same): the AFM tables reportlab ships, plus the horned ơ/ư they lack.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import NamedTuple

from reportlab.pdfbase import pdfmetrics


class Look(NamedTuple):
    """Size in points and face of one element, inside the range letter-format.md allows."""

    size: float
    bold: bool = False
    italic: bool = False


_AFM = {(False, False): "Times-Roman", (True, False): "Times-Bold",
        (False, True): "Times-Italic", (True, True): "Times-BoldItalic"}  # fmt: skip
# The Times AFM tables have no ơ/ư; these are Liberation Serif 2.1's widths (per 1000 em).
# Every other Vietnamese letter is as wide as its base letter, and đ/Đ as d/D.
_HORNED = {
    "Times-Roman": {"o": 529, "u": 542, "O": 722, "U": 776},
    "Times-Bold": {"o": 554, "u": 600, "O": 778, "U": 796},
    "Times-Italic": {"o": 534, "u": 545, "O": 722, "U": 754},
    "Times-BoldItalic": {"o": 537, "u": 599, "O": 722, "U": 775},
}


@functools.lru_cache(maxsize=8192)
def _char_width(char: str, font: str) -> float:
    return float(pdfmetrics.stringWidth(char, font, 1000))  # unknown scripts: a wide letter


def text_width(text: str, look: Look) -> float:
    """Width in points of one line of `text` set in Times New Roman."""
    font = _AFM[look.bold, look.italic]
    units = 0.0
    base = ""
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            if char == "\u031b" and base in _HORNED[font]:
                units += _HORNED[font][base] - _char_width(base, font)
            continue
        base = {"đ": "d", "Đ": "D"}.get(char, char)
        units += _char_width(base, font)
    return units * look.size / 1000


def _wrap(text: str, look: Look, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split(" "):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, look) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def balanced_lines(text: str, look: Look, width: float) -> list[str]:
    """`text` broken into as few lines as fit `width`, the lines as even as possible."""
    count = len(_wrap(text, look, width))
    low, high = 0.0, width
    while count > 1 and high - low > 0.5:  # the narrowest width giving as few lines
        middle = (low + high) / 2
        low, high = (low, middle) if len(_wrap(text, look, middle)) <= count else (middle, high)
    return _wrap(text, look, high)
