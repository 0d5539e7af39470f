"""The import limits in-process: what the libraries would do without them, and the boundaries."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx.oxml.parser import parse_xml
from lxml import etree

from benchmarks import hostile_generators as hf
from desktop.core import xlsx_out
from desktop.core.importers import ImportFailed, parse_file
from desktop.core.importers.limits import MAX_IMPORT_CHARS, MAX_ROWS


def test_python_docx_refuses_entities_in_english_we_refuse_them_first(tmp_path: Path) -> None:
    # What python-docx's own parser does: it does not expand entities into the tree
    # (resolve_entities=False) and libxml2 stops the bomb at its amplification limit, quickly,
    # with an English XMLSyntaxError. The clerk gets ours, before lxml ever sees the part.
    path = hf.entity_bomb(tmp_path / "entities.docx")
    xml = zipfile.ZipFile(path).read("word/document.xml")
    start = time.perf_counter()
    with pytest.raises(etree.XMLSyntaxError, match="amplification"):
        parse_xml(xml)
    assert time.perf_counter() - start < 1
    with pytest.raises(ImportFailed) as info:
        parse_file(path)
    assert "khai báo DTD/thực thể XML" in str(info.value)


def _sheet(path: Path, rows: list[tuple[str, ...]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            xlsx_out.put(sheet, r, c, value)
    book.save(path)
    return path


def test_long_cell_names_the_row_the_limit_and_the_length(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path / "o-dai.xlsx",
        [("STT", "Địa phương", "Kiến nghị"), ("1", "Huế", "ngắn"), ("2", "Huế", "x" * 25_000)],
    )
    with pytest.raises(ImportFailed) as info:
        parse_file(path)
    assert str(info.value) == (
        "Tệp «o-dai.xlsx», dòng 3: ô dài quá 20.000 ký tự (có 25.000 ký tự); "
        "hãy tách hoặc rút gọn nội dung."
    )


def test_text_of_one_import_is_bounded(tmp_path: Path) -> None:
    rows = MAX_IMPORT_CHARS // 19_000 + 10
    path = hf.genuine_xlsx(tmp_path / "nhieu-chu.xlsx", rows=rows, row_chars=19_000, media=0)
    with pytest.raises(ImportFailed) as info:
        parse_file(path)
    assert "bảng có hơn 3.000.000 ký tự nội dung kiến nghị, vượt giới hạn mỗi lần nhập" in str(
        info.value
    )
    assert info.value.row is not None and MAX_IMPORT_CHARS // 19_100 < info.value.row < rows


def test_rows_at_the_limit_pass_one_more_is_refused(tmp_path: Path) -> None:
    assert len(parse_file(hf.xlsx_rows(tmp_path / "du.xlsx", MAX_ROWS)).rows) == MAX_ROWS - 1
    assert len(parse_file(hf.docx_rows(tmp_path / "du.docx", MAX_ROWS)).rows) == MAX_ROWS - 1
    with pytest.raises(ImportFailed, match="bảng có 5.001 dòng"):
        parse_file(hf.xlsx_rows(tmp_path / "thua.xlsx", MAX_ROWS + 1))
