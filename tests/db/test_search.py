"""Search semantics: folding, exact diacritics first, phrases, the word being typed, symbols,
filters, order, snippets, and the vocabulary kept in step with the index."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from db import excerpts, history, search, search_query
from db import petitions as pet
from db.petition_filter import PetitionFilter
from db.store import Store
from desktop.core import workflow
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session


def _add(
    store: Store, origin: str, content: str, day: dt.date = dt.date(2026, 3, 2), **kw: object
) -> int:
    return pet.insert_petitions(
        store,
        [pet.NewPetition(origin=origin, content=content, received_on=day, **kw)],  # type: ignore[arg-type]
        actor="t",
    )[0]


def _ids(store: Store, text: str, f: PetitionFilter | None = None, **kw: object) -> list[int]:
    return search.search_ids(store, text, f, **kw)  # type: ignore[arg-type]


@pytest.fixture
def store(session: Session) -> Store:
    return session.store


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Thái Bình", "thai binh"),
        ("Đà Nẵng", "da nang"),
        ("ĐÀ NẴNG", "Đà Nẵng"),
        ("định danh điện tử", "dinh danh"),
        ("Thừa Thiên Huế", "thua thien hue"),
        ("quản lý nhà nước", "QUAN LY"),
        ("Hòa Bình", "hoà bình"),  # old tone placement typed, new stored
        ("Hoà Bình", "hòa bình"),  # new typed, old stored (stored as new style)
        ("thủy lợi", "thuỷ lợi"),
        ("Khánh Hòa", unicodedata.normalize("NFD", "Khánh Hòa")),  # decomposed input
        (unicodedata.normalize("NFD", "Bắc Kạn"), "bac kan"),
    ],
)
def test_folding_finds_the_same_words(store: Store, stored: str, typed: str) -> None:
    pid = _add(store, "Hà Nội", f"Kiến nghị về {stored} năm nay")
    _add(store, "Hà Nội", "Một kiến nghị khác hẳn")
    assert _ids(store, typed) == [pid]


def test_typed_diacritics_rank_exact_matches_first(store: Store) -> None:
    tax = _add(store, "Hà Nam", "Giảm thuế cho doanh nghiệp phần mềm", dt.date(2026, 1, 5))
    rent = _add(store, "Hà Nam", "Giảm giá thuê dịch vụ cho doanh nghiệp", dt.date(2026, 2, 5))
    assert _ids(store, "thuế") == [tax, rent]
    assert _ids(store, "thuê") == [rent, tax]
    # Without diacritics both are equal: the newer first.
    assert _ids(store, "thue") == [rent, tax]


def test_phrase_ranks_above_scattered_words(store: Store) -> None:
    phrase = _add(store, "Cần Thơ", "Đầu tư hạ tầng viễn thông nông thôn", dt.date(2025, 1, 1))
    scattered = _add(
        store, "Cà Mau", "Hạ giá cước viễn thông và nâng tầng phủ sóng", dt.date(2026, 6, 1)
    )
    assert _ids(store, "ha tang vien thong") == [phrase, scattered]
    # A quoted phrase finds only the words in that order.
    assert _ids(store, '"ha tang vien thong"') == [phrase]
    assert _ids(store, '"vien thong ha tang"') == []


def test_words_in_summary_or_origin_rank_above_content(store: Store) -> None:
    deep = _add(
        store, "Gia Lai", "Đề nghị hỗ trợ. Nội dung: bưu chính công ích", dt.date(2026, 5, 1)
    )
    prominent = _add(
        store, "Kon Tum", "Đề nghị hỗ trợ", dt.date(2025, 5, 1), summary="Bưu chính công ích"
    )
    assert _ids(store, "buu chinh cong ich") == [prominent, deep]


def test_newest_first_switch(store: Store) -> None:
    old = _add(store, "Sơn La", "Chữ ký số cho người dân", dt.date(2024, 1, 1))
    new = _add(store, "Sơn La", "Chữ viết, ký tên và số hóa hồ sơ", dt.date(2026, 1, 1))
    assert _ids(store, "chu ky so", order="relevance") == [old, new]
    assert _ids(store, "chu ky so", order="newest") == [new, old]


def test_last_word_is_a_prefix_while_typing(store: Store) -> None:
    post = _add(store, "Nghệ An", "Phát triển bưu chính công ích")
    _add(store, "Nghệ An", "Bưu điện văn hóa xã")
    assert _ids(store, "buu ch") == [post]
    assert _ids(store, "bưu chín") == [post]
    # One letter typed after a word: completed too.
    assert post in _ids(store, "buu c")
    # Once the word is finished (a space or a closing quote), it is a whole word.
    assert _ids(store, "buu ch ") == []
    assert _ids(store, '"buu ch"') == []


def test_prefix_completes_rare_words_beyond_the_most_used(store: Store) -> None:
    # More than COMPLETIONS words start with "th": the typed letters still match as a word.
    for i in range(search_query.COMPLETIONS + 5):
        _add(store, "Huế", f"th{chr(97 + i % 26)}{chr(97 + i // 26)}x")
    rare = _add(store, "Huế", "thzz")
    assert rare in _ids(store, "thzz")
    assert rare in _ids(store, "thz")  # not among the most used completions of "th"? still found


@pytest.mark.parametrize("typed", ["12/QĐ-UBND", "12/qd-ubnd", "QĐ-UBND", "qd ubnd"])
def test_symbols_match_as_written(store: Store, typed: str) -> None:
    hit = _add(store, "Bắc Ninh", "Thực hiện Quyết định số 12/QĐ-UBND của tỉnh")
    _add(store, "Hưng Yên", "Ủy ban nhân dân (UBND) giao 12 nhiệm vụ; QĐ khác")
    assert _ids(store, typed)[0] == hit
    if "12" in typed:
        assert _ids(store, typed) == [hit]


def test_document_number_finds_its_petitions(session: Session) -> None:
    reg = register_document(
        session,
        DocumentInput(dt.date(2026, 7, 10), "Văn phòng Chính phủ", sender_ref="5606/VPCP-QHĐP"),
        [PetitionInput("Hải Phòng", "Hướng dẫn cấp độ an toàn hệ thống thông tin"),
         PetitionInput("Bến Tre", "Khu công nghệ thông tin tập trung")],
    )  # fmt: skip
    register_document(
        session,
        DocumentInput(dt.date(2026, 7, 11), "Bộ Tài chính", sender_ref="5607/BTC-HCSN"),
        [PetitionInput("Hà Nội", "Kinh phí chuyển đổi số 5606")],
    )
    store = session.store
    assert sorted(_ids(store, "5606/VPCP-QHĐP")) == sorted(reg.petition_ids)
    assert sorted(_ids(store, "5606/VPCP")) == sorted(reg.petition_ids)
    assert sorted(_ids(store, "5606/vpcp-qhdp an toan")) == [reg.petition_ids[0]]


@pytest.mark.parametrize(
    "text",
    ["QĐ-UBND", "12/QĐ", '"unterminated', "AND OR NOT", "*", "(", "NEAR(a b)", '"', "-", 'a"b'],
)
def test_any_input_is_safe(store: Store, text: str) -> None:
    _add(store, "Hà Nội", "Quyết định 12/QĐ-UBND and or not")
    search.search(store, text)
    search.count(store, text)


def test_filters_narrow_the_matches(session: Session) -> None:
    store = session.store
    a = _add(store, "Thái Bình", "Dịch vụ công trực tuyến", dt.date(2025, 3, 1), field_id=1)
    b = _add(store, "Nam Định", "Dịch vụ công trực tuyến", dt.date(2026, 3, 1), field_id=2)
    c = _add(store, "Thái Bình", "Dịch vụ công trực tuyến", dt.date(2026, 4, 1), field_id=2)
    workflow.assign(session, b, "CĐSQG")
    workflow.reply(session, [c], "answered", "Đã trả lời")
    text = "dich vu cong"
    assert sorted(_ids(store, text)) == [a, b, c]
    assert sorted(_ids(store, text, PetitionFilter(year=2026))) == [b, c]
    assert _ids(store, text, PetitionFilter(origin="Thái Bình", year=2026)) == [c]
    assert _ids(store, text, PetitionFilter(status=("assigned",))) == [b]
    assert _ids(store, text, PetitionFilter(status=("answered",))) == [c]
    assert _ids(store, text, PetitionFilter(unit_code="CĐSQG")) == [b]
    assert sorted(_ids(store, text, PetitionFilter(field_id=2))) == [b, c]
    assert search.count(store, text, PetitionFilter(field_id=2)) == 2


def test_count_is_capped(store: Store) -> None:
    for i in range(7):
        _add(store, "Lào Cai", f"Trạm BTS số {i}")
    assert search.count(store, "tram bts") == 7
    assert search.count(store, "tram bts", cap=5) == 6


def test_limit_and_more(store: Store) -> None:
    for i in range(12):
        _add(store, "Lào Cai", f"Trạm BTS số {i}")
    ranked = search.rank(store, "bts", limit=10)
    assert len(ranked.rows) == 10 and ranked.more
    assert not search.rank(store, "bts", limit=20).more


def test_snippet_marks_whole_words_in_the_original_text() -> None:
    q = search_query.parse("dinh danh xac th")
    assert q is not None
    text = "Triển khai định danh và xác thực điện tử cho người dân"
    cut = excerpts.best_snippet((text,), q.words, open_last=q.open_last)
    assert cut.marked() == "Triển khai [định] [danh] và [xác] [thực] điện tử cho người dân"


def test_snippet_is_cut_around_the_first_match() -> None:
    text = "Mở đầu dài " * 40 + "phát triển bưu chính công ích" + " kết thúc" * 40
    cut = excerpts.snippet(text, ("buu", "chinh"), width=80)
    assert cut.text.startswith("…") and cut.text.endswith("…")
    assert "[bưu] [chính]" in cut.marked()
    assert len(cut.text) <= 82


def test_hits_carry_marked_snippets(store: Store) -> None:
    _add(store, "Thái Bình", "Hỗ trợ tỉnh Thái Bình chuyển đổi số")
    (hit,) = search.search(store, "thai binh chuyen doi")
    assert "[Thái] [Bình] [chuyển] [đổi]" in hit.snippet


def _vocabulary(store: Store) -> dict[str, int]:
    return {r[0]: r[1] for r in store.all("SELECT term, docs FROM search_terms WHERE docs > 0")}


def test_vocabulary_follows_insert_edit_and_rollback(store: Store) -> None:
    base = _vocabulary(store)
    pid = _add(store, "Điện Biên", "Phủ sóng vùng lõm")
    after = _vocabulary(store)
    assert after["phu"] == base.get("phu", 0) + 1 and after["lom"] == 1
    assert after[""] == base.get("", 0) + 1
    with store.write() as conn:
        history.update_fields(conn, pid, {"content": "Cáp quang trường học"})
    edited = _vocabulary(store)
    assert "lom" not in edited and edited["quang"] == 1
    with pytest.raises(RuntimeError), store.write():
        _add(store, "Lai Châu", "Sóng di động ở bản xa")
        raise RuntimeError("import failed half-way")
    assert _vocabulary(store) == edited
    # The vocabulary is what the index itself counts.
    if store.dialect == "postgresql":
        sql = "SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM petitions')"
    else:
        store.conn.execute(
            "CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, petitions_fts, 'row')"
        )
        sql = "SELECT term, doc FROM temp.v"
    fts = {r[0]: r[1] for r in store.all(sql)}
    assert {k: v for k, v in edited.items() if k} == fts


@pytest.mark.parametrize("newer_phrases", [0, 2])
def test_older_phrase_matches_beat_a_full_page_of_scattered_words(
    store: Store, newer_phrases: int
) -> None:
    old = _add(store, "Yên Bái", "Phát triển hạ tầng viễn thông miền núi", dt.date(2020, 1, 1))
    for i in range(6):
        _add(store, "Lai Châu", f"Hạ giá viễn thông, nâng tầng {i}", dt.date(2025, 1, 1 + i))
    newer = [
        _add(store, "Sơn La", f"Hạ tầng viễn thông {i}", dt.date(2026, 1, 1 + i))
        for i in range(newer_phrases)
    ]
    ranked = search.rank(store, "ha tang vien thong", limit=4)
    ids = [int(r["id"]) for r in ranked.rows]  # type: ignore[call-overload]
    assert ranked.more
    assert ids[: newer_phrases + 1] == [*reversed(newer), old]


def test_common_words_give_the_newest_matches_whichever_way_they_are_read(store: Store) -> None:
    # Words in every petition: PostgreSQL walks the register back instead of asking GIN.
    ids = [
        _add(store, "Hà Giang", f"Dịch vụ công trực tuyến mức {i}", dt.date(2026, 1, 1 + i))
        for i in range(25)
    ]
    other = _add(store, "Cao Bằng", "Cáp quang trường học", dt.date(2026, 2, 1))
    query = search_query.expand(store, search_query.parse("dich vu cong") or search_query.Query(()))
    walks = search.walk_reach(store, query, 11)
    assert (walks is not None) == (store.dialect == "postgresql")
    assert _ids(store, "dich vu cong", limit=10, order="newest") == ids[::-1][:10]
    assert search.count(store, "dich vu cong") == 25
    assert other not in _ids(store, "dich vu cong", limit=30)


@pytest.mark.parametrize("reach", [None, 5, 20, 200])
def test_the_walk_in_any_window_gives_the_newest_matches(store: Store, reach: int | None) -> None:
    from db import search_fts5, search_pg

    # Two matches near the newest, three far back: whether PostgreSQL's first window (a fifth
    # of the reach) finds none and asks the index (5), finds one, walks on and asks the index
    # for the rest (20), or walks it all (200), the newest five come back in order.
    ids = [
        _add(
            store,
            "Thái Bình",
            f"Đề nghị {'sóng di động' if i in (1, 3, 5, 35, 37) else 'điện'} {i}",
        )
        for i in range(40)
    ]
    engine = search_pg if store.dialect == "postgresql" else search_fts5
    query = search_query.parse("song di dong", prefix_last=False)
    assert query is not None
    match = search_query.match_all(query, engine)
    rows = engine.candidates(store, "p.id", match, "1 = 1", [], 1 << 62, 5, reach)
    assert [r[0] for r in rows] == [ids[i] for i in (37, 35, 5, 3, 1)]


def test_a_walk_too_short_is_completed_from_the_index(store: Store) -> None:
    from db import search_fts5, search_pg

    ids = [_add(store, "Lai Châu", f"Sóng di động bản {i}") for i in range(6)]
    for i in range(20):
        _add(store, "Lai Châu", f"Trường học số {i}")
    engine = search_pg if store.dialect == "postgresql" else search_fts5
    query = search_query.parse("song di dong", prefix_last=False)
    assert query is not None
    match = search_query.match_all(query, engine)
    below = ids[-1] + 100
    # A window of 3 ids holds none of them: the rest must come from the index, newest first.
    rows = engine.candidates(store, "p.id", match, "1 = 1", [], below, 4, 3)
    assert [r[0] for r in rows] == ids[::-1][:4]
