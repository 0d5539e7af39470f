"""Clerks in other processes: each opens its own connection, waits at a barrier with the
others, then acts, and reports what happened (done, refused with the message, or crashed)."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from db import open_store
from desktop.core import workflow
from desktop.core.errors import KienNghiError
from desktop.core.letters import register
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session

TODAY = dt.date(2026, 11, 23)
Action = Callable[[Session, Any], Any]
Outcome = tuple[str, str]  # ("done" | "refused" | "crashed", detail)


def petitions(path: Path, n: int, *, origin: str = "Hải Phòng") -> list[int]:
    """`n` fresh petitions in one document, for `n` trials."""
    session = Session(open_store(path), today=lambda: TODAY, system=True)
    try:
        result = register_document(
            session,
            DocumentInput(received_on=TODAY, sender="Văn phòng Chính phủ", sender_ref=""),
            [PetitionInput(origin=origin, content=f"Kiến nghị thử số {i}.") for i in range(n)],
        )
        return list(result.petition_ids)
    finally:
        session.close()


def _clerk(
    path: str, name: str, action: Action, arg: Any, prepare: Callable[[Session], Any] | None,
    barrier: Any, results: Any,
) -> None:  # fmt: skip
    try:
        session = Session(open_store(path), actor=name, today=lambda: TODAY, system=True)
        seen = prepare(session) if prepare is not None else None
        barrier.wait(timeout=30)
        try:
            value = action(session, (arg, seen))
            results.put((name, ("done", repr(value))))
        except KienNghiError as exc:
            results.put((name, ("refused", str(exc))))
        session.close()
    except BaseException:
        results.put((name, ("crashed", traceback.format_exc())))


def race(
    path: Path,
    action: Action,
    args: Sequence[Any],
    *,
    prepare: Callable[[Session], Any] | None = None,
) -> dict[str, Outcome]:
    """Run `action(session, (args[i], prepare(session)))` in len(args) processes at once."""
    ctx = mp.get_context("fork")
    barrier = ctx.Barrier(len(args))
    results = ctx.Queue()
    procs = [
        ctx.Process(
            target=_clerk,
            args=(str(path), f"clerk{i + 1}", action, arg, prepare, barrier, results),
        )
        for i, arg in enumerate(args)
    ]
    for p in procs:
        p.start()
    outcomes = dict(results.get(timeout=120) for _ in procs)
    for p in procs:
        p.join(timeout=30)
    return outcomes


# The actions raced, each `action(session, (arg, seen))` with `seen` from `prepare`.
def reply_action(session: Session, job: tuple[Any, Any]) -> int:
    """Reply to petition `pid` with `outcome`; `seen` is `workflow.versions` of it."""
    (pid, outcome), seen = job
    return workflow.reply(session, [pid], outcome, f"Trả lời ({outcome}).", seen=seen)


def assign_action(session: Session, job: tuple[Any, Any]) -> int:
    """Name `unit` lead of petition `pid`; `seen` is `workflow.version` of it."""
    (pid, unit), seen = job
    return workflow.assign(session, pid, unit, seen=seen)


def issue_action(session: Session, job: tuple[Any, Any]) -> int:
    """Issue the reply letter `letter_id`; its number."""
    letter_id, _ = job
    return register.issue_reply(session, letter_id).number or 0
