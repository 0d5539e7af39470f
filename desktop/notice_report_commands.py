"""`kiennghi notice-report`: the report on one notice's tasks as of a day, DOCX or XLSX."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop import cli_types as t
from desktop.commands import emit, open_session
from desktop.core.tasks import notice_report
from desktop.core.tasks.report import check_destination, counts_sentence, save_report


def cmd_notice_report(args: argparse.Namespace) -> int:
    """Write the report, then say where and what it counts."""
    session = open_session(args)
    check_destination(session, Path(args.out))
    # Read once: the counts said are those of the file written.
    report = notice_report(session, args.document_id, args.as_of)
    out = save_report(session, report, Path(args.out))
    c = report.counts
    data = {
        "document_id": report.document_id,
        "as_of": report.as_of.isoformat(),
        "out": str(out.resolve()),
        "format": out.suffix.lower().lstrip("."),
        "counts": {
            "total": c.total,
            "done": c.done,
            "done_late": c.done_late,
            "open": c.open,
            "overdue": c.overdue,
            "later": c.later,
        },
    }
    emit(args, data, lambda: print(
        f"Đã ghi {report.subject[:1].lower()}{report.subject[1:]} ra «{out}».\n"
        f"{counts_sentence(report)}"
    ))  # fmt: skip
    return 0


def add_parsers(command: Any, parse_date: Any) -> None:
    """Add this module's subcommands to `command` (argparse subparsers)."""
    c = command(
        "notice-report", cmd_notice_report,
        "báo cáo tình hình thực hiện một thông báo kết luận (DOCX hoặc XLSX)",
    )  # fmt: skip
    c.add_argument("document_id", type=t.document_id, help="mã văn bản đến của thông báo")
    c.add_argument(
        "--out", type=t.path("--out"), required=True, help="tệp báo cáo cần ghi (.docx hoặc .xlsx)"
    )
    c.add_argument("--as-of", type=parse_date, help="tính đến ngày dd/mm/yyyy (mặc định: hôm nay)")
    c.add_argument("--json", action="store_true")
