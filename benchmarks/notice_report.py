"""What the notice report costs: one notice of N tasks, a third done, written as DOCX and XLSX.

    .venv/bin/python benchmarks/notice_report.py [--tasks 40 300 2000]

For each size, on a fresh SQLite file in a temporary folder: `read` is `notice_report` (the
as-of reads), `docx` and `xlsx` are `write_notice_report` (read, render, write whole, record);
seconds, with the file's size. 2,000 is the most tasks one notice may have (MAX_TASKS).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db import open_store  # noqa: E402
from desktop.core import tasks  # noqa: E402
from desktop.core.reference import load_reference_data  # noqa: E402
from desktop.core.session import Session  # noqa: E402

UNITS = ("THH", "CVT", "BC", "VP")
AS_OF = dt.date(2020, 4, 1)


def one(folder: Path, count: int) -> dict[str, float | int]:
    store = open_store(folder / f"notice-{count}.db")
    try:
        load_reference_data(store)
        session = Session(store, actor="benchmark", today=lambda: dt.date(2020, 4, 15), system=True)
        inputs = [
            tasks.TaskInput(
                f"Nhiệm vụ {i}: xây dựng, hoàn thiện, trình Bộ trưởng ban hành văn bản hướng dẫn.",
                unit=UNITS[i % len(UNITS)],
                field="Bưu chính" if i < count // 2 else "Viễn thông",
                due_on=dt.date(2020, 3, 31),
                due_text="tháng 3/2020",
            )
            for i in range(count)
        ]
        notice = tasks.NoticeInput(
            received_on=dt.date(2020, 3, 5), sender="Bộ", title="Kết luận", kind="Thông báo"
        )
        imported = tasks.import_notice(session, notice, inputs)
        for task_id in imported.task_ids[::3]:
            tasks.report_progress(session, task_id, "Đã hoàn thành.", done=True, on=AS_OF)
        out: dict[str, float | int] = {"tasks": count}
        start = time.perf_counter()
        tasks.notice_report(session, imported.document_id, AS_OF)
        out["read"] = round(time.perf_counter() - start, 3)
        for suffix in ("docx", "xlsx"):
            dest = folder / f"report-{count}.{suffix}"
            start = time.perf_counter()
            tasks.write_notice_report(session, imported.document_id, dest, as_of=AS_OF)
            out[suffix] = round(time.perf_counter() - start, 3)
            out[f"{suffix}_bytes"] = dest.stat().st_size
        return out
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, nargs="+", default=[40, 300, 2000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for count in args.tasks:
            print(json.dumps(one(Path(folder), count)))


if __name__ == "__main__":
    main()
