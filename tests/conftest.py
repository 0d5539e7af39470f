"""Shared fixtures: a migrated template database copied per test; never the user's real data."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from db.store import Store  # noqa: E402
from desktop.core.reference import load_reference_data  # noqa: E402
from desktop.core.session import Session  # noqa: E402

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the user data directory at a temporary folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("KIENNGHI_TODAY", raising=False)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated and loaded with reference data, built once."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    store = Store(path)
    load_reference_data(store)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    """A fresh copy of the template database for one test."""
    dest = tmp_path / "kiennghi.db"
    shutil.copyfile(template_db, dest)
    return dest


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
    s = Session(Store(db_path), actor="tester", today=clock)
    yield s
    s.close()
