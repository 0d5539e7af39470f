"""The công văn as PDF (reportlab), in the layout of Decree 30/2020 (shared/docs/letter-format.md).

Same words as the DOCX renderer: every printed line comes from `Letter`'s own methods, listed
in reading order by `printed.printed_lines`. User text is cleaned there (`printed_letter`) and
escaped here, since reportlab paragraphs are markup.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop.core.files import write_atomic
from desktop.core.letters.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR, register_fonts
from desktop.core.letters.model import Letter, check_printable, is_address
from desktop.core.letters.printed import COPIES_LABEL, printed_caps, printed_letter, printed_line

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 15 * mm
HEADER_DISTANCE = 10 * mm  # top of the page number, as the DOCX header
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

# Point sizes, each inside the range the Decree allows, the same as the DOCX renderer's. A 12 pt
# national title fits its column on one line; the Decree then sets the motto one point larger.
AGENCY_SIZE = 12
NUMBER_SIZE = 13
SUBJECT_SIZE = 12
TITLE_SIZE = 12
MOTTO_SIZE = 13
DATE_SIZE = 14
BODY_SIZE = 14
SIGNER_SIZE = 14
COPIES_HEAD_SIZE = 12
COPIES_SIZE = 11
PAGE_NUMBER_SIZE = 13

FIRST_LINE_INDENT = 1.27 * cm
PARAGRAPH_GAP = 6.0
# Word's single line for a Times-metric font is 1.15 em; the body is set at 1.15 lines, as the
# DOCX is, so both break pages alike.
SINGLE = 1.15
BODY_LINE_SPACING = 1.15
ASCENT = 0.891  # Liberation Serif's, in em
RULE_THICKNESS = 0.5
AGENCY_RULE_SHARE = 0.4  # the agency rule is 1/3–1/2 of the agency name's width
SIGNATURE_SPACE = 72.0  # room for the signature and the seal
SLACK = 2.0  # a header line computed to fit exactly must not wrap
# "BỘ THÔNG TIN VÀ TRUYỀN THÔNG" and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" side by side leave
# 3 pt between them and read as one line: the agency then wraps instead.
GUTTER = 5 * mm

RECIPIENT_LABEL = "Kính gửi:"
_SPACE_RUN = re.compile(r" {2,}")


def _markup(text: str) -> str:
    # Paragraphs fold spaces; the blank left for a draft's number ("Số:      /") must stay.
    return _SPACE_RUN.sub(lambda m: "\u00a0" * len(m.group()), escape(text))


def _style(font: str, size: float, align: int = TA_CENTER, **extra: float) -> ParagraphStyle:
    extra.setdefault("leading", size * SINGLE)
    return ParagraphStyle(
        f"{font}-{size}-{align}", fontName=font, fontSize=size, alignment=align, **extra
    )


def _para(text: str, font: str, size: float, align: int = TA_CENTER, **extra: float) -> Paragraph:
    return Paragraph(_markup(text), _style(font, size, align, **extra))


def _width(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, size))


def _balanced(text: str, font: str, size: float, width: float) -> list[str]:
    """As few lines as greedy wrapping gives, but even ("BỘ THÔNG TIN VÀ" / "TRUYỀN THÔNG", not a
    lone last word), as the DOCX renderer breaks the agency lines."""
    lines: list[str] = simpleSplit(text, font, size, width)
    if len(lines) <= 1:
        return lines
    low, high, best = 0.0, width, lines
    while high - low > 0.5:
        middle = (low + high) / 2
        trial: list[str] = simpleSplit(text, font, size, middle)
        if len(trial) <= len(lines):
            best, high = trial, middle
        else:
            low = middle
    return best


def _centred_lines(
    text: str, font: str, width: float, size: float = AGENCY_SIZE
) -> tuple[Paragraph, float]:
    """A header element, evenly wrapped and centred, and the width of its widest line."""
    lines = _balanced(text, font, size, width - SLACK)
    markup = "<br/>".join(_markup(line) for line in lines)
    widest = max(_width(line, font, size) for line in lines)
    return Paragraph(markup, _style(font, size)), widest


class _Rule(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A solid horizontal line of exact length, centred in its column (never underscores)."""

    def __init__(self, length: float, gap: float = 3.0) -> None:
        super().__init__()
        self.length = length
        self.gap = gap
        self.avail = length

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.avail = availWidth
        return availWidth, self.gap + RULE_THICKNESS

    def draw(self) -> None:
        x = (self.avail - self.length) / 2
        self.canv.setLineWidth(RULE_THICKNESS)
        self.canv.line(x, RULE_THICKNESS / 2, x + self.length, RULE_THICKNESS / 2)


def _columns(lt: Letter) -> tuple[float, float]:
    """Left 40 %, widened (up to half) when that puts the agency on one line and still leaves a
    gutter before the national title; otherwise the agency wraps in two even lines."""
    left_need = SLACK + max(
        _width(lt.agency, BOLD, AGENCY_SIZE),
        _width(lt.parent_agency, REGULAR, AGENCY_SIZE),
        _width(lt.number_text, REGULAR, NUMBER_SIZE),
    )
    right_need = SLACK + max(
        _width(lt.national_title, BOLD, TITLE_SIZE), _width(lt.motto, BOLD, MOTTO_SIZE)
    )
    left = 0.4 * TEXT_WIDTH
    if left < left_need <= min(TEXT_WIDTH - right_need - GUTTER, 0.5 * TEXT_WIDTH):
        left = left_need
    return left, TEXT_WIDTH - left


def _borderless(
    rows: list[list[object]], widths: tuple[float, float], *extra: tuple[object, ...]
) -> Table:
    table = Table(rows, colWidths=list(widths), hAlign="LEFT", splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                # A cell's own font is used for nothing, but would put Helvetica in the file.
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                *extra,
            ]
        )
    )
    return table


def _header(lt: Letter, today: dt.date, widths: tuple[float, float]) -> Table:
    left_w, right_w = widths
    left: list[Flowable] = []
    if lt.parent_agency:
        left.append(_centred_lines(lt.parent_agency, REGULAR, left_w)[0])
    if lt.agency:
        agency, widest = _centred_lines(lt.agency, BOLD, left_w)
        left += [agency, _Rule(AGENCY_RULE_SHARE * widest)]
    right: list[Flowable] = (
        [_para(lt.national_title, BOLD, TITLE_SIZE)] if lt.national_title else []
    )
    if lt.motto:
        motto_w = min(right_w, _width(lt.motto, BOLD, MOTTO_SIZE))
        right += [_para(lt.motto, BOLD, MOTTO_SIZE), _Rule(motto_w)]
    rows: list[list[object]] = [
        [left, right],
        [
            _para(lt.number_text, REGULAR, NUMBER_SIZE),
            _para(lt.date_text(today), ITALIC, DATE_SIZE),
        ],
    ]
    if lt.subject:
        rows.append([_centred_lines(lt.subject, REGULAR, left_w, SUBJECT_SIZE)[0], []])
    # A paragraph's first baseline sits one font size under its top: the smaller number starts
    # lower by the difference, so number and date share a baseline, 6 pt under the rules.
    return _borderless(
        rows,
        widths,
        ("TOPPADDING", (0, 1), (0, 1), PARAGRAPH_GAP + DATE_SIZE - NUMBER_SIZE),
        ("TOPPADDING", (1, 1), (1, 1), PARAGRAPH_GAP),
        ("TOPPADDING", (0, 2), (-1, 2), PARAGRAPH_GAP),  # the V/v line: 6 pt under the number
    )


def _recipients(lt: Letter) -> list[Flowable]:
    """`Kính gửi:` centred as a block; several recipients hang with their dashes under the colon;
    a person's address on the line under the name."""
    if not lt.recipients:
        return []
    lines = lt.recipient_lines()
    label_w = _width(RECIPIENT_LABEL[:-1], REGULAR, BODY_SIZE)
    if len(lt.recipient_blocks()) == 1:  # a wrapped name continues under itself, not the label
        lead = _width(RECIPIENT_LABEL + " ", REGULAR, BODY_SIZE)
        widest = max(
            [
                _width(lines[0], REGULAR, BODY_SIZE),
                *(lead + _width(a, REGULAR, BODY_SIZE) for a in lines[1:]),
            ]
        )
        indent = max(0.0, (TEXT_WIDTH - widest) / 2)
        first = _para(lines[0], REGULAR, BODY_SIZE, TA_LEFT, leftIndent=indent + lead,
                      firstLineIndent=-lead, spaceBefore=12)  # fmt: skip
        under = {"leftIndent": indent + lead}
        return [first] + [_para(a, REGULAR, BODY_SIZE, TA_LEFT, **under) for a in lines[1:]]
    dash = _width("- ", REGULAR, BODY_SIZE)
    widest = max(_width(line, REGULAR, BODY_SIZE) for line in lines[1:])
    indent = max(0.0, (TEXT_WIDTH - label_w - widest) / 2)
    out = [_para(lines[0], REGULAR, BODY_SIZE, TA_LEFT, leftIndent=indent, spaceBefore=12)]
    hanging = {"leftIndent": indent + label_w + dash, "firstLineIndent": -dash}
    under_name = {"leftIndent": indent + label_w + dash}
    return out + [
        _para(line, REGULAR, BODY_SIZE, TA_LEFT, **(under_name if is_address(line) else hanging))
        for line in lines[1:]
    ]


SIGNATURE_BOX_WIDTH = 200.0  # the digital signature's field, centred in the signer's column
SignaturePlace = tuple[int, float, float, float, float]  # page (0 first), x1, y1, x2, y2 (pt)


class _SignatureSpace(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """The room for the signature and seal, which remembers where it was drawn: the digital
    signature's field goes there (Decree 30/2020, Appendix I: between title and name)."""

    def __init__(self, places: list[SignaturePlace]) -> None:
        super().__init__()
        self.places = places
        self.width, self.height = SIGNATURE_BOX_WIDTH, SIGNATURE_SPACE

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = min(SIGNATURE_BOX_WIDTH, availWidth)
        return self.width, self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        page = self.canv.getPageNumber() - 1
        self.places.append((page, x, y, x + self.width, y + self.height))


def _signature(
    lt: Letter, widths: tuple[float, float], places: list[SignaturePlace] | None = None
) -> Table:
    """Nơi nhận and its copies on the left, the signer on the right."""
    dash = _width("- ", REGULAR, COPIES_SIZE)
    left: list[Flowable] = [_para(COPIES_LABEL, BOLD_ITALIC, COPIES_HEAD_SIZE, TA_LEFT)]
    left += [
        _para(line, REGULAR, COPIES_SIZE, TA_LEFT, leftIndent=dash, firstLineIndent=-dash)
        for line in lt.copy_lines()
    ]
    right: list[Flowable] = [
        _para(text, BOLD, SIGNER_SIZE) for text in (lt.signer_authority, lt.signer_title) if text
    ]
    if lt.signer_name:
        space = Spacer(1, SIGNATURE_SPACE) if places is None else _SignatureSpace(places)
        right += [space, _para(lt.signer_name, BOLD, SIGNER_SIZE)]
    # splitInRow: a very long Nơi nhận list runs onto the next page instead of failing.
    return _borderless([[left, right]], widths, ("TOPPADDING", (0, 0), (-1, -1), 12))


def _story(
    letter: Letter, today: dt.date, places: list[SignaturePlace] | None = None
) -> list[Flowable]:
    lt = printed_letter(letter)
    widths = _columns(lt)
    body: list[Flowable] = [
        _para(text, REGULAR, BODY_SIZE, TA_JUSTIFY, firstLineIndent=FIRST_LINE_INDENT,
              leading=BODY_SIZE * SINGLE * BODY_LINE_SPACING,
              spaceBefore=0 if i else 12, spaceAfter=PARAGRAPH_GAP)
        for i, text in enumerate(lt.body)
    ]  # fmt: skip
    # The signature never stands alone on a page: the last paragraph goes with it.
    ending = KeepTogether([*body[-1:], _signature(lt, widths, places)])
    return [_header(lt, today, widths), *_recipients(lt), *body[:-1], ending]


def _page_number(canvas: Canvas, doc: BaseDocTemplate) -> None:
    """Page numbers from page 2 only, centred over the text in the top margin, upright."""
    page = canvas.getPageNumber()
    if page < 2:
        return
    canvas.saveState()
    canvas.setFont(REGULAR, PAGE_NUMBER_SIZE)
    baseline = PAGE_HEIGHT - HEADER_DISTANCE - ASCENT * PAGE_NUMBER_SIZE
    canvas.drawCentredString(MARGIN_LEFT + TEXT_WIDTH / 2, baseline, str(page))
    canvas.restoreState()


def pdf_bytes(letter: Letter, today: dt.date) -> bytes:
    """The letter as a PDF document (A4, Liberation Serif embedded); a draft is dated `today`."""
    return pdf_with_signature_place(letter, today)[0]


def pdf_with_signature_place(letter: Letter, today: dt.date) -> tuple[bytes, SignaturePlace | None]:
    """The PDF and where the signer's digital signature goes (None: the letter has no signer)."""
    places: list[SignaturePlace] = []
    check_printable(letter)
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=printed_line(letter.subject),
        author=printed_caps(letter.agency),
        creator="Sổ Kiến Nghị",
        lang="vi-VN",
        initialFontName=REGULAR,
        initialFontSize=BODY_SIZE,
    )
    frame = Frame(
        MARGIN_LEFT, MARGIN_BOTTOM, TEXT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text",
    )  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="letter", frames=[frame], onPage=_page_number)])
    doc.build(_story(letter, today, places))
    return buffer.getvalue(), (places[-1] if places else None)


def render_pdf(letter: Letter, dest: Path, *, today: dt.date) -> Path:
    """Write the letter to `dest` (.pdf) whole and return it; an existing file is replaced."""
    return write_atomic(dest, pdf_bytes(letter, today))
