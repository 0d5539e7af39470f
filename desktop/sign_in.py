"""Who runs a `kiennghi` command: the global `--user` with its password, or the local user.

The password is read from KIENNGHI_PASSWORD (scripts) or asked on the terminal; never from
the command line, where `ps` and the shell history would show it. A new password (`user add`,
`user passwd`) comes from KIENNGHI_NEW_PASSWORD or is asked twice.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.core import permissions, users
from desktop.core.errors import DomainError
from desktop.core.session import Session, needs_sign_in, sign_in
from desktop.core.stores import is_server_target, open_store
from desktop.core.types import Store

PASSWORD_ENV = "KIENNGHI_PASSWORD"
NEW_PASSWORD_ENV = "KIENNGHI_NEW_PASSWORD"


def read_password(name: str, *, env: str = PASSWORD_ENV) -> str:
    """The password of `name`: from `env`, else asked on the terminal, else a refusal."""
    given = os.environ.get(env)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise DomainError(
            f"Chưa có mật khẩu của «{name}»: đặt biến môi trường {env} (khi chạy trong kịch bản)"
            " hoặc chạy lệnh trong cửa sổ dòng lệnh để được hỏi mật khẩu."
        )
    return getpass.getpass(f"Mật khẩu của «{name}»: ")


def read_new_password(name: str, *, env: str = NEW_PASSWORD_ENV) -> str:
    """A new password for `name`: from `env`, else asked twice; checked against the rules."""
    given = os.environ.get(env)
    if given is None:
        if not sys.stdin.isatty():
            raise DomainError(
                f"Chưa có mật khẩu mới cho «{name}»: đặt biến môi trường {env} (khi chạy trong"
                " kịch bản) hoặc chạy lệnh trong cửa sổ dòng lệnh để được hỏi mật khẩu."
            )
        given = getpass.getpass(f"Mật khẩu mới cho «{name}»: ")
        if getpass.getpass("Nhập lại mật khẩu mới: ") != given:
            raise DomainError("Hai lần nhập mật khẩu mới không khớp nhau; chưa có gì thay đổi.")
    users.check_password(given)
    return given


def session_for(
    args: argparse.Namespace, store: Store, *, today: Callable[[], dt.date] = dt.date.today
) -> Session:
    """The session of the command: `--user` signed in, or the local user where allowed."""
    name = getattr(args, "user", None)
    if name is None:
        if needs_sign_in(store):
            raise permissions.SignInRequired(
                f"{permissions.no_user_message(store)} Trên dòng lệnh: kiennghi --user TÊN …"
                f" (mật khẩu trong biến môi trường {PASSWORD_ENV} hoặc nhập khi được hỏi)."
            )
        return Session(store, today=today)
    if not needs_sign_in(store):
        raise DomainError(
            "Cơ sở dữ liệu này chưa có người dùng nào: bỏ --user để làm việc như người dùng"
            " cục bộ, hoặc tạo quản trị viên đầu tiên bằng «init --admin TÊN»."
        )
    return sign_in(store, name, read_password(name), today=today)


def first_admin_password(name: str) -> str:
    """`init --admin NAME`: the name checked, the password from KIENNGHI_PASSWORD or asked twice."""
    users.check_name(name)
    return read_new_password(name, env=PASSWORD_ENV)


def init_session(
    args: argparse.Namespace, store: Store, *, today: Callable[[], dt.date] = dt.date.today
) -> Session:
    """The session `init` runs in: creating the first admin, or an admin loading catalogues."""
    if getattr(args, "admin", None):
        if users.has_users(store):
            raise DomainError(
                "Cơ sở dữ liệu đã có người dùng: không tạo quản trị viên đầu tiên được nữa;"
                " quản trị viên thêm người dùng bằng lệnh «user add»."
            )
        return Session(store, today=today)
    session = session_for(args, store, today=today)
    if session.user is not None:
        permissions.require(session, "edit_catalogs")
    return session


def authorize(args: argparse.Namespace, action: str) -> None:
    """Refuse a maintenance command (backup, restore, check) the user's role may not run.

    Opened without migrating (check must not change the file); a file older than the users
    table, or missing (the command itself says so), has no accounts to ask."""
    target = args.db
    if not is_server_target(target) and not Path(target).is_file():
        return
    store = open_store(target, migrate=False)
    try:
        if store.user_version < users.USERS_VERSION:
            return
        try:
            session = session_for(args, store)
        except sqlite3.DatabaseError:
            if store.damage is not None:
                return  # a damaged file's accounts may be unreadable: restoring is the cure
            raise
        permissions.require(session, action)
    finally:
        store.close()
