"""Báo cáo tiến độ: a supporting unit completes its part only, the lead completes the task, the
files sent with a report are kept whole, and refusals write nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from db import petitions as pet
from db import routing
from desktop.core import tasks, vocabulary
from desktop.core.errors import DomainError
from desktop.core.session import Session
from desktop.core.tasks import TaskInput
from tests.conftest import Clock
from tests.core.tasks.common import counts, notice

DUE = dt.date(2020, 6, 30)


@pytest.fixture
def task_id(tasks_session: Session) -> int:
    """A task of Cục Viễn thông, with Vụ CNTT and Cục THH supporting, due at the end of June."""
    done = tasks.import_notice(
        tasks_session,
        notice(),
        [
            TaskInput(
                "Thúc đẩy các doanh nghiệp hợp tác sản xuất smartphone giá rẻ.",
                unit="CVT", support_units=("CNTT", "THH"), due_on=DUE, due_text="tháng 6/2020",
            )
        ],
    )  # fmt: skip
    return done.task_ids[0]


def _parts(session: Session, task_id: int) -> dict[str, dt.date | None]:
    return {a.unit_code: a.completed_on for a in routing.assignments_of(session.store, task_id)}


def test_a_supporting_unit_completes_only_its_part(
    tasks_session: Session, clock: Clock, task_id: int
) -> None:
    clock.today = dt.date(2020, 3, 12)
    tasks.report_progress(tasks_session, task_id, "Đang làm việc với doanh nghiệp.", unit="THH")
    tasks.report_progress(tasks_session, task_id, "Vụ CNTT đã xong phần việc.", done=True,
                          unit="Vụ Công nghệ thông tin", on=dt.date(2020, 3, 10))  # fmt: skip
    row = tasks.task(tasks_session, task_id)
    assert (row.status, row.done_on) == ("assigned", None)
    assert row.last_report == "Đang làm việc với doanh nghiệp."  # the latest by its date
    assert _parts(tasks_session, task_id) == {
        "CVT": None, "CNTT": dt.date(2020, 3, 10), "THH": None,
    }  # fmt: skip
    assert not vocabulary.is_overdue(row, dt.date(2020, 6, 30))
    assert vocabulary.is_overdue(row, dt.date(2020, 7, 1))  # a part done does not stop the clock

    # The lead's "done" completes the task and every open part, on the day it reported.
    clock.today = dt.date(2020, 3, 20)
    tasks.report_progress(tasks_session, task_id, "Cục Viễn thông đã hoàn thành.", done=True,
                          on=dt.date(2020, 3, 18))  # fmt: skip
    row = tasks.task(tasks_session, task_id)
    assert (row.status, row.done_on) == ("answered", dt.date(2020, 3, 18))
    assert not vocabulary.is_overdue(row, dt.date(2020, 7, 1))
    assert _parts(tasks_session, task_id) == {
        "CVT": dt.date(2020, 3, 18), "CNTT": dt.date(2020, 3, 10), "THH": dt.date(2020, 3, 18),
    }  # fmt: skip
    reports = tasks.progress(tasks_session, task_id)
    assert [(r.unit_name, r.reported_on, r.done) for r in reports] == [
        ("Vụ Công nghệ thông tin", dt.date(2020, 3, 10), True),
        ("Cục Tin học hóa", dt.date(2020, 3, 12), False),
        ("Cục Viễn thông", dt.date(2020, 3, 18), True),
    ]
    events = [e.note for e in pet.events_of(tasks_session.store, task_id)]
    assert events[-3:] == [
        "Cục Tin học hóa báo cáo tiến độ ngày 12/03/2020",
        "Vụ Công nghệ thông tin hoàn thành phần việc ngày 10/03/2020",
        "Cục Viễn thông báo cáo hoàn thành ngày 18/03/2020",
    ]
    with pytest.raises(DomainError, match="đã hoàn thành: không ghi báo cáo tiến độ thêm được"):
        tasks.report_progress(tasks_session, task_id, "Bổ sung.", unit="THH")


def test_progress_files_are_kept_whole(
    tasks_session: Session, clock: Clock, task_id: int, tmp_path: Path
) -> None:
    clock.today = dt.date(2020, 3, 12)
    pdf = tmp_path / "bao-cao-tien-do.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    sheet = tmp_path / "phụ lục.xlsx"
    sheet.write_bytes(b"PK\x03\x04" + b"\x00\xff" * 1000)
    report_id = tasks.report_progress(
        tasks_session, task_id, "Gửi báo cáo và phụ lục.", attachments=[pdf, sheet]
    )
    [report] = tasks.progress(tasks_session, task_id)
    assert (report.id, report.files) == (report_id, ("bao-cao-tien-do.pdf", "phụ lục.xlsx"))
    stored = tasks_session.store.all(
        "SELECT filename, mime, size, sha256, content FROM progress_files"
        " WHERE progress_id = ? ORDER BY id",
        [report_id],
    )
    for row, path in zip(stored, (pdf, sheet), strict=True):
        content = path.read_bytes()
        assert row["filename"] == path.name
        assert bytes(row["content"]) == content and row["size"] == len(content)
        assert row["sha256"] == hashlib.sha256(content).hexdigest()
    assert stored[0]["mime"] == "application/pdf"


def test_refusals_write_nothing(
    tasks_session: Session, clock: Clock, task_id: int, tmp_path: Path
) -> None:
    clock.today = dt.date(2020, 3, 12)
    good = tmp_path / "ok.pdf"
    good.write_bytes(b"%PDF")
    before = counts(tasks_session)
    cases = [
        ({"text": "  \n "}, "Chưa nhập nội dung báo cáo tiến độ"),
        ({"text": "x", "on": dt.date(2020, 3, 13)}, "Ngày báo cáo 13/03/2020 ở tương lai"),
        ({"text": "x", "on": dt.date(2020, 3, 4)}, "trước ngày vào sổ nhiệm vụ 05/03/2020"),
        ({"text": "x", "unit": "VP"}, f"Nhiệm vụ {task_id} không giao cho Văn phòng Bộ"),
        ({"text": "x", "unit": "Không có"}, "Không có đơn vị «Không có» trong danh mục"),
        ({"text": "x", "attachments": [good, tmp_path / "mat.pdf"]}, "Không tìm thấy tệp"),
        ({"text": "x", "attachments": [tmp_path]}, "là thư mục, không phải tệp"),
    ]
    for kwargs, message in cases:
        with pytest.raises(DomainError, match=message):
            tasks.report_progress(tasks_session, task_id, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(DomainError, match="Không có nhiệm vụ mã 999999"):
        tasks.report_progress(tasks_session, 999_999, "x")
    assert counts(tasks_session) == before
