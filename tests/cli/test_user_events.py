"""Account changes in the audit log, on the real command line: init --admin, user add, disable,
enable, passwd, role and a lock-out each leave exactly one event naming who did it and which
account changed how (never a password); a refused command leaves none. `user role` itself."""

from __future__ import annotations

import getpass
import json
from typing import Any

from db import open_store
from tests import accounts
from tests.cli.test_cli_users import as_user, kiennghi, snapshot

accounts_template = accounts.accounts_template  # the five accounts of tests/accounts.py
accounts_db = accounts.accounts_db


def _events(db: Any) -> list[tuple[str, str, dict[str, Any]]]:
    """Every audit event as (actor, action, detail), oldest first."""
    store = open_store(db)
    try:
        rows = store.all("SELECT actor, action, detail FROM audit_events ORDER BY id")
        return [(r[0], r[1], json.loads(r[2])) for r in rows]
    finally:
        store.close()


def _one_new(db: Any, before: int) -> tuple[str, str, dict[str, Any]]:
    """The single event written since there were `before` events."""
    new = _events(db)[before:]
    assert len(new) == 1, new
    return new[0]


def test_each_account_command_leaves_exactly_one_event(accounts_db: Any) -> None:
    steps: list[tuple[tuple[str, ...], dict[str, str], tuple[str, str, dict[str, Any]]]] = [
        (("qt", "user", "add", "vanthu2", "--role", "clerk", "--full-name", "Lê Văn Thư"),
         {"KIENNGHI_NEW_PASSWORD": "matkhau-vt2-moi"},
         ("qt", "user_add", {"user": "vanthu2", "role": "clerk", "unit": None,
                             "full_name": "Lê Văn Thư"})),
        (("qt", "user", "role", "vanthu2", "--role", "officer", "--unit", "CVT"), {},
         ("qt", "user_role", {"user": "vanthu2", "old_role": "clerk", "old_unit": None,
                              "role": "officer", "unit": "CVT"})),
        (("qt", "user", "disable", "vanthu2"), {}, ("qt", "user_disable", {"user": "vanthu2"})),
        (("qt", "user", "enable", "vanthu2"), {}, ("qt", "user_enable", {"user": "vanthu2"})),
        (("qt", "user", "passwd", "vanthu2"), {"KIENNGHI_NEW_PASSWORD": "matkhau-vt2-khac"},
         ("qt", "user_password", {"user": "vanthu2", "own": False, "unlocked": False})),
        (("vanthu", "user", "passwd", "vanthu"), {"KIENNGHI_NEW_PASSWORD": "matkhau-vt-khac"},
         ("vanthu", "user_password", {"user": "vanthu", "own": True, "unlocked": False})),
    ]  # fmt: skip
    for (who, *args), env, expected in steps:
        before = len(_events(accounts_db))
        done = as_user(accounts_db, who, *args, **env)
        assert done.code == 0, (args, done.err)
        assert _one_new(accounts_db, before) == expected, args
    # Neither a password nor its hash is ever written into the log.
    text = json.dumps(_events(accounts_db), ensure_ascii=False)
    assert "matkhau" not in text and "argon2" not in text
    listed = as_user(accounts_db, "qt", "user", "list", "--json")
    (changed,) = [u for u in listed.json() if u["name"] == "vanthu2"]
    assert (changed["role"], changed["unit"]) == ("officer", "CVT")


def test_init_admin_is_recorded_with_who_ran_it(bare_db: Any) -> None:
    made = kiennghi(bare_db, "init", "--admin", "quantri", KIENNGHI_PASSWORD="matkhau-qt-1")
    assert made.code == 0, made.err
    ((actor, action, detail),) = _events(bare_db)
    assert (action, detail["user"], detail["role"]) == ("user_first_admin", "quantri", "admin")
    assert actor == getpass.getuser()  # nobody is signed in yet: the system login ran it
    again = kiennghi(bare_db, "init", "--admin", "qt2", KIENNGHI_PASSWORD="matkhau-qt-2")
    assert again.code == 1 and len(_events(bare_db)) == 1


def test_a_lockout_is_recorded_with_the_account_as_actor(accounts_db: Any) -> None:
    before = len(_events(accounts_db))
    for attempt in range(1, 6):
        wrong = kiennghi(accounts_db, "--user", "lanhdao", "stats", KIENNGHI_PASSWORD="sai-mk")
        assert wrong.code == 1 and "Traceback" not in wrong.err
        assert len(_events(accounts_db)) == before + (1 if attempt == 5 else 0), attempt
    assert "bị khóa đến" in wrong.err
    actor, action, detail = _one_new(accounts_db, before)
    assert (actor, action, detail["user"], detail["attempts"]) == (
        "lanhdao", "user_locked", "lanhdao", 5,
    )  # fmt: skip
    # The admin's reset lifts it, and says so in the log.
    reset = as_user(accounts_db, "qt", "user", "passwd", "lanhdao",
                    KIENNGHI_NEW_PASSWORD="matkhau-ld-moi")  # fmt: skip
    assert reset.code == 0, reset.err
    assert _one_new(accounts_db, before + 1)[2] == {"user": "lanhdao", "own": False,
                                                    "unlocked": True}  # fmt: skip


def test_refused_account_commands_leave_no_event(accounts_db: Any) -> None:
    new = {"KIENNGHI_NEW_PASSWORD": "matkhau-du-dai"}
    refusals = [
        (("vanthu", "user", "add", "x1", "--role", "clerk"), new, "cần vai trò quản trị"),
        (("vanthu", "user", "role", "lanhdao", "--role", "clerk"), {}, "cần vai trò quản trị"),
        (("vanthu", "user", "disable", "lanhdao"), {}, "cần vai trò quản trị"),
        (("qt", "user", "add", "vanthu", "--role", "clerk"), new, "Đã có người dùng «vanthu»"),
        (("qt", "user", "add", "x2", "--role", "clerk"), {"KIENNGHI_NEW_PASSWORD": "ngan"},
         "ít nhất 8 ký tự"),
        (("qt", "user", "role", "vanthu", "--role", "officer"), {}, "phải thuộc một đơn vị"),
        (("qt", "user", "role", "vanthu", "--role", "officer", "--unit", "KHONGCO"), {},
         "Không có đơn vị «KHONGCO»"),
        (("qt", "user", "role", "vanthu", "--role", "leader", "--unit", "CVT"), {},
         "Chỉ chuyên viên mới gắn với một đơn vị"),
        (("qt", "user", "role", "cv_vt", "--role", "officer", "--unit", "CVT"), {},
         "không có gì để đổi"),
        (("qt", "user", "role", "qt", "--role", "leader"), {}, "quản trị viên cuối cùng"),
        (("qt", "user", "role", "ai_khong_co", "--role", "leader"), {},
         "Không có người dùng «ai_khong_co»"),
        (("qt", "user", "disable", "qt"), {}, "quản trị viên cuối cùng"),
        (("qt", "user", "enable", "vanthu"), {}, "đang hoạt động"),
    ]  # fmt: skip
    before, state = _events(accounts_db), snapshot(accounts_db)
    for (who, *args), env, message in refusals:
        refused = as_user(accounts_db, who, *args, **env)
        assert refused.code == 1, args
        assert refused.err.startswith("Lỗi: ") and message in refused.err, (args, refused.err)
        assert "Traceback" not in refused.err
    assert _events(accounts_db) == before
    assert snapshot(accounts_db) == state


def test_a_demoted_admin_needs_another_admin_and_loses_the_right(accounts_db: Any) -> None:
    promoted = as_user(accounts_db, "qt", "user", "role", "lanhdao", "--role", "admin")
    assert promoted.code == 0 and "thành quản trị" in promoted.out, promoted.err
    demoted = as_user(accounts_db, "lanhdao", "user", "role", "qt", "--role", "clerk")
    assert demoted.code == 0, demoted.err
    refused = as_user(accounts_db, "qt", "user", "list")
    assert refused.code == 1 and "«qt» (văn thư) không được quản lý người dùng" in refused.err


def test_audit_lists_account_events_in_vietnamese(accounts_db: Any) -> None:
    assert as_user(accounts_db, "qt", "user", "role", "cv_vt", "--role", "officer",
                   "--unit", "THH").code == 0  # fmt: skip
    human = as_user(accounts_db, "lanhdao", "audit", "--action", "users")
    assert human.code == 0, human.err
    lines = human.out.splitlines()
    assert any(line.endswith("Thêm người dùng «vanthu» (văn thư)") for line in lines), lines
    assert any(" qt  Đổi vai trò của «cv_vt»: chuyên viên, CVT → chuyên viên, THH" in line
               for line in lines), lines  # fmt: skip
    listed = as_user(accounts_db, "lanhdao", "audit", "--json").json()
    assert listed[-1]["action"] == "user_role" and listed[-1]["action_label"] == "Đổi vai trò"
    assert {e["action"] for e in listed} == {"user_first_admin", "user_add", "user_role"}
    assert as_user(accounts_db, "lanhdao", "audit", "--action", "print", "--json").json() == []
    assert "Chưa có lần in nào" in as_user(accounts_db, "lanhdao", "audit", "--action",
                                             "print").out  # fmt: skip
    refused = as_user(accounts_db, "vanthu", "audit", "--action", "users")
    assert refused.code == 1 and "quản trị hoặc lãnh đạo" in refused.err
