"""Users on the real command line, in a subprocess: init --admin, user add/list/disable/enable/
passwd, --user with KIENNGHI_PASSWORD, refusals that exit 1 with the Vietnamese message and
leave the database as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from db import open_store
from tests import accounts
from tests.accounts import password
from tests.cli.conftest import ROOT, Result
from tests.core.importers.fixtures import write_vpcp_docx

accounts_template = accounts.accounts_template  # fixtures shared with the other account tests
accounts_db = accounts.accounts_db


def kiennghi(db: Any, *args: str, **env: str) -> Result:
    """`kiennghi --db DB ARGS` with extra environment; stdin is not a terminal (no prompt)."""
    full = {**os.environ, "KIENNGHI_TODAY": "23/11/2026", "PYTHONIOENCODING": "utf-8", **env}
    for name in ("KIENNGHI_PASSWORD", "KIENNGHI_NEW_PASSWORD"):
        if name not in env:
            full.pop(name, None)
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(db), *args],
        capture_output=True, text=True, env=full, cwd=ROOT, timeout=120, check=False,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    return Result(proc)


def as_user(db: Any, name: str, *args: str, **env: str) -> Result:
    """The command run signed in as `name` with their password."""
    return kiennghi(db, "--user", name, *args, KIENNGHI_PASSWORD=password(name), **env)


def snapshot(db: Any) -> tuple[Any, ...]:
    """What a refused command must leave as it was: accounts and the register's rows."""
    store = open_store(db)
    try:
        people = [tuple(r) for r in store.all(
            "SELECT name, role, disabled_at, failed_attempts, locked_until, password_hash"
            " FROM users ORDER BY id"
        )]  # fmt: skip
        counts = [
            store.one(f"SELECT count(*) FROM {t}")[0]  # type: ignore[index]
            for t in ("incoming_documents", "petitions", "assignments", "replies", "status_events")
        ]
        return tuple(people), tuple(counts)
    finally:
        store.close()


def test_init_admin_then_sign_in_is_required(bare_db: Any) -> None:
    db_path = bare_db
    short = kiennghi(db_path, "init", "--admin", "qt", KIENNGHI_PASSWORD="ngan")
    assert short.code == 1 and "Mật khẩu phải có ít nhất 8 ký tự" in short.err
    made = kiennghi(db_path, "init", "--admin", "qt", "--json", KIENNGHI_PASSWORD="matkhau-qt-1")
    assert made.code == 0, made.err
    assert made.json()["admin"] == "qt"
    again = kiennghi(db_path, "init", "--admin", "qt2", KIENNGHI_PASSWORD="matkhau-qt-2")
    assert again.code == 1 and "đã có người dùng" in again.err
    nobody = kiennghi(db_path, "list")
    assert nobody.code == 1
    assert "cần đăng nhập" in nobody.err and "--user TÊN" in nobody.err, nobody.err
    assert "Traceback" not in nobody.err
    listed = kiennghi(db_path, "--user", "QT", "user", "list", "--json",
                      KIENNGHI_PASSWORD="matkhau-qt-1")  # fmt: skip
    assert listed.code == 0, listed.err
    assert [(u["name"], u["role"]) for u in listed.json()] == [("qt", "admin")]


def test_admin_adds_a_clerk_who_registers_and_an_officer_who_is_refused(
    accounts_db: Any, tmp_path: Path
) -> None:
    added = as_user(accounts_db, "qt", "user", "add", "vanthu2", "--role", "clerk",
                    "--full-name", "Lê Văn Thư", KIENNGHI_NEW_PASSWORD="matkhau-vt2")  # fmt: skip
    assert added.code == 0 and "Đã thêm người dùng «vanthu2» (văn thư)" in added.out, added.err
    officer = as_user(accounts_db, "qt", "user", "add", "cv_moi", "--role", "officer",
                      KIENNGHI_NEW_PASSWORD="matkhau-cv-moi")  # fmt: skip
    assert officer.code == 1 and "Chuyên viên phải thuộc một đơn vị" in officer.err
    docx = write_vpcp_docx(tmp_path / "5606.docx")
    imported = kiennghi(accounts_db, "--user", "vanthu2", "import", str(docx), "--received-on",
                        "13/07/2020", "--json", KIENNGHI_PASSWORD="matkhau-vt2")  # fmt: skip
    assert imported.code == 0, imported.err
    first = imported.json()["petition_ids"][0]
    routed = as_user(accounts_db, "vanthu", "assign", str(first), "--unit", "CVT")
    assert routed.code == 0, routed.err
    before = snapshot(accounts_db)
    refused = as_user(accounts_db, "cv_vt", "assign", str(first), "--unit", "THH",
                      "--role", "support")  # fmt: skip
    assert refused.code == 1
    assert refused.err.strip() == (
        "Lỗi: Người dùng «cv_vt» (chuyên viên, Cục Viễn thông) không được giao kiến nghị cho"
        " đơn vị: việc này cần vai trò văn thư."
    )
    assert snapshot(accounts_db) == before
    store = open_store(accounts_db)
    try:
        actors = [r[0] for r in store.all(
            "SELECT actor FROM status_events WHERE petition_id = ? ORDER BY id", [first]
        )]  # fmt: skip
    finally:
        store.close()
    assert actors == ["vanthu2", "vanthu"]


def test_wrong_password_and_no_password_exit_1_and_change_nothing(accounts_db: Any) -> None:
    before = snapshot(accounts_db)
    wrong = kiennghi(accounts_db, "--user", "vanthu", "list", KIENNGHI_PASSWORD="sai-mat-khau")
    assert wrong.code == 1 and "Sai tên đăng nhập hoặc mật khẩu" in wrong.err
    people, counts = snapshot(accounts_db)
    # Only the failure counter moved.
    assert counts == before[1]
    assert [p[3] for p in people] == [1 if p[0] == "vanthu" else 0 for p in before[0]]
    silent = kiennghi(accounts_db, "--user", "vanthu", "list")
    assert silent.code == 1 and "KIENNGHI_PASSWORD" in silent.err


def test_disabled_user_and_admin_only_commands(accounts_db: Any, tmp_path: Path) -> None:
    backup = as_user(accounts_db, "vanthu", "backup", str(tmp_path / "copy.db"))
    assert backup.code == 1 and "không được sao lưu cơ sở dữ liệu" in backup.err
    assert not (tmp_path / "copy.db").exists()
    last = as_user(accounts_db, "qt", "user", "disable", "qt")
    assert last.code == 1 and "quản trị viên cuối cùng" in last.err
    off = as_user(accounts_db, "qt", "user", "disable", "lanhdao")
    assert off.code == 0, off.err
    refused = as_user(accounts_db, "lanhdao", "stats")
    assert refused.code == 1 and "«lanhdao» đã bị vô hiệu hóa" in refused.err
    on = as_user(accounts_db, "qt", "user", "enable", "lanhdao")
    assert on.code == 0 and "hoạt động trở lại" in on.out, on.err


def test_passwd_for_oneself_or_by_the_admin(accounts_db: Any) -> None:
    other = as_user(accounts_db, "vanthu", "user", "passwd", "lanhdao",
                    KIENNGHI_NEW_PASSWORD="mat-khau-moi-1")  # fmt: skip
    assert other.code == 1 and "không được quản lý người dùng" in other.err
    own = as_user(accounts_db, "vanthu", "user", "passwd", "vanthu",
                  KIENNGHI_NEW_PASSWORD="mat-khau-moi-1")  # fmt: skip
    assert own.code == 0, own.err
    old = as_user(accounts_db, "vanthu", "list")
    assert old.code == 1 and "Sai tên đăng nhập" in old.err
    new = kiennghi(accounts_db, "--user", "vanthu", "list", KIENNGHI_PASSWORD="mat-khau-moi-1")
    assert new.code == 0, new.err


def test_user_on_a_file_without_users_is_refused(db_path: Any) -> None:
    r = kiennghi(db_path, "--user", "ai_do", "list", KIENNGHI_PASSWORD="matkhau-bat-ky")
    if str(db_path).startswith("postgresql"):
        assert r.code == 1 and "Sai tên đăng nhập" in r.err
    else:
        assert r.code == 1 and "chưa có người dùng nào: bỏ --user" in r.err
    if not str(db_path).startswith("postgresql"):
        assert kiennghi(db_path, "list").code == 0  # the local user, as before users existed
