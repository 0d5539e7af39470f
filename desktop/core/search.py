"""Tìm kiếm: the register's search for the screens (the engine's own index behind the store).

db/search.py says how words are folded, grouped and ranked; a screen asks here for the ids of
the best matches, their marked excerpts and, separately (it takes longer), how many match.
"""

from __future__ import annotations

from db import excerpts
from db import search as fts
from db.excerpts import Snippet
from db.models import SearchHit
from db.petitions import PetitionFilter
from db.search import Order, Query
from db.store import Store

__all__ = ["count", "matched_spans", "parse", "search", "search_ids", "snippets"]


def search(
    store: Store,
    text: str,
    f: PetitionFilter | None = None,
    *,
    order: Order = "relevance",
    limit: int = 50,
) -> list[SearchHit]:
    """Petitions matching the words with a marked excerpt each, best (or newest) first."""
    return fts.search(store, text, f, order=order, limit=limit)


def search_ids(
    store: Store,
    text: str,
    f: PetitionFilter | None = None,
    *,
    order: Order = "relevance",
    limit: int = 200,
) -> list[int]:
    """Ids of the petitions matching the words under the register's filters, best first."""
    return fts.search_ids(store, text, f, order=order, limit=limit)


def snippets(
    store: Store, ids: list[int], text: str, *, lead: int | None = None
) -> dict[int, Snippet]:
    """A marked excerpt of each of these petitions around the words searched."""
    return fts.snippets(store, ids, text, lead=lead)


def count(store: Store, text: str, f: PetitionFilter | None = None, *, cap: int = 10_000) -> int:
    """How many petitions match, counted up to `cap` (more than `cap` returns cap + 1)."""
    return fts.count(store, text, f, cap=cap)


def parse(text: str) -> Query | None:
    """The folded words of what was typed (None when nothing searchable), the last a prefix."""
    return fts.parse(text)


def matched_spans(
    text: str, words: tuple[str, ...], *, open_last: bool = False
) -> list[tuple[int, int]]:
    """Where the folded `words` occur in `text` as whole words (the last may be a prefix)."""
    return excerpts.matched_spans(text, words, open_last=open_last)
