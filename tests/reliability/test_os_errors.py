"""A full disk and a read-only drive against the real command: a Vietnamese message naming the
file, exit 1, no traceback, no half-written file, and the database as it was.

Both need a small file system of their own: a tmpfs mounted by the test, which needs root (the
tests run as root in CI; as root, chmod does not stop writes, so a read-only mount is the only
honest read-only). Elsewhere the test is skipped with the reason.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from db import open_store
from desktop.core import demo
from desktop.core.session import Session
from tests.cli.conftest import Run
from tests.core.importers.fixtures import write_vpcp_docx
from tests.helpers import content_digest
from tests.reliability.actors import TODAY
from tests.reliability.disks import fill as _fill
from tests.reliability.disks import remount as _remount
from tests.reliability.disks import small_disk as _small_disk

# About the SQLite file itself (its WAL, backups, damage, the disk under it).
pytestmark = pytest.mark.sqlite_file

PERIOD = ["--from", "01/01/2020", "--to", "31/12/2026"]


def _clean_failure(r: object, *named: str) -> None:
    err = r.err  # type: ignore[attr-defined]
    assert r.code == 1, err  # type: ignore[attr-defined]
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert err.startswith("Lỗi: "), err
    for name in named:
        assert name in err, err


@pytest.fixture(scope="module")
def petitions_template(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template database with five demo petitions (ids 1 to 5), built once."""
    path = tmp_path_factory.mktemp("os-errors") / "petitions.db"
    shutil.copyfile(template_db, path)
    session = Session(open_store(path), today=lambda: TODAY, system=True)
    demo.generate_demo(session, 5, seed=1)
    session.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    session.close()
    return path


@pytest.fixture
def petitions_db(petitions_template: Path, db_path: Path) -> Path:
    """A fresh copy of it at the path the `run` fixture uses."""
    shutil.copyfile(petitions_template, db_path)
    return db_path


WRITES = {
    "export": lambda out: ["export", str(out / "so.xlsx")],
    "register-pdf": lambda out: ["register", "incoming", *PERIOD, "--out", str(out / "s.pdf")],
    "register-xlsx": lambda out: ["register", "tracking", *PERIOD, "--out", str(out / "s.xlsx")],
    "letter-draft": lambda out: ["letter", "1", "--out", str(out / "cv.pdf")],
    "backup": lambda out: ["backup", str(out / "sao.db")],
}


@pytest.mark.parametrize("command", list(WRITES))
def test_writing_a_file_onto_a_full_disk(
    run: Run, petitions_db: Path, tmp_path: Path, command: str
) -> None:
    with _small_disk(tmp_path / "disk") as disk:
        _fill(disk)
        before = content_digest(petitions_db)
        r = run(*WRITES[command](disk))
        _clean_failure(r, str(disk))
        assert "đầy" in r.err
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]  # no empty or partial file
        assert content_digest(petitions_db) == before


@pytest.mark.parametrize("command", list(WRITES))
def test_writing_a_file_onto_a_read_only_drive(
    run: Run, petitions_db: Path, tmp_path: Path, command: str
) -> None:
    with _small_disk(tmp_path / "disk") as disk:
        _remount(disk, "ro")
        before = content_digest(petitions_db)
        r = run(*WRITES[command](disk))
        _clean_failure(r, str(disk))
        assert list(disk.iterdir()) == []
        assert content_digest(petitions_db) == before


CHANGES = {
    "import": lambda docx: ["import", str(docx)],
    "reply": lambda docx: ["reply", "1", "--outcome", "answered", "--text", "Đã có văn bản."],
    "demo": lambda docx: ["demo", "--count", "20"],
    "check-repair": lambda docx: ["check", "--repair"],
}


@pytest.mark.parametrize("command", list(CHANGES))
def test_database_on_a_read_only_drive(
    run: Run, petitions_db: Path, tmp_path: Path, command: str
) -> None:
    docx = write_vpcp_docx(tmp_path / "bang.docx")
    with _small_disk(tmp_path / "disk") as disk:
        db = disk / "so.db"
        shutil.copyfile(petitions_db, db)
        before = content_digest(db)
        _remount(disk, "ro")
        r = run(*CHANGES[command](docx), db=db)
        _clean_failure(r, str(db))
        assert sorted(p.name for p in disk.iterdir()) == ["so.db"]
        _remount(disk, "rw")  # SQLite cannot read a WAL file without its -shm beside it
        assert content_digest(db) == before


@pytest.mark.parametrize("command", list(CHANGES))
def test_database_on_a_full_disk(
    run: Run, petitions_db: Path, tmp_path: Path, command: str
) -> None:
    docx = write_vpcp_docx(tmp_path / "bang.docx")
    with _small_disk(tmp_path / "disk") as disk:
        db = disk / "so.db"
        shutil.copyfile(petitions_db, db)
        # Opened once so its -wal and -shm exist: the write, not the open, meets the full disk.
        assert run("list", "--limit", "1", db=db).code == 0
        before = content_digest(db)
        _fill(disk)
        r = run(*CHANGES[command](docx), db=db)
        _clean_failure(r, str(db))
        assert "đầy" in r.err
        (disk / "filler").unlink()
        assert content_digest(db) == before
