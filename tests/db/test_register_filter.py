"""The register's origin filter: a part of the name, with or without diacritics, any case."""

from __future__ import annotations

import datetime as dt

import pytest

from db import petitions as pet
from db.petition_filter import PetitionFilter
from db.store import Store
from desktop.core.session import Session


@pytest.fixture
def store(session: Session) -> Store:
    origins = ["Cử tri thành phố Hà Nội", "Hà Nam", "Đắk Lắk", "Ông Trần Văn 100%_Bình"]
    pet.insert_petitions(
        session.store,
        [pet.NewPetition(o, f"Nội dung {o}", dt.date(2026, 3, 2)) for o in origins],
        actor="t",
    )
    return session.store


def _origins(store: Store, typed: str) -> list[str]:
    rows, _ = pet.page_rows(store, PetitionFilter(origin=typed), limit=50)
    return sorted(r.origin for r in rows)


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Hà Nội", ["Cử tri thành phố Hà Nội"]),
        ("ha noi", ["Cử tri thành phố Hà Nội"]),
        ("HÀ", ["Cử tri thành phố Hà Nội", "Hà Nam"]),
        ("dak", ["Đắk Lắk"]),
        ("  thành   phố ", ["Cử tri thành phố Hà Nội"]),
        ("100%_", ["Ông Trần Văn 100%_Bình"]),  # LIKE's wildcards are letters here
        ("%", ["Ông Trần Văn 100%_Bình"]),
        ("n%", []),
        ("Hải Phòng", []),
    ],
)
def test_origin_filter_is_a_folded_contains_match(
    store: Store, typed: str, found: list[str]
) -> None:
    assert _origins(store, typed) == found
    assert pet.count(store, PetitionFilter(origin=typed)) == len(found)
