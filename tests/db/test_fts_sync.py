import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from db import history, open_store
from db import petitions as pet
from db.search import match_all, match_phrase, parse, search
from db.store import Store

DAY = dt.date(2026, 3, 2)


def _ids(store: Store, query: str) -> list[int]:
    return sorted(h.id for h in search(store, query))


def _fts_count(store: Store) -> int:
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
    if q is not None:
        for match in (match_all(q), match_phrase(q)):
            if match is not None:
                store.all("SELECT rowid FROM petitions_fts WHERE petitions_fts MATCH ?", [match])


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
