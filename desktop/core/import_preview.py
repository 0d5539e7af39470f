"""Xem trước: exactly what importing a file would register, computed without writing anything."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from db import documents as docs
from db.models import IncomingDocument
from db.similar import SimilarPetition, near_duplicates
from desktop.core.importers import ParsedImport
from desktop.core.intake import ImportOverrides, import_notices, plan_import
from desktop.core.registry import DocumentInput, PetitionInput, default_due, find_duplicate
from desktop.core.session import Session


@dataclass(frozen=True)
class PreviewRow:
    """One petition as it will be registered."""

    ordinal: str
    origin: str
    content: str
    field: str
    due_on: dt.date
    near_duplicate: SimilarPetition | None = None

    @property
    def first_line(self) -> str:
        """The content's first line, for a one-line table cell."""
        return self.content.split("\n", 1)[0]

    @property
    def mark(self) -> str:
        """The near-duplicate warning of this row ("" for a row unlike any earlier one)."""
        return near_duplicate_mark(self.near_duplicate)


def near_duplicate_mark(found: SimilarPetition | None) -> str:
    """The warning shown beside a row nearly identical to a registered petition."""
    if found is None:
        return ""
    return f"Có thể trùng với kiến nghị mã {found.id} (ngày {found.received_on:%d/%m/%Y})"


def near_duplicates_of(
    session: Session, received_on: dt.date, petitions: list[PetitionInput]
) -> list[SimilarPetition | None]:
    """For each petition, the closest registered one of the same origin it nearly repeats."""
    out: list[SimilarPetition | None] = []
    for p in petitions:
        text = f"{p.summary}\n{p.content}" if p.summary else p.content
        found = near_duplicates(session.store, text, p.origin, received_on)
        out.append(found[0] if found else None)
    return out


@dataclass(frozen=True)
class ImportPreview:
    """The document and petitions an import would create, and what the file itself said."""

    path: Path
    document: DocumentInput
    incoming_no: int
    rows: list[PreviewRow]
    file_sender: str | None
    file_sender_ref: str | None
    duplicate_of: IncomingDocument | None = None  # the same văn bản, registered before
    notices: tuple[str, ...] = ()  # intake.import_notices: a locality merged since, …
    legacy: str = ""  # "Đã chuyển từ mã TCVN3 sang Unicode: 12 ô." when the file was legacy

    @property
    def year(self) -> int:
        """The year of the số đến."""
        return self.document.received_on.year

    @property
    def warnings(self) -> list[str]:
        """What the clerk should look at before registering: a duplicate, near-duplicate rows."""
        out = []
        d = self.duplicate_of
        if d is not None:
            out.append(
                f"Văn bản này đã vào sổ: số đến {d.incoming_no}/{d.year}"
                f" ngày {d.received_on:%d/%m/%Y} (mã {d.id})."
            )
        marked = sum(1 for r in self.rows if r.near_duplicate is not None)
        if marked:
            out.append(f"{marked} dòng có thể trùng kiến nghị đã có (tô vàng).")
        return out + list(self.notices)


def preview_import(
    session: Session,
    path: Path,
    overrides: ImportOverrides | None = None,
    parsed: ParsedImport | None = None,
) -> ImportPreview:
    """Plan the import of `path`; raises ImportFailed (naming file and row) like the import.

    Also says whether the document is registered already and which rows nearly repeat
    petitions of the same origin from the last 12 months (off the UI thread: 36 ms a row, p50,
    at 200,000 petitions; benchmarks/duplicates.py).
    """
    parsed, doc, petitions = plan_import(session, path, overrides, parsed)
    similar = near_duplicates_of(session, doc.received_on, petitions)
    due = default_due(session, doc.received_on, doc.reply_by)
    number = doc.incoming_no or docs.next_incoming_no(session.store, doc.received_on.year)
    rows = [
        PreviewRow(
            ordinal=p.ordinal or "",
            origin=p.origin,
            content=p.content,
            field=p.field or "",
            due_on=p.due_on or due,
            near_duplicate=found,
        )
        for p, found in zip(petitions, similar, strict=True)
    ]
    return ImportPreview(
        path, doc, number, rows, parsed.sender, parsed.sender_ref, find_duplicate(session, doc),
        tuple(import_notices(session, doc, petitions)),
        parsed.converted.notice if parsed.converted else "",
    )  # fmt: skip
