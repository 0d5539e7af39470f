"""Vào sổ a notice's tasks: all or nothing, units as the catalogue has them or as written,
the undated task's assignments, and tasks typed by hand from a directive."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from db import petitions as pet
from db import routing
from desktop.core import tasks
from desktop.core.errors import DomainError
from desktop.core.notices import read_deadline
from desktop.core.registry import DocumentInput, register_document
from desktop.core.session import Session
from desktop.core.tasks import TaskInput
from tests.conftest import Clock
from tests.core.tasks.common import RECEIVED, counts, notice
from tests.notice_files import seed_paragraphs, write_notice_docx

GOOD = [
    TaskInput(
        "Hoàn thiện Dự thảo Đề án Chuyển đổi số quốc gia để trình Thủ tướng Chính phủ.",
        unit="THH", due_on=dt.date(2020, 3, 13), due_text="trong tuần 11/2020",
        field="Lĩnh vực Ứng dụng công nghệ thông tin",
    ),
    TaskInput(
        "Triển khai chương trình phổ cập điện thoại thông minh tới 100% dân số.",
        unit="Cục Viễn thông", support_units=("Vụ CNTT",), field="Lĩnh vực Viễn thông",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (
            TaskInput(
                "Xây dựng kế hoạch làm việc với địa phương.",
                unit="VP",
                due_on=dt.date(2020, 3, 4),
                due_text="04/3/2020",
            ),  # fmt: skip
            "Nhiệm vụ 2: hạn 04/03/2020 trước ngày vào sổ 05/03/2020",
        ),
        (TaskInput("   ", unit="VP"), "Nhiệm vụ 2: chưa có nội dung"),
    ],
)
def test_a_bad_task_among_good_ones_writes_nothing(
    tasks_session: Session, bad: TaskInput, message: str
) -> None:
    before = counts(tasks_session)
    with pytest.raises(DomainError, match=message):
        tasks.import_notice(tasks_session, notice(), [GOOD[0], bad, GOOD[1]])
    assert counts(tasks_session) == before
    assert tasks.tasks(tasks_session) == []
    # No số đến was taken either.
    assert tasks.import_notice(tasks_session, notice(), GOOD).incoming_no == 1


def test_a_failure_inside_the_write_undoes_the_document_and_earlier_tasks(
    tasks_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The second task's row fails after the document and the first task are written.
    from db import tasks as repo

    real = repo.insert_details
    calls: list[int] = []

    def second_fails(conn: object, petition_id: int, details: repo.TaskDetails) -> None:
        calls.append(petition_id)
        if len(calls) == 2:
            raise DomainError("Ổ đĩa đầy (thử).")
        real(conn, petition_id, details)  # type: ignore[arg-type]

    monkeypatch.setattr(repo, "insert_details", second_fails)
    before = counts(tasks_session)
    with pytest.raises(DomainError, match="Ổ đĩa đầy"):
        tasks.import_notice(tasks_session, notice(), GOOD)
    assert len(calls) == 2
    assert counts(tasks_session) == before


def test_units_matched_and_bodies_outside_kept_as_written(tasks_session: Session) -> None:
    done = tasks.import_notice(
        tasks_session,
        notice(),
        [
            TaskInput(
                "Phối hợp với VNPost đẩy nhanh việc xây dựng hệ thống mã bưu chính đến địa chỉ.",
                unit="Vụ Bưu chính",
                support_units=("Tổng Công ty Bưu điện Việt Nam (VNPost)", "CNTT"),
                due_on=dt.date(2020, 5, 29),
                due_text="cố gắng hoàn thành trước tháng 6/2020",
            ),
            TaskInput(
                "Xây dựng kế hoạch phát triển hạ tầng số của địa phương.",
                unit="Sở TTTT các tỉnh, thành phố trực thuộc Trung ương",
            ),
        ],
    )
    vnpost, provinces = tasks.tasks(tasks_session, document_id=done.document_id)
    assert [vnpost.id, provinces.id] == done.task_ids
    assert (vnpost.lead_unit, vnpost.lead_code, vnpost.status) == ("Vụ Bưu chính", "BC", "assigned")
    assert vnpost.support_units == (
        "Vụ Công nghệ thông tin",
        "Tổng Công ty Bưu điện Việt Nam (VNPost)",
    )
    given = routing.assignments_of(tasks_session.store, vnpost.id)
    assert [(a.unit_code, a.role, a.due_on) for a in given] == [
        ("BC", "lead", dt.date(2020, 5, 29)),
        ("CNTT", "support", dt.date(2020, 5, 29)),
    ]
    # A body outside the ministry leads as written: nobody in the catalogue is given the task.
    assert (provinces.lead_unit, provinces.lead_code) == (
        "Sở TTTT các tỉnh, thành phố trực thuộc Trung ương",
        None,
    )
    assert (provinces.support_units, provinces.status) == ((), "registered")
    assert routing.assignments_of(tasks_session.store, provinces.id) == []


def test_an_undated_task_runs_to_the_last_working_day_of_the_year(
    tasks_session: Session, clock: Clock
) -> None:
    undated = TaskInput("Đẩy mạnh đào tạo và đưa công nghệ số vào lĩnh vực báo chí.", unit="CBC")
    first = tasks.import_notice(tasks_session, notice(), [undated])
    row = tasks.task(tasks_session, first.task_ids[0])
    assert (row.due_on, row.due_text) == (None, "")  # the register shows no deadline
    [given] = routing.assignments_of(tasks_session.store, row.id)
    assert given.due_on == dt.date(2020, 12, 31) == tasks.undated_due(tasks_session, RECEIVED)
    # 31 December 2022 is a Saturday: the Friday before.
    clock.today = dt.date(2022, 3, 7)
    later = tasks.import_notice(
        tasks_session, notice(received_on=clock.today, issued_on=clock.today, number="9/TB"),
        [undated],
    )  # fmt: skip
    [given] = routing.assignments_of(tasks_session.store, later.task_ids[0])
    assert given.due_on == dt.date(2022, 12, 30)


def test_seed_003_from_its_docx_registers_forty_tasks(
    tasks_session: Session, tmp_path: Path
) -> None:
    path = write_notice_docx(tmp_path / "tb-003.docx", seed_paragraphs("003"))
    parsed = tasks.read_notice(tasks_session, path)
    assert tasks.looks_like_notice(tasks_session, path)
    done = tasks.import_notice(
        tasks_session, tasks.notice_input(tasks_session, parsed), tasks.task_inputs(parsed)
    )
    rows = tasks.tasks(tasks_session, document_id=done.document_id)
    assert [r.id for r in rows] == done.task_ids and len(rows) == 40
    assert [r.content for r in rows] == [t.content for t in parsed.tasks]
    assert [r.due_on for r in rows] == [t.due_on for t in parsed.tasks]
    header = tasks_session.store.one(
        "SELECT kind, title, signer FROM notices WHERE document_id = ?", [done.document_id]
    )
    assert header is not None and tuple(header) == (parsed.kind, parsed.title, parsed.signer)


# -- by hand -----------------------------------------------------------------------------------
# Văn bản 4324/VPCP-KSTT (seed 004) is prose: the clerk types its tasks for the ministry's units.
DIRECTIVE = [
    ("Sửa đổi, bổ sung Nghị định số 130/2018/NĐ-CP quy định chi tiết thi hành Luật Giao dịch"
     " điện tử về chữ ký số và dịch vụ chứng thực chữ ký số theo trình tự, thủ tục rút gọn.",
     "NEAC", ("PC",), "trước tháng 9 năm 2023"),
    ("Chuẩn bị nội dung, hồ sơ phục vụ Quốc hội cho ý kiến về dự thảo Luật Viễn thông.",
     "CVT", (), "trong tháng 6/2023"),
    ("Xây dựng Chiến lược phát triển công nghiệp vi mạch bán dẫn Việt Nam đến năm 2030 và tầm"
     " nhìn 2035.", "CNTT", ("KHCN",), ""),
]  # fmt: skip


def _typed(session: Session) -> list[TaskInput]:
    out = []
    for content, unit, support, written in DIRECTIVE:
        deadline = read_deadline(written, calendar=session.calendar)
        out.append(TaskInput(content, unit=unit, support_units=support,
                             due_on=deadline.due_on, due_text=written))  # fmt: skip
    return out


def test_tasks_typed_by_hand_from_a_directive(tasks_session: Session, clock: Clock) -> None:
    clock.today = dt.date(2023, 6, 15)
    registered = register_document(
        tasks_session,
        DocumentInput(dt.date(2023, 6, 14), "Văn phòng Chính phủ", "4324/VPCP-KSTT",
                      dt.date(2023, 6, 13), "Tập trung lãnh đạo, chỉ đạo triển khai nhiệm vụ"),
    )  # fmt: skip
    ids = tasks.add_tasks(tasks_session, _typed(tasks_session), document_id=registered.document_id)
    rows = tasks.tasks(tasks_session, document_id=registered.document_id)
    assert [r.id for r in rows] == ids
    assert [(r.lead_code, r.support_units, r.due_on, r.due_text, r.status) for r in rows] == [
        ("NEAC", ("Vụ Pháp chế",), dt.date(2023, 8, 31), "trước tháng 9 năm 2023", "assigned"),
        ("CVT", (), dt.date(2023, 6, 30), "trong tháng 6/2023", "assigned"),
        ("CNTT", ("Vụ Khoa học và Công nghệ",), None, "", "assigned"),
    ]
    assert {r.notice_ref for r in rows} == {"4324/VPCP-KSTT"}
    for task_id in ids:
        p = pet.get_petition(tasks_session.store, task_id)
        assert p is not None
        assert (p.origin, p.received_on) == ("Văn phòng Chính phủ", dt.date(2023, 6, 14))
    # Standalone, without a document: the origin is then required.
    alone = tasks.add_tasks(
        tasks_session, _typed(tasks_session)[1:2], origin="Văn phòng Chính phủ",
        received_on=dt.date(2023, 6, 14),
    )  # fmt: skip
    assert tasks.task(tasks_session, alone[0]).document_id is None


def test_tasks_by_hand_refusals_write_nothing(tasks_session: Session, clock: Clock) -> None:
    clock.today = dt.date(2023, 9, 5)
    typed = _typed(tasks_session)
    before = counts(tasks_session)
    cases = [
        ({"origin": ""}, typed, "Chưa nhập nơi giao nhiệm vụ"),
        ({"origin": "VPCP", "received_on": dt.date(2023, 9, 6)}, typed, "06/09/2023 ở tương lai"),
        ({"document_id": 999_999}, typed, "Không có văn bản đến mã 999999"),
        ({"origin": "VPCP"}, [], "Chưa nhập nhiệm vụ nào"),
        # Received after the second task's deadline: the whole list is refused.
        ({"origin": "VPCP", "received_on": dt.date(2023, 7, 3)}, typed,
         "Nhiệm vụ 2: hạn 30/06/2023 trước ngày vào sổ 03/07/2023"),
    ]  # fmt: skip
    for kwargs, given, message in cases:
        with pytest.raises(DomainError, match=message):
            tasks.add_tasks(tasks_session, given, **kwargs)  # type: ignore[arg-type]
    assert counts(tasks_session) == before
