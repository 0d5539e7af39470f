"""Petition files typed as before Unicode: a Unicode DOCX/XLSX re-typed in TCVN3 or VNI fonts.

The text is re-encoded with the product's own encoder (desktop.core.legacy_text, whose tables the
tests check letter by letter) and the runs or cells given the legacy font, as Word and Excel kept
such files. TCVN3's ordinary fonts have no toned capitals: as typists did, such a letter is put in
a run of the "H" font (.VnTimeH), and an all-capital line is typed wholly in it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Font

from desktop.core.legacy_text import TCVN3, Encoding, encode, encode_upper

__all__ = ["encode", "encode_upper", "legacy_docx", "legacy_xlsx", "segments"]

FONTS: dict[Encoding, str] = {"tcvn3": ".VnTime", "vni": "VNI-Times"}
H_FONT = ".VnTimeH"
_LETTERS = frozenset(TCVN3)


def _set_font(run: object, name: str) -> None:
    r = run._r  # type: ignore[attr-defined]
    rpr = r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def tcvn3_segments(text: str) -> list[tuple[str, str]]:
    """(legacy text, font) runs for TCVN3: toned capitals (and all-capital text) in the H font."""
    if any(c.isalpha() for c in text) and text == text.upper() and not text.isascii():
        return [(encode_upper(text), H_FONT)]
    out: list[tuple[str, str]] = []
    for ch in text:
        font = H_FONT if ch.isupper() and ch not in _LETTERS and not ch.isascii() else ".VnTime"
        code = encode_upper(ch) if font == H_FONT else encode(ch, "tcvn3")
        if out and out[-1][1] == font:
            out[-1] = (out[-1][0] + code, font)
        else:
            out.append((code, font))
    return out


def segments(text: str, encoding: Encoding, *, fonts: bool = True) -> list[tuple[str, str]]:
    """The runs a legacy typist would have made of `text` (fonts=False: fonts left Unicode)."""
    if encoding == "vni":
        return [(encode(text, "vni"), FONTS["vni"] if fonts else "Times New Roman")]
    runs = tcvn3_segments(text)
    return runs if fonts else [(code, "Times New Roman") for code, _ in runs]


def legacy_paragraph(paragraph: Paragraph, encoding: Encoding, *, fonts: bool = True) -> None:
    """Re-type the paragraph's text in the legacy encoding, keeping its first run's format."""
    text = paragraph.text
    runs = paragraph.runs
    template = copy.deepcopy(runs[0]._r) if runs else None
    for run in runs:
        run._r.getparent().remove(run._r)
    for code, font in segments(text, encoding, fonts=fonts):
        run = paragraph.add_run(code)
        if template is not None:
            rpr = template.find(qn("w:rPr"))
            if rpr is not None:
                run._r.insert(0, copy.deepcopy(rpr))
        _set_font(run, font)


def legacy_docx(
    source: Path,
    dest: Path,
    encoding: Encoding,
    *,
    fonts: bool = True,
    which: Callable[[Paragraph], bool] = lambda _p: True,
) -> Path:
    """The DOCX with every paragraph `which` accepts (body and tables) re-typed in legacy text."""
    document = docx.Document(str(source))
    body = document.element.body
    for p in body.iter(qn("w:p")):
        paragraph = Paragraph(p, document)
        if paragraph.text and which(paragraph):
            legacy_paragraph(paragraph, encoding, fonts=fonts)
    document.save(str(dest))
    return dest


def legacy_xlsx(
    source: Path,
    dest: Path,
    encoding: Encoding,
    *,
    fonts: bool = True,
    which: Callable[[str], bool] = lambda _t: True,
) -> Path:
    """The workbook with its text cells (those `which` accepts) re-typed in a legacy font."""
    workbook = openpyxl.load_workbook(source)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value and which(cell.value):
                    runs = segments(cell.value, encoding, fonts=fonts)
                    cell.font = Font(name=runs[0][1])
                    if len(runs) == 1:
                        cell.value = runs[0][0]
                    else:  # a toned capital: a rich-text run in the H font, as Excel keeps it
                        cell.value = CellRichText(
                            [TextBlock(InlineFont(rFont=font), code) for code, font in runs]
                        )
    workbook.save(dest)
    return dest
