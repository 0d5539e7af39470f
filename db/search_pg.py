"""The PostgreSQL side of search (db/search.py, db/similar.py): tsquery text and queries.

The index is db/pg_search.py's `search_vector` (the folded columns' words at FTS5's
positions) with a GIN index. The queries are FTS5's, said with `@@`: the newest matches under
an id by walking the primary key backwards (PostgreSQL stops after `limit`, as FTS5 does), a
phrase by `<->` between the same words. Every lexeme is written quoted, so no typed text is
ever a tsquery syntax error; the words are those of db/terms.py's WORD, never parsed again.
"""

from __future__ import annotations

from typing import Any

from db.store import Store

# Matches ts_rank may score for similar petitions (db/similar.py): each is a heap row to read
# and rank (FTS5 reads its postings in the index), 8-20 µs here, so 30,000 as on SQLite took
# 0.4-1.4 s and 8,000 up to 0.2 s; one word is enough to look with (SQLite takes two even
# past the budget).
SIMILAR_BUDGET = 3_000
SIMILAR_MIN_WORDS = 1
# Ids walked back for the similar petitions of a text whose rarest word is too common.
SIMILAR_WALK = 6000
# ts_rank's weights for {D content, C summary, B origin, A document}, as FTS5's bm25 is told.
_WEIGHTS = "{1, 0.5, 0, 0}"
# Ids walked back for older phrase matches of common words: ~5 µs each (a heap row and its
# vector), so about 25 ms.
PHRASE_WALK = 5000


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _phrase(words: tuple[str, ...] | list[str]) -> str:
    return "(" + " <-> ".join(_lexeme(w) for w in words) + ")"


def group(words: tuple[str, ...], completions: tuple[str, ...] | None) -> str:
    """tsquery text for one group; `completions` replaces its last word when it is being typed."""
    if completions is None:
        return _phrase(words)
    # The letters typed count as a word too, even when the vocabulary does not know them.
    options = dict.fromkeys((words[-1], *completions))
    alternatives = "(" + " | ".join(_lexeme(c) for c in options) + ")"
    head = words[:-1]
    return f"{_phrase(head)} & {alternatives}" if head else alternatives


def both(a: str, b: str) -> str:
    """Both match expressions."""
    return f"{a} & {b}"


def any_of(words: list[str]) -> str:
    """Any of the words (similar petitions)."""
    return " | ".join(_lexeme(w) for w in words)


_MATCH = "p.search_vector @@ CAST(? AS tsquery)"


def candidates(
    store: Store,
    columns: str,
    match: str,
    where: str,
    params: list[Any],
    below: int,
    limit: int,
    reach: int | None = None,
) -> list[Any]:
    """The newest `limit` petitions matching, ids under `below`.

    With `reach` (common words, db/search.py walk_reach, ten times the ids expected to hold
    the page) the primary key is walked back, each vector tested (`IS TRUE` keeps the GIN index
    out of the plan): a fifth of the reach first, then further only as far as the matches seen
    there say the page will fill (words common apart but rarely together among the newest, as
    `thai binh`, would be walked for little); what the walk lacks comes from the index.
    """
    args = (store, columns, match, where, params)
    if reach is None:
        return _newest(*args, below, 0, limit)
    # The window ends at the newest petition, not at `below` (1 << 62 for the first page).
    top = min(below, int(store.scalar("SELECT coalesce(max(id), 0) FROM petitions")) + 1)
    first = max(1, reach // 5)
    low = max(0, top - first)
    rows = _newest(*args, below, low, limit, walk=True)
    if len(rows) < limit and low > 0 and rows:
        # At the density seen, the rest of the page lies this many ids further back: walked
        # (twice that, for luck) unless it is far beyond what the words' counts promised.
        further = (limit - len(rows)) * first // len(rows)
        if further <= 4 * reach:
            end = max(0, low - 2 * further)
            rows += _newest(*args, low, end, limit - len(rows), walk=True)
            low = end
    if len(rows) < limit and low > 0:
        # The walk just found these words together rarely among the newest, yet the planner,
        # believing them spread evenly, would walk the key on (`thai binh`: 176,000 rows,
        # 0.48 s at a million, against 0.08 s for GIN's 11,000 matches).
        rows += _newest(*args, low, 0, limit - len(rows), key_order=False)
    return rows


def _newest(
    store: Store,
    columns: str,
    match: str,
    where: str,
    params: list[Any],
    below: int,
    low: int,
    limit: int,
    *,
    walk: bool = False,
    key_order: bool = True,
) -> list[Any]:
    """The newest `limit` petitions matching with ids in [low, below).

    `walk`: the primary key walked back, each vector tested (`IS TRUE` keeps the GIN index
    out of the plan); `key_order` False: ordered by an expression the key cannot give, so that
    the planner takes GIN's matches rather than walking the key.
    """
    test = f"({_MATCH}) IS TRUE" if walk else _MATCH
    order = "p.id" if key_order else "p.id + 0"
    return store.all(
        f"SELECT {columns} FROM petitions p WHERE {test} AND p.id < ? AND p.id >= ?"
        f" AND {where} ORDER BY {order} DESC LIMIT ?",
        [match, below, low, *params, limit],
    )


def older_phrase(
    store: Store,
    columns: str,
    match: str,
    where: str,
    params: list[Any],
    below: int,
    limit: int,
    *,
    span: int | None,
    walk: int | None,
) -> list[Any]:
    """The newest `limit` petitions under `below` with the phrase (db/search.py rank).

    A phrase is a GIN index condition that must be checked again in every petition having
    all its words, wherever they are: 7,800 heap rows for `định danh xác thực` at 300,000
    petitions, 80 ms, whatever id range is asked. So with common words (`walk`, from
    walk_reach) the register is walked back at most PHRASE_WALK ids instead, and what lies
    beyond is not looked for (SQLite looks further: `span`); with a rare word the index is
    cheap and finds them all.
    """
    if walk is None:
        return candidates(store, columns, match, where, params, below, limit)
    low = max(0, below - min(walk, PHRASE_WALK))
    return _newest(store, columns, match, where, params, below, low, limit, walk=True)


def count(store: Store, match: str, where: str, params: list[Any], cap: int) -> int:
    """How many petitions match, up to `cap`."""
    row = store.one(
        f"SELECT count(*) FROM (SELECT 1 FROM petitions p WHERE {_MATCH} AND {where} LIMIT ?) t",
        [match, *params, cap],
    )
    return int(row[0]) if row else 0


def best_matches(
    store: Store,
    columns: str,
    match: str,
    where: str,
    params: list[Any],
    limit: int,
    *,
    postings: int,
    below: int | None = None,
) -> list[Any]:
    """The `limit` best by ts_rank, words in the summary worth half those in the content.

    Every match is ranked when they are within SIMILAR_BUDGET: a LIMIT on the matches before
    ranking lets the planner walk an index past every later petition for an old one's similar
    petitions (4-5 s at 500,000). A word more common than that (db/similar.py takes one even
    past the budget) would have each of its matches ranked, ~20 µs each (13,500 at 300,000:
    0.2 s): the SIMILAR_WALK ids under `below` are looked at instead.
    """
    rank = "ts_rank(CAST(? AS real[]), p.search_vector, CAST(? AS tsquery)) DESC, p.id DESC"
    if postings <= SIMILAR_BUDGET:
        return store.all(
            f"SELECT {columns} FROM petitions p WHERE {_MATCH} AND {where}"
            f" ORDER BY {rank} LIMIT ?",
            [match, *params, _WEIGHTS, match, limit],
        )
    if below is None:
        below = int(store.scalar("SELECT coalesce(max(id), 0) FROM petitions")) + 1
    return store.all(
        f"""
        SELECT {columns} FROM petitions p
        WHERE p.id < ? AND p.id >= ? AND ({_MATCH}) IS TRUE AND {where}
        ORDER BY {rank} LIMIT ?
        """,
        [below, max(0, below - SIMILAR_WALK), match, *params, _WEIGHTS, match, limit],
    )
