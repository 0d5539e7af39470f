"""Count what a worksheet holds, streaming its XML with expat, before openpyxl reads it.

openpyxl's read-only mode still parses each sheet without a `<dimension>` to its end when the
workbook is opened (rows are kept, emptied, as children of sheetData) and holds any one cell's
text whole; so every worksheet is scanned here first: rows with a value (MAX_ROWS), the column
of each value (MAX_COLUMNS), all cells and rows, each text node (Excel's own 32,767 characters),
depth, and no DOCTYPE. The scan stops at the first limit passed. It also collects the merged
ranges, which read-only mode does not expose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from openpyxl.utils.cell import column_index_from_string, range_boundaries

from desktop.core.importers.limits import (
    EXCEL_CELL_CHARS,
    MAX_COLUMNS,
    MAX_DEPTH,
    MAX_ROWS,
    overlong_cell,
    thousands,
    too_many_columns,
    too_many_rows,
    xml_parser,
)
from desktop.core.importers.model import ImportFailed

# 5,000 rows of 100 columns at most, plus formatted blank cells and rows around them.
MAX_SHEET_CELLS = 1_000_000
MAX_SHEET_ROWS = 100_000
_COLUMN_OF = re.compile(r"\$?([A-Za-z]{1,3})\$?\d")
_LAST_ROW = re.compile(r":\$?[A-Za-z]{0,3}\$?(\d+)$")
MergedRange = tuple[int, int, int, int]  # min column, min row, max column, max row


def scan_sheet(path: Path, name: str, chunks: Iterable[bytes]) -> SheetScan:
    """Run the worksheet part's bytes through the scan; ImportFailed at the first limit."""
    scan = SheetScan(path)
    parser = xml_parser(path, name)
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.text
    for piece in chunks:
        parser.Parse(piece, False)
    parser.Parse(b"", True)
    return scan


class SheetScan:
    """Expat handlers over one worksheet: merges collected, rows, columns and cells bounded."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.ranges: list[MergedRange] = []
        self.rows = 0
        self.cells = 0
        self.row_elements = 0  # with or without a value: openpyxl walks them all
        self._declared_rows = 0  # from <dimension>, only to say how far over the limit it is
        self._depth = 0
        self._column = 0
        self._valued = False
        self._row = 0
        self._chars = 0

    def text(self, data: str) -> None:
        """A chunk of one text node: none may be longer than Excel allows (openpyxl holds it)."""
        self._chars += len(data)
        if self._chars > EXCEL_CELL_CHARS:
            raise overlong_cell(self.path, self._row or None)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        """One element opens: count it, and what it says about the table."""
        self._depth += 1
        self._chars = 0
        if self._depth > MAX_DEPTH:
            raise ImportFailed(self.path, f"trang tính lồng nhau quá sâu (hơn {MAX_DEPTH} tầng)")
        local = name.rpartition(" ")[2]
        if local == "c":
            self.cells += 1
            if self.cells > MAX_SHEET_CELLS:
                raise ImportFailed(
                    self.path,
                    f"trang tính có hơn {thousands(MAX_SHEET_CELLS)} ô, vượt giới hạn; "
                    "hãy tách tệp",
                )
            ref = _COLUMN_OF.match(attrs.get("r", ""))
            self._column = column_index_from_string(ref[1]) if ref else self._column + 1
        elif local in ("v", "is"):
            self._valued = True
            if self._column > MAX_COLUMNS:
                raise too_many_columns(self.path, self._column)
        elif local == "row":
            self.row_elements += 1
            if self.row_elements > MAX_SHEET_ROWS:
                raise ImportFailed(
                    self.path,
                    f"trang tính có hơn {thousands(MAX_SHEET_ROWS)} dòng (kể cả dòng trống), "
                    "vượt giới hạn; hãy tách tệp",
                )
            self._column = 0
            self._valued = False
            given = attrs.get("r", "")
            self._row = int(given) if given.isdigit() else self._row + 1
        elif local == "mergeCell":
            bounds = range_boundaries(attrs.get("ref", ""))
            if None not in bounds:
                self.ranges.append((bounds[0], bounds[1], bounds[2], bounds[3]))
        elif local == "dimension":
            last = _LAST_ROW.search(attrs.get("ref", ""))
            self._declared_rows = int(last[1]) if last else 0

    def end(self, name: str) -> None:
        """One element closes: a row with a value counts against MAX_ROWS."""
        self._depth -= 1
        self._chars = 0
        if self._valued and name.rpartition(" ")[2] == "row":
            self._valued = False
            self.rows += 1
            if self.rows > MAX_ROWS:
                # Counting on would read the whole sheet: the <dimension> says how many.
                declared = self._declared_rows
                found = thousands(declared) if declared > MAX_ROWS else f"hơn {thousands(MAX_ROWS)}"
                raise too_many_rows(self.path, found)
