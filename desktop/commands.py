"""The `kiennghi` subcommands: each reads its arguments, calls desktop.core, prints the result."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from desktop import sign_in
from desktop.cli_types import pinned_today
from desktop.core import demo, reports, users, workflow
from desktop.core import petitions as pet
from desktop.core import reference as ref
from desktop.core import search as fts
from desktop.core import similar as sim
from desktop.core import vocabulary as vocab
from desktop.core.errors import DomainError
from desktop.core.reference import load_reference_data
from desktop.core.session import Session
from desktop.core.stores import open_store
from desktop.core.types import Order, PetitionFilter

EXIT_ERROR = 1


def _today() -> dt.date:
    # KIENNGHI_TODAY pins "today" for reproducible reports and tests.
    return pinned_today() or dt.date.today()


def iso_or_none(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def dmy(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def emit(args: argparse.Namespace, data: Any, human: Callable[[], None]) -> None:
    if getattr(args, "json", False):
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        human()


def _say_waiting_once() -> Callable[[float], None]:
    said: list[float] = []

    def say(waited: float) -> None:
        if not said:
            print("Cơ sở dữ liệu đang bận (một người khác đang ghi); đang chờ…", file=sys.stderr)
        said.append(waited)

    return say


def open_session(args: argparse.Namespace) -> Session:
    store = open_store(args.db)
    store.on_wait = _say_waiting_once()
    try:
        # --user signed in, or the local user of a file without users (desktop/sign_in.py).
        session = sign_in.session_for(args, store, today=_today)
    except BaseException:
        store.close()
        raise
    if not ref.units(session.store):
        load_reference_data(session.store)
    return session


# -- commands ------------------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> int:
    admin = getattr(args, "admin", None)
    # The first admin's name and password are checked before anything is made or changed.
    password = sign_in.first_admin_password(admin) if admin else None
    # init is the one command that may make the database's folder (a typo elsewhere must not).
    store = open_store(args.db, create=True)
    try:
        session = sign_in.init_session(args, store, today=_today)
    except BaseException:
        store.close()
        raise
    loaded = load_reference_data(session.store)
    if admin and password is not None:
        users.create_first_admin(session.store, admin, password, created_by=session.actor)
    data = {
        "db": (
            str(Path(args.db).resolve())
            if session.store.path is not None
            else session.store.location  # a server, named without its password
        ),
        "schema_version": session.store.user_version,
        "units": loaded.units,
        "localities": loaded.localities,
        "fields": loaded.fields,
        "admin": admin,
    }
    emit(args, data, lambda: print(
        f"Đã sẵn sàng: {data['db']} (lược đồ v{data['schema_version']}, {loaded.units} đơn vị,"
        f" {loaded.localities} địa phương, {loaded.fields} lĩnh vực)."
        + (f" Đã tạo quản trị viên «{admin}»." if admin else "")
    ))  # fmt: skip
    return 0


def _row_json(r: Any, today: dt.date) -> dict[str, Any]:
    return {
        "id": r.id,
        "incoming_no": getattr(r, "incoming_no", None),
        "received_on": iso_or_none(r.received_on),
        "origin": r.origin,
        "summary": r.summary,
        "field": getattr(r, "field", None),
        "lead_unit": getattr(r, "lead_unit", None),
        "status": r.status,
        "due_on": iso_or_none(r.due_on),
        "overdue": vocab.is_overdue(r, today),
    }


def _print_rows(rows: Sequence[Any], today: dt.date) -> None:
    if not rows:
        print("Không có kiến nghị nào.")
    for r in rows:
        late = " QUÁ HẠN" if _row_json(r, today)["overdue"] else ""
        print(
            f"{r.id:>8}  {dmy(r.received_on)}  {r.origin[:22]:<22}  "
            f"{vocab.STATUS_LABELS[r.status]:<22} hạn {dmy(r.due_on) or '—':<10}{late}\n"
            f"          {r.summary[:110]}"
        )


def _filter(session: Session, args: argparse.Namespace) -> PetitionFilter:
    unit = ref.find_unit(session.store, args.unit) if args.unit else None
    if args.unit and unit is None:
        raise DomainError(f"Không có đơn vị «{args.unit}» trong danh mục.")
    return PetitionFilter(
        status=tuple(args.status or ()),
        unit_code=unit.code if unit else None,
        year=args.year,
        origin=getattr(args, "origin", None),
        overdue_on=session.today() if getattr(args, "overdue", False) else None,
    )


def cmd_list(args: argparse.Namespace) -> int:
    session = open_session(args)
    today = session.today()
    f = _filter(session, args)
    rows = pet.list_rows(session.store, f, limit=args.limit)
    emit(args, [_row_json(r, today) for r in rows], lambda: _print_rows(rows, today))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    session = open_session(args)
    today = session.today()
    order: Order = "newest" if args.newest else "relevance"
    hits = fts.search(session.store, args.query, _filter(session, args), order=order,
                      limit=args.limit)  # fmt: skip
    data = [{**_row_json(h, today), "snippet": h.snippet, "score": h.score} for h in hits]

    def human() -> None:
        if not hits:
            print(f"Không tìm thấy kiến nghị nào cho «{args.query}».")
        for h in hits:
            label = vocab.STATUS_LABELS[h.status]
            print(f"{h.id:>8}  {dmy(h.received_on)}  {h.origin}  [{label}]")
            print(f"          {h.snippet}")

    emit(args, data, human)
    return 0


def cmd_similar(args: argparse.Namespace) -> int:
    session = open_session(args)
    if (args.id is None) == (args.text is None):
        raise DomainError("Cho một mã kiến nghị hoặc --text (một trong hai).")
    if args.id is not None:
        if pet.get_petition(session.store, args.id) is None:
            raise DomainError(f"Không có kiến nghị mã {args.id}.")
        found = sim.similar_to_petition(session.store, args.id, limit=args.limit)
    else:
        found = sim.similar(session.store, args.text, limit=args.limit)
    data = [
        {
            "id": s.id, "origin": s.origin, "summary": s.summary,
            "received_on": s.received_on.isoformat(), "status": s.status, "score": s.score,
            "reply": None if s.reply is None else {
                "outcome": s.reply.outcome, "replied_on": s.reply.replied_on.isoformat(),
                "text": s.reply.text, "letter_ref": s.reply.letter_ref,
            },
        }
        for s in found
    ]  # fmt: skip

    def human() -> None:
        if not found:
            print("Không có kiến nghị tương tự.")
        for s in found:
            label = vocab.STATUS_LABELS[s.status]
            print(f"{s.id:>8}  {dmy(s.received_on)}  {s.origin}  [{label}]  giống {s.score:.0%}")
            print(f"          {s.summary[:110]}")
            if s.reply is not None:
                print(f"          Trả lời {dmy(s.reply.replied_on)}: {s.reply.text[:200]}")

    emit(args, data, human)
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    session = open_session(args)
    # What this command saw: a clerk who changed the petition meanwhile makes it refuse.
    seen = workflow.version(session, args.id)
    workflow.assign(
        session, args.id, args.unit, role=args.role, due_on=args.due,
        instructions=args.instructions, seen=seen,
    )  # fmt: skip
    p = pet.get_petition(session.store, args.id)
    assert p is not None
    print(f"Đã giao kiến nghị {args.id} cho {args.unit} ({args.role}); hạn {dmy(p.due_on)}.")
    return 0


def cmd_reply(args: argparse.Namespace) -> int:
    session = open_session(args)
    seen = workflow.versions(session, args.id)
    workflow.reply(
        session, args.id, args.outcome, args.text, replied_on=args.date,
        letter_ref=args.letter_ref, seen=seen,
    )  # fmt: skip
    ids = ", ".join(str(i) for i in args.id)
    print(f"Đã ghi trả lời ({vocab.STATUS_LABELS[args.outcome]}) cho kiến nghị {ids}.")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from desktop.core.agenda import KIND_NOUNS, KIND_WORDS

    session = open_session(args)
    kind = KIND_WORDS[args.kind]
    s = reports.period_stats(session, args.date_from, args.date_to, kind=kind, as_of=args.as_of)
    data = {
        "as_of": args.as_of.isoformat() if args.as_of else None,
        "kind": args.kind,
        "received": s.received,
        "answered": s.answered,
        "clarify": s.clarify,
        "escalated": s.escalated,
        "unanswered": s.unanswered,
        "overdue": s.overdue,
        "by_unit": [
            {
                "unit": u.unit,
                "code": u.unit_code,
                "done_on_time": u.done_on_time,
                "done_late": u.done_late,
                "open_in_time": u.open_in_time,
                "open_overdue": u.open_overdue,
            }
            for u in s.by_unit
        ],
    }

    def human() -> None:
        done = {"petition": "trả lời", "task": "hoàn thành"}.get(args.kind, "trả lời/hoàn thành")
        when = f"Tính đến hết ngày {args.as_of:%d/%m/%Y}: t" if args.as_of else "T"
        # A task is done or not: the petitions' other outcomes are said only when they occur.
        others = f" cần làm rõ {s.clarify}, vượt thẩm quyền {s.escalated},"
        if args.kind == "task" and not (s.clarify or s.escalated):
            others = ""
        print(
            f"{when}iếp nhận {s.received} {KIND_NOUNS[kind]}: đã {done} {s.answered},"
            f"{others} chưa {done} {s.unanswered} (quá hạn {s.overdue})."
        )
        if s.by_unit:
            print(f"{'Đơn vị':<48}{'Đúng hạn':>9}{'Trễ hạn':>9}{'Trong hạn':>10}{'Quá hạn':>9}")
        for u in s.by_unit:
            print(
                f"{u.unit[:47]:<48}{u.done_on_time:>9}{u.done_late:>9}"
                f"{u.open_in_time:>10}{u.open_overdue:>9}"
            )

    emit(args, data, human)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    session = open_session(args)
    started = time.perf_counter()
    last = [0.0]

    def progress(done: int, total: int) -> bool:
        now = time.perf_counter()
        if now - last[0] > 2 or done == total:
            last[0] = now
            print(f"  {done:,}/{total:,} kiến nghị ({now - started:.0f} s)", file=sys.stderr)
        return True

    n = demo.generate_demo(session, args.count, seed=args.seed, progress=progress)
    print(f"Đã tạo {n} kiến nghị mẫu trong {time.perf_counter() - started:.1f} s.")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop.ui.app import run

    # A server's URI stays a string: Path() would fold its "//".
    return run(args.db, smoke_test=args.smoke_test, user=getattr(args, "user", None))
