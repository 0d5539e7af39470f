"""The notice report as DOCX: the letters' Decree 30 header and signature around a task table.

The page is A4 landscape, so the seven columns of the table read without wrapping every word;
header (agency, motto, `Số:      /BC-…`, place and date), the title `BÁO CÁO` with its subject
and the signature block are the công văn's own building blocks (letters/docx_render.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table, _Cell

from db.text import fold
from desktop.core.letters import docx_render as base
from desktop.core.letters.model import Letter
from desktop.core.letters.printed import printable, printed_letter, printed_line
from desktop.core.letters.text_metrics import Look, balanced_lines, text_width
from desktop.core.tasks.report import HEADINGS, OVERDUE, NoticeReport, NoticeReportRow

TITLE, SUBJECT, AS_OF = Look(14, bold=True), Look(14, bold=True), Look(14, italic=True)
CELL, CELL_HEAD, FIELD_ROW = Look(12), Look(12, bold=True), Look(12, bold=True)
COLUMNS = (  # shares of the text width: a date and «Đang thực hiện» fit one line at 12 pt
    ("STT", 0.045),
    ("Nội dung nhiệm vụ", 0.27),
    ("Đơn vị chủ trì, phối hợp", 0.15),
    ("Thời hạn", 0.12),
    ("Tình trạng", 0.12),
    ("Ngày hoàn thành", 0.095),
    ("Báo cáo của đơn vị", 0.20),
)
CELL_PADDING_TWIPS = 57  # 1 mm each side: text never touches the rules
LEFT, CENTER = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER


def _day(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _field_heading(field: str) -> str:
    if not field:
        return "Nhiệm vụ khác"
    return field if fold(field).startswith("linh vuc") else f"Lĩnh vực {field}"


def _units(row: NoticeReportRow) -> str:
    lines = [f"Chủ trì: {row.lead_unit}" if row.lead_unit else "Chưa có đơn vị chủ trì"]
    if row.support_units:
        lines.append(f"Phối hợp: {', '.join(row.support_units)}")
    return "\n".join(lines)


def _deadline(row: NoticeReportRow) -> str:
    if not row.due_text and row.due_on is None:
        return "Không ghi thời hạn"
    if row.due_on is None:
        return row.due_text
    written = row.due_text or ""
    computed = f"Hạn: {row.due_on:%d/%m/%Y}"
    return f"{written}\n({computed})" if written else computed


def _status(row: NoticeReportRow) -> str:
    if row.state == OVERDUE:
        return f"{row.status} {row.days_late} ngày làm việc"
    if row.late:
        return f"{row.status} (sau hạn {row.days_late} ngày làm việc)"
    return row.status


def _report(row: NoticeReportRow) -> str:
    if row.report_on is None:
        return "Chưa có báo cáo"
    who = f", {row.report_unit}" if row.report_unit else ""
    return f"Ngày {row.report_on:%d/%m/%Y}{who}: {row.report}"


def _grid(table: Table) -> None:
    """Single rules on every side of every cell (the borderless table the header uses, ruled)."""
    # Through Word's own "Table Grid" style: LibreOffice draws no direct table borders, so a
    # report opened there (or converted to PDF by it) showed a table without rules.
    table.style = "Table Grid"
    tblpr = table._tbl.tblPr
    for borders in tblpr.xpath("w:tblBorders"):
        tblpr.remove(borders)
    for side in tblpr.xpath("w:tblCellMar/w:left | w:tblCellMar/w:right"):
        side.set(qn("w:w"), str(CELL_PADDING_TWIPS))


def _title(doc: DocxDocument, report: NoticeReport, width: float) -> None:
    table = base._table(doc, [width], rows=1)
    cell = table.cell(0, 0)
    base._add(cell, "BÁO CÁO", TITLE, before=18)
    subject = f"Tình hình thực hiện {report.name}"
    lines = balanced_lines(printed_line(subject), SUBJECT, 0.7 * width)
    base._add(cell, "\n".join(lines), SUBJECT)
    longest = max(text_width(line, SUBJECT) for line in lines)
    base._rule(cell, width, base.AGENCY_RULE_RATIO * longest)  # 1/3 to 1/2 of the line
    base._add(cell, f"(Tính đến ngày {report.as_of:%d/%m/%Y})", AS_OF, before=6)


def _new_row(table: Table) -> tuple[_Cell, ...]:
    return tuple(table.add_row().cells)  # type: ignore[no-untyped-call]  # python-docx 1.2


def _cell(cell: _Cell, text: str, look: Look, align: WD_ALIGN_PARAGRAPH) -> None:
    base._add(cell, printable(text), look, align)


def _tasks(doc: DocxDocument, report: NoticeReport, width: float) -> None:
    fields = list(dict.fromkeys(r.field for r in report.rows))
    grouped = len(fields) > 1 or fields[0] != ""
    widths = [share * width for _, share in COLUMNS]
    table = base._table(doc, widths, rows=1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _grid(table)
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(base._element("w:tblHeader"))  # on every page
    heads = [name for name, _ in COLUMNS]
    heads[4] = f"Tình trạng đến ngày {report.as_of:%d/%m/%Y}"
    for cell, name in zip(header.cells, heads, strict=True):
        _cell(cell, name, CELL_HEAD, CENTER)
    # Row by row through each row's own cells: Table.cell() lists every cell of the table on
    # each call, which made 300 tasks take over three minutes.
    field: str | None = None
    for r in report.rows:
        if grouped and r.field != field:
            field = r.field
            cells = _new_row(table)
            _cell(cells[0].merge(cells[-1]), _field_heading(field), FIELD_ROW, LEFT)
        values = (
            (str(r.ordinal), CENTER),
            (r.content, WD_ALIGN_PARAGRAPH.JUSTIFY),
            (_units(r), LEFT),
            (_deadline(r), CENTER),
            (_status(r), CENTER),
            (_day(r.done_on), CENTER),
            (_report(r), WD_ALIGN_PARAGRAPH.JUSTIFY),
        )
        for cell, (text, align) in zip(_new_row(table), values, strict=True):
            _cell(cell, text, CELL, align)


def report_docx(
    report: NoticeReport, letter: Letter, intro: tuple[str, ...], today: dt.date
) -> bytes:
    """The report as the bytes of a .docx file; `letter` gives its header and signer."""
    doc = Document()
    base._set_styles(doc)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = base.PAGE_HEIGHT, base.PAGE_WIDTH
    section.top_margin, section.bottom_margin = base.MARGIN_TOP, base.MARGIN_BOTTOM
    section.left_margin, section.right_margin = base.MARGIN_LEFT, base.MARGIN_RIGHT
    section.header_distance = section.footer_distance = base.HEADER_DISTANCE
    width = (base.PAGE_HEIGHT.twips - base.MARGIN_LEFT.twips - base.MARGIN_RIGHT.twips) / 20
    lt = printed_letter(dataclasses.replace(letter, body=intro))
    widths = base._columns(lt, width)
    base._header(doc, lt, today, widths)
    _title(doc, report, width)
    base._body(doc, lt)
    for paragraph in doc.paragraphs:  # the numbered headings of the body
        if paragraph.text in HEADINGS:
            for run in paragraph.runs:
                run.font.bold = True
    if report.rows:
        _tasks(doc, report, width)
    else:
        base._add(doc, "Không có nhiệm vụ nào vào sổ đến ngày này.", base.BODY, LEFT)
    base._signature(doc, lt, widths)
    base._page_numbers(doc)
    props = doc.core_properties
    props.title, props.author = report.subject[:255], lt.agency[:255]
    props.language = base.LANG
    props.created = props.modified = dt.datetime.combine(today, dt.time())
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
