"""Convert the TCVN3/VNI runs of a DOCX to Unicode, in the loaded XML tree (python-docx).

A run's font (w:rFonts on the run, else its character style, its paragraph's style, the default
paragraph style, docDefaults) says whether it is legacy, and character statistics decide for the
runs no font marks (legacy_text.resolve). Unicode runs are never touched, so a file mixing both
comes out right. The reader converts in memory; convert-legacy also switches the font names and
saves.
"""

from __future__ import annotations

from collections.abc import Iterator

from docx.document import Document
from docx.opc.part import XmlPart
from docx.oxml.ns import qn

from desktop.core.importers.legacy_nodes import Element, convert_nodes
from desktop.core.legacy_text import (
    Legacy,
    LegacyConversion,
    Tally,
    detect,
    font_encoding,
    resolve,
    unicode_font,
)

_P, _R, _T, _TC = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:tc")
_RPR, _PPR, _RFONTS = qn("w:rPr"), qn("w:pPr"), qn("w:rFonts")
_RSTYLE, _PSTYLE, _BASED_ON, _STYLE = qn("w:rStyle"), qn("w:pStyle"), qn("w:basedOn"), qn("w:style")
_STYLE_ID, _TYPE, _DEFAULT, _VAL = qn("w:styleId"), qn("w:type"), qn("w:default"), qn("w:val")
_FONT_ATTRS = tuple(qn(f"w:{a}") for a in ("ascii", "hAnsi", "cs", "eastAsia"))
_TEXT_ROOTS = {qn(f"w:{tag}") for tag in ("document", "hdr", "ftr", "footnotes", "endnotes")}


def convert_document(document: Document, *, switch_fonts: bool = False) -> LegacyConversion | None:
    """Convert legacy runs of the body, headers and footers; with switch_fonts rename the fonts."""
    roots = [part.element for part in _text_parts(document)]
    styles = document.styles.element
    # Most files name no legacy font: then no run's font need be worked out.
    fonts = _StyleFonts(styles) if any(_legacy_fonts(root) for root in [*roots, styles]) else None
    if fonts is None and detect(_run_text(r) for root in roots for r in root.iter(_R)) is None:
        return None  # no legacy font, no legacy text: the usual Unicode file
    runs: list[tuple[Element, Element, Legacy]] = []  # (paragraph, run, legacy)
    for root in roots:
        for p in root.iter(_P):
            for r in _own_runs(p):
                runs.append((p, r, fonts.of_run(r, p) if fonts else None))
    decided = resolve([(_run_text(r), legacy) for _, r, legacy in runs])
    tally = Tally()
    group: list[Element] = []
    group_key: tuple[Element, Legacy] | None = None
    for (p, r, _), legacy in zip(runs, decided, strict=True):
        key = (p, legacy)
        if key != group_key:
            _convert_group(group, group_key, tally)
            group, group_key = [], key
        group.append(r)
    _convert_group(group, group_key, tally)
    if switch_fonts:
        for root in [*roots, styles]:
            _switch_fonts(root)
    return tally.result()


def _legacy_fonts(root: Element) -> bool:
    return any(
        font_encoding(fonts.get(attr)) for fonts in root.iter(_RFONTS) for attr in _FONT_ATTRS
    )


def _text_parts(document: Document) -> Iterator[XmlPart]:
    for part in document.part.package.iter_parts():
        if isinstance(part, XmlPart) and part.element.tag in _TEXT_ROOTS:
            yield part


def _own_runs(p: Element) -> Iterator[Element]:
    """The runs of p itself, not those of a paragraph nested in it (a text box)."""
    for r in p.iter(_R):
        parent = r.getparent()
        while parent is not None and parent.tag != _P:
            parent = parent.getparent()
        if parent is p:
            yield r


def _run_text(r: Element) -> str:
    return "".join(t.text or "" for t in r.iter(_T))


def _convert_group(runs: list[Element], key: tuple[Element, Legacy] | None, tally: Tally) -> None:
    if not runs or key is None:
        return
    p, legacy = key
    if legacy is None:
        return
    encoding, upper = legacy
    if not convert_nodes([t for r in runs for t in r.iter(_T)], encoding, upper=upper):
        return
    cell = p.getparent()
    while cell is not None and cell.tag != _TC:
        cell = cell.getparent()
    tally.add(encoding, cell)


def _switch_fonts(root: Element) -> None:
    for fonts in root.iter(_RFONTS):
        for attr in _FONT_ATTRS:
            name = fonts.get(attr)
            if name and font_encoding(name) is not None:
                fonts.set(attr, unicode_font(name))


class _StyleFonts:
    """The font each style gives its text (styles.xml), following basedOn."""

    def __init__(self, styles: Element) -> None:
        self._styles: dict[str, Element] = {}
        self._default_paragraph: str | None = None
        for style in styles.iter(_STYLE):
            style_id = style.get(_STYLE_ID)
            if style_id is None:
                continue
            self._styles[style_id] = style
            if style.get(_TYPE) == "paragraph" and style.get(_DEFAULT) in ("1", "true"):
                self._default_paragraph = style_id
        doc_fonts = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{_RPR}/{_RFONTS}")
        self._doc_default = _font_name(doc_fonts)
        self._cache: dict[str | None, str | None] = {}

    def style_font(self, style_id: str | None) -> str | None:
        """The font the style (or what it is based on) sets, None if none does."""
        if style_id in self._cache:
            return self._cache[style_id]
        name: str | None = None
        seen: set[str] = set()
        current = style_id
        while current is not None and current not in seen and name is None:
            seen.add(current)
            style = self._styles.get(current)
            if style is None:
                break
            name = _font_name(style.find(f"{_RPR}/{_RFONTS}"))
            based = style.find(_BASED_ON)
            current = based.get(_VAL) if based is not None else None
        self._cache[style_id] = name
        return name

    def of_run(self, r: Element, p: Element) -> Legacy:
        """The legacy encoding of the run's font, None for a Unicode font."""
        rpr = r.find(_RPR)
        name = _font_name(rpr.find(_RFONTS) if rpr is not None else None)
        if name is None and rpr is not None and (rstyle := rpr.find(_RSTYLE)) is not None:
            name = self.style_font(rstyle.get(_VAL))
        if name is None:
            ppr = p.find(_PPR)
            pstyle = ppr.find(_PSTYLE) if ppr is not None else None
            style_id = pstyle.get(_VAL) if pstyle is not None else self._default_paragraph
            name = self.style_font(style_id)  # then docDefaults, as Word does
        return font_encoding(name or self._doc_default)


def _font_name(fonts: Element | None) -> str | None:
    if fonts is None:
        return None
    name = fonts.get(_FONT_ATTRS[0]) or fonts.get(_FONT_ATTRS[1])
    return str(name) if name else None
