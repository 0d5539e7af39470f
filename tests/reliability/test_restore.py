"""Restore, backup and open against bad files, through the real command in subprocesses."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from db import backup as bk
from db import open_store
from db.migrations import LATEST
from tests import damage
from tests.cli.conftest import ROOT, Run
from tests.helpers import content_digest

# About the SQLite file itself (its WAL, backups, damage, the disk under it).
pytestmark = pytest.mark.sqlite_file


@pytest.fixture
def good_backup(db_path: Path, tmp_path: Path) -> Path:
    """A sound backup of the test database, outside its folder."""
    dest = tmp_path / "elsewhere" / "bk.db"
    dest.parent.mkdir()
    store = open_store(db_path)
    store.backup_to(dest)
    store.close()
    return dest


BAD_SOURCES: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "newer": (damage.newer_copy, f"mới hơn phần mềm này (tối đa {LATEST})"),
    "foreign": (lambda _s, d: damage.foreign_file(d), "là tệp SQLite của chương trình khác"),
    "truncated": (damage.truncated_copy, "bị cắt cụt"),
    "corrupted": (damage.corrupted_copy, "bị hỏng"),
    "not-sqlite": (lambda _s, d: damage.not_sqlite(d), "không phải là tệp cơ sở dữ liệu SQLite"),
}  # fmt: skip


@pytest.mark.parametrize("kind", list(BAD_SOURCES))
def test_bad_backup_is_refused_and_live_file_unchanged(
    run: Run, db_path: Path, good_backup: Path, tmp_path: Path, kind: str
) -> None:
    make, message = BAD_SOURCES[kind]
    src = make(good_backup, tmp_path / f"{kind}.db")
    before = damage.file_digest(db_path)
    r = run("restore", str(src))
    assert r.code == 1, r.out
    assert r.err.startswith("Lỗi: ") and message in r.err, r.err
    assert "Traceback" not in r.err
    assert damage.file_digest(db_path) == before
    # Nothing half-made is left beside the live file, and nothing was copied aside for nothing.
    leftovers = [p.name for p in db_path.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []
    assert not (db_path.parent / "backups").exists()


@pytest.fixture
def holder(db_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process with the database open (as a running desktop has)."""
    code = (
        "import sys\nfrom db import open_store\n"
        f"s = open_store({str(db_path)!r})\nprint('ready', flush=True)\n"
        "sys.stdin.read()\ns.close()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    yield proc
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_restore_refused_while_another_process_has_the_database_open(
    run: Run, db_path: Path, good_backup: Path, holder: subprocess.Popen[str]
) -> None:
    open_store(db_path).close()  # a write after the backup, so a restore would show
    before = damage.file_digest(db_path)
    r = run("restore", str(good_backup))
    assert r.code == 1 and "đang được mở ở một chương trình khác" in r.err, r.err
    assert damage.file_digest(db_path) == before
    assert holder.stdin is not None
    holder.stdin.close()
    assert holder.wait(timeout=30) == 0
    r = run("restore", str(good_backup))
    assert r.code == 0, r.err
    assert "Bản cũ được giữ lại" in r.out


def test_backup_is_verified_single_file_and_restores(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    dest = tmp_path / "usb" / "so.db"
    dest.parent.mkdir()
    r = run("backup", str(dest))
    assert r.code == 0 and "đã kiểm tra đọc lại" in r.out, r.err
    assert sorted(p.name for p in dest.parent.iterdir()) == ["so.db"]  # no -wal, no .part
    conn = sqlite3.connect(f"file:{dest}?mode=ro", uri=True)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert content_digest(dest) == content_digest(db_path)


def test_corruption_at_open_gives_read_only_and_points_to_the_backup(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    store = open_store(db_path)
    newest = bk.rotate(store, bk.DAILY)
    store.close()
    assert newest is not None
    damage.corrupt_pages(db_path)
    before = damage.file_digest(db_path)

    r = run("reply", "1", "--outcome", "answered", "--text", "x")
    assert r.code == 1 and "Traceback" not in r.err
    assert "bị hỏng" in r.err and f"bản sao lưu gần nhất «{newest}»" in r.err, r.err
    r = run("backup", str(tmp_path / "lan-theo.db"))
    assert r.code == 1 and "bản sao sẽ hỏng theo" in r.err, r.err
    assert not (tmp_path / "lan-theo.db").exists()
    r = run("check")
    assert r.code == 1 and "bị hỏng" in r.err
    assert damage.file_digest(db_path) == before

    damaged = db_path.read_bytes()
    r = run("restore", str(newest))
    assert r.code == 0, r.err
    assert run("check").code == 0
    store = open_store(db_path)
    assert store.damage is None and store.read_only is None
    with store.write() as conn:  # writable again
        conn.execute("UPDATE settings SET value = value")
    store.close()
    # The damaged file is kept as it was, for support, beside the verified backups.
    kept = [p for p in (db_path.parent / "backups").iterdir() if "-hong-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB file system, to be filled by the test (needs root to mount)."""
    folder = tmp_path / "usb"
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)], check=True)
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=True)


def _fill(folder: Path) -> None:
    fd = os.open(folder / "day.bin", os.O_WRONLY | os.O_CREAT)
    try:
        with contextlib.suppress(OSError):
            while os.write(fd, b"\0" * 4096):
                pass
    finally:
        os.close(fd)


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small file system needs root")
def test_a_full_disk_is_named_and_changes_nothing(
    run: Run, db_path: Path, good_backup: Path, full_disk: Path
) -> None:
    live = full_disk / "so.db"
    assert run("init", db=live).code == 0
    _fill(full_disk)
    before = damage.file_digest(live)
    r = run("restore", str(good_backup), db=live)
    assert r.code == 1 and "ổ đĩa đã đầy" in r.err and "Traceback" not in r.err, r.err
    r = run("backup", str(full_disk / "bk.db"))
    assert r.code == 1 and "ổ đĩa đã đầy" in r.err, r.err
    r = run("list", db=live)
    assert r.code == 1 and "ổ đĩa đã đầy" in r.err, r.err
    assert damage.file_digest(live) == before
    # No half-written backup or restore left behind (SQLite's own -wal/-shm may be).
    left = {p.name for p in full_disk.iterdir()} - {"so.db-wal", "so.db-shm"}
    assert left == {"day.bin", "so.db", "so.db.lock"}
