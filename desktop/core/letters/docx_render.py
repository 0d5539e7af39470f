"""DOCX renderer of the công văn in the Decree 30/2020 layout (docs/letter-format.md), python-docx.

Every length is worked out in points from Times New Roman's advance widths (Liberation Serif,
which the PDF embeds, has the same), so the short rules under the agency and the motto get their
legal length and the dashes of several recipients line up under the colon of `Kính gửi:`.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from desktop.core.files import write_atomic
from desktop.core.letters.model import Letter, check_printable, is_address
from desktop.core.letters.printed import COPIES_LABEL, printed_letter
from desktop.core.letters.text_metrics import Look, balanced_lines, text_width

FONT = "Times New Roman"
LANG = "vi-VN"
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)
HEADER_DISTANCE = Mm(10)

PARENT, AGENCY, NUMBER, SUBJECT = Look(12), Look(12, bold=True), Look(13), Look(12)
NATIONAL, MOTTO, DATE = Look(12, bold=True), Look(13, bold=True), Look(14, italic=True)
BODY, SIGNER, PAGE_NUMBER = Look(14), Look(14, bold=True), Look(13)
NOI_NHAN, COPY = Look(12, bold=True, italic=True), Look(11)

AGENCY_RULE_RATIO = 0.4  # of the agency's text width: inside the legal 1/3–1/2
FIRST_LINE_INDENT_PT = 36.0  # 1.27 cm
BODY_AFTER_PT = 6.0
BODY_LINE_SPACING = 1.15
SIGNATURE_SPACE_PT = 72.0  # room for the signature and the seal
# Word and LibreOffice round widths differently; a line computed to fit exactly must not wrap.
SLACK_PT = 2.0
GUTTER_PT = 5 * 72 / 25.4  # 5 mm: any less and agency and national title read as one line
LEFT = WD_ALIGN_PARAGRAPH.LEFT

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
# Schema order (ECMA-376 CT_PPr, CT_TblPr): Word rejects children out of order.
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
    "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
)  # fmt: skip
TBLPR_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
    "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
)  # fmt: skip

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _insert(parent: BaseOxmlElement, child: BaseOxmlElement, order: tuple[str, ...]) -> None:
    tag = next(name for name in order if qn(name) == child.tag)
    parent.insert_element_before(child, *order[order.index(tag) + 1 :])


def _element(tag: str, **attrs: str) -> BaseOxmlElement:
    element: BaseOxmlElement = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _set_styles(doc: DocxDocument) -> None:
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY.size)
    normal.element.get_or_add_rPr().get_or_add_rFonts()
    styles = doc.styles.element
    for rfonts in styles.iter(qn("w:rFonts")):  # docDefaults, Normal, and no theme font anywhere
        for attr in _THEME_ATTRS:
            rfonts.attrib.pop(qn(attr), None)
        for slot in _FONT_SLOTS:
            rfonts.set(qn(slot), FONT)
    lang = styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")[0]
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:eastAsia"), LANG)
    spacing = styles.xpath("w:docDefaults/w:pPrDefault/w:pPr/w:spacing")[0]
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")


def _add(
    where: DocxDocument | _Cell,
    text: str,
    look: Look,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    *,
    before: float = 0.0,
    left: float = 0.0,
    hanging: float = 0.0,
) -> Paragraph:
    """One paragraph of one run; a cell's untouched first paragraph is reused."""
    reuse = isinstance(where, _Cell) and where.paragraphs[-1]._p.pPr is None
    paragraph: Paragraph = where.paragraphs[-1] if reuse else where.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    if before:
        fmt.space_before = Pt(before)
    if left or hanging:
        fmt.left_indent = Pt(left)
        fmt.first_line_indent = Pt(-hanging)
    if text:
        run = paragraph.add_run(text)  # "\n" becomes a line break
        for node in run._r.iter(qn("w:t")):  # runs of spaces, as in a draft's number, stay
            node.set(_XML_SPACE, "preserve")
        run.font.size = Pt(look.size)
        run.font.bold, run.font.italic = look.bold or None, look.italic or None
    return paragraph


def _rule(cell: _Cell, cell_width: float, length: float) -> None:
    """A centred solid line of `length` points: an empty paragraph with a bottom border."""
    paragraph: Paragraph = cell.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Pt(max(0.0, (cell_width - length) / 2))
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(1)
    borders = _element("w:pBdr")
    borders.append(_element("w:bottom", val="single", sz="4", space="1", color="000000"))
    _insert(paragraph._p.get_or_add_pPr(), borders, PPR_ORDER)


def _table(doc: DocxDocument, widths: list[float], rows: int) -> Table:
    """A borderless table without cell padding whose columns are `widths` points wide."""
    table: Table = doc.add_table(rows=rows, cols=len(widths))
    table.autofit = False
    tblpr = table._tbl.tblPr
    tblw = tblpr.xpath("w:tblW")[0]
    tblw.set(qn("w:w"), str(sum(round(w * 20) for w in widths)))
    tblw.set(qn("w:type"), "dxa")
    borders = _element("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_element(f"w:{side}", val="nil"))
    _insert(tblpr, borders, TBLPR_ORDER)
    margins = _element("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        margins.append(_element(f"w:{side}", w="0", type="dxa"))
    _insert(tblpr, margins, TBLPR_ORDER)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Pt(width)
        for cell in column.cells:
            cell.width = Pt(width)
    return table


def _columns(lt: Letter, width: float) -> list[float]:
    """Left 40 %, widened (to half at most) when the agency and the title then fit one line each."""
    left_need = SLACK_PT + max(
        text_width(lt.agency, AGENCY),
        text_width(lt.parent_agency, PARENT),
        text_width(lt.number_text, NUMBER),
    )
    right_need = SLACK_PT + max(
        text_width(lt.national_title, NATIONAL), text_width(lt.motto, MOTTO)
    )
    left = 0.4 * width  # the PDF renderer makes the same choice
    if left < left_need <= min(width - right_need - GUTTER_PT, 0.5 * width):
        left = math.ceil(left_need * 20) / 20  # whole twips, never narrower than computed
    return [left, width - left]


def _header(doc: DocxDocument, lt: Letter, today: dt.date, widths: list[float]) -> None:
    left, right = widths
    table = _table(doc, widths, rows=2)
    cell = table.cell(0, 0)
    if lt.parent_agency:
        _add(cell, "\n".join(balanced_lines(lt.parent_agency, PARENT, left - SLACK_PT)), PARENT)
    if lt.agency:
        lines = balanced_lines(lt.agency, AGENCY, left - SLACK_PT)
        _add(cell, "\n".join(lines), AGENCY)
        longest = max(text_width(line, AGENCY) for line in lines)
        _rule(cell, left, AGENCY_RULE_RATIO * longest)
    cell = table.cell(0, 1)
    _add(cell, lt.national_title, NATIONAL)
    if lt.motto:
        _add(cell, lt.motto, MOTTO)
        _rule(cell, right, min(right, text_width(lt.motto, MOTTO)))
    cell = table.cell(1, 0)
    # The smaller number starts lower by the difference, so number and date share a baseline.
    _add(cell, lt.number_text, NUMBER, before=6 + DATE.size - NUMBER.size)
    if lt.subject:
        subject = balanced_lines(lt.subject, SUBJECT, left - SLACK_PT)
        _add(cell, "\n".join(subject), SUBJECT, before=6)
    _add(table.cell(1, 1), lt.date_text(today), DATE, before=6)


def _recipients(doc: DocxDocument, lt: Letter, width: float) -> None:
    if not lt.recipients:
        return
    lines = lt.recipient_lines()
    label = text_width("Kính gửi", BODY)
    if len(lt.recipient_blocks()) == 1:  # centred; a wrapped name continues under itself
        lead = text_width("Kính gửi: ", BODY)
        widest = max([text_width(lines[0], BODY), *(lead + text_width(a, BODY) for a in lines[1:])])
        indent = max(0.0, (width - widest) / 2)
        _add(doc, lines[0], BODY, LEFT, before=12, left=indent + lead, hanging=lead)
        for address in lines[1:]:  # a person's address, under the name
            _add(doc, address, BODY, LEFT, left=indent + lead)
        return
    dash = text_width("- ", BODY)
    indent = max(0.0, (width - label - max(text_width(line, BODY) for line in lines[1:])) / 2)
    _add(doc, lines[0], BODY, LEFT, before=12, left=indent)
    for line in lines[1:]:  # the dash under the colon, a wrapped name (or address) under the name
        if is_address(line):
            _add(doc, line, BODY, LEFT, left=indent + label + dash)
        else:
            _add(doc, line, BODY, LEFT, left=indent + label + dash, hanging=dash)


def _body(doc: DocxDocument, lt: Letter) -> None:
    for i, text in enumerate(lt.body):
        paragraph = _add(doc, text, BODY, WD_ALIGN_PARAGRAPH.JUSTIFY, before=0 if i else 12)
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(FIRST_LINE_INDENT_PT)
        fmt.space_after = Pt(BODY_AFTER_PT)
        fmt.line_spacing = BODY_LINE_SPACING
        fmt.keep_with_next = i == len(lt.body) - 1 or None  # the signature never stands alone


def _signature(doc: DocxDocument, lt: Letter, widths: list[float]) -> None:
    table = _table(doc, widths, rows=1)
    table.rows[0]._tr.get_or_add_trPr().append(_element("w:cantSplit"))
    cell = table.cell(0, 0)
    _add(cell, COPIES_LABEL, NOI_NHAN, LEFT, before=12)
    dash = text_width("- ", COPY)
    for line in lt.copy_lines():
        _add(cell, line, COPY, LEFT, left=dash, hanging=dash)
    cell = table.cell(0, 1)
    titles = [t for t in (lt.signer_authority, lt.signer_title) if t]
    for i, line in enumerate(titles):
        _add(cell, line, SIGNER, before=0 if i else 12)
    if lt.signer_name:
        _add(cell, lt.signer_name, SIGNER, before=SIGNATURE_SPACE_PT + (0 if titles else 12))
    end = doc.add_paragraph()  # Word wants a paragraph after a closing table
    end.paragraph_format.line_spacing = Pt(1)


def _page_numbers(doc: DocxDocument) -> None:
    """PAGE centred in the top margin from page 2; page 1's header is defined and empty."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    instr, shown = _element("w:instrText"), _element("w:t")
    instr.text, shown.text = "PAGE", "2"
    for part in (_element("w:fldChar", fldCharType="begin"), instr,
                 _element("w:fldChar", fldCharType="separate"), shown,
                 _element("w:fldChar", fldCharType="end")):  # fmt: skip
        run = paragraph.add_run()
        run.font.size = Pt(PAGE_NUMBER.size)
        run._r.append(part)


def build_docx(letter: Letter, today: dt.date) -> DocxDocument:
    """The letter as a python-docx Document; a draft is dated `today`."""
    doc = Document()
    _set_styles(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = section.footer_distance = HEADER_DISTANCE
    width = (PAGE_WIDTH.twips - MARGIN_LEFT.twips - MARGIN_RIGHT.twips) / 20
    lt = printed_letter(letter)
    widths = _columns(lt, width)
    _header(doc, lt, today, widths)
    _recipients(doc, lt, width)
    _body(doc, lt)
    _signature(doc, lt, widths)
    _page_numbers(doc)
    props = doc.core_properties
    props.title, props.author = lt.subject[:255], lt.agency[:255]  # python-docx's limit
    props.language = LANG
    props.created = props.modified = dt.datetime.combine(letter.issued_on or today, dt.time())
    return doc


def docx_bytes(letter: Letter, today: dt.date) -> bytes:
    """The letter as the bytes of a .docx file."""
    check_printable(letter)
    buffer = io.BytesIO()
    build_docx(letter, today).save(buffer)
    return buffer.getvalue()


def render_docx(letter: Letter, dest: Path, *, today: dt.date) -> Path:
    """Write the letter to `dest` (.docx) whole and return it; an existing file is replaced."""
    return write_atomic(dest, docx_bytes(letter, today))
