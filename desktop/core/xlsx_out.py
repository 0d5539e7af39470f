"""The one way the app writes XLSX cells: text is stored as text, never as a live formula.

openpyxl turns any `str` that begins with "=" into a formula (`=cmd|' /C calc'!A0`,
`=HYPERLINK(…)` in a petition would run or link when the clerk opens the export). Every cell
written here gets the string type back after assignment, and text that a spreadsheet would
read as the start of a formula when re-typed (= + - @, tab, CR) also gets Excel's quote prefix,
so editing the cell in Excel keeps it text too. Every XLSX writer in the app goes through
`cell` (write-only sheets) or `put` (ordinary sheets); nothing else assigns a cell value.
"""

from __future__ import annotations

from typing import Any

# What Excel, LibreOffice and Google Sheets take as the start of a formula when typed.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")

Sheet = Any  # an openpyxl worksheet (openpyxl ships no type information)
XlsxCell = Any  # an openpyxl Cell or WriteOnlyCell


def _store(target: XlsxCell, value: object) -> XlsxCell:
    target.value = value  # openpyxl guesses the type here, a formula for "=…"
    if isinstance(value, str):
        target.data_type = "s"
        if value.startswith(FORMULA_LEADS):
            target.quotePrefix = True
    return target


def _style(target: XlsxCell, font: object, alignment: object, number_format: str | None) -> None:
    if font is not None:
        target.font = font
    if alignment is not None:
        target.alignment = alignment
    if number_format is not None:
        target.number_format = number_format


def cell(
    sheet: Sheet,
    value: object,
    *,
    font: object = None,
    alignment: object = None,
    number_format: str | None = None,
) -> XlsxCell:
    """A cell for a write-only sheet's `append`; a str is always text, never a formula."""
    from openpyxl.cell import WriteOnlyCell  # ~0.2 s the desktop need not pay at start-up

    target = _store(WriteOnlyCell(sheet), value)
    _style(target, font, alignment, number_format)
    return target


def put(
    sheet: Sheet,
    row: int,
    column: int,
    value: object,
    *,
    font: object = None,
    alignment: object = None,
    number_format: str | None = None,
) -> XlsxCell:
    """Set one cell of an ordinary sheet; a str is always text, never a formula."""
    target = _store(sheet.cell(row=row, column=column), value)
    _style(target, font, alignment, number_format)
    return target


def print_setup(sheet: Sheet, header_row: int) -> None:
    """Freeze the header row and repeat it on every printed page: A4 landscape, one page wide."""
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = "Trang &P"
