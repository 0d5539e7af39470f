"""`export` and `register` mask personal numbers, `--unmasked` does not, `audit` lists them all.

Signed in as the accounts of tests/accounts.py, so the same tests run on a file and on the
server; the single local user of a file without users is a SQLite-file case of its own."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from db import open_store
from desktop.core import users
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests import accounts
from tests.cli.conftest import ROOT, Result, Run

accounts_template = accounts.accounts_template  # the five accounts of tests/accounts.py
accounts_db = accounts.accounts_db

PHONE, CCCD = "0912 345 678", "001203004567"
CONTENT = f"Ông An (CCCD {CCCD}, ĐT {PHONE}) đề nghị theo Công văn 5606/VPCP-QHĐP ngày 12/06/2026."
YEAR = ("--from", "01/01/2026", "--to", "31/12/2026")
# The audit log also holds the accounts' creation (and prints): these tests read the exports.
EXPORTS = ("audit", "--action", "export")


def _register(session: Session) -> None:
    register_document(
        session,
        DocumentInput(
            received_on=dt.date(2026, 7, 13), sender=f"Ông An, ĐT {PHONE}", summary=CONTENT
        ),
        [PetitionInput(origin="Thái Bình", content=CONTENT, summary=CONTENT)],
    )


@pytest.fixture
def seeded(accounts_db: Any) -> Any:
    """The accounts database with one petition carrying a phone and a CCCD number."""
    store = open_store(accounts_db)
    try:
        _register(Session(store, user=users.authenticate(store, "vanthu", "matkhau-vanthu")))
    finally:
        store.close()
    return accounts_db


def _as(db: Any, name: str, *args: str) -> Result:
    """The command signed in as `name`, the password from KIENNGHI_PASSWORD."""
    env = {**os.environ, "KIENNGHI_TODAY": "23/11/2026", "PYTHONIOENCODING": "utf-8",
           "KIENNGHI_PASSWORD": accounts.password(name)}  # fmt: skip
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(db), "--user", name, *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    return Result(proc)


def _cells(path: Path) -> str:
    sheet = load_workbook(path).active
    assert sheet is not None
    return " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)


def test_export_is_masked_and_recorded(seeded: Any, tmp_path: Path) -> None:
    out = tmp_path / "so.xlsx"
    r = _as(seeded, "vanthu", "export", str(out))
    assert r.code == 0, r.err
    assert "đã được che" in r.out
    text = _cells(out)
    assert PHONE not in text and CCCD not in text
    assert "0912 *** 678" in text and "0012*****567" in text and "5606/VPCP-QHĐP" in text
    listed = _as(seeded, "lanhdao", *EXPORTS, "--json")
    assert listed.code == 0, listed.err
    (event,) = listed.json()
    assert event["kind"] == "petitions" and event["file"] == "so.xlsx"
    assert event["masked"] is True and event["rows"] == 1 and event["action"] == "export"
    assert event["folder"] == str(tmp_path.resolve()) and event["actor"] == "vanthu"


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_register_masked_then_listed(seeded: Any, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"so-den.{fmt}"
    r = _as(seeded, "vanthu", "register", "incoming", *YEAR, "--out", str(out))
    assert r.code == 0, r.err
    assert "1 dòng" in r.out and "đã được che" in r.out
    if fmt == "xlsx":
        assert PHONE not in _cells(out) and "0912 *** 678" in _cells(out)
    human = _as(seeded, "lanhdao", "audit")
    assert human.code == 0, human.err
    assert "Sổ đăng ký văn bản đến, từ ngày 01/01/2026 đến ngày 31/12/2026: 1 dòng" in human.out
    assert f"«so-den.{fmt}»" in human.out and "đã che số" in human.out


def test_failed_export_records_nothing(seeded: Any, tmp_path: Path) -> None:
    out = tmp_path / "khong-co" / "so.pdf"
    r = _as(seeded, "vanthu", "register", "tracking", *YEAR, "--out", str(out))
    assert r.code == 1 and r.err.startswith("Lỗi: ") and "Traceback" not in r.err
    assert _as(seeded, "lanhdao", *EXPORTS, "--json").json() == []
    assert "Chưa có lần xuất dữ liệu nào" in _as(seeded, "lanhdao", *EXPORTS).out
    refused = _as(seeded, "vanthu", "audit")
    assert refused.code == 1 and "quản trị hoặc lãnh đạo" in refused.err


def test_audit_period(seeded: Any, tmp_path: Path) -> None:
    assert _as(seeded, "vanthu", "export", str(tmp_path / "a.xlsx")).code == 0
    today = dt.date.today()
    day = f"{today:%d/%m/%Y}"
    assert len(_as(seeded, "lanhdao", *EXPORTS, "--from", day, "--to", day, "--json").json()) == 1
    tomorrow = f"{today + dt.timedelta(days=1):%d/%m/%Y}"
    assert _as(seeded, "lanhdao", *EXPORTS, "--from", tomorrow, "--json").json() == []
    bad = _as(seeded, "lanhdao", "audit", "--from", tomorrow, "--to", day)
    assert bad.code == 1 and "ngược" in bad.err and "Traceback" not in bad.err


def test_only_admin_and_leader_export_unmasked(seeded: Any, tmp_path: Path) -> None:
    refused = _as(seeded, "vanthu", "export", str(tmp_path / "a.xlsx"), "--unmasked")
    assert refused.code == 1 and "Traceback" not in refused.err
    assert "«vanthu» (văn thư) không được xuất dữ liệu không che thông tin cá nhân" in refused.err
    assert "quản trị hoặc lãnh đạo" in refused.err and not (tmp_path / "a.xlsx").exists()
    masked = _as(seeded, "vanthu", "export", str(tmp_path / "b.xlsx"))
    assert masked.code == 0, masked.err
    for name in ("lanhdao", "qt"):
        out = tmp_path / f"{name}.xlsx"
        done = _as(seeded, name, "register", "incoming", *YEAR, "--out", str(out), "--unmasked")
        assert done.code == 0, done.err
        assert "không che" in done.out and PHONE in _cells(out) and CCCD in _cells(out)
    listed = _as(seeded, "qt", *EXPORTS, "--json")
    assert listed.code == 0, listed.err
    assert [(e["actor"], e["file"], e["masked"]) for e in listed.json()] == [
        ("vanthu", "b.xlsx", True),
        ("lanhdao", "lanhdao.xlsx", False),
        ("qt", "qt.xlsx", False),
    ]


@pytest.mark.sqlite_file
def test_unmasked_export_for_the_local_user(run: Run, db_path: Path, tmp_path: Path) -> None:
    # A file without users: its single local user has every right, as before users existed.
    session = Session(open_store(db_path), actor="vanthu")
    _register(session)
    session.close()
    out = tmp_path / "day-du.xlsx"
    r = run("export", str(out), "--unmasked")
    assert r.code == 0, r.err
    assert "không che" in r.out
    text = _cells(out)
    assert PHONE in text and CCCD in text
    (event,) = run("audit", "--json").json()
    assert event["masked"] is False
