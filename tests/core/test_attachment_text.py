"""Reading attachments' text (desktop/core/attachment_text.py) from real files; no database."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.text import fold
from desktop.core.attachment_text import read_text
from tests.attachment_files import write_docx, write_pdf, write_scan, write_xlsx

pytestmark = pytest.mark.engine_free


def _read(path: Path) -> tuple[str, str, str, str]:
    got = read_text(path.name, path.read_bytes())
    return got.state, got.method, got.text, got.reason


def test_docx_paragraphs_and_table_cells(tmp_path: Path) -> None:
    f = write_docx(tmp_path / "a.docx", "Biên bản họp", cell="Trạm phát sóng Đắk Lắk")
    assert _read(f) == ("indexed", "docx", "Biên bản họp\n1\nTrạm phát sóng Đắk Lắk", "")


def test_xlsx_cells_row_by_row(tmp_path: Path) -> None:
    f = write_xlsx(tmp_path / "b.xlsx", [["STT", "Nội dung"], [1, "Hạ tầng số tại Điện Biên"]])
    assert _read(f) == ("indexed", "xlsx", "STT Nội dung\n1 Hạ tầng số tại Điện Biên", "")


def test_pdf_text_layer(tmp_path: Path) -> None:
    f = write_pdf(tmp_path / "c.pdf", "Ý kiến cử tri Quảng Ngãi", "về chuyển đổi số")
    state, method, text, _ = _read(f)
    assert (state, method) == ("indexed", "pdf")
    assert text == "Ý kiến cử tri Quảng Ngãi\nvề chuyển đổi số"


@pytest.mark.parametrize(
    ("name", "content", "state", "reason"),
    [
        ("hỏng.docx", b"PK\x03\x04" + b"\x00" * 64, "failed", "tệp bị hỏng hoặc không đầy đủ"),
        ("hỏng.pdf", b"%PDF-1.4 cut short", "failed", "tệp PDF không đầy đủ"),
        (
            "cũ.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
            "empty",
            "đời cũ (.doc/.xls)",
        ),
        ("dữ liệu.bin", b"\x00\x01\x02", "empty", "loại tệp này không có chữ để tìm"),
        ("lạ.txt", b"\xff\xfe\xfa", "failed", "không theo bảng mã UTF-8"),
    ],
)
def test_what_cannot_be_read_says_why(name: str, content: bytes, state: str, reason: str) -> None:
    got = read_text(name, content)
    assert got.state == state and got.text == ""
    assert reason in got.reason


def test_a_scanned_image_is_read_by_ocr(tmp_path: Path) -> None:
    f = write_scan(tmp_path / "scan.png", "Đề nghị hỗ trợ cáp quang", "cho xã Tà Xùa")
    state, method, text, _ = _read(f)
    assert (state, method) == ("indexed", "ocr")
    assert "cap quang" in fold(text) and "xua" in fold(text), text


def test_a_pdf_without_text_is_read_by_ocr(tmp_path: Path) -> None:
    f = write_scan(tmp_path / "scan.pdf", "Biên bản kiểm tra trạm viễn thông", pdf=True)
    state, method, text, _ = _read(f)
    assert (state, method) == ("indexed", "pdf-ocr")
    assert "vien thong" in fold(text), text
