"""The last line of defence of the command line: the unforeseen is logged, not printed, and the
failures of the operating system and SQLite are said in words."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import cli, crashlog
from tests.cli.conftest import ROOT


def _env() -> dict[str, str]:
    return {**os.environ, "KIENNGHI_TODAY": "23/11/2026", "PYTHONIOENCODING": "utf-8"}


def test_an_unforeseen_failure_is_logged_and_said_in_one_line(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def cmd_list(args: object) -> int:
        raise KeyError("quá hạn")  # stands for a bug nobody has found yet

    monkeypatch.setattr(cli, "cmd_list", cmd_list)
    code = cli.main(["--db", str(db_path), "list"])
    err = capsys.readouterr().err
    assert code == 1
    assert err == (
        f"Lỗi: Lỗi không mong đợi: KeyError: 'quá hạn'; chi tiết đã ghi vào"
        f" «{crashlog.log_path()}».\n"
    )
    log = crashlog.log_path().read_text(encoding="utf-8")
    assert "kiennghi cmd_list" in log and "Traceback (most recent call last)" in log
    assert 'raise KeyError("quá hạn")' in log


def test_the_log_rolls_over_instead_of_growing(tmp_path: Path) -> None:
    crashlog.log_path().parent.mkdir(parents=True)
    crashlog.log_path().write_bytes(b"x" * (crashlog.MAX_LOG_BYTES + 1))
    assert crashlog.record(ValueError("mới")) == crashlog.log_path()
    assert crashlog.log_path().stat().st_size < 10_000
    assert crashlog.log_path().with_name("kiennghi.log.1").stat().st_size > crashlog.MAX_LOG_BYTES


def test_a_reader_that_leaves_early_is_no_traceback(db_path: Path) -> None:
    """`kiennghi list | head -1`: the pipe closes while the register is still printing."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--db", str(db_path), "search", "bộ", "--limit", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=_env(),
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # gone before the first line
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) in (0, 1)
    assert "Traceback" not in err and "Exception ignored" not in err, err


@pytest.mark.sqlite_file
def test_output_onto_a_full_device(db_path: Path) -> None:
    with open("/dev/full", "w") as full:
        r = subprocess.run(
            [sys.executable, "-m", "desktop", "--db", str(db_path), "stats"],
            stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=_env(), check=False,
        )  # fmt: skip
    assert r.returncode == 1
    assert "Traceback" not in r.stderr and "đã đầy" in r.stderr, r.stderr


@pytest.mark.sqlite_file
def test_sqlite_failures_in_words(db_path: Path) -> None:
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(db_path, timeout=0)
    try:
        with pytest.raises(sqlite3.OperationalError) as locked:
            other.execute("INSERT INTO settings(key, value) VALUES ('x', 'y')")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        other.close()
    read_only = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.OperationalError) as refused:
            read_only.execute("DELETE FROM settings")
    finally:
        read_only.close()
    said = crashlog.explain(locked.value, db=str(db_path))
    assert said is not None and "đang bị người khác" in said and str(db_path) in said
    said = crashlog.explain(refused.value, db=str(db_path))
    assert said is not None and "chỉ cho đọc" in said


def test_os_errors_name_both_files(tmp_path: Path) -> None:
    missing, target = tmp_path / "không có.db", tmp_path / "khác.db"
    with pytest.raises(OSError) as failed:
        os.rename(missing, target)
    assert crashlog.explain(failed.value) == (
        f"Không tìm thấy «{missing}» → «{target}»: tệp hoặc thư mục không tồn tại."
    )
    with pytest.raises(OSError) as across:
        os.rename(tmp_path, "/proc/khac")  # /proc is another file system
    said = crashlog.explain(across.value)
    assert said is not None and "/proc/khac" in said and "Lỗi hệ thống" not in said
