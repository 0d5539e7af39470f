import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest

from db import documents as docs
from db import open_store
from db.store import StoreError, restore
from tests.helpers import content_digest


def test_write_rolls_back_on_error(db_path: Path) -> None:
    store = open_store(db_path)
    before = content_digest(db_path)
    with pytest.raises(ValueError), store.write():
        docs.insert_document(store, received_on=dt.date(2026, 1, 5), incoming_no=1, sender="A")
        raise ValueError
    assert content_digest(db_path) == before


def test_nested_write_is_a_savepoint(db_path: Path) -> None:
    store = open_store(db_path)
    with store.write():
        docs.insert_document(store, received_on=dt.date(2026, 1, 5), incoming_no=1, sender="A")
        with pytest.raises(ValueError), store.write():
            docs.insert_document(store, received_on=dt.date(2026, 1, 5), incoming_no=2, sender="B")
            raise ValueError
    assert [r[0] for r in store.all("SELECT incoming_no FROM incoming_documents")] == [1]


def test_two_connections_take_numbers_without_clash(db_path: Path) -> None:
    """Two windows registering at once: BEGIN IMMEDIATE serialises read-then-write."""
    errors: list[BaseException] = []

    def worker() -> None:
        store = open_store(db_path)
        try:
            for _ in range(25):
                with store.write():
                    n = docs.next_incoming_no(store, 2026)
                    docs.insert_document(
                        store, received_on=dt.date(2026, 1, 5), incoming_no=n, sender="X"
                    )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    store = open_store(db_path)
    numbers = [r[0] for r in store.all("SELECT incoming_no FROM incoming_documents ORDER BY 1")]
    assert numbers == list(range(1, 51))


@pytest.mark.sqlite_file
def test_backup_restore_round_trip(db_path: Path, tmp_path: Path) -> None:
    store = open_store(db_path)
    docs.insert_document(store, received_on=dt.date(2026, 1, 5), incoming_no=1, sender="Trước")
    store.backup_to(tmp_path / "bk.db")
    docs.insert_document(store, received_on=dt.date(2026, 1, 6), incoming_no=2, sender="Sau")
    store.close()
    restore(tmp_path / "bk.db", db_path)
    store = open_store(db_path)
    assert [r[0] for r in store.all("SELECT sender FROM incoming_documents")] == ["Trước"]
    assert store.check() == []


@pytest.mark.sqlite_file
def test_backup_refuses_to_overwrite(db_path: Path, tmp_path: Path) -> None:
    (tmp_path / "exists.db").write_bytes(b"x")
    with pytest.raises(StoreError, match="đã tồn tại"):
        open_store(db_path).backup_to(tmp_path / "exists.db")
    assert (tmp_path / "exists.db").read_bytes() == b"x"


@pytest.mark.sqlite_file
def test_restore_refuses_bad_source_and_keeps_database(db_path: Path, tmp_path: Path) -> None:
    before = content_digest(db_path)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 50)
    with pytest.raises(StoreError):
        restore(bad, db_path)
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    with pytest.raises(StoreError, match="không phải bản sao lưu"):
        restore(empty, db_path)
    with pytest.raises(StoreError, match="Không tìm thấy"):
        restore(tmp_path / "missing.db", db_path)
    assert content_digest(db_path) == before
