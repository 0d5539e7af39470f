"""The task subcommands (nhiệm vụ, issue #11): import-notice, tasks, progress."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop import cli_types as t
from desktop.commands import dmy, emit, open_session
from desktop.core import tasks as core
from desktop.core.errors import DomainError
from desktop.core.notices import ParsedNotice
from desktop.core.session import Session
from desktop.core.tasks import TaskRow
from desktop.core.vocabulary import TASK_STATUS_LABELS, is_overdue

task_id = t.int_range(1, t.SQLITE_MAX_INT, "mã nhiệm vụ")
_SHOWN = 110  # characters of a task's content on its second line


class _DryRun(Exception):
    """Raised inside the write of a dry run so that nothing it did is kept."""


def _short(text: str, width: int = _SHOWN) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _warn(problems: Sequence[str]) -> None:
    for problem in problems:
        print(f"Cảnh báo: {problem}", file=sys.stderr)


def _deadline(due_text: str, due_on: Any) -> str:
    if not due_text and due_on is None:
        return "không ghi thời hạn"
    if due_on is None:
        return f"«{due_text}» (chưa hiểu được, hãy nhập hạn)"
    return f"«{due_text}» → {dmy(due_on)}" if due_text else dmy(due_on)


def _register(
    session: Session, args: argparse.Namespace, parsed: ParsedNotice
) -> core.ImportedNotice | None:
    """Register the notice; a dry run does the same inside a write it then rolls back, so it
    refuses what the import would (a deadline before the received date, a duplicate)."""
    notice = core.notice_input(session, parsed, sender=args.sender or "", received_on=args.received)
    inputs = core.task_inputs(parsed)
    if not args.dry_run:
        return core.import_notice(session, notice, inputs, allow_duplicate=args.allow_duplicate)
    try:
        with session.store.write():
            core.import_notice(session, notice, inputs, allow_duplicate=args.allow_duplicate)
            raise _DryRun
    except _DryRun:
        pass
    return None


def _print_notice(parsed: ParsedNotice, rows: Sequence[TaskRow], done: Any) -> None:
    number = f" số {parsed.number}" if parsed.number else ""
    dated = f" ngày {dmy(parsed.issued_on)}" if parsed.issued_on else ""
    title = f": {_short(parsed.title, 90)}" if parsed.title else ""
    if done is None:
        print(f"Kiểm tra xong (chưa ghi gì): {parsed.kind or 'Văn bản'}{number}{dated}{title}.")
        print(f"Có {len(parsed.tasks)} nhiệm vụ:")
        lines = [
            (None, n.unit or "", n.support_units, n.content, n.due_text, n.due_on)
            for n in parsed.tasks
        ]
    else:
        print(
            f"Đã vào sổ văn bản đến số {done.incoming_no}/{done.year} (mã {done.document_id}):"
            f" {parsed.kind or 'Văn bản'}{number}{dated}{title}."
        )
        print(f"Đã vào sổ {len(rows)} nhiệm vụ:")
        lines = [
            (r.id, r.lead_unit, r.support_units, r.content, r.due_text, r.due_on) for r in rows
        ]
    for n, (ident, unit, support, content, due_text, due_on) in enumerate(lines, 1):
        mark = f"mã {ident}" if ident is not None else f"{n}."
        print(f"  {mark:>8}  {unit or '(chưa rõ đơn vị)'}")
        if support:
            print(f"            Phối hợp: {'; '.join(support)}")
        print(f"            {_short(content)}")
        print(f"            Thời hạn: {_deadline(due_text, due_on)}")


def cmd_import_notice(args: argparse.Namespace) -> int:
    session = open_session(args)
    parsed = core.read_notice(session, Path(args.file))
    _warn(parsed.problems)
    done = _register(session, args, parsed)
    rows = core.tasks(session, document_id=done.document_id) if done else []
    if done is None:
        data: dict[str, Any] = {**core.preview_json(parsed), "dry_run": True}
    else:
        data = {
            "document_id": done.document_id,
            "incoming_no": done.incoming_no,
            "year": done.year,
            "dry_run": False,
            "problems": list(parsed.problems),
            "tasks": core.as_json(rows),
        }
    emit(args, data, lambda: _print_notice(parsed, rows, done))
    return 0


def _task_json(rows: Sequence[TaskRow], session: Session) -> list[dict[str, Any]]:
    today = session.today()
    return [
        {**j, "last_report": r.last_report, "overdue": is_overdue(r, today)}
        for j, r in zip(core.as_json(rows), rows, strict=True)
    ]


def _print_tasks(rows: Sequence[TaskRow], session: Session) -> None:
    today = session.today()
    if not rows:
        print("Không có nhiệm vụ nào.")
        return
    print(f"{'Mã':>8}  {'Hạn':<10}  {'Trạng thái':<16}  Đơn vị chủ trì")
    late = 0
    for r in rows:
        overdue = is_overdue(r, today)
        late += overdue
        due = dmy(r.due_on) or "—"
        label = TASK_STATUS_LABELS.get(r.status, r.status)
        mark = "  — quá hạn" if overdue else ""
        print(f"{r.id:>8}  {due:<10}  {label:<16}  {r.lead_unit or '(chưa rõ)'}{mark}")
        if r.support_units:
            print(f"{'':>10}Phối hợp: {'; '.join(r.support_units)}")
        print(f"{'':>10}{_short(r.content)}")
        if r.done_on is not None:
            print(f"{'':>10}Hoàn thành ngày {dmy(r.done_on)}")
        if r.last_report:
            print(f"{'':>10}Báo cáo gần nhất: {_short(r.last_report, 90)}")
    print(f"Tổng: {len(rows)} nhiệm vụ, {late} quá hạn (ngày {dmy(today)}).")


def cmd_tasks(args: argparse.Namespace) -> int:
    if args.status:
        core.status_of(args.status)  # a wrong word is refused before the database opens
    session = open_session(args)
    rows = core.tasks(
        session,
        unit=args.unit,
        status=args.status,
        overdue=args.overdue,
        document_id=args.notice,
    )
    emit(args, _task_json(rows, session), lambda: _print_tasks(rows, session))
    return 0


def _said(report: core.ProgressReport, row: TaskRow) -> str:
    who = report.unit_name or row.lead_unit or "Đơn vị"
    head = f"Đã ghi báo cáo của {who} ngày {dmy(report.reported_on)} cho nhiệm vụ {row.id}"
    if report.done and row.status == "answered":
        said = f"{head}: nhiệm vụ đã hoàn thành."
    elif report.done:
        said = (
            f"{head}: phần việc của {who} đã hoàn thành; nhiệm vụ vẫn"
            f" {TASK_STATUS_LABELS[row.status].lower()} (chờ đơn vị chủ trì báo cáo)."
        )
    else:
        said = f"{head} ({TASK_STATUS_LABELS[row.status].lower()})."
    if report.files:
        said += f" Kèm {len(report.files)} tệp: {', '.join(report.files)}."
    return said


def cmd_progress(args: argparse.Namespace) -> int:
    session = open_session(args)
    report_id = core.report_progress(
        session, args.id, args.text, done=args.done, on=args.date, unit=args.unit,
        attachments=[Path(f) for f in args.files],
    )  # fmt: skip
    row = core.task(session, args.id)
    report = next((r for r in core.progress(session, args.id) if r.id == report_id), None)
    if report is None:  # written in the transaction that just committed: cannot be missing
        raise DomainError(f"Không đọc lại được báo cáo vừa ghi của nhiệm vụ {args.id}.")
    data = {
        "report_id": report_id,
        "task_id": row.id,
        "unit": report.unit_name or None,
        "reported_on": report.reported_on.isoformat(),
        "done": report.done,
        "files": list(report.files),
        "status": row.status,
        "done_on": row.done_on.isoformat() if row.done_on else None,
    }
    emit(args, data, lambda: print(_said(report, row)))
    return 0


def add_parsers(command: Any, parse_date: Any) -> None:
    """The task subcommands, added to the `kiennghi` parser by desktop/cli.py."""
    name = t.text(t.MAX_NAME, "tên")
    c = command(
        "import-notice", cmd_import_notice,
        "vào sổ thông báo kết luận (DOCX) cùng các nhiệm vụ giao cho đơn vị",
    )  # fmt: skip
    c.add_argument("file", type=t.input_path("tệp thông báo"), help="tệp DOCX của thông báo")
    c.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi")
    c.add_argument(
        "--received", type=parse_date,
        help="ngày đến (mặc định: ngày của thông báo, không có thì hôm nay)",
    )  # fmt: skip
    c.add_argument("--sender", type=name, help="cơ quan ban hành (mặc định: cơ quan mình)")
    c.add_argument(
        "--allow-duplicate", action="store_true", help="vẫn vào sổ khi thông báo đã có trong sổ"
    )
    c.add_argument("--json", action="store_true")
    c = command("tasks", cmd_tasks, "liệt kê nhiệm vụ theo đơn vị, trạng thái, thông báo")
    c.add_argument("--unit", type=name, help="đơn vị (mã hoặc tên), chủ trì hoặc phối hợp")
    c.add_argument(
        "--status", type=name,
        help="trạng thái: chua-giao, dang-thuc-hien, hoan-thanh (hoặc registered, assigned,"
        " answered, closed)",
    )  # fmt: skip
    c.add_argument("--overdue", action="store_true", help="chỉ nhiệm vụ quá hạn")
    c.add_argument("--notice", type=t.document_id, help="mã văn bản đến của thông báo")
    c.add_argument("--json", action="store_true")
    c = command("progress", cmd_progress, "ghi báo cáo tiến độ của đơn vị về một nhiệm vụ")
    c.add_argument("id", type=task_id, help="mã nhiệm vụ")
    c.add_argument(
        "--text", type=t.text(t.MAX_TEXT, "--text"), required=True, help="nội dung báo cáo"
    )
    c.add_argument(
        "--done", action="store_true",
        help="đã hoàn thành (của đơn vị chủ trì: cả nhiệm vụ; đơn vị phối hợp: phần việc)",
    )  # fmt: skip
    c.add_argument("--date", type=parse_date, help="ngày báo cáo (mặc định: hôm nay)")
    c.add_argument("--unit", type=name, help="đơn vị báo cáo (mặc định: đơn vị chủ trì)")
    c.add_argument(
        "--file", dest="files", type=t.input_path("tệp kèm theo"), nargs="+",
        action="extend", default=[], metavar="PATH", help="tệp kèm theo báo cáo",
    )  # fmt: skip
    c.add_argument("--json", action="store_true")
