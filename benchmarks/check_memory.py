"""What `kiennghi check` holds in memory on the office server: its peak RSS, measured.

    .venv/bin/python benchmarks/check_memory.py [--count 50000] [--rounds 1] [--keep]
    .venv/bin/python benchmarks/check_memory.py --db postgresql://… [--rounds 3] [--code DIR]

Without `--db`, starts a throwaway PostgreSQL server (tests/pgcluster.py), makes a database
with the real CLI (`init --admin`, then `demo --count N`) and stops the server at the end
(`--keep` leaves it running and prints its address, to measure other code on the same data).
Then runs the real `kiennghi --db URL --user qt check` `--rounds` times in a subprocess and
prints JSON: the child's peak resident memory (`ru_maxrss` from `os.wait4`, MiB), seconds,
exit code, and the size of the sealed tables on the server. The seal check reads every row of
every sealed table; the figure shows whether the client holds one table's result at once.
`--code DIR` runs the CLI of another checkout (`git archive` of an older commit) on the same
data, for a before/after.

Measured here (2 CPUs, busy), 50,000 demo petitions, 225,591 sealed rows (188 MiB on the
server): 334 MiB before the seal check streamed (whole results fetched), 124 MiB after, as with
200 petitions; 15.6 s both.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.timing import measured_cli  # noqa: E402
from tests.pgcluster import Cluster  # noqa: E402

ADMIN, PASSWORD = "qt", "mật-khẩu-đo-bộ-nhớ-1"


def _env() -> dict[str, str]:
    return {**os.environ, "KIENNGHI_PASSWORD": PASSWORD, "PYTHONIOENCODING": "utf-8"}


def _cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", url, *args],
        cwd=ROOT, env=_env(), capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"kiennghi {' '.join(args)}: {done.stderr.strip()}")
    return done


def build(url: str, count: int) -> float:
    """The register made by the CLI: init with its admin, then `count` demo petitions."""
    _cli(url, "init", "--admin", ADMIN)
    started = time.perf_counter()
    _cli(url, "--user", ADMIN, "demo", "--count", str(count))
    return time.perf_counter() - started


def measure_check(url: str, code: Path = ROOT) -> dict[str, float | int]:
    """One `check` (the CLI of `code`) in a child process: its peak RSS (MiB), seconds, exit."""
    return measured_cli(["--db", url, "--user", ADMIN, "check"], code, _env())


def sizes(url: str) -> dict[str, int]:
    """The sealed tables' rows and bytes on the server (heap, TOAST and indexes)."""
    import psycopg

    from db.seals import SEALED

    with psycopg.connect(url) as conn:
        rows = sum(
            int(conn.execute(f"SELECT count(*) FROM {t}".encode()).fetchone()[0])  # type: ignore[index]
            for t in SEALED
        )
        size = sum(
            int(conn.execute(b"SELECT pg_total_relation_size(%s)", [t]).fetchone()[0])  # type: ignore[index]
            for t in SEALED
        )
        petitions = conn.execute(b"SELECT count(*) FROM petitions").fetchone()[0]  # type: ignore[index]
    return {"petitions": int(petitions), "sealed_rows": rows, "sealed_mib": size // 1048576}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a server database holding the register already")
    parser.add_argument("--count", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="leave the server running")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose CLI runs")
    args = parser.parse_args()
    cluster = None
    figures: dict[str, object] = {}
    try:
        url = args.db
        if url is None:
            cluster = Cluster().start()
            url = cluster.url(cluster.create_database())
            figures["demo_seconds"] = round(build(url, args.count), 1)
        figures.update(sizes(url))
        figures["check"] = [measure_check(url, args.code) for _ in range(args.rounds)]
        figures["url"] = url
    finally:
        if cluster is not None and not args.keep:
            cluster.stop()
        elif cluster is not None:
            print(f"server left running: pg_ctl -D {cluster.data} stop", file=sys.stderr)
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
