"""`kiennghi chase`: công văn đôn đốc to one unit, or to every unit with overdue work."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop import cli_types as t
from desktop.commands import emit, open_session
from desktop.core import chasing
from desktop.core.chasing import ChaseResult
from desktop.core.errors import DomainError


def add_parsers(command: Any, parse_date: Any) -> None:
    """Add `chase` to `command` (argparse subparsers)."""
    c = command(
        "chase",
        cmd_chase,
        "soạn công văn đôn đốc đơn vị có kiến nghị, nhiệm vụ quá hạn (DOCX hoặc PDF)",
    )
    who = c.add_mutually_exclusive_group(required=True)
    who.add_argument("--unit", type=t.text(t.MAX_NAME, "--unit"), help="mã hoặc tên đơn vị")
    who.add_argument("--all", action="store_true", help="mỗi đơn vị có việc quá hạn một công văn")
    c.add_argument(
        "--out", type=t.path("--out"), required=True,
        help="tệp .docx hoặc .pdf (--unit); thư mục, tạo nếu chưa có (--all)",
    )  # fmt: skip
    c.add_argument(
        "--format", choices=list(chasing.FORMATS),
        help="định dạng các tệp khi --all (mặc định docx); với --unit theo đuôi tệp --out",
    )  # fmt: skip
    c.add_argument("--issue", action="store_true", help="cấp số văn bản đi cho từng công văn")
    c.add_argument("--json", action="store_true")


def _said(r: ChaseResult) -> str:
    state = f"số {r.reference}" if r.reference else "dự thảo, chưa cấp số"
    return f"{r.unit_name} ({state})"


def _human(results: Sequence[ChaseResult], folder: Path | None) -> None:
    if folder is None:
        (r,) = results
        if r.reference:
            print(f"Đã cấp số {r.reference} và ghi công văn đôn đốc {r.unit_name} ra «{r.path}».")
        else:
            print(f"Đã ghi dự thảo công văn đôn đốc {r.unit_name} (chưa cấp số) ra «{r.path}».")
        return
    print(f"Đã soạn {len(results)} công văn đôn đốc vào «{folder}»:")
    for r in results:
        print(f"- {_said(r)}: {r.path.name}")


def cmd_chase(args: argparse.Namespace) -> int:
    out = Path(args.out)
    suffix = out.suffix.lower().lstrip(".")
    if args.all:
        if suffix in chasing.FORMATS:
            raise DomainError(
                f"Với --all, --out là một thư mục (mỗi đơn vị một tệp), không phải tệp"
                f" «{out.name}»."
            )
        fmt = args.format or "docx"
    else:
        if suffix not in chasing.FORMATS:
            raise DomainError(
                f"Tệp --out «{out.name}» phải có đuôi .docx hoặc .pdf (hoặc dùng --all với một"
                " thư mục)."
            )
        if args.format and args.format != suffix:
            raise DomainError(f"Tệp --out «{out.name}» không khớp --format {args.format}.")
        fmt = suffix
    session = open_session(args)
    if args.all:
        results = chasing.write_chases(session, out, issue=args.issue, fmt=fmt)
    else:
        results = [chasing.write_chase(session, args.unit, out, issue=args.issue)]
    data = {
        "format": fmt,
        "issued": args.issue,
        "letters": [
            {
                "unit": r.unit_name,
                "letter_id": r.letter_id,
                "reference": r.reference,
                "out": str(r.path.resolve()),
            }
            for r in results
        ],
    }
    emit(args, data, lambda: _human(results, out if args.all else None))
    return 0
