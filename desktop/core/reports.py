"""Báo cáo: statistics for a period and the petition register (what the list shows) as XLSX."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from db import export_rows, search_query
from db import petitions as pet
from db import stats as stats_repo
from db.kinds import Kind
from db.models import Stats
from db.petition_filter import Cursor, PetitionFilter
from desktop.core import audit, permissions, xlsx_out
from desktop.core.agenda import check_kind
from desktop.core.errors import DomainError
from desktop.core.files import check_writable
from desktop.core.privacy import masked_or_not
from desktop.core.reference import find_unit, localities
from desktop.core.session import Session
from desktop.core.text import fold
from desktop.core.types import Store
from desktop.core.vocabulary import STATUS_LABELS, is_overdue

if TYPE_CHECKING:
    from openpyxl import Workbook


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


# Sổ theo dõi kiến nghị as Excel: (header, column width in characters, long text that wraps).
REGISTER_COLUMNS = (
    ("Mã", 8, False),
    ("Số đến", 10, False),
    ("Ngày đến", 11, False),
    ("Cơ quan gửi", 26, True),
    ("Số, ký hiệu văn bản", 20, True),
    ("Ngày văn bản", 11, False),
    ("Nơi kiến nghị", 26, True),
    ("Địa phương", 14, False),
    ("Nội dung kiến nghị", 80, True),
    ("Lĩnh vực", 20, True),
    ("Đơn vị chủ trì", 26, True),
    ("Đơn vị phối hợp", 26, True),
    ("Hạn xử lý", 11, False),
    ("Trạng thái", 20, True),
    ("Quá hạn", 8, False),
    ("Nội dung trả lời", 60, True),
    ("Số công văn trả lời", 18, True),
    ("Ngày trả lời", 11, False),
)
REGISTER_HEADERS = tuple(title for title, _width, _wrap in REGISTER_COLUMNS)
DATE_FORMAT = "dd/mm/yyyy"
PAGE = 500  # rows read per query: a million stream through in pages, never held at once


def register_filter(
    session: Session,
    *,
    status: Sequence[str] = (),
    unit: str | None = None,
    year: int | None = None,
    overdue: bool = False,
) -> PetitionFilter:
    """The register's filter from a command line's words; a Vietnamese error for a bad one."""
    unknown = [s for s in status if s not in STATUS_LABELS]
    if unknown:
        raise DomainError(
            f"Trạng thái «{unknown[0]}» không có; dùng một trong: {', '.join(STATUS_LABELS)}."
        )
    found = find_unit(session.store, unit) if unit else None
    if unit and found is None:
        raise DomainError(f"Không có đơn vị «{unit}» trong danh mục.")
    return PetitionFilter(
        status=tuple(status),
        unit_code=found.code if found else None,
        year=year,
        overdue_on=session.today() if overdue else None,
    )


def _slug(text: str, limit: int = 40) -> str:
    words = re.findall(r"[a-z0-9]+", fold(text))
    return "-".join(words)[:limit].strip("-")


def export_file_name(
    f: PetitionFilter, search: str, today: dt.date, ids: Sequence[int] | None = None
) -> str:
    """A file name saying what is exported: `kien-nghi-qua-han-THH-2026-tim-bts-….xlsx`."""
    if ids is not None:
        return f"kien-nghi-ma-{'-'.join(str(i) for i in ids[:3])}-{today:%Y-%m-%d}.xlsx"
    parts = [_slug(STATUS_LABELS.get(s, s)) for s in f.status]
    if f.overdue_on is not None:
        parts.append("qua-han")
    if f.unit_code:
        parts.append(_slug(f.unit_code, 20).upper())
    if f.year is not None:
        parts.append(str(f.year))
    if f.origin:
        parts.append(_slug(f.origin))
    if f.document_id is not None:
        parts.append(f"van-ban-{f.document_id}")
    if f.received_from or f.received_to:
        span = [f"{d:%d%m%Y}" for d in (f.received_from, f.received_to) if d]
        parts.append("den-" + "-".join(span))
    if search.strip() and _slug(search):
        parts.append("tim-" + _slug(search))
    stem = "-".join(["kien-nghi", *[p for p in parts if p]]) if parts else "so-kien-nghi"
    return f"{stem}-{today:%Y-%m-%d}.xlsx"


def describe_scope(f: PetitionFilter, search: str = "", ids: Sequence[int] | None = None) -> str:
    """What an export will hold, in the clerk's words (for the export dialog)."""
    if ids is not None:
        return "Các kiến nghị mã " + ", ".join(str(i) for i in ids) + "."
    parts = []
    if f.status:
        parts.append("trạng thái " + ", ".join(STATUS_LABELS.get(s, s) for s in f.status))
    if f.overdue_on is not None:
        parts.append(f"quá hạn ngày {f.overdue_on:%d/%m/%Y}")
    if f.unit_code:
        parts.append(f"đơn vị {f.unit_code}")
    if f.field_id is not None:
        parts.append("lĩnh vực đã chọn")
    if f.year is not None:
        parts.append(f"năm {f.year}")
    if f.origin:
        parts.append(f"nơi kiến nghị «{f.origin}»")
    if f.document_id is not None:
        parts.append(f"văn bản đến mã {f.document_id}")
    if f.received_from:
        parts.append(f"nhận từ {f.received_from:%d/%m/%Y}")
    if f.received_to:
        parts.append(f"nhận đến {f.received_to:%d/%m/%Y}")
    if search.strip():
        parts.append(f"khớp «{search.strip()}» (mọi kết quả, mới nhất trước)")
    if not parts:
        return "Toàn bộ sổ kiến nghị."
    return "Các kiến nghị đang hiện trong danh sách: " + "; ".join(parts) + "."


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9]+", fold(text))) + " "


def locality_finder(names: Sequence[str]) -> Callable[[str], str]:
    """Finds the province or city named in an origin (`Cử tri thành phố Hà Nội` → `Hà Nội`),
    or ""; the names folded once, each origin looked at once (a register repeats them)."""
    keys = [(name, _words(name)) for name in names]
    found: dict[str, str] = {}

    def of(origin: str) -> str:
        if origin in found:
            return found[origin]
        folded = _words(origin)
        best, where = "", -1
        for name, key in keys:
            at = folded.rfind(key)
            # The last one named wins (`Ông An, thôn Hà Nam, tỉnh Bắc Ninh`), the longest on a tie.
            if at > where or (at == where >= 0 and len(name) > len(best)):
                best, where = name, at
        if len(found) < 100_000:  # bounded: a million distinct people's names would not fit
            found[origin] = best
        return best

    return of


def export_register(
    session: Session,
    dest: Path,
    f: PetitionFilter | None = None,
    progress: Callable[[int, int], bool] | None = None,
    *,
    search: str = "",
    ids: Sequence[int] | None = None,
    unmasked: bool = False,
) -> int:
    """Write the petitions the filter (and the search words, as the screen searches them)
    select, or exactly `ids` (a list showing chosen petitions), to an XLSX file, recorded in
    the audit log; returns the rows written.

    `progress(done, total)` may return False to cancel; nothing is written then. Phone and ID
    numbers are masked unless `unmasked` (admin, leader only). Rows are read and written a page
    at a time (a write-only workbook), so a million petitions never sit in memory.
    """
    from openpyxl import Workbook  # imported here: ~0.2 s the desktop need not pay at start-up
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    if dest.suffix.lower() != ".xlsx":
        raise DomainError(f"Tệp xuất phải có đuôi .xlsx (được «{dest.name}»).")
    permissions.require(session, "reports")
    if unmasked:
        audit.require_unmask(session)
    audit.check_recordable(session)
    check_writable(dest)  # a read-only or missing folder is said before a single row is read
    f = f or PetitionFilter()
    search = search.strip()
    if search and search_query.parse(search) is None:
        raise DomainError(f"Câu tìm «{search}» không có chữ hay số nào để tìm.")
    store = session.store
    if ids is not None:
        total = len(ids)
    else:
        total = export_rows.search_count(store, search, f) if search else pet.count(store, f)
    today = session.today()
    locality_of = locality_finder([loc.name for loc in localities(store)])
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sổ theo dõi kiến nghị")
    for i, (_title, width, _wrap) in enumerate(REGISTER_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    last = get_column_letter(len(REGISTER_COLUMNS))
    ws.freeze_panes = "A2"
    _print_setup(ws)
    top = Alignment(vertical="top")
    wrap = Alignment(vertical="top", wrap_text=True)
    heading = Alignment(vertical="center", wrap_text=True)
    bold = Font(bold=True)
    ws.append(
        [xlsx_out.cell(ws, title, font=bold, alignment=heading) for title in REGISTER_HEADERS]
    )
    styles = [wrap if long else top for _title, _width, long in REGISTER_COLUMNS]

    def personal(value: str) -> str:
        # What the sender wrote may carry a phone or CCCD number (Decree 13/2023).
        return masked_or_not(value, masked=not unmasked)

    def line(r: export_rows.ExportRow) -> list[object]:
        overdue = is_overdue(r, today)
        number = "" if r.incoming_no is None else f"{r.incoming_no}/{r.incoming_year}"
        return [
            r.id, number, r.received_on, personal(r.sender), r.sender_ref, r.sender_date,
            personal(r.origin), locality_of(r.origin), personal(r.content),
            r.field or "", r.lead_unit or "", "\n".join(r.support_units), r.due_on,
            STATUS_LABELS[r.status], "Có" if overdue else "", personal(r.reply_text),
            r.reply_letter, r.reply_on,
        ]  # fmt: skip

    def cell(value: object, style: object) -> xlsx_out.XlsxCell:
        if isinstance(value, dt.date):
            return xlsx_out.cell(ws, value, alignment=top, number_format=DATE_FORMAT)
        # Petition text is whatever the sender wrote: "=HYPERLINK(…)" must stay text.
        return xlsx_out.cell(ws, "" if value is None else value, alignment=style)

    written = 0
    try:
        for rows in _pages(store, f, search, ids):
            for r in rows:
                ws.append([cell(v, s) for v, s in zip(line(r), styles, strict=True)])
            written += len(rows)
            if progress is not None and progress(written, total) is False:
                raise DomainError("Đã hủy xuất sổ; không có tệp nào được ghi.")
        # Over every row written (the sheet's XML after its rows is made on saving): Excel
        # filters only within the range, where LibreOffice would have widened a header-only one.
        ws.auto_filter.ref = f"A1:{last}{written + 1}"
        # Zipped straight onto the temporary file beside `dest` (a million rows make ~185 MB,
        # never held in memory); files.write_atomic renames it into place once whole on disk.
        audit.write_recorded(
            session, dest, wb.save, kind="petitions", rows=written, masked=not unmasked,
            period=(f.received_from, f.received_to),
            filters={**filter_detail(f), "search": search, "ids": list(ids or ())},
        )  # fmt: skip
    except BaseException:
        _drop_sheet_files(wb)  # cancelled, or failed: no save (or no whole one) removed it
        raise
    return written


def _drop_sheet_files(wb: Workbook) -> None:
    """Remove the temporary files openpyxl streams a write-only sheet's rows into (in the
    system's temporary folder, as large as the rows unzipped), for a save that will not come
    or did not end: only a whole save removes them, else they stay until the program exits."""
    for ws in wb.worksheets:
        with contextlib.suppress(Exception):
            if not ws.closed:
                ws.close()  # closes the file first: Windows cannot remove an open one
        writer = getattr(ws, "_writer", None)  # openpyxl's own: no public way to it
        with contextlib.suppress(Exception):
            if writer is not None and os.path.exists(writer.out):
                writer.cleanup()


def _print_setup(ws: xlsx_out.Sheet) -> None:
    """Printed from Excel: A4 landscape, the header and the numbers (Mã, Số đến) on every page.

    Not fitted to one page wide: eighteen columns at a third of their size cannot be read.
    (xlsx_out.print_setup fits, and reads a class constant a write-only sheet lacks.)"""
    ws.print_title_rows = "1:1"
    ws.print_title_cols = "A:B"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.oddFooter.center.text = "Trang &P"


def _pages(
    store: Store, f: PetitionFilter, search: str, ids: Sequence[int] | None
) -> Iterator[list[export_rows.ExportRow]]:
    """The rows to export, a page at a time: the ids given, in their order; the search's
    matches newest first; or the register in the filter's order (the screen's)."""
    if ids is not None:
        for start in range(0, len(ids), PAGE):
            yield export_rows.rows_by_ids(store, ids[start : start + PAGE])
        return
    if search:
        for ids in export_rows.search_id_pages(store, search, f, limit=PAGE):
            yield export_rows.rows_by_ids(store, ids)
        return
    after: Cursor | None = None
    while True:
        rows, after = export_rows.page(store, f, limit=PAGE, after=after)
        if rows:
            yield rows
        if after is None:
            return


def filter_detail(f: PetitionFilter) -> dict[str, object]:
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
