"""In danh sách (Ctrl+P): the register rows on screen as they go to paper, masked and recorded.

A printed list leaves the office as an export does (Decree 13/2023): it needs the right that
printed registers need, its phone and citizen ID numbers are masked unless the user may print
them whole (admin, leader) and asked to, and every print is recorded in the audit log (who,
when, which screen and filter, how many rows, masked or not, which printer or file). The
record is written just before the pages go to the printer: paper cannot be taken back, so a
print whose record cannot be written is not printed at all. The screen itself is not masked
(the clerk needs the numbers); only what this module returns goes on paper.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db import audit as repo
from db.errors import KienNghiError
from db.petition_filter import PetitionFilter
from db.text import clean
from desktop.core import audit, permissions
from desktop.core.audit import PRINT, AuditEvent
from desktop.core.errors import DomainError
from desktop.core.privacy import masked_or_not
from desktop.core.reports import filter_detail
from desktop.core.session import Session

__all__ = ["PRINT_RIGHT", "PrintSheet", "prepare", "record"]

# Printing a list is printing a register: the same roles (admin, clerk, leader).
PRINT_RIGHT = "print_registers"


@dataclass(frozen=True)
class PrintSheet:
    """What goes on paper (title, columns, rows as text, masked) and what the record says."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    masked: bool
    printed_on: dt.date
    screen: str
    search: str = ""
    filters: dict[str, Any] = field(default_factory=dict)


def _check_recordable(session: Session) -> None:
    reason = session.store.read_only
    if reason is not None:
        raise DomainError(
            "Không in được: việc in danh sách phải được ghi vào nhật ký nhưng cơ sở dữ liệu"
            f" chỉ cho đọc ({reason.rstrip('.')})."
        )


def prepare(
    session: Session,
    *,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    screen: str,
    petition_filter: PetitionFilter | None = None,
    search: str = "",
    unmasked: bool = False,
) -> PrintSheet:
    """The sheet to print from the rows shown; refused without the right (or to unmask)."""
    permissions.require(session, PRINT_RIGHT)
    if unmasked:
        audit.require_unmask(session)
    _check_recordable(session)
    masked = not unmasked
    # Every cell: a phone may be in the origin, the summary or a unit's note, and the dates,
    # document numbers and codes of the other cells are never taken for one (privacy.py).
    text = tuple(
        tuple(masked_or_not(clean(str(c if c is not None else "")), masked=masked) for c in row)
        for row in rows
    )
    filters = filter_detail(petition_filter) if petition_filter is not None else {}
    return PrintSheet(
        title=clean(title),
        headers=tuple(clean(h) for h in headers),
        rows=text,
        masked=masked,
        printed_on=session.today(),
        screen=screen,
        search=clean(search),
        filters={k: v for k, v in filters.items() if v not in (None, (), [], "")},
    )


def record(
    session: Session, sheet: PrintSheet, *, printer: str = "", file: Path | None = None
) -> AuditEvent:
    """Record the print (call it just before printing); a refusal means: print nothing."""
    permissions.require(session, PRINT_RIGHT)
    _check_recordable(session)
    detail: dict[str, Any] = {
        "title": sheet.title,
        "screen": sheet.screen,
        "rows": len(sheet.rows),
        "masked": sheet.masked,
        "search": sheet.search or None,
        "filters": sheet.filters,
        "printer": clean(printer) or None,
        "file": file.name if file is not None else None,
        "folder": str(file.resolve().parent) if file is not None else None,
    }
    try:
        return repo.record(session.store, session.actor, PRINT, detail)
    # Both engines raise sqlite3's classes (db/engine.py): whatever kept the log from being
    # written, the answer is the same and nothing has gone to the printer yet.
    except (KienNghiError, sqlite3.Error) as exc:
        raise DomainError(
            f"Không ghi được nhật ký in ({str(exc).rstrip('.')}); chưa có gì được in."
        ) from exc
