"""Full-text search over the diacritic-folded shadow columns, fast at a million petitions.

The same on both engines: SQLite's FTS5 index (db/search_fts5.py) and PostgreSQL's tsvector
with a GIN index (db/pg_search.py, db/search_pg.py) hold the same words at the same positions,
and are asked the same bounded questions below; only the text of a match differs.

Ranking every match with bm25 costs 0.1-1 s for a common word at a million petitions, so the
ranking works on bounded candidate sets that FTS5 can produce by walking its lists newest first
and stopping early (well under a millisecond each):

1. all the words anywhere, the newest `limit` matches (when fewer match, that is all of them);
2. when more match and that page lacks phrase matches, older petitions with the words as one
   phrase: walking back from the page when the phrase is common there, else (a rare phrase of
   common words, which FTS5 would verify in every petition having the words) among about the
   PHRASE_REACH newest petitions having all the words.

The candidates are then ordered in Python by what a clerk means by relevance: the words as a
phrase first, then the words written with the very diacritics typed ("thuế" before "thuê"),
then words found in the origin, summary or document number rather than deep in the content,
then the newest. So for a word found in 200,000 petitions the answer is "the best among the
newest matches", which is what a clerk scanning a register wants; a quoted phrase or more
words narrows it to exact answers.

Parsing the clerk's text and the match strings are db/search_query.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType
from typing import Literal, cast

from db import attachment_search, search_fts5, search_pg, terms
from db.engine import POSTGRESQL
from db.excerpts import BOUND, Snippet, best_snippet
from db.models import SearchHit, Status
from db.petition_filter import PetitionFilter, where_clause
from db.petitions import display_summary
from db.search_query import Query, marked, match_all, match_phrase, parsed
from db.store import Store
from db.util import must_date, to_date

Order = Literal["relevance", "newest"]
# How many of the newest petitions having all the words are searched for the phrase.
PHRASE_REACH = 5000


def _backend(store: Store) -> ModuleType:
    return search_pg if store.dialect == POSTGRESQL else search_fts5


# --- ranking -------------------------------------------------------------------------------


def _pattern(words: tuple[str, ...], open_last: bool) -> re.Pattern[str]:
    body = r"[\W_]+".join(re.escape(w) for w in words)
    return re.compile(BOUND + body + (r"" if open_last else r"(?![^\W_])"))


@dataclass(frozen=True)
class _Scorer:
    phrase: re.Pattern[str] | None
    marked_phrase: re.Pattern[str] | None
    groups: tuple[re.Pattern[str], ...]
    marked: tuple[re.Pattern[str], ...]

    @classmethod
    def of(cls, q: Query) -> _Scorer:
        last = len(q.groups) - 1
        groups = tuple(
            _pattern(g.folded, q.open_last and i == last) for i, g in enumerate(q.groups)
        )
        marked = tuple(
            _pattern(g.marked, q.open_last and i == last)
            for i, g in enumerate(q.groups)
            if g.marked
        )
        phrase = _pattern(q.words, q.open_last) if len(q.groups) > 1 else groups[0]
        marked_phrase = None
        if q.has_marks:
            typed = tuple(w for g in q.groups for w in (g.marked or g.folded))
            marked_phrase = _pattern(typed, q.open_last)
        return cls(phrase, marked_phrase, groups, marked)

    def key(self, row: dict[str, object]) -> tuple[int, int, int]:
        folded = " \n ".join(
            str(row[c]) for c in ("search_origin", "search_summary", "search_document")
        )
        content = str(row["search_content"])
        # The original text, as the exact (accented) words are looked for in it.
        typed = ""
        if self.marked_phrase is not None:
            typed = " \n ".join(str(row[c]) for c in ("origin", "summary", "content")).lower()
        phrase = 0
        if self.phrase is not None and (self.phrase.search(folded) or self.phrase.search(content)):
            phrase = 1
            if self.marked_phrase is not None and self.marked_phrase.search(typed):
                phrase = 2
        exact = sum(1 for p in self.marked if p.search(typed))
        prominent = sum(1 for p in self.groups if p.search(folded))
        return phrase, exact, prominent


_COLUMNS = (
    "p.id, p.origin, p.summary, p.content, p.status, p.due_on, p.received_on, p.search_origin,"
    " p.search_summary, p.search_content, p.search_document"
)


def _candidates(
    store: Store,
    match: str,
    f: PetitionFilter,
    limit: int,
    *,
    below: int = 1 << 62,
    reach: int | None = None,
) -> list[dict[str, object]]:
    """The newest `limit` petitions matching, ids under `below` (the index walks back, stops)."""
    where, params = where_clause(f)
    engine = _backend(store)
    rows = engine.candidates(store, _COLUMNS, match, where, params, below, limit, reach)
    return [dict(r) for r in rows]


# The walk costs ~11 µs a row, the index ~27 µs a match (200,000-400,000 petitions here):
# walking wins when rarest² > WALK_FACTOR · limit · n (0.9 % of a million for 200 rows).
WALK_FACTOR = 0.5


def walk_reach(store: Store, query: Query, limit: int) -> int | None:
    """PostgreSQL: how many ids back to walk for `limit` matches when every group is common.

    GIN answers an AND with every match, each fetched from the heap, before the newest are
    picked: for common words (`dịch vụ công nghệ thông tin`) that is 0.1-0.5 s, growing with
    the register, and the planner, which takes the words as independent, believes the AND
    rare and chooses it. Walking the primary key back and testing each vector costs the
    page asked divided by the density of the rarest group, whatever the register's size;
    it is bounded at ten times the length expected, beyond which the index finds the rest.
    None: let the planner use the index (a rare word).
    """
    if store.dialect != POSTGRESQL:
        return None
    n, df = terms.frequencies(store.conn, (*query.words, *query.completions))
    if n == 0:
        return None
    rarest = n
    last = len(query.groups) - 1
    for i, g in enumerate(query.groups):
        words = list(g.folded)
        typed = query.open_last and i == last
        found = [df[w] for w in (words[:-1] if typed else words)]
        if typed:
            found.append(min(n, sum(df[w] for w in {words[-1], *query.completions})))
        rarest = min(rarest, *found)
    if rarest * rarest < WALK_FACTOR * limit * n:
        return None
    return max(1000, limit * n // max(1, rarest) * 10)


@dataclass(frozen=True)
class Ranked:
    """Matches in the order asked, and whether more matched than were looked at."""

    rows: list[dict[str, object]]
    more: bool
    query: Query | None


def rank(
    store: Store,
    text: str,
    f: PetitionFilter | None = None,
    *,
    order: Order = "relevance",
    limit: int = 200,
) -> Ranked:
    """The matching petitions as rows (with their search columns), best or newest first."""
    query = parsed(store, text)
    if query is None:
        return Ranked([], False, None)
    f = f or PetitionFilter()
    # All the words first: when fewer than `limit` petitions have them, those are every match
    # and the phrase is judged in Python. Only a full page needs older phrase matches.
    engine = _backend(store)
    reach = walk_reach(store, query, limit + 1)
    rows = _candidates(store, match_all(query, engine), f, limit + 1, reach=reach)
    more = len(rows) > limit
    rows = rows[:limit]
    # Petitions whose document's attachments alone have the words: after those that have them.
    extra = attachment_search.only_here(
        store, query, f, _COLUMNS, limit if order == "newest" else limit - len(rows)
    )
    if order == "newest":
        rows = rows + extra
        rows.sort(key=lambda r: (str(r["received_on"]), cast(int, r["id"])), reverse=True)
        return Ranked(rows[:limit], more, query)
    scorer = _Scorer.of(query)
    keys = {cast(int, r["id"]): scorer.key(r) for r in rows}
    missing = limit - sum(1 for k in keys.values() if k[0])
    phrase = match_phrase(query, engine)
    if more and missing > 0 and phrase is not None:
        oldest = cast(int, rows[-1]["id"])
        # A common phrase (a quarter of the page has it): the next ones are close, read newest
        # first. Else a rare phrase whose words are common, which FTS5 would check in every
        # petition having all the words (35 ms at a million): looked for among about the
        # PHRASE_REACH newest of them, estimated from the first page's span.
        span = None
        if missing >= limit * 3 // 4:
            span = (cast(int, rows[0]["id"]) - oldest + 1) * PHRASE_REACH // len(rows)
        where, params = where_clause(f)
        found = engine.older_phrase(
            store, _COLUMNS, phrase, where, params, oldest, missing, span=span, walk=reach
        )
        older = [dict(r) for r in found]
        for r in older:
            keys[cast(int, r["id"])] = scorer.key(r)
        rows += older
    rows.sort(
        key=lambda r: (*keys[cast(int, r["id"])], str(r["received_on"]), cast(int, r["id"])),
        reverse=True,
    )
    rows = rows[:limit]
    return Ranked(rows + extra[: limit - len(rows)], more, query)


def search_ids(
    store: Store,
    text: str,
    f: PetitionFilter | None = None,
    *,
    order: Order = "relevance",
    limit: int = 200,
) -> list[int]:
    """Ids of the petitions matching the words under the register's filters, best first."""
    return [cast(int, r["id"]) for r in rank(store, text, f, order=order, limit=limit).rows]


def count(store: Store, text: str, f: PetitionFilter | None = None, *, cap: int = 10_000) -> int:
    """How many petitions match, counted up to `cap` (more than `cap` returns cap + 1)."""
    query = parsed(store, text)
    if query is None:
        return 0
    where, params = where_clause(f or PetitionFilter())
    engine = _backend(store)
    match = match_all(query, engine)
    found = int(engine.count(store, match, where, params, cap + 1))
    return attachment_search.count_with(store, query, engine, match, where, params, found, cap)


def _hit(row: dict[str, object], query: Query, score: float) -> SearchHit:
    content = str(row["content"])
    return SearchHit(
        id=cast(int, row["id"]),
        origin=str(row["origin"]),
        summary=display_summary(str(row["summary"]), content),
        status=cast(Status, row["status"]),
        due_on=to_date(cast("str | None", row["due_on"])),
        received_on=must_date(cast(str, row["received_on"])),
        snippet=best_snippet(
            (content, str(row["summary"]), str(row["origin"])),
            query.words,
            open_last=query.open_last,
            folded=tuple(
                str(row[c]) for c in ("search_content", "search_summary", "search_origin")
            ),
        ).marked(),
        score=score,
    )


def search(
    store: Store,
    text: str,
    f: PetitionFilter | None = None,
    *,
    order: Order = "relevance",
    limit: int = 50,
) -> list[SearchHit]:
    """Petitions matching the words with a marked excerpt each, best (or newest) first."""
    ranked = rank(store, text, f, order=order, limit=limit)
    if ranked.query is None:
        return []
    n = len(ranked.rows)
    hits = [_hit(r, ranked.query, float(n - i)) for i, r in enumerate(ranked.rows)]
    return attachment_search.with_excerpts(store, hits, ranked.rows, ranked.query)


def snippets(
    store: Store, ids: list[int], text: str, *, lead: int | None = None
) -> dict[int, Snippet]:
    """A marked excerpt of each petition (for the rows a screen shows), from at most `lead`
    characters before the first match."""
    query = parsed(store, text) if ids else None
    if query is None:
        return {}
    words, open_last = marked(query)
    marks = ", ".join("?" for _ in ids)
    rows = store.all(
        "SELECT id, content, summary, origin, search_content, search_summary, search_origin"
        f" FROM petitions WHERE id IN ({marks})",
        ids,
    )
    found = {
        int(r["id"]): best_snippet(
            (r["content"], r["summary"], r["origin"]),
            words,
            open_last=open_last,
            folded=(r["search_content"], r["search_summary"], r["search_origin"]),
            lead=lead,
        )
        for r in rows
    }
    # Where the petition does not have the words, the attachment that has them says so.
    return found | attachment_search.excerpts_elsewhere(store, ids, query, lead=lead)
