"""Full-text search on PostgreSQL over the same folded columns as SQLite's FTS5 index.

The index is a `tsvector` column with a GIN index, not pg_trgm: the searches are of whole
words and phrases (trigrams would find `thue` inside `thuesuat` and need a re-check of every
phrase), and a GIN posting list per word is what FTS5 has too, so the bounded-candidate
strategy of db/search.py carries over unchanged.

The vector is never made by `to_tsvector`: its parser reads `61/2018/nd-cp` as one "file"
token and an e-mail or `a.b` as one host token, and its idea of a letter follows the server's
locale, so `nd` would not be found where FTS5's `unicode61` finds it. The words are instead
the runs of `[^\\W_]` (db/terms.py's WORD, Python's own Unicode tables written out as a regex
class), numbered in order, and the vector is written as a `tsvector` literal: the same words
at the same positions as FTS5 sees, whatever the server's locale. The columns follow each
other with a position left out between them, so a phrase never spans two columns (as in
FTS5), and carry weights for `ts_rank` (db/similar.py): A document number, B origin,
C summary, D content.

The column is generated (STORED) from the folded columns, so every writer, the app or
someone with psql, keeps it right; `check` compares the newest vectors with the ones Python
would write (a function replaced behind the app's back) and their words with the vocabulary.
A transfer between engines must leave the column out (the server computes it). Positions
stop at 16,383 (PostgreSQL's ceiling): beyond about 16,000 words of one petition a phrase is
checked in Python only. The function costs ~1 ms per petition written.
"""

from __future__ import annotations

from db import terms
from db.engine import Connection

VECTOR = "search_vector"
FUNCTION = "petition_search_vector"
_MAX_POSITION = 16383
# How many of the newest petitions `check` compares with the vector Python would write.
SAMPLE = 200


def _word_class() -> str:
    """`[^\\W_]` of Python's re, as a PostgreSQL regex bracket expression of code points."""
    ranges: list[list[int]] = []
    for cp in range(0x110000):
        if chr(cp).isalnum():
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])

    def char(cp: int) -> str:
        return chr(cp) if chr(cp).isascii() else f"\\U{cp:08x}"

    return "[" + "".join(char(a) if a == b else f"{char(a)}-{char(b)}" for a, b in ranges) + "]"


def function_sql() -> str:
    """The SQL function turning the four folded columns into the search vector."""
    pattern = f"({_word_class()}+|\\u0001)"
    # chr(1) between the columns is matched too, taking a position: the gap between columns.
    # It is never in a folded column (clean() strips control characters).
    return f"""
CREATE OR REPLACE FUNCTION {FUNCTION}(o text, s text, d text, c text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$
SELECT coalesce(
    string_agg(
        '''' || w || ''':' || least(n, {_MAX_POSITION}) || (ARRAY['B', 'C', 'A', 'D'])[k + 1],
        ' '),
    '')::tsvector
FROM (
    SELECT m[1] AS w, n, count(*) FILTER (WHERE m[1] = chr(1)) OVER (ORDER BY n) AS k
    FROM regexp_matches(
        o || chr(1) || s || chr(1) || d || chr(1) || c, '{pattern}', 'g'
    ) WITH ORDINALITY AS r(m, n)
) t
WHERE w <> chr(1)
$body$
"""


def create_index(conn: Connection) -> None:
    """The search vector (generated from the folded columns), its GIN index, the vocabulary."""
    conn.execute(function_sql())
    conn.execute(
        f"ALTER TABLE petitions ADD COLUMN {VECTOR} tsvector GENERATED ALWAYS AS"
        f" ({FUNCTION}(search_origin, search_summary, search_document, search_content)) STORED"
    )
    conn.execute(f"CREATE INDEX petitions_search ON petitions USING gin ({VECTOR})")
    conn.execute(
        "CREATE TABLE search_terms (term TEXT PRIMARY KEY, docs INTEGER NOT NULL)"
    )
    recount(conn)


def recount(conn: Connection) -> None:
    """The vocabulary counted again from the folded columns."""
    conn.execute("DELETE FROM search_terms")
    words = [
        terms.words(*row)
        for row in conn.execute(
            "SELECT search_origin, search_summary, search_content, search_document FROM petitions"
        )
    ]
    terms.record(conn, words)
    if not words:
        conn.execute("INSERT INTO search_terms (term, docs) VALUES (?, 0)", [terms.TOTAL])


def rebuild(conn: Connection) -> None:
    """The function made again, every vector computed again, the vocabulary recounted.

    Rewrites every petition row (minutes at a million): for `check --repair` only."""
    conn.execute(function_sql())
    # A generated column is computed again when a row is rewritten.
    conn.execute("UPDATE petitions SET search_origin = search_origin")
    recount(conn)


def vector_text(origin: str, summary: str, document: str, content: str) -> str:
    """The vector the SQL function makes, as tsvector text written by Python (for `check`)."""
    out: list[str] = []
    n = 0
    for column, weight in ((origin, "B"), (summary, "C"), (document, "A"), (content, "")):
        for word in terms.WORD.findall(column):
            n += 1
            out.append(f"'{word}':{min(n, _MAX_POSITION)}{weight}")
        n += 1
    return " ".join(out)


def check(conn: Connection) -> list[str]:
    """The index valid, the newest petitions' vectors as Python makes them, their words known."""
    valid = conn.execute(
        "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
        " WHERE c.relname = 'petitions_search'"
    ).fetchone()
    if valid is None or not valid[0]:
        return ["chỉ mục tìm kiếm petitions_search: thiếu hoặc hỏng (chạy check --repair)"]
    rows = conn.execute(
        "SELECT id, search_origin, search_summary, search_document, search_content"
        " FROM petitions ORDER BY id DESC LIMIT ?",
        [SAMPLE],
    ).fetchall()
    if rows:
        wrong = conn.execute(
            f"SELECT count(*) FROM petitions p JOIN unnest(CAST(? AS bigint[]),"
            f" CAST(? AS text[])) AS e(id, v) ON p.id = e.id"
            f" WHERE p.{VECTOR} IS DISTINCT FROM CAST(e.v AS tsvector)",
            [[r[0] for r in rows], [vector_text(*r[1:]) for r in rows]],
        ).fetchone()[0]
        if wrong:
            return [
                f"chỉ mục tìm kiếm: {wrong} kiến nghị mới nhất không khớp các cột tìm kiếm"
                " (chạy check --repair)"
            ]
    (missing,) = conn.execute(
        f"SELECT count(*) FROM (SELECT DISTINCT (unnest({VECTOR})).lexeme AS w FROM"
        f" (SELECT {VECTOR} FROM petitions ORDER BY id DESC LIMIT ?) n) x"
        " WHERE NOT EXISTS (SELECT 1 FROM search_terms t WHERE t.term = x.w AND t.docs > 0)",
        [SAMPLE * 5],
    ).fetchone()
    if missing:
        return [f"từ vựng tìm kiếm: thiếu {missing} từ có trong chỉ mục (chạy check --repair)"]
    return []
