"""Seals and the hash chain (db/seals.py): what the app writes stays sealed, what another tool
writes is found, and the app writing over a tampered row does not wash the evidence away."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from db import migrations, open_store, seal_check, seals
from desktop.core import corrections, workflow
from desktop.core.corrections import PetitionEdit
from desktop.core.registry import DocumentInput, PetitionInput, Registered, register_document
from desktop.core.session import Session
from tests.helpers import outside

D = dt.date
pytestmark = pytest.mark.tampers  # other programs change the database here on purpose


@pytest.fixture
def reg(session: Session) -> Registered:
    """Two petitions registered, one assigned and answered: every sealed table written."""
    r = register_document(
        session,
        DocumentInput(received_on=D(2026, 11, 2), sender="Văn phòng Chính phủ",
                      sender_ref="5606/VPCP-QHĐP", sender_date=D(2026, 10, 30)),
        [PetitionInput("Thái Bình", "Hoàn thiện trục tích hợp quốc gia"),
         PetitionInput("Vĩnh Phúc", "Phủ sóng di động cho các thôn vùng sâu")],
    )  # fmt: skip
    workflow.assign(session, r.petition_ids[0], "VP")
    workflow.reply(session, [r.petition_ids[0]], "answered", "Bộ đã tiếp thu.")
    return r


def test_both_engines_seal_what_the_app_writes_and_find_the_rest(db_path: Path) -> None:
    """Plain SQL through the store (what every repository does), on SQLite or PostgreSQL."""
    store = open_store(db_path)
    with store.write() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('thử', '1')")
        pid = conn.execute(
            "INSERT INTO petitions (uuid, origin, content, received_on, created_at, updated_at)"
            " VALUES ('p-seal', 'Hà Nội', 'Nội dung', '2026-11-02', 'x', 'x') RETURNING id"
        ).fetchone()[0]
        conn.execute(
            "INSERT INTO status_events (uuid, petition_id, at, actor, to_status)"
            " VALUES ('e-seal', ?, '2026-12-01T09:50:00+07:00', 'tester', 'registered')",
            [pid],
        )
    with store.write() as conn:
        conn.execute("UPDATE petitions SET summary = 'Tóm tắt' WHERE id = ?", [pid])
        conn.execute("DELETE FROM settings WHERE key = 'thử'")
    assert store.check() == []
    event = store.scalar("SELECT id FROM status_events WHERE uuid = 'e-seal'")
    outside(
        store,
        f"UPDATE petitions SET origin = 'Huế' WHERE id = {pid}",
        f"UPDATE status_events SET actor = 'vanthu2' WHERE id = {event}",
    )
    # The app's next change of the petition does not seal it again.
    with store.write() as conn:
        conn.execute("UPDATE petitions SET summary = 'Khác' WHERE id = ?", [pid])
    assert store.check() == [
        f"Lịch sử: sự kiện #{event} (kiến nghị {pid}, 09:50 01/12/2026, vanthu2) bị sửa hoặc"
        " xoá ngoài phần mềm: chuỗi băm đứt từ đây.",
        f"Kiến nghị #{pid} đã bị sửa ngoài phần mềm: dữ liệu không khớp dấu niêm phong.",
    ]
    store.close()


def test_digest_is_by_column_name_type_and_blob_content() -> None:
    a = seals.digest("t", ["id", "name"], [1, "Hà Nội"])
    assert a == seals.digest("t", ["name", "id"], ["Hà Nội", 1])  # column order does not count
    assert a != seals.digest("t", ["id", "name"], ["1", "Hà Nội"])  # 1 is not "1"
    assert a != seals.digest("u", ["id", "name"], [1, "Hà Nội"])  # nor another table's row
    assert a != seals.digest("t", ["id", "name"], [1, None])
    blob = seals.digest("t", ["id", "content"], [1, b"\x00" * 10])
    assert blob == seals.digest("t", ["id", "content"], [1, memoryview(b"\x00" * 10)])
    assert blob != seals.digest("t", ["id", "content"], [1, b"\x00" * 11])


def test_what_the_app_writes_is_sealed_and_chained(session: Session, reg: Registered) -> None:
    pid = reg.petition_ids[1]
    corrections.edit_petition(session, pid, PetitionEdit(summary="Tóm tắt mới"))
    corrections.withdraw(session, pid, "Trùng")
    corrections.reinstate(session, pid)
    store = session.store
    assert seal_check.problems(store.conn) == []
    assert store.check() == []
    counted = sum(int(store.scalar(f"SELECT count(*) FROM {t}")) for t in seals.EVENTS)
    events, _ = seal_check.head(store.conn) or (0, "")
    assert events == counted > 0
    # Every current row of the sealed tables has its seal, no more.
    for table in seals.SEALED:
        rows = int(store.scalar(f"SELECT count(*) FROM {table}"))
        sealed = store.scalar("SELECT count(*) FROM seals WHERE table_name = ?", [table])
        assert sealed == rows, table


def test_changed_added_deleted_outside_are_named(session: Session, reg: Registered) -> None:
    pid = reg.petition_ids[0]
    reply_id = session.store.scalar("SELECT reply_id FROM reply_petitions WHERE petition_id = ?",
                                    [pid])  # fmt: skip
    outside(
        session.store,
        f"UPDATE replies SET text = 'Sửa lén' WHERE id = {reply_id}",
        "INSERT INTO settings (key, value) VALUES ('lạ', '1')",
        "DELETE FROM assignments WHERE id = (SELECT max(id) FROM assignments)",
    )
    found = seal_check.problems(session.store.conn)
    assert f"Trả lời #{reply_id} (kiến nghị {pid}) đã bị sửa ngoài phần mềm: dữ liệu không khớp" \
        " dấu niêm phong." in found  # fmt: skip
    assert "Cài đặt «lạ» được thêm ngoài phần mềm: không có dấu niêm phong." in found
    assert any(p.startswith("Giao việc #") and "đã bị xoá ngoài phần mềm" in p for p in found)
    assert len(found) == 3
    assert set(found) <= set(session.store.check())


def test_the_app_writing_over_a_tampered_row_keeps_the_evidence(
    session: Session, reg: Registered
) -> None:
    pid = reg.petition_ids[1]
    outside(session.store, f"UPDATE petitions SET origin = 'Hà Giang' WHERE id = {pid}")
    corrections.edit_petition(session, pid, PetitionEdit(summary="Sửa bằng phần mềm"))
    assert f"Kiến nghị #{pid} đã bị sửa ngoài phần mềm: dữ liệu không khớp dấu niêm phong." in (
        seal_check.problems(session.store.conn)
    )
    # A row deleted outside and its id taken again by the app: the old seal stays.
    outside(session.store, "DELETE FROM settings WHERE key = 'agency_code'")
    with session.store.write() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('agency_code', '\"X\"')")
    assert any(
        p.startswith("Cài đặt «agency_code»") for p in seal_check.problems(session.store.conn)
    )


def test_history_changed_or_cut_is_named(session: Session, reg: Registered) -> None:
    store = session.store
    first, last = store.one("SELECT min(id), max(id) FROM status_events") or (0, 0)
    outside(session.store, f"UPDATE status_events SET actor = 'vanthu2' WHERE id = {first}")
    (found,) = seal_check.problems(store.conn)
    assert found.startswith(f"Lịch sử: sự kiện #{first} (kiến nghị ")
    assert ", vanthu2) bị sửa hoặc xoá ngoài phần mềm: chuỗi băm đứt từ đây." in found
    outside(session.store, f"UPDATE status_events SET actor = 'tester' WHERE id = {first}")
    assert seal_check.problems(store.conn) == []
    # The last events and their links deleted together: the head still counts them.
    outside(
        session.store,
        f"DELETE FROM status_events WHERE id = {last}",
        "DELETE FROM seal_chain WHERE id = (SELECT max(id) FROM seal_chain)",
    )
    found_after_cut = seal_check.problems(store.conn)
    assert any("các sự kiện cuối đã bị xoá ngoài phần mềm" in p for p in found_after_cut)


def test_history_the_app_rewrites_is_chained_again(session: Session, reg: Registered) -> None:
    store = session.store
    first, last = store.one("SELECT min(id), max(id) FROM status_events") or (0, 0)
    events = (seal_check.head(store.conn) or (0, ""))[0]
    with store.write() as conn:
        conn.execute("UPDATE status_events SET note = 'khác' WHERE id = ?", [first])
        conn.execute("DELETE FROM status_events WHERE id = ?", [last])
    assert seal_check.problems(store.conn) == []
    assert (seal_check.head(store.conn) or (0, ""))[0] == events + 2
    # The event deleted by the app put back by hand, the one it changed changed back: found.
    outside(session.store, f"UPDATE status_events SET note = '' WHERE id = {first}")
    (found,) = seal_check.problems(store.conn)
    assert found.startswith(f"Lịch sử: sự kiện #{first} (kiến nghị ")
    # An event changed outside, then changed by the app: not chained again, still found.
    outside(session.store, f"UPDATE status_events SET actor = 'x' WHERE id = {first + 1}")
    with store.write() as conn:
        conn.execute("UPDATE status_events SET note = 'app' WHERE id = ?", [first + 1])
    assert any(f"sự kiện #{first + 1} " in p for p in seal_check.problems(store.conn))


def test_a_rolled_back_write_leaves_no_seal(session: Session, reg: Registered) -> None:
    seals_before = session.store.scalar("SELECT count(*) FROM seals")
    with pytest.raises(RuntimeError), session.store.write() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
        raise RuntimeError
    with session.store.write() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('y', '1')")
        with pytest.raises(RuntimeError), session.store.write() as inner:
            inner.execute("INSERT INTO settings (key, value) VALUES ('z', '1')")
            raise RuntimeError
        # A link row deleted and written again in one transaction is sealed as it ends.
        conn.execute("DELETE FROM reply_petitions")
        conn.execute("INSERT INTO reply_petitions (reply_id, petition_id) SELECT id, ? FROM"
                     " replies", [reg.petition_ids[0]])  # fmt: skip
    assert session.store.scalar("SELECT count(*) FROM seals") == seals_before + 1
    assert seal_check.problems(session.store.conn) == []


def test_repair_does_not_seal_again(session: Session, reg: Registered) -> None:
    pid = reg.petition_ids[0]
    outside(session.store, f"UPDATE petitions SET content = 'Khác hẳn' WHERE id = {pid}")
    session.store.repair_search()
    assert f"Kiến nghị #{pid} đã bị sửa ngoài phần mềm: dữ liệu không khớp dấu niêm phong." in (
        session.store.check()
    )


@pytest.mark.sqlite_file
def test_an_older_database_is_sealed_by_migration_9(tmp_path: Path) -> None:
    path = tmp_path / "v6.db"
    store = open_store(path, migrate=False)
    migrations.migrate(store, target=6)
    from desktop.core.reference import load_reference_data

    load_reference_data(store)
    session = Session(store, actor="tester", system=True)
    r = register_document(
        session, DocumentInput(received_on=D(2026, 11, 2), sender="UBND tỉnh Thái Bình"),
        [PetitionInput("Thái Bình", "Nâng cấp hạ tầng viễn thông")],
    )  # fmt: skip
    workflow.assign(session, r.petition_ids[0], "VP")
    assert store.user_version == 6
    store.close()
    store = open_store(path)
    assert store.user_version == migrations.LATEST
    assert store.check() == []
    assert (seal_check.head(store.conn) or (0, ""))[0] == store.scalar(
        "SELECT count(*) FROM status_events"
    )
    # And the app keeps sealing on the upgraded file.
    workflow.reply(
        Session(store, actor="tester", system=True), r.petition_ids, "answered", "Đã xử lý."
    )
    assert store.check() == []
    store.close()


def test_reseal_table_after_an_alter_keeps_tampered_rows_stale(
    session: Session, reg: Registered
) -> None:
    pid = reg.petition_ids[1]
    outside(session.store, f"UPDATE petitions SET origin = 'Hà Giang' WHERE id = {pid}")
    with session.store.write() as conn:
        seals.reseal_table(
            conn, "petitions",
            lambda: conn.execute("ALTER TABLE petitions ADD COLUMN extra TEXT NOT NULL DEFAULT ''"),
        )  # fmt: skip
    found = seal_check.problems(session.store.conn)
    assert found == [
        f"Kiến nghị #{pid} đã bị sửa ngoài phần mềm: dữ liệu không khớp dấu niêm phong."
    ]
    # The triggers follow the new column: the app's next change is sealed.
    corrections.edit_petition(session, reg.petition_ids[0], PetitionEdit(summary="Mới"))
    assert seal_check.problems(session.store.conn) == found
