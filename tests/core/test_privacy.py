"""Phone and citizen ID numbers in petition text, found and masked; everything else untouched."""

from __future__ import annotations

import pytest

from desktop.core.privacy import find_personal_numbers, mask_number, mask_personal_numbers

# (sentence as a petition writes it, the same sentence as an export must print it)
MASKED = [
    # Mobiles, as people write them.
    (
        "Ông Nguyễn Văn An, thôn Đông, xã Hòa Bình, điện thoại 0912 345 678, đề nghị xem xét.",
        "Ông Nguyễn Văn An, thôn Đông, xã Hòa Bình, điện thoại 0912 *** 678, đề nghị xem xét.",
    ),
    ("Liên hệ: 0912345678.", "Liên hệ: 0912***678."),
    ("SĐT:0987654321, Zalo cùng số.", "SĐT:0987***321, Zalo cùng số."),
    ("Số điện thoại 0912.345.678 (chị Lan).", "Số điện thoại 0912.***.678 (chị Lan)."),
    ("ĐT 0912-345-678", "ĐT 0912-***-678"),
    ("gọi 091 234 5678 giờ hành chính", "gọi 091 2** *678 giờ hành chính"),
    (
        "Điện thoại +84 912 345 678 hoặc 84912345678.",
        "Điện thoại +84 912 *** 678 hoặc 84912***678.",
    ),
    ("Hai số: 0912345678, 0387654321.", "Hai số: 0912***678, 0387***321."),
    # Landlines (02x area codes, 10-11 digits), with and without brackets.
    (
        "Văn phòng UBND xã, điện thoại 024 3822 1234.",
        "Văn phòng UBND xã, điện thoại 024 3*** *234.",
    ),
    ("Máy bàn (024) 38221234.", "Máy bàn (024) 3****234."),
    ("Số máy 02438221234", "Số máy 0243****234"),
    ("ĐT: 0236.3822.123, fax 0236.3822.124", "ĐT: 0236.****.123, fax 0236.****.124"),
    ("Liên hệ 028 3822 1234", "Liên hệ 028 3*** *234"),
    # Citizen IDs after a word that names them, grouped or not.
    (
        "Bà Trần Thị B, CCCD số 001203004567, trú tại Hà Nội.",
        "Bà Trần Thị B, CCCD số 0012*****567, trú tại Hà Nội.",
    ),
    (
        "căn cước công dân số 001 203 004 567 cấp ngày 12/06/2021",
        "căn cước công dân số 001 2** *** 567 cấp ngày 12/06/2021",
    ),
    ("CMND/CCCD: 0012 0300 4567", "CMND/CCCD: 0012 **** *567"),
    (
        "Số CMND 123456789 do Công an tỉnh Thái Bình cấp",
        "Số CMND 1234**789 do Công an tỉnh Thái Bình cấp",
    ),
    ("số định danh cá nhân: 036085001234", "số định danh cá nhân: 0360*****234"),
    ("Chứng minh nhân dân số 162345678.", "Chứng minh nhân dân số 1623**678."),
    # Bare 9 and 12 digit runs.
    (
        "người đứng đơn 001203004567, thường trú xã Yên Sở",
        "người đứng đơn 0012*****567, thường trú xã Yên Sở",
    ),
    ("(mã 123456789)", "(mã 1234**789)"),
    # Both kinds in one sentence, and the text around them kept exactly.
    (
        "Ông C (CCCD 034090001122, ĐT 0977 111 222) phản ánh việc cắt cáp quang.",
        "Ông C (CCCD 0340*****122, ĐT 0977 *** 222) phản ánh việc cắt cáp quang.",
    ),
]

# Numbers that are not a person's: they must come out exactly as they went in.
UNTOUCHED = [
    "Công văn số 5606/VPCP-QHĐP ngày 10/7/2020 của Văn phòng Chính phủ.",
    "Đề nghị sửa Nghị định số 61/2018/NĐ-CP và Nghị định 45/2020/NĐ-CP.",
    "Quyết định số 1234/QĐ-TTg ngày 12/06/2020 của Thủ tướng Chính phủ.",
    "Văn bản số 123456789/QĐ-UBND của tỉnh.",
    "Ngày 12/06/2020, ngày 01-12-2026 và ngày 2020-06-12.",
    "Kinh phí hỗ trợ 1.200.000 đồng mỗi tháng, tổng 10.000.000.000 đồng.",
    "Số tiền 912.000.000 đồng chưa được thanh toán.",
    "Số tiền 120000000 đồng; diện tích 123456789 m2.",
    "Quý I năm 2020 và 6 tháng đầu năm 2021, giai đoạn 2021-2025.",
    "Điều 12, khoản 3 Luật Viễn thông 2023; Điều 5 Thông tư 08/2021/TT-BTTTT.",
    "Tổng đài 1900 1234 và đường dây nóng 1800 1091 của doanh nghiệp.",
    "Công ty TNHH A, mã số thuế 0312345678, đề nghị hoàn thuế.",
    "Doanh nghiệp (MST: 0101234567) kiến nghị về giá cước.",
    "Số đến 123456, STT 15, 345 hộ dân, 2.500 thuê bao.",
    "Tỷ lệ 99,5%, tốc độ 100 Mbps, 5G phủ 63 tỉnh.",
    "Dãy số 0912 345 678 9 ghi sai.",
    "Số hiệu QCVN 41:2016/BTTTT, TCVN 8702:2011.",
    "Họp lúc 09:30 ngày 01/12/2026; các năm 2019, 2020 và 2021.",
    "Công văn số 1234/UBND-VX; Kế hoạch 05/KH-UBND; Thông báo số 278/TB-VPCP.",
    "Khoản 2 Điều 15 Nghị định 30/2020/NĐ-CP; mục 1.2.3 của phụ lục.",
    "",
]


@pytest.mark.parametrize(("text", "expected"), MASKED)
def test_personal_numbers_are_masked(text: str, expected: str) -> None:
    assert mask_personal_numbers(text) == expected


@pytest.mark.parametrize("text", UNTOUCHED)
def test_numbers_that_are_not_personal_stay(text: str) -> None:
    assert find_personal_numbers(text) == []
    assert mask_personal_numbers(text) == text


def test_what_was_found_says_its_kind_and_place() -> None:
    text = "Ông D, CCCD số 001203004567, ĐT 0912345678."
    phone_at = text.index("0912")
    found = find_personal_numbers(text)
    assert [(f.kind, f.text) for f in found] == [
        ("citizen_id", "001203004567"),
        ("phone", "0912345678"),
    ]
    assert found[1].start == phone_at and found[1].end == phone_at + 10


@pytest.mark.parametrize(
    ("written", "head", "expected"),
    [
        ("0912 345 678", 4, "0912 *** 678"),
        ("0912345678", 4, "0912***678"),
        ("001203004567", 4, "0012*****567"),
        ("+84 912 345 678", 5, "+84 912 *** 678"),
        ("1234567", 4, "1234567"),  # nothing left between head and tail
    ],
)
def test_mask_number_keeps_head_tail_and_grouping(written: str, head: int, expected: str) -> None:
    assert mask_number(written, head) == expected


def test_masking_twice_changes_nothing_more() -> None:
    once = mask_personal_numbers("ĐT 0912 345 678, CCCD 001203004567")
    assert mask_personal_numbers(once) == once


def test_every_digit_of_a_masked_number_is_gone_but_head_and_tail() -> None:
    masked = mask_personal_numbers("Số điện thoại của tôi là 0987654321")
    assert "654" not in masked and masked.endswith("0987***321")
