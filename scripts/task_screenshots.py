#!/usr/bin/env python3
"""Screenshots of the Nhiệm vụ screen and of the notice import preview, on seed 003.

    .venv/bin/python scripts/task_screenshots.py [--out docs/screenshots]

scripts/screenshots.py calls `shoot` for its `tasks.png`; run alone, this makes only
`tasks.png` and `notice_import.png`. Seed 003 (a conclusion notice of March 2020, as a clerk's
DOCX) is imported into a temporary database with today pinned to 2 April 2020, and a few units
report progress, so the register shows tasks done, open and overdue. Never touches the clerk's
database or settings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from screenshots import SIZE, isolated_app, said, save, settle  # noqa: E402

from db import open_store  # noqa: E402
from desktop.core.reference import load_reference_data  # noqa: E402
from desktop.core.session import Session  # noqa: E402
from desktop.core.tasks import (  # noqa: E402
    import_notice,
    notice_input,
    read_notice,
    report_progress,
    task_inputs,
)
from desktop.ui.qt import QApplication  # noqa: E402
from tests.notice_files import seed_paragraphs, write_notice_docx  # noqa: E402

TODAY = dt.date(2020, 4, 2)
RECEIVED = dt.date(2020, 3, 5)
# (task number in the notice, unit code or None for the lead, day, text, done)
REPORTS = (
    (6, None, dt.date(2020, 3, 13), "Đã trình Bộ trưởng ký ban hành Thông tư.", True),
    (7, None, dt.date(2020, 3, 12), "Đã hoàn thiện dự thảo Đề án, gửi xin ý kiến các bộ.", False),
    (7, None, dt.date(2020, 3, 27), "Đã trình Thủ tướng Chính phủ Đề án Chuyển đổi số.", True),
    (2, None, dt.date(2020, 3, 20), "Đã làm việc với 3 doanh nghiệp viễn thông.", False),
    (2, "CNTT", dt.date(2020, 3, 25), "Vụ CNTT đã góp ý phương án smartphone giá rẻ.", True),
    (34, None, dt.date(2020, 3, 6), "Đã rà soát 142 văn bản, gửi Bộ trưởng danh mục.", True),
)
SHOWN_TASK = 7  # the row selected: a task with two reports, done


def build(folder: Path) -> tuple[Session, Path, list[int]]:
    """A database with seed 003 registered and some progress reported; the DOCX; the task ids."""
    session = Session(open_store(folder / "tasks.db"), actor="vanthu", today=lambda: TODAY)
    load_reference_data(session.store)
    docx = write_notice_docx(folder / "thong-bao-ket-luan-quy-I-2020.docx", seed_paragraphs("003"))
    parsed = read_notice(session, docx)
    notice = notice_input(session, parsed, received_on=RECEIVED)
    ids = import_notice(session, notice, task_inputs(parsed)).task_ids
    for n, unit, day, text, done in REPORTS:
        report_progress(session, ids[n - 1], text, done=done, on=day, unit=unit)
    return session, docx, ids


def shoot(app: QApplication, out: Path, written: list[Path]) -> bool:
    """Save `tasks.png` and `notice_import.png` into `out`; False if one could not be written."""
    from desktop.ui.bus import DataBus
    from desktop.ui.context import UiContext
    from desktop.ui.dialogs.notice_import import NoticeImportDialog
    from desktop.ui.main_window import MainWindow
    from desktop.ui.worker import QueryRunner

    with tempfile.TemporaryDirectory(prefix="kiennghi-task-shots-") as tmp:
        session, docx, ids = build(Path(tmp))
        ctx = UiContext(session, QueryRunner(session.store.target), DataBus())
        window = MainWindow(ctx)
        window.resize(*SIZE)
        window.show()
        window.show_screen("tasks")
        settle(app, window, ctx.runner)
        screen = window.tasks
        row = screen.model.row_of(ids[SHOWN_TASK - 1])
        if row is not None:
            screen.table.selectRow(row)
        settle(app, window, ctx.runner)
        ok = save(window, out / "tasks.png", written)
        dialog = NoticeImportDialog(ctx, window, docx)
        dialog.resize(1300, 720)
        dialog.show()
        settle(app, dialog, ctx.runner)
        dialog.received_on.setDate(RECEIVED)  # as the clerk types it: the notice has no date
        dialog.table.scrollToBottom()  # the rows to look at: bodies outside the catalogue
        settle(app, dialog, ctx.runner)
        ok = ok and save(dialog, out / "notice_import.png", written)
        dialog.done(0)
        window.close()
        ctx.runner.wait()
        session.close()
    return ok


def main(argv: list[str] | None = None) -> int:
    """Both screenshots, alone; 0 when written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    with isolated_app() as (app, _):
        args.out.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        if not shoot(app, args.out, written):
            return 1
    return said(written, args.out)


if __name__ == "__main__":
    raise SystemExit(main())
