"""A register with overdue petitions and tasks for the chase tests (core, CLI, desktop).

Today is 23/11/2026 (the tests' clock). Cục Tin học hóa (THH) has two overdue petitions, one
overdue task, one task not yet due and one task done; Cục An toàn thông tin (CATTT) has one
overdue petition; no other unit has anything overdue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.core import tasks, workflow
from desktop.core.registry import PetitionInput
from desktop.core.session import Session
from tests.vpcp import register_vpcp

D = dt.date
HAI_PHONG = "Hướng dẫn lộ trình xây dựng Hồ sơ đề xuất cấp độ an toàn hệ thống thông tin."
BEN_TRE = "Hỗ trợ tỉnh Bến Tre xây dựng Khu công nghệ thông tin tập trung."
VINH_PHUC = "Ban hành văn bản quy định về định danh, xác thực điện tử."
LATE_TASK = "Hoàn thiện Dự thảo Đề án Chuyển đổi số quốc gia để trình Thủ tướng Chính phủ."
LATER_TASK = "Xây dựng Trung tâm giám sát quốc gia về Chính phủ điện tử."
DONE_TASK = "Hoàn thiện Thông tư hướng dẫn phương pháp tính chi phí thuê dịch vụ CNTT."


@dataclass(frozen=True)
class Overdue:
    """The ids the tests look for."""

    hai_phong: int
    ben_tre: int
    vinh_phuc: int
    late_task: int
    later_task: int
    done_task: int


def petitions(session: Session) -> tuple[int, int, int]:
    """Hải Phòng and Bến Tre given to THH, Vĩnh Phúc to CATTT, all past due."""
    hai_phong, ben_tre, vinh_phuc = register_vpcp(
        session,
        D(2026, 8, 3),
        D(2026, 7, 30),
        [
            PetitionInput(origin="Hải Phòng", content=HAI_PHONG),
            PetitionInput(origin="Bến Tre", content=BEN_TRE),
            PetitionInput(origin="Vĩnh Phúc", content=VINH_PHUC),
        ],
        summary="Kiến nghị của các địa phương",
    )
    workflow.assign(session, hai_phong, "THH", due_on=D(2026, 9, 15))
    workflow.assign(session, ben_tre, "THH", due_on=D(2026, 10, 1))
    workflow.assign(session, vinh_phuc, "CATTT", due_on=D(2026, 9, 15))
    return hai_phong, ben_tre, vinh_phuc


def notice_tasks(session: Session, *contents: str) -> list[int]:
    """Thông báo 75/TB-BTTTT giving THH the tasks (late: tháng 10/2026; later: năm 2026;
    done: tuần 40/2026), received 01/09/2026."""
    due = {
        LATE_TASK: (D(2026, 10, 30), "tháng 10/2026"),
        LATER_TASK: (D(2026, 12, 31), "trong năm 2026"),
        DONE_TASK: (D(2026, 10, 2), "trong tuần 40/2026"),
    }
    notice = tasks.NoticeInput(
        received_on=D(2026, 9, 1),
        sender="Bộ Thông tin và Truyền thông",
        number="75/TB-BTTTT",
        issued_on=D(2026, 8, 28),
        title="Kết luận của Bộ trưởng tại Hội nghị giao ban Quý III năm 2026",
        kind="Thông báo",
    )
    work = [
        tasks.TaskInput(content=c, unit="THH", due_on=due[c][0], due_text=due[c][1])
        for c in contents
    ]
    return tasks.import_notice(session, notice, work).task_ids


def overdue_work(session: Session) -> Overdue:
    """The whole register of the module docstring."""
    hai_phong, ben_tre, vinh_phuc = petitions(session)
    late, later, done = notice_tasks(session, LATE_TASK, LATER_TASK, DONE_TASK)
    tasks.report_progress(session, done, "Đã ban hành Thông tư.", done=True, on=D(2026, 10, 1))
    return Overdue(hai_phong, ben_tre, vinh_phuc, late, later, done)
