"""Build a large demo database through the real CLI and print its figures.

    .venv/bin/python benchmarks/demo.py [--count 1000000] [--db benchmarks/data/demo-1m.db]

Prints JSON: generation time, file size, row counts, `check` time and the time of the CLI
`search` command (whole process, as a clerk's script sees it) and of the search function
in a warm process for a few queries.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = [
    "chuyen doi so",
    "định danh xác thực",
    "thai binh",
    "61/2018/NĐ-CP",
    '"ha tang vien thong"',
    "buu ch",
]


def cli(db: Path, *args: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(db), *args],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        raise SystemExit(f"{args} failed: {proc.stderr}")
    return time.perf_counter() - started, proc


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=ROOT / "benchmarks" / "data" / "demo-1m.db")
    parser.add_argument("--reuse", action="store_true", help="keep an existing database")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    figures: dict[str, object] = {"count": args.count, "db": str(args.db)}
    if not (args.reuse and args.db.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        figures["demo_seconds"] = round(cli(args.db, "demo", "--count", str(args.count))[0], 1)
    figures["size_mb"] = round(os.path.getsize(args.db) / 1e6, 1)
    figures["check_seconds"] = round(cli(args.db, "check")[0], 2)
    figures["cli_search_seconds"] = {
        q: round(cli(args.db, "search", q, "--json")[0], 2) for q in QUERIES
    }

    from db import open_store
    from db.search import search

    store = open_store(args.db)
    warm: dict[str, dict[str, float]] = {}
    for q in QUERIES:
        times = []
        for _ in range(5):
            started = time.perf_counter()
            hits = search(store, q, limit=20)
            times.append((time.perf_counter() - started) * 1000)
        warm[q] = {"median_ms": round(statistics.median(times), 1), "hits": len(hits)}
    figures["warm_search"] = warm
    figures["rows"] = {
        t: store.scalar(f"SELECT count(*) FROM {t}")
        for t in ("incoming_documents", "petitions", "assignments", "replies", "status_events")
    }
    store.close()
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
