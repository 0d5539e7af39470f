import datetime as dt
import subprocess
from pathlib import Path

import openpyxl

from db import open_store
from desktop.core.registry import DocumentInput, register_document
from desktop.core.session import Session
from tests.cli.conftest import Run
from tests.helpers import content_digest


def _document(db_path: Path) -> None:
    session = Session(
        open_store(db_path), actor="tester", today=lambda: dt.date(2026, 11, 23), system=True
    )
    register_document(
        session,
        DocumentInput(
            received_on=dt.date(2026, 7, 13),
            sender="Văn phòng Chính phủ",
            sender_ref="5606/VPCP-QHĐP",
            sender_date=dt.date(2026, 7, 10),
            summary="Kiến nghị của cử tri thành phố Hải Phòng",
        ),
    )
    session.close()


def test_register_pdf_and_xlsx(run: Run, db_path: Path, tmp_path: Path) -> None:
    _document(db_path)
    before = content_digest(db_path)
    pdf = tmp_path / "so-den.pdf"
    r = run("register", "incoming", "--from", "01/01/2026", "--to", "31/12/2026", "--out", str(pdf))
    assert r.code == 0, r.err
    assert "1 dòng" in r.out and "sổ đăng ký văn bản đến" in r.out
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "5606/VPCP-QHĐP" in text and "Trang 1" in text
    xlsx = tmp_path / "theo-doi.xlsx"
    r = run(
        "register", "tracking", "--from", "01/01/2026", "--to", "31/12/2026", "--out", str(xlsx)
    )
    assert r.code == 0, r.err
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet is not None and sheet.cell(2, 1).value == "Số đến"
    assert (
        sheet.cell(3, 2).value
        == "Công văn số 5606/VPCP-QHĐP ngày 10/07/2026 của Văn phòng Chính phủ"
    )
    r = run("register", "outgoing", "--from", "01/01/2026", "--to", "31/12/2026", "--out", str(pdf))
    assert r.code == 0 and "0 dòng" in r.out
    assert content_digest(db_path) == before


def test_register_refusals(run: Run, db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "so.pdf"
    r = run("register", "incoming", "--from", "31/12/2026", "--to", "01/01/2026", "--out", str(out))
    assert r.code == 1 and "ngược" in r.err and not out.exists()
    r = run("register", "incoming", "--from", "01/01/2026", "--to", "31/12/2026", "--out", "x.docx")
    assert r.code == 1 and ".pdf hoặc .xlsx" in r.err
    r = run("register", "incoming", "--from", "1/13/2026", "--to", "31/12/2026", "--out", str(out))
    assert r.code == 2 and "dd/mm/yyyy" in r.err
    r = run("register", "sent", "--from", "01/01/2026", "--to", "31/12/2026", "--out", str(out))
    assert r.code == 2
