"""A letter whose fields cannot be a real công văn is refused before either renderer runs."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.core.errors import DomainError
from desktop.core.letters.docx_render import docx_bytes
from desktop.core.letters.pdf_render import pdf_bytes
from tests.core.letters.test_pdf_render import make_letter

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"signer_name": "A" * 100_000}, "«họ tên người ký» dài 100,000 ký tự"),
        ({"subject": "V/v " + "x" * 5_000}, "Trích yếu dài"),
        ({"recipients": ("UBND",) * 500}, "Mục «Kính gửi» quá dài"),
        ({"body": ("Đoạn văn. " * 30_000,)}, "Nội dung công văn quá dài"),
    ],
)
def test_absurd_fields_are_refused_at_once(changes: dict[str, object], message: str) -> None:
    letter = make_letter(**changes)
    for render in (pdf_bytes, docx_bytes):
        with pytest.raises(DomainError, match=message):
            render(letter, TODAY)


def test_a_real_letter_still_renders() -> None:
    letter = make_letter()
    assert pdf_bytes(letter, TODAY).startswith(b"%PDF")
    assert docx_bytes(letter, TODAY).startswith(b"PK")
