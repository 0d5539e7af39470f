"""Progress of tasks as the record stood on a past day: the reads behind a notice's report.

A progress report (báo cáo tiến độ) is dated by the unit's report (`reported_on`), so "as of
D" reads the reports dated on or before D, whenever they were typed. A task is done as of D
when its lead unit (or the clerk for it: no unit) reported it done by then; a supporting
unit's "done" completes only its own part (desktop/core/tasks/tracking.py), so it does not
count here either. A unit that was the lead and was later replaced still counts: it was the
lead when it reported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from db.store import Store
from db.util import iso, must_date

_CHUNK = 500  # ids per IN (...): well under both engines' limits on bound parameters


@dataclass(frozen=True)
class ProgressAsOf:
    """What the record said of one task on a day: done when, and its latest report by then."""

    task_id: int
    done_on: dt.date | None = None
    report_on: dt.date | None = None
    report_text: str = ""
    report_unit: str = ""


_DONE_SQL = """
SELECT r.petition_id, MIN(r.reported_on) AS done_on
FROM progress_reports r
WHERE r.done = 1 AND r.reported_on <= ? AND r.petition_id IN ({ids})
  AND (r.unit_id IS NULL OR EXISTS (
        SELECT 1 FROM assignments a
        WHERE a.petition_id = r.petition_id AND a.unit_id = r.unit_id AND a.role = 'lead'))
GROUP BY r.petition_id
"""

_REPORTS_SQL = """
SELECT r.petition_id, r.reported_on, r.text, u.name AS unit_name
FROM progress_reports r
LEFT JOIN units u ON u.id = r.unit_id
WHERE r.reported_on <= ? AND r.petition_id IN ({ids})
ORDER BY r.petition_id, r.reported_on, r.id
"""


def progress_as_of(
    store: Store, task_ids: Sequence[int], as_of: dt.date
) -> dict[int, ProgressAsOf]:
    """Each task's state on `as_of`: the day it was done (if by then) and its latest report."""
    done: dict[int, dt.date] = {}
    latest: dict[int, tuple[dt.date, str, str]] = {}
    day = iso(as_of)
    for start in range(0, len(task_ids), _CHUNK):
        chunk = list(task_ids[start : start + _CHUNK])
        marks = ", ".join("?" for _ in chunk)
        for r in store.all(_DONE_SQL.format(ids=marks), [day, *chunk]):
            done[int(r["petition_id"])] = must_date(r["done_on"])
        # In date order, so the last row of a task is its latest report by then.
        for r in store.all(_REPORTS_SQL.format(ids=marks), [day, *chunk]):
            latest[int(r["petition_id"])] = (
                must_date(r["reported_on"]),
                r["text"],
                r["unit_name"] or "",
            )
    out: dict[int, ProgressAsOf] = {}
    for task_id in task_ids:
        report = latest.get(task_id)
        out[task_id] = ProgressAsOf(
            task_id=task_id,
            done_on=done.get(task_id),
            report_on=report[0] if report else None,
            report_text=report[1] if report else "",
            report_unit=report[2] if report else "",
        )
    return out
