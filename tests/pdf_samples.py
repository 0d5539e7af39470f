"""Render petition tables to PDF with reportlab, as a Government Office letter prints them.

Shared by the PDF import, OCR and attachment tests. `render_petition_pdf` writes seed 000's
letter (heading, Số, V/v, place and date, body with the reply-by date, signature) on page 1 and,
from page 2, the annex: its title, "(Kèm theo Công văn số … ngày … của Văn phòng Chính phủ)" and
the ruled table STT / ĐỊA PHƯƠNG / KIẾN NGHỊ with its header repeated on every page, as Word
prints a table whose header row repeats.

Rows are given as for the DOCX builders in tests/core/importers/fixtures.py: [STT, origin,
content], each cell a string, a sequence of strings (one paragraph each), None, or MERGED (the
cell continues the one above: drawn as one cell spanning the rows), so a DOCX twin is built from
the very same rows.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

import pypdfium2 as pdfium
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop.core.letters.fonts import register_fonts
from tests.core.importers import fixtures as fx
from tests.core.importers.fixtures import MERGED, CellValue
from tests.core.importers.seed import (
    ANNEX_TITLE,
    LETTER_HEAD_RIGHT,
    SEED_HEADER,
    SEED_LETTER,
    SEED_SENDER,
    SEED_SIGNATURE,
    SEED_SUMMARY,
)

__all__ = ["MERGED", "render_petition_pdf"]

_SEED_REPLY = "trước ngày 15 tháng 09 năm 2020"
_COLUMNS = (1.5 * cm, 3.4 * cm)  # STT, ĐỊA PHƯƠNG; KIẾN NGHỊ takes the rest
_FRAME_WIDTH = A4[0] - 30 * mm - 15 * mm


def long_date(day: date) -> str:
    """«ngày 10 tháng 7 năm 2020», as letters write their date."""
    return f"ngày {day.day:02d} tháng {day.month} năm {day.year}"


def render_petition_pdf(
    path: Path,
    rows: Sequence[Sequence[CellValue]],
    *,
    letter_number: str,
    letter_date: date,
    reply_by: date | None,
    pages: int | None = None,
    header: Sequence[str] = SEED_HEADER,
    numbering_row: bool = False,
    page_break_after: Sequence[int] = (),
) -> Path:
    """Write the letter and its petition table as a text PDF at `path`; return `path`.

    `pages=None`: the table starts on page 2 and takes the pages its rows need. `pages=N`: the
    PDF has exactly N pages, the rows repeated (numeric STT continuing) until the table fills
    them; with N=1 the given rows follow the letter on its one page (ValueError if they do not
    fit: seed 000's last three rows do).
    `rows=()` writes the letter alone, without any table. `reply_by=None` leaves the letter's
    "trước ngày …" out. `page_break_after=(n, …)` starts a new page (header repeated) after
    data row n: a MERGED run going on there is drawn as an empty cell spanning its rows, and
    a row [None, None, "rest"] after the break reads as a row Word cut at the page's end.
    """
    path = Path(path)
    breaks = tuple(page_break_after)
    if pages is None or not rows:
        data = _render(
            rows, letter_number, letter_date, reply_by, header, numbering_row, True, breaks
        )
    else:
        data = _fill_pages(
            rows, pages, letter_number, letter_date, reply_by, header, numbering_row, breaks
        )
    path.write_bytes(data)
    return path


def render_seed_pdf(
    path: Path, rows: Sequence[Sequence[CellValue]] | None = None, *, pages: int | None = None
) -> Path:
    """Seed 000's letter (its number, date and reply-by date) with `rows`, by default its own
    six petitions, as a text PDF at `path`."""
    return render_petition_pdf(
        path,
        fx.seed_rows() if rows is None else rows,
        letter_number=fx.SEED_REF,
        letter_date=fx.SEED_DATE,
        reply_by=fx.SEED_REPLY_BY,
        pages=pages,
    )


def _fill_pages(
    rows: Sequence[Sequence[CellValue]],
    pages: int,
    number: str,
    dated: date,
    reply_by: date | None,
    header: Sequence[str],
    numbering_row: bool,
    breaks: tuple[int, ...],
) -> bytes:
    if pages < 1:
        raise ValueError("pages must be at least 1")
    new_page = pages > 1

    def attempt(count: int) -> tuple[int, bytes]:
        data = _render(
            _cycled(rows, count), number, dated, reply_by, header, numbering_row, new_page, breaks
        )
        return _page_count(data), data

    found, data = attempt(len(rows))
    if found > pages:
        raise ValueError(f"{len(rows)} rows already need {found} pages, more than {pages}")
    if found == 1 and pages == 1:
        return data
    # Guess from the rows per page of the first try, then bisect between bounds around it.
    per_page = len(rows) / max(found - new_page, 1)
    guess = max(len(rows), round(per_page * (pages - new_page)))
    low, best = len(rows), data
    high = guess
    while True:
        found, data = attempt(high)
        if found > pages:
            break
        low, best = high, data
        high = max(high + 1, round(high * 1.2))
    while high - low > 1:
        middle = (low + high) // 2
        found, data = attempt(middle)
        if found <= pages:
            low, best = middle, data
        else:
            high = middle
    return best


def _cycled(rows: Sequence[Sequence[CellValue]], count: int) -> list[list[CellValue]]:
    """`count` rows: the given ones, then again, numeric STT continuing from the last one."""
    if any(value is MERGED for value in rows[0]):
        raise ValueError("the first row cannot continue a merged cell")
    out: list[list[CellValue]] = []
    number = 0
    for index in range(count):
        row = list(rows[index % len(rows)])
        ordinal = row[0] if row else None
        if isinstance(ordinal, str) and ordinal.strip().isdigit():
            number += 1
            row[0] = str(number)
        out.append(row)
    return out


def _page_count(data: bytes) -> int:
    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def _styles() -> dict[str, ParagraphStyle]:
    family = register_fonts()
    base = ParagraphStyle("base", fontName=family, fontSize=12, leading=14.5)
    return {
        "cell": base,
        "head": ParagraphStyle("head", base, fontName=f"{family}-Bold", alignment=1),
        "center": ParagraphStyle("center", base, alignment=1),
        "body": ParagraphStyle("body", base, fontSize=13, leading=16, alignment=4, spaceAfter=4),
        "bold": ParagraphStyle("bold", base, fontName=f"{family}-Bold", alignment=1),
        "italic": ParagraphStyle("italic", base, fontName=f"{family}-Italic", alignment=1),
    }


def _render(
    rows: Sequence[Sequence[CellValue]],
    number: str,
    dated: date,
    reply_by: date | None,
    header: Sequence[str],
    numbering_row: bool,
    new_page: bool,
    breaks: tuple[int, ...] = (),
) -> bytes:
    styles = _styles()
    story: list[Flowable] = [_letter_head(styles, number, dated), Spacer(1, 8 * mm)]
    reply = f"trước ngày {reply_by.day:02d} tháng {reply_by.month:02d} năm {reply_by.year}"
    for line in SEED_LETTER:
        text = line.replace(f" {_SEED_REPLY}", f" {reply}" if reply_by else "")
        story.append(Paragraph(escape(text), styles["body"]))
    story.append(Spacer(1, 4 * mm))
    story.extend(Paragraph(escape(line), styles["cell"]) for line in SEED_SIGNATURE)
    if rows:
        if new_page:
            story.append(PageBreak())
        else:
            story.append(Spacer(1, 6 * mm))
        story.append(Paragraph(escape(ANNEX_TITLE), styles["bold"]))
        annex = f"(Kèm theo Công văn số {number} {long_date(dated)} của {SEED_SENDER})"
        story.append(Paragraph(escape(annex), styles["italic"]))
        story.append(Spacer(1, 4 * mm))
        starts = [0, *sorted(breaks), len(rows)]
        for chunk, (start, end) in enumerate(zip(starts, starts[1:], strict=False)):
            if chunk:
                story.append(PageBreak())
            story.append(_table(styles, rows[start:end], header, numbering_row and not chunk))
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=30 * mm,
        rightMargin=15 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=f"Công văn {number}",
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="text")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story)
    data = buffer.getvalue()
    if not new_page and _page_count(data) > 1:
        raise ValueError("the rows do not fit on one page with the letter")
    return data


def _letter_head(styles: dict[str, ParagraphStyle], number: str, dated: date) -> Table:
    """The two-column heading: agency, Số and V/v on the left, motto, place and date right."""
    left = [
        Paragraph("VĂN PHÒNG CHÍNH PHỦ", styles["bold"]),
        Paragraph(escape(f"Số: {number}"), styles["center"]),
        Paragraph(escape(SEED_SUMMARY), styles["center"]),
    ]
    right = [
        Paragraph(escape(LETTER_HEAD_RIGHT[0]), styles["bold"]),
        Paragraph(escape(LETTER_HEAD_RIGHT[1]), styles["bold"]),
        Paragraph(escape(f"Hà Nội, {long_date(dated)}"), styles["italic"]),
    ]
    table = Table([[left, right]], colWidths=[6.4 * cm, _FRAME_WIDTH - 6.4 * cm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _cell(styles: dict[str, ParagraphStyle], value: CellValue) -> list[Flowable] | str:
    if value is None or value is MERGED:
        return ""
    paragraphs = [value] if isinstance(value, str) else [str(v) for v in value]
    return [Paragraph(escape(text), styles["cell"]) for text in paragraphs]


def _merged(rows: Sequence[Sequence[CellValue]], r: int, c: int) -> bool:
    return r < len(rows) and c < len(rows[r]) and rows[r][c] is MERGED


def _table(
    styles: dict[str, ParagraphStyle],
    rows: Sequence[Sequence[CellValue]],
    header: Sequence[str],
    numbering_row: bool,
) -> Table:
    width = max([len(header)] + [len(r) for r in rows])
    lead = 1 + numbering_row
    data: list[list[object]] = [[Paragraph(escape(h), styles["head"]) for h in header]]
    if numbering_row:
        data.append([Paragraph(f"({i + 1})", styles["center"]) for i in range(width)])
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.6, "black"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    for r, row in enumerate(rows):
        cells = list(row) + [None] * (width - len(row))
        data.append([_cell(styles, value) for value in cells])
        for c in range(width):
            # A run of MERGED spans from the cell above it, or from the table's first row when
            # it goes on from the page before (drawn empty there, as Word prints it).
            if (r > 0 and _merged(rows, r, c)) or not _merged(rows, r + 1, c):
                continue
            end = r + 1
            while _merged(rows, end + 1, c):
                end += 1
            commands.append(("SPAN", (c, lead + r), (c, lead + end)))
    rest = _FRAME_WIDTH - sum(_COLUMNS)
    widths = [*_COLUMNS, rest] if width == 3 else [_FRAME_WIDTH / width] * width
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table
