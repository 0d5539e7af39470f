"""Nhập từ tệp: parse a table of petitions (kiến nghị) from a DOCX, XLSX, PDF or scan image;
no database work here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.core.importers.model import (
    Cancelled,
    ImportFailed,
    Kind,
    ParsedImport,
    ParsedRow,
    Progress,
)
from desktop.core.importers.sniff import sniff

__all__ = ["ImportFailed", "ParsedImport", "ParsedRow", "file_kind", "parse_file", "reading"]

_LABEL = {"docx": "Word (.docx)", "xlsx": "Excel (.xlsx)", "pdf": "PDF", "image": "ảnh"}


def file_kind(path: Path) -> Kind:
    """The kind of file ("docx", "xlsx", "pdf", "image"), by content; ImportFailed if none."""
    try:
        return sniff(path)
    except ImportFailed:
        raise
    except Exception as exc:  # never a traceback, even from the sniffing
        raise ImportFailed(path, f"không đọc được tệp ({type(exc).__name__})") from exc


@contextmanager
def reading(path: Path, kind: Kind) -> Iterator[None]:
    """Whatever goes wrong while a parser reads the file reaches the clerk as ImportFailed."""
    try:
        yield
    except ImportFailed:
        raise
    except MemoryError as exc:
        raise ImportFailed(path, "tệp quá lớn, không đủ bộ nhớ để đọc") from exc
    except RecursionError as exc:
        raise ImportFailed(path, f"tệp {_LABEL[kind]} có cấu trúc lồng nhau quá sâu") from exc
    except Exception as exc:  # a damaged file must never reach the clerk as a traceback
        # No English detail (lxml's, zipfile's): the clerk can do nothing with it.
        raise ImportFailed(
            path, f"tệp {_LABEL[kind]} bị hỏng hoặc có cấu trúc lạ, không đọc được"
        ) from exc


def parse_file(
    path: Path, *, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> ParsedImport:
    """Read a petition table from a file, its kind decided by content; ImportFailed if not.

    A PDF without a text layer and an image are read by OCR; `progress(done, total, what)` and
    `cancelled()` follow the pages of a PDF or scan (the other kinds read in a moment).
    """
    # The readers (python-docx, openpyxl, pdfplumber) are imported here, not with the package:
    # the window imports it for small helpers and should not pay ~0.3 s for them at start.
    from desktop.core.importers.docx_table import parse_docx
    from desktop.core.importers.package import check_package
    from desktop.core.importers.pdf_table import parse_pdf
    from desktop.core.importers.xlsx_table import parse_xlsx

    path = Path(path)
    kind = file_kind(path)
    with reading(path, kind):
        if kind == "pdf":
            parsed = parse_pdf(path, progress=progress, cancelled=cancelled)
            if parsed is not None:
                return parsed
        elif kind != "image":
            # Limits first (zip and XML bombs, absurd tables): no parser sees a file over them.
            merges = check_package(path, kind)
            return parse_docx(path) if kind == "docx" else parse_xlsx(path, merges)
        # Tesseract and the page rendering are loaded only when a scan needs them.
        from desktop.core.importers.scan_table import parse_scan

        return parse_scan(path, progress=progress, cancelled=cancelled)
