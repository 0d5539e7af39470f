"""Exports and printed registers: personal numbers masked, each file recorded in audit_events."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from db import audit as audit_repo
from db import open_store
from desktop.core import audit, reports
from desktop.core.errors import DomainError
from desktop.core.registers import register_rows, render_register_pdf, render_register_xlsx
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests import damage

D = dt.date
FROM, TO = D(2026, 1, 1), D(2026, 12, 31)
PHONE, CCCD = "0912 345 678", "001203004567"
SENDER = f"Ông Nguyễn Văn An, ĐT {PHONE}"
SUMMARY = f"Đề nghị lắp trạm BTS (CCCD {CCCD}) theo Công văn 5606/VPCP-QHĐP ngày 12/06/2026"


def _seed(session: Session) -> None:
    register_document(
        session,
        DocumentInput(
            received_on=D(2026, 7, 13), sender=SENDER, sender_ref="12/ĐKN", summary=SUMMARY
        ),  # fmt: skip
        [PetitionInput(origin="Thái Bình", content=SUMMARY, summary=SUMMARY)],
    )


def _xlsx_text(path: Path) -> str:
    sheet = load_workbook(path).active
    assert sheet is not None
    return "\n".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)


def test_export_masks_and_records(session: Session, tmp_path: Path) -> None:
    _seed(session)
    dest = tmp_path / "so-kien-nghi.xlsx"
    assert reports.export_register(session, dest) == 1
    text = _xlsx_text(dest)
    assert CCCD not in text and "CCCD 0012*****567" in text
    assert "5606/VPCP-QHĐP ngày 12/06/2026" in text  # document number and date untouched
    (event,) = audit.exports(session)
    assert event.actor == "tester" and event.action == "export"
    assert event.detail["kind"] == "petitions" and event.detail["file"] == "so-kien-nghi.xlsx"
    assert event.detail["folder"] == str(tmp_path.resolve())
    assert event.detail["rows"] == 1 and event.detail["masked"] is True
    assert event.detail["format"] == "xlsx"
    stamp = dt.datetime.fromisoformat(event.at)
    assert abs((dt.datetime.now().astimezone() - stamp).total_seconds()) < 60


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_printed_registers_mask_and_record(session: Session, tmp_path: Path, fmt: str) -> None:
    _seed(session)
    dest = tmp_path / f"so-den.{fmt}"
    render = render_register_pdf if fmt == "pdf" else render_register_xlsx
    render(session, "incoming", FROM, TO, dest)
    if fmt == "pdf":
        text = subprocess.run(["pdftotext", str(dest), "-"], capture_output=True, text=True,
                              check=True).stdout  # fmt: skip
        text = " ".join(text.split())
    else:
        text = _xlsx_text(dest)
    assert PHONE not in text and "0912 *** 678" in text
    assert CCCD not in text and "0012*****567" in text
    (event,) = audit.exports(session)
    assert event.detail["kind"] == "incoming" and event.detail["format"] == fmt
    assert (event.detail["from"], event.detail["to"]) == ("2026-01-01", "2026-12-31")
    assert event.detail["rows"] == 1 and event.detail["masked"] is True


def test_register_rows_are_masked_by_default(session: Session) -> None:
    _seed(session)
    for kind in ("incoming", "tracking"):
        cells = " ".join(c for row in register_rows(session, kind, FROM, TO) for c in row)
        assert PHONE not in cells and "0912 *** 678" in cells


def test_a_file_not_written_is_not_recorded(session: Session, tmp_path: Path) -> None:
    _seed(session)
    with pytest.raises(DomainError, match="không tồn tại"):
        render_register_xlsx(session, "incoming", FROM, TO, tmp_path / "missing" / "so.xlsx")
    with pytest.raises(DomainError, match="hủy"):
        reports.export_register(session, tmp_path / "x.xlsx", progress=lambda d, t: False)
    assert audit.exports(session) == []


@pytest.mark.sqlite_file
def test_an_export_that_cannot_be_recorded_leaves_no_file(
    session: Session, db_path: Path, tmp_path: Path
) -> None:
    _seed(session)
    # Someone with sqlite3 took the log away: the export must not stay on disk unrecorded.
    outside = sqlite3.connect(db_path)
    outside.execute("DROP TABLE audit_events")
    outside.commit()
    outside.close()
    dest = tmp_path / "so.xlsx"
    with pytest.raises(sqlite3.OperationalError):
        reports.export_register(session, dest)
    assert not dest.exists()
    assert list(tmp_path.glob("*.tmp")) == []


@pytest.mark.sqlite_file
def test_read_only_database_refuses_before_writing(
    session: Session, db_path: Path, tmp_path: Path
) -> None:
    _seed(session)
    session.close()
    damaged = Session(open_store(damage.corrupted_copy(db_path, tmp_path / "hong.db")), actor="t")
    assert damaged.store.read_only is not None  # a damaged file opens read-only
    dest = tmp_path / "so.pdf"
    with pytest.raises(DomainError, match="phải được ghi vào nhật ký"):
        render_register_pdf(damaged, "incoming", FROM, TO, dest)
    with pytest.raises(DomainError, match="phải được ghi vào nhật ký"):
        reports.export_register(damaged, tmp_path / "so.xlsx")
    assert not dest.exists() and not (tmp_path / "so.xlsx").exists()
    damaged.close()


def test_exports_listed_by_day_newest_kept(session: Session, tmp_path: Path) -> None:
    _seed(session)
    for name in ("a.xlsx", "b.xlsx"):
        reports.export_register(session, tmp_path / name)
    today = dt.date.today()
    assert [e.detail["file"] for e in audit.exports(session)] == ["a.xlsx", "b.xlsx"]
    assert len(audit.exports(session, today, today)) == 2
    assert audit.exports(session, today + dt.timedelta(days=1)) == []
    assert audit.exports(session, None, today - dt.timedelta(days=1)) == []
    newest = audit_repo.events(session.store, action="export", limit=1)
    assert [e.detail["file"] for e in newest] == ["b.xlsx"]
    with pytest.raises(DomainError, match="ngược"):
        audit.exports(session, today, today - dt.timedelta(days=1))


def test_the_log_is_only_ever_appended(session: Session, tmp_path: Path) -> None:
    _seed(session)
    reports.export_register(session, tmp_path / "a.xlsx")
    # On the server the log already holds the office accounts' creation: counted, not assumed.
    first = session.store.all("SELECT * FROM audit_events ORDER BY id")
    render_register_xlsx(session, "tracking", FROM, TO, tmp_path / "b.xlsx")
    after = session.store.all("SELECT * FROM audit_events ORDER BY id")
    assert [tuple(r) for r in after[: len(first)]] == [tuple(r) for r in first]
    assert len(after) == len(first) + 1
