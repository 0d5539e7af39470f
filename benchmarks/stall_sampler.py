"""Where the UI thread spends a stall: a thread samples its Python stack every millisecond, and
the stacks seen during the gaps the benchmark's 1 ms timer found are counted.

Used by `benchmarks/gui.py --why`: a figure over 16 ms says how long, this says where.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections import Counter


class StallSampler:
    """Samples one thread's stack; `report(gaps)` counts the stacks inside the given gaps."""

    def __init__(self, thread_id: int, every_s: float = 0.001) -> None:
        self.thread_id = thread_id
        self.every_s = every_s
        self.samples: list[tuple[float, tuple[str, ...]]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stall-sampler", daemon=True)

    def start(self) -> None:
        """Begin sampling."""
        self._thread.start()

    def stop(self) -> None:
        """End sampling."""
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            frame = sys._current_frames().get(self.thread_id)
            if frame is not None:
                stack = tuple(
                    f"{s.filename.rsplit('/', 2)[-1]}:{s.lineno} {s.name}"
                    for s in traceback.extract_stack(frame)[-8:]
                )
                self.samples.append((time.perf_counter(), stack))
            time.sleep(self.every_s)

    def report(self, gaps: list[tuple[float, float]], top: int = 8) -> list[str]:
        """The stacks most often seen inside the gaps (start, end in perf_counter seconds)."""
        seen: Counter[tuple[str, ...]] = Counter()
        for at, stack in self.samples:
            if any(start <= at <= end for start, end in gaps):
                seen[stack] += 1
        lines = []
        for stack, count in seen.most_common(top):
            lines.append(f"{count} samples:\n    " + "\n    ".join(stack))
        return lines
