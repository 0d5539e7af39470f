"""Xem trước: exactly what importing a file would register, computed without writing anything."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from db import documents as docs
from desktop.core.intake import ImportOverrides, plan_import
from desktop.core.registry import DocumentInput, default_due
from desktop.core.session import Session


@dataclass(frozen=True)
class PreviewRow:
    """One petition as it will be registered."""

    ordinal: str
    origin: str
    content: str
    field: str
    due_on: dt.date

    @property
    def first_line(self) -> str:
        """The content's first line, for a one-line table cell."""
        return self.content.split("\n", 1)[0]


@dataclass(frozen=True)
class ImportPreview:
    """The document and petitions an import would create, and what the file itself said."""

    path: Path
    document: DocumentInput
    incoming_no: int
    rows: list[PreviewRow]
    file_sender: str | None
    file_sender_ref: str | None

    @property
    def year(self) -> int:
        """The year of the số đến."""
        return self.document.received_on.year


def preview_import(
    session: Session, path: Path, overrides: ImportOverrides | None = None
) -> ImportPreview:
    """Plan the import of `path`; raises ImportFailed (naming file and row) like the import."""
    parsed, doc, petitions = plan_import(session, path, overrides)
    due = default_due(session, doc.received_on, doc.reply_by)
    number = doc.incoming_no or docs.next_incoming_no(session.store, doc.received_on.year)
    rows = [
        PreviewRow(
            ordinal=p.ordinal or "",
            origin=p.origin,
            content=p.content,
            field=p.field or "",
            due_on=p.due_on or due,
        )
        for p in petitions
    ]
    return ImportPreview(path, doc, number, rows, parsed.sender, parsed.sender_ref)
