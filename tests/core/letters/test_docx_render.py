"""The DOCX công văn, read back with python-docx against every rule of docs/letter-format.md."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length
from docx.table import Table
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

import resources
from desktop.core.letters.docx_render import (
    PPR_ORDER,
    TBLPR_ORDER,
    docx_bytes,
    render_docx,
)
from desktop.core.letters.model import Letter
from desktop.core.letters.text_metrics import Look, text_width

TODAY = dt.date(2026, 11, 23)
TNR = "Times New Roman"
AGENCY = "BỘ THÔNG TIN VÀ TRUYỀN THÔNG"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
HAI_PHONG = "Ủy ban nhân dân thành phố Hải Phòng"
LETTER = Letter(
    agency="Bộ Thông tin và Truyền thông",  # printed in capitals
    symbol="BTTTT-VP",
    subject="V/v trả lời kiến nghị của UBND thành phố Hải Phòng",
    recipients=(HAI_PHONG,),
    body=(
        "Bộ Thông tin và Truyền thông nhận được Văn bản số 5606/VPCP-QHĐP của Văn phòng "
        "Chính phủ chuyển kiến nghị của cử tri thành phố Hải Phòng về hạ tầng viễn thông.",
        "Về vấn đề này, Bộ Thông tin và Truyền thông trả lời như sau: …",
    ),
    signer_authority="KT. Bộ trưởng",
    signer_title="Thứ trưởng",
    signer_name="Nguyễn Huy Dũng",
    copies=("Như trên", "Bộ trưởng (để b/c)", "Lưu: VT, VP"),
    issued_on=dt.date(2020, 3, 5),
    number=1234,
)


_FONT_DIRS = [resources.path("fonts"), Path("/usr/share/fonts/truetype/liberation2")]


def _measure(text: str, look: Look) -> float:
    """Width from Liberation Serif's own TTF when present (an independent check of the metrics)."""
    name = "LiberationSerif-" + (("Bold" * look.bold + "Italic" * look.italic) or "Regular")
    for folder in _FONT_DIRS:
        if (folder / f"{name}.ttf").is_file():
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(folder / f"{name}.ttf")))
            return float(pdfmetrics.stringWidth(text, name, look.size))
    return text_width(text, look)


def _open(letter: Letter = LETTER, today: dt.date = TODAY) -> DocxDocument:
    return docx.Document(io.BytesIO(docx_bytes(letter, today)))


def _paragraphs(doc: DocxDocument) -> Iterator[Paragraph]:
    for block in doc.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    yield from cell.paragraphs
        else:
            yield block


def _find(doc: DocxDocument, text: str) -> Paragraph:
    found = [p for p in _paragraphs(doc) if p.text.replace("\n", " ") == text]
    assert len(found) == 1, f"{text!r} printed {len(found)} times"
    return found[0]


def _look(paragraph: Paragraph) -> tuple[float, bool, bool]:
    looks = {(r.font.size.pt if r.font.size else None, bool(r.font.bold), bool(r.font.italic))
             for r in paragraph.runs if r.text}  # fmt: skip
    assert len(looks) == 1, looks
    size, bold, italic = looks.pop()
    assert size is not None
    return size, bold, italic


def _pt(length: Length | None) -> float:
    return 0.0 if length is None else length.pt


def _rule_after(paragraph: Paragraph, cell_width: float) -> float:
    """The length in points of the border-only paragraph right after `paragraph`."""
    rule = Paragraph(paragraph._p.getnext(), paragraph._parent)
    assert rule.text == ""
    bottom = rule._p.xpath("w:pPr/w:pBdr/w:bottom")[0]
    assert bottom.get(qn("w:val")) == "single"
    fmt = rule.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY and fmt.line_spacing.pt == 1
    return cell_width - _pt(fmt.left_indent) - _pt(fmt.right_indent)


def _column_widths(table: Table) -> list[float]:
    return [Length(int(col.width)).pt for col in table.columns]


def test_page_is_a4_portrait_with_the_legal_margins() -> None:
    section = _open().sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert _pt(section.page_width) == pytest.approx(595.28, abs=0.3)  # 210 mm
    assert _pt(section.page_height) == pytest.approx(841.89, abs=0.3)  # 297 mm
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [_pt(m) * 25.4 / 72 for m in margins] == pytest.approx([20, 20, 30, 15], abs=0.05)


def test_times_new_roman_in_all_four_slots_of_docdefaults_and_normal_without_theme_fonts() -> None:
    doc = _open()
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    normal = doc.styles["Normal"].element.rPr
    for rpr in (defaults, normal):
        rfonts = rpr.find(qn("w:rFonts"))
        slots = ("ascii", "hAnsi", "eastAsia", "cs")
        assert [rfonts.get(qn(f"w:{slot}")) for slot in slots] == [TNR] * 4
    assert not [f for f in styles.iter(qn("w:rFonts")) if any("heme" in k for k in f.attrib)]
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    assert {v for f in doc.element.body.iter(qn("w:rFonts")) for v in f.attrib.values()} <= {TNR}
    assert all(p.style is not None and p.style.name == "Normal" for p in _paragraphs(doc))


HEADER = [  # text, size, bold, italic, alignment
    (AGENCY, 12, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    ("Số: 1234/BTTTT-VP", 13, False, False, WD_ALIGN_PARAGRAPH.CENTER),
    (LETTER.subject, 12, False, False, WD_ALIGN_PARAGRAPH.CENTER),
    (NATIONAL, 12, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    (MOTTO, 13, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    ("Hà Nội, ngày 05 tháng 3 năm 2020", 14, False, True, WD_ALIGN_PARAGRAPH.CENTER),
    (f"Kính gửi: {HAI_PHONG}.", 14, False, False, WD_ALIGN_PARAGRAPH.LEFT),
    ("KT. BỘ TRƯỞNG", 14, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    ("THỨ TRƯỞNG", 14, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    ("Nguyễn Huy Dũng", 14, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    ("Nơi nhận:", 12, True, True, WD_ALIGN_PARAGRAPH.LEFT),
    ("- Như trên;", 11, False, False, WD_ALIGN_PARAGRAPH.LEFT),
    ("- Lưu: VT, VP.", 11, False, False, WD_ALIGN_PARAGRAPH.LEFT),
]


@pytest.mark.parametrize(("text", "size", "bold", "italic", "align"), HEADER)
def test_each_element_has_its_size_and_face(
    text: str, size: float, bold: bool, italic: bool, align: WD_ALIGN_PARAGRAPH
) -> None:
    paragraph = _find(_open(), text)
    assert _look(paragraph) == (size, bold, italic)
    assert paragraph.alignment == align


def test_parent_agency_is_regular_caps_above_the_bold_unit() -> None:
    letter = dataclasses.replace(LETTER, parent_agency=LETTER.agency, agency="Cục Tin học hóa")
    cell = _open(letter).tables[0].cell(0, 0)
    assert [p.text.replace("\n", " ") for p in cell.paragraphs[:2]] == [AGENCY, "CỤC TIN HỌC HÓA"]
    assert _look(cell.paragraphs[0]) == (12, False, False)
    assert _look(cell.paragraphs[1]) == (12, True, False)


def test_header_is_a_borderless_two_column_table_about_40_60() -> None:
    doc = _open()
    table = doc.tables[0]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} <= {"nil", "none"} and len(borders) == 6
    left, right = _column_widths(table)
    assert left + right == pytest.approx(467.75, abs=0.1)  # 210 - 30 - 15 mm
    assert 0.35 <= left / (left + right) <= 0.5
    assert _measure(NATIONAL, Look(12, bold=True)) <= right  # the title never wraps
    assert table.cell(0, 0).paragraphs[0].text.replace("\n", " ") == AGENCY
    assert table.cell(0, 1).paragraphs[0].text == NATIONAL


def test_number_and_date_share_one_line_and_the_subject_sits_6pt_under_the_number() -> None:
    table = _open().tables[0]
    number, subject = table.cell(1, 0).paragraphs
    assert number.text == "Số: 1234/BTTTT-VP"
    date = table.cell(1, 1).paragraphs[0]
    assert date.text == "Hà Nội, ngày 05 tháng 3 năm 2020"
    baselines = [_pt(p.paragraph_format.space_before) + 0.891 * _look(p)[0] for p in (number, date)]
    assert baselines[0] == pytest.approx(baselines[1], abs=0.5)  # Times ascent: 0.891 em
    assert subject.text.replace("\n", " ") == LETTER.subject
    assert _pt(subject.paragraph_format.space_before) == 6


def test_motto_rule_is_as_long_as_the_motto() -> None:
    table = _open().tables[0]
    motto = table.cell(0, 1).paragraphs[1]
    assert motto.text == MOTTO
    length = _rule_after(motto, _column_widths(table)[1])
    assert length == pytest.approx(_measure(MOTTO, Look(13, bold=True)), rel=0.10)
    assert not any("_" in p.text for p in _paragraphs(_open()))  # rules are borders


@pytest.mark.parametrize(
    ("parent", "agency"),
    [
        ("", "Bộ Thông tin và Truyền thông"),
        ("", "Bộ Tư pháp"),
        ("Bộ Thông tin và Truyền thông", "Cục An toàn thông tin"),
        ("", "Trung tâm Thông tin và Truyền thông về Chuyển đổi số quốc gia và Kinh tế số"),
    ],
)
def test_agency_rule_is_a_third_to_half_of_its_longest_line(parent: str, agency: str) -> None:
    letter = dataclasses.replace(LETTER, parent_agency=parent, agency=agency)
    table = _open(letter).tables[0]
    printed = table.cell(0, 0).paragraphs[1 if parent else 0]
    assert printed.text.replace("\n", " ") == agency.upper()
    longest = max(_measure(line, Look(12, bold=True)) for line in printed.text.split("\n"))
    left = _column_widths(table)[0]
    assert longest <= left  # every line fits its column
    assert longest / 3 <= _rule_after(printed, left) <= longest / 2


@pytest.mark.parametrize(
    ("day", "printed"),
    [
        (dt.date(2020, 1, 5), "Hà Nội, ngày 05 tháng 01 năm 2020"),
        (dt.date(2021, 2, 9), "Hà Nội, ngày 09 tháng 02 năm 2021"),
        (dt.date(2020, 3, 5), "Hà Nội, ngày 05 tháng 3 năm 2020"),
        (dt.date(2019, 6, 29), "Hà Nội, ngày 29 tháng 6 năm 2019"),
        (dt.date(2020, 10, 1), "Hà Nội, ngày 01 tháng 10 năm 2020"),
        (dt.date(2020, 12, 31), "Hà Nội, ngày 31 tháng 12 năm 2020"),
    ],
)
def test_date_leading_zeros_day_below_10_and_only_january_february(
    day: dt.date, printed: str
) -> None:
    paragraph = _open(dataclasses.replace(LETTER, issued_on=day)).tables[0].cell(1, 1).paragraphs[0]
    assert paragraph.text == printed
    assert _look(paragraph) == (14, False, True)


def test_a_draft_is_dated_today_and_leaves_the_number_blank() -> None:
    draft = dataclasses.replace(LETTER, number=None, issued_on=None)
    doc = _open(draft, today=dt.date(2026, 2, 3))
    cell = doc.tables[0].cell(1, 0)
    assert cell.paragraphs[0].text == "Số:      /BTTTT-VP"
    space = "{http://www.w3.org/XML/1998/namespace}space"
    assert {t.get(space) for t in cell.paragraphs[0]._p.iter(qn("w:t"))} == {"preserve"}
    assert doc.tables[0].cell(1, 1).paragraphs[0].text == "Hà Nội, ngày 03 tháng 02 năm 2026"


@pytest.mark.parametrize(("number", "printed"), [(7, "Số: 07/BTTTT-VP"), (99, "Số: 99/BTTTT-VP")])
def test_numbers_below_10_get_a_leading_zero(number: int, printed: str) -> None:
    doc = _open(dataclasses.replace(LETTER, number=number))
    assert doc.tables[0].cell(1, 0).paragraphs[0].text == printed


def test_one_recipient_on_the_kinh_gui_line() -> None:
    doc = _open()
    lines = [p.text for p in _paragraphs(doc) if "Kính gửi" in p.text]
    assert lines == [f"Kính gửi: {HAI_PHONG}."]


def test_several_recipients_one_per_line_with_dashes_under_the_colon() -> None:
    names = (HAI_PHONG, "Văn phòng Chính phủ;", "Ban Dân nguyện thuộc Ủy ban Thường vụ Quốc hội")
    doc = _open(dataclasses.replace(LETTER, recipients=names))
    paragraphs = list(doc.paragraphs)
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Kính gửi"))
    block = paragraphs[start : start + 4]
    assert [p.text for p in block] == [
        "Kính gửi:",
        f"- {HAI_PHONG};",
        "- Văn phòng Chính phủ;",
        "- Ban Dân nguyện thuộc Ủy ban Thường vụ Quốc hội.",
    ]
    label = block[0].paragraph_format
    colon_x = _pt(label.left_indent) + _pt(label.first_line_indent) + _measure("Kính gửi", Look(14))
    for line in block[1:]:
        fmt = line.paragraph_format
        assert _pt(fmt.left_indent) + _pt(fmt.first_line_indent) == pytest.approx(colon_x, abs=1)
        # a wrapped name continues under the name, not under the dash
        assert -_pt(fmt.first_line_indent) == pytest.approx(_measure("- ", Look(14)), abs=0.5)
        assert _look(line) == (14, False, False)


def test_body_paragraphs_are_justified_indented_and_spaced() -> None:
    letter = dataclasses.replace(LETTER, body=("Đoạn một.\nĐoạn hai.", "Đoạn ba."))
    doc = _open(letter)
    body = [p for p in doc.paragraphs if p.text.startswith("Đoạn")]
    assert [p.text for p in body] == ["Đoạn một.", "Đoạn hai.", "Đoạn ba."]
    for paragraph in body:
        fmt = paragraph.paragraph_format
        assert _look(paragraph) == (14, False, False)
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert fmt.first_line_indent.cm == pytest.approx(1.27, abs=0.01)
        assert _pt(fmt.space_after) >= 6
        assert fmt.line_spacing_rule in (WD_LINE_SPACING.SINGLE, WD_LINE_SPACING.MULTIPLE)
        assert 1.0 <= (fmt.line_spacing or 1.0) <= 1.5
    assert body[-1].paragraph_format.keep_with_next  # the signature never stands alone


def test_noi_nhan_and_copies_on_the_left_signer_on_the_right() -> None:
    table = _open().tables[1]
    left = [p.text for p in table.cell(0, 0).paragraphs]
    assert left == ["Nơi nhận:", "- Như trên;", "- Bộ trưởng (để b/c);", "- Lưu: VT, VP."]
    assert all(_look(p) == (11, False, False) for p in table.cell(0, 0).paragraphs[1:])
    right = table.cell(0, 1).paragraphs
    assert [p.text for p in right] == ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Huy Dũng"]
    assert _pt(right[2].paragraph_format.space_before) >= 48  # room for signature and seal
    assert {b.get(qn("w:val")) for b in table._tbl.tblPr.find(qn("w:tblBorders"))} <= {"nil"}


def _field_codes(element: BaseOxmlElement) -> str:
    texts = [t.text or "" for t in element.iter(qn("w:instrText"))]
    simple = [f.get(qn("w:instr")) or "" for f in element.iter(qn("w:fldSimple"))]
    return " ".join(texts + simple)


def test_page_number_from_page_two_only() -> None:
    section = _open().sections[0]
    assert section.different_first_page_header_footer
    first = section.first_page_header
    assert not first.is_linked_to_previous  # defined, so nothing is inherited onto page 1
    assert "PAGE" not in _field_codes(first._element)
    assert all(p.text == "" for p in first.paragraphs)
    primary = section.header
    assert "PAGE" in _field_codes(primary._element)
    paragraph = primary.paragraphs[0]
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert {(r.font.size.pt, bool(r.font.italic)) for r in paragraph.runs} == {(13, False)}


def _in_order(element: BaseOxmlElement, order: tuple[str, ...]) -> bool:
    rank = {qn(name): i for i, name in enumerate(order)}
    positions = [rank.get(child.tag, -1) for child in element]
    return -1 not in positions and positions == sorted(positions)


def test_ppr_and_tblpr_children_are_in_schema_order() -> None:
    names = ("Văn phòng Chính phủ", "Ban Dân nguyện")
    body = _open(dataclasses.replace(LETTER, recipients=names)).element.body
    assert all(_in_order(ppr, PPR_ORDER) for ppr in body.iter(qn("w:pPr")))
    assert all(_in_order(tblpr, TBLPR_ORDER) for tblpr in body.iter(qn("w:tblPr")))


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_nfd_and_control_characters_come_out_clean(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Thừa Thiên Huế")
    letter = dataclasses.replace(LETTER, recipients=(nfd + "\x0b\x01",), signer_name="Ng\x00ọc",
                                 subject="V/v " + "rất dài " * 60)  # fmt: skip
    path = render_docx(letter, tmp_path / "letter.docx", today=TODAY)
    assert path == tmp_path / "letter.docx" and [p.name for p in tmp_path.iterdir()] == [path.name]
    doc = docx.Document(str(path))
    _find(doc, "Kính gửi: Ủy ban nhân dân tỉnh Thừa Thiên Huế.")
    _find(doc, "Ngọc")


_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", categories=["L", "M", "N", "P", "Z", "Cc", "Cf", "Co"]),
        st.sampled_from("ăâđêôơưĂÂĐÊÔƠƯ\u0300\u0301\u0303\u0309\u0323\u031b\ufffe\uffff\n\t"),
    ),
    max_size=40,
)


_LETTERS = st.builds(
    Letter, _TEXT, _TEXT, _TEXT, st.lists(_TEXT, max_size=4).map(tuple),
    st.lists(_TEXT, max_size=3).map(tuple), _TEXT, _TEXT, _TEXT,
    st.lists(_TEXT, max_size=4).map(tuple), place=_TEXT,
    issued_on=st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)),
    number=st.none() | st.integers(0, 10**6), parent_agency=_TEXT, national_title=_TEXT,
    motto=_TEXT,
)  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_LETTERS)
def test_arbitrary_text_never_breaks_rendering(letter: Letter) -> None:
    for paragraph in _paragraphs(_open(letter)):
        assert unicodedata.is_normalized("NFC", paragraph.text)
        assert not _CONTROL.search(paragraph.text)
