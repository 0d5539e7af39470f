"""Decide what a file really is from its bytes, never from its name."""

from __future__ import annotations

import zipfile
from pathlib import Path

from desktop.core.importers.common import MAX_FILE_BYTES
from desktop.core.importers.model import ImportFailed, Kind

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK"
PDF_MAGIC = b"%PDF-"

_SAVE_AS = "hãy mở bằng Word/Excel và lưu lại dạng .docx hoặc .xlsx"
_NOT_OFFICE = "không phải tệp Word (.docx) hay Excel (.xlsx)"
_NOT_READABLE = f"{_NOT_OFFICE}, cũng không phải PDF hay ảnh (PNG, JPEG, TIFF)"
_OTHER_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"{\\rtf", f"đây là tệp RTF, {_NOT_OFFICE}; {_SAVE_AS}"),
)
# Scans arrive as pictures: read by OCR (scan_table.py). TIFF is either byte order.
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def sniff(path: Path) -> Kind:
    """The file's real kind, by content; anything else raises ImportFailed with the reason."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ImportFailed(path, "đây là một thư mục, không phải tệp")
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError as exc:
        raise ImportFailed(path, "không tìm thấy tệp") from exc
    except PermissionError as exc:
        raise ImportFailed(path, "không có quyền đọc tệp") from exc
    except OSError as exc:
        raise ImportFailed(path, f"không đọc được tệp ({exc.strerror or exc})") from exc
    if size == 0:
        raise ImportFailed(path, "tệp rỗng (0 byte)")
    if size > MAX_FILE_BYTES:
        mb = size / (1024 * 1024)
        raise ImportFailed(path, f"tệp quá lớn ({mb:.0f} MB); chỉ nhận tệp đến 50 MB")
    if head.startswith(OLE2_MAGIC):
        raise ImportFailed(
            path,
            "đây là tệp Word/Excel đời cũ (.doc/.xls) hoặc tệp có đặt mật khẩu; "
            f"{_SAVE_AS} (không đặt mật khẩu)",
        )
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    for magic, problem in _OTHER_MAGIC:
        if head.startswith(magic):
            raise ImportFailed(path, problem)
    if not head.startswith(ZIP_MAGIC):
        raise ImportFailed(path, _NOT_READABLE)
    return _zip_kind(path)


def _zip_kind(path: Path) -> Kind:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except Exception as exc:  # BadZipFile, zlib.error, EOFError, NotImplementedError (bad version)…
        raise ImportFailed(
            path, "tệp bị hỏng hoặc không đầy đủ (có thể chưa tải về xong); hãy lấy lại tệp gốc"
        ) from exc
    # Sizes are checked by package.check_package, once the kind is known.
    names = {info.filename for info in infos}
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        raise ImportFailed(path, f"tệp Excel dạng nhị phân (.xlsb) chưa được hỗ trợ; {_SAVE_AS}")
    if "content.xml" in names and "mimetype" in names:
        raise ImportFailed(path, f"đây là tệp OpenDocument (.odt/.ods); {_SAVE_AS}")
    raise ImportFailed(path, f"tệp nén ZIP nhưng {_NOT_OFFICE}")
