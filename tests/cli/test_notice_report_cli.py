"""`kiennghi notice-report` on the real command line: seed 003 registered on 05/03/2020 with
progress reports recorded on 15/04/2020 (KIENNGHI_TODAY pinned), the report as of a day
before and after a task was done, as DOCX and XLSX; refusals in Vietnamese, exit 1, no file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from db import open_store
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.cli.conftest import Run
from tests.conftest import Clock
from tests.notice_report_setup import (
    DONE_LATE,
    RECEIVED,
    UNDER_WAY,
    Seeded,
    docx_lines,
    docx_task_rows,
    seed_notice,
)

TODAY = "15/04/2020"


@pytest.fixture
def register(db_path: Any, tmp_path: Path) -> tuple[Seeded, int]:
    """Seed 003 with its progress reports, and a document of petitions (not a notice)."""
    store = open_store(db_path)
    try:
        clock = Clock(RECEIVED)
        session = Session(store, actor="tester", today=clock, system=True)
        seeded = seed_notice(session, clock, tmp_path)
        petitions = register_document(
            session,
            DocumentInput(received_on=RECEIVED, sender="UBND tỉnh Thái Bình", sender_ref="12/UBND"),
            [PetitionInput("UBND tỉnh Thái Bình", "Đề nghị hỗ trợ phủ sóng di động vùng biển.")],
        )
        assert petitions.document_id is not None
        return seeded, petitions.document_id
    finally:
        store.close()


def test_docx_before_and_after_a_task_was_done(
    run: Run, register: tuple[Seeded, int], tmp_path: Path
) -> None:
    seeded, _ = register
    out = tmp_path / "bao-cao-16-03.docx"
    r = run("notice-report", str(seeded.document_id), "--out", str(out), "--as-of", "16/03/2020",
            today=TODAY)  # fmt: skip
    assert r.code == 0, r.err
    assert r.out.startswith(
        "Đã ghi báo cáo tình hình thực hiện Thông báo kết luận của Bộ trưởng Nguyễn Mạnh Hùng"
    )
    assert f"ra «{out}»." in r.out
    assert (
        "Tính đến ngày 16/03/2020, 40 nhiệm vụ: đã hoàn thành 1 (trong đó 0 hoàn thành sau"
        " hạn), đang thực hiện trong hạn 37, quá hạn 2." in r.out
    )
    assert "BÁO CÁO" in docx_lines(out)
    late = docx_task_rows(out)[6]
    assert late[4:] == [
        "Quá hạn 1 ngày làm việc",
        "",
        f"Ngày 10/03/2020, Cục Tin học hóa: {UNDER_WAY}",
    ]

    out = tmp_path / "bao-cao-25-03.docx"
    r = run("notice-report", str(seeded.document_id), "--out", str(out), "--as-of", "25/03/2020",
            today=TODAY)  # fmt: skip
    assert r.code == 0, r.err
    assert "đã hoàn thành 2 (trong đó 1 hoàn thành sau hạn)" in r.out and "quá hạn 1." in r.out
    late = docx_task_rows(out)[6]
    assert late[4:] == [
        "Đã hoàn thành (sau hạn 5 ngày làm việc)", "20/03/2020",
        f"Ngày 20/03/2020, Cục Tin học hóa: {DONE_LATE}",
    ]  # fmt: skip


def test_xlsx_as_of_today_by_default(
    run: Run, register: tuple[Seeded, int], tmp_path: Path
) -> None:
    seeded, _ = register
    out = tmp_path / "bao-cao.xlsx"
    r = run("notice-report", str(seeded.document_id), "--out", str(out), "--json", today=TODAY)
    assert r.code == 0, r.err
    assert r.json() == {
        "document_id": seeded.document_id,
        "as_of": "2020-04-15",
        "out": str(out.resolve()),
        "format": "xlsx",
        "counts": {"total": 40, "done": 2, "done_late": 1, "open": 32, "overdue": 6, "later": 0},
    }
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    assert str(sheet["A2"].value).startswith("Tính đến ngày 15/04/2020, 40 nhiệm vụ")
    assert sheet["I4"].value == "Tình trạng đến ngày 15/04/2020"
    assert sheet["B10"].value == seeded.late
    assert (sheet["H10"].value, sheet["J10"].value) == (
        dt.datetime(2020, 3, 13), dt.datetime(2020, 3, 20),
    )  # fmt: skip
    assert sheet["J10"].number_format == "DD/MM/YYYY" and sheet["I10"].value == "Đã hoàn thành"


@pytest.mark.parametrize(
    ("which", "name", "as_of", "message"),
    [
        ("notice", "r.pdf", None, "Tệp báo cáo phải có đuôi .docx hoặc .xlsx (được «r.pdf»)."),
        ("unknown", "r.docx", None, "Không có văn bản đến mã 999999."),
        ("petitions", "r.xlsx", None, "không phải thông báo giao nhiệm vụ"),
        ("notice", "r.docx", "16/04/2020", "Ngày báo cáo 16/04/2020 ở tương lai"),
    ],
)
def test_refusals_exit_1_without_a_file(
    run: Run,
    register: tuple[Seeded, int],
    tmp_path: Path,
    which: str,
    name: str,
    as_of: str | None,
    message: str,
) -> None:
    seeded, petitions = register
    document = {"notice": seeded.document_id, "unknown": 999_999, "petitions": petitions}[which]
    out = tmp_path / name
    extra = ["--as-of", as_of] if as_of else []
    r = run("notice-report", str(document), "--out", str(out), *extra, today=TODAY)
    assert r.code == 1
    assert r.err.startswith("Lỗi: ") and message in r.err
    assert "Traceback" not in r.err and r.out == ""
    assert not out.exists() and list(tmp_path.glob(f".{name}.*")) == []
