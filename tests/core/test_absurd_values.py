"""Absurd numbers from the screens are refused by the core too, not only by the command line."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.core.errors import DomainError
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.helpers import content_digest

ONE = [PetitionInput(origin="Thái Bình", content="Hoàn thiện trục tích hợp quốc gia")]


def _doc(number: int) -> DocumentInput:
    return DocumentInput(
        received_on=dt.date(2026, 11, 2), sender="Văn phòng Chính phủ", incoming_no=number
    )


@pytest.mark.parametrize("number", [0, -1, 1_000_000, 2**63 - 1, 10**20])
def test_incoming_number_out_of_range_is_refused(session: Session, number: int) -> None:
    before = content_digest(session.store.target)
    with pytest.raises(DomainError, match="từ 1 đến 999999"):
        register_document(session, _doc(number), ONE)
    assert content_digest(session.store.target) == before  # type: ignore[arg-type]


def test_the_largest_number_leaves_the_year_usable(session: Session) -> None:
    """9223372036854775807 used to be taken, and every later document of the year overflowed."""
    assert register_document(session, _doc(999_999), ONE).incoming_no == 999_999
    doc = DocumentInput(received_on=dt.date(2026, 11, 3), sender="Bộ Tài chính")
    assert register_document(session, doc, ONE).incoming_no == 1_000_000
