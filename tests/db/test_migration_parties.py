"""Migration 12 (who raised a petition, through whom it came) on a register at schema 11.

Every petition written before is kept, raised by a body (its origin, as before) and come with
its document; its seal is made again with the new columns, so `check` stays clean; a petition
changed outside the app before the upgrade is still reported after it. Both engines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from db import migrations, open_store, parties
from db import petitions as pet
from desktop.core import workflow
from desktop.core.letters import kinds
from desktop.core.reference import load_reference_data
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.helpers import outside

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def empty_target(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A database with no schema yet: a new file, or a new database on the server."""
    if engine != "postgresql":
        yield tmp_path / "v11.db"
        return
    cluster = request.getfixturevalue("pg_cluster")
    name = cluster.create_database()
    yield cluster.url(name)
    cluster.drop_database(name)


def _at_v11(target: Any) -> tuple[Session, list[int]]:
    store = open_store(target, migrate=False)
    migrations.migrate(store, target=11)
    load_reference_data(store)
    session = Session(store, actor="tester", today=lambda: TODAY, system=True)
    r = register_document(
        session,
        DocumentInput(received_on=dt.date(2026, 11, 2), sender="Văn phòng Chính phủ",
                      sender_ref="812/VPCP-QHĐP", sender_date=dt.date(2026, 10, 30)),
        [PetitionInput("Thái Bình", "Nâng cấp hạ tầng viễn thông"),
         PetitionInput("Hiệp hội Internet Việt Nam", "Giảm phí tên miền"),
         PetitionInput("Hà Nội", "Quản lý tin nhắn rác")],
    )  # fmt: skip
    workflow.assign(session, r.petition_ids[0], "VP")
    workflow.reply(session, [r.petition_ids[1]], "answered", "Đã giảm phí.")
    assert store.user_version == 11
    return session, r.petition_ids


def test_petitions_of_schema_11_are_kept_sealed_and_raised_by_bodies(empty_target: Any) -> None:
    session, ids = _at_v11(empty_target)
    store = session.store
    before = [(p.id, p.origin, p.content, p.status) for p in pet.petitions_of_document(store, 1)]
    assert migrations.migrate(store) == migrations.LATEST >= 12
    assert store.check() == []
    after = [(p.id, p.origin, p.content, p.status) for p in pet.petitions_of_document(store, 1)]
    assert after == before and len(after) == 3
    assert {parties.parties_of(store, i) for i in ids} == {parties.Parties("body", "", "")}
    # The old petitions answer as before (the province merged since by its successor)...
    letter = kinds.reply_letter(session, [ids[0]], answer="Đã nâng cấp.")
    assert letter.recipients == ("Ủy ban nhân dân tỉnh Hưng Yên",)
    assert "do Văn phòng Chính phủ chuyển đến" in letter.body[0]
    # ...and new ones carry their parties, sealed.
    r = register_document(
        session,
        DocumentInput(received_on=dt.date(2026, 11, 20), sender="UBND thành phố Hà Nội"),
        [PetitionInput("Bà Nguyễn Thị Lan", "Sóng di động yếu.", raised_by="person",
                       address="thôn Đông, xã Sóc Sơn, thành phố Hà Nội")],
    )  # fmt: skip
    assert parties.parties_of(store, r.petition_ids[0]).raised_by == "person"
    assert pet.count(store) == 4
    assert store.check() == []
    store.close()


@pytest.mark.tampers
def test_a_petition_changed_outside_before_the_upgrade_is_still_caught(
    empty_target: Any,
) -> None:
    session, ids = _at_v11(empty_target)
    outside(session.store, f"UPDATE petitions SET origin = 'Hà Giang' WHERE id = {ids[2]}")
    migrations.migrate(session.store)
    assert session.store.check() == [
        f"Kiến nghị #{ids[2]} đã bị sửa ngoài phần mềm: dữ liệu không khớp dấu niêm phong."
    ]
    session.store.close()
