"""Attachments made by the tests: a DOCX, an XLSX and a text PDF (Vietnamese, real files)."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from desktop.core.letters.fonts import REGULAR, register_fonts


def write_docx(path: Path, *paragraphs: str, cell: str = "") -> Path:
    """A DOCX with the paragraphs and, when `cell` is given, a table holding it."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if cell:
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "1"
        table.cell(0, 1).text = cell
    document.save(str(path))
    return path


def write_xlsx(path: Path, rows: list[list[object]], sheet: str = "Phụ lục") -> Path:
    """An XLSX with one sheet of rows."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    book.save(str(path))
    return path


def write_pdf(path: Path, *lines: str) -> Path:
    """A PDF with a text layer (Liberation Serif, embedded), one line after another."""
    register_fonts()
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(REGULAR, 12)
    y = 800.0
    for line in lines:
        c.drawString(60, y, line)
        y -= 18
    c.showPage()
    c.save()
    return path


def write_scan(path: Path, *lines: str, pdf: bool = False) -> Path:
    """A scan: the lines drawn black on white at about 200 dpi (12 pt type), as PNG or as an
    image-only PDF (no text layer)."""
    from PIL import Image, ImageDraw, ImageFont

    import resources

    font = ImageFont.truetype(str(resources.path("fonts/LiberationSerif-Regular.ttf")), 36)
    image = Image.new("L", (1400, 80 + 60 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((40, 40 + 60 * i), line, font=font, fill=0)
    if pdf:
        image.save(str(path), "PDF", resolution=200.0)
    else:
        image.save(str(path), dpi=(200, 200))
    return path
