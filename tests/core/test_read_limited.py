"""files.read_limited: the one way a file the clerk names is read (a PDF to verify, a root
certificate, an attachment), each refusal in Vietnamese."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.errors import DomainError
from desktop.core.files import read_limited
from desktop.core.signatures.trust import read_root_file
from desktop.core.signatures.verify import read_pdf

pytestmark = pytest.mark.engine_free


def _too_large(size: int) -> str:
    return f"Tệp lớn {size} byte."


def test_a_file_within_its_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "cv.pdf"
    path.write_bytes(b"%PDF-1.7 abc")
    assert read_limited(path, 12, _too_large) == b"%PDF-1.7 abc"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing", "Không tìm thấy tệp «{path}»."),
        ("folder", "«{path}» là thư mục, không phải tệp."),
        ("large", "Tệp lớn 13 byte."),
    ],
)
def test_each_refusal_says_why(tmp_path: Path, name: str, message: str) -> None:
    path = tmp_path / name
    if name == "folder":
        path.mkdir()
    elif name == "large":
        path.write_bytes(b"x" * 13)
    with pytest.raises(DomainError) as caught:
        read_limited(path, 12, _too_large)
    assert str(caught.value) == message.format(path=path)


def test_an_unreadable_path_is_said(tmp_path: Path) -> None:
    inside_a_file = tmp_path / "cv.pdf" / "trang.pdf"  # the OS refuses: not a directory
    inside_a_file.parent.write_bytes(b"x")
    with pytest.raises(DomainError, match="Không đọc được tệp «.*trang.pdf»: "):
        read_limited(inside_a_file, 12, _too_large)


def test_pdfs_and_root_certificates_are_read_through_it(tmp_path: Path) -> None:
    folder = tmp_path / "thu-muc"
    folder.mkdir()
    for read in (read_pdf, read_root_file):
        with pytest.raises(DomainError, match="là thư mục, không phải tệp"):
            read(folder)
