"""Read the petition table (bảng tổng hợp kiến nghị) and the letter's details from a PDF whose
pages have a text layer, with the DOCX reader's rules (common.py): the header found by its
names, the "(1) (2) (3)" row and headers repeated on later pages skipped, rows without STT kept,
a locality merged down several rows given to each, "+" sub-points kept inside their row.

pdfplumber (MIT, over pdfminer.six) rather than PyMuPDF: PyMuPDF is AGPL-3.0 (or a paid
licence), which would bind the whole desktop app; pdfplumber gives every word with its box and
every ruling line, which is what rebuilding a table needs (pdf_layout.py), is pure Python, and
comes with pypdfium2, which renders the pages of a scan. Its price is speed (pure Python over
pdfminer): 20 pages of table took 2.2 s of CPU here, 0.8 s once the characters are read the
cheap way (pdf_layout.read_objects; benchmarks/pdf_import.py), for a target of 3 s.

A table continues on the next pages as long as their first table has the same columns (a Word
table printed over several pages). There, a first row with neither STT nor locality is the rest
of the row cut by the page break; a first row with an STT but no locality continues a locality
merged down across the break.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect, PDFXRefFallback
from pdfplumber.utils.exceptions import PdfminerException

from desktop.core.importers.common import (
    HEADER_SCAN_ROWS,
    Cell,
    Role,
    is_heading_row,
    match_header,
    not_found,
    scan_metadata,
    tidy,
)
from desktop.core.importers.limits import MAX_ROWS, thousands, too_many_rows
from desktop.core.importers.model import (
    Cancelled,
    ImportFailed,
    ParsedImport,
    ParsedRow,
    Progress,
    parsed_import,
)
from desktop.core.importers.pdf_layout import (
    Box,
    GridCell,
    Line,
    Word,
    block_paragraphs,
    columns,
    grid,
    inside,
    lines_of,
    page_words,
    paragraphs,
    read_objects,
)
from desktop.core.importers.pdf_streams import check_streams
from desktop.core.importers.table_rows import TableRows

__all__ = ["MAX_PAGES", "parse_pdf", "pdf_text"]


# A 5,000-row table (limits.MAX_ROWS) prints on about 1,000 pages; reading one costs ~0.04 s.
MAX_PAGES = 1_000
_SAME_RULE = 3.0  # points: the same column rule on the next page
_UNMAPPED_SHARE = 0.05
_TAIL = 2048  # "%%EOF" ends a whole PDF; a download cut short has none in its last bytes


@dataclass
class _Table:
    """A ruled table found on a page, as a grid, with the page's words to read its cells."""

    page: int
    index: int  # its place among the page's tables
    columns: list[float]
    rows: list[tuple[GridCell | None, ...]]
    words: list[Word]  # the page's words, by the height of their middle
    boxes: tuple[Box, ...]
    _lines: dict[Box, list[Line]] = field(default_factory=dict)
    _middles: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.words = sorted(self.words, key=_middle)
        self._middles = [_middle(w) for w in self.words]

    def lines(self, box: Box) -> list[Line]:
        """The lines of text inside a cell's box (read once per box)."""
        hit = self._lines.get(box)
        if hit is None:
            # Only the words at the box's height are looked at: a page has hundreds of cells.
            band = self.words[
                bisect_left(self._middles, box[1]) : bisect_right(self._middles, box[3])
            ]
            hit = self._lines[box] = lines_of(w for w in band if inside(w, box))
        return hit

    def text(self, cell: GridCell | None) -> str:
        """The cell's paragraphs joined by newlines ("" for none)."""
        if cell is None:
            return ""
        return "\n".join(_cell_paragraphs(self.lines(cell.box), cell.box))


@dataclass
class _Fragment:
    """The lines a row's cell holds; more than one box when the row is cut by a page break."""

    lines: list[Line]
    box: Box
    own: bool


@dataclass
class _Draft:
    number: int
    cells: dict[Role, _Fragment]


@dataclass
class _Pages:
    """What the reader keeps of the PDF: each page's words and ruled tables."""

    words: list[list[Word]] = field(default_factory=list)
    tables: list[_Table] = field(default_factory=list)
    repaired: bool = False  # the cross-reference table was broken and rebuilt by scanning
    unmapped: int = 0  # words with a glyph the fonts give no character for: "(cid:12)"

    @property
    def readable(self) -> bool:
        """Whether the words are text at all: a font without a Unicode map gives glyph ids."""
        total = sum(len(words) for words in self.words)
        return total > 0 and self.unmapped <= _UNMAPPED_SHARE * total


def parse_pdf(
    path: Path, *, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> ParsedImport | None:
    """The petition table and letter details of a text PDF; None when OCR must read it.

    That is: no page has text (a scan), the text is glyph ids only (fonts without a Unicode
    map), or no table is in the text but some pages are pictures (a typed letter, its table
    scanned).
    """
    pages = _read(path, progress, cancelled)
    if pages.repaired and not pages.readable:
        raise _damaged(path)
    if not pages.readable:
        return None
    for position, table in enumerate(pages.tables):
        for row_index, row in enumerate(table.rows[:HEADER_SCAN_ROWS]):
            roles = match_header(
                "" if c is None or c.continued else table.text(c)[:300] for c in row
            )
            if roles is None:
                continue
            tables = [table, *_continuations(pages.tables[position + 1 :], table)]
            rows = _rows(path, tables, row_index, roles)
            used = {(t.page, box) for t in tables for box in t.boxes}
            meta = scan_metadata(path, ((text, None) for text in _outside(pages, used)))
            return parsed_import(path, "pdf", meta, rows)
    if any(not words for words in pages.words):
        return None  # a typed cover letter before a scanned table: the table is for OCR
    # Rebuilt from a damaged file, the text may have lost the very table: say it is damaged.
    raise _damaged(path) if pages.repaired else not_found(path)


def _damaged(path: Path) -> ImportFailed:
    return ImportFailed(
        path, "tệp PDF bị hỏng hoặc không đầy đủ, không đọc được; hãy lấy lại tệp gốc"
    )


def pdf_text(path: Path) -> str | None:
    """The whole text layer of a PDF, page after page; None if it has none (a scan).

    ImportFailed, in Vietnamese, for a PDF cut short, damaged or locked by a password.
    """
    path = Path(path)
    _check_whole(path)
    check_streams(path)
    with _opened(path) as pdf:
        texts = []
        for page in pdf.pages:
            read_objects(page)
            texts.append(page.extract_text() or "")
            page.close()
    text = tidy("\n\n".join(t for t in texts if t.strip()))
    if text.count("(cid:") > _UNMAPPED_SHARE * len(text.split()):
        return None  # glyph ids, not text: only OCR can read these pages
    return text or None


def _check_whole(path: Path) -> None:
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - _TAIL))
        tail = fh.read()
    if b"%%EOF" not in tail:
        raise ImportFailed(
            path,
            "tệp PDF không đầy đủ (thiếu phần cuối, có thể chưa tải về xong); hãy lấy lại tệp gốc",
        )


@contextmanager
def _opened(path: Path) -> Iterator[Any]:
    """pdfplumber's PDF, its failures said in Vietnamese."""
    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise ImportFailed(
                    path,
                    f"tệp PDF có {thousands(len(pdf.pages))} trang, vượt giới hạn "
                    f"{thousands(MAX_PAGES)} trang mỗi lần nhập; hãy tách tệp",
                )
            yield pdf
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else None
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise ImportFailed(
                path, "tệp PDF có đặt mật khẩu; hãy lưu lại bản không đặt mật khẩu"
            ) from exc
        raise _damaged(path) from exc


def _read(path: Path, progress: Progress | None, cancelled: Cancelled | None) -> _Pages:
    _check_whole(path)
    check_streams(path)
    pages = _Pages()
    with _opened(path) as pdf:
        pages.repaired = any(isinstance(x, PDFXRefFallback) for x in pdf.doc.xrefs)
        total = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            if cancelled is not None and cancelled():
                raise ImportFailed(path, "đã hủy đọc tệp, chưa ghi gì")
            if progress is not None:
                progress(number - 1, total, f"Đang đọc trang {number}/{total}")
            read_objects(page)
            words = page_words(page)
            pages.words.append(words)
            pages.unmapped += sum("(cid:" in word.text for word in words)
            if words:
                for index, found in enumerate(page.find_tables()):
                    boxes: tuple[Box, ...] = tuple(
                        (float(c[0]), float(c[1]), float(c[2]), float(c[3])) for c in found.cells
                    )
                    pages.tables.append(
                        _Table(number, index, columns(boxes), grid(boxes), words, boxes)
                    )
            page.close()  # pdfplumber keeps each page's objects until then
        if progress is not None:
            progress(total, total, "Đã đọc xong")
    return pages


def _continuations(following: Sequence[_Table], first: _Table) -> Iterator[_Table]:
    """The tables on the next pages that carry on `first`: first on their page, same columns."""
    last = first
    for table in following:
        if table.page != last.page + 1 or table.index != 0:
            return
        if len(table.columns) != len(first.columns) or any(
            abs(a - b) > _SAME_RULE for a, b in zip(table.columns, first.columns, strict=True)
        ):
            return
        yield table
        last = table


def _rows(
    path: Path, tables: list[_Table], header_index: int, roles: dict[Role, int]
) -> tuple[ParsedRow, ...]:
    drafts: list[_Draft] = []
    dead: set[tuple[int, Box]] = set()  # boxes of skipped header rows, by page
    inherited: dict[tuple[int, Box], _Fragment] = {}  # merges carried over a page break
    offset = 0
    for table_no, table in enumerate(tables):
        first_on_page = table_no > 0
        for index in range(header_index + 1 if table_no == 0 else 0, len(table.rows)):
            row = table.rows[index]
            number = offset + index + 1
            own = ["" if c is None or c.continued else tidy(table.text(c)) for c in row]
            if is_heading_row(own):
                dead.update((table.page, c.box) for c in row if c is not None)
                continue
            origin, content = _at(row, roles["origin"]), _at(row, roles["content"])
            if origin is not None and content is not None and origin.box == content.box:
                continue  # one cell across the row: a section heading such as "I. Bưu chính"
            cut, first_on_page = first_on_page and bool(drafts), False
            if cut and _carry_over(table, row, roles, drafts[-1], inherited):
                continue
            cells: dict[Role, _Fragment] = {}
            for role, col in roles.items():
                cell = _at(row, col)
                if cell is None:
                    continue
                key = (table.page, cell.box)
                if cell.continued and key in dead:
                    cells[role] = _Fragment([], cell.box, True)
                elif key in inherited:
                    cells[role] = inherited[key]
                else:
                    cells[role] = _Fragment(
                        list(table.lines(cell.box)), cell.box, not cell.continued
                    )
            drafts.append(_Draft(number, cells))
            if len(drafts) > MAX_ROWS:
                raise too_many_rows(path, f"hơn {thousands(MAX_ROWS)}")
        offset += len(table.rows)
    out = TableRows(path)
    for draft in drafts:
        out.add(draft.number, _cells(draft))
    return out.result()


def _carry_over(
    table: _Table,
    row: tuple[GridCell | None, ...],
    roles: dict[Role, int],
    previous: _Draft,
    inherited: dict[tuple[int, Box], _Fragment],
) -> bool:
    """At the top of a continued page: True when the row is the rest of the previous one."""
    ordinal = _at(row, roles["ordinal"]) if "ordinal" in roles else None
    origin = _at(row, roles["origin"])
    has_ordinal = bool(tidy(table.text(ordinal)).strip())
    if origin is None or tidy(table.text(origin)).strip():
        return False
    if has_ordinal:  # a new row whose locality is merged down from the previous page
        before = previous.cells.get("origin")
        if before is not None:
            inherited[(table.page, origin.box)] = _Fragment(before.lines, before.box, False)
        return False
    for role, col in roles.items():  # the row cut by the page break: its text goes on
        cell = _at(row, col)
        if cell is not None and role in previous.cells:
            previous.cells[role].lines.extend(table.lines(cell.box))
    return True


def _cells(draft: _Draft) -> dict[Role, Cell]:
    return {
        role: Cell("\n".join(_cell_paragraphs(frag.lines, frag.box)), frag.own)
        for role, frag in draft.cells.items()
    }


def _cell_paragraphs(lines: Sequence[Line], box: Box) -> list[str]:
    if not lines:
        return []
    left = min(line.x0 for line in lines)
    # The text ends as far from the right rule as it starts from the left one (cell padding).
    right = max(box[2] - (left - box[0]), max(line.x1 for line in lines))
    return paragraphs(lines, left, right)


def _middle(word: Word) -> float:
    return (word.top + word.bottom) / 2


def _at(row: tuple[GridCell | None, ...], col: int) -> GridCell | None:
    return row[col] if col < len(row) else None


def _outside(pages: _Pages, used: set[tuple[int, Box]]) -> Iterator[str]:
    """The paragraphs of every page outside the petition table, page after page."""
    for number, words in enumerate(pages.words, start=1):
        boxes = [box for page, box in used if page == number]
        if boxes:  # the tables' outlines: a word in one of their cells is inside them
            outline = (
                min(b[0] for b in boxes),
                min(b[1] for b in boxes),
                max(b[2] for b in boxes),
                max(b[3] for b in boxes),
            )
            boxes = [outline]
        free = [w for w in words if not any(inside(w, box) for box in boxes)]
        yield from block_paragraphs(lines_of(free))
