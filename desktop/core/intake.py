"""Nhập từ tệp: a DOCX or XLSX table of petitions becomes one văn bản đến, all or nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core import permissions, reference
from desktop.core.errors import DomainError
from desktop.core.importers import ImportFailed, ParsedImport, parse_file
from desktop.core.register_form import reply_by_problem
from desktop.core.registry import (
    DocumentInput,
    DuplicateDocument,
    PetitionInput,
    check_document,
    check_petition,
    register_document,
)
from desktop.core.session import Session


@dataclass(frozen=True)
class ImportOverrides:
    """Values the clerk gives that win over what the file says."""

    sender: str | None = None
    sender_ref: str | None = None
    sender_date: dt.date | None = None
    reply_by: dt.date | None = None
    received_on: dt.date | None = None
    incoming_no: int | None = None


@dataclass(frozen=True)
class ImportResult:
    """What an import created (or, for a dry run, would create)."""

    parsed: ParsedImport
    document: DocumentInput
    petitions: list[PetitionInput]
    dry_run: bool
    document_id: int | None = None
    incoming_no: int | None = None
    petition_ids: list[int] = field(default_factory=list)
    # Warnings the clerk is told but that do not stop the import (a locality merged since).
    notices: list[str] = field(default_factory=list)

    @property
    def imported(self) -> int:
        """How many petitions the file holds (and were written unless a dry run)."""
        return len(self.petitions)


class _DryRun(Exception):
    pass


def late_notice(doc: DocumentInput) -> list[str]:
    """The warning that the file's own reply-by date had passed when it arrived (a late letter:
    its petitions are overdue at once). A date the clerk types so is refused instead."""
    if doc.reply_by is None or doc.reply_by >= doc.received_on:
        return []
    return [
        f"Hạn trả lời ghi trong văn bản ({doc.reply_by:%d/%m/%Y}) đã qua trước ngày đến"
        f" {doc.received_on:%d/%m/%Y}: các kiến nghị sẽ quá hạn ngay khi vào sổ."
    ]


def import_notices(
    session: Session, doc: DocumentInput, petitions: list[PetitionInput]
) -> list[str]:
    """Warnings of an import that do not stop it: a file's deadline past on arrival, a
    locality merged before the received date (named with its successor)."""
    origins = [p.origin for p in petitions]
    return late_notice(doc) + reference.locality_notices(session.store, origins, doc.received_on)


def plan_import(
    session: Session,
    path: Path,
    overrides: ImportOverrides | None = None,
    parsed: ParsedImport | None = None,
) -> tuple[ParsedImport, DocumentInput, list[PetitionInput]]:
    """Read and check the file (or `parsed`: a scan read once, rows corrected by the clerk);
    nothing is written. Raises ImportFailed naming file and row."""
    o = overrides or ImportOverrides()
    parsed = parsed if parsed is not None else parse_file(path)
    sender = o.sender or parsed.sender
    if not sender:
        raise ImportFailed(
            path, "không xác định được cơ quan gửi trong tệp; hãy nhập cơ quan gửi (--sender)."
        )
    received_on = o.received_on or session.today()
    doc = DocumentInput(
        received_on=received_on,
        sender=sender,
        sender_ref=o.sender_ref or parsed.sender_ref or "",
        sender_date=o.sender_date or parsed.sender_date,
        summary=parsed.summary or "",
        reply_by=o.reply_by or parsed.reply_by,
        incoming_no=o.incoming_no,
    )
    try:
        check_document(session, doc)
        if o.reply_by is not None and (typo := reply_by_problem(received_on, o.reply_by)):
            raise DomainError(typo)
    except DomainError as exc:
        raise ImportFailed(path, str(exc)) from exc
    petitions = []
    for row in parsed.rows:
        p = PetitionInput(
            origin=row.origin,
            content=row.content,
            summary=row.summary or "",
            field=row.field,
            ordinal=row.ordinal,
            due_on=row.due_on,
        )
        try:
            check_petition(session, p)
        except DomainError as exc:
            raise ImportFailed(path, str(exc), row.source_row) from exc
        petitions.append(p)
    return parsed, doc, petitions


def import_file(
    session: Session,
    path: Path,
    overrides: ImportOverrides | None = None,
    *,
    dry_run: bool = False,
    allow_duplicate: bool = False,
    parsed: ParsedImport | None = None,
) -> ImportResult:
    """Import one file as one document with one petition per table row, all or nothing.

    A file whose document is already registered raises DuplicateDocument (as is: the front
    ends ask, or name --allow-duplicate) unless `allow_duplicate`. `parsed` is the file as
    already read (a scan, its rows corrected in the preview), which is then not read again.
    """
    permissions.require(session, "import")
    parsed, doc, petitions = plan_import(session, path, overrides, parsed)
    note = f"Nhập từ tệp {path.name}"
    notices = import_notices(session, doc, petitions)
    if dry_run:
        # Run the real registration and roll it back, so number clashes show up too.
        try:
            with session.store.write():
                register_document(
                    session, doc, petitions, note=note, allow_duplicate=allow_duplicate
                )
                raise _DryRun
        except _DryRun:
            pass
        except DuplicateDocument:
            raise
        except DomainError as exc:
            raise ImportFailed(path, str(exc)) from exc
        return ImportResult(parsed, doc, petitions, dry_run=True, notices=notices)
    try:
        done = register_document(
            session, doc, petitions, note=note, allow_duplicate=allow_duplicate
        )
    except DuplicateDocument:
        raise
    except DomainError as exc:
        raise ImportFailed(path, str(exc)) from exc
    return ImportResult(
        parsed,
        doc,
        petitions,
        dry_run=False,
        document_id=done.document_id,
        incoming_no=done.incoming_no,
        petition_ids=done.petition_ids,
        notices=notices,
    )
