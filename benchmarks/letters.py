"""Letter figures (issue #4 "Speed"): warm DOCX and PDF per letter, 100 of each, LibreOffice ratio.

    .venv/bin/python benchmarks/letters.py [--count 100] [--repeat 30]

Targets (printed, not asserted): one warm letter DOCX ≤ 100 ms, PDF ≤ 150 ms; 100 letters
≤ 10 s; our PDF ≥ 10× faster than `libreoffice --headless --convert-to pdf` of the same DOCX.
The letter is the reply letter of a small demo database (kinds.reply_letter). Prints JSON.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db import open_store  # noqa: E402
from desktop.core.demo import generate_demo  # noqa: E402
from desktop.core.letters.docx_render import render_docx  # noqa: E402
from desktop.core.letters.kinds import Signer, reply_letter  # noqa: E402
from desktop.core.letters.model import Letter  # noqa: E402
from desktop.core.letters.pdf_render import render_pdf  # noqa: E402
from desktop.core.reference import load_reference_data  # noqa: E402
from desktop.core.session import Session  # noqa: E402

TODAY = dt.date(2026, 11, 23)


def demo_letter(folder: Path) -> Letter:
    """The reply letter to the first two petitions of a 50-petition demo database."""
    session = Session(open_store(folder / "demo.db"), actor="bench", today=lambda: TODAY)
    load_reference_data(session.store)
    generate_demo(session, 50, seed=2020)
    ids = [r["id"] for r in session.store.all("SELECT id FROM petitions ORDER BY id LIMIT 2")]
    signer = Signer("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Huy Dũng")
    letter = reply_letter(
        session, ids, answer="Bộ đã chỉ đạo rà soát và sẽ trả lời cụ thể.", signer=signer
    )
    session.close()
    return dataclasses.replace(letter, number=1, issued_on=TODAY)


def _times(
    render: Callable[[Letter, Path], object], letter: Letter, dest: Path, n: int
) -> list[float]:
    out = []
    for i in range(n):
        started = time.perf_counter()
        render(dataclasses.replace(letter, number=i + 1), dest)
        out.append((time.perf_counter() - started) * 1000)
    return out


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def _libreoffice(docx: Path, folder: Path, runs: int) -> list[float] | str:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        return "libreoffice not found: the ratio could not be measured"
    profile = folder / "lo-profile"
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [
                office,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder / "lo"),
                str(docx),
            ],
            capture_output=True,
            check=True,
            timeout=300,
        )
        out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--office-runs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        letter = demo_letter(folder)
        docx, pdf = folder / "letter.docx", folder / "letter.pdf"

        def to_docx(lt: Letter, dest: Path) -> object:
            return render_docx(lt, dest.with_suffix(".docx"), today=TODAY)

        def to_pdf(lt: Letter, dest: Path) -> object:
            return render_pdf(lt, dest.with_suffix(".pdf"), today=TODAY)

        first_docx = _times(to_docx, letter, docx, 1)[0]
        first_pdf = _times(to_pdf, letter, pdf, 1)[0]
        warm_docx = _times(to_docx, letter, docx, args.repeat)
        warm_pdf = _times(to_pdf, letter, pdf, args.repeat)
        batch = {}
        for label, render in (("docx", to_docx), ("pdf", to_pdf)):
            started = time.perf_counter()
            for i in range(args.count):
                render(dataclasses.replace(letter, number=i + 1), folder / f"{label}-{i:03d}")
            batch[label] = time.perf_counter() - started
        render_docx(letter, docx, today=TODAY)
        office = _libreoffice(docx, folder, args.office_runs)

    pdf_median = statistics.median(warm_pdf)
    figures: dict[str, object] = {
        "first_docx_ms": round(first_docx, 1),
        "first_pdf_ms (fonts registered)": round(first_pdf, 1),
        "warm_docx_ms_median": round(statistics.median(warm_docx), 1),
        "warm_docx_ms_p95": round(_p95(warm_docx), 1),
        "warm_pdf_ms_median": round(pdf_median, 1),
        "warm_pdf_ms_p95": round(_p95(warm_pdf), 1),
        f"{args.count}_docx_s": round(batch["docx"], 2),
        f"{args.count}_pdf_s": round(batch["pdf"], 2),
    }
    if isinstance(office, str):
        figures["libreoffice"] = office
    else:
        # The first conversion also creates LibreOffice's profile: report it apart.
        warm_office = statistics.median(office[1:] or office)
        figures["libreoffice_first_ms"] = round(office[0], 1)
        figures["libreoffice_ms_median"] = round(warm_office, 1)
        figures["ratio_libreoffice_over_our_pdf"] = round(warm_office / pdf_median, 1)
        figures["ratio_goal"] = ">= 10"
    figures["targets"] = {"docx_ms": 100, "pdf_ms": 150, f"{args.count}_letters_s": 10}
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
