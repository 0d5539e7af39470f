"""What the safety of the record costs: the check at open, a verified backup, a restore.

    .venv/bin/python benchmarks/maintenance.py [--db benchmarks/data/demo-300k.db] [--count N]

Builds the demo database through the CLI when it does not exist (about 5 minutes for 300,000
petitions), then times on a copy of it, each `--rounds` times (median printed, in seconds):

- `quick_check`: `PRAGMA quick_check`, what every first open of a file in a process runs;
- `open_first_of_day`: `open_store(path)` in a fresh process (less Python's start), the whole open
  the CLI and the desktop pay on a large file's first open of the day (quick_check included);
- `open_later_that_day`: the same once the day's check passed (a file over 64 MiB skips it);
- `integrity_check`: `PRAGMA integrity_check` (what `check` and restore run);
- `backup_verified`: `Store.backup_to` (online backup, switch to one file, quick_check of the
  copy, fsync, rename);
- `restore`: `db.store.restore` from that backup (every check, the copy aside, the swap);

and `per_gb` = seconds / file size in GB for each, to judge larger registers.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db import open_store  # noqa: E402
from db.locks import lock_path  # noqa: E402
from db.store import restore  # noqa: E402


def _median(fn: Callable[[int], None], rounds: int) -> float:
    times = []
    for i in range(rounds):
        started = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _pragma(path: Path, pragma: str) -> Callable[[int], None]:
    def run(_i: int) -> None:
        conn = sqlite3.connect(str(path))
        assert conn.execute(f"PRAGMA {pragma}").fetchone()[0] == "ok"
        conn.close()

    return run


def main() -> None:
    """Print the figures as JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=ROOT / "benchmarks" / "data" / "demo-300k.db")
    parser.add_argument("--count", type=int, default=300_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "desktop", "--db", str(args.db), "demo", "--count",
             str(args.count)],
            cwd=ROOT, check=True,
        )  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="kiennghi-bench-", dir=args.db.parent) as tmp:
        folder = Path(tmp)
        live = folder / "live.db"
        shutil.copyfile(args.db, live)
        open_store(live).close()  # migrate and checkpoint once, outside the timings
        size_gb = live.stat().st_size / 1e9
        petitions = sqlite3.connect(str(live)).execute("SELECT count(*) FROM petitions")
        figures: dict[str, object] = {
            "db": str(args.db),
            "size_mb": round(live.stat().st_size / 1e6, 1),
            "petitions": petitions.fetchone()[0],
            "sqlite": sqlite3.sqlite_version,
        }
        opener = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from db.store import Store; " \
                 f"open_store({str(live)!r}).close()"  # fmt: skip

        def open_first_of_day(_i: int) -> None:
            lock_path(live).write_text("")  # forget today's clean check
            subprocess.run([sys.executable, "-c", opener], check=True)

        def open_later(_i: int) -> None:
            subprocess.run([sys.executable, "-c", opener], check=True)

        def bare_python(_i: int) -> None:
            code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); import db.store"
            subprocess.run([sys.executable, "-c", code], check=True)

        def backup(i: int) -> None:
            store = open_store(live)
            store.backup_to(folder / f"bk-{i}.db")
            store.close()

        def restore_it(i: int) -> None:
            restore(folder / f"bk-{i}.db", live)

        bare = _median(bare_python, args.rounds)
        timings = {
            "quick_check": _median(_pragma(live, "quick_check"), args.rounds),
            "integrity_check": _median(_pragma(live, "integrity_check"), args.rounds),
            "open_first_of_day": _median(open_first_of_day, args.rounds) - bare,
            "open_later_that_day": _median(open_later, args.rounds) - bare,
            "backup_verified": _median(backup, args.rounds),
            "restore": _median(restore_it, args.rounds),
        }
        figures["seconds"] = {k: round(v, 3) for k, v in timings.items()}
        figures["per_gb"] = {k: round(v / size_gb, 2) for k, v in timings.items()}
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
