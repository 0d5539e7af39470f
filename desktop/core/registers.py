"""Printable registers (Decree 30/2020, Appendix IV) as landscape PDF and as XLSX.

Sổ đăng ký văn bản đến (incoming), sổ đăng ký văn bản đi (outgoing) and sổ theo dõi giải
quyết văn bản đến (tracking): every legal column, for a date range, bound at year end.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape

from db import registers as sql
from db.text import clean
from desktop.core import audit, permissions
from desktop.core.errors import DomainError
from desktop.core.letters.kinds import document_name
from desktop.core.letters.model import is_address
from desktop.core.privacy import masked_or_not
from desktop.core.session import Session
from desktop.core.xlsx_out import print_setup, put

RegisterKind = Literal["incoming", "outgoing", "tracking"]
Cell = str | dt.date

COLUMNS: dict[RegisterKind, tuple[str, ...]] = {
    "incoming": (
        "Ngày đến",
        "Số đến",
        "Tác giả",
        "Số, ký hiệu",
        "Ngày tháng",
        "Tên loại và trích yếu",
        "Đơn vị hoặc người nhận",
        "Ngày chuyển",
        "Ký nhận",
        "Ghi chú",
    ),
    "outgoing": (
        "Số, ký hiệu",
        "Ngày tháng",
        "Tên loại và trích yếu",
        "Người ký",
        "Nơi nhận",
        "Đơn vị, người nhận bản lưu",
        "Số lượng bản",
        "Ngày chuyển",
        "Ký nhận",
        "Ghi chú",
    ),
    "tracking": (
        "Số đến",
        "Tên loại, số, ký hiệu, ngày, cơ quan ban hành",
        "Đơn vị/người nhận",
        "Thời hạn giải quyết",
        "Tiến độ",
        "Số, ký hiệu văn bản trả lời",
        "Ghi chú",
    ),
}

TITLES: dict[RegisterKind, str] = {
    "incoming": "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN",
    "outgoing": "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
    "tracking": "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN",
}

# Relative column widths, tuned so a page of the landscape PDF reads like the paper register.
_WIDTHS: dict[RegisterKind, tuple[float, ...]] = {
    "incoming": (7, 5, 14, 12, 7, 24, 15, 7, 5, 6),
    "outgoing": (10, 7, 22, 11, 19, 9, 5, 7, 5, 6),
    "tracking": (6, 27, 16, 9, 14, 15, 9),
}

_DATE_FORMAT = "%d/%m/%Y"


def _check(kind: str, date_from: dt.date, date_to: dt.date) -> RegisterKind:
    if kind not in COLUMNS:
        raise DomainError(f"Không có sổ «{kind}» (chọn incoming, outgoing hoặc tracking).")
    if date_from > date_to:
        raise DomainError(
            f"Khoảng ngày bị ngược: từ ngày {date_from:%d/%m/%Y} đến ngày {date_to:%d/%m/%Y}."
            " Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."
        )
    return kind


def _lines(values: tuple[str, ...]) -> str:
    return "\n".join(values)


def _copies(copies: tuple[str, ...]) -> tuple[str, str]:
    """Nơi nhận lines besides the recipients (Như trên) and the file copy, and the Lưu units."""
    others, kept = [], ""
    for line in copies:
        text = line.strip().rstrip(";.").strip()
        if text.casefold().startswith("lưu"):
            kept = text.partition(":")[2].strip() or text
        elif text and not text.casefold().startswith("như trên"):
            others.append(text)
    return _lines(tuple(others)), kept


def _count(recipients: tuple[str, ...], copies: tuple[str, ...], kept: str) -> str:
    # "Như trên" stands for the recipients; every other line and each archive unit is one copy.
    others = [c for c in copies if not c.casefold().startswith(("như trên", "lưu"))]
    archive = [u for u in kept.split(",") if u.strip()]
    people = [r for r in recipients if not is_address(r)]  # a person's address is no copy
    return str(len(people) + len(others) + len(archive))


def _progress(e: sql.IncomingEntry) -> str:
    if not e.petitions:
        return "Không có kiến nghị"
    text = f"{e.replied}/{e.petitions} đã trả lời"
    if e.clarify:
        text += f"; {e.clarify} cần làm rõ"
    if e.escalated:
        text += f"; {e.escalated} đã báo cáo cấp trên"
    return text


def _incoming(e: sql.IncomingEntry) -> tuple[Cell | None, ...]:
    return (
        e.received_on,
        str(e.incoming_no),
        e.sender,
        e.sender_ref,
        e.sender_date,
        e.summary,
        _lines(e.lead_units),
        e.transferred_on,
        "",
        "",
    )


def _outgoing(e: sql.OutgoingEntry) -> tuple[Cell | None, ...]:
    kind = "Công văn"
    subject = e.subject.strip()
    summary = f"{kind} {subject}" if subject else kind
    copies, kept = _copies(e.copies)
    signer = "\n".join(v for v in (e.signer, e.signer_title.capitalize()) if v)
    return (
        f"{e.number:02d}/{e.symbol}",
        e.issued_on,
        summary,
        signer,
        _lines(e.recipients) + ("\n" + copies if copies else ""),
        kept,
        _count(e.recipients, e.copies, kept),
        None,
        "",
        "",
    )


def _tracking(e: sql.IncomingEntry) -> tuple[Cell | None, ...]:
    name = document_name(e.sender_ref, e.sender_date) or "Văn bản"
    issuer = f"{name} của {e.sender}" if e.sender else name
    return (
        str(e.incoming_no),
        issuer,
        _lines(e.lead_units),
        e.reply_by or e.earliest_due,
        _progress(e),
        _lines(e.reply_refs),
        "",
    )


def _cells(
    session: Session, kind: RegisterKind, date_from: dt.date, date_to: dt.date, *, masked: bool
) -> list[tuple[Cell | None, ...]]:
    if kind == "outgoing":
        rows = [_outgoing(e) for e in sql.outgoing(session.store, date_from, date_to)]
    else:
        make = _incoming if kind == "incoming" else _tracking
        rows = [make(e) for e in sql.incoming(session.store, date_from, date_to)]
    # Every text cell: a citizen's phone may be in the sender, the summary or a recipient, and
    # the numbers and codes of the other cells are never taken for one (desktop/core/privacy.py).
    return [
        tuple(masked_or_not(clean(c), masked=masked) if isinstance(c, str) else c for c in row)
        for row in rows
    ]


def _prepare(
    session: Session, kind: str, date_from: dt.date, date_to: dt.date, unmasked: bool
) -> RegisterKind:
    checked = _check(kind, date_from, date_to)
    permissions.require(session, "print_registers")
    if unmasked:
        audit.require_unmask(session)
    audit.check_recordable(session)
    return checked


def _write(
    session: Session,
    kind: RegisterKind,
    period: tuple[dt.date, dt.date],
    dest: Path,
    data: bytes,
    rows: int,
    unmasked: bool,
) -> Path:
    audit.write_recorded(
        session, dest, data, kind=kind, rows=rows, masked=not unmasked, period=period
    )
    return dest


def _text(cell: Cell | None) -> str:
    if cell is None:
        return ""
    return cell.strftime(_DATE_FORMAT) if isinstance(cell, dt.date) else cell


def register_rows(
    session: Session,
    kind: RegisterKind,
    date_from: dt.date,
    date_to: dt.date,
    *,
    unmasked: bool = False,
) -> list[tuple[str, ...]]:
    """The register's rows for the range as printed text, one cell per column of COLUMNS."""
    kind = _check(kind, date_from, date_to)
    permissions.require(session, "print_registers")
    if unmasked:
        audit.require_unmask(session)
    cells = _cells(session, kind, date_from, date_to, masked=not unmasked)
    return [tuple(_text(c) for c in row) for row in cells]


def period_text(date_from: dt.date, date_to: dt.date) -> str:
    """`Từ ngày 01/01/2026 đến ngày 31/12/2026`."""
    return f"Từ ngày {date_from:%d/%m/%Y} đến ngày {date_to:%d/%m/%Y}"


def render_register_pdf(
    session: Session,
    kind: RegisterKind,
    date_from: dt.date,
    date_to: dt.date,
    dest: Path,
    *,
    unmasked: bool = False,
) -> Path:
    """Write the register for the range as a landscape A4 PDF, with a page number on each page.

    Phone and ID numbers are masked unless `unmasked` (admin, leader); the file is recorded.
    """
    kind = _prepare(session, kind, date_from, date_to, unmasked)
    # Imported here: reportlab costs start-up time the other commands save.
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_LEFT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer

    from desktop.core.letters.fonts import BOLD, REGULAR, register_fonts

    register_fonts()
    page_w, page_h = landscape(A4)
    # Left margin wider: the printed register is bound on its left edge.
    left, right, top, bottom = 20 * mm, 10 * mm, 12 * mm, 15 * mm
    width = page_w - left - right
    cell = ParagraphStyle("cell", fontName=REGULAR, fontSize=9.5, leading=11.5, alignment=TA_LEFT)
    head = ParagraphStyle("head", parent=cell, fontName=BOLD, alignment=TA_CENTER)
    title = ParagraphStyle("title", fontName=BOLD, fontSize=14, leading=18, alignment=TA_CENTER)
    period = ParagraphStyle(
        "period", parent=title, fontName=REGULAR, fontSize=12, leading=15, spaceAfter=3 * mm
    )

    def para(text: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(escape(clean(text)).replace("\n", "<br/>"), style)

    weights = _WIDTHS[kind]
    widths = [width * w / sum(weights) for w in weights]
    data = [[para(c, head) for c in COLUMNS[kind]]]
    data.append([para(f"({i})", head) for i in range(1, len(widths) + 1)])
    rows = _cells(session, kind, date_from, date_to, masked=not unmasked)
    data += [[para(_text(c), cell) for c in row] for row in rows]
    table = LongTable(data, colWidths=widths, repeatRows=2, splitInRow=1)
    table.setStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, 1), colors.HexColor("#EEEEEE")),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
    )

    def page_number(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 10)
        canvas.drawCentredString(page_w / 2, bottom / 2, f"Trang {doc.page}")
        canvas.restoreState()

    # Built in memory and written whole: a full disk or a bad folder leaves no empty file.
    pdf = io.BytesIO()
    doc = SimpleDocTemplate(
        pdf,
        pagesize=(page_w, page_h),
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=f"{TITLES[kind].capitalize()} – {period_text(date_from, date_to)}",
        author=session.actor,
    )
    story = [para(TITLES[kind], title), para(period_text(date_from, date_to), period)]
    if len(data) == 2:
        story += [table, Spacer(1, 4 * mm), para("Không có văn bản trong khoảng ngày này.", cell)]
    else:
        story.append(table)
    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return _write(session, kind, (date_from, date_to), dest, pdf.getvalue(), len(rows), unmasked)


def render_register_xlsx(
    session: Session,
    kind: RegisterKind,
    date_from: dt.date,
    date_to: dt.date,
    dest: Path,
    *,
    unmasked: bool = False,
) -> Path:
    """Write the register for the range as XLSX: title, bold header, wrapped cells, real dates.

    Phone and ID numbers are masked unless `unmasked` (admin, leader); the file is recorded.
    """
    kind = _prepare(session, kind, date_from, date_to, unmasked)
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = TITLES[kind].capitalize()[:31]
    columns = COLUMNS[kind]
    title = f"{TITLES[kind]} – {period_text(date_from, date_to)}"
    centred = Alignment(horizontal="center")
    put(sheet, 1, 1, title, font=Font(bold=True, size=14), alignment=centred)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    bold = Font(bold=True)
    middle = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for index, name in enumerate(columns, start=1):
        put(sheet, 2, index, name, font=bold, alignment=middle)
    wrap = Alignment(wrap_text=True, vertical="top")
    # The row number is counted here: sheet.max_row walks the sheet (quadratic on a year).
    rows = _cells(session, kind, date_from, date_to, masked=not unmasked)
    for number, row in enumerate(rows, start=3):
        for index, value in enumerate(row, start=1):
            day = "dd/mm/yyyy" if isinstance(value, dt.date) else None
            put(sheet, number, index, value, alignment=wrap, number_format=day)
    weights = _WIDTHS[kind]
    for index, weight in enumerate(weights, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(8.0, weight * 2.2)
    print_setup(sheet, 2)
    xlsx = io.BytesIO()
    book.save(xlsx)
    return _write(session, kind, (date_from, date_to), dest, xlsx.getvalue(), len(rows), unmasked)
