"""Builders for petition files (DOCX and XLSX) shaped like what a ministry really receives.

Shared by the importer, database and CLI tests: every builder writes the file at the path it is
given and returns that path. `write_vpcp_docx` reproduces seed 000 (Government Office letter
5606/VPCP-QHĐP of 10/07/2020 and its attached table of six petitions) with switches for the shapes
seen in practice; `write_petition_docx` and `write_petitions_xlsx` take any header and rows.

Cell values: a string; a sequence of strings (DOCX: one paragraph each; XLSX: joined with "\\n");
None for an empty cell; MERGED for a cell that continues the merged cell above it (real
`<w:vMerge/>` XML in DOCX, a merged range in XLSX).
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import docx
import openpyxl
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from openpyxl.utils import get_column_letter

from tests.core.importers.seed import (  # noqa: F401 - re-exported for the tests
    ANNEX_TITLE,
    LETTER_HEAD_LEFT,
    LETTER_HEAD_RIGHT,
    NUMBERING_ROW,
    SEED_CONTENTS,
    SEED_DATE,
    SEED_HEADER,
    SEED_LETTER,
    SEED_ORDINALS,
    SEED_ORIGINS,
    SEED_REF,
    SEED_REPLY_BY,
    SEED_ROWS,
    SEED_SENDER,
    SEED_SIGNATURE,
    SEED_SUMMARY,
    UNACCENTED_HEADER,
    XLSX_HEADER,
)


class _Merged:
    """Sentinel type: the cell continues the merged cell above it."""

    def __repr__(self) -> str:
        return "MERGED"


MERGED = _Merged()
CellValue = Any  # str | Sequence[str] | None | MERGED, plus date/int/float for XLSX


def seed_rows() -> list[list[CellValue]]:
    """Seed 000's six rows as [STT, origin, paragraphs]; Hải Phòng's STT is a lone nbsp."""
    return [[ordinal, origin, list(paragraphs)] for ordinal, origin, paragraphs in SEED_ROWS]


def merged_seed_rows() -> list[list[CellValue]]:
    """Seed 000 with Phú Yên's locality merged down over Thái Bình and Thái Nguyên (written
    once for its three rows)."""
    rows = seed_rows()
    rows[3][1] = rows[4][1] = MERGED
    return rows


# ---- DOCX ------------------------------------------------------------------------------------


def write_petition_docx(
    path: Path,
    rows: Sequence[Sequence[CellValue]],
    *,
    header: Sequence[str] | None = SEED_HEADER,
    letter_head: tuple[Sequence[str], Sequence[str]] | None = None,
    before: Sequence[str] = (),
    annex: Sequence[str] = (),
    after: Sequence[str] = (),
    numbering_row: bool = False,
    header_flag: bool = False,
    repeat_header_after: int | None = None,
    trailing_empty_rows: int = 0,
) -> Path:
    """A DOCX: optional two-column letter heading table, paragraphs, then the petition table.

    `repeat_header_after=n` inserts a copy of the header (flagged w:tblHeader) after data row n;
    `header_flag` marks the first header row as repeating on each page.
    """
    document = docx.Document()
    if letter_head is not None:
        layout = document.add_table(rows=1, cols=2)
        for cell, lines in zip(layout.rows[0].cells, letter_head, strict=True):
            _fill(cell, list(lines))
    for text in (*before, *annex):
        document.add_paragraph(text)
    width = max([len(header or ())] + [len(r) for r in rows])
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    if header is not None:
        _add_row(table, header, flag=header_flag or repeat_header_after is not None)
    if numbering_row:
        _add_row(table, [f"({i + 1})" for i in range(width)])
    for index, row in enumerate(rows):
        _add_row(table, row)
        if header is not None and repeat_header_after == index + 1:
            _add_row(table, header, flag=True)
    for _ in range(trailing_empty_rows):
        _add_row(table, [None] * width)
    _apply_vmerge(table, [list(r) for r in rows], skip=_leading_rows(header, numbering_row))
    for text in after:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def write_vpcp_docx(
    path: Path,
    *,
    unaccented_headers: bool = False,
    numbering_row: bool = False,
    merged_origin_rows: int = 0,
    trailing_empty_rows: int = 0,
    repeat_header: bool = False,
    letter: Literal["table", "paragraphs", "none"] = "table",
    annex: bool = True,
    date_text: str = "ngày 10 tháng 7 năm 2020",
    reply_text: str = "trước ngày 15 tháng 09 năm 2020",
    rows: Sequence[Sequence[CellValue]] | None = None,
) -> Path:
    """Seed 000 as a DOCX, with switches for the table shapes clerks meet.

    `merged_origin_rows=n` merges Bến Tre's origin cell over n rows (Phú Yên, Thái Bình… then
    read as Bến Tre); `repeat_header` repeats the header (w:tblHeader) after the third row;
    `letter` puts the heading (agency, Số, V/v, place and date) in a layout table, in plain
    paragraphs, or leaves it out (metadata then comes from the "(Kèm theo …)" line only).
    """
    table_rows = [list(r) for r in (rows if rows is not None else seed_rows())]
    for index in range(2, 1 + merged_origin_rows):
        table_rows[index][1] = MERGED
    right = [*LETTER_HEAD_RIGHT[:-1], f"Hà Nội, {date_text}"]
    body = [line.replace("trước ngày 15 tháng 09 năm 2020", reply_text) for line in SEED_LETTER]
    annex_lines = (
        [ANNEX_TITLE, f"(Kèm theo Công văn số {SEED_REF} {date_text} của {SEED_SENDER})"]
        if annex
        else []
    )
    return write_petition_docx(
        path,
        table_rows,
        header=UNACCENTED_HEADER if unaccented_headers else SEED_HEADER,
        letter_head=(LETTER_HEAD_LEFT, right) if letter == "table" else None,
        before=[
            *(LETTER_HEAD_LEFT + tuple(right) if letter == "paragraphs" else ()),
            *body,
            *SEED_SIGNATURE,
        ],
        annex=annex_lines,
        numbering_row=numbering_row,
        repeat_header_after=3 if repeat_header else None,
        trailing_empty_rows=trailing_empty_rows,
    )


def _leading_rows(header: Sequence[str] | None, numbering_row: bool) -> int:
    return (header is not None) + numbering_row


def _fill(cell: _Cell, value: CellValue) -> None:
    """Write a value into a python-docx cell: one paragraph per line of a sequence."""
    if value is None or value is MERGED:
        paragraphs: list[str] = []
    else:
        paragraphs = [value] if isinstance(value, str) else [str(v) for v in value]
    first, *rest = paragraphs or [""]
    cell.paragraphs[0].text = first
    for text in rest:
        cell.add_paragraph(text)


def _add_row(table: Table, values: Sequence[CellValue], *, flag: bool = False) -> None:
    row = table.add_row()  # type: ignore[no-untyped-call]
    for cell, value in zip(
        row.cells, list(values) + [None] * (len(row.cells) - len(values)), strict=True
    ):
        _fill(cell, value)
    if flag:
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _apply_vmerge(table: Table, rows: list[list[CellValue]], *, skip: int) -> None:
    """Write real vMerge XML: restart on the cell above a MERGED run, bare <w:vMerge/> below."""
    trs = table._tbl.tr_lst
    data_trs = [tr for tr in trs[skip:] if not _is_header_copy(tr)]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not MERGED:
                continue
            below = data_trs[r].tc_lst[c].get_or_add_tcPr()
            below.get_or_add_vMerge()  # no w:val: "continue", as Word writes it
            top_r = r - 1
            while top_r >= 0 and rows[top_r][c] is MERGED:
                top_r -= 1
            if top_r < 0:
                continue  # nothing above: a stray continuation, as some converters write
            above = data_trs[top_r].tc_lst[c].get_or_add_tcPr()
            above.get_or_add_vMerge().set(qn("w:val"), "restart")


def _is_header_copy(tr: object) -> bool:
    trPr = tr.trPr  # type: ignore[attr-defined]
    return trPr is not None and trPr.find(qn("w:tblHeader")) is not None


# ---- XLSX ------------------------------------------------------------------------------------


def seed_xlsx_rows() -> list[list[CellValue]]:
    """Seed 000's rows for a sheet: [STT as int or None, origin, content with "\\n"]."""
    return [
        [int(o) if o.strip() else None, origin, "\n".join(paragraphs)]
        for o, origin, paragraphs in SEED_ROWS
    ]


def write_petitions_xlsx(
    path: Path,
    rows: Sequence[Sequence[CellValue]],
    *,
    header: Sequence[str] = XLSX_HEADER,
    header_row: int = 1,
    preamble: Sequence[str] = (),
    merges: Iterable[str] = (),
    sheet_title: str = "Kiến nghị",
    other_sheets: Sequence[str] = (),
    active: int = 0,
) -> Path:
    """An XLSX whose sheet has `preamble` lines in column A, the header at `header_row`, rows below.

    MERGED cells are merged with the cell above; `merges` adds ranges such as "A5:C5".
    `other_sheets` adds sheets holding a decoy table; `active` picks the sheet Excel opens on.
    """
    if len(preamble) >= header_row:
        raise ValueError("preamble must fit above the header row")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_title
    for offset, text in enumerate(preamble):
        sheet.cell(row=1 + offset, column=1, value=text)
    for col, name in enumerate(header, start=1):
        sheet.cell(row=header_row, column=col, value=name)
    ranges = list(merges)
    for r, row in enumerate(rows):
        sheet_row = header_row + 1 + r
        for c, value in enumerate(row, start=1):
            if value is MERGED:
                if r == 0 or rows[r - 1][c - 1] is not MERGED:
                    ranges.append(f"{get_column_letter(c)}{sheet_row - 1}")
                ranges[-1] = ranges[-1].split(":")[0] + f":{get_column_letter(c)}{sheet_row}"
                continue
            cell = sheet.cell(row=sheet_row, column=c, value=_xlsx_value(value))
            if isinstance(value, date | datetime):
                cell.number_format = "DD/MM/YYYY"
    for rng in ranges:
        sheet.merge_cells(rng)
    for title in other_sheets:
        decoy = workbook.create_sheet(title)
        decoy.append(["STT", "Địa phương", "Nội dung"])
        decoy.append([1, "Trang khác", "Không được nhập"])
    workbook.active = active
    workbook.save(str(path))
    return path


def _xlsx_value(value: CellValue) -> object:
    if value is None or isinstance(value, str | int | float | date | datetime):
        return value
    return "\n".join(str(v) for v in value)


# ---- damaging files --------------------------------------------------------------------------


def patch_zip(path: Path, member: str, old: bytes, new: bytes) -> Path:
    """Replace bytes inside one member of a ZIP (to plant what the libraries refuse to write)."""
    with tempfile.NamedTemporaryFile(delete=False, dir=path.parent, suffix=".tmp") as tmp:
        tmp_path = Path(tmp.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp_path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == member:
                if old not in data:
                    raise ValueError(f"{old!r} not in {member}")
                data = data.replace(old, new)
            dst.writestr(info, data)
    shutil.move(tmp_path, path)
    return path


def truncate_half(path: Path) -> Path:
    """Cut a file to half its bytes, like an interrupted download."""
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path
