"""Migration 11 (tasks) on a register written at schema 10, on both engines.

Petitions written before keep their seals (resealed with the new `kind` column), are
petitions, and the app keeps sealing tasks and their progress afterwards; a petition
changed outside the app before the upgrade is still reported after it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from db import migrations, open_store
from db import petitions as pet
from db.petition_filter import PetitionFilter
from desktop.core import tasks, workflow
from desktop.core.reference import load_reference_data
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.helpers import outside

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def empty_target(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A database with no schema yet: a new file, or a new database on the server."""
    if engine != "postgresql":
        yield tmp_path / "v10.db"
        return
    cluster = request.getfixturevalue("pg_cluster")
    name = cluster.create_database()
    yield cluster.url(name)
    cluster.drop_database(name)


def _at_v10(target: Any) -> tuple[Session, list[int]]:
    store = open_store(target, migrate=False)
    migrations.migrate(store, target=10)
    load_reference_data(store)
    session = Session(store, actor="tester", today=lambda: TODAY, system=True)
    r = register_document(
        session, DocumentInput(received_on=dt.date(2026, 11, 2), sender="UBND tỉnh Thái Bình"),
        [PetitionInput("Thái Bình", "Nâng cấp hạ tầng viễn thông"),
         PetitionInput("Thái Bình", "Hỗ trợ chuyển đổi số cho doanh nghiệp nhỏ")],
    )  # fmt: skip
    workflow.assign(session, r.petition_ids[0], "VP")
    assert store.user_version == 10
    return session, r.petition_ids


def test_petitions_of_schema_10_stay_sealed_and_are_petitions(empty_target: Any) -> None:
    session, ids = _at_v10(empty_target)
    store = session.store
    assert migrations.migrate(store) == migrations.LATEST
    assert store.check() == []
    assert {p.kind for p in pet.petitions_of_document(store, 1)} == {"petition"}
    assert pet.count(store) == 2
    # Tasks now sit beside them, sealed, and out of the petition register.
    (task_id,) = tasks.add_tasks(
        session, [tasks.TaskInput("Báo cáo kết quả chuyển đổi số", unit="THH")],
        origin="Văn phòng Chính phủ", received_on=dt.date(2026, 11, 20),
    )  # fmt: skip
    tasks.report_progress(session, task_id, "Đã gửi báo cáo.", done=True)
    assert pet.count(store) == 2
    assert pet.count(store, PetitionFilter(kind="task")) == 1
    assert pet.count(store, PetitionFilter(kind=None)) == 3
    assert store.check() == []
    workflow.reply(session, [ids[0]], "answered", "Đã xử lý.")
    assert store.check() == []
    store.close()


@pytest.mark.tampers
def test_a_petition_changed_outside_before_the_upgrade_is_still_caught(
    empty_target: Any,
) -> None:
    session, ids = _at_v10(empty_target)
    outside(session.store, f"UPDATE petitions SET origin = 'Hà Giang' WHERE id = {ids[1]}")
    migrations.migrate(session.store)
    assert session.store.check() == [
        f"Kiến nghị #{ids[1]} đã bị sửa ngoài phần mềm: dữ liệu không khớp dấu niêm phong."
    ]
    session.store.close()
