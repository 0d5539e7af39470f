"""What the seals (db/seals.py) cost: demo data, an import, `check`, and migration 9.

    .venv/bin/python benchmarks/seals.py [--count 100000] [--rows 3000] [--folder DIR]

The same code runs twice in one process: on a database stopped at schema version 8 (before
the seals: no triggers, nothing sealed at commit) and on one at version 9. Prints JSON: demo
seconds before/after, an import of `--rows` rows (median of 5) before/after with the time of
the seal pass inside the write lock, `check` on the sealed database (whole and the seal part
alone), migration 9 of the unsealed database, and the size the seals take.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.hostile_generators import xlsx_rows  # noqa: E402
from db import migrations, open_store, seal_check, seals  # noqa: E402
from db.store import Store  # noqa: E402
from desktop.core import intake  # noqa: E402
from desktop.core.demo import generate_demo  # noqa: E402
from desktop.core.reference import load_reference_data  # noqa: E402
from desktop.core.session import Session  # noqa: E402

UNSEALED = seals.SEALS_VERSION - 1
_seal_pass = [0.0]


def _timed_before_commit() -> None:
    real = seals.before_commit

    def timed(conn: object) -> None:
        started = time.perf_counter()
        real(conn)  # type: ignore[arg-type]
        _seal_pass[0] += time.perf_counter() - started

    seals.before_commit = timed  # type: ignore[assignment]


def _store(path: Path, version: int) -> Store:
    store = open_store(path, migrate=False)
    migrations.migrate(store, target=version)
    load_reference_data(store)
    return store


def _demo(path: Path, count: int, seed: int) -> float:
    store = open_store(path, migrate=False)
    started = time.perf_counter()
    generate_demo(Session(store, actor="bench", system=True), count, seed=seed)
    elapsed = time.perf_counter() - started
    store.close()
    return elapsed


def _demos(before: Path, after: Path, count: int, rounds: int) -> dict[str, float]:
    """Both databases filled in alternating rounds, so a machine busy with something else
    slows both alike."""
    for path, version in ((before, UNSEALED), (after, seals.SEALS_VERSION)):
        _store(path, version).close()
    totals = {"unsealed_v8": 0.0, "sealed_v9": 0.0}
    for n in range(rounds):
        share = count // rounds + (1 if n < count % rounds else 0)
        totals["unsealed_v8"] += _demo(before, share, seed=n)
        totals["sealed_v9"] += _demo(after, share, seed=n)
    figures = {k: round(v, 1) for k, v in totals.items()}
    figures["overhead_percent"] = round(100 * (totals["sealed_v9"] / totals["unsealed_v8"] - 1), 1)
    return figures


def _imports(before: Path, after: Path, table: Path) -> dict[str, dict[str, float]]:
    """Five imports into each database, alternating: median time and seal pass."""
    stores = {"unsealed_v8": open_store(before, migrate=False),
              "sealed_v9": open_store(after, migrate=False)}  # fmt: skip
    totals: dict[str, list[float]] = {k: [] for k in stores}
    passes: dict[str, list[float]] = {k: [] for k in stores}
    for n in range(5):
        for name, store in stores.items():
            _seal_pass[0] = 0.0
            started = time.perf_counter()
            intake.import_file(
                Session(store, actor="bench", system=True),
                table,
                intake.ImportOverrides(sender="Văn phòng Chính phủ", sender_ref=f"{n + 1}/BENCH"),
                allow_duplicate=True,
            )
            totals[name].append(time.perf_counter() - started)
            passes[name].append(_seal_pass[0])
    for store in stores.values():
        store.close()
    return {
        name: {
            "seconds_median": round(statistics.median(totals[name]), 3),
            "seal_pass_seconds_median": round(statistics.median(passes[name]), 3),
        }
        for name in stores
    }


def _size(path: Path) -> dict[str, float]:
    import sqlite3

    conn = sqlite3.connect(str(path))
    try:
        rows = conn.execute(
            "SELECT name, sum(pgsize) FROM dbstat WHERE name IN"
            " ('seals', 'seal_chain', 'seal_chain_row', 'seal_head', 'sqlite_autoindex_seals_1')"
            " GROUP BY name"
        ).fetchall()
        total = conn.execute("SELECT sum(pgsize) FROM dbstat").fetchone()[0]
    except sqlite3.OperationalError:  # SQLite built without dbstat
        return {"file_mb": round(path.stat().st_size / 1e6, 1)}
    finally:
        conn.close()
    return {
        "file_mb": round(total / 1e6, 1),
        **{f"{name}_mb": round(size / 1e6, 1) for name, size in rows},
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=3_000)
    parser.add_argument("--folder", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="kiennghi-seals-"))
    folder.mkdir(parents=True, exist_ok=True)
    _timed_before_commit()
    before, after = folder / "v8.db", folder / "v9.db"
    for p in (before, after):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{p}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(folder / "backups", ignore_errors=True)
    figures: dict[str, object] = {"count": args.count, "rows": args.rows}
    figures["demo_seconds"] = _demos(before, after, args.count, args.rounds)
    table = xlsx_rows(folder / "table.xlsx", args.rows + 1)
    figures["import"] = _imports(before, after, table)
    store = open_store(after, migrate=False)
    started = time.perf_counter()
    found = seal_check.problems(store.conn)
    seal_seconds = time.perf_counter() - started
    started = time.perf_counter()
    whole = store.check()
    figures["check_seconds"] = {
        "whole": round(time.perf_counter() - started, 2),
        "seals_only": round(seal_seconds, 2),
        "problems": len(found) + len(whole),
    }
    store.close()
    store = open_store(before, migrate=False)
    started = time.perf_counter()
    with store.write() as conn:  # migration 9 alone (migrate() first copies the file aside)
        seals.m009_seals(conn)
        store.set_user_version(conn, seals.SEALS_VERSION)
    figures["migration_9_seconds"] = round(time.perf_counter() - started, 1)
    figures["after_migration_problems"] = len(seal_check.problems(store.conn))
    store.close()
    figures["size"] = _size(after)
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
