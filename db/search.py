"""Full-text search over the diacritic-folded shadow columns (FTS5, bm25)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from db.models import SearchHit, Status
from db.petitions import PetitionFilter, display_summary, where_clause
from db.store import Store
from db.text import clean, fold
from db.util import must_date, to_date

_WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"([^"]*)"?')
# Column weights for bm25: origin, summary, content.
_WEIGHTS = (2.0, 3.0, 1.0)


@dataclass(frozen=True)
class FtsQuery:
    """A clerk's words turned into an FTS5 MATCH expression that cannot be a syntax error."""

    match: str
    words: tuple[str, ...]


def build_query(text: str, *, prefix_last: bool = True) -> FtsQuery | None:
    """Folded, quoted FTS5 query; quoted phrases and symbols like `5606/VPCP-QHĐP` stay phrases."""
    folded = fold(clean(text))
    parts: list[str] = []
    words: list[str] = []
    pos = 0
    chunks: list[tuple[bool, str]] = []
    for m in _PHRASE.finditer(folded):
        chunks.append((False, folded[pos : m.start()]))
        chunks.append((True, m.group(1)))
        pos = m.end()
    chunks.append((False, folded[pos:]))
    for is_phrase, chunk in chunks:
        groups = [chunk] if is_phrase else chunk.split()
        for group in groups:
            tokens = _WORD.findall(group)
            if not tokens:
                continue
            words.extend(tokens)
            parts.append('"' + " ".join(tokens) + '"')
    if not parts:
        return None
    last_is_open = not folded.rstrip().endswith('"') and folded[-1:].isalnum()
    if prefix_last and last_is_open and len(words[-1]) >= 2:
        parts[-1] = parts[-1] + "*"
    return FtsQuery(" ".join(parts), tuple(words))


def _aligned_fold(text: str) -> str:
    # Same length as `text` so match positions map back onto the original words.
    return "".join((fold(ch) or ch)[:1] for ch in text)


def snippet(text: str, words: tuple[str, ...], width: int = 160) -> str:
    """An excerpt of the original text around the first match, matches wrapped in [ ]."""
    flat = text.replace("\n", " ")
    folded = _aligned_fold(flat)
    spans: list[tuple[int, int]] = []
    for w in set(words):
        for m in re.finditer(r"(?<![^\W_])" + re.escape(w), folded):
            spans.append((m.start(), m.end()))
    if not spans:
        return flat[:width] + ("…" if len(flat) > width else "")
    spans.sort()
    start = max(0, spans[0][0] - width // 3)
    end = min(len(flat), start + width)
    out: list[str] = ["…" if start else ""]
    cursor = start
    for s, e in spans:
        if s < cursor or e > end:
            continue
        out.append(flat[cursor:s] + "[" + flat[s:e] + "]")
        cursor = e
    out.append(flat[cursor:end] + ("…" if end < len(flat) else ""))
    return "".join(out)


def search(store: Store, text: str, *, limit: int = 50) -> list[SearchHit]:
    """Petitions matching the words, best first (bm25, origin and summary weigh more)."""
    query = build_query(text)
    if query is None:
        return []
    w = ", ".join(str(x) for x in _WEIGHTS)
    rows = store.all(
        f"""
        SELECT p.id, p.origin, p.summary, p.content, p.status, p.due_on, p.received_on,
               bm25(petitions_fts, {w}) AS score
        FROM petitions_fts JOIN petitions p ON p.id = petitions_fts.rowid
        WHERE petitions_fts MATCH ? AND p.deleted_at IS NULL
        ORDER BY score, p.received_on DESC
        LIMIT ?
        """,
        [query.match, limit],
    )
    return [
        SearchHit(
            id=r["id"],
            origin=r["origin"],
            summary=display_summary(r["summary"], r["content"]),
            status=cast(Status, r["status"]),
            due_on=to_date(r["due_on"]),
            received_on=must_date(r["received_on"]),
            snippet=snippet(r["content"], query.words),
            score=float(r["score"]),
        )
        for r in rows
    ]


def search_ids(
    store: Store, text: str, f: PetitionFilter | None = None, *, limit: int = 500
) -> list[int]:
    """Ids of the petitions matching the words under the register's filters, best first."""
    query = build_query(text)
    if query is None:
        return []
    where, params = where_clause(f or PetitionFilter())
    w = ", ".join(str(x) for x in _WEIGHTS)
    rows = store.all(
        f"""
        SELECT p.id FROM petitions_fts JOIN petitions p ON p.id = petitions_fts.rowid
        WHERE petitions_fts MATCH ? AND {where}
        ORDER BY bm25(petitions_fts, {w}), p.received_on DESC
        LIMIT ?
        """,
        [query.match, *params, limit],
    )
    return [int(r[0]) for r in rows]
