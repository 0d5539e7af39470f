"""Shared fixtures: a migrated template database copied per test; never the user's real data.

The suite runs on either engine: `--engine sqlite` (the default) or `--engine postgresql`
(also `KIENNGHI_TEST_ENGINE=postgresql`). On PostgreSQL a throwaway cluster is started for the
session (tests/pgcluster.py) and `db_path` is the URI of a fresh database copied from a
migrated template; tests about the SQLite file itself (WAL, damaged files, file backups, locks)
carry the `sqlite_file` mark and are left to the SQLite run, which the summary says.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from db import open_store
from desktop.core.reference import load_reference_data  # noqa: E402
from desktop.core.session import Session  # noqa: E402
from tests.accounts import accounts_template  # noqa: E402, F401
from tests.pgcluster import Cluster  # noqa: E402

TODAY = dt.date(2026, 11, 23)
ENGINES = ("sqlite", "postgresql")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--engine",
        choices=ENGINES,
        default=os.environ.get("KIENNGHI_TEST_ENGINE", "sqlite"),
        help="the database engine the suite runs on",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_file: about the SQLite file itself; runs in the SQLite pass only"
    )
    config.addinivalue_line(
        "markers", "server: about the PostgreSQL server itself; runs in the PostgreSQL pass only"
    )
    config.addinivalue_line(
        "markers", "engine_free: needs no database (parsing, OCR, signatures); SQLite pass only"
    )
    config.addinivalue_line(
        "markers", "tampers: changes the database behind the app on purpose (no seal check at end)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    on_pg = config.getoption("--engine") == "postgresql"
    others = ("sqlite_file", "engine_free") if on_pg else ("server",)

    def elsewhere(item: pytest.Item) -> bool:
        return any(item.get_closest_marker(m) is not None for m in others)

    kept = [item for item in items if not elsewhere(item)]
    left = [item for item in items if elsewhere(item)]
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


def pytest_report_header(config: pytest.Config) -> str:
    return f"kiennghi engine: {config.getoption('--engine')}"


@pytest.fixture(scope="session")
def engine(request: pytest.FixtureRequest) -> str:
    """The engine this run tests: "sqlite" or "postgresql"."""
    return str(request.config.getoption("--engine"))


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """A real PostgreSQL server for the session (started on first use, stopped at the end)."""
    cluster = Cluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the user data directory at a temporary folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("KIENNGHI_TODAY", raising=False)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """A database migrated and loaded with reference data, built once (a name on PostgreSQL)."""
    if request.config.getoption("--engine") == "postgresql":
        cluster: Cluster = request.getfixturevalue("pg_cluster")
        name = cluster.create_database()
        store = open_store(cluster.url(name))
        load_reference_data(store)
        store.close()
        return Path(name)
    path = tmp_path_factory.mktemp("template") / "template.db"
    store = open_store(path)
    load_reference_data(store)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


def _fresh_copy(
    request: pytest.FixtureRequest, template_db: Path, dest: Path, *, accounts: bool
) -> tuple[Any, str | None]:
    """A copy of the template: (the file `dest`, None), or (a server URI, its database name).

    On a server every front end signs in, so `accounts` copies the office's accounts too."""
    if request.config.getoption("--engine") != "postgresql":
        shutil.copyfile(template_db, dest)
        return dest, None
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    template = request.getfixturevalue("accounts_template") if accounts else str(template_db)
    name = cluster.create_database(template=template)
    return cluster.url(name), name


def _drop(request: pytest.FixtureRequest, name: str | None) -> None:
    if name is not None:
        request.getfixturevalue("pg_cluster").drop_database(name)


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh copy of the template database for one test: a file, or a server database's URI."""
    target, name = _fresh_copy(request, template_db, tmp_path / "kiennghi.db", accounts=True)
    yield target
    _assert_sealed(request, target)
    _drop(request, name)


def _assert_sealed(request: pytest.FixtureRequest, target: Any) -> None:
    """Fail a test whose database, at its end, holds anything the app wrote without sealing.

    Read through a connection of its own, like `kiennghi check`; tests that change the file
    behind the app on purpose carry the `tampers` mark. A file left unreadable is not judged."""
    if request.node.get_closest_marker("tampers") is not None:
        return
    import sqlite3

    from db import engine, seal_check

    try:
        if engine.is_postgres_url(target):
            conn: Any = engine.connect_postgres(str(target))
        elif Path(target).is_file():
            conn = sqlite3.connect(f"{Path(target).resolve().as_uri()}?mode=ro", uri=True)
        else:
            return
        try:
            problems = seal_check.problems(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return
    if problems:
        pytest.fail("Dữ liệu không có dấu niêm phong hợp lệ lúc kết thúc:\n" + "\n".join(problems))


@pytest.fixture
def bare_db(template_db: Path, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh copy of the template without any account, on either engine (`init --admin`)."""
    target, name = _fresh_copy(request, template_db, tmp_path / "bare.db", accounts=False)
    yield target
    _drop(request, name)


@pytest.fixture
def new_db(template_db: Path, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Any]:
    """Makes more fresh databases in one test (`new_db()` → a path or a URI, like db_path)."""
    names: list[str | None] = []

    def make() -> Any:
        dest = tmp_path / f"db{len(names)}.db"
        target, name = _fresh_copy(request, template_db, dest, accounts=True)
        names.append(name)
        return target

    yield make
    for name in names:
        _drop(request, name)


class Clock:
    """A settable today for deadline tests."""

    def __init__(self, today: dt.date) -> None:
        self.today = today

    def __call__(self) -> dt.date:
        return self.today


@pytest.fixture
def clock() -> Clock:
    """Today, pinned to 23/11/2026 unless a test moves it."""
    return Clock(TODAY)


@pytest.fixture
def session(db_path: Path, clock: Clock) -> Iterator[Session]:
    """A session on a fresh database, acting as `tester`."""
    s = Session(open_store(db_path), actor="tester", today=clock, system=True)
    yield s
    s.close()
