"""The paragraphs of a notice saved as DOCX, in reading order, for `parse_notice`.

The file goes through the importers' checks first (what it really is, zip and XML bombs), so a
damaged or hostile file is refused with a Vietnamese reason before python-docx sees it. Header
tables (number and date side by side, as Decree 30 lays them out) are read cell by cell, a
merged cell once.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from desktop.core.importers import ImportFailed, file_kind, reading
from desktop.core.importers.legacy_docx import convert_document
from desktop.core.importers.package import check_package

__all__ = ["read_docx_paragraphs"]


def read_docx_paragraphs(path: Path) -> list[str]:
    """Every paragraph's text, tables' cells included; ImportFailed saying why if unreadable."""
    path = Path(path)
    kind = file_kind(path)
    if kind != "docx":
        what = {"xlsx": "tệp Excel", "pdf": "tệp PDF", "image": "tệp ảnh"}[kind]
        raise ImportFailed(path, f"đây là {what}; thông báo kết luận cần ở dạng Word (.docx)")
    with reading(path, kind):
        check_package(path, kind)
        document = docx.Document(str(path))
        convert_document(document)  # a notice typed in TCVN3/VNI fonts reads as Unicode
        out: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                out.append(block.text)
            else:
                out.extend(_table_text(block))
        return out


def _table_text(table: Table) -> list[str]:
    # The grid's own cells: python-docx's `row.cells` repeats a merged cell once per column.
    return [
        paragraph.text
        for row in table.rows
        for tc in row._tr.tc_lst
        for paragraph in _Cell(tc, table).paragraphs
    ]
