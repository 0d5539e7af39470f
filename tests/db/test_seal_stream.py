"""The seal check reads whole tables row by row (db/engine.py `stream`), on both engines.

On PostgreSQL a plain `execute` brings the whole result into the client (a million
petitions: gigabytes); `stream` reads it through a server-side cursor, which the server's own
`pg_cursors` view shows while the rows are read and which is closed once they are.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from db import engine, open_store, seal_check
from db.store import Store

COUNT = engine.STREAM_ROWS * 2 + 500  # three fetches on the server
NUMBERS = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
    " SELECT i, 'dòng ' || CAST(i AS TEXT) AS label FROM n ORDER BY i"
)


@pytest.fixture
def store(db_path: Any) -> Iterator[Store]:
    store = open_store(db_path)
    yield store
    store.close()


def _cursors(store: Store) -> list[tuple[str, bool]]:
    rows = store.all("SELECT name, is_holdable FROM pg_cursors WHERE name LIKE 'kn_stream_%'")
    return [(str(r[0]), bool(r[1])) for r in rows]


def test_stream_gives_the_names_then_every_row_in_order(store: Store) -> None:
    names, rows = engine.stream(store.conn, NUMBERS, [COUNT])
    assert names == ["i", "label"]
    read = list(rows)
    assert read == [(i, f"dòng {i}") for i in range(1, COUNT + 1)]
    assert all(type(r) is tuple for r in read)
    assert read == [tuple(r) for r in store.all(NUMBERS, [COUNT])]


def test_a_failing_query_raises_the_sqlite_error_class(store: Store) -> None:
    with pytest.raises(sqlite3.Error, match="khong_co_bang"):
        engine.stream(store.conn, "SELECT * FROM khong_co_bang WHERE 1 = ?", [1])
    assert store.scalar("SELECT 1 + ?", [1]) == 2  # the connection still answers


@pytest.mark.server
def test_on_the_server_rows_come_from_a_server_side_cursor(store: Store) -> None:
    names, rows = engine.stream(store.conn, NUMBERS, [COUNT])
    assert next(rows) == (1, "dòng 1")
    # Outside a transaction (autocommit), the cursor is held past the end of its statement.
    [(name, holdable)] = _cursors(store)
    assert holdable
    assert sum(1 for _ in rows) == COUNT - 1
    assert _cursors(store) == []  # closed once read
    with store.write():
        _, rows = engine.stream(store.conn, NUMBERS, [COUNT])
        assert next(rows) == (1, "dòng 1")
        [(inner, holdable)] = _cursors(store)
        assert inner != name and not holdable  # lives in the transaction
        assert len(list(rows)) == COUNT - 1
    assert _cursors(store) == []


@pytest.mark.server
def test_the_check_on_the_server_leaves_no_transaction_nor_cursor(store: Store) -> None:
    assert seal_check.problems(store.conn) == []
    assert not store.conn.in_transaction
    assert _cursors(store) == []
    with store.write() as conn:  # inside a transaction it is the caller's snapshot
        assert seal_check.problems(conn) == []
        assert conn.in_transaction
    assert _cursors(store) == []
