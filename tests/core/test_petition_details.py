"""Chi tiết kiến nghị as the core reads it in one call: the petition, its document, routing,
replies and history, with each correction's fields old → new."""

from __future__ import annotations

import datetime as dt

from desktop.core import corrections, workflow
from desktop.core.corrections import DocumentEdit, PetitionEdit
from desktop.core.petitions import ShownChange, load_details
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session

NOV_2 = dt.date(2026, 11, 2)


def _registered(session: Session) -> tuple[int, int]:
    r = register_document(
        session,
        DocumentInput(
            received_on=NOV_2,
            sender="Văn phòng Chính phủ",
            sender_ref="5606/VPCP-QHĐP",
            sender_date=dt.date(2026, 10, 30),
        ),
        [PetitionInput("Hải Phòng", "Hoàn thiện trục tích hợp quốc gia")],
    )
    return r.document_id, r.petition_ids[0]


def test_everything_the_pane_shows_in_one_read(session: Session) -> None:
    document_id, pid = _registered(session)
    workflow.assign(session, pid, "THH", instructions="Trả lời trước ngày 20")
    workflow.reply(session, [pid], "answered", "Bộ đã ban hành hướng dẫn.")
    d = load_details(session.store, pid)
    assert d is not None
    assert d.petition.id == pid and d.petition.status == "answered"
    assert d.document is not None and d.document.id == document_id
    assert d.document.sender_ref == "5606/VPCP-QHĐP"
    assert [(a.role, a.instructions) for a in d.assignments] == [("lead", "Trả lời trước ngày 20")]
    assert [(r.outcome, r.text) for r in d.replies] == [("answered", "Bộ đã ban hành hướng dẫn.")]
    assert [e.to_status for e in d.events] == ["registered", "assigned", "answered"]
    assert all(d.changes_with(e) == [] for e in d.events)


def test_a_correction_is_shown_with_its_event_and_a_document_edit_with_each_petition(
    session: Session,
) -> None:
    document_id, pid = _registered(session)
    corrections.edit_petition(session, pid, PetitionEdit(origin="UBND thành phố Hải Phòng"))
    corrections.edit_document(session, document_id, DocumentEdit(reply_by=dt.date(2026, 12, 4)))
    d = load_details(session.store, pid)
    assert d is not None
    shown = [d.changes_with(e) for e in d.events]
    assert shown[0] == []  # the registration itself
    assert shown[1] == [ShownChange("nơi kiến nghị", "Hải Phòng", "UBND thành phố Hải Phòng")]
    # The document's own change has no event; the petition's event of that moment stands for it.
    assert shown[2] == [ShownChange("hạn trả lời", None, "04/12/2026")]


def test_a_withdrawn_or_unknown_petition_has_no_details(session: Session) -> None:
    _, pid = _registered(session)
    corrections.withdraw(session, pid, "Vào sổ nhầm")
    assert load_details(session.store, pid) is None
    assert load_details(session.store, 999_999) is None
