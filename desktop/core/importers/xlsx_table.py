"""Read a petition table from the active worksheet of an XLSX workbook.

The workbook is opened read-only (streamed), which hides merged ranges; they come from the
sheet's `<mergeCells>` element, collected by the limit scan (package.check_package). A recognised
cell that is empty because it lies inside a merged range (not its top-left) takes the top-left
value, exactly as a vertically merged cell in a DOCX does. An empty origin outside any merge is an
error naming the row, not a silent "same as above": the clerk fixes the sheet rather than the
import guessing.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO

import openpyxl

from desktop.core.importers.common import (
    MAX_META_LINE,
    Cell,
    Role,
    cell_text,
    is_heading_row,
    match_header,
    not_found,
    scan_metadata,
    tidy,
    to_date,
)
from desktop.core.importers.legacy_xlsx import convert_workbook
from desktop.core.importers.model import ImportFailed, ParsedImport
from desktop.core.importers.sheet_scan import MergedRange, scan_sheet
from desktop.core.importers.table_rows import TableRows

HEADER_SEARCH_ROWS = 10
_DOCUMENT_ROLES: tuple[Role, ...] = ("sender", "sender_ref", "sender_date")
_Pos = tuple[int, int]  # (sheet row, 1-based column)
# Excel stores control characters as _xHHHH_ escapes, which openpyxl hands over verbatim.
_CONTROL_ESCAPE = re.compile(r"_x00[01][0-9A-Fa-f]_")
_ESCAPED_BREAKS = {"_x0009_": "\t", "_x000a_": "\n", "_x000d_": "\n"}


def parse_xlsx(path: Path, merges: Mapping[str, list[MergedRange]]) -> ParsedImport:
    """Parse the active worksheet: header in the first 10 rows, one petition per row below.

    `merges` holds the merged ranges of each worksheet by part name, from check_package.
    """
    # TCVN3/VNI text to Unicode first (a converted copy in memory), so headers match too.
    data, converted = convert_workbook(path)
    # A file object, not the path: openpyxl refuses a path by its extension, and the content
    # (sniffed already) decides here, whatever the name says.
    with io.BytesIO(data) if data is not None else path.open("rb") as stream:
        parsed = _parse_workbook(path, stream, merges)
    return dataclasses.replace(parsed, converted=converted) if converted else parsed


def _parse_workbook(
    path: Path, stream: BinaryIO, known: Mapping[str, list[MergedRange]]
) -> ParsedImport:
    workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    try:
        sheet = workbook.active
        if sheet is None or not hasattr(sheet, "iter_rows"):
            raise ImportFailed(path, "trang tính đang chọn không phải bảng dữ liệu")
        # Some programs write a wrong <dimension>; read-only mode would then cut columns off.
        sheet.reset_dimensions()
        merges = _Merges(_merged_ranges(path, getattr(sheet, "_worksheet_path", None), known))
        return _parse(path, sheet.iter_rows(values_only=True), merges)
    finally:
        workbook.close()


class _Merges:
    """Merged ranges of the sheet, looked up by column."""

    def __init__(self, ranges: Iterable[MergedRange]) -> None:
        self._by_col: dict[int, list[MergedRange]] = {}
        self._tops: set[_Pos] = set()
        for rng in ranges:
            min_col, min_row, max_col, max_row = rng
            if (min_col, min_row) == (max_col, max_row):
                continue
            self._tops.add((min_row, min_col))
            for col in range(min_col, min(max_col, min_col + 256) + 1):
                self._by_col.setdefault(col, []).append(rng)

    def is_top(self, pos: _Pos) -> bool:
        """True for the top-left cell of a merged range (the one holding the value)."""
        return pos in self._tops

    def top_of(self, pos: _Pos) -> _Pos | None:
        """The top-left of the merged range covering pos, if pos is inside one but not its top."""
        row, col = pos
        for min_col, min_row, max_col, max_row in self._by_col.get(col, ()):
            if min_row <= row <= max_row and min_col <= col <= max_col:
                return None if (row, col) == (min_row, min_col) else (min_row, min_col)
        return None


def _merged_ranges(
    path: Path, part: object, known: Mapping[str, list[MergedRange]]
) -> list[MergedRange]:
    """The sheet's merged ranges (read-only mode has no API), as the limit scan collected them."""
    if not isinstance(part, str):
        return []
    name = part.lstrip("/")
    if name in known:
        return known[name]
    # A sheet stored outside xl/worksheets/ was not scanned as a sheet: stream it here.
    with zipfile.ZipFile(path) as archive, archive.open(name) as source:
        return scan_sheet(path, name, iter(lambda: source.read(256 * 1024), b"")).ranges


def _parse(path: Path, rows: Iterable[Sequence[object]], merges: _Merges) -> ParsedImport:
    roles: dict[Role, int] | None = None
    preamble: list[tuple[str, int | None]] = []
    seen: dict[_Pos, object] = {}  # values of merge top-left cells, for the cells they cover
    found: dict[Role, object] = {}
    out = TableRows(path)
    for number, raw_values in enumerate(rows, start=1):
        values = [_unescape(v) for v in raw_values]
        if roles is None:
            if number > HEADER_SEARCH_ROWS:
                break
            texts = [cell_text(v) for v in values]
            roles = match_header(texts)
            if roles is None:
                preamble.extend((t, number) for t in texts if t and len(t) <= MAX_META_LINE)
            continue
        texts = [_short(v) for v in values]
        if is_heading_row(texts):
            continue  # a repeated header or the "(1) (2) (3)" row
        cells: dict[Role, Cell] = {}
        for role, index in roles.items():
            pos = (number, index + 1)
            value = values[index] if index < len(values) else None
            if merges.is_top(pos):
                seen[pos] = value
            top = merges.top_of(pos) if value is None or value == "" else None
            cells[role] = Cell(seen.get(top), False) if top is not None else Cell(value)
        content_top = merges.top_of((number, roles["content"] + 1))
        if content_top is not None and content_top[0] == number:
            continue  # one merged cell across the row: a section heading
        _note_document_values(path, number, cells, found)
        out.add(number, cells)
    if roles is None:
        raise not_found(path)
    petitions = out.result()
    meta = scan_metadata(path, preamble)
    return ParsedImport(
        path=path,
        kind="xlsx",
        sender=_text(found.get("sender")) or meta.sender,
        sender_ref=_text(found.get("sender_ref")) or meta.sender_ref,
        sender_date=_date_or_none(found.get("sender_date")) or meta.sender_date,
        reply_by=meta.reply_by,
        summary=meta.summary,
        rows=petitions,
    )


def _note_document_values(
    path: Path, number: int, cells: dict[Role, Cell], found: dict[Role, object]
) -> None:
    """Keep the first non-empty sender / số ký hiệu / ngày văn bản; check every date."""
    for role in _DOCUMENT_ROLES:
        cell = cells.get(role)
        if cell is None or cell.value is None or cell_text(cell.value).strip() == "":
            continue
        value = to_date(path, cell.value, number) if role == "sender_date" else cell.value
        found.setdefault(role, value)


def _unescape(value: object) -> object:
    if isinstance(value, str) and "_x" in value:
        return _CONTROL_ESCAPE.sub(lambda m: _ESCAPED_BREAKS.get(m.group().lower(), ""), value)
    return value


def _short(value: object) -> str:
    text = cell_text(value)
    return tidy(text) if len(text) <= 300 else ""


def _text(value: object) -> str | None:
    return tidy(cell_text(value))[:500] or None


def _date_or_none(value: object) -> date | None:
    return value if isinstance(value, date) else None
