"""A database with one account of each role, made once per test run and copied per test.

argon2 takes ~0.2 s per hash with the library's defaults (kept as in production), so the
accounts are hashed once for the whole run; a test copies the database (a file, or a
PostgreSQL database made from it as a template) and signs in only where sign-in is tested.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from db import open_store
from desktop.core import users
from desktop.core.session import Session

# name → (role, unit code, password)
ACCOUNTS = {
    "qt": ("admin", None, "matkhau-quantri"),
    "vanthu": ("clerk", None, "matkhau-vanthu"),
    "lanhdao": ("leader", None, "matkhau-lanhdao"),
    "cv_vt": ("officer", "CVT", "matkhau-cv-vt"),
    "cv_thh": ("officer", "THH", "matkhau-cv-thh"),
}


def signed_in(store: Any, name: str) -> Session:
    """A session of the account `name` on `store`, as after its sign-in."""
    user = users.find_user(store, name)
    assert user is not None
    return Session(store, user=user)


def password(name: str) -> str:
    """The password `name` was created with."""
    return ACCOUNTS[name][2]


def _make_accounts(target: Any) -> None:
    store = open_store(target)
    try:
        users.create_first_admin(store, "qt", password("qt"), full_name="Quản Trị Viên")
        admin = Session(store, user=users.authenticate(store, "qt", password("qt")))
        for name, (role, unit, secret) in ACCOUNTS.items():
            if name != "qt":
                users.add_user(admin, name, role, secret, unit=unit)
        if store.dialect == "sqlite":
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()


def _postgres(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--engine") == "postgresql")


@pytest.fixture(scope="session")
def accounts_template(
    template_db: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> str:
    """The reference-data template plus the five accounts (a file path, or a database name)."""
    if _postgres(request):
        cluster = request.getfixturevalue("pg_cluster")
        name = str(cluster.create_database(template=str(template_db)))
        _make_accounts(cluster.url(name))
        return name
    path = tmp_path_factory.mktemp("accounts") / "accounts.db"
    shutil.copyfile(template_db, path)
    _make_accounts(path)
    return str(path)


@pytest.fixture
def accounts_db(
    accounts_template: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Any]:
    """A fresh copy of the accounts database for one test (a path, or a server URI)."""
    if _postgres(request):
        cluster = request.getfixturevalue("pg_cluster")
        name = cluster.create_database(template=accounts_template)
        yield cluster.url(name)
        cluster.drop_database(name)
        return
    dest = tmp_path / "accounts.db"
    shutil.copyfile(accounts_template, dest)
    yield dest
