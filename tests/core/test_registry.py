import datetime as dt

import pytest

from db import documents as docs
from db import petitions as pet
from desktop.core.errors import DomainError
from desktop.core.registry import DocumentInput, PetitionInput, add_petitions, register_document
from desktop.core.session import Session
from tests.conftest import Clock
from tests.helpers import content_digest

D = dt.date
TWO = [
    PetitionInput(origin="Thái Bình", content="Hoàn thiện trục tích hợp quốc gia"),
    PetitionInput(origin="Vĩnh Phúc", content="Quy định về định danh", field="Chuyển đổi số"),
]


def _doc(day: D, **kw: object) -> DocumentInput:
    return DocumentInput(received_on=day, sender="Văn phòng Chính phủ", **kw)  # type: ignore[arg-type]


def test_register_document_with_petitions(session: Session) -> None:
    r = register_document(session, _doc(D(2026, 11, 2), sender_ref="5606/VPCP-QHĐP"), TWO)
    assert (r.incoming_no, r.year, len(r.petition_ids)) == (1, 2026, 2)
    d = docs.get_document(session.store, r.document_id or 0)
    assert d is not None and d.sender_ref == "5606/VPCP-QHĐP"
    ps = pet.petitions_of_document(session.store, r.document_id or 0)
    assert [p.origin for p in ps] == ["Thái Bình", "Vĩnh Phúc"]
    assert all(p.status == "registered" for p in ps)
    # No reply-by date: 10 working days after receipt.
    assert ps[0].due_on == D(2026, 11, 16)
    events = pet.events_of(session.store, ps[0].id)
    assert [(e.from_status, e.to_status, e.actor) for e in events] == [
        (None, "registered", "tester")
    ]


def test_reply_by_date_is_the_default_due(session: Session) -> None:
    r = register_document(session, _doc(D(2026, 11, 2), reply_by=D(2026, 12, 15)), TWO[:1])
    assert pet.get_petition(session.store, r.petition_ids[0]).due_on == D(2026, 12, 15)  # type: ignore[union-attr]


def test_deadline_days_setting(session: Session) -> None:
    from db.reference import set_setting

    set_setting(session.store, "default_deadline_days", 5)
    r = register_document(session, _doc(D(2026, 11, 2)), TWO[:1])
    assert pet.get_petition(session.store, r.petition_ids[0]).due_on == D(2026, 11, 9)  # type: ignore[union-attr]


def test_incoming_number_restarts_on_first_of_january(session: Session, clock: Clock) -> None:
    clock.today = D(2027, 1, 10)
    numbers = [
        (r.year, r.incoming_no)
        for r in (
            register_document(session, _doc(day))
            for day in (D(2026, 12, 30), D(2026, 12, 31), D(2027, 1, 1), D(2027, 1, 2))
        )
    ]
    assert numbers == [(2026, 1), (2026, 2), (2027, 1), (2027, 2)]
    # A late registration of a December document continues December's year.
    assert register_document(session, _doc(D(2026, 12, 31))).incoming_no == 3


def test_manual_number_accepted_only_if_free(session: Session) -> None:
    register_document(session, _doc(D(2026, 3, 2), incoming_no=7))
    before = content_digest(session.store.target)
    with pytest.raises(DomainError, match=r"Số đến 7/2026 đã được dùng.*Số trống tiếp theo: 8"):
        register_document(session, _doc(D(2026, 3, 3), incoming_no=7), TWO)
    assert content_digest(session.store.target) == before  # type: ignore[arg-type]
    # The same number in another year is free.
    assert register_document(session, _doc(D(2025, 3, 3), incoming_no=7)).incoming_no == 7


@pytest.mark.parametrize(
    ("doc", "petitions", "message"),
    [
        (DocumentInput(received_on=D(2026, 3, 2), sender="  "), TWO, "cơ quan gửi"),
        (_doc(D(2026, 12, 1)), TWO, "tương lai"),
        (_doc(D(2026, 3, 2), sender_date=D(2026, 3, 5)), TWO, "sau ngày đến"),
        (_doc(D(2026, 3, 2), incoming_no=0), TWO, "số nguyên dương"),
        (_doc(D(2026, 3, 2)), [PetitionInput(origin="", content="x")], "nơi kiến nghị"),
        (_doc(D(2026, 3, 2)), [PetitionInput(origin="Huế", content=" ")], "nội dung"),
        (_doc(D(2026, 3, 2)), [PetitionInput(origin="Huế", content="x" * 20_001)], "20.000"),
        (_doc(D(2026, 3, 2)), [PetitionInput("Huế", "x", field="Thiên văn")], "lĩnh vực"),
    ],
)
def test_bad_input_changes_nothing(
    session: Session, doc: DocumentInput, petitions: list[PetitionInput], message: str
) -> None:
    before = content_digest(session.store.target)
    with pytest.raises(DomainError, match=message):
        register_document(session, doc, petitions)
    assert content_digest(session.store.target) == before  # type: ignore[arg-type]


def test_attachment_is_kept_in_the_database(session: Session, tmp_path: object) -> None:
    from pathlib import Path

    scan = Path(str(tmp_path)) / "5606-VPCP.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned")
    r = register_document(session, _doc(D(2026, 3, 2)), TWO, [scan])
    (att,) = docs.attachments_of(session.store, r.document_id or 0)
    assert (att.filename, att.mime, att.size) == ("5606-VPCP.pdf", "application/pdf", 16)
    scan.unlink()
    assert docs.attachment_content(session.store, att.id) == b"%PDF-1.4 scanned"


def test_standalone_petition(session: Session) -> None:
    (pid,) = add_petitions(session, [PetitionInput("Ông Nguyễn Văn A", "Sóng điện thoại yếu")])
    p = pet.get_petition(session.store, pid)
    assert p is not None and p.document_id is None and p.received_on == D(2026, 11, 23)
