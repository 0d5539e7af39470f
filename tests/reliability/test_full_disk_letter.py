"""`letter --issue` onto a full disk (a small tmpfs, mounted when the tests run as root)."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from db import letters as reg
from db.store import Store
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.cli.conftest import Run
from tests.helpers import content_digest
from tests.reliability.actors import TODAY


@contextlib.contextmanager
def _tiny_disk(where: Path, size: str = "256k") -> Iterator[Path]:
    where.mkdir()
    if os.geteuid() != 0:
        pytest.skip(
            "cần quyền root để gắn một tmpfs nhỏ (mount -t tmpfs); bỏ qua khi không là root"
        )
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"không gắn được tmpfs ở đây: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _fill(disk: Path) -> None:
    with contextlib.suppress(OSError), open(disk / "filler", "wb") as f:
        while True:
            f.write(b"\0" * 4096)
            f.flush()


def test_issuing_onto_a_full_disk_numbers_nothing(db_path: Path, tmp_path: Path, run: Run) -> None:
    session = Session(Store(db_path), today=lambda: TODAY)
    [pid] = register_document(
        session,
        DocumentInput(received_on=TODAY, sender="Văn phòng Chính phủ", sender_ref="7/VPCP"),
        [PetitionInput(origin="Hải Phòng", content="Kiến nghị về bưu chính.")],
    ).petition_ids
    session.close()
    with _tiny_disk(tmp_path / "disk") as disk:
        _fill(disk)
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
    store = Store(db_path)
    assert [x.reference for x in reg.list_letters(store, include_drafts=False)] == ["01/BTTTT-VP"]
    store.close()
