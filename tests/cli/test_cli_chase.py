"""`kiennghi chase`: chase letters from the real command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from db import letters as reg
from db import open_store
from desktop.core.session import Session
from tests.chase_setup import LATE_TASK, LATER_TASK, VINH_PHUC, Overdue, overdue_work
from tests.cli.conftest import Run
from tests.core.letters.test_chase import docx_text, pdf_text
from tests.helpers import content_digest


def _register(db_path: Path) -> Overdue:
    session = Session(
        open_store(db_path), actor="tester", today=lambda: dt.date(2026, 11, 23), system=True
    )
    try:
        return overdue_work(session)
    finally:
        session.close()


def _numbers(db_path: Path) -> list[int | None]:
    store = open_store(db_path)
    try:
        return [r.number for r in sorted(reg.list_letters(store), key=lambda r: r.id)]
    finally:
        store.close()


def test_one_unit_draft_lists_its_overdue_items(run: Run, db_path: Path, tmp_path: Path) -> None:
    _register(db_path)
    out = tmp_path / "thh.docx"
    r = run("chase", "--unit", "THH", "--out", str(out))
    assert r.code == 0, r.err
    assert r.out.strip() == (
        f"Đã ghi dự thảo công văn đôn đốc Cục Tin học hóa (chưa cấp số) ra «{out}»."
    )
    text = docx_text(out)
    assert "còn 02 kiến nghị và 01 nhiệm vụ được giao" in text
    assert text.count("- Kiến nghị của ") == 2 and text.count("- Nhiệm vụ tại ") == 1
    assert LATE_TASK.rstrip(".") in text
    assert LATER_TASK.rstrip(".") not in text and VINH_PHUC.rstrip(".") not in text
    assert _numbers(db_path) == [None]  # kept as a draft, without a number


def test_all_units_issued_then_again(run: Run, db_path: Path, tmp_path: Path) -> None:
    _register(db_path)
    out = tmp_path / "don-doc"  # created
    args = ("chase", "--all", "--out", str(out), "--format", "pdf", "--issue")
    r = run(*args, "--json")
    assert r.code == 0, r.err
    letters = r.json()["letters"]
    assert [(x["unit"], x["reference"]) for x in letters] == [
        ("Cục An toàn thông tin", "01/BTTTT-VP"),
        ("Cục Tin học hóa", "02/BTTTT-VP"),
    ]
    assert sorted(p.name for p in out.iterdir()) == [
        "don-doc-CATTT-2026-11-23.pdf",
        "don-doc-THH-2026-11-23.pdf",
    ]
    assert "Số: 02/BTTTT-VP" in pdf_text(out / "don-doc-THH-2026-11-23.pdf")
    r = run(*args)
    assert r.code == 0, r.err
    assert r.out.splitlines() == [
        f"Đã soạn 2 công văn đôn đốc vào «{out}»:",
        "- Cục An toàn thông tin (số 03/BTTTT-VP): don-doc-CATTT-2026-11-23-2.pdf",
        "- Cục Tin học hóa (số 04/BTTTT-VP): don-doc-THH-2026-11-23-2.pdf",
    ]
    assert _numbers(db_path) == [1, 2, 3, 4]
    r = run("chase", "--all", "--out", str(tmp_path / "drafts"))
    assert r.code == 0, r.err
    assert "(dự thảo, chưa cấp số): don-doc-THH-2026-11-23.docx" in r.out
    assert _numbers(db_path) == [1, 2, 3, 4, None, None]


def test_refusals_change_nothing(run: Run, db_path: Path, tmp_path: Path) -> None:
    r = run("chase", "--all", "--out", str(tmp_path / "empty"))
    assert r.code == 1
    assert "Lỗi: Đến ngày 23/11/2026, không đơn vị nào có kiến nghị hoặc nhiệm vụ quá hạn" in r.err
    assert not (tmp_path / "empty").exists()
    _register(db_path)
    before = content_digest(db_path)
    out = tmp_path / "out"
    out.mkdir()
    r = run("chase", "--unit", "CBC", "--out", str(out / "cbc.docx"))
    assert r.code == 1 and "Traceback" not in r.err
    assert r.err.strip() == (
        "Lỗi: Đến ngày 23/11/2026, Cục Báo chí không có kiến nghị nào quá hạn, cũng không có"
        " nhiệm vụ nào quá hạn."
    )
    r = run("chase", "--unit", "THH", "--out", str(out / "thh.txt"))
    assert r.code == 1
    assert "Lỗi: Tệp --out «thh.txt» phải có đuôi .docx hoặc .pdf" in r.err
    r = run("chase", "--all", "--out", str(out / "all.pdf"))
    assert r.code == 1 and "Với --all, --out là một thư mục" in r.err
    r = run("chase", "--unit", "THH", "--out", str(out / "thh.pdf"), "--format", "docx")
    assert r.code == 1 and "không khớp --format docx" in r.err
    r = run("chase", "--unit", "THH", "--all", "--out", str(out))
    assert r.code == 2 and "không đi cùng tham số" in r.err
    assert content_digest(db_path) == before
    assert list(out.iterdir()) == []
