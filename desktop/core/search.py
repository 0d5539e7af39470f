"""Tìm kiếm: the register's search for the screens (the engine's own index behind the store).

db/search_query.py says how words are folded and grouped, db/search.py how they are ranked; a
screen asks here for the ids of the best matches, their marked excerpts and, separately (it
takes longer), how many match. The functions are theirs, named here so that the screens stay
above the core.
"""

from __future__ import annotations

from db.excerpts import matched_spans
from db.search import count, search, search_ids, snippets
from db.search_query import marked, parse, parsed

__all__ = [
    "count",
    "marked",
    "matched_spans",
    "parse",
    "parsed",
    "search",
    "search_ids",
    "snippets",
]
