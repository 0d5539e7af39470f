"""Nothing live in Excel: text that looks like a formula is written, and reads back, as text."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from openpyxl import Workbook

from db import petitions as pet
from db.petition_filter import PetitionFilter
from desktop.core import reports, workflow, xlsx_out
from desktop.core.letters import register as letters
from desktop.core.registers import RegisterKind, register_rows, render_register_xlsx
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session

D = dt.date
HOSTILE = (
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x","y")',
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1",
)
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _raw_cells(path: Path) -> list[ElementTree.Element]:
    """Every <c> of every sheet, read from the zip itself rather than through openpyxl."""
    cells: list[ElementTree.Element] = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                cells.extend(ElementTree.fromstring(archive.read(name)).iter(f"{_NS}c"))
    return cells


def _raw_texts(path: Path) -> list[str]:
    """Text of each string cell (inline or shared), with no <f> anywhere in the package."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
        shared: list[str] = []
        if "xl/sharedStrings.xml" in archive.namelist():
            root = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter(f"{_NS}t")) for si in root]
    texts = []
    for c in _raw_cells(path):
        assert c.find(f"{_NS}f") is None
        kind = c.get("t")
        if kind == "inlineStr":
            texts.append("".join(t.text or "" for t in c.iter(f"{_NS}t")))
        elif kind == "s":
            texts.append(shared[int(c.findtext(f"{_NS}v") or "0")])
        else:  # numbers and dates: never a text the clerk typed
            assert kind in (None, "n", "d"), kind
    return texts


def _openpyxl_texts(path: Path) -> list[str]:
    texts = []
    for row in openpyxl.load_workbook(path).active.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str):
                texts.append(cell.value)
    return texts


def _assert_text_as_typed(path: Path, expected: set[str]) -> None:
    assert expected <= set(_raw_texts(path))
    assert expected <= set(_openpyxl_texts(path))


def test_one_writer_keeps_every_formula_lead_as_text(tmp_path: Path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("a")
    sheet.append([xlsx_out.cell(sheet, text) for text in HOSTILE])
    dest = tmp_path / "a.xlsx"
    book.save(dest)
    assert _raw_texts(dest) == list(HOSTILE)
    assert _openpyxl_texts(dest) == list(HOSTILE)
    # Excel's quote prefix: re-typing the cell in Excel keeps it text as well.
    row = next(openpyxl.load_workbook(dest).active.iter_rows())
    assert all(cell.quotePrefix for cell in row)

    book2 = Workbook()
    plain = book2.active
    for column, text in enumerate(HOSTILE, start=1):
        xlsx_out.put(plain, 1, column, text)
    xlsx_out.put(plain, 2, 1, "Bến Tre")
    dest2 = tmp_path / "b.xlsx"
    book2.save(dest2)
    assert _raw_texts(dest2) == [*HOSTILE, "Bến Tre"]
    assert not openpyxl.load_workbook(dest2).active["A2"].quotePrefix


def test_naive_openpyxl_would_write_a_formula(tmp_path: Path) -> None:
    # The hazard this module exists for: proves the checks above can fail.
    book = Workbook()
    book.active["A1"] = HOSTILE[0]
    book.save(tmp_path / "naive.xlsx")
    with pytest.raises(AssertionError):
        _raw_texts(tmp_path / "naive.xlsx")


def _seed_hostile(session: Session) -> set[str]:
    """Documents and petitions whose every text begins like a formula; the texts as stored."""
    ids: list[int] = []
    for number, text in enumerate(HOSTILE):
        r = register_document(
            session,
            DocumentInput(
                received_on=D(2026, 7, 13 + number),
                sender=text,
                sender_ref=f"{number + 1}/VPCP",
                summary=text,
                reply_by=D(2026, 9, 15),
            ),
            [PetitionInput(origin=text, content=text, summary=text)],
        )
        ids.extend(r.petition_ids)
    workflow.assign(session, ids[0], "THH")
    letter = letters.draft_reply(session, ids[:2], answer=HOSTILE[0])
    letters.issue_reply(session, letter)
    stored = {p.origin for p in pet.list_rows(session.store, PetitionFilter(), limit=50)}
    # Stored as the importer and the forms clean it (ends trimmed), whatever it begins with.
    assert "=cmd|' /C calc'!A0" in stored and "=1+1" in stored and "-1" in stored
    return stored


def test_export_register_writes_no_formula(session: Session, tmp_path: Path) -> None:
    stored = _seed_hostile(session)
    dest = tmp_path / "so.xlsx"
    assert reports.export_register(session, dest) == len(HOSTILE)
    _assert_text_as_typed(dest, stored)


@pytest.mark.parametrize("kind", ["incoming", "outgoing", "tracking"])
def test_registers_write_no_formula(session: Session, tmp_path: Path, kind: RegisterKind) -> None:
    stored = _seed_hostile(session)
    span = (D(2026, 1, 1), D(2026, 12, 31))
    dest = render_register_xlsx(session, kind, *span, tmp_path / "r.xlsx")
    shown = {v for row in register_rows(session, kind, *span) for v in row}
    raw = _raw_texts(dest)  # and no <f> anywhere
    # Cells that begin like a formula read back as typed, through openpyxl and in the XML.
    _assert_text_as_typed(dest, {v for v in shown if v.startswith(xlsx_out.FORMULA_LEADS)})
    # The tracking register joins the sender into a longer cell: still there, still text.
    if kind != "outgoing":
        assert all(any(text in cell for cell in raw) for text in stored)
