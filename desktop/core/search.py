"""Tìm kiếm: the register's search for the screens (the engine's own index behind the store).

db/search.py says how words are folded, grouped and ranked; a screen asks here for the ids of
the best matches, their marked excerpts and, separately (it takes longer), how many match.
The functions are db/search.py's own, named here so that the screens stay above the core.
"""

from __future__ import annotations

from db.excerpts import matched_spans
from db.search import count, marked, parse, parsed, search, search_ids, snippets

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
