"""The counts beside the navigation's entries: Kiến nghị (1.234), Quá hạn (916), Nhiệm vụ (12).

Each is what the screen lists when opened without a filter, counted by the very filter the
screen uses, so the number beside an entry and the rows behind it never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from db import petitions as pet
from db.petition_filter import PetitionFilter
from desktop.core.session import Session


@dataclass(frozen=True)
class ScreenCounts:
    """Rows of the register, of the overdue list (as of the session's today) and of tasks."""

    petitions: int
    overdue: int
    tasks: int


def screen_counts(session: Session) -> ScreenCounts:
    """Count the three lists (three count(*) queries; run it off the UI thread)."""
    store = session.store
    return ScreenCounts(
        petitions=pet.count(store, PetitionFilter()),
        overdue=pet.count(store, PetitionFilter(overdue_on=session.today())),
        tasks=pet.count(store, PetitionFilter(kind="task")),
    )
