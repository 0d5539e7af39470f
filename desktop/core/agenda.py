"""Lịch hạn và nhắc việc: what falls due in the next working days, what is overdue, and the
reporting periods and kinds (petitions, tasks, both) the dashboard offers.

Deadlines count Vietnamese working days, so "the next 5 working days" from a Friday before Tết
can reach well into the following month; the horizon always comes from the session's calendar.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from db import agenda as agenda_repo
from db.agenda import DueRow
from db.kinds import KINDS, Kind
from desktop.core.errors import DomainError
from desktop.core.session import Session

DUE_SOON_DAYS = 5  # the dashboard's list
REMINDER_DAYS = 2  # the reminders' "due soon"

PeriodKind = Literal["month", "quarter", "year", "all", "custom"]
PERIOD_LABELS: dict[PeriodKind, str] = {
    "month": "Tháng này",
    "quarter": "Quý này",
    "year": "Năm nay",
    "all": "Tất cả",
    "custom": "Tùy chọn",
}


# What a count is made of: kiến nghị (petitions), nhiệm vụ (tasks from notices), or both.
KIND_LABELS: dict[Kind, str] = {"petition": "Kiến nghị", "task": "Nhiệm vụ", None: "Cả hai"}
KIND_NOUNS: dict[Kind, str] = {
    "petition": "kiến nghị",
    "task": "nhiệm vụ",
    None: "kiến nghị và nhiệm vụ",
}
# The CLI's words (`--kind petition|task|both`).
KIND_WORDS: dict[str, Kind] = {"petition": "petition", "task": "task", "both": None}


def check_kind(kind: Kind) -> Kind:
    """`kind` when it is one the counts know; DomainError in Vietnamese otherwise."""
    if kind is not None and kind not in KINDS:
        raise DomainError(
            f"Loại «{kind}» không có; dùng petition (kiến nghị), task (nhiệm vụ) hoặc cả hai."
        )
    return kind


def format_count(n: int) -> str:
    """A count the Vietnamese way: 1.234, not 1,234."""
    return f"{n:,}".replace(",", ".")


def horizon(session: Session, days: int) -> dt.date:
    """The last day of the next `days` working days after today."""
    return session.calendar.add_working_days(session.today(), days)


@dataclass(frozen=True)
class DueItem:
    """An open petition or task due soon, with the working days left before its deadline."""

    row: DueRow
    days_left: int  # 0 = due today

    @property
    def is_task(self) -> bool:
        """A nhiệm vụ rather than a kiến nghị."""
        return self.row.kind == "task"


@dataclass(frozen=True)
class DueSoon:
    """The agenda: open rows of `kind` due from today up to `until` (`days` working days ahead)."""

    today: dt.date
    until: dt.date
    days: int
    items: list[DueItem]
    kind: Kind = "petition"


def due_soon(
    session: Session, days: int = DUE_SOON_DAYS, *, limit: int = 500, kind: Kind = "petition"
) -> DueSoon:
    """Open petitions, tasks or both (`kind` None) due within the next `days` working days
    (today included), earliest first."""
    today = session.today()
    until = horizon(session, days)
    cal = session.calendar
    rows = agenda_repo.due_between(session.store, today, until, limit=limit, kind=check_kind(kind))
    items = [DueItem(r, cal.working_days_between(today, r.due_on)) for r in rows]
    return DueSoon(today=today, until=until, days=days, items=items, kind=kind)


def days_left_text(days_left: int) -> str:
    """How the agenda says the working days left (its title says they are working days)."""
    if days_left <= 0:
        return "Hôm nay"
    return f"{days_left} ngày"


@dataclass(frozen=True)
class ReminderCounts:
    """Overdue petitions, and those falling due within `days` working days (up to `until`);
    the same of tasks (nhiệm vụ) when asked for with `office_reminders`."""

    overdue: int
    due_soon: int
    days: int
    until: dt.date
    tasks_overdue: int = 0
    tasks_due_soon: int = 0

    def is_quiet(self) -> bool:
        """Nothing to remind of."""
        return not (self.overdue or self.due_soon or self.tasks_overdue or self.tasks_due_soon)

    def any_overdue(self) -> bool:
        """A petition or a task is overdue."""
        return bool(self.overdue or self.tasks_overdue)

    def worse_than(self, previous: ReminderCounts | None) -> bool:
        """More overdue or more due soon than before (worth interrupting the clerk for)."""
        if previous is None:
            return not self.is_quiet()
        return (
            self.overdue > previous.overdue
            or self.due_soon > previous.due_soon
            or self.tasks_overdue > previous.tasks_overdue
            or self.tasks_due_soon > previous.tasks_due_soon
        )


def reminder_counts(
    session: Session, days: int = REMINDER_DAYS, *, kind: Kind = "petition"
) -> ReminderCounts:
    """Counts for the reminders, as of the session's today (petitions unless `kind` says)."""
    until = horizon(session, days)
    c = agenda_repo.open_counts(session.store, session.today(), until, kind=check_kind(kind))
    return ReminderCounts(overdue=c.overdue, due_soon=c.due_within, days=days, until=until)


def office_reminders(session: Session, days: int = REMINDER_DAYS) -> ReminderCounts:
    """What the status bar reminds of: petitions, and tasks beside them."""
    c = reminder_counts(session, days)
    t = reminder_counts(session, days, kind="task")
    return dataclasses.replace(c, tasks_overdue=t.overdue, tasks_due_soon=t.due_soon)


def notice_text(c: ReminderCounts) -> str:
    """One line for the clerk, e.g. "3 kiến nghị quá hạn, 5 kiến nghị đến hạn trong 2 ngày…",
    then "; nhiệm vụ: 2 quá hạn, 1 đến hạn" when tasks are late or due."""
    text = _petitions_text(c)
    if c.tasks_overdue or c.tasks_due_soon:
        text = (
            f"{text.removesuffix('.')}; nhiệm vụ: {format_count(c.tasks_overdue)} quá hạn,"
            f" {format_count(c.tasks_due_soon)} đến hạn"
        )
    return text


def _petitions_text(c: ReminderCounts) -> str:
    if c.overdue == 0 and c.due_soon == 0:
        return f"Không có kiến nghị quá hạn hay đến hạn trong {c.days} ngày làm việc tới."
    overdue = (
        f"{format_count(c.overdue)} kiến nghị quá hạn"
        if c.overdue
        else "Không có kiến nghị quá hạn"
    )
    soon = (
        f"{format_count(c.due_soon)} kiến nghị đến hạn"
        if c.due_soon
        else "không có kiến nghị nào đến hạn"
    )
    return f"{overdue}, {soon} trong {c.days} ngày làm việc"


def period_bounds(kind: PeriodKind, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The received-on range of a named period containing `today` (None = open-ended).

    "custom" has no bounds of its own: the caller supplies them.
    """
    if kind == "month":
        first = today.replace(day=1)
        nxt = (first + dt.timedelta(days=32)).replace(day=1)
        return first, nxt - dt.timedelta(days=1)
    if kind == "quarter":
        start_month = 3 * ((today.month - 1) // 3) + 1
        first = dt.date(today.year, start_month, 1)
        nxt = (
            dt.date(today.year + 1, 1, 1)
            if start_month == 10
            else dt.date(today.year, start_month + 3, 1)
        )
        return first, nxt - dt.timedelta(days=1)
    if kind == "year":
        return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    return None, None


def period_text(first: dt.date | None, last: dt.date | None) -> str:
    """A period as the dashboard shows it."""
    if first and last:
        return f"Từ {first:%d/%m/%Y} đến {last:%d/%m/%Y}"
    if first:
        return f"Từ {first:%d/%m/%Y}"
    if last:
        return f"Đến {last:%d/%m/%Y}"
    return "Mọi thời gian"
