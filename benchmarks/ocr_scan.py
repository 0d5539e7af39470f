"""OCR figures for a scanned petition table (issue #13 item 2): a 5-page image-only PDF.

    .venv/bin/python benchmarks/ocr_scan.py [--pages 5] [--dpi 200]

Target (printed, not asserted): OCR and preview of a scanned 5-page PDF ≤ 60 s. Seed 000's
letter and table are drawn as a text PDF (tests/pdf_samples.py), rasterised at `--dpi` into an
image-only PDF (tests/scan_samples.py), then read as the desktop does: `parse_file` (Tesseract,
Vietnamese model, one page at a time, with its progress) and `preview_import` of what was read
on a new SQLite file. Prints JSON: seconds per step and per page, rows, the character accuracy
of the petitions' text against what was drawn (1 − Levenshtein/len, NFC), and the load average
(Tesseract is CPU-bound: the figure doubles when the two CPUs are shared).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db import open_store  # noqa: E402
from desktop.core.import_preview import preview_import  # noqa: E402
from desktop.core.importers import parse_file  # noqa: E402
from desktop.core.intake import ImportOverrides  # noqa: E402
from desktop.core.session import Session  # noqa: E402
from tests.core.importers.seed import SEED_ROWS  # noqa: E402
from tests.pdf_samples import render_seed_pdf  # noqa: E402
from tests.scan_samples import accuracy, scanned_pdf  # noqa: E402

TARGET_SECONDS = 60.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--dpi", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = render_seed_pdf(folder / "5606.pdf", pages=args.pages)
        drawn = len(parse_file(text).rows)  # the text layer says how many rows were drawn
        scan = scanned_pdf(text, folder / "5606-scan.pdf", dpi=args.dpi)
        marks: list[float] = []  # OCR reports each page as it starts, then once at the end

        def progress(done: int, total: int, _what: str) -> None:
            marks.append(time.perf_counter())

        started = time.perf_counter()
        parsed = parse_file(scan, progress=progress)
        read = time.perf_counter() - started
        ends = marks[-(args.pages + 1) :]
        pages = [round(b - a, 2) for a, b in zip(ends, ends[1:], strict=False)]
        store = open_store(folder / "so.db")
        session = Session(store, actor="benchmark", today=lambda: dt.date(2020, 7, 13))
        started = time.perf_counter()
        preview = preview_import(session, scan, ImportOverrides(), parsed)
        shown = time.perf_counter() - started
        store.close()
    want = ["\n".join(SEED_ROWS[i % len(SEED_ROWS)][2]) for i in range(drawn)]
    got = [row.content for row in parsed.rows]
    origins_right = sum(
        a == SEED_ROWS[i % len(SEED_ROWS)][1] for i, a in enumerate(r.origin for r in parsed.rows)
    )
    figures = {
        "pages": args.pages,
        "dpi": args.dpi,
        "rows_drawn": drawn,
        "rows_read": len(parsed.rows),
        "rows_previewed": len(preview.rows),
        "origins_right": origins_right,
        "character_accuracy": round(accuracy("\n".join(want), "\n".join(got)), 4),
        "letter_read": [parsed.sender, parsed.sender_ref, str(parsed.reply_by)],
        "ocr_s": round(read, 2),
        "ocr_s_per_page": pages,
        "preview_s": round(shown, 2),
        "total_s": round(read + shown, 2),
        "load_average_1min": round(os.getloadavg()[0], 1),
        "target_s": TARGET_SECONDS,
        "within_target": read + shown <= TARGET_SECONDS,
    }
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
