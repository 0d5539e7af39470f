import datetime as dt
from pathlib import Path

import pytest

from db import open_store
from db.migrations import LATEST
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.cli.conftest import Run
from tests.helpers import content_digest


def _seed(db_path: Path) -> list[int]:
    s = Session(
        open_store(db_path), actor="tester", today=lambda: dt.date(2026, 11, 23), system=True
    )
    r = register_document(
        s,
        DocumentInput(received_on=dt.date(2026, 11, 2), sender="Văn phòng Chính phủ",
                      sender_ref="5606/VPCP-QHĐP"),
        [
            PetitionInput("Thái Bình", "Hoàn thiện chính thức trục tích hợp quốc gia"),
            PetitionInput("Vĩnh Phúc", "Ban hành văn bản quy định về định danh, xác thực điện tử"),
        ],
    )  # fmt: skip
    s.close()
    return r.petition_ids


def test_init_is_idempotent(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "new" / "so.db"
    first = run("init", "--json", db=db)
    assert first.code == 0, first.err
    data = first.json()
    assert data["schema_version"] == LATEST and data["units"] >= 14 and data["fields"] >= 10
    assert run("init", "--json", db=db).json() == data


def test_list_search_assign_reply_stats(run: Run, db_path: Path) -> None:
    a, b = _seed(db_path)
    rows = run("list", "--json").json()
    assert [r["id"] for r in rows] == [b, a]
    assert {"id", "origin", "summary", "status", "due_on"} <= set(rows[0])
    assert rows[0]["due_on"] == "2026-11-16" and rows[0]["overdue"] is True

    hits = run("search", "dinh danh", "--json").json()
    assert [h["id"] for h in hits] == [b]
    assert {"id", "origin", "summary", "status", "due_on"} <= set(hits[0])
    assert "[định] [danh]" in hits[0]["snippet"]
    assert [h["origin"] for h in run("search", "thai binh", "--json").json()] == ["Thái Bình"]

    r = run("assign", str(a), "--unit", "THH", "--due", "30/11/2026")
    assert r.code == 0, r.err
    assert run("assign", str(a), "--unit", "CATTT", "--role", "support").code == 0
    assert run("list", "--unit", "THH", "--json").json()[0]["lead_unit"] == "Cục Tin học hóa"
    r = run("reply", str(a), "--outcome", "clarify", "--text", "Sẽ làm rõ tại buổi làm việc")
    assert r.code == 0, r.err
    assert [x["id"] for x in run("list", "--overdue", "--json").json()] == [b]

    stats = run("stats", "--from", "01/11/2026", "--to", "30/11/2026", "--json").json()
    assert set(stats) == {"as_of", "kind", "received", "answered", "clarify", "escalated",
                          "unanswered", "overdue", "by_unit"}  # fmt: skip
    assert (stats["received"], stats["clarify"], stats["unanswered"], stats["overdue"]) == (
        2,
        1,
        1,
        1,
    )
    units = {u["unit"]: u for u in stats["by_unit"]}
    assert units["Cục Tin học hóa"] == {
        "unit": "Cục Tin học hóa", "code": "THH", "done_on_time": 1, "done_late": 0,
        "open_in_time": 0, "open_overdue": 0,
    }  # fmt: skip
    human = run("stats")
    assert "Tiếp nhận 2 kiến nghị" in human.out


def test_errors_are_vietnamese_nonzero_and_change_nothing(run: Run, db_path: Path) -> None:
    a, _ = _seed(db_path)
    before = content_digest(db_path)
    failures = [
        (("assign", str(a), "--unit", "NOPE"), "Không có đơn vị"),
        (("assign", "9999", "--unit", "THH"), "Không có kiến nghị"),
        (("assign", str(a), "--unit", "THH", "--due", "31/02/2026"), "không hợp lệ"),
        (("reply", str(a), "--outcome", "answered", "--text", " "), "nội dung trả lời"),
        (("stats", "--from", "30/11/2026", "--to", "01/11/2026"), "Khoảng thời gian"),
        (("export", "register.csv"), ".xlsx"),
        (("list", "--unit", "Cục Không Tồn Tại"), "Không có đơn vị"),
        (("search", "x", "--unit", "Cục Không Tồn Tại"), "Không có đơn vị"),
        (("similar", "9999"), "Không có kiến nghị"),
        (("similar",), "một trong hai"),
    ]
    for args, message in failures:
        r = run(*args)
        assert r.code != 0, args
        assert message in r.err, (args, r.err)
        assert "Traceback" not in r.err
    assert content_digest(db_path) == before


def test_search_filters_order_and_similar(run: Run, db_path: Path) -> None:
    a, b = _seed(db_path)
    # The document's number finds its petitions; filters narrow; newest first on request.
    assert sorted(h["id"] for h in run("search", "5606/VPCP", "--json").json()) == [a, b]
    assert [
        h["id"] for h in run("search", "5606/VPCP", "--origin", "Thái Bình", "--json").json()
    ] == [a]
    assert run("search", "5606/VPCP", "--year", "2025", "--json").json() == []
    assert run("search", "5606/VPCP", "--status", "answered", "--json").json() == []
    newest = run("search", "5606/VPCP", "--newest", "--json").json()
    assert [h["id"] for h in newest] == [b, a]  # same day: the later registered first
    assert (
        run("reply", str(b), "--outcome", "answered", "--text", "Đã ban hành Nghị định 69").code
        == 0
    )
    found = run(
        "similar", "--text", "Sớm ban hành quy định về định danh và xác thực điện tử", "--json"
    ).json()
    assert found[0]["id"] == b
    assert found[0]["reply"]["text"] == "Đã ban hành Nghị định 69"
    r = run("similar", "--text", "Sớm ban hành quy định về định danh và xác thực điện tử")
    assert r.code == 0 and "Đã ban hành Nghị định 69" in r.out and "Vĩnh Phúc" in r.out


def test_export_backup_check_restore(
    run: Run, db_path: Path, tmp_path: Path, engine: str
) -> None:
    _seed(db_path)
    assert run("export", str(tmp_path / "so.xlsx")).code == 0
    assert (tmp_path / "so.xlsx").stat().st_size > 1000
    assert run("backup", str(tmp_path / "bk.db")).code == 0
    again = run("backup", str(tmp_path / "bk.db"))
    assert again.code != 0 and "đã tồn tại" in again.err
    r = run("check")
    assert r.code == 0 and "toàn vẹn" in r.out
    saved = content_digest(db_path)
    assert run("reply", "1", "--outcome", "answered", "--text", "x").code == 0
    assert content_digest(db_path) != saved
    r = run("restore", str(tmp_path / "bk.db"))
    if engine == "postgresql":
        # A server is not overwritten from a file: the message says how (migrate-to).
        changed = content_digest(db_path)
        assert r.code != 0 and "migrate-to" in r.err
        assert content_digest(db_path) == changed
        return
    assert r.code == 0, r.err
    assert content_digest(db_path) == saved


@pytest.mark.sqlite_file  # the FTS5 index and its triggers
def test_check_reports_damage(run: Run, db_path: Path) -> None:
    _seed(db_path)
    store = open_store(db_path)
    with store.write() as conn:  # through the app's write, so the rows stay sealed (seals)
        conn.execute("DROP TRIGGER petitions_fts_au")
        conn.execute("UPDATE petitions SET search_content = 'hong'")
    store.close()
    r = run("check")
    assert r.code != 0 and "petitions_fts" in r.err
    # The index is rebuilt from the petitions (their search columns are the truth).
    r = run("check", "--repair")
    assert r.code == 0, r.err
    assert [h["origin"] for h in run("search", "hong", "--json").json()] == [
        "Vĩnh Phúc",
        "Thái Bình",
    ]
    assert run("check").code == 0
    # The dropped trigger is back: an edit is indexed again.
    store = open_store(db_path)
    with store.write() as conn:
        conn.execute("UPDATE petitions SET search_content = 'sua lai' WHERE origin = 'Vĩnh Phúc'")
    store.close()
    assert [h["origin"] for h in run("search", "sua lai", "--json").json()] == ["Vĩnh Phúc"]


@pytest.mark.sqlite_file  # the FTS5 index and its triggers
def test_check_reports_and_repairs_a_vocabulary_written_behind_its_back(
    run: Run, db_path: Path
) -> None:
    _seed(db_path)
    store = open_store(db_path)
    # A write past the repositories (an outside one is also told by the seals, and --repair
    # leaves that told): the triggers keep the index, nothing keeps the vocabulary.
    with store.write() as conn:
        conn.execute("UPDATE petitions SET search_origin = 'ben ngoai' WHERE origin = 'Thái Bình'")
    store.close()
    r = run("check")
    assert r.code != 0 and "từ vựng tìm kiếm" in r.err and "--repair" in r.err
    assert run("check", "--repair").code == 0
    assert run("check").code == 0
    # Completing "ngo" now knows the word the outside writer put there.
    assert [h["origin"] for h in run("search", "ben ngo", "--json").json()] == ["Thái Bình"]


def test_demo_small(run: Run, db_path: Path) -> None:
    r = run("demo", "--count", "300")
    assert r.code == 0, r.err
    stats = run("stats", "--json").json()
    assert stats["received"] == 300
    assert stats["answered"] > 0 and stats["unanswered"] > 0 and stats["by_unit"]
    assert run("check").code == 0
    assert len(run("search", "chuyen doi so", "--json").json()) > 0


def test_usage_error_is_exit_2(run: Run) -> None:
    r = run("reply", "1", "--outcome", "perhaps", "--text", "x")
    assert r.code == 2 and "lỗi cú pháp" in r.err
