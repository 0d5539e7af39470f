"""What the duplicate checks cost on a large register: the near-duplicate marks of an import
preview (one `db.similar.near_duplicates` per row) and the duplicate-document check that runs
inside the import's write.

    .venv/bin/python benchmarks/duplicates.py [--db benchmarks/data/demo-200k.db] [--count 200000]

Builds the demo database through the CLI when it does not exist, else reuses it. A file of
`--rows` petitions is made from registered ones: a third copied word for word (must be
marked), a third with a word changed (should be marked), a third new text (must not be).
Prints JSON: per-row p50/p95 ms of the marks, the whole preview's marks in ms, how many of each
third were marked, and p50/p95 ms of `find_duplicate`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db import documents as docs  # noqa: E402
from db import open_store  # noqa: E402
from desktop.core.import_preview import near_duplicates_of  # noqa: E402
from desktop.core.registry import PetitionInput  # noqa: E402
from desktop.core.session import Session  # noqa: E402


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return {"p50": round(statistics.median(ordered), 2), "p95": round(p95, 2)}


def main() -> None:
    """Build or reuse the database, time the checks, print JSON."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=str(ROOT / "benchmarks/data/demo-200k.db"))
    ap.add_argument("--count", type=int, default=200_000)
    ap.add_argument("--rows", type=int, default=60)
    args = ap.parse_args()
    path = Path(args.db)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "desktop", "--db", str(path), "demo", "--count",
             str(args.count)], check=True, cwd=ROOT,
        )  # fmt: skip
    store = open_store(path)
    session = Session(store)
    rng = random.Random(9)
    total = int(store.scalar("SELECT count(*) FROM petitions"))
    picked = store.all(
        "SELECT origin, content, received_on FROM petitions WHERE id IN"
        f" ({', '.join(str(rng.randint(1, total)) for _ in range(args.rows))})"
    )
    # Each row as if it came again on the day its original was received (inside 12 months).
    days = [dt.date.fromisoformat(r["received_on"]) for r in picked]
    third = len(picked) // 3
    rows: list[PetitionInput] = []
    for i, r in enumerate(picked):
        text = r["content"]
        if third <= i < 2 * third:
            words = text.split()
            words[len(words) // 2] = "khẩn"
            text = " ".join(words)
        elif i >= 2 * third:
            text = f"Đề nghị mới số {i}: lắp đặt trạm quan trắc khí tượng tự động ở xã đảo {i}"
        rows.append(PetitionInput(r["origin"], text))
    near_duplicates_of(session, days[0], rows[:3])  # warm the page cache
    per_row: list[float] = []
    marked = [0, 0, 0]
    start = time.perf_counter()
    for i, row in enumerate(rows):
        t = time.perf_counter()
        found = near_duplicates_of(session, days[i], [row])[0]
        per_row.append((time.perf_counter() - t) * 1000)
        marked[min(i // max(third, 1), 2)] += found is not None
    whole = (time.perf_counter() - start) * 1000
    refs = store.all(
        "SELECT sender, sender_ref, sender_date FROM incoming_documents"
        " WHERE sender_ref != '' AND sender_date IS NOT NULL LIMIT 200"
    )
    checks: list[float] = []
    for r in refs:
        t = time.perf_counter()
        docs.find_duplicate(store, sender=r["sender"], sender_ref=r["sender_ref"],
                            sender_date=dt.date.fromisoformat(r["sender_date"]))  # fmt: skip
        checks.append((time.perf_counter() - t) * 1000)
    print(json.dumps({
        "petitions": total,
        "documents": int(store.scalar("SELECT count(*) FROM incoming_documents")),
        "rows": len(rows),
        "near_duplicate_ms_per_row": _ms(per_row),
        "preview_marks_ms": round(whole, 1),
        "marked_copied_changed_new": marked,
        "rows_per_third": third,
        "find_duplicate_ms": _ms(checks) if checks else None,
    }, ensure_ascii=False, indent=2))  # fmt: skip
    store.close()


if __name__ == "__main__":
    main()
