"""Convert the TCVN3/VNI text of an XLSX to Unicode: a new zip with the same parts otherwise.

A cell's font comes from its style (xl/styles.xml: cellXfs → fonts), a rich-text run's from its
own rFont. The shared strings (xl/sharedStrings.xml) take the font of the cells that show them;
inline strings are rewritten in their sheet (which text is legacy: legacy_text.resolve). Every
other part of the zip is copied byte for byte: openpyxl, saving a workbook it loaded, would drop
pictures, charts and more. The importer reads the converted bytes; convert-legacy writes them out,
with the fonts switched to Times New Roman or Arial.
"""

from __future__ import annotations

import functools
import html
import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from lxml import etree

from desktop.core.importers.legacy_nodes import Element, convert_nodes
from desktop.core.importers.package import is_worksheet
from desktop.core.legacy_text import (
    Legacy,
    LegacyConversion,
    Tally,
    detect,
    font_encoding,
    resolve,
    unicode_font,
)

_NAMESPACES = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",  # Strict Open XML
)
_STYLES, _SHARED = "xl/styles.xml", "xl/sharedStrings.xml"
_RAW_TEXT = re.compile(r"<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)</(?:\w+:)?t>")
_RAW_FONT = re.compile(r"<(?:\w+:)?rFont\s+val=\"([^\"]*)\"")
# Inline strings need the whole sheet in memory; Excel writes shared strings instead (openpyxl
# writes rich text inline). Larger sheets keep their inline strings as they are.
_MAX_INLINE_SHEET = 8 * 1024 * 1024
_SAMPLE = 1_000


@functools.cache
def _tags(name: str) -> tuple[str, ...]:
    return tuple(f"{{{ns}}}{name}" for ns in _NAMESPACES)


_CELL = _tags("c")


def _parser() -> Any:
    return etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)


def _xml(archive: zipfile.ZipFile, name: str) -> Element | None:
    if name not in archive.namelist():
        return None
    return etree.fromstring(archive.read(name), _parser())


def _bytes(root: Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


@dataclass
class _Item:
    """One string shown in cells: its text nodes with their fonts, and the cells showing it."""

    pieces: list[tuple[Element, Legacy]] = field(default_factory=list)
    cells: list[tuple[str, str]] = field(default_factory=list)  # (sheet part, cell reference)


def convert_workbook(
    path: Path, *, switch_fonts: bool = False
) -> tuple[bytes | None, LegacyConversion | None]:
    """The workbook with its legacy text in Unicode, and what was converted; else (None, None)."""
    with zipfile.ZipFile(path) as archive:
        styles = _xml(archive, _STYLES)
        xf_legacy = _xf_legacy(styles)
        shared = _xml(archive, _SHARED)
        sheets = [info for info in archive.infolist() if is_worksheet(info.filename)]
        raw_inline = {
            info.filename: raw
            for info in sheets
            if info.file_size <= _MAX_INLINE_SHEET and b'"inlineStr"' in (raw := archive.read(info))
        }
        if not any(xf_legacy) and not _may_be_legacy(shared, raw_inline.values()):
            return None, None  # the common case: a Unicode workbook, read no further
        inline: dict[str, Element] = {
            name: etree.fromstring(raw, _parser()) for name, raw in raw_inline.items()
        }
        refs: dict[int, list[tuple[str, str, Legacy]]] = {}
        for info in sheets:  # which cells show which string, in which font
            with archive.open(info) as source:
                _scan_sheet(info.filename, source, xf_legacy, refs)
        items = list(_shared_items(shared, refs)) if shared is not None else []
        for name, sheet in inline.items():
            items.extend(_inline_items(name, sheet, xf_legacy))
        tally = _convert(items)
        converted = tally.result()
        if converted is None:
            return None, None
        changed: dict[str, bytes] = {name: _bytes(sheet) for name, sheet in inline.items()}
        if shared is not None:
            changed[_SHARED] = _bytes(_switched(shared, "rFont") if switch_fonts else shared)
        if switch_fonts and styles is not None:
            changed[_STYLES] = _bytes(_switched(styles, "name"))
        if switch_fonts:
            changed.update({n: _bytes(_switched(s, "rFont")) for n, s in inline.items()})
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in archive.infolist():
                data = changed.get(info.filename)
                target.writestr(info, data if data is not None else archive.read(info))
    return out.getvalue(), converted


def _may_be_legacy(shared: Element | None, sheets: Iterable[bytes]) -> bool:
    """A run in a legacy font, or text that reads as legacy: worth reading the sheets for.

    The statistics look at the first _SAMPLE strings of each part: a workbook whose first
    thousand strings read as Unicode is taken for a Unicode one.
    """
    fonts = [f.get("val") for f in shared.iter(*_tags("rFont"))] if shared is not None else []
    texts: list[str] = []
    if shared is not None:
        texts.extend(t.text or "" for t in itertools.islice(shared.iter(*_tags("t")), _SAMPLE))
    for raw in sheets:  # a quick look at the inline strings, without building the sheet
        text = raw.decode("utf-8", "replace")
        fonts.extend(_RAW_FONT.findall(text))
        found = itertools.islice(_RAW_TEXT.finditer(text), _SAMPLE)
        texts.extend(html.unescape(match.group(1)) for match in found)
    return any(font_encoding(f) for f in fonts) or detect(texts) is not None


def _xf_legacy(styles: Element | None) -> list[Legacy]:
    """The legacy encoding of each cell format (cellXfs index), by its font."""
    if styles is None:
        return []
    fonts: list[Legacy] = []
    for fonts_el in _children(styles, "fonts"):
        for font in _children(fonts_el, "font"):
            name = next(_children(font, "name"), None)
            fonts.append(font_encoding(name.get("val") if name is not None else None))
    out: list[Legacy] = []
    for xfs in _children(styles, "cellXfs"):
        for xf in _children(xfs, "xf"):
            try:
                font_id = int(xf.get("fontId") or 0)
            except ValueError:
                font_id = 0
            out.append(fonts[font_id] if 0 <= font_id < len(fonts) else None)
    return out


def _children(parent: Element, name: str) -> Iterator[Element]:
    return parent.iterchildren(*_tags(name))  # type: ignore[no-any-return]


def _style_of(cell: Element, xf_legacy: list[Legacy]) -> Legacy:
    try:
        index = int(cell.get("s") or 0)
    except ValueError:
        return None
    return xf_legacy[index] if 0 <= index < len(xf_legacy) else None


def _scan_sheet(
    name: str, source: IO[bytes], xf_legacy: list[Legacy], refs: dict[int, list[Any]]
) -> None:
    """Note which cells show which shared string, in which font."""
    for _, cell in etree.iterparse(source, tag=_CELL, resolve_entities=False, no_network=True):
        kind = cell.get("t")
        if kind == "s":
            value = next((v.text for tag in _tags("v") for v in cell.iterchildren(tag)), None)
            if value is not None and value.strip().isdigit():
                refs.setdefault(int(value), []).append(
                    (name, cell.get("r") or "", _style_of(cell, xf_legacy))
                )
        cell.clear()
        row = cell.getparent()
        while cell.getprevious() is not None and row is not None:
            del row[0]  # cells already read: keep memory flat on a big sheet


def _string_pieces(container: Element, cell_legacy: Legacy) -> list[tuple[Element, Legacy]]:
    """The text nodes of an <si> or <is>, each with the font it is shown in."""
    pieces = [(t, cell_legacy) for t in _children(container, "t")]
    for run in _children(container, "r"):
        legacy = cell_legacy
        for rpr in _children(run, "rPr"):
            for font in _children(rpr, "rFont"):
                legacy = font_encoding(font.get("val"))
        pieces.extend((t, legacy) for t in _children(run, "t"))
    return pieces


def _shared_items(
    shared: Element, refs: dict[int, list[tuple[str, str, Legacy]]]
) -> Iterator[_Item]:
    for index, si in enumerate(_children(shared, "si")):
        cells = refs.get(index, [])
        cell_legacy = next((legacy for _, _, legacy in cells if legacy is not None), None)
        yield _Item(_string_pieces(si, cell_legacy), [(sheet, ref) for sheet, ref, _ in cells])


def _inline_items(name: str, sheet: Element, xf_legacy: list[Legacy]) -> Iterator[_Item]:
    for cell in sheet.iter(*_CELL):
        if cell.get("t") == "inlineStr":
            legacy = _style_of(cell, xf_legacy)
            for container in _children(cell, "is"):
                yield _Item(_string_pieces(container, legacy), [(name, cell.get("r") or "")])


def _convert(items: list[_Item]) -> Tally:
    flat = [(t.text or "", legacy) for item in items for t, legacy in item.pieces]
    decided = iter(resolve(flat))
    tally = Tally()
    for item in items:
        resolved = [(t, next(decided)) for t, _ in item.pieces]
        start = 0
        while start < len(resolved):
            end = start
            while end < len(resolved) and resolved[end][1] == resolved[start][1]:
                end += 1
            legacy = resolved[start][1]
            nodes = [t for t, _ in resolved[start:end]]
            if legacy is not None and convert_nodes(nodes, legacy[0], upper=legacy[1]):
                tally.encodings.add(legacy[0])  # a string no cell shows counts no cell
                for cell in item.cells:
                    tally.add(legacy[0], cell)
            start = end
    return tally


def _switched(root: Element, tag: str) -> Element:
    """The legacy font names under root (<name> in styles, <rFont> in runs) made Unicode ones."""
    for element in root.iter(*_tags(tag)):
        name = element.get("val")
        if name and font_encoding(name) is not None:
            element.set("val", unicode_font(name))
    return root
