"""Text nodes of an Office XML file (DOCX runs, XLSX strings) rewritten from TCVN3/VNI."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop.core.legacy_text import Encoding, convert_pieces

Element = Any  # an lxml element; lxml ships no type information

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def convert_nodes(nodes: Sequence[Element], encoding: Encoding, *, upper: bool = False) -> bool:
    """Convert consecutive text nodes of one font in place; False when nothing changed."""
    before = [t.text or "" for t in nodes]
    after = convert_pieces(before, encoding, upper=upper)
    if after == before:
        return False
    for node, text in zip(nodes, after, strict=True):
        node.text = text
        if text != text.strip():  # a leading or trailing space must survive the save
            node.set(_XML_SPACE, "preserve")
    return True
