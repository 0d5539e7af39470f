"""`kiennghi import`: a table of petitions read from a file, checked (--dry-run) or registered."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.commands import emit, iso_or_none, open_session
from desktop.core import intake, tasks
from desktop.core.errors import DomainError
from desktop.core.import_preview import near_duplicate_mark, near_duplicates_of
from desktop.core.importers import ImportFailed
from desktop.core.session import Session
from desktop.core.signatures.documents import file_signatures
from desktop.core.types import SimilarPetition


def cmd_import(args: argparse.Namespace) -> int:
    session = open_session(args)
    overrides = intake.ImportOverrides(
        sender=args.sender,
        sender_ref=args.sender_ref,
        sender_date=args.sender_date,
        reply_by=args.reply_by,
        received_on=args.received_on,
        incoming_no=args.incoming_no,
    )
    try:
        result = intake.import_file(
            session, Path(args.file), overrides, dry_run=args.dry_run,
            allow_duplicate=args.allow_duplicate,
        )  # fmt: skip
    except ImportFailed as exc:
        _point_to_notice(session, Path(args.file), exc)
        raise
    marks = (
        near_duplicates_of(session, result.document.received_on, result.petitions)
        if result.dry_run
        else []
    )
    data: dict[str, Any] = {
        "document_id": result.document_id,
        "incoming_no": result.incoming_no,
        "imported": result.imported,
        "petition_ids": result.petition_ids,
        "dry_run": result.dry_run,
        "sender": result.document.sender,
        "sender_ref": result.document.sender_ref,
        "sender_date": iso_or_none(result.document.sender_date),
        "reply_by": iso_or_none(result.document.reply_by),
        "warnings": result.notices,
        "legacy": result.parsed.converted.notice if result.parsed.converted else None,
    }
    signed = file_signatures(session.store, [Path(args.file)])  # a signed PDF: who, intact
    data["signature"] = signed[0].result.as_json() if signed else None
    for notice in result.notices:  # a warning, not a refusal: stderr, before the result
        print(f"Cảnh báo: {notice}", file=sys.stderr)
    if result.dry_run:
        data["petitions"] = [
            {"ordinal": p.ordinal, "origin": p.origin, "near_duplicate": _near_json(m)}
            for p, m in zip(result.petitions, marks, strict=True)
        ]

    def human() -> None:
        d = result.document
        if data["legacy"]:  # converted from TCVN3/VNI: the clerk should know
            print(data["legacy"])
        if result.dry_run:
            print(f"Kiểm tra xong (chưa ghi): {result.imported} kiến nghị từ {d.sender}.")
            for p, m in zip(result.petitions, marks, strict=True):
                print(f"  {p.ordinal or '-':>3}  {p.origin}: {p.content.splitlines()[0][:90]}")
                if m is not None:
                    print(f"       ⚠ {near_duplicate_mark(m)}")
        else:
            print(
                f"Đã vào sổ văn bản đến số {result.incoming_no}/{d.received_on.year}"
                f" ({d.sender} {d.sender_ref}) với {result.imported} kiến nghị."
            )
        for line in (line for f in signed for line in f.lines()):
            print(line)

    emit(args, data, human)
    return 0


def _point_to_notice(session: Session, path: Path, failed: ImportFailed) -> None:
    """A conclusion notice given to `import` (it has no petition table) is sent to import-notice."""
    if not failed.problem.startswith("không tìm thấy bảng kiến nghị"):
        return
    if tasks.looks_like_notice(session, path):
        found = len(tasks.read_notice(session, path).tasks)
        raise DomainError(
            f"Tệp «{path.name}» là thông báo kết luận giao {found} nhiệm vụ, không phải bảng kiến"
            f" nghị: hãy dùng «kiennghi import-notice {path}». Chưa ghi gì."
        ) from failed


def _near_json(found: SimilarPetition | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {"id": found.id, "received_on": iso_or_none(found.received_on), "score": found.score}
