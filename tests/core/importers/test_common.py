"""The shared pieces: header names, Vietnamese dates, metadata lines, text hygiene."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.importers import ImportFailed
from desktop.core.importers.common import (
    agency_case,
    aligned_fold,
    cell_text,
    is_heading_row,
    is_numbering_row,
    match_header,
    scan_metadata,
    tidy,
    to_date,
)

P = Path("bang.xlsx")


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["STT", "ĐỊA PHƯƠNG", "KIẾN NGHỊ"], {"ordinal": 0, "origin": 1, "content": 2}),
        (["stt", "Don vi", "Noi dung"], {"ordinal": 0, "origin": 1, "content": 2}),
        (["Nội dung kiến nghị", "Tỉnh, thành phố"], {"content": 0, "origin": 1}),
        (
            ["TT", "Cơ quan", "Nội dung", "Cơ quan chủ trì"],
            {"ordinal": 0, "origin": 1, "content": 2},
        ),
        (
            ["Đơn vị kiến nghị", "Lĩnh vực", "Kiến nghị, đề xuất", "Thời hạn"],
            {"origin": 0, "field": 1, "content": 2, "due_on": 3},
        ),
    ],
)
def test_match_header(cells: list[str], expected: dict[str, int]) -> None:
    assert match_header(cells) == expected


@pytest.mark.parametrize(
    "cells",
    [
        ["STT", "Địa phương"],  # no petition column
        ["STT", "Cơ quan chủ trì", "Nội dung trả lời"],  # look-alikes are not enough
        ["Họ tên", "Chức vụ", "Ghi chú"],
        [],
    ],
)
def test_match_header_refuses(cells: list[str]) -> None:
    assert match_header(cells) is None


def test_numbering_row() -> None:
    assert is_numbering_row(["(1)", "(2)", "(3)"])
    assert is_numbering_row(["1", "2", "3", ""])
    assert not is_numbering_row(["1", "Bến Tre", "..."])
    assert not is_numbering_row(["6", "", ""])


def test_heading_rows_are_skipped_and_petitions_are_not() -> None:
    assert is_heading_row(["STT", "Địa phương", "Nội dung kiến nghị"])  # repeated on page 2
    assert is_heading_row(["(1)", "(2)", "(3)"])
    assert not is_heading_row(["6", "Bến Tre", "Đề nghị nâng cấp quốc lộ 60."])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("15/09/2020", date(2020, 9, 15)),
        ("5/9/2020", date(2020, 9, 5)),
        (" 05-09-2020 ", date(2020, 9, 5)),
        ("ngày 15 tháng 09 năm 2020", date(2020, 9, 15)),
        ("Ngày 1 tháng 10 năm 2020.", date(2020, 10, 1)),
        (date(2020, 1, 2), date(2020, 1, 2)),
        (datetime(2020, 1, 2, 13, 5), date(2020, 1, 2)),
        (None, None),
        ("  ", None),
    ],
)
def test_to_date(value: object, expected: date | None) -> None:
    assert to_date(P, value, 3) == expected


@pytest.mark.parametrize("value", ["31/02/2020", "hôm qua", "2020-09-15", "15/09/20", 44000, 1.5])
def test_to_date_refuses(value: object) -> None:
    with pytest.raises(ImportFailed) as info:
        to_date(P, value, 9)
    assert info.value.row == 9
    assert "(cần dd/mm/yyyy)" in str(info.value)


def test_cell_text() -> None:
    assert [cell_text(v) for v in (None, 1, 1.0, 2.5, "a", date(2020, 7, 10))] == [
        "",
        "1",
        "1",
        "2.5",
        "a",
        "10/07/2020",
    ]


def test_scan_metadata_letter_heading() -> None:
    lines = [
        "VĂN PHÒNG CHÍNH PHỦ",
        "-------",
        "Số: 5606/VPCP-QHĐP",
        "V/v xử lý kiến nghị",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 10 tháng 7 năm 2020",
        "Tại Hội nghị ngày 02 tháng 7 năm 2020, Nghị định số 61/2018/NĐ-CP ...",
        "... gửi Văn phòng Chính phủ trước ngày 15 tháng 09 năm 2020 để báo cáo.",
    ]
    meta = scan_metadata(P, ((line, None) for line in lines))
    assert meta.sender == "Văn phòng Chính phủ"
    assert meta.sender_ref == "5606/VPCP-QHĐP"
    assert meta.sender_date == date(2020, 7, 10)
    assert meta.reply_by == date(2020, 9, 15)
    assert meta.summary == "V/v xử lý kiến nghị"


def test_scan_metadata_annex_line_only() -> None:
    line = "(Kèm theo Công văn số 5606/VPCP-QHĐP ngày 10 tháng 7 năm 2020 của Văn phòng Chính phủ)"
    meta = scan_metadata(P, [(line, None)])
    assert (meta.sender, meta.sender_ref, meta.sender_date) == (
        "Văn phòng Chính phủ",
        "5606/VPCP-QHĐP",
        date(2020, 7, 10),
    )
    assert (meta.reply_by, meta.summary) == (None, None)


def test_scan_metadata_two_line_heading_and_unaccented_text() -> None:
    lines = [
        "UBND TỈNH BẾN TRE",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "So: 12/STTTT-VP",
        "Ben Tre, ngay 3 thang 8 nam 2021",
    ]
    meta = scan_metadata(P, [(line, None) for line in lines])
    assert meta.sender == "Sở Thông tin và Truyền thông tỉnh Bến Tre"
    assert meta.sender_ref == "12/STTTT-VP"
    assert meta.sender_date == date(2021, 8, 3)


def test_scan_metadata_impossible_date_names_the_row() -> None:
    with pytest.raises(ImportFailed) as info:
        scan_metadata(P, [("Số: 1/X-Y", 1), ("ngày 31 tháng 02 năm 2020", 2)])
    assert info.value.row == 2
    assert "31 tháng 02 năm 2020" in str(info.value)


def test_heading_over_two_lines_is_one_name() -> None:
    meta = scan_metadata(
        P, [("ỦY BAN NHÂN DÂN", None), ("TỈNH PHÚ YÊN", None), ("Số: 7/UBND-KT", None)]
    )
    assert meta.sender == "Ủy ban nhân dân tỉnh Phú Yên"


@pytest.mark.parametrize(
    ("upper", "expected"),
    [
        ("VĂN PHÒNG CHÍNH PHỦ", "Văn phòng Chính phủ"),
        ("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "Bộ Thông tin và Truyền thông"),
        ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Bộ Lao động - Thương binh và Xã hội"),
        ("ỦY BAN NHÂN DÂN TỈNH THANH HOÁ", "Ủy ban nhân dân tỉnh Thanh Hoá"),
        ("BỘ CÔNG THƯƠNG", "Bộ Công Thương"),
    ],
)
def test_agency_case(upper: str, expected: str) -> None:
    assert agency_case(upper) == expected


def test_tidy_examples() -> None:
    nfd = unicodedata.normalize("NFD", "Hoà Bình\x0b  và\x01 Thuỷ")
    assert tidy(nfd) == "Hòa Bình và Thủy"
    assert tidy(" a \r\n\u00a0b ") == "a\nb"


_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "M", "N", "P", "Z", "Cc"]),
    max_size=60,
)


@given(_TEXT)
def test_tidy_is_nfc_without_controls_and_idempotent(text: str) -> None:
    out = tidy(text)
    assert unicodedata.is_normalized("NFC", out)
    assert not any(unicodedata.category(ch) == "Cc" and ch not in "\n" for ch in out)
    assert tidy(out) == out


@given(_TEXT)
def test_aligned_fold_keeps_positions(text: str) -> None:
    assert len(aligned_fold(text)) == len(text)
