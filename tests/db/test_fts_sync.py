import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from db import history, open_store, search_fts5, search_pg
from db import petitions as pet
from db.search import search
from db.search_query import match_all, match_phrase, parse
from db.store import Store
from tests.pgcluster import Cluster

DAY = dt.date(2026, 3, 2)


def _ids(store: Store, query: str) -> list[int]:
    return sorted(h.id for h in search(store, query))


def _fts_count(store: Store) -> int:
    """Petitions the search index holds words of."""
    if store.dialect == "postgresql":
        return int(store.scalar("SELECT count(*) FROM petitions WHERE length(search_vector) > 0"))
    return int(store.scalar("SELECT count(*) FROM petitions_fts_docsize"))


@pytest.fixture
def store(db_path: Path) -> Store:
    return open_store(db_path)


def _add(store: Store, origin: str, content: str) -> int:
    return pet.insert_petitions(
        store, [pet.NewPetition(origin=origin, content=content, received_on=DAY)], actor="t"
    )[0]


def test_insert_is_indexed_folded(store: Store) -> None:
    pid = _add(store, "Thái Bình", "Hoàn thiện trục tích hợp quốc gia")
    assert _ids(store, "thai binh") == [pid]
    assert _ids(store, "Thái Bình") == [pid]
    assert _ids(store, "truc tich hop") == [pid]
    assert store.check() == []


def test_update_reindexes(store: Store) -> None:
    pid = _add(store, "Đà Nẵng", "Phủ sóng 5G vùng biển")
    with store.write() as conn:
        history.update_fields(conn, pid, {"content": "Mã bưu chính đến địa chỉ"})
    assert _ids(store, "phu song") == []
    assert _ids(store, "ma buu chinh") == [pid]
    assert _ids(store, "da nang") == [pid]
    assert store.check() == []


@pytest.mark.sqlite_file
def test_status_change_does_not_touch_index(store: Store) -> None:
    pid = _add(store, "Huế", "Chữ ký số cho người dân")
    before = store.scalar("SELECT count(*) FROM petitions_fts_data")
    with store.write() as conn:
        pet.set_status(conn, pid, "registered", "assigned", "t", "")
    assert store.scalar("SELECT count(*) FROM petitions_fts_data") == before
    assert store.check() == []


def test_delete_unindexes(store: Store) -> None:
    keep = _add(store, "Cần Thơ", "Hạ tầng viễn thông nông thôn")
    gone = _add(store, "Cà Mau", "Hạ tầng viễn thông ven biển")
    with store.write() as conn:
        conn.execute("DELETE FROM status_events WHERE petition_id = ?", [gone])
        conn.execute("DELETE FROM petitions WHERE id = ?", [gone])
    assert _ids(store, "ha tang vien thong") == [keep]
    assert _fts_count(store) == 1
    assert store.check() == []


def test_soft_delete_hides_from_search(store: Store) -> None:
    pid = _add(store, "Sơn La", "Dịch vụ công trực tuyến")
    with store.write() as conn:
        history.set_deleted(conn, pid, "2026-03-03T09:00:00+07:00")
    assert _ids(store, "dich vu cong") == []
    with store.write() as conn:
        history.set_deleted(conn, pid, None)
    assert _ids(store, "dich vu cong") == [pid]


def test_rolled_back_write_leaves_index_as_before(store: Store) -> None:
    _add(store, "Lào Cai", "Định danh và xác thực điện tử")
    with pytest.raises(RuntimeError), store.write():
        _add(store, "Lạng Sơn", "Định danh điện tử cho doanh nghiệp")
        _add(store, "Hà Tĩnh", "Định danh tổ chức")
        raise RuntimeError("import failed half-way")
    assert [h.origin for h in search(store, "dinh danh")] == ["Lào Cai"]
    assert _fts_count(store) == 1
    assert store.check() == []


@pytest.mark.sqlite_file
@pytest.mark.tampers
@pytest.mark.tampers  # writes behind the app on purpose (seals)
def test_corrupted_index_is_reported(store: Store) -> None:
    _add(store, "Nghệ An", "Bưu chính công ích")
    # Change the content behind the index's back (as a buggy writer would).
    store.conn.execute("DROP TRIGGER petitions_fts_au")
    store.conn.execute("UPDATE petitions SET search_content = 'khac hoan toan'")
    problems = store.check()
    assert any("petitions_fts" in p for p in problems)


@pytest.mark.parametrize(
    "text",
    ["QĐ-UBND", "12/QĐ", "5606/VPCP-QHĐP", '"unterminated', "AND OR NOT", "*", "(", "NEAR(a b)"],
)
def test_clerk_input_is_never_a_syntax_error(store: Store, text: str) -> None:
    _add(store, "Hà Nội", "Quyết định 12/QĐ-UBND về 5606/VPCP-QHĐP and or not")
    search(store, text)  # must not raise
    q = parse(text)
    if q is None:
        return
    if store.dialect == "postgresql":
        sql = "SELECT id FROM petitions WHERE search_vector @@ CAST(? AS tsquery)"
        matches = (match_all(q, search_pg), match_phrase(q, search_pg))
    else:
        sql = "SELECT rowid FROM petitions_fts WHERE petitions_fts MATCH ?"
        matches = (match_all(q, search_fts5), match_phrase(q, search_fts5))
    for match in matches:
        if match is not None:
            store.all(sql, [match])  # must not raise


def test_symbol_matches_as_phrase(store: Store) -> None:
    hit = _add(store, "Bắc Ninh", "Thực hiện Quyết định số 12/QĐ-UBND của tỉnh")
    _add(store, "Hưng Yên", "Ủy ban nhân dân (UBND) giao 12 nhiệm vụ; QĐ khác")
    assert _ids(store, "12/QĐ-UBND") == [hit]


def test_prefix_on_last_word(store: Store) -> None:
    pid = _add(store, "Gia Lai", "Khu công nghệ thông tin tập trung")
    assert _ids(store, "cong nghe thong ti") == [pid]
    assert _ids(store, '"cong nghe thong ti"') == []


def test_old_and_new_tone_spelling_find_each_other(store: Store) -> None:
    pid = _add(store, "Hoà Bình", "Thuỷ lợi")
    assert store.scalar("SELECT origin FROM petitions WHERE id = ?", [pid]) == "Hòa Bình"
    assert _ids(store, "hòa bình") == [pid]
    assert _ids(store, "hoà bình") == [pid]


@pytest.mark.sqlite_file
@pytest.mark.tampers
@pytest.mark.tampers  # writes behind the app on purpose (seals)
def test_index_survives_reopen_by_plain_sqlite(db_path: Path) -> None:
    store = open_store(db_path)
    _add(store, "Tây Ninh", "Kinh tế số")
    store.close()
    # A connection that registered no Python function can still write: triggers need none.
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE petitions SET origin = 'Long An', search_origin = 'long an'")
    conn.commit()
    conn.close()
    assert [h.origin for h in search(open_store(db_path), "long an")] == ["Long An"]


@pytest.fixture
def pg_store(pg_cluster: Cluster) -> Iterator[Store]:
    """A store on a fresh PostgreSQL database, in either pass (PostgreSQL's own behaviour)."""
    name = pg_cluster.create_database()
    store = open_store(pg_cluster.url(name))
    yield store
    store.close()
    pg_cluster.drop_database(name)


@pytest.mark.tampers
def test_postgresql_indexes_rows_written_outside_the_app(pg_store: Store) -> None:
    import psycopg

    _add(pg_store, "Tây Ninh", "Kinh tế số")
    # psql or any client: the vector is generated from the folded columns by the server.
    with psycopg.connect(pg_store.target, autocommit=True) as raw:
        raw.execute("UPDATE petitions SET origin = 'Long An', search_origin = 'long an'")
    assert [h.origin for h in search(pg_store, "long an")] == ["Long An"]
    assert search(pg_store, "tay ninh") == []


@pytest.mark.tampers
def test_postgresql_damaged_index_is_reported_and_repaired(pg_store: Store) -> None:
    pid = _add(pg_store, "Nghệ An", "Bưu chính công ích")
    pg_store.conn.execute(
        "CREATE OR REPLACE FUNCTION petition_search_vector(o text, s text, d text, c text)"
        " RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$ SELECT ''::tsvector $$"
    )
    pg_store.conn.execute("UPDATE petitions SET search_origin = search_origin")
    assert _ids(pg_store, "buu chinh") == []
    problems = pg_store.check()
    assert any("chỉ mục tìm kiếm" in p for p in problems)
    pg_store.repair_search()
    assert _ids(pg_store, "buu chinh") == [pid]
    assert not [p for p in pg_store.check() if "tìm kiếm" in p]


@pytest.mark.tampers
def test_postgresql_vocabulary_missing_words_are_reported(pg_store: Store) -> None:
    _add(pg_store, "Nghệ An", "Bưu chính công ích")
    # A row written by hand: indexed by the server, unknown to the vocabulary.
    pg_store.conn.execute(
        "INSERT INTO petitions (uuid, origin, content, received_on, created_at, updated_at,"
        " search_origin, search_content) VALUES ('x', 'Huế', 'Cáp ngầm', '2026-03-02',"
        " '2026-03-02', '2026-03-02', 'hue', 'cap ngam')"
    )
    assert any("từ vựng" in p for p in pg_store.check())
    pg_store.repair_search()
    assert not [p for p in pg_store.check() if "tìm kiếm" in p]
    assert search(pg_store, "cap nga")[0].origin == "Huế"
