"""Seed 003 registered with a few progress reports: the register the notice-report tests read.

The notice is received on 05/03/2020; the reports are recorded on 15/04/2020 and dated by the
units' reports: task 6 (due 13/03/2020, "trong tuần 11/2020") reported under way on 10/03 and
done on 20/03 (late), task 7 (due the same day) done on 12/03 (on time).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import docx

from desktop.core import tasks
from desktop.core.session import Session
from tests.conftest import Clock
from tests.notice_files import seed_paragraphs, write_notice_docx

RECEIVED = dt.date(2020, 3, 5)
TODAY = dt.date(2020, 4, 15)
BEFORE = dt.date(2020, 3, 16)  # task 6 overdue and under way, task 7 done
AFTER = dt.date(2020, 3, 25)  # task 6 done late
UNDER_WAY = "Đang hoàn thiện dự thảo Thông tư, gửi xin ý kiến các đơn vị."
DONE_LATE = "Đã trình Bộ trưởng ký ban hành Thông tư."
DONE_ON_TIME = "Đã trình Thủ tướng Chính phủ Dự thảo Đề án Chuyển đổi số quốc gia."
LATE_TASK = "Hoàn thiện, trình Bộ trưởng xem xét, ban hành Thông tư hướng dẫn phương pháp"
SUBJECT = (
    "Tình hình thực hiện Thông báo kết luận của Bộ trưởng Nguyễn Mạnh Hùng tại Hội nghị giao"
    " ban công tác QLNN với các Sở TTTT Quý I năm 2020"
)


@dataclass(frozen=True)
class Seeded:
    """The notice registered: its document and tasks (6 and 7 of the notice by position)."""

    document_id: int
    task_ids: list[int]

    @property
    def late(self) -> int:
        return self.task_ids[5]

    @property
    def on_time(self) -> int:
        return self.task_ids[6]


def seed_notice(session: Session, clock: Clock, folder: Path) -> Seeded:
    """Register seed 003 received on 05/03/2020 and record the reports; `clock` ends at TODAY."""
    clock.today = RECEIVED
    path = write_notice_docx(folder / "thong-bao-003.docx", seed_paragraphs("003"))
    parsed = tasks.read_notice(session, path)
    notice = tasks.notice_input(session, parsed, received_on=RECEIVED)
    imported = tasks.import_notice(session, notice, tasks.task_inputs(parsed))
    clock.today = TODAY
    seeded = Seeded(imported.document_id, imported.task_ids)
    tasks.report_progress(session, seeded.late, UNDER_WAY, on=dt.date(2020, 3, 10))
    tasks.report_progress(session, seeded.late, DONE_LATE, done=True, on=dt.date(2020, 3, 20))
    tasks.report_progress(session, seeded.on_time, DONE_ON_TIME, done=True, on=dt.date(2020, 3, 12))
    return seeded


def docx_task_rows(path: Path) -> dict[int, list[str]]:
    """The task table of a report read back: STT → the row's cells (field rows left out)."""
    document = docx.Document(str(path))
    table = next(t for t in document.tables if t.cell(0, 0).text == "STT")
    return {
        int(row.cells[0].text): [c.text for c in row.cells]
        for row in table.rows[1:]
        if row.cells[0].text.isdigit()
    }


def docx_lines(path: Path) -> list[str]:
    """Every paragraph of the report, inside tables too, in reading order."""
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            seen: list[object] = []
            for cell in row.cells:
                if cell._tc not in seen:  # a merged cell is listed once per column it spans
                    seen.append(cell._tc)
                    lines.extend(p.text for p in cell.paragraphs)
    return lines
