"""Petitions for the export tests (core, CLI, screen): one routed and answered with a
multi-paragraph text, one overdue, one of the year before."""

from __future__ import annotations

import datetime as dt

from desktop.core import workflow
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session

D = dt.date
CONTENT = (
    "Đề nghị Bộ xem xét hỗ trợ địa phương:\n"
    "+ Đầu tư hạ tầng viễn thông cho các xã vùng sâu;\n"
    "+ Lắp trạm BTS tại thôn Đồng Tâm, ĐT liên hệ 0912 345 678.\n"
    "Kính đề nghị Bộ quan tâm."
)
REPLY = "Bộ đã chỉ đạo doanh nghiệp viễn thông lắp trạm BTS trong quý I/2027."


def seed(session: Session) -> dict[str, int]:
    """Three petitions: a routed and answered one, an overdue one, one of another year."""
    doc = register_document(
        session,
        DocumentInput(
            received_on=D(2026, 11, 2), sender="Văn phòng Chính phủ",
            sender_ref="5606/VPCP-QHĐP", sender_date=D(2026, 10, 30), incoming_no=12,
        ),
        [
            PetitionInput("Cử tri tỉnh Thái Bình", CONTENT, field="CDS"),
            PetitionInput("Cử tri thành phố Hà Nội", "Chuyển giao dịch vụ công cho bưu chính."),
        ],
    )  # fmt: skip
    old = register_document(
        session,
        DocumentInput(received_on=D(2025, 3, 4), sender="Ban Dân nguyện", incoming_no=7),
        [PetitionInput("Cử tri tỉnh Phú Yên", "Phủ sóng di động vùng biển.")],
    )
    answered, overdue = doc.petition_ids
    workflow.assign(session, answered, "THH")
    workflow.assign(session, answered, "BC", role="support")
    workflow.assign(session, answered, "VP", role="support")
    workflow.reply(
        session, [answered], "answered", REPLY, replied_on=D(2026, 11, 20), letter_ref="88/BTTTT-VP"
    )
    workflow.assign(session, overdue, "BC")  # due 16/11, today 23/11: overdue
    return {"answered": answered, "overdue": overdue, "old": old.petition_ids[0]}
