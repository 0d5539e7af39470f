"""A writer holding the lock for long: the others wait with a message, never a bare
`database is locked`, and give up with a Vietnamese sentence after the wait limit."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from db import open_store
from db.engine import is_postgres_url
from db.pg_store import WRITE_LOCK_KEY
from db.store import StoreError
from desktop.core import workflow
from desktop.core.session import Session
from tests.cli.conftest import Run
from tests.helpers import content_digest
from tests.reliability.actors import TODAY, petitions


def _hold_lock(path: Path, seconds: float, held: threading.Event) -> threading.Thread:
    """Another client holding the write lock: SQLite's file lock, or the server's advisory one."""

    def hold() -> None:
        if is_postgres_url(path):
            import psycopg

            with psycopg.connect(str(path), autocommit=True) as pg:
                pg.execute(b"BEGIN")
                pg.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK_KEY])
                held.set()
                time.sleep(seconds)
                pg.execute(b"COMMIT")
            return
        conn = sqlite3.connect(str(path), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE settings SET value = value WHERE key = 'agency_code'")
        held.set()
        time.sleep(seconds)
        conn.execute("COMMIT")
        conn.close()

    thread = threading.Thread(target=hold)
    thread.start()
    return thread


def test_a_command_waits_for_a_long_writer_and_says_so(db_path: Path, run: Run) -> None:
    [pid] = petitions(db_path, 1)
    held = threading.Event()
    writer = _hold_lock(db_path, 3.0, held)
    assert held.wait(10)
    started = time.monotonic()
    r = run("reply", str(pid), "--outcome", "answered", "--text", "Đã trả lời.")
    waited = time.monotonic() - started
    writer.join()
    assert r.code == 0, r.err
    assert "đang chờ" in r.err and "locked" not in r.err and "Traceback" not in r.err
    assert waited > 1.5  # it really waited for the other writer, then wrote


def test_a_write_gives_up_after_the_limit_with_nothing_changed(db_path: Path) -> None:
    [pid] = petitions(db_path, 1)
    session = Session(open_store(db_path), today=lambda: TODAY, system=True)
    session.store.wait_limit = 1.0
    waits: list[float] = []
    session.store.on_wait = waits.append
    before = content_digest(db_path)
    held = threading.Event()
    writer = _hold_lock(db_path, 2.5, held)
    assert held.wait(10)
    with pytest.raises(StoreError, match="Cơ sở dữ liệu đang bận: một người khác đang ghi"):
        workflow.reply(session, [pid], "answered", "Đã trả lời.")
    writer.join()
    assert waits and content_digest(db_path) == before
    # Once the other writer is done, the same write goes through.
    workflow.reply(session, [pid], "answered", "Đã trả lời.")
    session.close()
