"""Conclusion notices as real DOCX files (python-docx writes them), from the product's seeds."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import docx

# Copies of the product's seeds 003 (conclusion notice) and 004 (directive), so CI needs no
# checkout of the shared folder.
SEEDS = {
    "003": Path(__file__).parent / "data" / "notice_003_seed.txt",
    "004": Path(__file__).parent / "data" / "directive_004_seed.txt",
}
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)


def seed_text(prefix: str) -> str:
    """The text of seed `prefix` (e.g. "003")."""
    return SEEDS[prefix].read_text(encoding="utf-8")


def write_notice_docx(
    path: Path, paragraphs: Sequence[str], header: Sequence[tuple[str, str]] = ()
) -> Path:
    """A DOCX with an optional two-column header table, then one paragraph per string.

    `**…**` becomes a bold run (the seeds mark bold that way); a newline inside a string becomes
    a line break in its paragraph, as Word writes a signature block.
    """
    document = docx.Document()
    if header:
        table = document.add_table(rows=len(header), cols=2)
        for row, (left, right) in zip(table.rows, header, strict=True):
            row.cells[0].text, row.cells[1].text = left, right
    for text in paragraphs:
        paragraph = document.add_paragraph()
        pos = 0
        for m in _BOLD.finditer(text):
            paragraph.add_run(text[pos : m.start()])
            paragraph.add_run(m.group(1)).bold = True
            pos = m.end()
        paragraph.add_run(text[pos:])
    document.save(str(path))
    return path


def seed_paragraphs(prefix: str) -> list[str]:
    """The seed's paragraphs as a clerk's Word file holds them: blank lines dropped, a bold
    block spanning lines kept as one paragraph."""
    text = _BOLD.sub(lambda m: "**" + m.group(1).replace("\n", "\x00") + "**", seed_text(prefix))
    return [line.replace("\x00", "\n") for line in text.split("\n") if line.strip()]
