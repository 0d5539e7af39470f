"""The Government Office's letter 5606/VPCP-QHĐP forwarding petitions, registered for a test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session

# Two petitions from Hải Phòng and one from Thái Nguyên, as the register tests number them.
THREE_PETITIONS = (
    PetitionInput(origin="Hải Phòng", content="Hướng dẫn hồ sơ đề xuất cấp độ."),
    PetitionInput(origin="Hải Phòng", content="Định mức sản xuất phát thanh."),
    PetitionInput(origin="Thái Nguyên", content="Khu công nghệ thông tin tập trung."),
)


def register_vpcp(
    session: Session,
    received_on: dt.date,
    sender_date: dt.date,
    petitions: Sequence[PetitionInput] = THREE_PETITIONS,
    **document: Any,
) -> list[int]:
    """Register 5606/VPCP-QHĐP (other fields of the document as given) with these petitions."""
    doc = DocumentInput(
        received_on=received_on,
        sender="Văn phòng Chính phủ",
        sender_ref="5606/VPCP-QHĐP",
        sender_date=sender_date,
        **document,
    )
    return list(register_document(session, doc, list(petitions)).petition_ids)
