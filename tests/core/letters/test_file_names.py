"""The file name offered for a letter: what it is, ASCII, valid on Windows, bounded."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from desktop.core.letters.file_names import MAX_STEM, ascii_text, suggested_name
from desktop.core.letters.model import Letter

DRAFT = Letter(
    agency="BỘ THÔNG TIN VÀ TRUYỀN THÔNG",
    symbol="BTTTT-VP",
    subject="V/v trả lời kiến nghị của UBND thành phố Hải Phòng",
    recipients=("Ủy ban nhân dân thành phố Hải Phòng",),
    body=("Nội dung.",),
    signer_authority="KT. BỘ TRƯỞNG",
    signer_title="THỨ TRƯỞNG",
    signer_name="Nguyễn Huy Dũng",
    copies=("Như trên", "Lưu: VT, VP"),
)
ISSUED = dataclasses.replace(DRAFT, number=123, issued_on=dt.date(2026, 12, 1))
WINDOWS_INVALID = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def test_issued_reply_names_number_date_and_incoming_number() -> None:
    assert suggested_name(ISSUED, ".docx", incoming_nos=[45]) == (
        "Cong van 123-BTTTT-VP 01-12-2026 tra loi kien nghi so den 45.docx"
    )
    five = dataclasses.replace(ISSUED, number=5)
    assert suggested_name(five, ".pdf", incoming_nos=[45, 46]) == (
        "Cong van 05-BTTTT-VP 01-12-2026 tra loi kien nghi so den 45, 46.pdf"
    )


def test_draft_names_what_it_answers_and_whom() -> None:
    assert suggested_name(DRAFT, ".docx", incoming_nos=[45, 45]) == (
        "Du thao tra loi kien nghi so den 45 - UBND thanh pho Hai Phong.docx"
    )
    # Without an incoming document, or for another kind of letter, the subject says what it is.
    assert suggested_name(DRAFT, ".pdf") == (
        "Du thao tra loi kien nghi cua UBND thanh pho Hai Phong.pdf"
    )
    chase = dataclasses.replace(
        DRAFT, symbol="BTTTT-CĐSQG", subject="V/v đôn đốc giải quyết kiến nghị quá hạn",
        number=7, issued_on=dt.date(2026, 1, 5),
    )  # fmt: skip
    assert suggested_name(chase, ".docx", reply=False) == (
        "Cong van 07-BTTTT-CDSQG 05-01-2026 don doc giai quyet kien nghi qua han.docx"
    )


def test_names_are_ascii_valid_on_windows_and_bounded() -> None:
    nasty = dataclasses.replace(
        DRAFT, subject='V/v trả lời "Sở TT&TT" <Đà Nẵng>: 1/2 | a*b? ' + "rất dài " * 60
    )
    name = suggested_name(nasty, ".docx", incoming_nos=list(range(1, 9)))
    assert name.isascii() and not WINDOWS_INVALID.search(name)
    assert len(name) <= MAX_STEM + len(".docx")
    assert name.startswith("Du thao tra loi kien nghi so den 1, 2, 3 va 5 van ban khac")
    assert not name.removesuffix(".docx").endswith((" ", ".", "-"))
    empty = dataclasses.replace(DRAFT, subject="")
    assert suggested_name(empty, ".pdf", reply=False) == "Du thao cong van.pdf"
    assert ascii_text("Đường Hòa Bình, thủy điện") == "Duong Hoa Binh, thuy dien"
