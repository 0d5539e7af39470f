"""The import limits, in one place, with the sentences that refuse a file over them.

The limits, and why (a real petition table has a few hundred rows and a few MB of XML; the target
is ≤ 300 MB and ≤ 30 s for any file up to 20 MB, measured by benchmarks/hostile_files.py):
5,000 rows per import and 100 columns (a table has about ten); 20,000 characters per cell
(common.MAX_CELL_CHARS) and, in any Excel cell, 32,767 (Excel's own ceiling); 3 million
characters of petition text per import (a 300-row annex has ~0.5 million; registering 7.5
million took 16 s and 260 MB in the database layer, search index and vocabulary included);
1,000 zip members; 500,000 XML elements outside the worksheets (≈ 70 MB in lxml; a 300-row
table with heavy formatting has ~100,000); depth 100 (real files nest a few dozen deep, lxml
stops at 256); 32 MiB per DOCX XML part, 64 MiB per other part, 256 MiB per worksheet
(streamed), 256 MiB in all, 128 MiB for a DOCX (python-docx holds every part: 4 pictures of
63 MiB took 362 MB, 2 took 236 MB); per worksheet 1,000,000 cells and 100,000 rows counting
blank ones (sheet_scan.py).
"""

from __future__ import annotations

from pathlib import Path
from xml.parsers import expat

from desktop.core.importers.model import ImportFailed, ParsedRow

MIB = 1024 * 1024
MAX_MEMBERS = 1_000
MAX_PART_BYTES = 64 * MIB
MAX_DOCX_XML_BYTES = 32 * MIB
MAX_SHEET_BYTES = 256 * MIB
MAX_TOTAL_BYTES = 256 * MIB
# python-docx holds every part it can reach (pictures too), not only the XML it parses.
MAX_DOCX_TOTAL_BYTES = 128 * MIB
MAX_ELEMENTS = 500_000
# openpyxl turns styles and the rest into Python objects (490,000 <xf> took 711 MB, 64,000 with an
# <alignment> each 212 MB); real files have a few hundred, Excel allows 64,000 cell formats.
# Shared strings are exempt (cheap; counted in MAX_ELEMENTS).
MAX_XLSX_PART_ELEMENTS = 100_000
MAX_DEPTH = 100
MAX_ROWS = 5_000
MAX_COLUMNS = 100
MAX_IMPORT_CHARS = 3_000_000
# Excel's own ceiling for one cell; a longer text (openpyxl would hold all of it) is forged.
EXCEL_CELL_CHARS = 32_767


def thousands(value: int) -> str:
    """An integer the Vietnamese way: 1.048.575."""
    return f"{value:,}".replace(",", ".")


def too_many_rows(path: Path, found: str) -> ImportFailed:
    """The refusal of a table over MAX_ROWS rows; `found` is the count as shown."""
    return ImportFailed(
        path,
        f"bảng có {found} dòng, vượt giới hạn {thousands(MAX_ROWS)} dòng mỗi lần nhập; "
        "hãy tách tệp",
    )


def too_many_columns(path: Path, found: int) -> ImportFailed:
    """The refusal of a table over MAX_COLUMNS columns."""
    return ImportFailed(
        path,
        f"bảng có {thousands(found)} cột, vượt giới hạn {MAX_COLUMNS} cột; "
        "bảng kiến nghị chỉ cần vài cột (STT, Địa phương, Kiến nghị…)",
    )


def overlong_cell(path: Path, row: int | None = None) -> ImportFailed:
    """The refusal of a text longer than Excel itself allows in a cell (a forged file)."""
    return ImportFailed(
        path,
        f"ô dài quá 20.000 ký tự (có hơn {thousands(EXCEL_CELL_CHARS)} ký tự, quá cả giới hạn "
        "của Excel); hãy tách hoặc rút gọn nội dung",
        row,
    )


def xml_parser(path: Path, name: str) -> expat.XMLParserType:
    """An expat parser (names as "namespace local") that refuses any DOCTYPE or entity."""

    def refuse(*_args: object) -> None:
        raise ImportFailed(
            path,
            f"phần «{name}» có khai báo DTD/thực thể XML, điều tệp Word/Excel thật không "
            "có (có thể là bom XML); không mở",
        )

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    return parser


class TextBudget:
    """The petition text of one import, counted against MAX_IMPORT_CHARS as rows are read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.used = 0

    def take(self, row: ParsedRow) -> ParsedRow:
        """Count the row's text; refuse the import at the row that goes over the limit."""
        self.used += len(row.origin) + len(row.content) + len(row.summary or "")
        if self.used > MAX_IMPORT_CHARS:
            raise ImportFailed(
                self.path,
                f"bảng có hơn {thousands(MAX_IMPORT_CHARS)} ký tự nội dung kiến nghị, vượt giới "
                "hạn mỗi lần nhập; hãy tách tệp",
                row.source_row,
            )
        return row
