"""Read the petition table (bảng tổng hợp kiến nghị) and the letter's details from a DOCX.

Cells are read from the XML grid rather than `_Row.cells`: python-docx 1.2 resolves a vertically
merged cell (`<w:vMerge/>`, i.e. val="continue") to the top cell of the merge, so a continuation
row looks exactly like a row that repeats the text, and it raises ValueError on a continuation
cell in a table's first row. Walking the grid ourselves keeps both facts: the inherited text
and whether the row wrote it itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn

from desktop.core.importers.common import (
    HEADER_SCAN_ROWS,
    MAX_CELL_CHARS,
    Cell,
    Role,
    guard_length,
    is_heading_row,
    match_header,
    not_found,
    scan_metadata,
    tidy,
)
from desktop.core.importers.legacy_docx import convert_document
from desktop.core.importers.model import ImportFailed, ParsedImport, ParsedRow, parsed_import
from desktop.core.importers.table_rows import TableRows

Element = Any  # an lxml element; lxml ships no type information

_P, _T, _TAB, _PTAB = qn("w:p"), qn("w:t"), qn("w:tab"), qn("w:ptab")
_BR, _CR, _NB_HYPHEN = qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen")
_TBL, _TR, _TC = qn("w:tbl"), qn("w:tr"), qn("w:tc")
_TR_PR, _TC_PR, _TBL_HEADER = qn("w:trPr"), qn("w:tcPr"), qn("w:tblHeader")
_GRID_BEFORE, _GRID_SPAN, _V_MERGE, _VAL = (
    qn("w:gridBefore"),
    qn("w:gridSpan"),
    qn("w:vMerge"),
    qn("w:val"),
)
_SECT_PR = qn("w:sectPr")
# Word writes a text box twice (mc:Choice for new readers, mc:Fallback for old); read one.
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_MAX_SPAN = 64


@dataclass(frozen=True)
class _GridCell:
    top: Element  # the w:tc holding the text (the first row of a vertical merge)
    continued: bool  # True when this grid cell continues a merge from the row above


@dataclass(frozen=True)
class _GridRow:
    index: int  # 0-based row index in the (possibly continued) table
    cells: tuple[_GridCell | None, ...]


def parse_docx(path: Path) -> ParsedImport:
    """Parse a DOCX: the first table with recognised columns, plus metadata from the text."""
    try:
        document = docx.Document(str(path))
    except ValueError as exc:
        if "is not a Word file" not in str(exc):
            raise
        raise ImportFailed(
            path,
            "đây không phải văn bản Word thường mà là tệp có macro (.docm) hoặc tệp mẫu (.dotx); "
            "hãy mở bằng Word và lưu lại dạng .docx",
        ) from exc
    converted = convert_document(document)  # TCVN3/VNI runs to Unicode, before anything is read
    body = document.element.body
    texts = _TextCache()
    for tbl in body.iter(_TBL):
        grid = _grid(tbl)
        for row in grid[:HEADER_SCAN_ROWS]:
            roles = match_header(texts.header(c) for c in row.cells)
            if roles is not None:
                width = max(len(r.cells) for r in grid)
                tables = [tbl, *_continuation_tables(tbl, width)]
                rows = _rows(path, tables, row.index, roles, texts)
                meta = scan_metadata(path, ((t, None) for t in _outside_lines(body, tables)))
                return parsed_import(path, "docx", meta, rows, converted)
    raise not_found(path)


def _rows(
    path: Path, tables: list[Element], header_index: int, roles: dict[Role, int], texts: _TextCache
) -> tuple[ParsedRow, ...]:
    out = TableRows(path)
    dead: set[Element] = set()  # top cells of skipped header rows
    offset = 0
    for table_no, tbl in enumerate(tables):
        grid = _grid(tbl)
        for row in grid[header_index + 1 if table_no == 0 else 0 :]:
            number = offset + row.index + 1
            own = [texts.own(c) for c in row.cells]
            if is_heading_row(own):
                # A header repeated on a later page, or the "(1) (2) (3)" row: a merge that
                # starts there carries column names, not values.
                dead.update(c.top for c in row.cells if c is not None)
                continue
            origin = _at(row, roles["origin"])
            content = _at(row, roles["content"])
            if origin is not None and content is not None and origin.top is content.top:
                continue  # one cell across the row: a section heading such as "I. Bưu chính"
            cells: dict[Role, Cell] = {}
            for role, col in roles.items():
                cell = _at(row, col)
                if cell is not None and cell.continued and cell.top in dead:
                    cells[role] = Cell(None, True)
                elif cell is not None:
                    cells[role] = Cell(texts.text(path, cell, number), not cell.continued)
            out.add(number, cells)
        offset += len(grid)
    return out.result()


def _at(row: _GridRow, col: int) -> _GridCell | None:
    return row.cells[col] if col < len(row.cells) else None


def _int_attr(parent: Element | None, tag: str, default: int) -> int:
    el = parent.find(tag) if parent is not None else None
    try:
        return int(el.get(_VAL)) if el is not None else default
    except (TypeError, ValueError):
        return default


def _grid(tbl: Element) -> list[_GridRow]:
    """The table as rows of grid cells, merges resolved to their top cell."""
    rows: list[_GridRow] = []
    above: list[_GridCell | None] = []
    for index, tr in enumerate(tbl.findall(_TR)):
        cells: list[_GridCell | None] = [None] * max(0, _int_attr(tr.find(_TR_PR), _GRID_BEFORE, 0))
        for tc in tr.findall(_TC):
            tc_pr = tc.find(_TC_PR)
            span = min(max(1, _int_attr(tc_pr, _GRID_SPAN, 1)), _MAX_SPAN)
            merge = tc_pr.find(_V_MERGE) if tc_pr is not None else None
            col = len(cells)
            prior = above[col] if col < len(above) else None
            if merge is not None and merge.get(_VAL, "continue") == "continue" and prior:
                cell = _GridCell(prior.top, True)
            else:  # a restart, an ordinary cell, or a stray continuation with nothing above
                cell = _GridCell(tc, False)
            cells.extend([cell] * span)
        rows.append(_GridRow(index, tuple(cells)))
        above = cells
    return rows


def _continuation_tables(tbl: Element, columns: int) -> Iterator[Element]:
    """Tables right after this one with the same columns: one table split across pages."""
    sibling = tbl.getnext()
    while sibling is not None:
        if sibling.tag == _P and not _paragraph_text(sibling).strip():
            sibling = sibling.getnext()  # an empty paragraph between the two halves
            continue
        if sibling.tag != _TBL:
            return
        grid = _grid(sibling)
        if not grid or max(len(r.cells) for r in grid) != columns:
            return
        yield sibling
        sibling = sibling.getnext()


class _TextCache:
    """Cell texts by top w:tc, so a merged cell is read once."""

    def __init__(self) -> None:
        # lxml elements hash by identity; holding them keeps that identity stable.
        self._raw: dict[Element, str] = {}

    def raw(self, tc: Element) -> str:
        """The cell's paragraphs joined with newlines, not yet cleaned."""
        hit = self._raw.get(tc)
        if hit is None:
            parts: list[str] = []
            total = 0
            for p in _paragraphs(tc):
                text = _paragraph_text(p)
                parts.append(text)
                total += len(text) + 1
                if total > MAX_CELL_CHARS * 2:
                    break  # refused anyway; no point reading a megabyte more
            hit = self._raw[tc] = "\n".join(parts)
        return hit

    def header(self, cell: _GridCell | None) -> str:
        """Text for header matching (empty for a continuation cell)."""
        return "" if cell is None or cell.continued else self.raw(cell.top)[:300]

    def own(self, cell: _GridCell | None) -> str:
        """Cleaned text the row itself wrote ("" for continuation cells)."""
        if cell is None or cell.continued:
            return ""
        raw = self.raw(cell.top)
        return "" if len(raw) > 300 else tidy(raw)

    def text(self, path: Path, cell: _GridCell, row: int) -> str:
        """The raw text the row sees, inherited from a merge if need be; length-checked."""
        raw = self.raw(cell.top)
        guard_length(path, raw, row)
        return raw


def _paragraphs(parent: Element) -> Iterator[Element]:
    """The w:p elements under parent in document order, not descending into a paragraph."""
    for child in parent:
        if child.tag == _P:
            yield child
        elif isinstance(child.tag, str) and child.tag != _MC_FALLBACK:
            yield from _paragraphs(child)


def _paragraph_text(p: Element) -> str:
    parts: list[str] = []
    _collect(p, parts)
    return "".join(parts)


def _collect(el: Element, parts: list[str]) -> None:
    # Unlike Paragraph.text this also reads runs inside w:ins, w:smartTag, w:sdt, w:fldSimple.
    for child in el:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag in (_TAB, _PTAB):
            parts.append("\t")
        elif tag in (_BR, _CR):
            parts.append("\n")
        elif tag == _NB_HYPHEN:
            parts.append("-")
        elif isinstance(tag, str) and tag != _MC_FALLBACK:
            _collect(child, parts)


def _outside_lines(body: Element, tables: list[Element]) -> Iterator[str]:
    """Paragraph texts of the document outside the petition table(s), in order."""
    skip = set(tables)

    def walk(parent: Element) -> Iterator[str]:
        for child in parent:
            tag = child.tag
            if tag == _P:
                yield _paragraph_text(child)
            elif tag == _TBL and child in skip:
                continue
            elif isinstance(tag, str) and tag not in (_MC_FALLBACK, _SECT_PR):
                yield from walk(child)

    yield from walk(body)
