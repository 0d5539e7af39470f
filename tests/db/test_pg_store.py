"""The office server's store: the migration ladder, the one write lock, numbers under 10 clients.

Against the real PostgreSQL of the `pg_cluster` fixture; each test has its own database.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from db import documents as docs
from db import migrations, open_store
from db.pg_store import PostgresStore
from db.store import StoreError
from desktop.core.letters import register
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.pgcluster import Cluster

pytestmark = pytest.mark.server

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def empty_url(pg_cluster: Cluster) -> Iterator[str]:
    """A new, empty database on the server."""
    name = pg_cluster.create_database()
    yield pg_cluster.url(name)
    pg_cluster.drop_database(name)


def test_an_empty_server_database_climbs_the_whole_ladder(empty_url: str) -> None:
    store = open_store(empty_url)
    assert isinstance(store, PostgresStore)
    assert store.dialect == "postgresql"
    assert store.user_version == migrations.LATEST
    tables = {
        r[0] for r in store.all("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    }
    assert {"petitions", "incoming_documents", "outgoing_letters", "status_events"} <= tables
    store.close()
    again = open_store(empty_url)  # a second open finds nothing to do
    assert again.user_version == migrations.LATEST
    assert "@" in again.location and "password" not in again.location
    again.close()


def test_a_failed_migration_leaves_the_server_database_as_it_was(
    empty_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(empty_url, migrate=False)
    migrations.migrate(store, target=3)

    def broken(conn: object) -> None:
        migrations.m004_letter_petitions(conn)  # type: ignore[arg-type]
        raise RuntimeError("mất điện giữa chừng")

    ladder = list(migrations.MIGRATIONS)
    ladder[3] = broken
    monkeypatch.setattr(migrations, "MIGRATIONS", tuple(ladder))
    with pytest.raises(RuntimeError):
        migrations.migrate(store)
    assert store.user_version == 3
    # PostgreSQL's DDL is transactional: the table of the failed step is not there.
    assert store.scalar("SELECT to_regclass('letter_petitions')") is None
    store.close()


def test_data_written_at_an_older_version_is_carried_up(empty_url: str) -> None:
    store = open_store(empty_url, migrate=False)
    migrations.migrate(store, target=5)
    with store.write() as conn:
        conn.execute(
            "INSERT INTO incoming_documents (uuid, year, incoming_no, received_on, sender,"
            " sender_ref, created_at) VALUES ('d1', 2026, 1, '2026-11-02', 'VPCP',"
            " '5606/VPCP-QHĐP', '2026-11-02T08:00:00+07:00')"
        )
    migrations.migrate(store)
    assert store.user_version == migrations.LATEST
    assert store.scalar("SELECT sender_ref FROM incoming_documents") == "5606/VPCP-QHĐP"
    store.close()


def test_a_server_that_is_not_there_is_said_in_words(pg_cluster: Cluster) -> None:
    url = f"postgresql://postgres@/kiennghi?host={pg_cluster.socket_dir}&port=1"
    with pytest.raises(StoreError, match="Không kết nối được máy chủ"):
        open_store(url)
    with pytest.raises(StoreError, match="chưa có cơ sở dữ liệu này"):
        open_store(pg_cluster.url("khong_co_csdl_nay"))


def test_a_writer_waits_for_another_client_and_says_so(db_path: str) -> None:
    holder = open_store(db_path)
    waiter = open_store(db_path)
    waited: list[float] = []
    waiter.on_wait = waited.append
    taken = threading.Event()

    def hold() -> None:
        with holder.write():
            taken.set()
            time.sleep(1.6)

    thread = threading.Thread(target=hold)
    thread.start()
    taken.wait(5)
    started = time.monotonic()
    with waiter.write() as conn:
        conn.execute("SELECT 1")
    assert time.monotonic() - started >= 1.0
    assert waited, "the wait was never reported"
    thread.join()
    waiter.wait_limit = 0.6
    with holder.write(), pytest.raises(StoreError, match="đang bận"), waiter.write():
        pass
    holder.close()
    waiter.close()


def _clients(n: int, work: Callable[[int], None]) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(n)

    def run(i: int) -> None:
        try:
            barrier.wait(10)
            work(i)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_ten_clients_drawing_incoming_numbers_at_once_never_clash(db_path: str) -> None:
    def work(i: int) -> None:
        session = Session(open_store(db_path), actor=f"vanthu{i}", today=lambda: TODAY, system=True)
        try:
            for k in range(5):
                register_document(
                    session,
                    DocumentInput(received_on=TODAY, sender=f"Sở {i}", sender_ref=f"{i}-{k}/UBND"),
                    [PetitionInput(origin="Hải Phòng", content=f"Kiến nghị {i}.{k}.")],
                )
        finally:
            session.close()

    assert _clients(10, work) == []
    store = open_store(db_path)
    numbers = [r[0] for r in store.all("SELECT incoming_no FROM incoming_documents ORDER BY 1")]
    assert numbers == list(range(1, 51))
    assert docs.next_incoming_no(store, 2026) == 51
    store.close()


def test_ten_clients_issuing_letters_at_once_get_each_number_once(db_path: str) -> None:
    seed = Session(open_store(db_path), today=lambda: TODAY, system=True)
    result = register_document(
        seed,
        DocumentInput(received_on=TODAY, sender="Văn phòng Chính phủ", sender_ref="1/VPCP"),
        [PetitionInput(origin="Hải Phòng", content=f"Kiến nghị thử {i}.") for i in range(30)],
    )
    drafts = [
        register.draft_reply(seed, [pid], answer="Đã có ý kiến.") for pid in result.petition_ids
    ]
    seed.close()

    def work(i: int) -> None:
        session = Session(open_store(db_path), actor=f"vanthu{i}", today=lambda: TODAY, system=True)
        try:
            for draft in drafts[i::10]:
                register.issue_reply(session, draft)
        finally:
            session.close()

    assert _clients(10, work) == []
    store = open_store(db_path)
    numbers = sorted(
        r[0] for r in store.all("SELECT number FROM outgoing_letters WHERE number IS NOT NULL")
    )
    assert numbers == list(range(1, 31))
    store.close()
