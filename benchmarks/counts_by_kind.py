"""The counts by kind at scale: petitions, tasks or both, today and as of a day.

    .venv/bin/python benchmarks/counts_by_kind.py [--db benchmarks/data/demo-200k.db] [--rounds 5]
    .venv/bin/python benchmarks/counts_by_kind.py --db postgresql://… (loaded with `demo`)

Opens the database without migrating it (read only; it must be at schema 11 or later), warms
each case once, then runs it `--rounds` times; prints JSON with p50/p95 in milliseconds:

- `stats_year_<kind>`: `db.stats.stats` for the newest whole year (the dashboard's numbers and
  the per-unit buckets), `stats_as_of_<kind>`: the same as of 1 July of that year;
- `agenda_<kind>`: the dashboard's due-soon list (`db.agenda.due_between`, 7 days) and
  `reminders_<kind>`: the status bar's counts (`db.agenda.open_counts`);
- `unit_work_<kind>`: Việc của đơn vị (`db.unit_work.open_assignments`) for every unit, p95
  over all units.

Goals (issue #10): a year's statistics ≤ 1 s, the unit's list p95 ≤ 100 ms, at a million.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.timing import assigned_units, db_and_rounds, summary, timed  # noqa: E402
from db import agenda, open_store, stats, unit_work  # noqa: E402

KINDS: dict[str, str | None] = {"petition": "petition", "task": "task", "both": None}


def main(argv: list[str] | None = None) -> int:
    """Time each count for each kind; print the figures as JSON."""
    args = db_and_rounds(__doc__.splitlines()[0]).parse_args(argv)
    store = open_store(args.db, migrate=False)
    try:
        newest = int(str(store.scalar("SELECT max(received_on) FROM petitions"))[:4])
        today = dt.date(newest, 12, 1)
        first, last = dt.date(newest, 1, 1), dt.date(newest, 12, 31)
        units = [unit_id for unit_id, _ in assigned_units(store)]
        counts = {
            name: int(store.scalar(f"SELECT count(*) FROM petitions WHERE kind = '{name}'") or 0)
            for name in ("petition", "task")
        }
        cases: dict[str, dict[str, float]] = {}
        for name, kind in KINDS.items():
            cases[f"stats_year_{name}"] = summary(timed(lambda kind=kind: stats.stats(
                store, today=today, received_from=first, received_to=last, kind=kind,
            ), args.rounds))  # fmt: skip
            cases[f"stats_as_of_{name}"] = summary(timed(lambda kind=kind: stats.stats(
                store, today=today, received_from=first, received_to=last, kind=kind,
                as_of=dt.date(newest, 7, 1),
            ), args.rounds))  # fmt: skip
            cases[f"agenda_{name}"] = summary(timed(lambda kind=kind: agenda.due_between(
                store, today, today + dt.timedelta(days=7), kind=kind
            ), args.rounds))  # fmt: skip
            cases[f"reminders_{name}"] = summary(timed(lambda kind=kind: agenda.open_counts(
                store, today, today + dt.timedelta(days=3), kind=kind
            ), args.rounds))  # fmt: skip
            every: list[float] = []
            for unit_id in units:
                every += timed(
                    lambda unit_id=unit_id, kind=kind: unit_work.open_assignments(
                        store, unit_id, kind=kind
                    ),
                    args.rounds,
                )
            cases[f"unit_work_{name}"] = summary(every)
        print(json.dumps({
            "db": store.location, "engine": store.dialect, "rows": counts,
            "units": len(units), "cases": cases,
        }, ensure_ascii=False, indent=2))  # fmt: skip
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
