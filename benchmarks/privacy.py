"""What masking personal numbers (Decree 13/2023) costs an export.

    .venv/bin/python benchmarks/privacy.py [--count 20000]

Makes a demo database of `--count` petitions in a temporary folder (through the CLI), one
petition in ten given a phone or CCCD number the way citizens write them. Times
`desktop.core.privacy.mask_personal_numbers` on each summary (with and without a number), then
exports the whole register to XLSX masked and unmasked, each twice, alternated (the first
export also warms the page cache). Prints JSON: µs per text, texts per second, numbers found,
the exports' seconds.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db import open_store  # noqa: E402
from desktop.core import reports  # noqa: E402
from desktop.core.privacy import find_personal_numbers, mask_personal_numbers  # noqa: E402
from desktop.core.session import Session  # noqa: E402

WRITTEN = (
    " Liên hệ: ông Nguyễn Văn An, điện thoại 0912 345 678.",
    " SĐT 0987654321 (Zalo).",
    " Bà Trần Thị B, CCCD số 001203004567.",
    " Máy bàn (024) 38221234, di động +84 912 345 678.",
)


def _us(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return {"p50": round(statistics.median(ordered), 1), "p95": round(p95, 1)}


def main() -> None:
    """Time the masking, then the export both ways; print JSON."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=20_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.db"
        subprocess.run(
            [sys.executable, "-m", "desktop", "--db", str(path), "demo", "--count",
             str(args.count)], check=True, cwd=ROOT, capture_output=True,
        )  # fmt: skip
        session = Session(open_store(path), actor="benchmark")
        rng = random.Random(13)
        with session.store.write() as conn:
            rows = conn.execute("SELECT id, summary FROM petitions").fetchall()
            given = [(str(r[1]) + rng.choice(WRITTEN), r[0]) for r in rows if rng.random() < 0.1]
            conn.executemany("UPDATE petitions SET summary = ? WHERE id = ?", given)
        texts = [str(r[0]) for r in session.store.all("SELECT summary FROM petitions")]
        plain, personal, found = [], [], 0
        for text in texts:
            t0 = time.perf_counter()
            mask_personal_numbers(text)
            spent = (time.perf_counter() - t0) * 1e6
            hits = len(find_personal_numbers(text))
            found += hits
            (personal if hits else plain).append(spent)
        masking_s = sum(plain + personal) / 1e6
        # Alternated, twice each: the first export of a fresh copy also warms the page cache.
        exports: dict[str, list[float]] = {"masked": [], "unmasked": []}
        rows_exported = 0
        for unmasked in (True, False, True, False):
            t0 = time.perf_counter()
            rows_exported = reports.export_register(
                session, Path(tmp) / f"x-{unmasked}.xlsx", unmasked=unmasked
            )
            exports["unmasked" if unmasked else "masked"].append(round(time.perf_counter() - t0, 2))
        session.close()
    print(json.dumps({
        "texts": len(texts),
        "numbers_found": found,
        "texts_with_numbers": len(personal),
        "mask_us_text_without_number": _us(plain),
        "mask_us_text_with_number": _us(personal),
        "texts_per_second": round(len(texts) / masking_s),
        "export_rows": rows_exported,
        "export_seconds": exports,
    }, ensure_ascii=False, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
