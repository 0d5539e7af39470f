"""A PDF page's text as the eye reads it: words into lines, lines into paragraphs, ruled tables
into grids of cells (from pdfplumber's word positions and ruling lines).

A PDF has no paragraphs or cells, only words at positions and lines drawn. Two things are
rebuilt here the way a reader does:

- Paragraphs. A line ends its paragraph when the next line's first word would have fitted after
  it (word processors wrap only when the next word does not fit), when the next line starts
  with a list marker ("+", "•", or "-" after a line ending a sentence), when a taller gap
  separates them, or when the next line is indented. So the "+" sub-points of a petition stay
  separate paragraphs of its cell, as in the DOCX, and a date wrapped over two lines
  ("trước ngày 15 tháng / 09 năm 2020") is read whole.
- Grids. pdfplumber finds each ruled cell's box; a cell spanning several rows (a locality merged
  down, as Word prints a vertical merge) is one box over several row bands. Each grid position
  gets the box covering it, with `continued` set below its first row, exactly as the DOCX reader
  resolves `<w:vMerge/>`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pdfminer.layout import LTChar, LTContainer

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, from the page top

# Two x positions closer than this are one ruling line (lines are drawn with a width).
_SNAP = 2.0
_BULLETS = ("+", "•")
# A dash also joins words ("kinh tế - xã hội" may wrap before it): a list item only after a
# line that ends a sentence or an item.
_DASHES = ("-", "–", "*")
_ENDS = (".", ";", ":", "!", "?")


@dataclass(frozen=True)
class Word:
    """One word of the text layer and where it is."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        """The font's height, about its point size."""
        return self.bottom - self.top


@dataclass(frozen=True)
class Line:
    """Words on one baseline, left to right."""

    words: tuple[Word, ...]

    @property
    def x0(self) -> float:
        """Left edge."""
        return self.words[0].x0

    @property
    def x1(self) -> float:
        """Right edge."""
        return self.words[-1].x1

    @property
    def top(self) -> float:
        """Top edge."""
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        """Bottom edge."""
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        """The tallest word's height."""
        return max(w.height for w in self.words)

    @property
    def text(self) -> str:
        """The words joined by single spaces."""
        return " ".join(w.text for w in self.words)


@dataclass(frozen=True)
class GridCell:
    """A grid position's ruled box; `continued` when the box started in a row above."""

    box: Box
    continued: bool


def read_objects(page: Any) -> None:
    """Fill a pdfplumber page's objects, its characters the cheap way (before any is read).

    pdfplumber turns every pdfminer object into a dict of all its attributes, each resolved;
    for the thousands of characters on a page of table that was half the reading time (20
    pages: 2.2 s of CPU, 1.1 s this way, the same words and tables). The characters get the
    attributes word and table finding use, computed as pdfplumber computes them; lines,
    rectangles and curves still go through pdfplumber's own `process_object`.
    """
    height, (mb_x0, mb_top) = page.height, page.mediabox[:2]
    objects: dict[str, list[dict[str, Any]]] = {}

    def walk(layout: Iterable[Any]) -> None:
        for obj in layout:
            if isinstance(obj, LTChar):
                top = height - obj.y1 + mb_top
                found = {
                    "object_type": "char",
                    "page_number": page.page_number,
                    "text": obj.get_text(),
                    "fontname": obj.fontname,
                    "size": obj.size,
                    "adv": obj.adv,
                    "upright": obj.upright,
                    "matrix": obj.matrix,
                    "x0": obj.x0 + mb_x0,
                    "x1": obj.x1 + mb_x0,
                    "y0": obj.y0,
                    "y1": obj.y1,
                    "width": obj.width,
                    "height": obj.height,
                    "top": top,
                    "bottom": height - obj.y0 + mb_top,
                    "doctop": page.initial_doctop + top,
                }
            elif isinstance(obj, LTContainer):
                walk(obj)  # a figure: its children, as pdfplumber reads them without laparams
                continue
            else:
                found = page.process_object(obj)
            if found["object_type"] != "anno":
                objects.setdefault(found["object_type"], []).append(found)

    walk(page.layout)
    page._objects = objects  # pdfplumber's own cache of `page.objects`


def page_words(page: Any) -> list[Word]:
    """The words of a pdfplumber page, in no particular order."""
    return [
        Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]))
        for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
    ]


def lines_of(words: Iterable[Word]) -> list[Line]:
    """Group words into lines (by vertical overlap), top to bottom, each left to right."""
    ordered = sorted(words, key=lambda w: (w.top, w.x0))
    lines: list[list[Word]] = []
    for word in ordered:
        current = lines[-1] if lines else None
        if current is not None:
            top = min(w.top for w in current)
            bottom = max(w.bottom for w in current)
            middle = (word.top + word.bottom) / 2
            if top <= middle <= bottom:
                current.append(word)
                continue
        lines.append([word])
    return [Line(tuple(sorted(words, key=lambda w: w.x0))) for words in lines]


def segments(line: Line) -> list[Line]:
    """A line cut where a wide gap separates columns (the letter's two heading columns)."""
    out: list[list[Word]] = [[line.words[0]]]
    for word in line.words[1:]:
        if word.x0 - out[-1][-1].x1 > 2.0 * max(word.height, out[-1][-1].height):
            out.append([word])
        else:
            out[-1].append(word)
    return [Line(tuple(words)) for words in out]


def paragraphs(lines: Sequence[Line], left: float, right: float) -> list[str]:
    """The paragraphs of lines set between `left` and `right`, wrapped lines joined by spaces."""
    out: list[list[str]] = []
    for index, line in enumerate(lines):
        if index == 0 or _starts_paragraph(lines[index - 1], line, left, right):
            out.append([])
        out[-1].append(line.text)
    return [" ".join(parts) for parts in out]


def _starts_paragraph(before: Line, line: Line, left: float, right: float) -> bool:
    first = line.words[0]
    if first.text in _BULLETS or first.text[:1] == "+":
        return True
    if first.text in _DASHES and before.text.endswith(_ENDS):
        return True
    size = max(before.height, line.height)
    if line.top - before.bottom > 0.6 * size:
        return True  # space between paragraphs
    if not _centred(line, left, right) and line.x0 - left > 0.8 * size > 2.7 * (before.x0 - left):
        return True  # a first-line indent
    space = 0.25 * size
    # Centred text leaves its free space on both sides; left-aligned text only on the right.
    if _centred(before, left, right):
        free = (right - left) - (before.x1 - before.x0)
    else:
        free = right - before.x1
    return free - space - (first.x1 - first.x0) > 1.0


def _centred(line: Line, left: float, right: float) -> bool:
    margin = line.x0 - left
    return margin > 1.0 and abs(margin - (right - line.x1)) < 0.5 * line.height


def block_paragraphs(lines: Sequence[Line]) -> list[str]:
    """The paragraphs of text outside tables, block by block (columns kept apart)."""
    blocks: list[list[Line]] = []
    for line in lines:
        for part in segments(line):
            block = next((b for b in reversed(blocks) if _continues(b, part)), None)
            if block is None:
                blocks.append([part])
            else:
                block.append(part)
    blocks.sort(key=lambda b: (round(b[0].top), b[0].x0))
    out: list[str] = []
    for block in blocks:
        left = min(part.x0 for part in block)
        right = max(part.x1 for part in block)
        out.extend(paragraphs(block, left, right))
    return out


def _continues(block: list[Line], part: Line) -> bool:
    last = block[-1]
    if part.top - last.bottom > 1.2 * max(part.height, last.height) or part.top < last.bottom - 1:
        return False
    left = min(p.x0 for p in block)
    right = max(p.x1 for p in block)
    return part.x0 < right and part.x1 > left


def grid(cells: Sequence[Box]) -> list[tuple[GridCell | None, ...]]:
    """Rows of grid positions, each the ruled box covering it (None where no box does)."""
    xs = _snapped(x for box in cells for x in (box[0], box[2]))
    ys = _snapped(y for box in cells for y in (box[1], box[3]))
    rows: list[tuple[GridCell | None, ...]] = []
    for top, bottom in zip(ys, ys[1:], strict=False):
        middle_y = (top + bottom) / 2
        row: list[GridCell | None] = []
        for x0, x1 in zip(xs, xs[1:], strict=False):
            middle_x = (x0 + x1) / 2
            box = next(
                (b for b in cells if b[0] <= middle_x <= b[2] and b[1] <= middle_y <= b[3]),
                None,
            )
            row.append(None if box is None else GridCell(box, box[1] < top - _SNAP))
        rows.append(tuple(row))
    return rows


def columns(cells: Sequence[Box]) -> list[float]:
    """The x positions of a table's vertical rules, left to right."""
    return _snapped(x for box in cells for x in (box[0], box[2]))


def _snapped(values: Iterable[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > _SNAP:
            out.append(value)
    return out


def inside(word: Word, box: Box) -> bool:
    """Whether the word's centre lies in the box."""
    x = (word.x0 + word.x1) / 2
    y = (word.top + word.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]
