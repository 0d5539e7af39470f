"""Báo cáo: statistics for a period and the petition register as XLSX."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

from db import petitions as pet
from db import stats as stats_repo
from db.kinds import Kind
from db.models import Stats
from desktop.core import audit, permissions, xlsx_out
from desktop.core.agenda import check_kind
from desktop.core.errors import DomainError
from desktop.core.privacy import masked_or_not
from desktop.core.session import Session
from desktop.core.workflow import STATUS_LABELS


def period_stats(
    session: Session,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    *,
    kind: Kind = "petition",
    as_of: dt.date | None = None,
) -> Stats:
    """Counts of the petitions, tasks or both (`kind` None) received in [from, to], today or
    as they stood at the end of `as_of` (what was answered or done by then)."""
    if received_from and received_to and received_to < received_from:
        raise DomainError(
            f"Khoảng thời gian không hợp lệ: {received_from:%d/%m/%Y} – {received_to:%d/%m/%Y}."
        )
    today = session.today()
    if as_of is not None and as_of > today:
        raise DomainError(
            f"Ngày tính số liệu {as_of:%d/%m/%Y} ở tương lai (hôm nay là {today:%d/%m/%Y})."
        )
    return stats_repo.stats(
        session.store, today=today, received_from=received_from, received_to=received_to,
        kind=check_kind(kind), as_of=as_of,
    )  # fmt: skip


REGISTER_HEADERS = (
    "Mã",
    "Số đến",
    "Ngày đến",
    "Nơi kiến nghị",
    "Tóm tắt",
    "Lĩnh vực",
    "Đơn vị chủ trì",
    "Hạn xử lý",
    "Trạng thái",
    "Quá hạn",
)


def export_register(
    session: Session,
    dest: Path,
    f: pet.PetitionFilter | None = None,
    progress: Callable[[int, int], bool] | None = None,
    *,
    unmasked: bool = False,
) -> int:
    """Write the petition register to an XLSX file, recorded in the audit log; returns the rows.

    `progress(done, total)` may return False to cancel; nothing is written then. Phone and ID
    numbers in the origin and summary are masked unless `unmasked` (admin, leader only).
    """
    from openpyxl import Workbook  # imported here: ~0.2 s the desktop need not pay at start-up
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    if dest.suffix.lower() != ".xlsx":
        raise DomainError(f"Tệp xuất phải có đuôi .xlsx (được «{dest.name}»).")
    permissions.require(session, "reports")
    if unmasked:
        audit.require_unmask(session)
    audit.check_recordable(session)
    f = f or pet.PetitionFilter()
    total = pet.count(session.store, f)
    today = session.today()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sổ theo dõi kiến nghị")
    widths = (8, 8, 12, 28, 70, 24, 30, 12, 22, 9)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    bold = Font(bold=True)
    ws.append([xlsx_out.cell(ws, title, font=bold) for title in REGISTER_HEADERS])
    ws.freeze_panes = "A2"

    def day(value: dt.date | None) -> xlsx_out.XlsxCell:
        return xlsx_out.cell(ws, value, number_format="DD/MM/YYYY") if value else None

    def text(value: str | None) -> xlsx_out.XlsxCell:
        # Petition text is whatever the sender wrote: "=HYPERLINK(…)" must stay text.
        return xlsx_out.cell(ws, value or "")

    def personal(value: str | None) -> xlsx_out.XlsxCell:
        # What the sender wrote may carry a phone or CCCD number (Decree 13/2023).
        return text(masked_or_not(value or "", masked=not unmasked))

    written = 0
    cancelled = False
    after: tuple[str, int] | None = None
    while True:
        page = pet.list_rows(session.store, f, limit=2000, after=after)
        if not page:
            break
        for r in page:
            overdue = r.status in pet.OPEN_STATUSES and r.due_on is not None and r.due_on < today
            ws.append(
                [
                    xlsx_out.cell(ws, r.id),
                    xlsx_out.cell(ws, r.incoming_no),
                    day(r.received_on),
                    personal(r.origin),
                    personal(r.summary),
                    text(r.field),
                    text(r.lead_unit),
                    day(r.due_on),
                    text(STATUS_LABELS[r.status]),
                    text("Có" if overdue else ""),
                ]
            )
        written += len(page)
        after = (page[-1].received_on.isoformat(), page[-1].id)
        if progress is not None and progress(written, total) is False:
            cancelled = True
            break
    # Zipped in memory, then written whole (write_atomic): openpyxl saving onto a full disk
    # masked the OSError with lxml errors and printed tracebacks from its finalizers. Saved
    # even when cancelled: saving is what removes openpyxl's temporary sheet file.
    data = io.BytesIO()
    wb.save(data)
    if cancelled:
        raise DomainError("Đã hủy xuất sổ; không có tệp nào được ghi.")
    audit.write_recorded(
        session, dest, data.getvalue(), kind="petitions", rows=written, masked=not unmasked,
        period=(f.received_from, f.received_to), filters=filter_detail(f),
    )  # fmt: skip
    return written


def filter_detail(f: pet.PetitionFilter) -> dict[str, object]:
    """The filters an export was made with, as the audit log keeps them (JSON values)."""
    return {
        "status": list(f.status),
        "unit": f.unit_code,
        "field_id": f.field_id,
        "origin": f.origin,
        "year": f.year,
        "overdue_on": f.overdue_on.isoformat() if f.overdue_on else None,
        "document_id": f.document_id,
    }
