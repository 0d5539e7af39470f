"""Accounts: creation rules, sign-in, the lock-out after five wrong passwords (on an injected
clock, never sleeping), disabling, and password changes; all on a real database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from db import open_store
from db import users as db_users
from db.store import Store
from desktop.core import users
from desktop.core.errors import DomainError
from desktop.core.permissions import PermissionDenied
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session, needs_sign_in, sign_in
from desktop.core.users import AccountLocked, SignInFailed
from tests import accounts
from tests.accounts import password

accounts_template = accounts.accounts_template  # fixtures shared with the other account tests
accounts_db = accounts.accounts_db

TZ = dt.timezone(dt.timedelta(hours=7))  # Hà Nội
T0 = dt.datetime(2026, 11, 23, 9, 30, tzinfo=TZ)


class Now:
    """A settable clock for the lock-out."""

    def __init__(self) -> None:
        self.moment = T0

    def __call__(self) -> dt.datetime:
        return self.moment


@pytest.fixture
def store(accounts_db: Any) -> Iterator[Store]:
    s = open_store(accounts_db)
    yield s
    s.close()


def as_user(store: Store, name: str) -> Session:
    """A session for `name` without a password check (signing in is tested on its own)."""
    return Session(store, user=users.find_user(store, name))


def failures(target: Any, name: str) -> int:
    """The counter as another connection reads it: what was committed."""
    other = open_store(target)
    try:
        row = db_users.find(other, name)
        assert row is not None
        return row.failed_attempts
    finally:
        other.close()


def test_sign_in_gives_a_session_whose_events_name_the_user(store: Store) -> None:
    s = sign_in(store, "VanThu", password("vanthu"))
    assert s.user is not None and s.user.role == "clerk" and s.actor == "vanthu"
    done = register_document(
        s, DocumentInput(received_on=dt.date(2026, 11, 2), sender="Sở TT&TT Hà Nội"),
        [PetitionInput(origin="Hà Nội", content="Cấp phép trạm BTS")],
    )  # fmt: skip
    document = store.one("SELECT created_by FROM incoming_documents WHERE id = ?",
                         [done.document_id])  # fmt: skip
    event = store.one("SELECT actor FROM status_events WHERE petition_id = ?", done.petition_ids)
    assert document is not None and event is not None
    assert (document[0], event[0]) == ("vanthu", "vanthu")


def test_wrong_password_is_refused_and_counted_in_the_database(
    store: Store, accounts_db: Any
) -> None:
    with pytest.raises(SignInFailed, match="Sai tên đăng nhập hoặc mật khẩu"):
        users.authenticate(store, "vanthu", "sai-mat-khau")
    assert failures(accounts_db, "vanthu") == 1
    with pytest.raises(SignInFailed, match="Sai tên đăng nhập hoặc mật khẩu"):
        users.authenticate(store, "khong_co_ai", "sai-mat-khau")
    users.authenticate(store, "vanthu", password("vanthu"))
    assert failures(accounts_db, "vanthu") == 0  # a good sign-in starts the count again


def test_five_wrong_passwords_lock_for_fifteen_minutes(store: Store, accounts_db: Any) -> None:
    now = Now()
    for attempt in range(1, 5):
        with pytest.raises(SignInFailed) as wrong:
            users.authenticate(store, "cv_vt", f"sai-{attempt}", now=now)
        assert not isinstance(wrong.value, AccountLocked)
        assert failures(accounts_db, "cv_vt") == attempt
        now.moment += dt.timedelta(minutes=1)
    with pytest.raises(AccountLocked) as locked:
        users.authenticate(store, "cv_vt", "sai-5", now=now)
    until = T0 + dt.timedelta(minutes=4 + 15)
    assert str(locked.value).startswith(f"Tài khoản «cv_vt» bị khóa đến {until:%d/%m/%Y %H:%M}")
    assert "23/11/2026 09:49" in str(locked.value)
    # Locked: even the right password waits (and is not checked at all).
    now.moment = until - dt.timedelta(seconds=1)
    with pytest.raises(AccountLocked):
        users.authenticate(store, "cv_vt", password("cv_vt"), now=now)
    now.moment = until + dt.timedelta(seconds=1)
    assert users.authenticate(store, "cv_vt", password("cv_vt"), now=now).name == "cv_vt"
    row = db_users.find(store, "cv_vt")
    assert row is not None and (row.failed_attempts, row.locked_until) == (0, None)


def test_a_disabled_user_cannot_sign_in_until_enabled(store: Store) -> None:
    admin = as_user(store, "qt")
    assert users.disable_user(admin, "lanhdao").disabled_at is not None
    with pytest.raises(SignInFailed, match="«lanhdao» đã bị vô hiệu hóa ngày"):
        users.authenticate(store, "lanhdao", password("lanhdao"))
    with pytest.raises(DomainError, match="đã bị vô hiệu hóa từ trước"):
        users.disable_user(admin, "lanhdao")
    users.enable_user(admin, "lanhdao")
    assert users.authenticate(store, "lanhdao", password("lanhdao")).role == "leader"


def test_the_last_enabled_admin_cannot_be_disabled(store: Store) -> None:
    admin = as_user(store, "qt")
    with pytest.raises(DomainError, match="quản trị viên cuối cùng còn hoạt động"):
        users.disable_user(admin, "qt")
    users.add_user(admin, "qt2", "admin", "matkhau-qt2-dai")
    users.disable_user(admin, "qt")
    with pytest.raises(DomainError, match="quản trị viên cuối cùng"):
        users.disable_user(as_user(store, "qt2"), "qt2")


@pytest.mark.parametrize(
    ("name", "role", "unit", "secret", "message"),
    [
        ("cv_moi", "officer", None, "matkhau-dai-du", "Chuyên viên phải thuộc một đơn vị"),
        ("vt2", "clerk", "CVT", "matkhau-dai-du", "Chỉ chuyên viên mới gắn với một đơn vị"),
        ("cv_moi", "officer", "KHONGCO", "matkhau-dai-du", "Không có đơn vị «KHONGCO»"),
        ("vt2", "clerk", None, "ngan", "Mật khẩu phải có ít nhất 8 ký tự"),
        ("VANTHU", "clerk", None, "matkhau-dai-du", "Đã có người dùng «VANTHU»"),
        ("văn thư", "clerk", None, "matkhau-dai-du", "Tên đăng nhập «văn thư» không hợp lệ"),
        ("vt2", "boss", None, "matkhau-dai-du", "Vai trò «boss» không có"),
    ],
)
def test_bad_accounts_are_refused_and_nothing_is_added(
    store: Store, name: str, role: str, unit: str | None, secret: str, message: str
) -> None:
    before = len(db_users.all_users(store))
    with pytest.raises(DomainError, match=message):
        users.add_user(as_user(store, "qt"), name, role, secret, unit=unit)
    assert len(db_users.all_users(store)) == before


def test_only_an_admin_manages_accounts(store: Store) -> None:
    clerk = as_user(store, "vanthu")
    with pytest.raises(PermissionDenied, match="không được quản lý người dùng"):
        users.add_user(clerk, "vt2", "clerk", "matkhau-dai-du")
    with pytest.raises(PermissionDenied):
        users.list_users(clerk)
    with pytest.raises(PermissionDenied):
        users.change_password(clerk, "lanhdao", "matkhau-moi-dai")
    assert [u.name for u in users.list_users(as_user(store, "qt"))] == [
        "cv_thh", "cv_vt", "lanhdao", "qt", "vanthu"
    ]  # fmt: skip


def test_passwords_change_for_oneself_or_by_an_admin(store: Store) -> None:
    clerk = as_user(store, "vanthu")
    with pytest.raises(DomainError, match="ít nhất 8 ký tự"):
        users.change_password(clerk, "vanthu", "ngan")
    users.change_password(clerk, "vanthu", "mat-khau-moi-1")
    with pytest.raises(SignInFailed):
        users.authenticate(store, "vanthu", password("vanthu"))
    # An admin's reset also lifts a lock-out (locked here directly: five tries cost 1 s).
    now = Now()
    row = db_users.find(store, "lanhdao")
    assert row is not None
    with store.write() as conn:
        until = db_users.lock_stamp(T0 + dt.timedelta(minutes=15))
        db_users.record_failure(conn, row.id, limit=1, lock_until=until)
    with pytest.raises(AccountLocked):
        users.authenticate(store, "lanhdao", password("lanhdao"), now=now)
    users.change_password(as_user(store, "qt"), "lanhdao", "mat-khau-moi-2")
    assert users.authenticate(store, "lanhdao", "mat-khau-moi-2", now=now).name == "lanhdao"


def test_first_account_is_an_admin_and_only_once(bare_db: Any) -> None:
    store = open_store(bare_db)
    session = Session(store, actor="tester", system=True)
    assert not needs_sign_in(store) or store.dialect == "postgresql"
    with pytest.raises(DomainError, match="Người dùng đầu tiên phải là quản trị viên"):
        users.add_user(session, "vanthu", "clerk", "matkhau-vanthu")
    admin = users.create_first_admin(store, "qt", "matkhau-quantri", full_name="Quản Trị")
    assert (admin.role, admin.full_name, needs_sign_in(store)) == ("admin", "Quản Trị", True)
    with pytest.raises(DomainError, match="đã có người dùng"):
        users.create_first_admin(store, "qt2", "matkhau-quantri")
    store.close()


def test_a_disabled_session_cannot_change_its_own_password(store: Store) -> None:
    clerk = as_user(store, "vanthu")
    users.disable_user(as_user(store, "qt"), "vanthu")
    with pytest.raises(PermissionDenied, match="«vanthu» đã bị vô hiệu hóa"):
        users.change_password(clerk, "vanthu", "mat-khau-moi-1")
