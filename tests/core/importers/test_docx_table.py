"""DOCX petition tables: seed 000 and the shapes clerks meet (merges, numbering, repeats)."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from desktop.core.importers import ImportFailed, ParsedImport, parse_file
from tests.core.importers import fixtures as fx

W_VMERGE = qn("w:vMerge")


def _parse(path: Path) -> ParsedImport:
    return parse_file(path)


def _assert_seed_rows(result: ParsedImport, first_row: int = 2) -> None:
    assert len(result.rows) == 6
    assert [r.origin for r in result.rows] == list(fx.SEED_ORIGINS)
    assert [r.ordinal for r in result.rows] == list(fx.SEED_ORDINALS)
    assert [r.content for r in result.rows] == list(fx.SEED_CONTENTS)
    assert result.rows[0].source_row == first_row


def test_seed_000_rows(tmp_path: Path) -> None:
    result = _parse(fx.write_vpcp_docx(tmp_path / "5606.docx"))
    assert result.kind == "docx"
    _assert_seed_rows(result)
    assert [r.source_row for r in result.rows] == [2, 3, 4, 5, 6, 7]
    assert all(r.field is None and r.summary is None and r.due_on is None for r in result.rows)


def test_plus_sub_points_stay_inside_the_hai_phong_petition(tmp_path: Path) -> None:
    result = _parse(fx.write_vpcp_docx(tmp_path / "5606.docx"))
    hai_phong = result.rows[0]
    assert hai_phong.origin == "Hải Phòng"
    assert hai_phong.ordinal is None  # the seed's STT cell holds a lone no-break space
    lines = hai_phong.content.split("\n")
    assert len(lines) == 4
    assert lines[0].startswith("Đề nghị Chính phủ chỉ đạo Bộ TTTT")
    assert [line[:2] for line in lines[1:]] == ["+ ", "+ ", "+ "]
    assert "Ban hành Thông tư quy định về định mức" in hai_phong.content
    assert not any("+ " in r.content for r in result.rows[1:])


def test_seed_000_metadata(tmp_path: Path) -> None:
    result = _parse(fx.write_vpcp_docx(tmp_path / "5606.docx"))
    assert result.sender == "Văn phòng Chính phủ"
    assert result.sender_ref == "5606/VPCP-QHĐP"
    assert result.sender_date == date(2020, 7, 10)
    assert result.reply_by == date(2020, 9, 15)
    assert result.summary == fx.SEED_SUMMARY


@pytest.mark.parametrize("letter", ["paragraphs", "none"])
def test_metadata_from_plain_paragraphs_or_the_annex_line_alone(
    tmp_path: Path, letter: str
) -> None:
    result = _parse(fx.write_vpcp_docx(tmp_path / "x.docx", letter=letter))  # type: ignore[arg-type]
    assert (result.sender, result.sender_ref) == ("Văn phòng Chính phủ", "5606/VPCP-QHĐP")
    assert (result.sender_date, result.reply_by) == (date(2020, 7, 10), date(2020, 9, 15))
    assert result.summary == (fx.SEED_SUMMARY if letter == "paragraphs" else None)
    _assert_seed_rows(result)


def test_sender_from_the_heading_when_there_is_no_annex_line(tmp_path: Path) -> None:
    result = _parse(fx.write_vpcp_docx(tmp_path / "x.docx", annex=False))
    assert result.sender == "Văn phòng Chính phủ"  # from "VĂN PHÒNG CHÍNH PHỦ" above "Số:"
    assert result.sender_ref == "5606/VPCP-QHĐP"


def test_no_metadata_at_all(tmp_path: Path) -> None:
    path = fx.write_petition_docx(tmp_path / "bare.docx", fx.seed_rows())
    result = _parse(path)
    assert (result.sender, result.sender_ref, result.sender_date) == (None, None, None)
    assert (result.reply_by, result.summary) == (None, None)
    _assert_seed_rows(result)


def test_unaccented_headers(tmp_path: Path) -> None:
    result = _parse(fx.write_vpcp_docx(tmp_path / "x.docx", unaccented_headers=True))
    _assert_seed_rows(result)


@pytest.mark.parametrize(
    "header",
    [
        ("TT", "Địa phương", "Nội dung kiến nghị"),
        ("Số TT", "Tỉnh/thành phố", "Nội dung"),
        ("stt", "cơ quan", "kiến nghị, đề xuất"),
        ("STT (1)", "Đơn vị (2)", "Nội dung kiến nghị (3)"),
    ],
)
def test_header_spellings(tmp_path: Path, header: tuple[str, str, str]) -> None:
    _assert_seed_rows(
        _parse(fx.write_petition_docx(tmp_path / "h.docx", fx.seed_rows(), header=header))
    )


def test_without_stt_column(tmp_path: Path) -> None:
    rows = [[origin, paragraphs] for _, origin, paragraphs in fx.seed_rows()]
    result = _parse(
        fx.write_petition_docx(tmp_path / "x.docx", rows, header=("Địa phương", "Kiến nghị"))
    )
    assert [r.origin for r in result.rows] == list(fx.SEED_ORIGINS)
    assert all(r.ordinal is None for r in result.rows)


def test_numbering_row_under_header_is_skipped(tmp_path: Path) -> None:
    result = _parse(fx.write_vpcp_docx(tmp_path / "x.docx", numbering_row=True))
    _assert_seed_rows(result, first_row=3)


def test_empty_trailing_rows_are_skipped(tmp_path: Path) -> None:
    result = _parse(fx.write_vpcp_docx(tmp_path / "x.docx", trailing_empty_rows=3))
    _assert_seed_rows(result)


def test_trailing_rows_with_only_a_number_are_skipped(tmp_path: Path) -> None:
    rows = [*fx.seed_rows(), ["6", None, None], ["7", "", ""]]
    assert len(_parse(fx.write_petition_docx(tmp_path / "x.docx", rows)).rows) == 6


def test_repeated_header_rows_are_skipped(tmp_path: Path) -> None:
    path = fx.write_vpcp_docx(tmp_path / "x.docx", repeat_header=True)
    table = docx.Document(str(path)).tables[1]
    flagged = [
        tr
        for tr in table._tbl.tr_lst
        if tr.find(qn("w:trPr") + "/" + qn("w:tblHeader")) is not None
    ]
    assert len(flagged) == 2  # the real XML the fixture wrote
    result = _parse(path)
    _assert_seed_rows(result)
    assert [r.source_row for r in result.rows] == [2, 3, 4, 6, 7, 8]


def test_vertically_merged_origin(tmp_path: Path) -> None:
    path = fx.write_vpcp_docx(tmp_path / "x.docx", merged_origin_rows=3)
    # The fixture wrote real vMerge XML: restart on Bến Tre, bare <w:vMerge/> below it.
    table = docx.Document(str(path)).tables[1]
    merges = [tr.tc_lst[1].get_or_add_tcPr().find(W_VMERGE) for tr in table._tbl.tr_lst[1:]]
    assert [m.get(qn("w:val")) if m is not None else "-" for m in merges] == [
        "-",
        "restart",
        None,
        None,
        "-",
        "-",
    ]
    # python-docx 1.2 hands a continuation row the top cell itself (same w:tc), text included.
    assert table.rows[3].cells[1]._tc is table.rows[2].cells[1]._tc
    assert table.rows[4].cells[1].text == "Bến Tre"
    result = _parse(path)
    assert [r.origin for r in result.rows] == [
        "Hải Phòng",
        "Bến Tre",
        "Bến Tre",
        "Bến Tre",
        "Thái Nguyên",
        "Vĩnh Phúc",
    ]
    assert [r.ordinal for r in result.rows] == list(fx.SEED_ORDINALS)
    assert [r.content for r in result.rows] == list(fx.SEED_CONTENTS)


def test_merge_made_by_python_docx_merge(tmp_path: Path) -> None:
    rows: list[list[object]] = [["1", "Bến Tre", "a"], ["2", None, "b"], ["3", "Phú Yên", "c"]]
    path = fx.write_petition_docx(tmp_path / "x.docx", rows)
    document = docx.Document(str(path))
    table = document.tables[0]
    table.cell(1, 1).merge(table.cell(2, 1))
    document.save(str(path))
    result = _parse(path)
    assert [(r.origin, r.content) for r in result.rows] == [
        ("Bến Tre", "a"),
        ("Bến Tre", "b"),
        ("Phú Yên", "c"),
    ]


def test_merge_starting_on_a_repeated_header_is_not_inherited(tmp_path: Path) -> None:
    path = fx.write_vpcp_docx(tmp_path / "x.docx", merged_origin_rows=3, repeat_header=True)
    with pytest.raises(ImportFailed) as info:
        _parse(path)
    assert info.value.row == 6  # Thái Bình, right under the repeated header (row 5)
    assert "thiếu địa phương" in str(info.value)


def test_stray_continuation_in_the_first_row(tmp_path: Path) -> None:
    path = fx.write_petition_docx(tmp_path / "x.docx", fx.seed_rows()[:2])
    document = docx.Document(str(path))
    table = document.tables[0]
    table._tbl.tr_lst[0].tc_lst[1].get_or_add_tcPr().get_or_add_vMerge()  # nothing above it
    document.save(str(path))
    table = docx.Document(str(path)).tables[0]
    with pytest.raises(ValueError):
        _ = table.rows[0].cells  # python-docx 1.2 cannot resolve it
    result = _parse(path)  # we read it as an ordinary cell
    assert [r.origin for r in result.rows] == ["Hải Phòng", "Bến Tre"]


def test_section_row_spanning_the_table_is_skipped(tmp_path: Path) -> None:
    rows = [["", "I. LĨNH VỰC BƯU CHÍNH", ""], *fx.seed_rows()[1:3]]
    path = fx.write_petition_docx(tmp_path / "x.docx", rows)
    document = docx.Document(str(path))
    table = document.tables[0]
    table.cell(1, 0).merge(table.cell(1, 2))
    document.save(str(path))
    result = _parse(path)
    assert [(r.source_row, r.origin) for r in result.rows] == [(3, "Bến Tre"), (4, "Phú Yên")]


def test_roman_numeral_group_row_is_skipped(tmp_path: Path) -> None:
    rows = [["II", "Lĩnh vực viễn thông", None], *fx.seed_rows()[1:2]]
    result = _parse(fx.write_petition_docx(tmp_path / "x.docx", rows))
    assert [r.origin for r in result.rows] == ["Bến Tre"]


def test_origin_without_content_names_the_row(tmp_path: Path) -> None:
    rows = [*fx.seed_rows()[:3], ["3", "Thái Bình", None]]
    with pytest.raises(ImportFailed) as info:
        _parse(fx.write_petition_docx(tmp_path / "thieu.docx", rows))
    assert info.value.row == 5
    assert str(info.value).startswith("Tệp «thieu.docx», dòng 5: có địa phương «Thái Bình»")


def test_content_without_origin_names_the_row(tmp_path: Path) -> None:
    rows = [*fx.seed_rows()[:2], ["2", None, "Nội dung mồ côi"]]
    with pytest.raises(ImportFailed) as info:
        _parse(fx.write_petition_docx(tmp_path / "x.docx", rows))
    assert info.value.row == 4
    assert "thiếu địa phương" in info.value.problem


def test_first_table_with_known_columns_wins(tmp_path: Path) -> None:
    path = fx.write_petition_docx(tmp_path / "x.docx", fx.seed_rows())
    document = docx.Document(str(path))
    decoy = document.add_table(rows=2, cols=3)  # added last, moved first
    for cell, text in zip(decoy.rows[0].cells, ("Họ tên", "Chức vụ", "Ghi chú"), strict=True):
        cell.text = text
    document.element.body.insert(0, decoy._tbl)
    later = document.add_table(rows=2, cols=3)
    for cell, text in zip(later.rows[0].cells, fx.SEED_HEADER, strict=True):
        cell.text = text
    document.save(str(path))
    _assert_seed_rows(_parse(path))


def test_table_split_in_two_reads_as_one(tmp_path: Path) -> None:
    path = fx.write_petition_docx(tmp_path / "x.docx", fx.seed_rows()[:4])
    document = docx.Document(str(path))
    document.add_paragraph("")
    rest = document.add_table(rows=0, cols=3)
    for ordinal, origin, paragraphs in fx.seed_rows()[4:]:
        cells = rest.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = ordinal, origin, "\n".join(paragraphs)
    document.save(str(path))
    result = _parse(path)
    _assert_seed_rows(result)
    assert [r.source_row for r in result.rows] == [2, 3, 4, 5, 6, 7]


def test_optional_columns(tmp_path: Path) -> None:
    header = ("STT", "Địa phương", "Lĩnh vực", "Nội dung kiến nghị", "Tóm tắt", "Hạn trả lời")
    rows: list[list[object]] = [
        ["1", "Bến Tre", "Công nghệ thông tin", "Khu CNTT tập trung", "Khu CNTT", "15/09/2020"],
        ["2", "Phú Yên", "Bưu chính", "Chuyển giao dịch vụ công", None, "ngày 1 tháng 10 năm 2020"],
        ["3", "Thái Bình", None, "Trục tích hợp", None, None],
    ]
    result = _parse(fx.write_petition_docx(tmp_path / "x.docx", rows, header=header))
    assert [(r.field, r.summary, r.due_on) for r in result.rows] == [
        ("Công nghệ thông tin", "Khu CNTT", date(2020, 9, 15)),
        ("Bưu chính", None, date(2020, 10, 1)),
        (None, None, None),
    ]


@pytest.mark.parametrize("bad", ["31/02/2020", "hôm qua"])
def test_bad_deadline_cell_names_the_row(tmp_path: Path, bad: str) -> None:
    rows = [["1", "Bến Tre", "a", "15/09/2020"], ["2", "Phú Yên", "b", bad]]
    path = fx.write_petition_docx(
        tmp_path / "han.docx", rows, header=("STT", "Địa phương", "Kiến nghị", "Thời hạn")
    )
    with pytest.raises(ImportFailed) as info:
        _parse(path)
    assert str(info.value) == f"Tệp «han.docx», dòng 3: ngày «{bad}» không hợp lệ (cần dd/mm/yyyy)."


def test_impossible_letter_date_is_refused(tmp_path: Path) -> None:
    path = fx.write_vpcp_docx(tmp_path / "x.docx", date_text="ngày 31 tháng 02 năm 2020")
    with pytest.raises(ImportFailed) as info:
        _parse(path)
    assert "«x.docx»" in str(info.value)
    assert "31 tháng 02 năm 2020" in str(info.value)
    assert info.value.row is None


def test_impossible_reply_by_date_is_refused(tmp_path: Path) -> None:
    path = fx.write_vpcp_docx(tmp_path / "x.docx", reply_text="trước ngày 31 tháng 9 năm 2020")
    with pytest.raises(ImportFailed, match="31 tháng 9 năm 2020"):
        _parse(path)


def test_text_is_nfc_with_new_style_tones(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Thanh Hoá")
    content = unicodedata.normalize("NFD", "Đề nghị hỗ trợ   kinh phí\tthủy lợi")
    path = fx.write_petition_docx(tmp_path / "x.docx", [["1", nfd, [content, "", "+ ý hai"]]])
    row = _parse(path).rows[0]
    assert row.origin == "Thanh Hóa"
    assert unicodedata.is_normalized("NFC", row.content)
    assert row.content == "Đề nghị hỗ trợ kinh phí thủy lợi\n+ ý hai"


def test_one_megabyte_cell_is_refused_quickly(tmp_path: Path) -> None:
    rows = [*fx.seed_rows()[:2], ["2", "Phú Yên", "x" * 1_000_000]]
    path = fx.write_petition_docx(tmp_path / "big.docx", rows)
    with pytest.raises(ImportFailed) as info:
        _parse(path)
    assert info.value.row == 4
    assert "dài quá 20.000 ký tự" in str(info.value)
    assert "«big.docx»" in str(info.value)
