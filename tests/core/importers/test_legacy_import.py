"""TCVN3 and VNI petition files import as their Unicode twins, legacy runs only converted."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.text.paragraph import Paragraph

from desktop.core.importers import ParsedImport, parse_file
from desktop.core.legacy_text import Encoding
from tests import legacy_samples as ls
from tests.core.importers import fixtures as fx

pytestmark = pytest.mark.engine_free
ENCODINGS: list[Encoding] = ["tcvn3", "vni"]


def _meta(p: ParsedImport) -> tuple[object, ...]:
    return (p.sender, p.sender_ref, p.sender_date, p.reply_by, p.summary)


def _all_nfc(p: ParsedImport) -> bool:
    texts = [t for r in p.rows for t in (r.origin, r.content, r.ordinal or "")]
    return all(unicodedata.is_normalized("NFC", t) for t in [*texts, p.summary or ""])


@pytest.fixture(scope="module")
def unicode_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fx.write_vpcp_docx(tmp_path_factory.mktemp("twin") / "5606.docx")


@pytest.fixture(scope="module")
def unicode_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("twin")
    return fx.write_petitions_xlsx(
        folder / "bang.xlsx", fx.seed_xlsx_rows(), header_row=3, preamble=["BẢNG TỔNG HỢP"]
    )


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("fonts", [True, False], ids=["by-font", "by-statistics"])
def test_legacy_docx_imports_as_its_unicode_twin(
    tmp_path: Path, unicode_docx: Path, encoding: Encoding, fonts: bool
) -> None:
    twin = parse_file(unicode_docx)
    legacy = ls.legacy_docx(unicode_docx, tmp_path / "cu.docx", encoding, fonts=fonts)
    # The file really is legacy text: python-docx sees "H¶i Phßng" / "Haûi Phoøng".
    cells = [c.text for t in docx.Document(str(legacy)).tables for r in t.rows for c in r.cells]
    assert "Hải Phòng" not in cells and ls.segments("Hải Phòng", encoding)[0][0] in cells
    parsed = parse_file(legacy)
    assert parsed.rows == twin.rows and _meta(parsed) == _meta(twin)
    assert parsed.rows[0].origin == "Hải Phòng"
    assert parsed.rows[0].content.startswith("Đề nghị Chính phủ chỉ đạo Bộ TTTT")
    assert _all_nfc(parsed) and twin.converted is None
    assert parsed.converted is not None and parsed.converted.encodings == (encoding,)
    # Every table cell with a Vietnamese letter in it (the letter head's layout table too).
    assert parsed.converted.cells == _cells_with_letters(unicode_docx)
    assert parsed.converted.paragraphs > 0  # the letter around the table too


def _cells_with_letters(path: Path) -> int:
    tcs = {c._tc for t in docx.Document(str(path)).tables for r in t.rows for c in r.cells}
    return sum(1 for tc in tcs if not "".join(tc.itertext()).strip().isascii())


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("fonts", [True, False], ids=["by-font", "by-statistics"])
def test_legacy_xlsx_imports_as_its_unicode_twin(
    tmp_path: Path, unicode_xlsx: Path, encoding: Encoding, fonts: bool
) -> None:
    twin = parse_file(unicode_xlsx)
    legacy = ls.legacy_xlsx(unicode_xlsx, tmp_path / "cu.xlsx", encoding, fonts=fonts)
    sheet = openpyxl.load_workbook(legacy).active
    assert sheet is not None and sheet["B4"].value == ls.segments("Hải Phòng", encoding)[0][0]
    parsed = parse_file(legacy)
    assert parsed.rows == twin.rows and _meta(parsed) == _meta(twin)
    assert parsed.rows[0].origin == "Hải Phòng" and _all_nfc(parsed)
    assert parsed.converted is not None and parsed.converted.encodings == (encoding,)
    twin_sheet = openpyxl.load_workbook(unicode_xlsx).active
    assert twin_sheet is not None
    with_letters = sum(
        1
        for row in twin_sheet.iter_rows()
        for c in row
        if isinstance(c.value, str) and not c.value.strip().isascii()
    )
    assert parsed.converted.cells == with_letters


def test_tcvn3_h_font_runs_come_out_in_capitals(tmp_path: Path) -> None:
    # "ỦY BAN NHÂN DÂN" in .VnTimeH, "Ủy" as an H-font capital and a .VnTime rest.
    path = fx.write_petition_docx(
        tmp_path / "h.docx",
        [["1", "Hải Phòng", ["Ủy ban đề nghị hỗ trợ."]]],
        before=["ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "Số: 12/UBND-VP"],
    )
    legacy = ls.legacy_docx(path, tmp_path / "cu.docx", "tcvn3")
    runs = [r for p in docx.Document(str(legacy)).paragraphs for r in p.runs]
    assert (runs[0].text, runs[0].font.name) == (
        ls.encode_upper("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"), ".VnTimeH",
    )  # fmt: skip
    parsed = parse_file(legacy)
    assert parsed.rows[0].content == "Ủy ban đề nghị hỗ trợ."
    assert parsed.sender_ref == "12/UBND-VP"


def test_a_file_mixing_unicode_and_legacy_runs_converts_only_the_legacy_ones(
    tmp_path: Path, unicode_docx: Path
) -> None:
    twin = parse_file(unicode_docx)

    def odd_rows(paragraph: Paragraph) -> bool:  # Bến Tre, Thái Bình, Vĩnh Phúc in TCVN3
        return any(name in paragraph.text for name in ("Bến Tre", "Thái Bình", "Vĩnh Phúc"))

    legacy = ls.legacy_docx(unicode_docx, tmp_path / "mixed.docx", "tcvn3", which=odd_rows)
    # One paragraph holding both: a Unicode run with Latin-1-only words, then a .VnTime run.
    document = docx.Document(str(legacy))
    cell = document.tables[-1].rows[2].cells[2]
    paragraph = cell.paragraphs[0]
    original = twin.rows[1].content  # Bến Tre's, one paragraph
    for run in paragraph.runs:
        run._r.getparent().remove(run._r)
    unicode_run = paragraph.add_run("Tây Ninh, Cà Mau ® ")
    unicode_run.font.name = "Times New Roman"
    paragraph.add_run(ls.encode(original, "tcvn3")).font.name = ".VnTime"
    document.save(str(legacy))
    parsed = parse_file(legacy)
    assert [r.origin for r in parsed.rows] == [r.origin for r in twin.rows]
    assert parsed.rows[1].content == "Tây Ninh, Cà Mau ® " + original
    assert [r.content for r in parsed.rows[2:]] == [r.content for r in twin.rows[2:]]
    assert parsed.converted is not None and parsed.converted.cells == 3 + 1  # 3 rows + the mix


def test_unicode_files_are_left_alone(
    tmp_path: Path, unicode_docx: Path, unicode_xlsx: Path
) -> None:
    assert parse_file(unicode_docx).converted is None
    assert parse_file(unicode_xlsx).converted is None
    english = fx.write_petition_docx(
        tmp_path / "en.docx",
        [["1", "Hà Nội", ["Café © 2020 — naïve façade, ½ cup, 5 µm; Zürich, Malmö."]]],
        before=["The résumé of Señor Müller, déjà vu, Ærø and Øresund."],
    )
    parsed = parse_file(english)
    assert parsed.converted is None
    assert parsed.rows[0].content == "Café © 2020 — naïve façade, ½ cup, 5 µm; Zürich, Malmö."


def test_a_unicode_run_under_an_old_font_name_is_kept(tmp_path: Path, unicode_docx: Path) -> None:
    # Retyped in Unicode but still marked .VnTime: its letters only Unicode has say so.
    document = docx.Document(str(unicode_docx))
    for p in document.element.body.iter():
        if p.tag.endswith("}r"):
            rpr = p.get_or_add_rPr()
            rpr.get_or_add_rFonts().set(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ascii", ".VnTime"
            )
    path = tmp_path / "marked.docx"
    document.save(str(path))
    assert parse_file(path).rows == parse_file(unicode_docx).rows


def test_a_mixed_file_without_font_names_converts_only_its_legacy_text(
    tmp_path: Path, unicode_docx: Path
) -> None:
    twin = parse_file(unicode_docx)

    def table_rows(paragraph: Paragraph) -> bool:  # the petitions in VNI, the letter in Unicode
        return any(r.origin in paragraph.text for r in twin.rows) or "Đề nghị" in paragraph.text

    legacy = ls.legacy_docx(
        unicode_docx, tmp_path / "mixed.docx", "vni", fonts=False, which=table_rows
    )
    parsed = parse_file(legacy)
    assert parsed.rows == twin.rows and _meta(parsed) == _meta(twin)
    assert parsed.converted is not None and parsed.converted.encodings == ("vni",)


def test_the_font_may_come_from_the_styles_alone(tmp_path: Path) -> None:
    # Word 97 files: no font on the runs, .VnTime in the Normal style, .VnTimeH in a heading's.
    document = docx.Document()
    document.styles["Normal"].font.name = ".VnTime"
    heading = document.styles.add_style("Tieu de", 1)  # a paragraph style based on Normal
    heading.base_style = document.styles["Normal"]
    heading.font.name = ".VnTimeH"
    document.add_paragraph(ls.encode_upper("Ủy ban nhân dân tỉnh Bến Tre"), style="Tieu de")
    document.add_paragraph(ls.encode("Số: 15/UBND-KT", "tcvn3"))
    table = document.add_table(rows=2, cols=3)
    header = ["STT", "Địa phương", "Kiến nghị"]  # lower case: .VnTime has no toned capitals
    rows = [header, ["1", "Bến Tre", "Đề nghị hỗ trợ."]]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = ls.encode(value, "tcvn3")
    path = tmp_path / "word97.docx"
    document.save(str(path))
    parsed = parse_file(path)
    assert [(r.origin, r.content) for r in parsed.rows] == [("Bến Tre", "Đề nghị hỗ trợ.")]
    assert parsed.sender == "Ủy ban nhân dân tỉnh Bến Tre" and parsed.sender_ref == "15/UBND-KT"


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_legacy_notice_reads_as_its_unicode_twin(tmp_path: Path, encoding: Encoding) -> None:
    # Seed 003, the conclusion notice, typed in TCVN3 or VNI: its tasks read the same.
    from desktop.core.notices.docx_text import read_docx_paragraphs
    from tests.notice_files import seed_paragraphs, write_notice_docx

    twin = write_notice_docx(tmp_path / "tb.docx", seed_paragraphs("003"))
    legacy = ls.legacy_docx(twin, tmp_path / "tb-cu.docx", encoding)
    assert read_docx_paragraphs(legacy) == read_docx_paragraphs(twin)
