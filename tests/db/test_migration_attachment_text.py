"""Migration 13 (attachments' text) on a register at schema 12, and the text carried by a copy
between engines: the attachments stored before are read by the backfill and found by search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from db import attachment_text as repo
from db import migrations, open_store, search
from db.transfer import copy_to_file, copy_to_server
from desktop.core import attachment_text as at
from desktop.core.reference import load_reference_data
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.attachment_files import write_docx
from tests.pgcluster import Cluster

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def empty_target(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A database with no schema yet: a new file, or a new database on the server."""
    if engine != "postgresql":
        yield tmp_path / "v12.db"
        return
    cluster = request.getfixturevalue("pg_cluster")
    name = cluster.create_database()
    yield cluster.url(name)
    cluster.drop_database(name)


def _registered(store: Any, tmp_path: Path) -> tuple[Session, list[int]]:
    load_reference_data(store)
    session = Session(store, actor="tester", today=lambda: TODAY, system=True)
    f = write_docx(tmp_path / "Báo cáo.docx", "Tình hình phủ sóng 4G tại xã Tà Xùa")
    r = register_document(
        session,
        DocumentInput(received_on=dt.date(2026, 11, 2), sender="UBND tỉnh Sơn La"),
        [PetitionInput("Sơn La", "Hỗ trợ hạ tầng viễn thông vùng cao")],
        [f],
    )
    return session, r.petition_ids


def test_attachments_of_schema_12_are_kept_and_read_by_the_backfill(
    empty_target: Any, tmp_path: Path
) -> None:
    store = open_store(empty_target, migrate=False)
    migrations.migrate(store, target=12)
    session, ids = _registered(store, tmp_path)
    assert store.user_version == 12
    assert search.search(store, "ta xua") == []  # nothing reads attachments at schema 12
    assert migrations.migrate(store) == migrations.LATEST == repo.ATTACHMENT_TEXT_VERSION
    assert store.check() == []  # seals, search index: as sound as before
    unread = repo.unread(store)
    assert len(unread) == 1
    done = at.index_unread(store)
    assert [(d.filename, d.state) for d in done] == [("Báo cáo.docx", "indexed")]
    hits = search.search(store, "phủ sóng Tà Xùa")
    assert [h.id for h in hits] == ids
    assert hits[0].snippet.startswith("trong tệp đính kèm: Báo cáo.docx: ")
    assert search.search(store, "ta xua")[0].id == ids[0]
    assert store.check() == []
    store.close()


@pytest.mark.server
def test_a_copy_sqlite_server_sqlite_keeps_attachment_search(
    pg_cluster: Cluster, tmp_path: Path
) -> None:
    source = open_store(tmp_path / "so.db")
    session, ids = _registered(source, tmp_path)
    at.index_unread(source)
    name = pg_cluster.create_database()
    server = open_store(pg_cluster.url(name))
    try:
        copy_to_server(source, server)
        assert server.check() == []
        for query in ("tà xùa", "phu song ta xua", "ta xu"):
            hits = search.search(server, query)
            assert [h.id for h in hits] == ids, query
            assert hits[0].snippet.startswith("trong tệp đính kèm: Báo cáo.docx: "), query
            assert search.count(server, query) == 1
        dest = tmp_path / "ban-sao.db"
        copy_to_file(server, dest)
        back = open_store(dest)
        try:
            assert back.check() == []
            assert [h.id for h in search.search(back, "phu song ta xua")] == ids
            assert repo.unread(back) == []  # carried, not read again
        finally:
            back.close()
    finally:
        server.close()
        source.close()
        pg_cluster.drop_database(name)
