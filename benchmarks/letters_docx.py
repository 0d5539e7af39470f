"""Time the DOCX renderer of the công văn: one letter warm, and 100 letters written to files.

    .venv/bin/python benchmarks/letters_docx.py [--repeat 30]

Prints JSON (milliseconds): the first letter of the process (imports excluded), the median and
worst of `--repeat` warm letters, and 100 different letters written with `render_docx`.
Targets (issue #4), printed, not asserted: warm ≤ 100 ms per letter, 100 letters ≤ 10 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.letters.docx_render import docx_bytes, render_docx  # noqa: E402
from desktop.core.letters.model import Letter  # noqa: E402

TODAY = dt.date(2026, 11, 23)
PARAGRAPH = (
    "Bộ Thông tin và Truyền thông nhận được Văn bản số 5606/VPCP-QHĐP ngày 12 tháng 8 năm 2020 "
    "của Văn phòng Chính phủ về việc chuyển kiến nghị của cử tri thành phố Hải Phòng gửi tới Kỳ "
    "họp thứ 9, Quốc hội khóa XIV về chất lượng hạ tầng mạng di động tại các xã đảo."
)


def letter(i: int) -> Letter:
    """A realistic two-page reply; `i` varies the number, date and recipients."""
    recipients = ("Ủy ban nhân dân thành phố Hải Phòng", "Văn phòng Chính phủ")[: 1 + i % 2]
    return Letter(
        agency="Bộ Thông tin và Truyền thông",
        symbol="BTTTT-VP",
        subject=f"V/v trả lời kiến nghị số {i} của cử tri thành phố Hải Phòng",
        recipients=recipients,
        body=(PARAGRAPH,) * 6,
        signer_authority="KT. Bộ trưởng",
        signer_title="Thứ trưởng",
        signer_name="Nguyễn Huy Dũng",
        copies=("Như trên", "Bộ trưởng (để b/c)", "Văn phòng Chính phủ", "Lưu: VT, VP"),
        issued_on=dt.date(2020, 1, 1) + dt.timedelta(days=i),
        number=i + 1,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    started = time.perf_counter()
    size = len(docx_bytes(letter(0), TODAY))
    first_ms = (time.perf_counter() - started) * 1000

    warm: list[float] = []
    for i in range(args.repeat):
        started = time.perf_counter()
        docx_bytes(letter(i), TODAY)
        warm.append((time.perf_counter() - started) * 1000)

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        for i in range(100):
            render_docx(letter(i), Path(folder) / f"{i:03d}.docx", today=TODAY)
        hundred_ms = (time.perf_counter() - started) * 1000

    print(
        json.dumps(
            {
                "docx_bytes": size,
                "first_letter_ms": round(first_ms, 1),
                "warm_median_ms": round(statistics.median(warm), 1),
                "warm_max_ms": round(max(warm), 1),
                "hundred_letters_to_files_ms": round(hundred_ms, 1),
                "targets": {"warm_ms": 100, "hundred_letters_ms": 10000},
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
