"""Đổi vai trò in the core: officers need a unit and the others take none, the last enabled
admin stays one, only an admin may, and the change and its audit event are one transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from db import open_store
from db.store import Store
from desktop.core import audit, permissions, users
from desktop.core.errors import DomainError
from desktop.core.permissions import PermissionDenied
from tests import accounts
from tests.helpers import outside

accounts_template = accounts.accounts_template  # the five accounts of tests/accounts.py
accounts_db = accounts.accounts_db


@pytest.fixture
def store(accounts_db: Any) -> Iterator[Store]:
    s = open_store(accounts_db)
    yield s
    s.close()


def _role_events(store: Store) -> list[audit.AuditEvent]:
    return audit.events(accounts.signed_in(store, "qt"), group="users")


def test_role_and_unit_change_together_and_are_recorded(store: Store) -> None:
    admin, signed_in = accounts.signed_in(store, "qt"), accounts.signed_in(store, "cv_vt")
    before = len(_role_events(store))
    clerk = users.change_role(admin, "cv_vt", "clerk")
    assert (clerk.role, clerk.unit_code, clerk.unit_id) == ("clerk", None, None)
    permissions.require(signed_in, "register")  # the new role counts without signing in again
    officer = users.change_role(admin, "CV_VT", "officer", unit="THH")  # any case, as sign-in
    assert (officer.role, officer.unit_code) == ("officer", "THH")
    first, second = _role_events(store)[before:]
    assert (first.actor, first.action) == ("qt", users.USER_ROLE)
    assert first.detail == {"user": "cv_vt", "old_role": "officer", "old_unit": "CVT",
                            "role": "clerk", "unit": None}  # fmt: skip
    assert second.detail["old_role"] == "clerk" and second.detail["unit"] == "THH"
    assert audit.describe(second) == "Đổi vai trò của «cv_vt»: văn thư → chuyên viên, THH"
    with pytest.raises(PermissionDenied, match="cần vai trò văn thư"):
        permissions.require(signed_in, "register")


def test_bad_role_or_unit_is_refused_in_vietnamese(store: Store) -> None:
    admin = accounts.signed_in(store, "qt")
    before = len(_role_events(store))
    cases = [
        (("vanthu", "officer"), {}, "Chuyên viên phải thuộc một đơn vị"),
        (("vanthu", "officer"), {"unit": "KHONGCO"}, "Không có đơn vị «KHONGCO»"),
        (("vanthu", "leader"), {"unit": "CVT"}, "Chỉ chuyên viên mới gắn với một đơn vị"),
        (("vanthu", "boss"), {}, "Vai trò «boss» không có"),
        (("vanthu", "clerk"), {}, "đã có vai trò văn thư: không có gì để đổi"),
        (("ai_do", "clerk"), {}, "Không có người dùng «ai_do»"),
    ]
    for (name, role), kw, message in cases:
        with pytest.raises(DomainError, match=message):
            users.change_role(admin, name, role, **kw)
    assert len(_role_events(store)) == before
    assert users.find_user(store, "vanthu").role == "clerk"  # type: ignore[union-attr]


def test_only_an_admin_changes_roles(store: Store) -> None:
    before = len(_role_events(store))
    for name in ("vanthu", "lanhdao", "cv_vt"):
        with pytest.raises(PermissionDenied, match="cần vai trò quản trị"):
            users.change_role(accounts.signed_in(store, name), "cv_thh", "clerk")
    assert len(_role_events(store)) == before
    assert users.find_user(store, "cv_thh").role == "officer"  # type: ignore[union-attr]


def test_the_last_enabled_admin_cannot_be_demoted(store: Store) -> None:
    admin = accounts.signed_in(store, "qt")
    with pytest.raises(DomainError, match="quản trị viên cuối cùng còn hoạt động"):
        users.change_role(admin, "qt", "leader")
    users.change_role(admin, "lanhdao", "admin")
    users.disable_user(admin, "lanhdao")
    # A disabled admin cannot manage anyone: it does not count.
    with pytest.raises(DomainError, match="quản trị viên cuối cùng còn hoạt động"):
        users.change_role(admin, "qt", "leader")
    users.enable_user(admin, "lanhdao")
    assert users.change_role(admin, "qt", "leader").role == "leader"
    with pytest.raises(PermissionDenied):
        users.change_role(admin, "lanhdao", "clerk")  # qt is a leader now


@pytest.mark.tampers  # the log is taken away behind the app
def test_no_role_change_without_its_event(store: Store) -> None:
    outside(store, "DROP TABLE audit_events")
    admin = accounts.signed_in(store, "qt")
    with pytest.raises(sqlite3.Error):
        users.change_role(admin, "vanthu", "leader")
    with pytest.raises(sqlite3.Error):
        users.disable_user(admin, "vanthu")
    row = users.find_user(store, "vanthu")
    assert row is not None and (row.role, row.disabled_at) == ("clerk", None)
