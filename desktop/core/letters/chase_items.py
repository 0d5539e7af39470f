"""The lines of a công văn đôn đốc: each overdue petition and task of a unit, as worded.

A petition reads "- Kiến nghị của UBND … (Công văn số … của …): … (giao chủ trì, hạn …, quá
hạn N ngày làm việc);", a task "- Nhiệm vụ tại Thông báo số …: … (giao chủ trì, hạn tháng
10/2026 (30/10/2026), …);" with its deadline as the notice wrote it (kinds.chase_letter puts
them in the letter).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from db import documents as docs
from db import letters as reg
from db import reference as ref
from db import tasks as task_repo
from db.tasks import TaskFilter, TaskRow
from db.text import clean, fold
from desktop.core import vocabulary as vocab
from desktop.core.letters.addressees import addressee
from desktop.core.letters.kinds import document_name
from desktop.core.session import Session


def counted(what: str, n: int) -> str:
    """`02 kiến nghị`: Vietnamese letters count with two digits."""
    return f"{n:02d} {what}"


def _short(text: str) -> str:
    text = clean(text).split("\n")[0].rstrip(" .;:")
    return text if len(text) <= 200 else text[:199].rstrip() + "…"


def _task_source(session: Session, row: TaskRow, cache: dict[int, str], one: bool) -> str:
    """`Thông báo số 75/TB-BTTTT ngày 05/03/2020`, or the notice's kind and title without a
    number, the first time; when the letter's tasks all come from `one` notice without a
    number, its later tasks cite `Thông báo nêu trên`."""
    if row.document_id is None:
        return ""
    if row.document_id in cache:
        return cache[row.document_id]
    doc = docs.get_document(session.store, row.document_id)
    notice = task_repo.get_notice(session.store, row.document_id)
    cited = again = document_name(doc.sender_ref, doc.sender_date) if doc else ""
    if doc and not doc.sender_ref:
        kind = clean(notice.kind if notice else "").capitalize() or "Văn bản"
        title = clean(notice.title if notice and notice.title else doc.summary)
        # "Thông báo kết luận của Bộ trưởng …": the title reads on from the kind; a long
        # title said again on every task would bury the tasks.
        cited = f"{kind} {title[:1].lower()}{title[1:]}".strip() if title else ""
        again = f"{kind} nêu trên" if title and one else cited
    own = fold(vocab.read_setting(session.store, vocab.AGENCY_NAME))
    if cited and doc and doc.sender and fold(doc.sender) != own:
        cited += f" của {clean(doc.sender)}"  # a directive from another body
        again = again if again.endswith("nêu trên") else cited
    cache[row.document_id] = again
    return cited


def _deadline(row: TaskRow | None, due: dt.date) -> str:
    """`hạn 15/09/2020`; a task's deadline as the notice wrote it, with the day it means."""
    day = f"{due:%d/%m/%Y}"
    written = clean(row.due_text) if row is not None and row.due_on == due else ""
    if not written:
        return f"hạn {day}"
    written = written[:1].lower() + written[1:]
    said = {day, f"{due.day}/{due.month}/{due.year}", f"{due.day:02d}/{due.month}/{due.year}"}
    return f"hạn {written}" if any(d in written for d in said) else f"hạn {written} ({day})"


def chase_items(
    session: Session, late: Sequence[reg.OverdueAssignment]
) -> tuple[list[str], list[str]]:
    """The lines of a chase letter: the overdue petitions, then the overdue tasks."""
    today = session.today()
    # Working days late, walked once from the oldest due date (not once per item: items years
    # late made a demo register's 29 letters take 4 s).
    late_by: dict[dt.date, int] = {}
    walked, since = 0, today
    for due in sorted({a.due_on for a in late}, reverse=True):
        walked += session.calendar.working_days_between(due, since)
        late_by[due], since = walked, due
    ids = list(dict.fromkeys(a.petition_id for a in late))
    tasks = {r.id: r for r in task_repo.task_rows(session.store, TaskFilter(task_ids=ids))}
    one_notice = len({r.document_id for r in tasks.values()}) == 1
    places = ref.localities(session.store)
    notices: dict[int, str] = {}
    petitions: list[str] = []
    task_lines: list[str] = []
    for a in late:
        role = vocab.ASSIGNMENT_ROLE_LABELS[a.role].lower()  # chủ trì, phối hợp
        task = tasks.get(a.petition_id)
        days = late_by[a.due_on]
        terms = f"(giao {role}, {_deadline(task, a.due_on)}, quá hạn {days} ngày làm việc);"
        if task is not None:
            source = _task_source(session, task, notices, one_notice)
            where = f" tại {source}" if source else ""
            task_lines.append(f"- Nhiệm vụ{where}: {_short(task.content)} {terms}")
            continue
        cited = document_name(a.sender_ref, a.sender_date)
        where = f" ({cited} của {a.sender})" if cited and a.sender else ""
        who = addressee(places, a.origin, a.received_on).short
        what = _short(clean(a.summary) or a.content)
        petitions.append(f"- Kiến nghị của {who}{where}: {what} {terms}")
    for group in (petitions, task_lines):
        if group:  # each list ends with a full stop, the others with semicolons
            group[-1] = group[-1].removesuffix(";") + "."
    return petitions, task_lines
