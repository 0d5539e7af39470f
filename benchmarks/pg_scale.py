"""The register and the statistics at scale, on either engine: what the screens run, timed.

    .venv/bin/python benchmarks/pg_scale.py --db postgresql://… [--rounds 5]
    .venv/bin/python benchmarks/pg_scale.py --db benchmarks/data/demo-1m.db

The database must hold the demo data already (`kiennghi --db … demo --count 1000000`). Each
case runs once to warm up, then `--rounds` times; the JSON printed gives p50/p95 in ms:

- `register_*`: one page (200 rows) of the Kiến nghị screen, `db.petitions.page_rows` as the
  table model calls it: the first page and the page after 10 pages, in each sort order, and
  the first page under each kind of filter (status, unit, year, origin, overdue);
- `stats_year_*`: `desktop.core.reports.period_stats` for a whole year (the dashboard).

Goals (issue #10): a register page ≤ 20 ms, a year's statistics ≤ 1 s, at a million petitions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.timing import summary, timed  # noqa: E402
from db import open_store, stats  # noqa: E402
from db import petitions as pet  # noqa: E402
from db.engine import is_postgres_url  # noqa: E402
from db.petition_filter import PetitionFilter  # noqa: E402
from db.store import Store  # noqa: E402


def deep_page(store: Store, f: PetitionFilter, pages: int) -> Callable[[], object]:
    """The page after `pages` pages, from the cursor the model would hold by then."""
    cursor = None
    for _ in range(pages):
        _, cursor = pet.page_rows(store, f, limit=200, after=cursor)
    after = cursor
    return lambda: pet.page_rows(store, f, limit=200, after=after)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    store = open_store(args.db if is_postgres_url(args.db) else Path(args.db))
    petitions = int(store.scalar("SELECT count(*) FROM petitions"))
    years = [int(r[0][:4]) for r in store.all(
        "SELECT max(received_on) FROM petitions UNION ALL SELECT min(received_on) FROM petitions"
    )]  # fmt: skip
    newest = years[0]
    origin = str(store.scalar("SELECT origin FROM petitions ORDER BY id DESC LIMIT 1"))
    unit = str(store.scalar("SELECT code FROM units ORDER BY id LIMIT 1 OFFSET 2"))
    today = dt.date(newest, 12, 1)
    cases: dict[str, Callable[[], object]] = {}
    for order in ("received", "origin", "due"):
        f = PetitionFilter(order=order)
        cases[f"register_{order}_first"] = lambda f=f: pet.page_rows(store, f, limit=200)
        cases[f"register_{order}_page_11"] = deep_page(store, f, 10)
    filters = {
        "status_assigned": PetitionFilter(status=("assigned",)),
        "status_clarify": PetitionFilter(status=("clarify",)),
        "unit": PetitionFilter(unit_code=unit),
        "year": PetitionFilter(year=newest - 1),
        "origin": PetitionFilter(origin=origin),
        "overdue": PetitionFilter(overdue_on=today),
    }
    for name, f in filters.items():
        cases[f"register_filter_{name}"] = lambda f=f: pet.page_rows(store, f, limit=200)
    for year in sorted({newest, newest - 1}):
        cases[f"stats_year_{year}"] = lambda year=year: stats.stats(
            store, today=today, received_from=dt.date(year, 1, 1),
            received_to=dt.date(year, 12, 31),
        )  # fmt: skip
    report: dict[str, object] = {
        "db": store.location, "engine": store.dialect, "petitions": petitions
    }  # fmt: skip
    results = {name: summary(timed(fn, args.rounds)) for name, fn in cases.items()}
    report["cases"] = results
    register = [v["p95"] for k, v in results.items() if k.startswith("register")]
    year_stats = [v["p95"] for k, v in results.items() if k.startswith("stats")]
    report["worst_register_page_p95_ms"] = max(register)
    report["worst_stats_year_p95_ms"] = max(year_stats)
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
