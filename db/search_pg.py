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
# (FTS5 reads its postings in the index), ~25 µs here, so 30,000 as on SQLite took 0.4-1.4 s;
# and one word is enough to look with (SQLite takes two even past the budget).
SIMILAR_BUDGET = 8_000
SIMILAR_MIN_WORDS = 1
# ts_rank's weights for {D content, C summary, B origin, A document}, as FTS5's bm25 is told.
_WEIGHTS = "{1, 0.5, 0, 0}"


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

    With `reach` (common words, db/search.py walk_reach) the primary key is walked back over
    at most `reach` ids, each vector tested (`IS TRUE` keeps the GIN index out of the plan);
    what that window lacks comes from the index.
    """
    sql = f"""
        SELECT {columns} FROM petitions p
        WHERE {{match}} AND p.id < ? AND p.id >= ? AND {where}
        ORDER BY p.id DESC
        LIMIT ?
        """
    if reach is None:
        return store.all(sql.format(match=_MATCH), [match, below, 0, *params, limit])
    # The window ends at the newest petition, not at `below` (1 << 62 for the first page).
    newest = int(store.scalar("SELECT coalesce(max(id), 0) FROM petitions")) + 1
    low = max(0, min(below, newest) - reach)
    walk = f"({_MATCH}) IS TRUE"
    rows = store.all(sql.format(match=walk), [match, below, low, *params, limit])
    if len(rows) < limit and low > 0:
        rows += store.all(sql.format(match=_MATCH), [match, low, 0, *params, limit - len(rows)])
    return rows


def ids_between(
    store: Store, match: str, where: str, params: list[Any], lo: int, hi: int
) -> list[int]:
    """Ids in [lo, hi) matching, ascending."""
    sql = f"""
        SELECT p.id FROM petitions p
        WHERE {_MATCH} AND p.id >= ? AND p.id < ? AND {where}
        ORDER BY p.id
        """
    return [int(r[0]) for r in store.all(sql, [match, lo, hi, *params])]


def count(store: Store, match: str, where: str, params: list[Any], cap: int) -> int:
    """How many petitions match, up to `cap`."""
    row = store.one(
        f"SELECT count(*) FROM (SELECT 1 FROM petitions p WHERE {_MATCH} AND {where} LIMIT ?) t",
        [match, *params, cap],
    )
    return int(row[0]) if row else 0


def best_matches(
    store: Store, columns: str, match: str, where: str, params: list[Any], limit: int
) -> list[Any]:
    """The `limit` best by ts_rank, words in the summary worth half those in the content.

    Every match is ranked (db/similar.py bounds them by SIMILAR_BUDGET): a LIMIT on the
    matches before ranking lets the planner walk an index past every later petition for an
    old one's similar petitions (4-5 s at 500,000).
    """
    return store.all(
        f"""
        SELECT {columns} FROM petitions p
        WHERE {_MATCH} AND {where}
        ORDER BY ts_rank(CAST(? AS real[]), p.search_vector, CAST(? AS tsquery)) DESC, p.id DESC
        LIMIT ?
        """,
        [match, *params, _WEIGHTS, match, limit],
    )
