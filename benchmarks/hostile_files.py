"""Hostile and genuine import files: `kiennghi import` on each, peak memory and time, as JSON.

    .venv/bin/python benchmarks/hostile_files.py [--out DIR] [--only NAME ...]

Generates, in DIR (a temporary folder by default): DOCX zip bombs of 100 MiB and 1 GiB of XML,
a DOCX whose zip header understates the inflated size, an XML entity bomb, a 100,000-deep XML
nesting, a truncated zip, XLSX files with 400 MiB of shared strings, with 60 MiB of real shared
text (within the limits), with one cell of 200 MiB (inline) or 60 MiB (shared), with 8 million
blank rows and no <dimension>, a 1,048,575-row sheet, a genuine XLSX of ~20 MB with 4,999
petitions within the limits (a picture makes up the size), and the heaviest DOCX within them.
Each file is imported by a fresh `python -m desktop --db … import FILE` (on a copy of one
initialised database); its peak RSS is that child's own ru_maxrss (`os.wait4` in a launcher).
Target: ≤ 300 MB and ≤ 30 s for any file up to 20 MB. The files come from hostile_generators.py,
which tests/reliability/test_hostile_files.py uses too.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.hostile_generators import (  # noqa: E402
    MIB,
    deep_nesting,
    dense_docx,
    docx_bomb,
    docx_heaviest,
    docx_lying,
    docx_pictures,
    entity_bomb,
    genuine_xlsx,
    truncated,
    xlsx_blank_rows,
    xlsx_giant_cell,
    xlsx_rows,
    xlsx_shared_strings,
)

CASES = {
    "docx_bomb_100MiB": lambda d: docx_bomb(d / "bomb-100MiB.docx", 100 * MIB),
    "docx_bomb_1GiB": lambda d: docx_bomb(d / "bomb-1GiB.docx", 1024 * MIB),
    "docx_lying_header": lambda d: docx_lying(d / "lying.docx"),
    "docx_pictures_4x63MiB": lambda d: docx_pictures(d / "pictures-4x63MiB.docx", 4, 63 * MIB),
    "docx_pictures_2x63MiB": lambda d: docx_pictures(d / "pictures-2x63MiB.docx", 2, 63 * MIB),
    "docx_heaviest_within_limits": lambda d: docx_heaviest(d / "heaviest.docx"),
    "docx_entity_bomb": lambda d: entity_bomb(d / "entities.docx"),
    "docx_deep_nesting": lambda d: deep_nesting(d / "deep.docx"),
    "docx_truncated": lambda d: truncated(d / "truncated.docx"),
    "xlsx_shared_strings_400MiB": lambda d: xlsx_shared_strings(d / "sst-400MiB.xlsx", 400 * MIB),
    "xlsx_shared_strings_60MiB_text": lambda d: xlsx_shared_strings(
        d / "sst-60MiB.xlsx",
        60 * MIB,
        ("<si><t>" + "Kiến nghị hạ tầng số " * 50 + "</t></si>").encode(),
    ),
    "xlsx_cell_200MiB_inline": lambda d: xlsx_giant_cell(d / "cell-200MiB.xlsx", 200 * MIB),
    "xlsx_cell_60MiB_shared": lambda d: xlsx_giant_cell(
        d / "cell-60MiB.xlsx", 60 * MIB, shared=True
    ),
    "xlsx_8M_blank_rows": lambda d: xlsx_blank_rows(d / "blank-rows.xlsx", 8_000_000),
    "xlsx_1048575_rows": lambda d: xlsx_rows(d / "rows-1048575.xlsx", 1_048_575),
    "xlsx_genuine_20MB": lambda d: genuine_xlsx(d / "genuine-20MB.xlsx"),
    "docx_dense_within_limits": lambda d: dense_docx(d / "dense.docx"),
}


# ru_maxrss of a child counts the memory of the process it was forked from (Linux keeps the
# high-water mark across exec), so the import is started by a small launcher, never from here.
_LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_pid, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as fh:
    fh.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_cli(
    *args: str, timeout: float = 300, env: dict[str, str] | None = None
) -> tuple[int, str, str, float, float]:
    """`python -m desktop ARGS` in a fresh process: exit, stdout, stderr, peak MB, seconds."""
    env = {**os.environ, "KIENNGHI_TODAY": "23/11/2026", "PYTHONIOENCODING": "utf-8", **(env or {})}
    with tempfile.TemporaryDirectory() as scratch:
        peak_file = Path(scratch) / "peak"
        command = [sys.executable, "-c", _LAUNCHER, str(peak_file),
                   sys.executable, "-m", "desktop", *args]  # fmt: skip
        start = time.perf_counter()
        proc = subprocess.run(
            command, capture_output=True, cwd=ROOT, env=env, timeout=timeout, check=False
        )
        seconds = time.perf_counter() - start
        peak_kib = int(peak_file.read_text() or 0) if peak_file.exists() else 0
    out, err = (stream.decode("utf-8", "replace") for stream in (proc.stdout, proc.stderr))
    return proc.returncode, out, err, peak_kib / 1024, seconds


def run_import(db: Path, path: Path) -> tuple[int, str, float, float]:
    """`kiennghi import` in a fresh process: exit code, outcome line, peak MB, seconds."""
    code, out, err, peak, seconds = run_cli(
        "--db", str(db), "import", str(path), "--received-on", "13/07/2026",
        "--sender", "Văn phòng Chính phủ", "--json",
    )  # fmt: skip
    lines = err.strip().splitlines()
    if code == 0:
        return code, f"nhập {json.loads(out)['imported']} kiến nghị", peak, seconds
    return code, lines[-1] if lines else f"mã thoát {code}", peak, seconds


def main() -> None:
    """Generate the files, import each, print one JSON row per file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="folder for the generated files (kept)")
    parser.add_argument("--only", nargs="*", choices=sorted(CASES), help="run only these")
    args = parser.parse_args()
    folder = args.out or Path(tempfile.mkdtemp(prefix="hostile-"))
    folder.mkdir(parents=True, exist_ok=True)
    template = folder / "template.db"
    env = {**os.environ, "KIENNGHI_TODAY": "23/11/2026"}
    subprocess.run([sys.executable, "-m", "desktop", "--db", str(template), "init"],
                   cwd=ROOT, env=env, check=True, capture_output=True)  # fmt: skip
    results = []
    for name in args.only or CASES:
        made = time.perf_counter()
        path = CASES[name](folder)
        generated = time.perf_counter() - made
        db = folder / f"{name}.db"
        shutil.copy(template, db)
        code, message, peak, seconds = run_import(db, path)
        results.append(
            {
                "file": path.name,
                "size_on_disk_mb": round(path.stat().st_size / MIB, 3),
                "exit": code,
                "outcome": message,
                "peak_mb": round(peak, 1),
                "seconds": round(seconds, 2),
                "generate_seconds": round(generated, 2),
            }
        )
        print(json.dumps(results[-1], ensure_ascii=False), file=sys.stderr)
        if args.out is None:
            path.unlink()
            db.unlink()
    print(json.dumps(results, ensure_ascii=False, indent=2))
    if args.out is None:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
