"""Migration 11 (tasks) on a register of schema 10: how long the upgrade holds the file.

    .venv/bin/python benchmarks/migration_tasks.py [--count 200000] [--db /tmp/m11.db]

Builds a schema-10 SQLite register of `count` demo petitions (kept with --reuse), copies it,
upgrades the copy to the latest schema (the `kind` column added and every petition resealed)
and prints JSON: petitions, build, upgrade and `check` seconds, and peak memory of the upgrade.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/kiennghi-m10.db"))
    parser.add_argument("--reuse", action="store_true", help="keep an existing schema-10 file")
    args = parser.parse_args()

    from db import migrations, open_store
    from desktop.core.demo import generate_demo
    from desktop.core.reference import load_reference_data
    from desktop.core.session import Session

    figures: dict[str, object] = {"count": args.count}
    if not (args.reuse and args.db.exists()):
        args.db.unlink(missing_ok=True)
        started = time.perf_counter()
        store = open_store(args.db, migrate=False)
        migrations.migrate(store, target=10)
        load_reference_data(store)
        generate_demo(Session(store, actor="benchmark", system=True), args.count)
        store.close()
        figures["build_seconds"] = round(time.perf_counter() - started, 1)
    copy = args.db.with_name(args.db.stem + "-upgraded.db")
    shutil.copyfile(args.db, copy)
    for old in copy.parent.glob(f"backups/{copy.stem}-*"):
        old.unlink()
    store = open_store(copy, migrate=False)
    figures["petitions"] = store.scalar("SELECT count(*) FROM petitions")
    started = time.perf_counter()
    migrations.migrate(store)
    figures["upgrade_seconds"] = round(time.perf_counter() - started, 1)
    figures["version"] = store.user_version
    started = time.perf_counter()
    figures["problems"] = len(store.check())
    figures["check_seconds"] = round(time.perf_counter() - started, 1)
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    store.close()
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
