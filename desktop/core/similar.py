"""Kiến nghị tương tự: earlier petitions asking much the same, and near-duplicates of new ones.

db/similar.py scores them; the screens ask here while a clerk registers (near-duplicates from
the same origin) and beside a selected petition (similar ones with the answer they got).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from db import similar as sim
from db.similar import SimilarPetition
from db.store import Store

__all__ = ["near_duplicates", "similar", "similar_to_petition", "similar_to_petitions"]


def near_duplicates(store: Store, text: str, origin: str, on: dt.date) -> list[SimilarPetition]:
    """Petitions from the same origin in the 12 months before `on` with nearly the same text."""
    return sim.near_duplicates(store, text, origin, on)


def similar(store: Store, text: str, *, limit: int = 5) -> list[SimilarPetition]:
    """The petitions most like `text`, best first."""
    return sim.similar(store, text, limit=limit)


def similar_to_petition(store: Store, petition_id: int, *, limit: int = 5) -> list[SimilarPetition]:
    """Petitions received before (or on the day of) this one that ask much the same."""
    return sim.similar_to_petition(store, petition_id, limit=limit)


def similar_to_petitions(
    store: Store, petition_ids: Sequence[int], *, limit: int = 5, min_score: float = 0.0
) -> list[SimilarPetition]:
    """Earlier petitions like any of these (a joint reply answers several), best first."""
    return sim.similar_to_petitions(store, petition_ids, limit=limit, min_score=min_score)
