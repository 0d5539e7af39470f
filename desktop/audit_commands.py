"""`kiennghi audit`: the recorded exports (Decree 13/2023), and the `--unmasked` option."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from desktop.commands import emit, open_session
from desktop.core import audit
from desktop.core.audit import AuditEvent


def add_unmasked(parser: Any) -> None:
    """`--unmasked` on a command that writes an export or a printed register."""
    parser.add_argument(
        "--unmasked",
        action="store_true",
        help="xuất đầy đủ số điện thoại, số CCCD (không che; chỉ quản trị hoặc lãnh đạo)",
    )


def masking_note(unmasked: bool) -> str:
    """What the clerk is told about the personal numbers of the file just written."""
    if unmasked:
        return "không che số điện thoại, số CCCD; việc xuất đã được ghi nhật ký"
    return "số điện thoại, số CCCD đã được che"


def add_parsers(command: Any, parse_date: Any) -> None:
    """The `audit` subcommand, added to the `kiennghi` parser by desktop/cli.py."""
    c = command(
        "audit", cmd_audit, "nhật ký xuất dữ liệu: ai xuất tệp nào, khi nào, có che số không"
    )
    c.add_argument("--from", dest="date_from", type=parse_date, help="từ ngày (ngày xuất)")
    c.add_argument("--to", dest="date_to", type=parse_date, help="đến ngày (ngày xuất)")
    c.add_argument("--json", action="store_true")


def _json(e: AuditEvent) -> dict[str, Any]:
    return {"id": e.id, "uuid": e.uuid, "at": e.at, "actor": e.actor, "action": e.action,
            **e.detail}  # fmt: skip


def _day(iso: str | None) -> str:
    return f"{dt.date.fromisoformat(iso):%d/%m/%Y}" if iso else ""


def _line(e: AuditEvent) -> str:
    d = e.detail
    at = dt.datetime.fromisoformat(e.at)
    what = audit.KIND_LABELS.get(d.get("kind", ""), d.get("kind", ""))
    period = ""
    if d.get("from") or d.get("to"):
        period = f", từ ngày {_day(d.get('from'))} đến ngày {_day(d.get('to'))}"
    masked = "đã che số" if d.get("masked") else "KHÔNG CHE số điện thoại, CCCD"
    return (
        f"{at:%d/%m/%Y %H:%M:%S}  {e.actor}  {what}{period}: {d.get('rows', 0)} dòng, {masked}\n"
        f"                     «{d.get('file', '')}» trong {d.get('folder', '')}"
    )


def cmd_audit(args: argparse.Namespace) -> int:
    """List the recorded exports, oldest first."""
    session = open_session(args)
    events = audit.exports(session, args.date_from, args.date_to)

    def human() -> None:
        if not events:
            print("Chưa có lần xuất dữ liệu nào được ghi trong khoảng này.")
        for e in events:
            print(_line(e))

    emit(args, [_json(e) for e in events], human)
    return 0
