"""PDF letter figures (issue #4): one letter cold and warm, and 100 letters in a row.

    .venv/bin/python benchmarks/letters_pdf.py [--count 100] [--repeat 20]

Targets (printed, not asserted): one warm letter ≤ 150 ms, 100 letters ≤ 10 s. Prints JSON.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.letters.model import Letter  # noqa: E402

TODAY = dt.date(2024, 9, 20)

LETTER = Letter(
    agency="Bộ Thông tin và Truyền thông",
    symbol="BTTTT-VP",
    subject="V/v trả lời kiến nghị của cử tri thành phố Hải Phòng gửi tới sau kỳ họp thứ 7",
    recipients=("Ban Dân nguyện, Ủy ban Thường vụ Quốc hội", "Đoàn đại biểu Quốc hội Hải Phòng"),
    body=(
        "Bộ Thông tin và Truyền thông nhận được kiến nghị của cử tri thành phố Hải Phòng do Ban "
        "Dân nguyện chuyển đến tại Công văn số 5606/BDN ngày 15 tháng 9 năm 2024.",
        "Về vấn đề này, Bộ đã chỉ đạo các doanh nghiệp viễn thông rà soát, lắp đặt bổ sung 12 "
        "trạm phát sóng BTS 4G tại các xã đảo; dự kiến hoàn thành trong quý IV năm 2024.",
        "Bộ Thông tin và Truyền thông trân trọng cảm ơn sự quan tâm của cử tri./.",
    ),
    signer_authority="KT. Bộ trưởng",
    signer_title="Thứ trưởng",
    signer_name="Nguyễn Huy Dũng",
    copies=("Như trên", "Bộ trưởng (để b/c)", "Cục Viễn thông", "Lưu: VT, VP"),
    issued_on=dt.date(2024, 9, 20),
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    started = time.perf_counter()
    from desktop.core.letters.pdf_render import pdf_bytes, render_pdf

    import_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    size = len(pdf_bytes(dataclasses.replace(LETTER, number=1), TODAY))
    cold_ms = (time.perf_counter() - started) * 1000

    warm = []
    for i in range(args.repeat):
        started = time.perf_counter()
        pdf_bytes(dataclasses.replace(LETTER, number=i + 2), TODAY)
        warm.append((time.perf_counter() - started) * 1000)

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        for i in range(args.count):
            letter = dataclasses.replace(LETTER, number=i + 1)
            render_pdf(letter, Path(folder) / f"{i + 1:03d}.pdf", today=TODAY)
        batch_s = time.perf_counter() - started

    figures = {
        "import_ms": round(import_ms, 1),
        "first_letter_ms (fonts registered)": round(cold_ms, 1),
        "warm_letter_ms_median": round(statistics.median(warm), 1),
        "warm_letter_ms_max": round(max(warm), 1),
        f"{args.count}_letters_to_files_s": round(batch_s, 2),
        "pdf_kb": round(size / 1024, 1),
    }
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
