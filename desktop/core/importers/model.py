"""What an imported file yields: the sending document's details and its table of petitions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from db.errors import KienNghiError
from desktop.core.legacy_text import LegacyConversion

Kind = Literal["docx", "xlsx", "pdf", "image"]
Progress = Callable[[int, int, str], None]  # done, total, what is being done ("trang 2/5")
Cancelled = Callable[[], bool]  # asked between pages: True when the clerk pressed Hủy


@dataclass(frozen=True)
class ParsedRow:
    """One petition (kiến nghị) row of the source table, text already cleaned."""

    source_row: int  # sheet row number (XLSX) or table row index + 1 (DOCX), as a clerk counts
    ordinal: str | None  # STT as written, None when blank
    origin: str  # locality or body that raised it (địa phương / đơn vị / cơ quan)
    content: str  # full text; paragraphs joined with "\n", "+" sub-points included
    field: str | None = None  # lĩnh vực, when the table has that column
    summary: str | None = None  # tóm tắt / trích yếu column, when present
    due_on: date | None = None  # per-row deadline (hạn trả lời / thời hạn), when present


@dataclass(frozen=True)
class ParsedImport:
    """A parsed file: the sending document's metadata and its petition rows."""

    path: Path
    kind: Kind
    sender: str | None  # e.g. "Văn phòng Chính phủ"
    sender_ref: str | None  # số, ký hiệu, e.g. "5606/VPCP-QHĐP"
    sender_date: date | None  # ngày văn bản
    reply_by: date | None  # from "trước ngày 15 tháng 09 năm 2020"
    summary: str | None  # trích yếu ("V/v ...")
    rows: tuple[ParsedRow, ...]
    converted: LegacyConversion | None = None  # text converted from TCVN3/VNI, if any


@dataclass
class Metadata:
    """Document details found in the text around the table."""

    sender: str | None = None
    sender_ref: str | None = None
    sender_date: date | None = None
    reply_by: date | None = None
    summary: str | None = None


def parsed_import(
    path: Path,
    kind: Kind,
    meta: Metadata,
    rows: tuple[ParsedRow, ...],
    converted: LegacyConversion | None = None,
) -> ParsedImport:
    """A parsed file whose document details are those read in the text around its table."""
    return ParsedImport(
        path=path,
        kind=kind,
        sender=meta.sender,
        sender_ref=meta.sender_ref,
        sender_date=meta.sender_date,
        reply_by=meta.reply_by,
        summary=meta.summary,
        rows=rows,
        converted=converted,
    )


class ImportFailed(KienNghiError):
    """Import refused; the Vietnamese message names the file, the row (if any) and the problem."""

    def __init__(self, path: Path, problem: str, row: int | None = None) -> None:
        self.path = Path(path)
        self.problem = problem
        self.row = row
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The sentence shown to the clerk."""
        where = f"Tệp «{self.path.name}»"
        if self.row is not None:
            where += f", dòng {self.row}"
        return f"{where}: {self.problem.strip().rstrip('.')}."

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[type[ImportFailed], tuple[Path, str, int | None]]:
        return (type(self), (self.path, self.problem, self.row))
