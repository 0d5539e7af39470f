"""Kiến nghị tương tự: earlier petitions asking the same thing, with the answer given then.

Two steps, both bounded so that a million petitions answer in tens of milliseconds:
1. candidates: FTS5 bm25 (ts_rank on PostgreSQL, db/search_pg.py) over an OR of the text's
   most telling words (highest idf from the vocabulary counts in db/terms.py), words too
   common to tell anything dropped, and at most `SIMILAR_BUDGET` postings read (per engine,
   db/search_fts5.py, db/search_pg.py) so that bm25 never ranks half the register;
2. the candidates re-ranked by the cosine of idf-weighted word and word-pair sets, which
   rewards the same request worded alike ("chữ ký số" + "thuê bao di động") over a petition
   that merely shares rare words. The score is that cosine, 0..1 (1: the same words).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from db import search_fts5, search_pg, terms
from db.engine import POSTGRESQL
from db.models import Status
from db.petition_filter import PetitionFilter, where_clause
from db.petitions import display_summary
from db.store import Store
from db.text import clean, fold, new_style_tones
from db.util import must_date, to_date

# Words used by more than this share of petitions (and 50 of them) tell nothing of the request.
_COMMON = 0.2
_MAX_WORDS = 30
# Postings bm25 may score (sum of the chosen words' document counts); the rarest words first.
_CANDIDATES = 60
_COLUMNS = (
    "p.id, p.origin, p.summary, p.content, p.received_on, p.status, p.search_summary,"
    " p.search_content"
)
# A score from which two petitions are taken for the same text (re-sent or registered twice).
NEAR_DUPLICATE = 0.8


@dataclass(frozen=True)
class PastReply:
    """The answer recorded for a petition (the latest one)."""

    outcome: str
    replied_on: dt.date
    text: str
    letter_ref: str


@dataclass(frozen=True)
class SimilarPetition:
    """An earlier petition close to the text, with what was answered."""

    id: int
    origin: str
    summary: str
    received_on: dt.date
    status: Status
    score: float
    reply: PastReply | None


def _idf(n: int, df: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _features(words: list[str], idf: dict[str, float]) -> dict[str, float]:
    """Words and adjacent word pairs ("số hóa" ≠ "hóa số"), weighted (1 + ln tf) · idf."""
    counts = Counter(w for w in words if idf.get(w, 0.0) > 0)
    out = {w: (1 + math.log(c)) * idf[w] for w, c in counts.items()}
    pairs = Counter(
        (a, b) for a, b in zip(words, words[1:], strict=False) if a in counts and b in counts
    )
    for (a, b), c in pairs.items():
        out[a + " " + b] = (1 + math.log(c)) * (idf[a] + idf[b]) / 2
    return out


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(w * b[k] for k, w in a.items() if k in b)
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def similar(
    store: Store,
    text: str,
    f: PetitionFilter | None = None,
    *,
    exclude_id: int | None = None,
    limit: int = 5,
    min_score: float = 0.0,
    below: int | None = None,
) -> list[SimilarPetition]:
    """The petitions (under the filter) most like `text`, best first.

    `below`: an id the matches are expected under (a petition's own), where PostgreSQL starts
    looking back when the text has no rare word."""
    words = terms.WORD.findall(fold(new_style_tones(clean(text))))
    if not words:
        return []
    conn = store.conn
    n, df = terms.frequencies(conn, words)
    if n == 0:
        return []
    usable = sorted(
        (w for w, d in df.items() if 0 < d <= max(50, _COMMON * n)), key=lambda w: df[w]
    )
    engine = search_pg if store.dialect == POSTGRESQL else search_fts5
    budget = engine.SIMILAR_BUDGET
    chosen: list[str] = []
    spent = 0
    for w in usable[:_MAX_WORDS]:
        if len(chosen) >= engine.SIMILAR_MIN_WORDS and spent + df[w] > budget:
            break
        chosen.append(w)
        spent += df[w]
    if not chosen:
        return []
    where, params = where_clause(f or PetitionFilter())
    if exclude_id is not None:
        where += " AND p.id != ?"
        params.append(exclude_id)
    rows = engine.best_matches(
        store, _COLUMNS, engine.any_of(chosen), where, params, _CANDIDATES,
        postings=spent, below=below,
    )  # fmt: skip
    if not rows:
        return []
    texts = {r["id"]: terms.WORD.findall(r["search_summary"] + " \n " + r["search_content"])
             for r in rows}  # fmt: skip
    _, more = terms.frequencies(conn, {w for ws in texts.values() for w in ws} - set(df))
    idf = {w: _idf(n, d) for w, d in {**df, **more}.items() if d}
    wanted = _features(words, idf)
    scored = sorted(
        ((_cosine(wanted, _features(texts[r["id"]], idf)), r) for r in rows),
        key=lambda pair: (pair[0], pair[1]["received_on"]),
        reverse=True,
    )
    best = [(s, r) for s, r in scored if s >= min_score][:limit]
    replies = latest_replies(store, [r["id"] for _, r in best])
    return [
        SimilarPetition(
            id=r["id"],
            origin=r["origin"],
            summary=display_summary(r["summary"], r["content"]),
            received_on=must_date(r["received_on"]),
            status=cast(Status, r["status"]),
            score=round(s, 3),
            reply=replies.get(r["id"]),
        )
        for s, r in best
    ]


def similar_to_petition(store: Store, petition_id: int, *, limit: int = 5) -> list[SimilarPetition]:
    """Petitions received before (or on the day of) this one that ask much the same."""
    row = store.one(
        "SELECT summary, content, received_on FROM petitions WHERE id = ?", [petition_id]
    )
    if row is None:
        return []
    f = PetitionFilter(received_to=must_date(row["received_on"]))
    text = row["summary"] + "\n" + row["content"]
    return similar(store, text, f, exclude_id=petition_id, limit=limit, below=petition_id)


def similar_to_petitions(
    store: Store, petition_ids: Sequence[int], *, limit: int = 5, min_score: float = 0.0
) -> list[SimilarPetition]:
    """Earlier petitions like any of these (a joint reply answers several), best first."""
    own = set(petition_ids)
    best: dict[int, SimilarPetition] = {}
    for pid in list(dict.fromkeys(petition_ids))[:limit]:
        # The others being answered may be among the closest: ask for enough to skip them.
        for s in similar_to_petition(store, pid, limit=limit + len(own) - 1):
            if s.score < min_score or s.id in own:
                continue
            if s.id not in best or s.score > best[s.id].score:
                best[s.id] = s
    return sorted(best.values(), key=lambda s: (s.score, s.received_on), reverse=True)[:limit]


def near_duplicates(
    store: Store, text: str, origin: str, on: dt.date, *, threshold: float = NEAR_DUPLICATE
) -> list[SimilarPetition]:
    """Petitions from the same origin in the 12 months before `on` with nearly the same text."""
    origin = new_style_tones(clean(origin))
    if not origin:
        return []
    f = PetitionFilter(origin=origin, received_from=on - dt.timedelta(days=365), received_to=on)
    return similar(store, text, f, limit=3, min_score=threshold)


def latest_replies(store: Store, ids: list[int]) -> dict[int, PastReply]:
    """The latest reply recorded for each of the petitions that has one."""
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    rows = store.all(
        f"""
        SELECT rp.petition_id, r.outcome, r.replied_on, r.text, r.letter_ref
        FROM reply_petitions rp JOIN replies r ON r.id = rp.reply_id
        WHERE rp.petition_id IN ({marks})
        ORDER BY r.replied_on, r.id
        """,
        ids,
    )
    out: dict[int, PastReply] = {}
    for r in rows:
        replied = to_date(r["replied_on"])
        if replied is not None:
            out[r["petition_id"]] = PastReply(r["outcome"], replied, r["text"], r["letter_ref"])
    return out
