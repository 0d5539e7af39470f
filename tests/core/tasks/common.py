"""What the task tests share: a notice as the clerk registers it, and the rows written."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop.core.session import Session
from desktop.core.tasks import NoticeInput

RECEIVED = dt.date(2020, 3, 5)
COUNTED = (
    "incoming_documents", "notices", "petitions", "tasks", "assignments", "status_events",
    "progress_reports", "progress_files",
)  # fmt: skip


def notice(**kw: Any) -> NoticeInput:
    """A conclusion notice received on RECEIVED, with a number and a date."""
    fields: dict[str, Any] = {
        "received_on": RECEIVED,
        "sender": "Lãnh đạo Bộ",
        "number": "45/TB-BTTTT",
        "issued_on": RECEIVED,
        "title": "Kết luận của Bộ trưởng tại Hội nghị giao ban Quý I năm 2020",
        "kind": "THÔNG BÁO",
        **kw,
    }
    return NoticeInput(**fields)


def counts(session: Session) -> dict[str, int]:
    """Rows in every table an import or a progress report writes."""
    return {t: int(session.store.scalar(f"SELECT count(*) FROM {t}")) for t in COUNTED}
