"""The backups rotation, the verified copy, the daily backup, and how opening reports problems."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from db import backup as bk
from db import migrations, open_store
from db import reference as ref
from db.store import StoreError
from desktop.core import backups
from tests import damage

# About the SQLite file itself (its WAL, backups, damage, the disk under it).
pytestmark = pytest.mark.sqlite_file


def test_rotation_keeps_the_newest_and_lists_them(db_path: Path) -> None:
    store = open_store(db_path)
    ref.set_setting(store, "backup_keep", 3)
    made = [bk.rotate(store, bk.DAILY) for _ in range(5)]
    listed = bk.list_backups(db_path)
    assert [b.path for b in listed] == made[:1:-1]  # the three newest, newest first
    assert all(not p.exists() for p in made[:2] if p is not None)
    assert all(b.user_version == migrations.LATEST and b.size > 0 for b in listed)
    assert all(b.reason == bk.DAILY for b in listed)
    store.close()


def test_another_database_in_the_folder_has_its_own_rotation(db_path: Path) -> None:
    other = db_path.with_name("khac.db")
    shutil.copyfile(db_path, other)
    for path in (db_path, other):
        store = open_store(path)
        bk.rotate(store, bk.DAILY)
        store.close()
    assert len(bk.list_backups(db_path)) == len(bk.list_backups(other)) == 1


def test_a_stopped_backup_leaves_nothing(db_path: Path, tmp_path: Path) -> None:
    store = open_store(db_path)
    dest = tmp_path / "out" / "bk.db"

    def stop(done: int, total: int) -> None:
        if done > 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        bk.write_verified(store, dest, stop, pages_per_step=1)
    assert list(dest.parent.iterdir()) == []
    store.close()


def test_a_copy_that_does_not_read_back_is_refused(db_path: Path, tmp_path: Path) -> None:
    store = open_store(db_path)
    good = tmp_path / "good.db"
    store.backup_to(good)
    store.close()
    assert bk.verify_copy(good, migrations.LATEST) is None
    assert "phiên bản" in (bk.verify_copy(good, migrations.LATEST + 1) or "")
    assert "hỏng" in (bk.verify_copy(damage.corrupted_copy(good, tmp_path / "c.db"), 5) or "")


def test_daily_backup_once_a_day(db_path: Path) -> None:
    store = open_store(db_path)
    today = dt.date.today()
    first = backups.daily_backup(store, today)
    assert first is not None and first.exists()
    assert backups.daily_backup(store, today) is None
    assert backups.daily_backup(store, today + dt.timedelta(days=1)) is not None
    assert backups.startup_notice(store, today) is None
    store.close()


def test_migration_copy_goes_into_the_rotation_and_is_pruned(tmp_path: Path) -> None:
    path = tmp_path / "cu.db"
    store = open_store(path, migrate=False)
    migrations.migrate(store, target=1)
    store.conn.execute("INSERT INTO settings VALUES ('backup_keep', '2')")
    for _ in range(3):
        bk.rotate(store, bk.DAILY)
    store.close()
    open_store(path).close()  # migrates from v1
    listed = bk.list_backups(path)
    assert [b.reason for b in listed] == ["truoc-nang-cap-v1", bk.DAILY]
    assert listed[0].user_version == 1
    assert backups.reason_label(listed[0].reason) == "trước khi nâng cấp từ v1"


def test_damaged_database_opens_read_only_and_refuses_writes_and_backups(
    db_path: Path, tmp_path: Path
) -> None:
    store = open_store(db_path)
    newest = bk.rotate(store, bk.DAILY)
    store.close()
    damaged = damage.corrupted_copy(db_path, tmp_path / "kiennghi-2.db")
    shutil.copytree(db_path.parent / "backups", tmp_path / "b2", dirs_exist_ok=True)
    store = open_store(damaged)
    assert store.damage is not None and store.read_only is not None
    assert "bị hỏng" in store.read_only and "chưa có bản sao lưu" in store.read_only.lower()
    with pytest.raises(StoreError, match="bị hỏng"), store.write() as conn:
        conn.execute("UPDATE settings SET value = value")
    with pytest.raises(StoreError, match="bản sao sẽ hỏng theo"):
        store.backup_to(tmp_path / "lan.db")
    assert not (tmp_path / "lan.db").exists()
    assert backups.daily_backup(store) is None
    assert backups.startup_notice(store) == store.read_only
    store.close()
    # With a backup in its rotation, the message names it and its date.
    other = damage.corrupted_copy(db_path, db_path.with_name("hong.db"))
    assert newest is not None
    shutil.copyfile(newest, newest.with_name(newest.name.replace("kiennghi-", "hong-")))
    store = open_store(other)
    named = newest.with_name(newest.name.replace("kiennghi-", "hong-"))
    assert f"bản sao lưu gần nhất «{named}»" in (store.read_only or "")
    store.close()


# -- open errors ------------------------------------------------------------------------------


def test_a_missing_folder_is_an_error_unless_creating(tmp_path: Path) -> None:
    typo = tmp_path / "typo" / "so.db"
    with pytest.raises(StoreError, match="Thư mục «.*typo» không tồn tại"):
        open_store(typo)
    assert not typo.parent.exists()
    open_store(typo, create=True).close()
    assert typo.is_file()


def test_a_folder_or_another_file_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="là một thư mục"):
        open_store(tmp_path)
    text = tmp_path / "ghi-chu.txt"
    text.write_text("không phải cơ sở dữ liệu" * 20)
    with pytest.raises(StoreError, match="không phải là cơ sở dữ liệu SQLite hợp lệ"):
        open_store(text)


@pytest.fixture
def read_only_folder(db_path: Path, tmp_path: Path) -> Iterator[Path]:
    """A folder holding a copy of the database that nobody may write (a read-only mount as
    root, who ignores file modes; the file and folder modes otherwise)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() == 0:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)], check=True)
        shutil.copyfile(db_path, folder / "so.db")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder
        subprocess.run(["umount", "-l", str(folder)], check=True)
    else:
        shutil.copyfile(db_path, folder / "so.db")
        os.chmod(folder / "so.db", 0o444)
        os.chmod(folder, 0o555)
        yield folder
        os.chmod(folder, 0o755)


def test_a_read_only_database_opens_for_reading_and_says_why_writes_fail(
    read_only_folder: Path,
) -> None:
    store = open_store(read_only_folder / "so.db")
    assert store.read_only is not None and "chỉ cho đọc" in store.read_only
    assert store.scalar("SELECT count(*) FROM units") > 0
    with pytest.raises(StoreError, match="chỉ cho đọc"), store.write() as conn:
        conn.execute("UPDATE settings SET value = value")
    store.close()
    with pytest.raises(StoreError, match="chỉ đọc"):
        open_store(read_only_folder / "moi.db")


def test_a_read_only_database_can_still_be_backed_up(
    read_only_folder: Path, tmp_path: Path
) -> None:
    store = open_store(read_only_folder / "so.db")
    store.backup_to(tmp_path / "ra-ngoai.db")
    store.close()
    conn = sqlite3.connect(str(tmp_path / "ra-ngoai.db"))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    conn.close()


def test_a_read_only_database_can_be_checked(read_only_folder: Path) -> None:
    store = open_store(read_only_folder / "so.db", migrate=False)
    assert store.check() == []
    store.close()


def test_a_large_file_is_checked_at_its_first_open_of_the_day(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db import opening
    from db.locks import lock_path

    monkeypatch.setattr(opening, "ALWAYS_CHECK_BELOW", 0)  # this small file counts as large
    monkeypatch.setattr(opening, "_verdicts", {})  # as a new process
    open_store(db_path).close()
    note = json.loads(lock_path(db_path).read_text())
    assert note == {"checked": dt.date.today().isoformat(), "inode": db_path.stat().st_ino}
    damage.corrupt_pages(db_path)
    monkeypatch.setattr(opening, "_verdicts", {})
    store = open_store(db_path, migrate=False)
    assert store.damage is None  # checked clean today already: this open skips the check
    store.close()
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    lock_path(db_path).write_text(json.dumps({**note, "checked": yesterday}))
    monkeypatch.setattr(opening, "_verdicts", {})
    store = open_store(db_path, migrate=False)
    assert store.damage is not None and store.read_only is not None  # the day's first open
    store.close()
