"""Search in the text of attachments: the petitions whose document has a file with the words.

db/search.py asks here for what its own index cannot give: petitions that do not have the
words themselves, but came with a văn bản đến one of whose attachments has them all (the
text read by desktop/core/attachment_text.py, db/attachment_text.py's index). Such a hit is
listed after the petitions that have the words (it is only said to be near them), newest
first, and its excerpt says where the words are: "trong tệp đính kèm: <file>: …excerpt…".

Attachments are few beside petitions (a document has a handful, a petition table has dozens),
so the index is asked plainly, newest attachments first up to MAX_ATTACHMENTS; the word being
typed is a prefix here (`"tu khoa"*`, `'khoa':*`), as the vocabulary of db/terms.py counts only
the petitions' words. A petition found this way is checked for the words in its own folded
columns, so one that has them (but lay past the page asked) is never called an attachment hit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

from db.attachment_text import available
from db.engine import POSTGRESQL
from db.excerpts import BOUND, Snippet, best_snippet
from db.models import SearchHit
from db.petition_filter import PetitionFilter, where_clause
from db.store import Store

if TYPE_CHECKING:
    from db.search_query import Query

PREFIX = "trong tệp đính kèm: "
# The key marking a row `only_here` found (the hit's excerpt is then the attachment's).
FOUND_HERE = "found_in_attachment"
# Matching attachments looked at per search, newest first.
MAX_ATTACHMENTS = 2000


def _fts5(words: Sequence[str], prefix: bool) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"' + ("*" if prefix else "")


def _tsquery(words: Sequence[str], prefix: bool) -> str:
    lexemes = ["'" + w.replace("\\", "\\\\").replace("'", "''") + "'" for w in words]
    if prefix:
        lexemes[-1] += ":*"
    return "(" + " <-> ".join(lexemes) + ")"


def match(query: Query, dialect: str) -> str:
    """Every group of the query in one attachment's text, the word being typed as a prefix."""
    one, joiner = (_tsquery, " & ") if dialect == POSTGRESQL else (_fts5, " AND ")
    last = len(query.groups) - 1
    return joiner.join(
        one(g.folded, query.open_last and i == last) for i, g in enumerate(query.groups)
    )


def _attachments(store: Store, query: Query, documents: Sequence[int] | None = None) -> list[Any]:
    """(attachment id, document id) of the attachments matching, newest first."""
    text = match(query, store.dialect)
    within, params = "", []
    if documents is not None:
        within = f" AND a.document_id IN ({', '.join('?' for _ in documents)})"
        params = list(documents)
    if store.dialect == POSTGRESQL:
        sql = (
            "SELECT t.attachment_id, a.document_id FROM attachment_texts t"
            " JOIN attachments a ON a.id = t.attachment_id"
            f" WHERE t.search_vector @@ CAST(? AS tsquery){within}"
            " ORDER BY t.attachment_id DESC LIMIT ?"
        )
    else:
        sql = (
            "SELECT f.rowid, a.document_id FROM attachment_fts f JOIN attachments a"
            f" ON a.id = f.rowid WHERE attachment_fts MATCH ?{within}"
            " ORDER BY f.rowid DESC LIMIT ?"
        )
    return store.all(sql, [text, *params, MAX_ATTACHMENTS])


_FOLDED = ("s_origin", "s_summary", "s_content", "s_document")
_FOLDED_SQL = (
    "p.search_origin AS s_origin, p.search_summary AS s_summary,"
    " p.search_content AS s_content, p.search_document AS s_document"
)


def _has_words(query: Query, row: dict[str, object]) -> bool:
    """Whether the petition has every group itself, read from its folded columns in Python:
    asking its index for a list of ids made FTS5 read every match (0.1-0.6 s at 50,000)."""
    texts = [str(row[c] or "") for c in _FOLDED]
    last = len(query.groups) - 1
    for i, g in enumerate(query.groups):
        body = r"[\W_]+".join(re.escape(w) for w in g.folded)
        tail = "" if query.open_last and i == last else r"(?![^\W_])"
        pattern = re.compile(BOUND + body + tail)
        if not any(pattern.search(t) for t in texts):
            return False
    return True


def only_here(
    store: Store, query: Query, f: PetitionFilter, columns: str, limit: int
) -> list[dict[str, object]]:
    """Up to `limit` petitions (as rows of `columns`, newest first) under the filter whose
    document has an attachment with the words, and which do not have them themselves."""
    if limit <= 0 or not available(store):
        return []
    documents = list(dict.fromkeys(int(r[1]) for r in _attachments(store, query)))
    if not documents:
        return []
    where, params = where_clause(f)
    found: list[dict[str, object]] = []
    below = 1 << 62
    marks = ", ".join("?" for _ in documents)
    # Pages of petitions, the ones having the words themselves skipped (rarely many).
    while len(found) < limit:
        rows = [
            dict(r)
            for r in store.all(
                f"SELECT {columns}, {_FOLDED_SQL} FROM petitions p"
                f" WHERE p.document_id IN ({marks}) AND p.id < ? AND {where}"
                " ORDER BY p.id DESC LIMIT ?",
                [*documents, below, *params, limit],
            )
        ]
        found += [r | {FOUND_HERE: True} for r in rows if not _has_words(query, r)]
        if len(rows) < limit:
            break
        below = cast(int, rows[-1]["id"])
    return found[:limit]


def count_with(
    store: Store, query: Query, engine: ModuleType, petitions_match: str, where: str,
    params: list[Any], found: int, cap: int,
) -> int:  # fmt: skip
    """`found` (the petitions having the words) plus those only their attachments match, up
    to `cap` + 1: the petitions of the documents matched less those of them having the words,
    both counted by SQL (reading their texts to tell would cost 0.1-0.3 s at 50,000)."""
    if found > cap or not available(store):
        return found
    documents = sorted({int(r[1]) for r in _attachments(store, query)})
    if not documents:
        return found
    within = f"{where} AND p.document_id IN ({', '.join('?' for _ in documents)})"
    args = [*params, *documents]
    # Capped so that, whatever the overlap (at most `found`), reaching the cap means more.
    limit = cap + 1 + found
    row = store.one(
        f"SELECT count(*) FROM (SELECT 1 FROM petitions p WHERE {within} LIMIT ?) t",
        [*args, limit],
    )
    near = int(row[0]) if row else 0
    both = int(engine.count(store, petitions_match, within, args, limit)) if near else 0
    return min(cap + 1, found + near - both)


def excerpts(
    store: Store, ids: Sequence[int], query: Query, *, lead: int | None = None
) -> dict[int, Snippet]:
    """For each of the petitions `ids` whose document has an attachment with the words: the
    excerpt of the first such file, "trong tệp đính kèm: <file>: …" with the words marked."""
    if not ids or not available(store):
        return {}
    marks = ", ".join("?" for _ in ids)
    of_document: dict[int, list[int]] = {}
    for r in store.all(
        f"SELECT id, document_id FROM petitions WHERE id IN ({marks}) AND document_id IS NOT NULL",
        list(ids),
    ):
        of_document.setdefault(int(r[1]), []).append(int(r[0]))
    if not of_document:
        return {}
    first: dict[int, int] = {}
    for attachment_id, document_id in _attachments(store, query, list(of_document)):
        first[int(document_id)] = int(attachment_id)  # newest first: the oldest file stays
    if not first:
        return {}
    wanted = sorted(set(first.values()))
    rows = store.all(
        "SELECT a.id, a.filename, t.text, t.search_text FROM attachments a"
        " JOIN attachment_texts t ON t.attachment_id = a.id"
        f" WHERE a.id IN ({', '.join('?' for _ in wanted)})",
        wanted,
    )
    cut: dict[int, Snippet] = {}
    for r in rows:
        found = best_snippet(
            (str(r[2]),), query.words, open_last=query.open_last, folded=(str(r[3]),), lead=lead
        )
        head = f"{PREFIX}{r[1]}: "
        shifted = tuple((s + len(head), e + len(head)) for s, e in found.spans)
        cut[int(r[0])] = Snippet(head + found.text, shifted)
    out: dict[int, Snippet] = {}
    for document_id, attachment_id in first.items():
        if attachment_id in cut:
            for pid in of_document[document_id]:
                out[pid] = cut[attachment_id]
    return out


def excerpts_elsewhere(
    store: Store, ids: Sequence[int], query: Query, *, lead: int | None = None
) -> dict[int, Snippet]:
    """`excerpts` of those of `ids` that do not have the words themselves."""
    if not ids or not available(store):
        return {}
    marks = ", ".join("?" for _ in ids)
    of_document = {
        int(r[0]): int(r[1])
        for r in store.all(
            f"SELECT id, document_id FROM petitions WHERE id IN ({marks})"
            " AND document_id IS NOT NULL",
            list(ids),
        )
    }
    if not of_document:
        return {}
    # The attachments first (a small index): most searches find none, and nothing more is read.
    having = {int(r[1]) for r in _attachments(store, query, sorted(set(of_document.values())))}
    near = [i for i, d in of_document.items() if d in having]
    if not near:
        return {}
    rows = store.all(
        f"SELECT p.id, {_FOLDED_SQL} FROM petitions p"
        f" WHERE p.id IN ({', '.join('?' for _ in near)})",
        near,
    )
    lacking = [int(r["id"]) for r in rows if not _has_words(query, dict(r))]
    return excerpts(store, lacking, query, lead=lead)


def with_excerpts(
    store: Store, hits: list[SearchHit], rows: Sequence[dict[str, object]], query: Query
) -> list[SearchHit]:
    """The hits found only in attachments (`only_here` rows) with the attachment's excerpt."""
    ids = [cast(int, r["id"]) for r in rows if r.get(FOUND_HERE)]
    cuts = excerpts(store, ids, query)
    return [replace(h, snippet=cuts[h.id].marked()) if h.id in cuts else h for h in hits]
