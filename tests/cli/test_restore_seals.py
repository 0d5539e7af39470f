"""`kiennghi restore` checks the backup's seals (db/seal_check.py) before it replaces anything.

A backup file edited with another program (a reply's text, an event's author) is refused with
the seal check's own sentence, and the live database stays byte for byte as it was; a sound
backup, and one older than the seals (migration 9 gives it them), still restores. The live
database is `db_path`: it is never changed behind the app, so the seal check at teardown still
judges it (the tampered file is the backup, beside it).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from db import backup as bk
from db import documents as docs
from db import migrations, open_store
from desktop.core import demo
from desktop.core.reference import load_reference_data
from desktop.core.session import Session
from tests import damage
from tests.cli.conftest import Run
from tests.helpers import content_digest, sql_on_file

# About SQLite files: a backup is one (a server refuses restore, tests/cli/test_cli_transfer.py).
pytestmark = pytest.mark.sqlite_file


@pytest.fixture
def live(db_path: Path) -> Path:
    """The live register with 40 demo petitions (replies and history among them)."""
    store = open_store(db_path)
    try:
        load_reference_data(store)
        demo.generate_demo(Session(store, system=True), 40, seed=3)
    finally:
        store.close()
    return db_path


def _backup(run: Run, live: Path, dest: Path) -> Path:
    made = run("backup", str(dest))
    assert made.code == 0, made.err
    return dest


def _refused_and_nothing_changed(run: Run, live: Path, backup: Path) -> str:
    """Run the refused restore; the error's text, after proving the live side untouched."""
    before_bytes, before_rows = damage.file_digest(live), content_digest(live)
    folder = sorted(p.name for p in live.parent.iterdir())
    kept = bk.list_backups(live)
    r = run("restore", str(backup))
    assert r.code == 1, r.out
    assert r.err.startswith(f"Lỗi: Không khôi phục từ «{backup}»: bản sao lưu không khớp dấu")
    assert "Cơ sở dữ liệu hiện tại vẫn giữ nguyên, chưa thay đổi gì." in r.err
    assert "Traceback" not in r.err and r.out == ""
    assert damage.file_digest(live) == before_bytes and content_digest(live) == before_rows
    # No temporary copy left, no "before restore" copy made: nothing was about to be swapped.
    assert sorted(p.name for p in live.parent.iterdir()) == folder
    assert bk.list_backups(live) == kept
    assert run("check").code == 0
    return r.err


def test_a_backup_whose_reply_was_edited_is_refused(run: Run, live: Path, tmp_path: Path) -> None:
    backup = _backup(run, live, tmp_path / "bk.db")
    ((reply, petition),) = sql_on_file(
        backup, "SELECT reply_id, petition_id FROM reply_petitions ORDER BY reply_id LIMIT 1"
    )
    sql_on_file(backup, f"UPDATE replies SET text = 'Nội dung sửa tay' WHERE id = {reply}")

    err = _refused_and_nothing_changed(run, live, backup)

    assert (
        f"Trả lời #{reply} (kiến nghị {petition}) đã bị sửa ngoài phần mềm:"
        " dữ liệu không khớp dấu niêm phong." in err
    ), err
    # The backup itself is only read.
    assert sql_on_file(backup, f"SELECT text FROM replies WHERE id = {reply}") == [
        ("Nội dung sửa tay",)
    ]


def test_a_backup_whose_history_was_rewritten_is_refused(
    run: Run, live: Path, tmp_path: Path
) -> None:
    backup = _backup(run, live, tmp_path / "bk.db")
    ((event, petition),) = sql_on_file(
        backup, "SELECT id, petition_id FROM status_events ORDER BY id LIMIT 1 OFFSET 5"
    )
    # A unit renamed too: the refusal names the first change and counts the other.
    sql_on_file(
        backup,
        f"UPDATE status_events SET actor = 'nguoi-khac' WHERE id = {event}",
        "UPDATE units SET name = 'Đơn vị khác' WHERE id = (SELECT min(id) FROM units)",
    )
    err = _refused_and_nothing_changed(run, live, backup)
    assert f"Lịch sử: sự kiện #{event} (kiến nghị {petition}," in err, err
    assert "chuỗi băm đứt từ đây" in err and "Cùng 1 chỗ khác nữa." in err


def test_a_sound_backup_still_restores(run: Run, live: Path, tmp_path: Path) -> None:
    backup = _backup(run, live, tmp_path / "bk.db")
    wanted = content_digest(backup)
    store = open_store(live)
    docs.insert_document(store, received_on=dt.date(2026, 11, 20), incoming_no=99, sender="Sau")
    store.close()
    assert content_digest(live) != wanted

    r = run("restore", str(backup))

    assert r.code == 0, r.err
    assert f"Đã khôi phục «{live}» từ «{backup}»." in r.out
    assert content_digest(live) == wanted
    assert run("check").code == 0


@pytest.mark.parametrize("version", [2, 8])
def test_a_backup_older_than_the_seals_still_restores(
    run: Run, live: Path, tmp_path: Path, version: int
) -> None:
    old = tmp_path / f"v{version}.db"
    store = open_store(old, migrate=False)
    migrations.migrate(store, target=version)
    store.close()
    # Written without the app, as versions before the seals wrote: nothing to check it against.
    sql_on_file(
        old,
        "INSERT INTO incoming_documents (uuid, year, incoming_no, received_on, sender, created_at)"
        " VALUES ('d1', 2020, 1, '2020-07-13', 'Văn phòng Chính phủ', '2020-07-13T08:00:00')",
    )

    r = run("restore", str(old))

    assert r.code == 0, r.err
    assert sql_on_file(live, "SELECT sender FROM incoming_documents") == [("Văn phòng Chính phủ",)]
    assert sql_on_file(live, "PRAGMA user_version") == [(migrations.LATEST,)]
    checked = run("check")  # the upgraded register carries seals that hold
    assert checked.code == 0, checked.err
    assert "dấu niêm phong đều tốt" in checked.out
