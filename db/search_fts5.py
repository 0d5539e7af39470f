"""The SQLite side of search (db/search.py, db/similar.py): FTS5 match strings and queries.

`petitions_fts` (migration 5) indexes the folded columns with `unicode61 remove_diacritics 2`;
its rowid is the petition's id, so walking it by rowid walks the register newest first.
"""

from __future__ import annotations

from typing import Any

from db.store import Store

# Postings bm25 may score for similar petitions (db/similar.py): read from the index itself.
SIMILAR_BUDGET = 30_000
SIMILAR_MIN_WORDS = 2


def _string(words: tuple[str, ...] | list[str]) -> str:
    """One FTS5 string (a word or a phrase), quotes doubled: never a syntax error."""
    return '"' + " ".join(words).replace('"', '""') + '"'


def group(words: tuple[str, ...], completions: tuple[str, ...] | None) -> str:
    """FTS5 text for one group; `completions` replaces its last word when it is being typed."""
    if completions is None:
        return _string(words)
    # The letters typed count as a word too, even when the vocabulary does not know them.
    options = dict.fromkeys((words[-1], *completions))
    alternatives = "(" + " OR ".join(_string([c]) for c in options) + ")"
    head = words[:-1]
    return f"{_string(head)} AND {alternatives}" if head else alternatives


def both(a: str, b: str) -> str:
    """Both match expressions."""
    return f"{a} AND {b}"


def any_of(words: list[str]) -> str:
    """Any of the words (similar petitions)."""
    return " OR ".join(_string([w]) for w in words)


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
    """The newest `limit` petitions matching, ids under `below` (FTS5 walks back, stops).

    `reach` is PostgreSQL's (db/search.py walk_reach): FTS5 always walks its lists lazily.
    """
    return store.all(
        f"""
        SELECT {columns}
        FROM petitions_fts JOIN petitions p ON p.id = petitions_fts.rowid
        WHERE petitions_fts MATCH ? AND petitions_fts.rowid < ? AND {where}
        ORDER BY petitions_fts.rowid DESC
        LIMIT ?
        """,
        [match, below, *params, limit],
    )


def _ids_between(
    store: Store, match: str, where: str, params: list[Any], lo: int, hi: int
) -> list[int]:
    """Ids in [lo, hi) matching, ascending.

    Ascending on purpose: walking forwards FTS5 seeks to the lower bound, walking backwards it
    checks every petition having the words down to it anyway.
    """
    sql = f"""
        SELECT p.id FROM petitions_fts JOIN petitions p ON p.id = petitions_fts.rowid
        WHERE petitions_fts MATCH ? AND petitions_fts.rowid >= ? AND petitions_fts.rowid < ?
          AND {where}
        ORDER BY petitions_fts.rowid
        """
    return [int(r[0]) for r in store.all(sql, [match, lo, hi, *params])]


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
    walk: int | None = None,
) -> list[Any]:
    """The newest `limit` petitions under `below` with the phrase (db/search.py rank).

    `span` None: a common phrase, read newest first. Else ids are looked at `span` back from
    `below`, in two slices (a quarter, then the rest), so that a phrase common enough stops
    after the first instead of listing thousands of ids. `walk` is PostgreSQL's.
    """
    if span is None:
        return candidates(store, columns, match, where, params, below, limit)
    found: list[int] = []
    hi, step = below, max(1, span // 4)
    while len(found) < limit and hi > below - span and hi > 0:
        lo = max(below - span, hi - step)
        found = _ids_between(store, match, where, params, lo, hi) + found
        hi, step = lo, step * 3
    ids = found[-limit:]
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    return store.all(f"SELECT {columns} FROM petitions p WHERE p.id IN ({marks})", ids)


def count(store: Store, match: str, where: str, params: list[Any], cap: int) -> int:
    """How many petitions match, up to `cap`."""
    row = store.one(
        f"""
        SELECT count(*) FROM (
            SELECT 1 FROM petitions_fts JOIN petitions p ON p.id = petitions_fts.rowid
            WHERE petitions_fts MATCH ? AND {where} LIMIT ?
        )
        """,
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
    """The `limit` best by bm25, words in the summary worth half those in the content.

    FTS5 scores from its postings, however many (`postings`, `below`: PostgreSQL's)."""
    return store.all(
        f"""
        SELECT {columns}
        FROM petitions_fts JOIN petitions p ON p.id = petitions_fts.rowid
        WHERE petitions_fts MATCH ? AND {where}
        ORDER BY bm25(petitions_fts, 0.0, 0.5, 1.0, 0.0)
        LIMIT ?
        """,
        [match, *params, limit],
    )
