"""`kiennghi audit`: the audit log (exports, prints, account changes), and `--unmasked`."""

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
        "audit", cmd_audit,
        "nhật ký: ai xuất hoặc in dữ liệu (có che số không), ai thay đổi tài khoản nào, khi nào",
    )  # fmt: skip
    c.add_argument("--from", dest="date_from", type=parse_date, help="từ ngày (ngày ghi)")
    c.add_argument("--to", dest="date_to", type=parse_date, help="đến ngày (ngày ghi)")
    c.add_argument(
        "--action", choices=list(audit.GROUPS),
        help="chỉ một loại: export (xuất tệp), print (in), users (tài khoản)",
    )  # fmt: skip
    c.add_argument("--json", action="store_true")


def _json(e: AuditEvent) -> dict[str, Any]:
    label = audit.ACTION_LABELS.get(e.action, e.action)
    return {"id": e.id, "uuid": e.uuid, "at": e.at, "actor": e.actor, "action": e.action,
            "action_label": label, **e.detail}  # fmt: skip


def _line(e: AuditEvent) -> str:
    return f"{dt.datetime.fromisoformat(e.at):%d/%m/%Y %H:%M:%S}  {e.actor}  {audit.describe(e)}"


# What an empty listing says, by --action.
_NOTHING = {
    None: "Nhật ký chưa ghi sự kiện nào trong khoảng này.",
    "export": "Chưa có lần xuất dữ liệu nào được ghi trong khoảng này.",
    "print": "Chưa có lần in nào được ghi trong khoảng này.",
    "users": "Chưa có thay đổi tài khoản nào được ghi trong khoảng này.",
}


def cmd_audit(args: argparse.Namespace) -> int:
    """List the recorded events, oldest first."""
    session = open_session(args)
    events = audit.events(session, args.date_from, args.date_to, group=args.action)

    def human() -> None:
        if not events:
            print(_NOTHING.get(args.action, _NOTHING[None]))
        for e in events:
            print(_line(e))

    emit(args, [_json(e) for e in events], human)
    return 0
