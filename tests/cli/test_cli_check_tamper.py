"""`kiennghi check` names the record another program changed in the file (seals, migration 9)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import ROOT, Run
from tests.helpers import sql_on_file

# The tampering is done with the sqlite3 module on the file (and on purpose).
pytestmark = [pytest.mark.sqlite_file, pytest.mark.tampers]


@pytest.fixture(scope="module")
def demo_db(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A register of 40 demo petitions written by the real command, built once."""
    path = tmp_path_factory.mktemp("tamper") / "demo.db"
    shutil.copyfile(template_db, path)
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(path), "demo", "--count", "40"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return path


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "so.db"
    shutil.copyfile(demo_db, dest)
    return dest


def _when(at: object) -> str:
    return f"{dt.datetime.fromisoformat(str(at)):%H:%M %d/%m/%Y}"


def test_untouched_register_passes(run: Run, db: Path) -> None:
    r = run("check", db=db)
    assert r.code == 0, r.err
    assert "dấu niêm phong" in r.out and r.err == ""


def test_reply_text_changed(run: Run, db: Path) -> None:
    ((reply, petition),) = sql_on_file(
        db, "SELECT reply_id, petition_id FROM reply_petitions ORDER BY reply_id LIMIT 1 OFFSET 3"
    )
    sql_on_file(db, f"UPDATE replies SET text = 'Nội dung khác' WHERE id = {reply}")
    r = run("check", db=db)
    assert r.code == 1
    assert r.err.splitlines() == [
        f"Trả lời #{reply} (kiến nghị {petition}) đã bị sửa ngoài phần mềm:"
        " dữ liệu không khớp dấu niêm phong."
    ]


def test_event_actor_changed(run: Run, db: Path) -> None:
    ((event, petition, at),) = sql_on_file(
        db, "SELECT id, petition_id, at FROM status_events ORDER BY id LIMIT 1 OFFSET 10"
    )
    sql_on_file(db, f"UPDATE status_events SET actor = 'vanthu2' WHERE id = {event}")
    r = run("check", db=db)
    assert r.code == 1
    assert r.err.splitlines() == [
        f"Lịch sử: sự kiện #{event} (kiến nghị {petition}, {_when(at)}, vanthu2) bị sửa hoặc xoá"
        " ngoài phần mềm: chuỗi băm đứt từ đây."
    ]


def test_event_deleted(run: Run, db: Path) -> None:
    ((event,),) = sql_on_file(db, "SELECT id FROM status_events ORDER BY id LIMIT 1 OFFSET 20")
    sql_on_file(db, f"DELETE FROM status_events WHERE id = {event}")
    r = run("check", db=db)
    assert r.code == 1
    assert r.err.splitlines() == [
        f"Lịch sử: sự kiện #{event} bị sửa hoặc xoá ngoài phần mềm: chuỗi băm đứt từ đây."
    ]


def test_last_events_cut_with_their_links(run: Run, db: Path) -> None:
    sql_on_file(
        db,
        "DELETE FROM status_events WHERE id > (SELECT max(id) - 3 FROM status_events)",
        "DELETE FROM seal_chain WHERE id > (SELECT max(id) - 3 FROM seal_chain)",
    )
    r = run("check", db=db)
    assert r.code == 1
    assert any("các sự kiện cuối đã bị xoá ngoài phần mềm" in line for line in r.err.splitlines())


def test_petition_inserted(run: Run, db: Path) -> None:
    ((new_id,),) = sql_on_file(
        db,
        "INSERT INTO petitions (uuid, origin, content, received_on, created_at, updated_at)"
        " VALUES ('ngoai', 'Hà Giang', 'Thêm tay', '2026-11-02', 'x', 'x') RETURNING id",
    )
    r = run("check", db=db)
    assert r.code == 1
    assert r.err.splitlines() == [
        f"Kiến nghị #{new_id} được thêm ngoài phần mềm: không có dấu niêm phong."
    ]


def test_assignment_deleted(run: Run, db: Path) -> None:
    ((assignment,),) = sql_on_file(db, "SELECT id FROM assignments ORDER BY id LIMIT 1 OFFSET 5")
    sql_on_file(db, f"DELETE FROM assignments WHERE id = {assignment}")
    r = run("check", db=db)
    assert r.code == 1
    assert r.err.splitlines() == [
        f"Giao việc #{assignment} đã bị xoá ngoài phần mềm: còn dấu niêm phong nhưng không còn"
        " dữ liệu."
    ]


def test_repair_rebuilds_search_but_keeps_the_evidence(run: Run, db: Path) -> None:
    ((petition,),) = sql_on_file(db, "SELECT id FROM petitions ORDER BY id LIMIT 1 OFFSET 7")
    sql_on_file(db, f"UPDATE petitions SET content = 'Nội dung sửa tay' WHERE id = {petition}")
    expected = f"Kiến nghị #{petition} đã bị sửa ngoài phần mềm: dữ liệu không khớp dấu niêm phong."
    repaired = run("check", "--repair", db=db)
    assert repaired.code == 1 and expected in repaired.err.splitlines()
    # The app's own change of that petition afterwards does not seal it again either.
    edited = run("edit-petition", str(petition), "--summary", "Tóm tắt", db=db)
    assert edited.code == 0, edited.err
    again = run("check", db=db)
    assert again.code == 1 and again.err.splitlines() == [expected]
