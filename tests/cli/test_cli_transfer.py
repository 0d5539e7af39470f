"""`kiennghi migrate-to` / `copy-to` / a server's `backup` and `restore`, the real command in a
subprocess, against a real server (`pg_cluster`) and real files.

The commands sign in with the accounts the source file was given here (`--user` in the
arguments), so `run` is this module's own: the harness's sign-in of the PostgreSQL pass
(tests/cli/conftest.py) would add the office accounts of tests/accounts.py instead."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from db import open_store
from db import transfer_schema as ts
from tests.cli.conftest import ROOT, Result, Run
from tests.pgcluster import Cluster

PASSWORD = "mật-khẩu-quản-trị-1"


@pytest.fixture
def run() -> Run:
    """`run(*args, db=…)`: the real command on `db`, signing in only as the arguments say."""

    def _run(*args: str, db: Path | str) -> Result:
        env = {**os.environ, "KIENNGHI_TODAY": "23/11/2026", "PYTHONIOENCODING": "utf-8"}
        proc = subprocess.run(
            [sys.executable, "-m", "desktop", "--db", str(db), *args],
            capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=False,
        )  # fmt: skip
        return Result(proc)

    return _run


@pytest.fixture
def source(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A SQLite register with 40 demo petitions and its first admin, made by the CLI."""
    monkeypatch.setenv("KIENNGHI_PASSWORD", PASSWORD)
    path = tmp_path / "so.db"
    assert run("init", "--admin", "quantri", db=path).code == 0
    done = run("--user", "quantri", "demo", "--count", "40", db=path)
    assert done.code == 0, done.err
    return path


@pytest.fixture
def server(pg_cluster: Cluster) -> Iterator[str]:
    name = pg_cluster.create_database()
    yield pg_cluster.url(name)
    pg_cluster.drop_database(name)


def _digests(target: Path | str) -> dict[str, tuple[int, str]]:
    store = open_store(target)
    try:
        return ts.digests(store.conn)
    finally:
        store.close()


def test_migrate_to_then_copy_to_keeps_everything_and_the_accounts(
    run: Run, source: Path, server: str, tmp_path: Path
) -> None:
    listed = run("--user", "quantri", "list", "--json", db=source)
    up = run("--user", "quantri", "migrate-to", server, db=source)
    assert up.code == 0, up.err
    assert "Đã chép" in up.out and "khớp với nguồn" in up.out
    assert "kiến nghị (petitions): 40/40 dòng" in up.err  # progress, table by table
    assert "Traceback" not in up.err
    # The same account signs in on the server and sees the same register.
    on_server = run("--user", "quantri", "list", "--json", db=server)
    assert on_server.code == 0, on_server.err
    assert on_server.json() == listed.json()
    checked = run("--user", "quantri", "check", db=server)
    assert checked.code == 0, checked.err  # the copied seals and hash chain valid there too

    copy = tmp_path / "ngoai-tuyen.db"
    down = run("--user", "quantri", "copy-to", str(copy), "--json", db=server)
    assert down.code == 0, down.err
    report = down.json()
    assert report["verified"] and report["rows"] > 40
    assert _digests(copy) == _digests(source)
    checked = run("--user", "quantri", "check", db=copy)
    assert checked.code == 0, checked.err  # seals and the hash chain valid on the copy
    assert run("--user", "quantri", "list", "--json", db=copy).json() == listed.json()


def test_a_target_that_is_not_empty_is_refused(run: Run, source: Path, server: str) -> None:
    assert run("--user", "quantri", "migrate-to", server, "--quiet", db=source).code == 0
    again = run("--user", "quantri", "migrate-to", server, db=source)
    assert again.code == 1
    assert "Lỗi: Cơ sở dữ liệu đích" in again.err and "không trống: đã có 40 kiến nghị" in again.err
    assert "Traceback" not in again.err


def test_a_clerk_may_not_move_the_register(
    run: Run, source: Path, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIENNGHI_NEW_PASSWORD", "mật-khẩu-văn-thư-1")
    assert run("--user", "quantri", "user", "add", "vanthu", "--role", "clerk", db=source).code == 0
    monkeypatch.setenv("KIENNGHI_PASSWORD", "mật-khẩu-văn-thư-1")
    refused = run("--user", "vanthu", "migrate-to", server, db=source)
    assert refused.code == 1
    assert "cần vai trò quản trị" in refused.err
    store = open_store(server)
    try:
        assert store.scalar("SELECT count(*) FROM petitions") == 0
    finally:
        store.close()


def test_a_failure_on_the_server_leaves_it_empty(run: Run, source: Path, server: str) -> None:
    store = open_store(server)  # the schema made, then a rule the last petition breaks
    try:
        store.conn.execute("ALTER TABLE petitions ADD CONSTRAINT test_refuse CHECK (id < 40)")
    finally:
        store.close()
    failed = run("--user", "quantri", "migrate-to", server, db=source)
    assert failed.code == 1
    assert "Lỗi: Chưa chép được sang" in failed.err and "«kiến nghị»" in failed.err
    assert "vẫn trống như trước" in failed.err and "Traceback" not in failed.err
    store = open_store(server)
    try:
        assert store.scalar("SELECT count(*) FROM petitions") == 0
        assert store.scalar("SELECT count(*) FROM users") == 0
    finally:
        store.close()


def test_backup_on_a_server_writes_the_offline_copy_and_restore_says_how(
    run: Run, source: Path, server: str, tmp_path: Path
) -> None:
    assert run("--user", "quantri", "migrate-to", server, "--quiet", db=source).code == 0
    dest = tmp_path / "sao-luu.db"
    done = run("--user", "quantri", "backup", str(dest), db=server)
    assert done.code == 0, done.err
    assert _digests(dest) == _digests(source)
    restore = run("--user", "quantri", "restore", str(dest), db=server)
    assert restore.code == 1
    assert "Không khôi phục đè lên máy chủ" in restore.err and "migrate-to" in restore.err
    listing = run("--user", "quantri", "backup", db=server)
    assert listing.code == 1 and "backup TỆP.db" in listing.err


def test_wrong_directions_are_explained(
    run: Run, source: Path, server: str, tmp_path: Path
) -> None:
    not_url = run("--user", "quantri", "migrate-to", str(tmp_path / "khac.db"), db=source)
    assert not_url.code == 1 and "không phải địa chỉ máy chủ PostgreSQL" in not_url.err
    from_file = run("--user", "quantri", "copy-to", str(tmp_path / "x.db"), db=source)
    assert from_file.code == 1 and "dùng «backup TỆP.db»" in from_file.err
    assert run("--user", "quantri", "migrate-to", server, "--quiet", db=source).code == 0
    taken = tmp_path / "co-roi.db"
    taken.write_bytes(b"giu nguyen")
    exists = run("--user", "quantri", "copy-to", str(taken), db=server)
    assert exists.code == 1 and "đã tồn tại" in exists.err
    assert taken.read_bytes() == b"giu nguyen"
    assert not list(tmp_path.glob(".*part*"))


def test_copy_to_a_place_that_cannot_be_written_names_the_asked_file(
    run: Run, source: Path, server: str, tmp_path: Path
) -> None:
    assert run("--user", "quantri", "migrate-to", server, "--quiet", db=source).code == 0
    paper = tmp_path / "giay.txt"
    paper.write_text("một tệp, không phải thư mục", encoding="utf-8")
    before = sorted(tmp_path.iterdir())
    # Root writes anywhere chmod forbids, but not into /proc, nor under a file.
    for dest, named, words in (
        (Path("/proc/ban-sao-kiennghi.db"), "/proc/ban-sao-kiennghi.db", "không mở được tệp"),
        (paper / "ban-sao.db", str(paper), "đã có một tệp trùng tên"),
    ):
        done = run("--user", "quantri", "copy-to", str(dest), db=server)
        assert done.code == 1, done.out
        assert done.err.startswith("Lỗi: ") and words in done.err, done.err
        assert f"«{named}»" in done.err, done.err
        assert ".part" not in done.err and "Traceback" not in done.err, done.err
        assert not dest.exists()
    assert not [p for p in Path("/proc").iterdir() if p.name.endswith(".part")]
    assert sorted(tmp_path.iterdir()) == before  # nothing left beside the source either
    assert paper.read_text(encoding="utf-8") == "một tệp, không phải thư mục"
