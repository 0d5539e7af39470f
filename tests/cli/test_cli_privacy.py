"""`export` and `register` mask personal numbers, `--unmasked` does not, `audit` lists them all."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from db import open_store
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.cli.conftest import Run

PHONE, CCCD = "0912 345 678", "001203004567"
CONTENT = f"Ông An (CCCD {CCCD}, ĐT {PHONE}) đề nghị theo Công văn 5606/VPCP-QHĐP ngày 12/06/2026."


@pytest.fixture
def seeded(db_path: Path) -> Path:
    session = Session(open_store(db_path), actor="vanthu")
    register_document(
        session,
        DocumentInput(
            received_on=dt.date(2026, 7, 13), sender=f"Ông An, ĐT {PHONE}", summary=CONTENT
        ),  # fmt: skip
        [PetitionInput(origin="Thái Bình", content=CONTENT, summary=CONTENT)],
    )
    session.close()
    return db_path


def _cells(path: Path) -> str:
    sheet = load_workbook(path).active
    assert sheet is not None
    return " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)


def test_export_is_masked_and_recorded(run: Run, seeded: Path, tmp_path: Path) -> None:
    out = tmp_path / "so.xlsx"
    r = run("export", str(out))
    assert r.code == 0, r.err
    assert "đã được che" in r.out
    text = _cells(out)
    assert PHONE not in text and CCCD not in text
    assert "0912 *** 678" in text and "0012*****567" in text and "5606/VPCP-QHĐP" in text
    listed = run("audit", "--json")
    assert listed.code == 0, listed.err
    (event,) = listed.json()
    assert event["kind"] == "petitions" and event["file"] == "so.xlsx"
    assert event["masked"] is True and event["rows"] == 1 and event["action"] == "export"
    assert event["folder"] == str(tmp_path.resolve())


def test_unmasked_export_for_the_local_user(run: Run, seeded: Path, tmp_path: Path) -> None:
    # A file without users: its single local user has every right, as before users existed.
    out = tmp_path / "day-du.xlsx"
    r = run("export", str(out), "--unmasked")
    assert r.code == 0, r.err
    assert "không che" in r.out
    text = _cells(out)
    assert PHONE in text and CCCD in text
    (event,) = run("audit", "--json").json()
    assert event["masked"] is False


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_register_masked_then_listed(run: Run, seeded: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"so-den.{fmt}"
    r = run("register", "incoming", "--from", "01/01/2026", "--to", "31/12/2026", "--out", str(out))
    assert r.code == 0, r.err
    assert "1 dòng" in r.out and "đã được che" in r.out
    if fmt == "xlsx":
        assert PHONE not in _cells(out) and "0912 *** 678" in _cells(out)
    human = run("audit")
    assert human.code == 0, human.err
    assert "Sổ đăng ký văn bản đến, từ ngày 01/01/2026 đến ngày 31/12/2026: 1 dòng" in human.out
    assert f"«so-den.{fmt}»" in human.out and "đã che số" in human.out


def test_failed_export_records_nothing(run: Run, seeded: Path, tmp_path: Path) -> None:
    r = run("register", "tracking", "--from", "01/01/2026", "--to", "31/12/2026",
            "--out", str(tmp_path / "khong-co" / "so.pdf"))  # fmt: skip
    assert r.code == 1 and r.err.startswith("Lỗi: ") and "Traceback" not in r.err
    assert run("audit", "--json").json() == []
    assert "Chưa có lần xuất dữ liệu nào" in run("audit").out


def test_audit_period(run: Run, seeded: Path, tmp_path: Path) -> None:
    assert run("export", str(tmp_path / "a.xlsx")).code == 0
    today = dt.date.today()
    day = f"{today:%d/%m/%Y}"
    assert len(run("audit", "--from", day, "--to", day, "--json").json()) == 1
    tomorrow = f"{today + dt.timedelta(days=1):%d/%m/%Y}"
    assert run("audit", "--from", tomorrow, "--json").json() == []
    bad = run("audit", "--from", tomorrow, "--to", day)
    assert bad.code == 1 and "ngược" in bad.err and "Traceback" not in bad.err
