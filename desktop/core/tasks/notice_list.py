"""The notices (thông báo kết luận, chỉ thị) that gave tasks, as the task screens name them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from db import documents as docs
from db import tasks as repo
from desktop.core import permissions
from desktop.core.session import Session

TITLE_CHARS = 70  # a title longer than this is cut in a list cell


@dataclass(frozen=True)
class NoticeRef:
    """A notice registered as văn bản đến: its số đến, its own number and date, its title."""

    document_id: int
    incoming_no: int
    year: int
    received_on: dt.date
    number: str
    issued_on: dt.date | None
    title: str
    kind: str

    @property
    def label(self) -> str:
        """Its number and date ("Số 12/TB-BTTTT ngày 05/03/2020"), else its title, else số đến."""
        if self.number:
            day = f" ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else ""
            return f"Số {self.number}{day}"
        if self.title:
            cut = self.title if len(self.title) <= TITLE_CHARS else self.title[: TITLE_CHARS - 1]
            return cut if cut == self.title else cut.rstrip() + "…"
        return f"Văn bản đến số {self.incoming_no}/{self.year}"


def notice_refs(session: Session, document_ids: Sequence[int]) -> dict[int, NoticeRef]:
    """The notices of these documents (one read each: a register has tens, not thousands)."""
    permissions.require(session, "view")
    out: dict[int, NoticeRef] = {}
    for document_id in dict.fromkeys(document_ids):
        d = docs.get_document(session.store, document_id)
        if d is None:
            continue
        header = repo.get_notice(session.store, document_id) or repo.NoticeHeader()
        out[document_id] = NoticeRef(
            document_id=d.id,
            incoming_no=d.incoming_no,
            year=d.year,
            received_on=d.received_on,
            number=d.sender_ref,
            issued_on=d.sender_date,
            title=header.title or d.summary,
            kind=header.kind,
        )
    return out


def notices_with_tasks(session: Session) -> list[NoticeRef]:
    """Every notice that has tasks in the register, newest received first."""
    permissions.require(session, "view")
    ids = [r.document_id for r in repo.task_rows(session.store) if r.document_id is not None]
    refs = notice_refs(session, ids)
    return sorted(refs.values(), key=lambda n: (n.received_on, n.document_id), reverse=True)
