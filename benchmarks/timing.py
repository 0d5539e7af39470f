"""What the timing benchmarks share: a call timed over rounds, its median and 95th percentile."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(fn: Callable[[], object], rounds: int) -> list[float]:
    """Milliseconds of `rounds` calls of `fn`, after one untimed call that warms the caches."""
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
