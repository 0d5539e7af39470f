import sqlite3
from pathlib import Path

import pytest

from db import migrations, open_store
from db.search import search
from db.store import StoreError
from db.text import vi_sort_key

# About the SQLite file itself (its WAL, backups, damage, the disk under it).
pytestmark = pytest.mark.sqlite_file


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_empty_file_reaches_latest(tmp_path: Path) -> None:
    store = open_store(tmp_path / "new.db")
    assert store.user_version == migrations.LATEST
    assert {"incoming_documents", "petitions", "assignments", "replies", "units"} <= _tables(
        store.conn
    )
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA synchronous") == 2  # FULL
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.check() == []
    # A brand-new file has nothing to protect: no copy aside.
    assert list(tmp_path.glob("*.bak")) == []
    store.close()


def _v1_with_data(path: Path) -> None:
    store = open_store(path, migrate=False)
    migrations.migrate(store, target=1)
    assert store.user_version == 1
    with store.write() as conn:
        conn.execute(
            "INSERT INTO incoming_documents (uuid, year, incoming_no, received_on, sender,"
            " sender_ref, created_at) VALUES ('u1', 2020, 1, '2020-07-13', 'Văn phòng Chính phủ',"
            " '5606/VPCP-QHĐP', 'x')"
        )
        conn.execute(
            "INSERT INTO petitions (uuid, document_id, origin, content, received_on, created_at,"
            " updated_at) VALUES ('p1', 1, 'Vĩnh Phúc', 'Ban hành quy định về định danh', "
            "'2020-07-13', 'x', 'x')"
        )
    store.close()


def test_every_earlier_version_with_data_upgrades(tmp_path: Path) -> None:
    for start in range(0, migrations.LATEST):
        path = tmp_path / f"v{start}.db"
        if start >= 1:
            _v1_with_data(path)
            store = open_store(path, migrate=False)
            migrations.migrate(store, target=start)
            store.close()
        store = open_store(path)
        assert store.user_version == migrations.LATEST
        assert store.check() == []
        if start >= 1:
            # The data survived and is searchable without diacritics after m002's backfill.
            assert [h.origin for h in search(store, "dinh danh")] == ["Vĩnh Phúc"]
            assert store.scalar("SELECT sort_origin FROM petitions") == vi_sort_key("Vĩnh Phúc")
            # m005: the document's number is searchable, the vocabulary counts the words.
            assert [h.origin for h in search(store, "5606/VPCP")] == ["Vĩnh Phúc"]
            docs = dict(store.all("SELECT term, docs FROM search_terms"))
            assert docs["dinh"] == docs["vinh"] == docs[""] == 1
            backups = list((tmp_path / "backups").glob(f"v{start}-*-truoc-nang-cap-v{start}.db"))
            assert len(backups) == 1
            old = sqlite3.connect(backups[0])
            assert old.execute("PRAGMA user_version").fetchone()[0] == start
            assert old.execute("SELECT count(*) FROM petitions").fetchone()[0] == 1
            old.close()
        store.close()


def test_failed_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "db.db"
    _v1_with_data(path)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE petitions ADD COLUMN half_done TEXT")
        raise RuntimeError("boom")

    monkeypatch.setattr(migrations, "MIGRATIONS", (migrations.m001_initial, broken))
    with pytest.raises(RuntimeError):
        open_store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = [r[1] for r in conn.execute("PRAGMA table_info(petitions)")]
    assert "half_done" not in columns
    conn.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.close()
    with pytest.raises(StoreError, match="mới hơn phần mềm"):
        open_store(path)


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("đây không phải cơ sở dữ liệu " * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="không phải là cơ sở dữ liệu"):
        open_store(path)
