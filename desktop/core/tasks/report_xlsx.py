"""The notice report as XLSX: title, as-of line, one row per task, then the summary.

Dates are real Excel dates (dd/mm/yyyy), text is text (xlsx_out), the header row is frozen
and repeated on printed pages, and the sheet prints landscape, one page wide.
"""

from __future__ import annotations

import datetime as dt
import io

from desktop.core.tasks.report import (
    DONE,
    STATE_LABELS,
    NoticeReport,
    NoticeReportRow,
    counts_sentence,
)
from desktop.core.xlsx_out import print_setup, put

HEADERS = (
    ("STT", 6),
    ("Mã nhiệm vụ", 10),
    ("Lĩnh vực", 22),
    ("Nội dung nhiệm vụ", 60),
    ("Đơn vị chủ trì", 24),
    ("Đơn vị phối hợp", 28),
    ("Thời hạn (như văn bản ghi)", 22),
    ("Hạn hoàn thành", 13),
    ("Tình trạng", 16),
    ("Ngày hoàn thành", 13),
    ("Trễ hạn (ngày làm việc)", 12),
    ("Ngày báo cáo", 13),
    ("Đơn vị báo cáo", 22),
    ("Báo cáo của đơn vị", 60),
)
HEADER_ROW = 4
DATE_FORMAT = "DD/MM/YYYY"


def _values(r: NoticeReportRow) -> tuple[object, ...]:
    return (
        r.ordinal,
        r.task_id,
        r.field,
        r.content,
        r.lead_unit,
        ", ".join(r.support_units),
        r.due_text or ("" if r.due_on else "Không ghi thời hạn"),
        r.due_on,
        r.status,
        r.done_on,
        r.days_late if r.late else None,
        r.report_on,
        r.report_unit,
        r.report,
    )


def report_xlsx(report: NoticeReport) -> bytes:
    """The report as the bytes of an .xlsx file."""
    from openpyxl import Workbook  # ~0.2 s the desktop need not pay at start-up
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = "Báo cáo thực hiện"
    last = len(HEADERS)
    put(sheet, 1, 1, report.subject, font=Font(bold=True, size=14),
        alignment=Alignment(horizontal="center", wrap_text=True))  # fmt: skip
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    sheet.row_dimensions[1].height = 40
    put(sheet, 2, 1, counts_sentence(report), font=Font(italic=True),
        alignment=Alignment(horizontal="center", wrap_text=True))  # fmt: skip
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    sheet.row_dimensions[2].height = 32
    bold = Font(bold=True)
    middle = Alignment(wrap_text=True, horizontal="center", vertical="center")
    heads = [name for name, _ in HEADERS]
    heads[8] = f"Tình trạng đến ngày {report.as_of:%d/%m/%Y}"
    for column, name in enumerate(heads, start=1):
        put(sheet, HEADER_ROW, column, name, font=bold, alignment=middle)
    wrap = Alignment(wrap_text=True, vertical="top")
    # The row is counted here: sheet.max_row walks the sheet (pitfalls.md).
    row = HEADER_ROW
    for r in report.rows:
        row += 1
        for column, value in enumerate(_values(r), start=1):
            day = DATE_FORMAT if isinstance(value, dt.date) else None
            put(sheet, row, column, value, alignment=wrap, number_format=day)
    c = report.counts
    summary = (
        ("Tổng số nhiệm vụ", c.total),
        (STATE_LABELS[DONE], c.done),
        ("Trong đó: hoàn thành sau hạn", c.done_late),
        ("Đang thực hiện trong hạn", c.open),
        ("Quá hạn", c.overdue),
        (f"Vào sổ sau ngày {report.as_of:%d/%m/%Y} (không tính)", c.later),
    )
    row += 2
    put(sheet, row, 3, f"Tổng hợp đến ngày {report.as_of:%d/%m/%Y}", font=bold)
    for label, count in summary:
        row += 1
        put(sheet, row, 3, label)
        put(sheet, row, 4, count, alignment=Alignment(horizontal="left"))
    for column, (_, width) in enumerate(HEADERS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    print_setup(sheet, HEADER_ROW)
    book.properties.title = report.subject[:255]
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()
