"""Có thể trùng, as the core answers it for the rows a clerk is typing."""

from __future__ import annotations

import datetime as dt

from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from desktop.core.similar import DUPLICATE_MIN_CHARS, find_duplicates

TEXT = "Đề nghị Bộ TTTT hướng dẫn định mức chi phí thuê dịch vụ công nghệ thông tin cho cấp tỉnh"
RETYPED = (
    "Đề nghị Bộ Thông tin và Truyền thông hướng dẫn định mức chi phí thuê dịch vụ công nghệ"
    " thông tin cho cấp tỉnh."
)
NOV_23 = dt.date(2026, 11, 23)


def _earlier(session: Session, on: dt.date = dt.date(2026, 6, 1)) -> int:
    doc = DocumentInput(received_on=on, sender="Văn phòng Chính phủ")
    (pid,) = register_document(session, doc, [PetitionInput("Hà Tĩnh", TEXT)]).petition_ids
    return pid


def test_a_retyped_petition_of_the_same_origin_is_found(session: Session) -> None:
    earlier = _earlier(session)
    found = find_duplicates(session.store, [("Nghệ An", RETYPED), ("Hà Tĩnh", RETYPED)], NOV_23)
    assert [(row, [s.id for s in dups]) for row, dups in found] == [(1, [earlier])]
    (best,) = found[0][1]
    assert best.origin == "Hà Tĩnh" and best.received_on == dt.date(2026, 6, 1)
    assert best.score >= 0.8


def test_rows_without_origin_or_too_short_are_not_checked(session: Session) -> None:
    earlier = _earlier(session)
    short = TEXT[: DUPLICATE_MIN_CHARS - 1]
    rows = [("Hà Tĩnh", short), ("", TEXT), ("  ", TEXT), ("Hà Tĩnh", TEXT)]
    found = find_duplicates(session.store, rows, NOV_23)
    assert [(row, [s.id for s in dups]) for row, dups in found] == [(3, [earlier])]
    assert find_duplicates(session.store, [], NOV_23) == []


def test_only_the_last_twelve_months_count(session: Session) -> None:
    _earlier(session, on=dt.date(2025, 11, 1))
    assert find_duplicates(session.store, [("Hà Tĩnh", TEXT)], NOV_23) == []
