"""Xuất sổ straight to disk: the workbook is zipped onto a temporary file beside the destination
and renamed into place whole; cancelled or failed, nothing is left (no file, no temporary file,
no sheet file of openpyxl's) and nothing is recorded; done, the record's SHA-256 is the file's.

The full disk and the read-only drive are small tmpfs mounts of the test's own (root only: as
root chmod does not stop writes); the file Excel holds open on Windows is an immutable file
here (chattr +i), which the rename cannot replace either."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from desktop.core import audit, reports
from desktop.core.errors import DomainError
from desktop.core.files import FileWriteError, write_atomic
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.reliability.disks import fill, remount, small_disk

OLD = b"the export of last week"


def _petitions(session: Session, count: int, words: int = 20) -> None:
    # Random hex hardly zips: `count` petitions make a file of about count * words * 10 bytes.
    register_document(
        session,
        DocumentInput(received_on=dt.date(2026, 11, 2), sender="Văn phòng Chính phủ"),
        [
            PetitionInput(f"Cử tri số {i}", " ".join(secrets.token_hex(8) for _ in range(words)))
            for i in range(count)
        ],
    )


@pytest.fixture
def sheet_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder openpyxl streams a write-only sheet's rows into (the system's temporary one)."""
    folder = tmp_path / "he-thong-tam"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def unraisable(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """What finalizers raised and Python would have printed ("Exception ignored in …")."""
    seen: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    yield seen


def _nothing_left(folder: Path, *keep: str) -> None:
    assert sorted(p.name for p in folder.iterdir()) == sorted(keep)


def test_the_file_is_whole_and_its_record_names_its_bytes(
    session: Session, tmp_path: Path, sheet_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _petitions(session, 23)
    monkeypatch.setattr(reports, "PAGE", 5)
    out = tmp_path / "usb"
    out.mkdir()
    dest = out / "so-kien-nghi.xlsx"
    dest.write_bytes(OLD)  # last week's export of the same name is replaced
    assert reports.export_register(session, dest) == 23
    _nothing_left(out, dest.name)  # no temporary file beside it
    _nothing_left(sheet_files)  # nor openpyxl's sheet file
    with zipfile.ZipFile(dest) as archive:
        assert archive.testzip() is None
    ws = load_workbook(dest).active
    assert ws is not None
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == reports.REGISTER_HEADERS and len(rows) == 24
    assert ws.auto_filter.ref == f"A1:R{24}"
    (event,) = audit.exports(session)
    assert event.detail["sha256"] == hashlib.sha256(dest.read_bytes()).hexdigest()
    assert {k: event.detail[k] for k in ("kind", "file", "folder", "format", "rows", "masked")} == {
        "kind": "petitions", "file": dest.name, "folder": str(out.resolve()), "format": "xlsx",
        "rows": 23, "masked": True,
    }  # fmt: skip


@pytest.mark.parametrize("before", ["no file", "last week's file"])
def test_cancel_mid_export_leaves_nothing(
    session: Session,
    tmp_path: Path,
    sheet_files: Path,
    monkeypatch: pytest.MonkeyPatch,
    before: str,
) -> None:
    _petitions(session, 23)
    monkeypatch.setattr(reports, "PAGE", 5)
    out = tmp_path / "usb"
    out.mkdir()
    dest = out / "so.xlsx"
    if before != "no file":
        dest.write_bytes(OLD)
    seen: list[int] = []

    def progress(done: int, total: int) -> bool:
        seen.append(done)
        return done < 10  # the clerk presses Hủy on the second page

    with pytest.raises(DomainError, match="Đã hủy xuất sổ; không có tệp nào được ghi"):
        reports.export_register(session, dest, progress=progress)
    assert seen == [5, 10]
    if before == "no file":
        _nothing_left(out)
    else:
        _nothing_left(out, dest.name)
        assert dest.read_bytes() == OLD  # untouched
    _nothing_left(sheet_files)
    assert audit.exports(session) == []


def test_a_read_only_folder_is_said_before_any_row_is_read(
    session: Session, tmp_path: Path, sheet_files: Path
) -> None:
    _petitions(session, 3)
    seen: list[int] = []
    with small_disk(tmp_path / "usb") as disk:
        remount(disk, "ro")
        dest = disk / "so.xlsx"
        with pytest.raises(FileWriteError) as caught:
            reports.export_register(session, dest, progress=lambda d, t: seen.append(d) or True)
        assert str(caught.value) == f"Không ghi được tệp «{dest}»: thư mục không cho ghi."
        _nothing_left(disk)
    assert seen == []
    _nothing_left(sheet_files)
    assert audit.exports(session) == []


def test_a_disk_full_mid_save_says_so_and_leaves_nothing(
    session: Session, tmp_path: Path, sheet_files: Path, unraisable: list[Any]
) -> None:
    _petitions(session, 60, words=40)  # ~40 KB zipped, onto ~16 KB free
    with small_disk(tmp_path / "usb") as disk:
        fill(disk)
        filler = disk / "filler"
        os.truncate(filler, filler.stat().st_size - 16 * 1024)
        dest = disk / "so.xlsx"
        with pytest.raises(FileWriteError) as caught:
            reports.export_register(session, dest)
        assert str(caught.value) == f"Không ghi được tệp «{dest}»: ổ đĩa đã đầy."
        _nothing_left(disk, "filler")
    # The error's traceback holds openpyxl's ZipFile: once it is let go, zipfile's finalizer
    # writes its directory onto the temporary file, long closed, and must find it quiet.
    del caught
    gc.collect()
    assert unraisable == []
    _nothing_left(sheet_files)
    assert audit.exports(session) == []


def _chattr(flag: str, path: Path) -> None:
    if shutil.which("chattr") is None or os.geteuid() != 0:
        pytest.skip("cần chattr và quyền root để làm một tệp không thay được (chattr +i)")
    subprocess.run(["chattr", flag, str(path)], check=True)


def test_a_file_held_open_cannot_be_replaced_and_says_so(
    session: Session, tmp_path: Path, sheet_files: Path
) -> None:
    _petitions(session, 3)
    out = tmp_path / "usb"
    out.mkdir()
    dest = out / "so.xlsx"
    dest.write_bytes(OLD)
    _chattr("+i", dest)  # as Windows refuses to replace a file Excel holds open
    try:
        with pytest.raises(FileWriteError) as caught:
            reports.export_register(session, dest)
    finally:
        _chattr("-i", dest)
    assert str(caught.value) == (
        f"Không ghi được tệp «{dest}»: tệp cũ cùng tên đang mở trong một chương trình khác"
        " (Excel, Word…) hoặc không cho thay (không có quyền); hãy đóng tệp đó rồi thử lại,"
        " hoặc lưu với tên khác."
    )
    _nothing_left(out, dest.name)
    assert dest.read_bytes() == OLD
    _nothing_left(sheet_files)
    assert audit.exports(session) == []


def test_a_writer_that_fails_leaves_no_temporary_file(tmp_path: Path) -> None:
    dest = tmp_path / "so.xlsx"

    def broken(out: Any) -> None:
        out.write(b"half a file")
        raise ValueError("the library's own fault")

    with pytest.raises(ValueError, match="the library's own fault"):
        write_atomic(dest, broken)
    _nothing_left(tmp_path)
    digest = hashlib.sha256()
    write_atomic(dest, lambda out: out.write(b"whole"), digest=digest)
    assert dest.read_bytes() == b"whole"
    assert digest.hexdigest() == hashlib.sha256(b"whole").hexdigest()
    _nothing_left(tmp_path, dest.name)
