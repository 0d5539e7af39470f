"""Restore in process: the old database kept aside, older backups upgraded, nothing left over."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from db import backup as bk
from db import documents as docs
from db import migrations, open_store
from db.store import StoreError, restore
from tests import damage
from tests.helpers import content_digest

# About the SQLite file itself (its WAL, backups, damage, the disk under it).
pytestmark = pytest.mark.sqlite_file


def _senders(path: Path) -> list[str]:
    store = open_store(path)
    try:
        return [r[0] for r in store.all("SELECT sender FROM incoming_documents ORDER BY id")]
    finally:
        store.close()


def test_restore_keeps_the_replaced_database_as_a_verified_backup(
    db_path: Path, tmp_path: Path
) -> None:
    store = open_store(db_path)
    docs.insert_document(store, received_on=dt.date(2026, 1, 5), incoming_no=1, sender="Trước")
    store.backup_to(tmp_path / "bk.db")
    docs.insert_document(store, received_on=dt.date(2026, 1, 6), incoming_no=2, sender="Sau")
    store.close()
    replaced = content_digest(db_path)

    aside = restore(tmp_path / "bk.db", db_path)

    assert _senders(db_path) == ["Trước"]
    assert aside is not None and aside.parent == db_path.parent / "backups"
    assert [b.path for b in bk.list_backups(db_path)] == [aside]
    assert bk.list_backups(db_path)[0].reason == bk.BEFORE_RESTORE
    assert content_digest(aside) == replaced  # the clerk's last work is not lost
    assert bk.verify_copy(aside, migrations.LATEST) is None
    left = sorted(p.name for p in db_path.parent.iterdir())
    assert left == ["backups", "bk.db", "kiennghi.db", "kiennghi.db.lock"]


def test_an_older_backup_is_brought_to_the_current_schema(db_path: Path, tmp_path: Path) -> None:
    old = tmp_path / "v2.db"
    store = open_store(old, migrate=False)
    migrations.migrate(store, target=2)
    store.conn.execute(
        "INSERT INTO incoming_documents (uuid, year, incoming_no, received_on, sender, created_at)"
        " VALUES ('d1', 2020, 1, '2020-07-13', 'Văn phòng Chính phủ', 'x')"
    )
    store.close()

    restore(old, db_path)

    conn = sqlite3.connect(str(db_path))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    conn.close()
    assert _senders(db_path) == ["Văn phòng Chính phủ"]
    store = open_store(db_path)
    assert store.check() == []
    store.close()
    # The source file itself is left as it was (read-only copy).
    conn = sqlite3.connect(str(old))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()


def test_restore_refused_while_this_process_has_it_open(db_path: Path, tmp_path: Path) -> None:
    store = open_store(db_path)
    store.backup_to(tmp_path / "bk.db")
    before = damage.file_digest(db_path)
    with pytest.raises(StoreError, match="đang được mở"):
        restore(tmp_path / "bk.db", db_path)
    store.close()
    assert damage.file_digest(db_path) == before
    restore(tmp_path / "bk.db", db_path)  # closed: now it goes


def test_restore_into_a_missing_folder_or_onto_itself(db_path: Path, tmp_path: Path) -> None:
    open_store(db_path).backup_to(tmp_path / "bk.db")
    with pytest.raises(StoreError, match="không tồn tại"):
        restore(tmp_path / "bk.db", tmp_path / "typo" / "so.db")
    assert not (tmp_path / "typo").exists()
    with pytest.raises(StoreError, match="chính nó"):
        restore(db_path, db_path)


def test_restore_over_a_damaged_live_file(db_path: Path, tmp_path: Path) -> None:
    store = open_store(db_path)
    docs.insert_document(store, received_on=dt.date(2026, 1, 5), incoming_no=1, sender="Tốt")
    store.backup_to(tmp_path / "bk.db")
    store.close()
    damage.not_sqlite(db_path)  # not even a database any more
    restore(tmp_path / "bk.db", db_path)
    assert _senders(db_path) == ["Tốt"]


def test_stale_wal_of_the_replaced_file_is_not_applied(db_path: Path, tmp_path: Path) -> None:
    store = open_store(db_path)
    docs.insert_document(store, received_on=dt.date(2026, 1, 5), incoming_no=1, sender="Sao lưu")
    store.backup_to(tmp_path / "bk.db")
    store.close()
    # A process that died leaves a -wal with a transaction the main file does not have yet.
    writer = sqlite3.connect(str(db_path))
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE incoming_documents SET sender = 'Sau đó'")
    writer.commit()
    wal = db_path.with_name(db_path.name + "-wal")
    main, log = db_path.read_bytes(), wal.read_bytes()
    writer.close()  # checkpoints: put back the two files as the crash left them
    db_path.write_bytes(main)
    wal.write_bytes(log)
    assert wal.stat().st_size > 0

    aside = restore(tmp_path / "bk.db", db_path)

    assert _senders(db_path) == ["Sao lưu"]
    assert aside is not None and _senders(aside) == ["Sau đó"]  # the -wal's work was kept aside
