"""Kiến nghị tương tự: earlier petitions asking much the same, and near-duplicates of new ones.

db/similar.py scores them; the screens ask here while a clerk registers (near-duplicates from
the same origin) and beside a selected petition (similar ones with the answer they got). The
functions are db/similar.py's own, named here so that the screens stay above the core, but for
the answers offered for reuse: the answer part only (desktop/core/letters/answer_part.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from db import similar as db_similar
from db.similar import SimilarPetition, near_duplicates, similar, similar_to_petition
from db.store import Store

__all__ = [
    "DUPLICATE_MIN_CHARS",
    "DuplicatesFound",
    "find_duplicates",
    "near_duplicates",
    "similar",
    "similar_to_petition",
    "similar_to_petitions",
]

# Contents shorter than this are too short to call anything a duplicate ("Đề nghị hỗ trợ").
DUPLICATE_MIN_CHARS = 12

# (index of the typed row, its near duplicates best first), only for rows that have some.
DuplicatesFound = list[tuple[int, list[SimilarPetition]]]


def similar_to_petitions(
    store: Store, petition_ids: Sequence[int], *, limit: int = 5, min_score: float = 0.0
) -> list[SimilarPetition]:
    """Earlier petitions like any of these, best first, each with the answer to reuse (a reply
    recorded with its whole letter body, as issuing once did, gives its answer part)."""
    found = db_similar.similar_to_petitions(store, petition_ids, limit=limit, min_score=min_score)
    return [_reusable(s) for s in found]


def _reusable(s: SimilarPetition) -> SimilarPetition:
    if s.reply is None:
        return s
    # Imported on first use: the letter modules cost the main window's start ~40 ms.
    from desktop.core.letters.answer_part import reusable_answer

    return dataclasses.replace(
        s, reply=dataclasses.replace(s.reply, text=reusable_answer(s.reply.text))
    )


def find_duplicates(store: Store, rows: Sequence[tuple[str, str]], on: dt.date) -> DuplicatesFound:
    """Có thể trùng: near duplicates of each typed (origin, content) row long enough to tell."""
    out: DuplicatesFound = []
    for i, (origin, content) in enumerate(rows):
        if origin.strip() and len(content.strip()) >= DUPLICATE_MIN_CHARS:
            found = near_duplicates(store, content, origin, on)
            if found:
                out.append((i, found))
    return out
