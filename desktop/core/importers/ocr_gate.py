"""Whether OCR may run here: a preview asks for a file "without OCR", and a scan then says so
(NeedsOcr) instead of being read, so that the front end reads it as long work, with progress
and Cancel, rather than inside a quick query. And whether the rows will be corrected: then a
cell OCR could not read is marked UNREAD instead of refusing the whole scan. Kept apart from
scan_table so that asking loads neither Tesseract's wrapper nor the page renderer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from desktop.core.importers.model import ImportFailed

# Context variables, not globals: each worker thread runs in a context of its own.
_allowed: ContextVar[bool] = ContextVar("kiennghi_ocr_allowed", default=True)
_correcting: ContextVar[bool] = ContextVar("kiennghi_ocr_correcting", default=False)
# Put where OCR read nothing in a row's origin or content, for the clerk to type it.
UNREAD = "(chưa đọc được, hãy nhập)"


class NeedsOcr(ImportFailed):
    """The file is a scan; inside `without_ocr()` it is not read."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "tệp là bản quét, cần nhận dạng chữ trước khi xem trước")


@contextmanager
def without_ocr() -> Iterator[None]:
    """Within this block a scan raises NeedsOcr instead of being read (seconds a page)."""
    token = _allowed.set(False)
    try:
        yield
    finally:
        _allowed.reset(token)


def require_allowed(path: Path) -> None:
    """Raise NeedsOcr inside `without_ocr()`."""
    if not _allowed.get():
        raise NeedsOcr(path)


@contextmanager
def for_correction() -> Iterator[None]:
    """Within this block a row with its origin or content unread is kept, that cell UNREAD
    (the desktop's preview, where the clerk corrects); elsewhere the scan is refused."""
    token = _correcting.set(True)
    try:
        yield
    finally:
        _correcting.reset(token)


def correcting() -> bool:
    """Whether the rows read will be corrected by the clerk before anything is written."""
    return _correcting.get()
