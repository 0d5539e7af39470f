"""Import figures for a text PDF (issue #13 item 1): a 20-page petition table.

    .venv/bin/python benchmarks/pdf_import.py [--pages 20] [--rounds 3]

Target (printed, not asserted): the import of a 20-page text PDF ≤ 3 s. Prints JSON: the
reading alone in this process (median wall and CPU seconds of `parse_file` over the rounds,
the PDF already in the page cache), and `kiennghi import` end to end in a child process (start,
read, register in a new SQLite file) beside `kiennghi list` on the same file (the start and
open without any PDF), with the pages, rows and the machine's load average, since pdfminer's
parsing is CPU-bound and the wall time doubles when the two CPUs are shared.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.timing import measured_cli  # noqa: E402
from desktop.core.importers import parse_file  # noqa: E402
from tests.pdf_samples import render_seed_pdf  # noqa: E402

TARGET_SECONDS = 3.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf = render_seed_pdf(folder / "5606.pdf", pages=args.pages)
        parse_file(pdf)  # imports pdfminer's modules and reads the file into the page cache
        walls, cpus = [], []
        rows = 0
        for _ in range(args.rounds):
            started, cpu = time.perf_counter(), time.process_time()
            rows = len(parse_file(pdf).rows)
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "KIENNGHI_TODAY": "13/07/2020"}
        db = folder / "so.db"
        init = measured_cli(["--db", str(db), "init"], ROOT, env)
        cli = measured_cli(["--db", str(db), "import", str(pdf), "--json"], ROOT, env)
        # The same start, open and a query without any file: what the CLI costs around the PDF.
        baseline = measured_cli(["--db", str(db), "list", "--json"], ROOT, env)
    figures = {
        "pages": args.pages,
        "rows": rows,
        "parse_wall_s": round(statistics.median(walls), 2),
        "parse_cpu_s": round(statistics.median(cpus), 2),
        "cli_import_s": cli["seconds"],
        "cli_list_s": baseline["seconds"],
        "cli_peak_rss_mib": cli["peak_rss_mib"],
        "cli_exit": cli["exit_code"],
        "init_exit": init["exit_code"],
        "load_average_1min": round(os.getloadavg()[0], 1),
        "target_s": TARGET_SECONDS,
        "parse_within_target": statistics.median(walls) <= TARGET_SECONDS,
    }
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
