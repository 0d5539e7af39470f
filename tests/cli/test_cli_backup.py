"""`kiennghi backup [DEST] [--list] [--json]`, `restore`, `check` and `--db` typos, for real."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from db import backup as bk
from db import open_store
from db.migrations import LATEST
from tests import damage
from tests.cli.conftest import Run
from tests.helpers import content_digest

# About the SQLite file itself (its WAL, backups, damage, the disk under it).
pytestmark = pytest.mark.sqlite_file


def test_backup_list_empty_then_filled(run: Run, db_path: Path) -> None:
    r = run("backup", "--list")
    assert r.code == 0 and "Chưa có bản sao lưu tự động nào" in r.out
    assert run("backup", "--list", "--json").json() == []
    store = open_store(db_path)
    made = bk.rotate(store, bk.DAILY)
    store.close()
    assert made is not None
    listed = run("backup", "--json").json()
    assert listed == [
        {
            "path": str(made),
            "made_at": listed[0]["made_at"],
            "reason": "hang-ngay",
            "size": made.stat().st_size,
            "schema_version": LATEST,
        }
    ]
    assert dt.datetime.fromisoformat(listed[0]["made_at"]).date() == dt.date.today()
    r = run("backup", "--list")
    assert r.code == 0 and "hằng ngày" in r.out and f"v{LATEST}" in r.out and str(made) in r.out


def test_backup_to_a_file_still_works_and_refuses_list_with_it(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    dest = tmp_path / "ra.db"
    r = run("backup", str(dest))
    assert r.code == 0 and dest.is_file()
    assert content_digest(dest) == content_digest(db_path)
    r = run("backup", str(tmp_path / "khac.db"), "--list")
    assert r.code == 1 and "--list" in r.err and not (tmp_path / "khac.db").exists()


def test_restore_says_where_the_old_database_went(run: Run, db_path: Path, tmp_path: Path) -> None:
    assert run("backup", str(tmp_path / "bk.db")).code == 0
    r = run("restore", str(tmp_path / "bk.db"))
    assert r.code == 0, r.err
    [aside] = bk.list_backups(db_path)
    assert f"Bản cũ được giữ lại ở «{aside.path}»" in r.out
    assert aside.reason == bk.BEFORE_RESTORE
    r = run("backup", "--list")
    assert "trước khi khôi phục" in r.out


def test_db_in_a_missing_folder_is_an_error_except_for_init(run: Run, tmp_path: Path) -> None:
    typo = tmp_path / "sai-ten" / "so.db"
    for args in (("list",), ("backup", str(tmp_path / "x.db")), ("stats",)):
        r = run(*args, db=typo)
        assert r.code == 1 and f"Thư mục «{typo.parent}» không tồn tại" in r.err, r.err
        assert "Traceback" not in r.err
    assert not typo.parent.exists()
    assert run("init", db=typo).code == 0
    assert typo.is_file()


def test_not_a_database_is_named_as_such(run: Run, tmp_path: Path) -> None:
    other = damage.not_sqlite(tmp_path / "bang.xlsx")
    r = run("list", db=other)
    assert r.code == 1 and "không phải là cơ sở dữ liệu SQLite hợp lệ" in r.err


def test_check_on_a_damaged_database_names_the_backup(run: Run, db_path: Path) -> None:
    store = open_store(db_path)
    made = bk.rotate(store, bk.DAILY)
    store.close()
    damage.corrupt_pages(db_path)
    r = run("check")
    assert r.code == 1 and f"«{made}»" in r.err and "Traceback" not in r.err


def test_backup_into_a_place_that_cannot_be_written_names_the_asked_file(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    paper = tmp_path / "giay.txt"
    paper.write_text("một tệp", encoding="utf-8")
    # What may appear: only the lock file beside the database, made by any command opening it.
    before = sorted([*tmp_path.rglob("*"), db_path.with_name(db_path.name + ".lock")])
    # Root writes anywhere chmod forbids, but not into /proc, nor under a file.
    for dest, named, words in (
        (Path("/proc/sao-luu-kiennghi.db"), "/proc/sao-luu-kiennghi.db", "không mở được tệp"),
        (paper / "sao-luu.db", str(paper), "đã có một tệp trùng tên"),
    ):
        r = run("backup", str(dest))
        assert r.code == 1 and r.err.startswith("Lỗi: ") and words in r.err, r.err
        assert f"«{named}»" in r.err and ".part" not in r.err and "Traceback" not in r.err
        assert not dest.exists()
    assert not [p for p in Path("/proc").iterdir() if p.name.endswith(".part")]
    assert sorted(tmp_path.rglob("*")) == before
