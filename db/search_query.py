"""A clerk's search text parsed into groups of folded words, and the match strings the
engines are asked (db/search.py ranks what they find).

The word being typed (no space after it yet) is completed from the vocabulary (db/terms.py):
FTS5's own `word*` reads every completion's list up front and costs ~75 ms on a common stem.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from types import ModuleType

from db import search_fts5, terms
from db.store import Store
from db.text import clean, fold, new_style_tones

_QUOTED = re.compile(r'"([^"]*)"?')
# How many completions of the word being typed are searched for.
COMPLETIONS = 40


@dataclass(frozen=True)
class Group:
    """Words that must stand together: one typed word, a quoted phrase, or a symbol (QĐ-UBND)."""

    folded: tuple[str, ...]
    # The words as typed (lowercase, new-style tones) when they carry diacritics, else ().
    marked: tuple[str, ...] = ()


@dataclass(frozen=True)
class Query:
    """A clerk's search text, parsed: never an FTS5 syntax error whatever was typed."""

    groups: tuple[Group, ...]
    # The last word when it is still being typed: searched as its most used completions.
    open_last: bool = False
    completions: tuple[str, ...] = field(default=())

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(w for g in self.groups for w in g.folded)

    @property
    def has_marks(self) -> bool:
        return any(g.marked for g in self.groups)


def parse(text: str, *, prefix_last: bool = True) -> Query | None:
    """Groups of folded words; quoted phrases and symbols like `5606/VPCP-QHĐP` stay together."""
    typed = new_style_tones(clean(text)).lower()
    chunks: list[tuple[bool, str]] = []
    pos = 0
    for m in _QUOTED.finditer(typed):
        chunks.append((False, typed[pos : m.start()]))
        chunks.append((True, m.group(1)))
        pos = m.end()
    chunks.append((False, typed[pos:]))
    groups: list[Group] = []
    for quoted, chunk in chunks:
        for item in [chunk] if quoted else chunk.split():
            folded = tuple(terms.WORD.findall(fold(item)))
            if not folded:
                continue
            marked = tuple(terms.WORD.findall(item))
            has_marks = len(marked) == len(folded) and marked != folded
            groups.append(Group(folded, marked if has_marks else ()))
    if not groups:
        return None
    # Read on the text as typed: clean() strips the space that says the word is finished.
    last = unicodedata.normalize("NFC", text)[-1:]
    open_last = prefix_last and last.isalnum()
    return Query(tuple(groups), open_last=open_last)


def marked(query: Query) -> tuple[tuple[str, ...], bool]:
    """The words to mark as found, and whether the last is marked as a prefix: the word being
    typed is marked as the completions the search used ("s" does not bold every s-word)."""
    if not query.open_last:
        return query.words, False
    if query.completions:
        return query.words[:-1] + query.completions, False
    return query.words, False  # no word starts so: only the letters typed, standing alone


def parsed(store: Store, text: str) -> Query | None:
    """The clerk's text parsed, with the completions of the word being typed (what a search
    matches, and what its marks show)."""
    return _parsed(store, text)


def _parsed(store: Store, text: str) -> Query | None:
    parsed = parse(text)
    return None if parsed is None else expand(store, parsed)


def expand(store: Store, query: Query) -> Query:
    """The query with the completions of the word being typed, from the vocabulary."""
    if not query.open_last:
        return query
    found = terms.completions(store.conn, query.groups[-1].folded[-1], COMPLETIONS)
    return Query(query.groups, open_last=True, completions=tuple(found))


def match_all(query: Query, engine: ModuleType = search_fts5) -> str:
    """Every group somewhere in the petition (FTS5 text, or tsquery text for `search_pg`)."""
    last = len(query.groups) - 1
    parts = [
        engine.group(g.folded, query.completions if query.open_last and i == last else None)
        for i, g in enumerate(query.groups)
    ]
    out = parts[0]
    for part in parts[1:]:
        out = engine.both(out, part)
    return str(out)


def match_phrase(query: Query, engine: ModuleType = search_fts5) -> str | None:
    """All the typed words in a row (the word being typed checked later), or None for one group."""
    if len(query.groups) < 2:
        return None
    if not query.open_last:
        return str(engine.group(query.words, None))
    whole = query.words[:-1]
    if len(whole) < 2:
        return None
    last = engine.group(query.words[-1:], query.completions)
    return str(engine.both(engine.group(whole, None), last))
