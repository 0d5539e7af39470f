"""Sửa, rút, khôi phục: corrections keep old and new values, and every list follows them."""

import datetime as dt

import pytest

from db import agenda as db_agenda
from db import documents as docs
from db import history, lookups, open_store, registers, search, similar, stats
from db import petitions as pet
from db.petition_filter import PetitionFilter
from db.store import Store
from desktop.core import corrections, workflow
from desktop.core.corrections import DocumentEdit, PetitionEdit
from desktop.core.errors import DomainError
from desktop.core.registry import (
    DocumentInput,
    DuplicateDocument,
    PetitionInput,
    Registered,
    register_document,
)
from desktop.core.session import Session
from tests.helpers import content_digest

D = dt.date
NOV_2 = D(2026, 11, 2)
TEXT = "Đề nghị hỗ trợ kinh phí phủ sóng di động cho các thôn vùng sâu vùng xa của tỉnh"


@pytest.fixture
def reg(session: Session) -> Registered:
    return register_document(
        session,
        DocumentInput(received_on=NOV_2, sender="Văn phòng Chính phủ", sender_ref="5606/VPCP-QHĐP",
                      sender_date=D(2026, 10, 30)),
        [PetitionInput("Thái Bình", "Hoàn thiện trục tích hợp quốc gia", field="Chuyển đổi số"),
         PetitionInput("Vĩnh Phúc", TEXT)],
    )  # fmt: skip


def _digest(session: Session) -> str:
    return content_digest(session.store.target)


def _ids(store: Store, query: str) -> list[int]:
    return sorted(h.id for h in search.search(store, query))


def test_edit_petition_keeps_old_and_new_and_search_follows(
    session: Session, reg: Registered
) -> None:
    pid = reg.petition_ids[0]
    done = corrections.edit_petition(
        session, pid, PetitionEdit(origin="Thái Nguyên", content="Cấp chữ ký số cho người dân")
    )
    assert done.fields == ["origin", "content"]
    p = pet.get_petition(session.store, pid)
    assert p is not None and (p.origin, p.content) == ("Thái Nguyên", "Cấp chữ ký số cho người dân")
    changes = history.changes_of(session.store, "petition", pid)
    assert [(c.field, c.old_value, c.new_value, c.actor) for c in changes] == [
        ("origin", "Thái Bình", "Thái Nguyên", "tester"),
        ("content", "Hoàn thiện trục tích hợp quốc gia", "Cấp chữ ký số cho người dân", "tester"),
    ]
    event = pet.events_of(session.store, pid)[-1]
    assert event.note == "Sửa: nơi kiến nghị, nội dung" and event.to_status == "registered"
    assert {c.event_id for c in changes} == {event.id}
    assert _ids(session.store, "chu ky so") == [pid]
    assert _ids(session.store, "truc tich hop") == []
    assert _ids(session.store, "thai nguyen") == [pid]
    rows = pet.page_rows(session.store, PetitionFilter(order="origin", descending=False))[0]
    assert [r.origin for r in rows] == ["Thái Nguyên", "Vĩnh Phúc"]
    assert session.store.check() == []  # the vocabulary moved with the words


def test_edit_field_ordinal_and_summary(session: Session, reg: Registered) -> None:
    pid = reg.petition_ids[0]
    corrections.edit_petition(session, pid, PetitionEdit(field="", ordinal="3", summary="Trục"))
    changes = history.changes_of(session.store, "petition", pid)
    assert [(c.field, c.old_value, c.new_value) for c in changes] == [
        ("summary", None, "Trục"), ("ordinal", None, "3"), ("field_id", "Chuyển đổi số", None),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (PetitionEdit(content="  "), "Nội dung kiến nghị không được để trống"),
        (PetitionEdit(origin=""), "Nơi kiến nghị không được để trống"),
        (PetitionEdit(field="Thiên văn học"), "Không có lĩnh vực «Thiên văn học»"),
        (PetitionEdit(content="x" * 20_001), "quá giới hạn 20.000"),
        (PetitionEdit(origin=" Thái  Bình "), "Không có gì thay đổi"),  # the same once cleaned
        (PetitionEdit(), "Không có gì thay đổi"),
    ],
)
def test_bad_or_empty_petition_edit_changes_nothing(
    session: Session, reg: Registered, edit: PetitionEdit, message: str
) -> None:
    before = _digest(session)
    with pytest.raises(DomainError, match=message):
        corrections.edit_petition(session, reg.petition_ids[0], edit)
    assert _digest(session) == before


def test_unknown_ids_are_refused(session: Session) -> None:
    with pytest.raises(DomainError, match="Không có kiến nghị mã 99"):
        corrections.edit_petition(session, 99, PetitionEdit(content="x"))
    with pytest.raises(DomainError, match="Không có văn bản đến mã 99"):
        corrections.edit_document(session, 99, DocumentEdit(summary="x"))
    with pytest.raises(DomainError, match="Không có kiến nghị mã 99"):
        corrections.withdraw(session, 99, "nhầm")


def test_a_petition_withdrawn_by_another_window_is_not_edited(
    session: Session, reg: Registered
) -> None:
    other = Session(
        open_store(session.store.target), actor="other", today=session.today, system=True
    )
    corrections.withdraw(other, reg.petition_ids[0], "Trùng với kiến nghị khác")
    other.close()
    before = _digest(session)
    with pytest.raises(DomainError, match="đã rút khỏi sổ ngày .*khôi phục trước khi sửa"):
        corrections.edit_petition(session, reg.petition_ids[0], PetitionEdit(content="Mới"))
    with pytest.raises(DomainError, match="đã rút khỏi sổ"):
        corrections.withdraw(session, reg.petition_ids[0], "lần nữa")
    assert _digest(session) == before


def test_withdraw_needs_a_reason(session: Session, reg: Registered) -> None:
    before = _digest(session)
    with pytest.raises(DomainError, match="Chưa nhập lý do"):
        corrections.withdraw(session, reg.petition_ids[0], "  ")
    assert _digest(session) == before


def test_withdrawn_petitions_leave_every_list_and_come_back(
    session: Session, reg: Registered
) -> None:
    store, pid = session.store, reg.petition_ids[1]
    workflow.assign(session, pid, "THH")
    today = session.today()
    query = "phu song di dong"

    def seen() -> dict[str, bool]:
        period = stats.stats(store, today=today)
        return {
            "register": pid in [r.id for r in pet.list_rows(store)],
            "paged": pid in [r.id for r in pet.page_rows(store, PetitionFilter())[0]],
            "search rows": [r.id for r in pet.rows_by_ids(store, [pid])] == [pid],
            "origins": "Vĩnh Phúc" in lookups.known_origins(store),
            "count": pet.count(store) == 2,
            "search": _ids(store, query) == [pid],
            "search count": search.count(store, query) == 1,
            "similar": [s.id for s in similar.similar(store, TEXT, min_score=0.5)] == [pid],
            "near duplicate": bool(similar.near_duplicates(store, TEXT, "Vĩnh Phúc", today)),
            "stats": period.received == 2 and len(period.by_unit) == 1,
            "overdue": db_agenda.open_counts(store, today, today).overdue == 2,
            "due": pid in [r.id for r in db_agenda.due_between(store, NOV_2, today)],
            "documents": docs.document_rows(store)[0].petitions == 2,
            "incoming register": registers.incoming(store, NOV_2, today)[0].petitions == 2,
        }

    assert all(seen().values()), seen()
    corrections.withdraw(session, pid, "Trùng với văn bản 5605")
    assert not any(seen().values()), seen()
    assert pet.events_of(store, pid)[-1].note == "Rút: Trùng với văn bản 5605"
    corrections.reinstate(session, pid)
    assert all(seen().values()), seen()
    notes = [e.note for e in pet.events_of(store, pid)]
    assert notes[-2:] == ["Rút: Trùng với văn bản 5605", "Khôi phục"]
    assert [c.field for c in history.changes_of(store, "petition", pid)] == ["deleted_at"] * 2
    with pytest.raises(DomainError, match="đang có trong sổ, không cần khôi phục"):
        corrections.reinstate(session, pid)
    assert store.check() == []


def test_edit_document_number_moves_its_petitions_search(session: Session, reg: Registered) -> None:
    doc_id = reg.document_id or 0
    assert _ids(session.store, "5606/VPCP") == sorted(reg.petition_ids)
    done = corrections.edit_document(
        session, doc_id, DocumentEdit(sender_ref="5607/VPCP-QHĐP", summary="Kiến nghị cử tri")
    )
    assert done.fields == ["sender_ref", "summary"]
    assert _ids(session.store, "5606/VPCP") == []
    assert _ids(session.store, "5607/VPCP") == sorted(reg.petition_ids)
    d = docs.get_document(session.store, doc_id)
    assert d is not None and (d.sender_ref, d.incoming_no) == ("5607/VPCP-QHĐP", 1)
    changes = history.changes_of(session.store, "document", doc_id)
    assert [(c.field, c.old_value, c.new_value) for c in changes] == [
        ("sender_ref", "5606/VPCP-QHĐP", "5607/VPCP-QHĐP"), ("summary", None, "Kiến nghị cử tri"),
    ]  # fmt: skip
    note = pet.events_of(session.store, reg.petition_ids[0])[-1].note
    assert note == "Sửa văn bản đến số 1/2026: số, ký hiệu, trích yếu"
    assert session.store.check() == []


def test_received_date_moves_the_petitions_but_never_the_year(
    session: Session, reg: Registered
) -> None:
    doc_id = reg.document_id or 0
    corrections.edit_document(session, doc_id, DocumentEdit(received_on=D(2026, 11, 3)))
    assert {p.received_on for p in pet.petitions_of_document(session.store, doc_id)} == {
        D(2026, 11, 3)
    }
    changes = history.changes_of(session.store, "petition", reg.petition_ids[0])
    assert [(c.field, c.old_value, c.new_value) for c in changes] == [
        ("received_on", "2026-11-02", "2026-11-03")
    ]
    before = _digest(session)
    for edit, message in (
        (DocumentEdit(received_on=D(2025, 12, 31)), "số đến 1/2026 là số của năm 2026"),
        (DocumentEdit(received_on=D(2026, 11, 30)), "ở tương lai"),
        (DocumentEdit(sender_date=D(2026, 11, 20)), "sau ngày đến 03/11/2026"),
        # Before the received day (the check Vào sổ makes), and so before the letter's own day.
        (DocumentEdit(reply_by=D(2026, 10, 1)), "Hạn trả lời 01/10/2026 trước ngày đến 03/11/2026"),
        (DocumentEdit(sender=" "), "Cơ quan gửi không được để trống"),
        (DocumentEdit(sender_ref="5606/VPCP-QHĐP"), "Không có gì thay đổi"),
    ):
        with pytest.raises(DomainError, match=message):
            corrections.edit_document(session, doc_id, edit)
    assert _digest(session) == before


def test_withdraw_document_takes_back_only_what_went_with_it(
    session: Session, reg: Registered
) -> None:
    doc_id, (first, second) = reg.document_id or 0, reg.petition_ids
    corrections.withdraw(session, first, "Trùng")
    corrections.withdraw_document(session, doc_id, "Vào sổ nhầm")
    assert docs.get_document(session.store, doc_id) is None
    assert docs.document_rows(session.store) == []
    assert pet.events_of(session.store, second)[-1].note == (
        "Rút cùng văn bản đến số 1/2026: Vào sổ nhầm"
    )
    with pytest.raises(DomainError, match="khôi phục cả văn bản"):
        corrections.reinstate(session, second)
    with pytest.raises(DomainError, match="đã rút khỏi sổ"):
        corrections.edit_document(session, doc_id, DocumentEdit(summary="x"))
    done = corrections.reinstate_document(session, doc_id)
    assert done.petition_ids == [second]
    assert pet.get_petition(session.store, first) is None  # withdrawn on its own: stays so
    assert pet.get_petition(session.store, second) is not None
    assert [c.field for c in history.changes_of(session.store, "document", doc_id)] == [
        "deleted_at", "deleted_at",
    ]  # fmt: skip


def test_an_edit_making_it_another_registered_document_is_refused(
    session: Session, reg: Registered
) -> None:
    other = register_document(
        session,
        DocumentInput(received_on=NOV_2, sender="Văn phòng Chính phủ", sender_ref="5607/VPCP-QHĐP",
                      sender_date=D(2026, 10, 30)),
    )  # fmt: skip
    before = _digest(session)
    doc_id = reg.document_id or 0
    again = f"số đến 2/2026 ngày 02/11/2026 \\(mã {other.document_id}\\)"
    with pytest.raises(DuplicateDocument, match=again):
        corrections.edit_document(session, doc_id, DocumentEdit(sender_ref="5607/vpcp-qhđp"))
    assert _digest(session) == before
    edit = DocumentEdit(sender_ref="5607/VPCP-QHĐP")
    assert corrections.edit_document(session, doc_id, edit, allow_duplicate=True).fields == [
        "sender_ref"
    ]
