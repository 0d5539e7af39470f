"""The attachment subcommands: attach (files to a văn bản đến, their text read for search) and
index-attachments (the backfill: the text of attachments stored before it was read)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop import cli_types as t
from desktop.commands import emit, open_session
from desktop.core import attachment_text
from desktop.core.signatures.documents import file_signatures
from desktop.core.types import AttachmentText


def _said(d: AttachmentText) -> str:
    if d.state == "indexed":
        return f"đã đọc {d.chars:,} ký tự để tìm kiếm".replace(",", ".")
    if d.state == "waiting":
        return f"chưa đọc được chữ ({d.reason}); sẽ đọc lại bằng lệnh index-attachments"
    return f"không đọc được chữ ({d.reason}); tệp vẫn được đính kèm"


def _json(d: AttachmentText) -> dict[str, Any]:
    return {
        "attachment_id": d.attachment_id,
        "filename": d.filename,
        "state": d.state,
        "method": d.method,
        "reason": d.reason,
        "chars": d.chars,
    }


def _progress(done: int, total: int, what: str = "") -> None:
    """OCR's progress on stderr (stdout stays the answer)."""
    print(f"Đang nhận dạng chữ: {what or f'{done}/{total}'}", file=sys.stderr)


def cmd_attach(args: argparse.Namespace) -> int:
    session = open_session(args)
    paths = [Path(f) for f in args.files]
    done = attachment_text.attach(
        session, args.document_id, paths, progress=None if args.json else _progress
    )
    data = {"document_id": args.document_id, "attachments": [_json(d) for d in done]}
    signed = file_signatures(session.store, paths)  # a signed PDF's signer and verdict
    data["signatures"] = [{"filename": f.filename, **f.result.as_json()} for f in signed]

    def human() -> None:
        print(f"Đã đính kèm {len(done)} tệp vào văn bản đến mã {args.document_id}:")
        for d in done:
            print(f"  #{d.attachment_id} {d.filename}: {_said(d)}")
        for line in (line for f in signed for line in f.lines()):
            print(f"  {line}")

    emit(args, data, human)
    return 0


def cmd_index_attachments(args: argparse.Namespace) -> int:
    session = open_session(args)
    done = attachment_text.index_unread(session.store, progress=None if args.json else _progress)
    data = {"attachments": [_json(d) for d in done]}

    def human() -> None:
        if not done:
            print("Không còn tệp đính kèm nào chưa đọc chữ.")
            return
        print(f"Đã đọc {len(done)} tệp đính kèm:")
        for d in done:
            print(f"  #{d.attachment_id} {d.filename}: {_said(d)}")

    emit(args, data, human)
    return 0


def add_parsers(command: Any) -> None:
    """The attachment subcommands, added to the `kiennghi` parser by desktop/cli.py."""
    c = command("attach", cmd_attach, "đính kèm tệp vào văn bản đến (chữ trong tệp được tìm kiếm)")
    c.add_argument("document_id", type=t.document_id, help="mã văn bản đến")
    c.add_argument(
        "files", nargs="+", type=t.input_path("tệp đính kèm"), metavar="FILE",
        help="tệp DOCX, XLSX, PDF, ảnh quét…",
    )  # fmt: skip
    c.add_argument("--json", action="store_true")
    c = command(
        "index-attachments", cmd_index_attachments,
        "đọc chữ các tệp đính kèm chưa đọc (tệp có từ trước, bản quét chờ nhận dạng chữ)",
    )  # fmt: skip
    c.add_argument("--json", action="store_true")
