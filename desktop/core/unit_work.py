"""Việc của đơn vị: a unit's open assignments on petitions (kiến nghị), tasks (nhiệm vụ) or both,
due first, with overdue said as the register says.

A chuyên viên (officer) opens the desktop on their own unit's list; anyone may look at any
unit's. The list is read off the UI thread, so it takes a store (the worker's connection) and
the day, not the session.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from db import reference as ref
from db import unit_work as db_unit_work
from db.kinds import Kind
from db.models import Unit
from db.store import Store
from db.unit_work import UnitTaskRow
from desktop.core.agenda import check_kind
from desktop.core.session import Session
from desktop.core.vocabulary import is_overdue

__all__ = ["LIMIT", "UnitTask", "open_work", "own_unit", "units_to_choose"]

LIMIT = db_unit_work.DEFAULT_LIMIT  # the list shows at most this many, earliest due first


@dataclass(frozen=True)
class UnitTask:
    """One line of the unit's work: the assignment, its petition or task, and whether late."""

    row: UnitTaskRow
    overdue: bool

    @property
    def petition_id(self) -> int:
        """The petition (kiến nghị) the unit works on."""
        return self.row.petition_id

    @property
    def is_task(self) -> bool:
        """A nhiệm vụ (from a notice or directive) rather than a kiến nghị."""
        return self.row.kind == "task"


def _late(r: UnitTaskRow, today: dt.date) -> bool:
    # The register's rule, on the unit's own due date (`r.due_on` is the assignment's).
    return is_overdue(r, today)


def open_work(
    store: Store, unit_id: int, today: dt.date, kind: Kind = "petition"
) -> list[UnitTask]:
    """The unit's unfinished assignments on open petitions, tasks or both (`kind` None),
    earliest due first."""
    rows = db_unit_work.open_assignments(store, unit_id, limit=LIMIT, kind=check_kind(kind))
    return [UnitTask(r, _late(r, today)) for r in rows]


def own_unit(session: Session) -> Unit | None:
    """The signed-in officer's unit, or None for other roles and the local user."""
    user = session.user
    if user is None or user.unit_id is None:
        return None
    return next((u for u in ref.units(session.store) if u.id == user.unit_id), None)


def units_to_choose(session: Session) -> list[Unit]:
    """The units a list can be asked for: valid today, by name (plus the officer's own)."""
    units = ref.units(session.store, valid_on=session.today())
    mine = own_unit(session)
    if mine is not None and all(u.id != mine.id for u in units):
        units.insert(0, mine)
    return units
