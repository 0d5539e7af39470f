"""Việc của đơn vị at scale: the officer's start list (`unit_work.open_work`) per unit.

    .venv/bin/python benchmarks/unit_work.py [--db benchmarks/data/demo-200k.db] [--rounds 5]
    .venv/bin/python benchmarks/unit_work.py --db postgresql://… (a database loaded with `demo`)

Opens the database without migrating it (read only), and for every unit with assignments runs
the list `--rounds` times after one warm-up; prints JSON: the units, rows listed, and p50/p95
in milliseconds over all units and for the slowest one. Goal: p95 ≤ 100 ms (it runs off the UI
thread, once at start and after each change).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.timing import assigned_units, db_and_rounds, summary, timed  # noqa: E402
from db import open_store  # noqa: E402
from desktop.core import unit_work  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Time the list for each unit; print the figures as JSON."""
    args = db_and_rounds(__doc__.splitlines()[0]).parse_args(argv)
    store = open_store(args.db, migrate=False)
    try:
        today = dt.date.today()
        petitions = int(store.scalar("SELECT count(*) FROM petitions") or 0)
        units = assigned_units(store)
        every: list[float] = []
        per_unit: dict[str, dict[str, float]] = {}
        rows: dict[str, int] = {}
        for unit_id, code in units:
            rows[code] = len(unit_work.open_work(store, unit_id, today))  # warm-up
            times = timed(
                lambda unit_id=unit_id: unit_work.open_work(store, unit_id, today),
                args.rounds,
                warm=False,
            )
            every += times
            per_unit[code] = summary(times, 2)
        slowest = max(per_unit, key=lambda c: per_unit[c]["p95"]) if per_unit else None
        print(json.dumps({
            "db": store.location,
            "engine": store.dialect,
            "petitions": petitions,
            "units": len(units),
            "rows_listed_max": max(rows.values(), default=0),
            "open_work_ms": summary(every, 2) if every else None,
            "slowest_unit": slowest,
            "slowest_unit_ms": per_unit.get(slowest) if slowest else None,
            "slowest_unit_rows": rows.get(slowest) if slowest else None,
        }, ensure_ascii=False, indent=2))  # fmt: skip
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
