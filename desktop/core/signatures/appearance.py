"""How a visible digital signature looks (Decree 30/2020, Appendix I, II): its lines of text,
drawn by reportlab in the letters' Liberation Serif (pyHanko's own fonts have no Vietnamese)
as a one-page PDF the size of the field, which pyHanko places as the field's appearance.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

COPY_BOX_WIDTH = 200.0
COPY_BOX_HEIGHT = 42.0
COPY_SIZE = 10.0  # Appendix I: 10 pt, upright, black
SIGNER_SIZE = 10.0
MIN_SIZE = 6.0
PADDING = 3.0
BLUE = (0.0, 0.2, 0.75)  # Appendix I: the signer's signature image is blue


def signer_lines(name: str, organization: str, at: dt.datetime) -> list[str]:
    """The signer's signature: who (CN, then O) and when."""
    lines = [f"Ký bởi: {name}"]
    if organization and organization.casefold() != name.casefold():
        lines.append(f"Cơ quan: {organization}")
    # The zone as ISO 8601 writes it ("+07:00"), the date as a clerk reads it.
    lines.append(f"Thời gian ký: {at:%d/%m/%Y %H:%M:%S} {at.isoformat()[-6:]}")
    return lines


def copy_lines(agency: str, reference: str, at: dt.datetime) -> list[str]:
    """The agency's signature on a copy: the agency, the copy's number, the time (ISO 8601)."""
    lines = [agency]
    if reference:
        lines.append(f"Số, ký hiệu: {reference}")
    lines.append(f"Thời gian ký: {at.isoformat()}")
    return lines


def appearance_pdf(lines: Sequence[str], width: float, height: float, *, copy: bool) -> bytes:
    """A `width` × `height` point page with the lines centred (copy: left-aligned, black)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    from desktop.core.letters.fonts import REGULAR, register_fonts

    register_fonts()
    size = COPY_SIZE if copy else SIGNER_SIZE
    room = width - 2 * PADDING
    widest = max(stringWidth(line, REGULAR, size) for line in lines)
    if widest > room:
        size = max(MIN_SIZE, size * room / widest)
    size = min(size, (height - 2 * PADDING) / (len(lines) * 1.2))
    leading = size * 1.2
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), pageCompression=1)
    canvas.setFont(REGULAR, size)
    colour = (0.0, 0.0, 0.0) if copy else BLUE
    canvas.setFillColorRGB(*colour)
    if not copy:  # a thin frame, as signing software draws around the signature image
        canvas.setStrokeColorRGB(*colour)
        canvas.setLineWidth(0.6)
        canvas.roundRect(0.5, 0.5, width - 1, height - 1, 3)
    top = (height + len(lines) * leading) / 2 - size * 0.9
    for i, line in enumerate(lines):
        y = top - i * leading
        if copy:
            canvas.drawString(PADDING, y, line)
        else:
            canvas.drawCentredString(width / 2, y, line)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
