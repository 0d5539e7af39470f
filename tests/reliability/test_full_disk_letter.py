"""`letter --issue` onto a full disk (a small tmpfs, mounted when the tests run as root)."""

from __future__ import annotations

from pathlib import Path

import pytest

from db import letters as reg
from db import open_store
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.cli.conftest import Run
from tests.helpers import content_digest
from tests.reliability.actors import TODAY
from tests.reliability.disks import fill, small_disk

# About the SQLite file itself (its WAL, backups, damage, the disk under it).
pytestmark = pytest.mark.sqlite_file


def test_issuing_onto_a_full_disk_numbers_nothing(db_path: Path, tmp_path: Path, run: Run) -> None:
    session = Session(open_store(db_path), today=lambda: TODAY, system=True)
    [pid] = register_document(
        session,
        DocumentInput(received_on=TODAY, sender="Văn phòng Chính phủ", sender_ref="7/VPCP"),
        [PetitionInput(origin="Hải Phòng", content="Kiến nghị về bưu chính.")],
    ).petition_ids
    session.close()
    with small_disk(tmp_path / "disk") as disk:
        fill(disk)
        before = content_digest(db_path)
        r = run("letter", str(pid), "--out", str(disk / "cv.docx"), "--issue", "--answer", "Có.")
        assert r.code == 1 and "Traceback" not in r.err
        assert "Không ghi được tệp" in r.err and "ổ đĩa còn" in r.err
        assert content_digest(db_path) == before
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]
        # Room made: the same command issues 01, once.
        (disk / "filler").unlink()
        r = run("letter", str(pid), "--out", str(disk / "cv.docx"), "--issue", "--answer", "Có.")
        assert r.code == 0, r.err
        assert (disk / "cv.docx").is_file()
    store = open_store(db_path)
    assert [x.reference for x in reg.list_letters(store, include_drafts=False)] == ["01/BTTTT-VP"]
    store.close()
