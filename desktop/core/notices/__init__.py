"""Thông báo kết luận: reading a conclusion notice's tasks and deadlines (no database here)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.calendar import WorkCalendar
from desktop.core.notices.deadlines import (
    DEFAULT_RULES,
    Deadline,
    DeadlineRules,
    due_date,
    read_deadline,
)
from desktop.core.notices.parse import NoticeTask, ParsedNotice, parse_notice
from desktop.core.notices.units import CatalogueUnit, UnitCatalogue

__all__ = [
    "DEFAULT_RULES",
    "CatalogueUnit",
    "Deadline",
    "DeadlineRules",
    "NoticeTask",
    "ParsedNotice",
    "UnitCatalogue",
    "due_date",
    "parse_notice",
    "read_deadline",
    "read_notice_docx",
]


def read_notice_docx(
    path: Path,
    catalogue: UnitCatalogue,
    *,
    calendar: WorkCalendar | None = None,
    rules: DeadlineRules = DEFAULT_RULES,
) -> ParsedNotice:
    """A notice saved as DOCX, read for the preview; ImportFailed or DomainError saying why not."""
    # python-docx is imported when a notice is read: Cài đặt imports this package for its rules.
    from desktop.core.notices.docx_text import read_docx_paragraphs

    return parse_notice(read_docx_paragraphs(path), catalogue, calendar=calendar, rules=rules)
