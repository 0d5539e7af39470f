"""XLSX petition sheets: header anywhere in the first 10 rows, dates, merges, document columns."""

from __future__ import annotations

import time
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest

from desktop.core.importers import ImportFailed, parse_file
from tests.core.importers import fixtures as fx

PREAMBLE = (
    "VĂN PHÒNG CHÍNH PHỦ",
    "Số: 5606/VPCP-QHĐP",
    "V/v xử lý kiến nghị của các địa phương",
    "Hà Nội, ngày 10 tháng 7 năm 2020",
    "Đề nghị các Bộ trả lời trước ngày 15 tháng 09 năm 2020.",
)


def test_header_on_row_1(tmp_path: Path) -> None:
    result = parse_file(fx.write_petitions_xlsx(tmp_path / "bang.xlsx", fx.seed_xlsx_rows()))
    assert result.kind == "xlsx"
    assert [r.source_row for r in result.rows] == [2, 3, 4, 5, 6, 7]
    assert [r.origin for r in result.rows] == list(fx.SEED_ORIGINS)
    assert [r.ordinal for r in result.rows] == list(fx.SEED_ORDINALS)  # 1 (int) → "1"
    assert [r.content for r in result.rows] == list(fx.SEED_CONTENTS)
    assert result.rows[0].content.count("\n+ ") == 3
    assert (result.sender, result.sender_ref, result.sender_date) == (None, None, None)


def test_header_on_row_7_with_metadata_above(tmp_path: Path) -> None:
    path = fx.write_petitions_xlsx(
        tmp_path / "bang.xlsx", fx.seed_xlsx_rows(), header_row=7, preamble=PREAMBLE
    )
    result = parse_file(path)
    assert [r.source_row for r in result.rows] == [8, 9, 10, 11, 12, 13]
    assert [r.origin for r in result.rows] == list(fx.SEED_ORIGINS)
    assert result.sender == "Văn phòng Chính phủ"
    assert result.sender_ref == "5606/VPCP-QHĐP"
    assert result.sender_date == date(2020, 7, 10)
    assert result.reply_by == date(2020, 9, 15)
    assert result.summary == "V/v xử lý kiến nghị của các địa phương"


def test_header_below_row_10_is_not_searched(tmp_path: Path) -> None:
    path = fx.write_petitions_xlsx(tmp_path / "xa.xlsx", fx.seed_xlsx_rows(), header_row=11)
    with pytest.raises(ImportFailed, match="không tìm thấy bảng kiến nghị"):
        parse_file(path)


def test_unaccented_headers_in_any_order(tmp_path: Path) -> None:
    rows = [[content, None, origin, ordinal] for ordinal, origin, content in fx.seed_xlsx_rows()]
    header = ("Noi dung kien nghi", "Ghi chu", "Tinh/thanh pho", "STT")
    result = parse_file(fx.write_petitions_xlsx(tmp_path / "x.xlsx", rows, header=header))
    assert [r.origin for r in result.rows] == list(fx.SEED_ORIGINS)
    assert [r.ordinal for r in result.rows] == list(fx.SEED_ORDINALS)
    assert [r.content for r in result.rows] == list(fx.SEED_CONTENTS)


def test_deadline_as_date_cells_and_text(tmp_path: Path) -> None:
    header = ("STT", "Đơn vị", "Nội dung", "Hạn xử lý")
    deadlines = [
        date(2020, 9, 1),
        datetime(2020, 9, 2, 0, 0),
        "03/09/2020",
        "4/9/2020",
        "ngày 5 tháng 9 năm 2020",
        None,
    ]
    rows = [[i + 1, f"Tỉnh {i}", f"Kiến nghị {i}", d] for i, d in enumerate(deadlines)]
    result = parse_file(fx.write_petitions_xlsx(tmp_path / "x.xlsx", rows, header=header))
    assert [r.due_on for r in result.rows] == [
        date(2020, 9, 1),
        date(2020, 9, 2),
        date(2020, 9, 3),
        date(2020, 9, 4),
        date(2020, 9, 5),
        None,
    ]


@pytest.mark.parametrize("bad", ["31/02/2020", "hôm qua", 44000, "2020-09-15"])
def test_bad_date_names_the_sheet_row(tmp_path: Path, bad: object) -> None:
    header = ("STT", "Địa phương", "Nội dung", "Thời hạn")
    rows = [[1, "Bến Tre", "a", "15/09/2020"], [2, "Phú Yên", "b", bad]]
    path = fx.write_petitions_xlsx(
        tmp_path / "bang.xlsx", rows, header=header, header_row=5, preamble=["Số: 1/X-Y"]
    )
    with pytest.raises(ImportFailed) as info:
        parse_file(path)
    assert info.value.row == 7
    assert (
        str(info.value) == f"Tệp «bang.xlsx», dòng 7: ngày «{bad}» không hợp lệ (cần dd/mm/yyyy)."
    )


def test_document_columns_take_the_first_non_empty(tmp_path: Path) -> None:
    header = ("STT", "Cơ quan gửi", "Số, ký hiệu", "Ngày văn bản", "Địa phương", "Kiến nghị")
    rows: list[list[object]] = [
        [1, None, None, None, "Bến Tre", "a"],
        [2, "Văn phòng Chính phủ", "5606/VPCP-QHĐP", "10/07/2020", "Phú Yên", "b"],
        [3, "Bộ Tài chính", "1/BTC-X", date(2021, 1, 1), "Thái Bình", "c"],
    ]
    path = fx.write_petitions_xlsx(
        tmp_path / "x.xlsx", rows, header=header, header_row=3, preamble=["Số: 9/KHAC-X"]
    )
    result = parse_file(path)
    assert result.sender == "Văn phòng Chính phủ"
    assert result.sender_ref == "5606/VPCP-QHĐP"  # the column wins over the line above
    assert result.sender_date == date(2020, 7, 10)
    assert len(result.rows) == 3


def test_bad_document_date_column_names_the_row(tmp_path: Path) -> None:
    header = ("STT", "Địa phương", "Kiến nghị", "Ngày văn bản")
    rows = [[1, "Bến Tre", "a", "10/07/2020"], [2, "Phú Yên", "b", "mai"]]
    with pytest.raises(ImportFailed) as info:
        parse_file(fx.write_petitions_xlsx(tmp_path / "x.xlsx", rows, header=header))
    assert info.value.row == 3


def test_optional_field_and_summary_columns(tmp_path: Path) -> None:
    header = ("STT", "Lĩnh vực", "Địa phương", "Trích yếu", "Nội dung kiến nghị")
    rows: list[list[object]] = [
        [1, "Viễn thông", "Bến Tre", "Hạ tầng", "Phủ sóng 4G"],
        [2, None, "Phú Yên", None, "b"],
    ]
    result = parse_file(fx.write_petitions_xlsx(tmp_path / "x.xlsx", rows, header=header))
    assert [(r.field, r.summary) for r in result.rows] == [("Viễn thông", "Hạ tầng"), (None, None)]


def test_merged_origin_range_is_inherited(tmp_path: Path) -> None:
    rows = fx.seed_xlsx_rows()
    rows[2][1] = fx.MERGED
    rows[3][1] = fx.MERGED  # B3:B5 → Bến Tre for three rows
    result = parse_file(fx.write_petitions_xlsx(tmp_path / "x.xlsx", rows))
    assert [r.origin for r in result.rows] == [
        "Hải Phòng",
        "Bến Tre",
        "Bến Tre",
        "Bến Tre",
        "Thái Nguyên",
        "Vĩnh Phúc",
    ]


def test_empty_origin_outside_a_merge_names_the_row(tmp_path: Path) -> None:
    rows = fx.seed_xlsx_rows()
    rows[2][1] = None
    with pytest.raises(ImportFailed) as info:
        parse_file(fx.write_petitions_xlsx(tmp_path / "x.xlsx", rows))
    assert info.value.row == 4
    assert "thiếu địa phương" in str(info.value)


def test_section_rows_numbering_row_repeated_header_and_blank_rows(tmp_path: Path) -> None:
    seed = fx.seed_xlsx_rows()
    rows: list[list[object]] = [
        ["(1)", "(2)", "(3)"],
        ["I. LĨNH VỰC CÔNG NGHỆ THÔNG TIN", None, None],  # merged A3:C3 below
        *seed[:3],
        [None, None, None],
        list(fx.XLSX_HEADER),
        *seed[3:],
        [7, None, None],
    ]
    path = fx.write_petitions_xlsx(tmp_path / "x.xlsx", rows, merges=["A3:C3"])
    result = parse_file(path)
    assert [r.origin for r in result.rows] == list(fx.SEED_ORIGINS)
    assert [r.source_row for r in result.rows] == [4, 5, 6, 9, 10, 11]


def test_only_the_active_sheet_is_read(tmp_path: Path) -> None:
    path = fx.write_petitions_xlsx(tmp_path / "x.xlsx", fx.seed_xlsx_rows(), other_sheets=["Khác"])
    assert [r.origin for r in parse_file(path).rows] == list(fx.SEED_ORIGINS)
    path = fx.write_petitions_xlsx(
        tmp_path / "y.xlsx", fx.seed_xlsx_rows(), other_sheets=["Khác"], active=1
    )
    assert [r.origin for r in parse_file(path).rows] == ["Trang khác"]


def test_wrong_dimension_tag_does_not_cut_columns(tmp_path: Path) -> None:
    path = fx.write_petitions_xlsx(tmp_path / "x.xlsx", fx.seed_xlsx_rows())
    fx.patch_zip(
        path, "xl/worksheets/sheet1.xml", b'<dimension ref="A1:C7"/>', b'<dimension ref="A1"/>'
    )
    assert [r.content for r in parse_file(path).rows] == list(fx.SEED_CONTENTS)


def test_nfd_text_comes_out_nfc_and_control_escapes_are_dropped(tmp_path: Path) -> None:
    rows = [
        [
            1,
            unicodedata.normalize("NFD", "Thừa Thiên Huế"),
            unicodedata.normalize("NFD", "Về việc"),
        ],
        [2, "Thanh Hoá", "Dòng một_x000B_dòng_x0001_ hai_x000A_dòng ba"],
    ]
    result = parse_file(fx.write_petitions_xlsx(tmp_path / "x.xlsx", rows))
    assert result.rows[0].origin == "Thừa Thiên Huế"
    assert unicodedata.is_normalized("NFC", result.rows[0].content)
    assert result.rows[0].content == unicodedata.normalize("NFC", "Về việc")
    assert result.rows[1].origin == "Thanh Hóa"  # new-style tone placement
    assert result.rows[1].content == "Dòng mộtdòng hai\ndòng ba"


def test_one_megabyte_cell_is_refused_quickly(tmp_path: Path) -> None:
    rows = [*fx.seed_xlsx_rows()[:2], [2, "Phú Yên", "PLACEHOLDER"]]
    path = fx.write_petitions_xlsx(tmp_path / "lon.xlsx", rows)
    fx.patch_zip(path, "xl/worksheets/sheet1.xml", b"PLACEHOLDER", b"x" * 1_000_000)
    started = time.perf_counter()
    with pytest.raises(ImportFailed) as info:
        parse_file(path)
    assert time.perf_counter() - started < 3
    assert info.value.row == 4
    assert str(info.value).startswith("Tệp «lon.xlsx», dòng 4: ô dài quá 20.000 ký tự")


def test_header_without_rows(tmp_path: Path) -> None:
    path = fx.write_petitions_xlsx(tmp_path / "rong.xlsx", [[None, None, None]])
    with pytest.raises(ImportFailed) as info:
        parse_file(path)
    assert str(info.value) == "Tệp «rong.xlsx»: bảng kiến nghị không có dòng kiến nghị nào."
