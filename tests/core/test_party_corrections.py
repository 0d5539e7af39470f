"""Sửa kiến nghị after vào sổ: who raised it, the address, who forwarded it — with the field
history and the event attributed to the user, the seals kept, the reply letter following."""

from __future__ import annotations

import datetime as dt

import pytest

from db import history
from db import parties as pty
from db import petitions as pet
from desktop.core import corrections
from desktop.core.corrections import PetitionEdit
from desktop.core.errors import DomainError
from desktop.core.letters import kinds
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.helpers import content_digest

D = dt.date
ADDRESS = "số 5 Hàng Bông, Hà Nội"


def _registered(session: Session) -> int:
    r = register_document(
        session,
        DocumentInput(received_on=D(2026, 10, 26), sender="UBND TP Hà Nội",
                      sender_ref="3120/UBND-TCD", sender_date=D(2026, 10, 20)),
        [PetitionInput("Ông Trần Văn Bình", "Đề nghị xử lý trạm phát sóng gây nhiễu.")],
    )  # fmt: skip
    return r.petition_ids[0]


def test_a_body_corrected_into_a_person_with_address_and_forwarder(session: Session) -> None:
    pid = _registered(session)
    done = corrections.edit_petition(
        session, pid,
        PetitionEdit(raised_by="person", address=f"  {ADDRESS} ", forwarded_by="Ban Dân nguyện"),
    )  # fmt: skip
    assert done.changes == [
        ("raised_by", "cơ quan, địa phương", "cá nhân (công dân)"),
        ("raiser_address", None, ADDRESS),
        ("forwarded_by", None, "Ban Dân nguyện"),
    ]
    assert pty.parties_of(session.store, pid) == pty.Parties("person", ADDRESS, "Ban Dân nguyện")
    kept = history.changes_of(session.store, "petition", pid)
    assert [(c.field, c.old_value, c.new_value, c.actor) for c in kept] == [
        (name, old, new, session.actor) for name, old, new in done.changes
    ]
    event = pet.events_of(session.store, pid)[-1]
    assert event.note == "Sửa: người kiến nghị, địa chỉ người kiến nghị, cơ quan chuyển đến"
    assert event.actor == session.actor and all(c.event_id == event.id for c in kept)
    letter = kinds.reply_letter(session, [pid], answer="Đã kiểm tra.")
    assert letter.recipients == ("Ông Trần Văn Bình", f"Địa chỉ: {ADDRESS}")
    assert "do Ban Dân nguyện chuyển đến" in letter.body[0]


def test_the_senders_name_means_it_came_with_its_document(session: Session) -> None:
    pid = _registered(session)
    corrections.edit_petition(session, pid, PetitionEdit(forwarded_by="Ban Dân nguyện"))
    done = corrections.edit_petition(session, pid, PetitionEdit(forwarded_by="ubnd tp hà nội"))
    assert done.changes == [("forwarded_by", "Ban Dân nguyện", None)]
    assert pty.parties_of(session.store, pid).forwarded_by == ""


def test_back_to_a_body_drops_the_address(session: Session) -> None:
    pid = _registered(session)
    corrections.edit_petition(session, pid, PetitionEdit(raised_by="person", address=ADDRESS))
    done = corrections.edit_petition(session, pid, PetitionEdit(raised_by="body"))
    assert done.changes == [
        ("raised_by", "cá nhân (công dân)", "cơ quan, địa phương"),
        ("raiser_address", ADDRESS, None),
    ]
    assert pty.parties_of(session.store, pid) == pty.Parties()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (PetitionEdit(address=ADDRESS), "Chỉ ghi địa chỉ khi người kiến nghị là cá nhân"),
        (PetitionEdit(raised_by="robot"), "Người kiến nghị phải là cơ quan hoặc cá nhân"),
        (PetitionEdit(raised_by="person", address="x" * 301), "Địa chỉ dài 301 ký tự"),
        (PetitionEdit(raised_by="body", forwarded_by=""), "Không có gì thay đổi"),
    ],
)
def test_a_bad_party_correction_says_why_and_changes_nothing(
    session: Session, edit: PetitionEdit, message: str
) -> None:
    pid = _registered(session)
    before = content_digest(session.store.target)
    with pytest.raises(DomainError, match=message):
        corrections.edit_petition(session, pid, edit)
    assert content_digest(session.store.target) == before
