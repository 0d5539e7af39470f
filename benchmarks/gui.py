"""Desktop figures on a large database (issue #3): time to a painted register, memory, and the
longest UI-thread stall while typing a search and while scrolling.

    .venv/bin/python benchmarks/gui.py [--db benchmarks/data/demo-1m.db] [--why]

Build the database first with `benchmarks/demo.py`. Prints JSON; asserts nothing. `--why` also
prints the UI thread's Python stacks seen during the stalls over 16 ms (benchmarks/stall_sampler).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=ROOT / "benchmarks" / "data" / "demo-1m.db")
    parser.add_argument("--why", action="store_true", help="where the long stalls were spent")
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db} không có: chạy benchmarks/demo.py trước.")

    from desktop.ui.app import calm_garbage_collector, make_context
    from desktop.ui.gc_guard import UiThreadCollector
    from desktop.ui.main_window import MainWindow
    from desktop.ui.qt import QApplication, QElapsedTimer, QInputMethodEvent, QTimer

    sys.setswitchinterval(0.001)  # as desktop.ui.app.run does
    app = QApplication([])
    # As the app: the cyclic collector runs on the UI thread's timer only. Left automatic, it
    # ran on a worker building rows, holding the interpreter lock while the UI thread waited.
    UiThreadCollector(app)
    ctx = make_context(args.db)
    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()
    model = window.petitions.model
    while model.busy or model.rowCount() == 0:
        app.processEvents()
        ctx.runner.wait(5)
    window.petitions.table.viewport().repaint()
    app.processEvents()
    figures: dict[str, object] = {
        "db_mb": round(args.db.stat().st_size / 1e6),
        "rows": ctx.session.store.scalar("SELECT max(id) FROM petitions"),
        "open_to_painted_list_s": round(time.perf_counter() - STARTED, 3),
    }

    calm_garbage_collector()  # desktop.ui.app.run does this 2 s after start

    # The longest gap between ticks of a 1 ms timer = the longest UI-thread stall.
    gaps: list[float] = []
    # The UI thread's own CPU time between two ticks: what a stall costs on an idle machine,
    # where the wall-clock gap also counts the time the system gave other processes.
    busy: list[float] = []
    last_cpu = [time.thread_time_ns()]
    long_gaps: list[tuple[float, float]] = []  # (start, end) of the stalls over 16 ms
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]
    sampler = None
    if args.why:
        import threading

        from benchmarks.stall_sampler import StallSampler

        sampler = StallSampler(threading.main_thread().ident or 0)
        sampler.start()

    def tick() -> None:
        now = clock.nsecsElapsed()
        gap = (now - last[0]) / 1e6
        gaps.append(gap)
        cpu = time.thread_time_ns()
        busy.append((cpu - last_cpu[0]) / 1e6)
        last_cpu[0] = cpu
        if gap > 16:
            end = time.perf_counter()
            long_gaps.append((end - gap / 1000, end))
        last[0] = now

    timer = QTimer(interval=1)
    timer.timeout.connect(tick)

    def pump(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.0005)

    timer.start()
    box = window.petitions.search_box
    box.setFocus()
    for word in ("chuyen doi so", "định danh xác thực", "thai binh"):
        box.clear()
        for ch in word:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(box, event)
            pump(0.12)  # a fast typist
        pump(2.5)  # the debounced query and its rows
    figures["search_rows_shown"] = model.rowCount()
    figures["typing_max_stall_ms"] = round(max(gaps[5:]), 1)
    figures["typing_max_busy_ms"] = round(max(busy[5:]), 1)
    gaps.clear()
    busy.clear()
    box.clear()
    pump(1.0)
    bar = window.petitions.table.verticalScrollBar()
    for _ in range(60):
        bar.setValue(bar.maximum())
        pump(0.05)
    figures["scroll_rows_loaded"] = model.rowCount()
    figures["scroll_queries"] = model.queries
    figures["scrolling_max_stall_ms"] = round(max(gaps[5:]), 1)
    figures["scrolling_max_busy_ms"] = round(max(busy[5:]), 1)
    timer.stop()
    figures["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    window.close()
    ctx.runner.wait()
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    if sampler is not None:
        sampler.stop()
        print(f"{len(long_gaps)} stalls over 16 ms; the UI thread's stacks during them:")
        print("\n".join(sampler.report(long_gaps)))


if __name__ == "__main__":
    main()
