"""Search vocabulary: every folded word of the index with the number of petitions using it.

FTS5 answers `chuy*` by reading the whole doclist of every word that starts so, up front: 75 ms
for a common stem at a million petitions. Expanding the word being typed into its most used
completions from this table and OR-ing them lets FTS5 walk the lists lazily and stop early
(under 1 ms). The counts are also the document frequencies that weigh words when looking for
similar petitions. They are kept in the writing transaction, so a rollback takes them back too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from db.engine import Connection

# The FTS5 `unicode61` tokenizer's idea of a word: a run of letters and digits.
WORD = re.compile(r"[^\W_]+")
# The row under the empty word counts the petitions themselves (N in idf).
TOTAL = ""


def words(*folded: str) -> set[str]:
    """The distinct index words of already folded texts."""
    out: set[str] = set()
    for text in folded:
        out.update(WORD.findall(text))
    return out


def record(
    conn: Connection,
    added: Iterable[set[str]] = (),
    removed: Iterable[set[str]] = (),
) -> None:
    """Count the word sets of petitions written (`added`) and of text they no longer have."""
    delta: Counter[str] = Counter()
    for ws in added:
        delta.update(ws)
        delta[TOTAL] += 1
    for ws in removed:
        delta.subtract(ws)
        delta[TOTAL] -= 1
    rows = [(w, n) for w, n in delta.items() if n]
    if rows:
        conn.executemany(
            "INSERT INTO search_terms (term, docs) VALUES (?, ?)"
            " ON CONFLICT(term) DO UPDATE SET docs = search_terms.docs + excluded.docs",
            rows,
        )


def completions(conn: Connection, prefix: str, limit: int) -> list[str]:
    """The `limit` most used words starting with `prefix` (itself first when it is a word)."""
    rows = conn.execute(
        "SELECT term FROM search_terms WHERE term >= ? AND term < ? AND docs > 0"
        " ORDER BY term = ? DESC, docs DESC LIMIT ?",
        [prefix, prefix + "\U0010ffff", prefix, limit],
    ).fetchall()
    return [r[0] for r in rows]


def frequencies(conn: Connection, ws: Iterable[str]) -> tuple[int, dict[str, int]]:
    """(number of petitions, {word: petitions using it}) for idf weights; unknown words: 0."""
    wanted = sorted(set(ws) - {TOTAL})
    found: dict[str, int] = {}
    # The total rides with the first chunk: one round trip less to a server.
    asked = [TOTAL, *wanted]
    for i in range(0, len(asked), 500):
        chunk = asked[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        for term, docs in conn.execute(
            f"SELECT term, docs FROM search_terms WHERE term IN ({marks})", chunk
        ):
            found[term] = int(docs)
    return found.get(TOTAL, 0), {w: found.get(w, 0) for w in wanted}


_VOCAB = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.petitions_vocab"
    " USING fts5vocab(main, petitions_fts, 'row')"
)


def check(conn: Connection) -> list[str]:
    """Words of the index the vocabulary lacks (written by a writer outside the app).

    Counts are not compared: a petition deleted by hand leaves its words counted once too
    often, which weighs nothing that matters; a missing word is never offered as a completion.
    """
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_terms'").fetchone():
        return []
    conn.execute(_VOCAB)
    (missing,) = conn.execute(
        "SELECT count(*) FROM temp.petitions_vocab v"
        " WHERE NOT EXISTS (SELECT 1 FROM search_terms t WHERE t.term = v.term AND t.docs > 0)"
    ).fetchone()
    if missing:
        return [f"từ vựng tìm kiếm: thiếu {missing} từ có trong chỉ mục (chạy check --repair)"]
    return []


def recount(conn: Connection) -> None:
    """The vocabulary counted again from the index."""
    conn.execute(_VOCAB)
    conn.execute("DELETE FROM search_terms")
    conn.execute("INSERT INTO search_terms (term, docs) SELECT term, doc FROM temp.petitions_vocab")
    conn.execute("INSERT INTO search_terms (term, docs) SELECT ?, count(*) FROM petitions", [TOTAL])
