"""What the timing benchmarks share: a call timed over rounds, its median and 95th percentile."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from db.store import Store

DEMO_200K = Path(__file__).resolve().parent / "data" / "demo-200k.db"


def timed(fn: Callable[[], object], rounds: int, *, warm: bool = True) -> list[float]:
    """Milliseconds of `rounds` calls of `fn`, after one untimed call that warms the caches."""
    if warm:  # False: the caller made that call itself
        fn()  # warm the page cache and the statement cache
    out = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def pct(values: list[float], q: float) -> float:
    """The `q` quantile of `values`, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values: list[float], digits: int = 1) -> dict[str, float]:
    """The median and 95th percentile, rounded to `digits` decimals."""
    return {
        "p50": round(statistics.median(values), digits),
        "p95": round(pct(values, 0.95), digits),
    }


def db_and_rounds(description: str) -> argparse.ArgumentParser:
    """The arguments of a benchmark over the 200 000-petition demo: --db and --rounds."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", default=str(DEMO_200K))
    parser.add_argument("--rounds", type=int, default=5)
    return parser


def assigned_units(store: Store) -> list[tuple[int, str]]:
    """The units given any work (id, code), by id: those whose lists are worth timing."""
    rows = store.all(
        "SELECT u.id, u.code FROM units u WHERE EXISTS"
        " (SELECT 1 FROM assignments a WHERE a.unit_id = u.id) ORDER BY u.id"
    )
    return [(int(r[0]), str(r[1])) for r in rows]


def measured_cli(args: list[str], cwd: Path, env: dict[str, str]) -> dict[str, float | int]:
    """`python -m desktop ARGS` (the CLI of the checkout `cwd`) in a child process: its peak RSS
    (MiB), seconds and exit code; what it printed on stderr is shown when it failed."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "desktop", *args],
        cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert child.stderr is not None
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)  # already reaped: no wait() after
    if child.returncode != 0:
        print(err.decode(errors="replace"), file=sys.stderr)
    return {
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),  # kilobytes on Linux
        "seconds": round(time.perf_counter() - started, 2),
        "exit_code": child.returncode,
    }
