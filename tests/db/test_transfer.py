"""Moving a register between engines (db/transfer.py), against a real server and real files.

The source is a real SQLite file with demo petitions, the reference catalogues, a user, a
unit whose parent has a higher id, and attachments whose bytes cover every byte value; the
target a fresh database on the `pg_cluster` server. Failures are real: a constraint the
server enforces, a server connection killed mid-copy.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from db import open_store
from db import transfer_schema as ts
from db.documents import add_attachment, attachment_content
from db.store import Store, StoreError
from db.transfer import copy_to_file, copy_to_server
from desktop.core import demo, users
from desktop.core.reference import load_reference_data
from desktop.core.session import Session
from tests.pgcluster import Cluster

BLOB = bytes(range(256)) * 40 + b"\x00\xff"


@pytest.fixture(scope="module")
def source_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite register with something in every kind of table (built once)."""
    path = tmp_path_factory.mktemp("source") / "so.db"
    store = open_store(path)
    load_reference_data(store)
    demo.generate_demo(Session(store, system=True), 150, seed=7)
    users.create_first_admin(store, "quantri", "mật-khẩu-dài-1", created_by="test")
    doc = int(store.scalar("SELECT min(id) FROM incoming_documents"))
    add_attachment(store, doc, "công văn scan.pdf", BLOB, "application/pdf")
    add_attachment(store, doc, "trống.txt", b"", "text/plain")
    with store.write() as conn:
        # A parent with a higher id than its child: loaded parents first on the server.
        conn.execute(
            "INSERT INTO units (id, uuid, code, name) VALUES (9001, 'u-9001', 'CHA', 'Cục Cha')"
        )
        conn.execute(
            "INSERT INTO units (id, uuid, code, name, parent_id)"
            " VALUES (9000, 'u-9000', 'CON', 'Phòng Con', 9001)"
        )
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def source(source_file: Path, tmp_path: Path) -> Iterator[Store]:
    copy = tmp_path / "nguon.db"
    shutil.copyfile(source_file, copy)
    store = open_store(copy)
    yield store
    store.close()


@pytest.fixture
def server(pg_cluster: Cluster) -> Iterator[Store]:
    name = pg_cluster.create_database()
    store = open_store(pg_cluster.url(name))
    yield store
    store.close()
    pg_cluster.drop_database(name)


Digests = dict[str, tuple[int, str]]


def _common(a: Digests, b: Digests) -> Digests:
    return {k: v for k, v in b.items() if k in a}


def test_round_trip_sqlite_server_sqlite_keeps_every_row(
    source: Store, server: Store, tmp_path: Path
) -> None:
    before = ts.digests(source.conn)
    assert before["petitions"][0] == 150 and before["attachments"][0] == 2
    assert before["users"][0] == 1 and before["seal_chain"][0] > 0

    up = copy_to_server(source, server)
    assert {t.table: (t.rows, t.digest) for t in up.tables} == before
    assert _common(before, ts.digests(server.conn)) == before

    dest = tmp_path / "ban-sao.db"
    down = copy_to_file(server, dest)
    assert down.rows == up.rows
    copy = open_store(dest)
    try:
        assert ts.digests(copy.conn) == before
        ids = [int(r[0]) for r in copy.all("SELECT id FROM attachments ORDER BY id")]
        assert [attachment_content(copy, i) for i in ids] == [BLOB, b""]
        assert copy.check() == []  # structure, search index, seals and the hash chain
        assert copy.all("SELECT id FROM units WHERE parent_id = 9001")[0][0] == 9000
    finally:
        copy.close()
    assert not [p.name for p in tmp_path.iterdir() if ".part" in p.name]  # no scratch left


def test_the_server_gets_its_search_index_and_sequences(source: Store, server: Store) -> None:
    copy_to_server(source, server)
    # The seal triggers were off for the load: nothing looks written outside the app.
    assert server.scalar("SELECT count(*) FROM seal_pending") == 0
    word = server.scalar("SELECT term FROM search_terms WHERE term <> '' ORDER BY docs DESC")
    assert word and server.scalar("SELECT count(*) FROM search_terms") == source.scalar(
        "SELECT count(*) FROM search_terms"
    )
    from db import search

    for query in ("thai binh", "viễn thông", str(word)):  # the same answers on both engines
        assert search.count(server, query) == search.count(source, query) > 0
    with server.write() as conn:  # the app's next insert draws a fresh id, not a copied one
        new = conn.execute(
            "INSERT INTO units (uuid, code, name) VALUES ('u-moi', 'MOI', 'Đơn vị mới')"
            " RETURNING id"
        ).fetchone()[0]
    assert new > 9001


def test_the_seals_copied_to_the_server_pass_its_check(source: Store, server: Store) -> None:
    copy_to_server(source, server)
    assert server.check() == []


def test_a_target_that_is_not_empty_is_refused_and_left_alone(
    source: Store, server: Store
) -> None:
    load_reference_data(server)
    before = ts.digests(server.conn)
    with pytest.raises(StoreError, match="không trống: đã có 32 đơn vị") as refused:
        copy_to_server(source, server)
    assert "chưa ghi gì" in str(refused.value)
    assert ts.digests(server.conn) == before


def test_a_constraint_failing_mid_way_leaves_the_server_empty(
    source: Store, server: Store
) -> None:
    last = source.scalar("SELECT origin FROM petitions ORDER BY id DESC LIMIT 1")
    # A real refusal by the server, on the last petition: units, documents are in by then.
    server.conn.execute(
        "ALTER TABLE petitions ADD CONSTRAINT test_refuse CHECK (origin <> ?)".replace(
            "?", "'" + str(last).replace("'", "''") + "'"
        )
    )
    seen: list[str] = []
    with pytest.raises(StoreError, match="bảng «kiến nghị»") as failed:
        copy_to_server(source, server, progress=lambda t, d, n: seen.append(t))
    assert "vẫn trống như trước" in str(failed.value)
    assert "units" in seen and "incoming_documents" in seen
    counts = {n: server.scalar(f"SELECT count(*) FROM {n}") for n in ts.copied_tables(server.conn)}
    assert counts["seal_head"] == 1 and sum(counts.values()) == 1  # the fresh migration's row


def test_a_server_killed_mid_copy_keeps_nothing(
    source: Store, server: Store, pg_cluster: Cluster
) -> None:
    pid = server.scalar("SELECT pg_backend_pid()")

    def kill(table: str, done: int, total: int) -> None:
        if table == "status_events" and done > 0:
            pg_cluster.admin(f"SELECT pg_terminate_backend({int(pid)})")

    with pytest.raises(StoreError, match="Chưa chép được sang .* «sự kiện lịch sử»") as failed:
        copy_to_server(source, server, progress=kill)
    print(failed.value)
    again = open_store(server.target)
    try:
        tables = ts.copied_tables(again.conn)
        counts = {n: again.scalar(f"SELECT count(*) FROM {n}") for n in tables}
        assert counts["seal_head"] == 1 and sum(counts.values()) == 1
    finally:
        again.close()


def test_copy_to_file_killed_mid_way_leaves_no_file(
    source: Store, server: Store, pg_cluster: Cluster, tmp_path: Path
) -> None:
    copy_to_server(source, server)
    pid = server.scalar("SELECT pg_backend_pid()")

    def kill(table: str, done: int, total: int) -> None:
        if table == "petitions" and done > 0:
            pg_cluster.admin(f"SELECT pg_terminate_backend({int(pid)})")

    folder = tmp_path / "ra"
    with pytest.raises(StoreError, match="«kiến nghị».*Không có tệp nào được tạo") as failed:
        copy_to_file(server, folder / "ban-sao.db", progress=kill)
    print(failed.value)
    assert list(folder.iterdir()) == []


def test_copy_to_file_refuses_an_existing_file(server: Store, tmp_path: Path) -> None:
    dest = tmp_path / "co-roi.db"
    dest.write_bytes(b"not to be touched")
    with pytest.raises(StoreError, match="đã tồn tại"):
        copy_to_file(server, dest)
    assert dest.read_bytes() == b"not to be touched"


def test_server_backup_writes_the_verified_copy(
    source: Store, server: Store, tmp_path: Path
) -> None:
    copy_to_server(source, server)
    dest = tmp_path / "sao-luu.db"
    server.backup_to(dest)
    conn = sqlite3.connect(dest)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    copy = open_store(dest)
    try:
        assert ts.digests(copy.conn) == ts.digests(source.conn)
    finally:
        copy.close()


def test_digests_change_with_one_byte(source: Store) -> None:
    before = ts.digests(source.conn)
    with source.write() as conn:
        conn.execute("UPDATE attachments SET content = ? WHERE filename = 'trống.txt'", [b"x"])
    after = ts.digests(source.conn)
    assert after["attachments"] != before["attachments"]
    assert {k: v for k, v in after.items() if k not in ("attachments", "seals")} == {
        k: v for k, v in before.items() if k not in ("attachments", "seals")
    }


def test_a_damaged_file_is_not_carried_to_the_server(
    source_file: Path, server: Store, tmp_path: Path
) -> None:
    from desktop.core import transfer
    from desktop.core.errors import DomainError
    from tests.damage import corrupted_copy

    damaged = open_store(corrupted_copy(source_file, tmp_path / "hong.db"))
    try:
        assert damaged.damage is not None
        with pytest.raises(DomainError, match="bị hỏng.*khôi phục tệp trước"):
            transfer.migrate_to(Session(damaged, system=True), server.target)
    finally:
        damaged.close()
    assert server.scalar("SELECT count(*) FROM petitions") == 0
