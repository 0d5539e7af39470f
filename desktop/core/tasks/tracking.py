"""Theo dõi nhiệm vụ: the task register, progress reports by the units, and their state.

A task's statuses are a petition's, named for a task: `registered` (chưa giao), `assigned`
(đang thực hiện), `answered` (đã hoàn thành: the lead unit reported it done), `closed`. A
progress report (báo cáo tiến độ) is dated by the unit's report, not by when it was typed;
one marked done by the lead unit (or by the clerk for it) completes the task and its open
assignments on that day; done by a supporting unit, it completes that unit's part only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from pathlib import Path

from db import petitions as pet
from db import routing
from db import tasks as repo
from db.text import clean
from desktop.core import permissions
from desktop.core.dispatch import resolve_unit
from desktop.core.errors import DomainError
from desktop.core.registry import read_attachment
from desktop.core.session import Session
from desktop.core.vocabulary import OPEN_STATUSES, TASK_STATUS_LABELS, TASK_STATUS_WORDS

TaskRow = repo.TaskRow
TaskFilter = repo.TaskFilter
ProgressReport = repo.ProgressReport

MAX_PROGRESS_CHARS = 20_000


def status_of(word: str) -> str:
    """The stored status a CLI word names; DomainError listing the words otherwise."""
    found = TASK_STATUS_WORDS.get(clean(word).lower())
    if found is None:
        raise DomainError(
            f"Trạng thái «{word}» không có; dùng một trong: {', '.join(TASK_STATUS_WORDS)}."
        )
    return found


def tasks(
    session: Session,
    *,
    unit: str | None = None,
    status: str | None = None,
    overdue: bool = False,
    document_id: int | None = None,
) -> list[TaskRow]:
    """The task register, filtered: by unit (code or name), status, overdue today, notice."""
    permissions.require(session, "view")
    unit_code = None
    if unit:
        unit_code = resolve_unit(session, unit).code
    f = TaskFilter(
        unit_code=unit_code,
        statuses=(status_of(status),) if status else (),
        overdue_on=session.today() if overdue else None,
        document_id=document_id,
    )
    return repo.task_rows(session.store, f)


def task(session: Session, task_id: int) -> TaskRow:
    """One task; DomainError when there is no such task."""
    rows = repo.task_rows(session.store, TaskFilter(task_ids=(task_id,)))
    if not rows:
        raise DomainError(f"Không có nhiệm vụ mã {task_id}.")
    return rows[0]


def progress(session: Session, task_id: int) -> list[ProgressReport]:
    """The progress reports of a task, in the order of their dates."""
    task(session, task_id)
    return repo.progress_of(session.store, task_id)


def _files(paths: Sequence[Path]) -> list[tuple[str, bytes, str, str]]:
    files = [read_attachment(p) for p in paths]
    return [(name, data, mime, hashlib.sha256(data).hexdigest()) for name, data, mime in files]


def report_progress(
    session: Session,
    task_id: int,
    text: str,
    *,
    done: bool = False,
    on: dt.date | None = None,
    unit: str | None = None,
    attachments: Sequence[Path] = (),
) -> int:
    """Record a unit's progress report on a task (the lead's, unless `unit` names another
    of its units); `done` completes the task, or that unit's part. Returns the report's id."""
    row = task(session, task_id)
    on = on or session.today()
    text = clean(text)
    if not text:
        raise DomainError("Chưa nhập nội dung báo cáo tiến độ.")
    if len(text) > MAX_PROGRESS_CHARS:
        raise DomainError(f"Báo cáo dài quá {MAX_PROGRESS_CHARS:,} ký tự.".replace(",", "."))
    if on > session.today():
        raise DomainError(f"Ngày báo cáo {on:%d/%m/%Y} ở tương lai.")
    if on < row.received_on:
        raise DomainError(
            f"Ngày báo cáo {on:%d/%m/%Y} trước ngày vào sổ nhiệm vụ {row.received_on:%d/%m/%Y}."
        )
    files = _files(attachments)
    assignments = routing.assignments_of(session.store, task_id)
    user = session.user
    if not unit and user is not None and user.role == permissions.OFFICER:
        unit = user.unit_code  # an officer reports for their own unit
    if unit:
        wanted = resolve_unit(session, unit)
        mine = next((a for a in assignments if a.unit_id == wanted.id), None)
        if mine is None:
            raise DomainError(f"Nhiệm vụ {task_id} không giao cho {wanted.name}.")
    else:
        mine = next((a for a in assignments if a.role == "lead"), None)
    permissions.require(
        session, "report_progress", petition_id=task_id, unit=mine.unit_code if mine else None
    )
    with session.store.write() as conn:
        current = pet.get_petition(session.store, task_id)
        assert current is not None
        if current.status not in OPEN_STATUSES:
            raise DomainError(
                f"Nhiệm vụ {task_id} {TASK_STATUS_LABELS[current.status].lower()}:"
                " không ghi báo cáo tiến độ thêm được."
            )
        report_id = repo.insert_progress(
            conn, task_id, mine.unit_id if mine else None, on, text, done=done,
            actor=session.actor,
        )  # fmt: skip
        for name, content, mime, sha in files:
            repo.insert_progress_file(conn, report_id, name, content, mime, sha)
        who = mine.unit_name if mine else "Đơn vị"
        if done and (mine is None or mine.role == "lead"):
            for a in assignments:
                if a.completed_on is None:
                    routing.complete_assignment(conn, a.id, on)
            pet.set_status(
                conn, task_id, current.status, "answered", session.actor,
                f"{who} báo cáo hoàn thành ngày {on:%d/%m/%Y}",
            )  # fmt: skip
        else:
            if done and mine is not None and mine.completed_on is None:
                routing.complete_assignment(conn, mine.id, on)
            what = "hoàn thành phần việc" if done else "báo cáo tiến độ"
            pet.set_status(
                conn, task_id, current.status, current.status, session.actor,
                f"{who} {what} ngày {on:%d/%m/%Y}",
            )  # fmt: skip
    return report_id
