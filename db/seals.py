"""Dấu niêm phong (seals): every row the app writes is sealed, every event chained.

A seal is a SHA-256 over a row as the app last wrote it (`digest`: every column by name, the
same bytes on SQLite and PostgreSQL, so a database copied between engines with the same ids
keeps its seals). Current rows of `SEALED` tables have one seal each in `seals`; the rows of
`EVENTS` tables (the history) are appended to one hash chain, `seal_chain`, in commit order,
each link the hash of the previous link and the event; `seal_head` keeps the chain's length
and last hash. `db/seal_check.py` verifies all of it and names what was changed outside.

What the app touched is captured without a call in every repository: on SQLite, TEMP
triggers made on the app's own connection (`install`) record each touched row in a TEMP
table, so a change made with another tool (the `sqlite3` shell) leaves its seal stale.
Just before the outermost COMMIT, `before_commit` seals the touched rows and chains the new
events. A row whose state before this transaction did not match its seal (changed, added or
deleted outside) is not sealed again: the app writing over it must not wash the evidence away
(nor may `check --repair`, which leaves the seals alone).

A later migration that alters a sealed table must seal it again through `reseal_table`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import operator
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from db.engine import POSTGRESQL, Connection, dialect_of

# Sealed tables and the columns of their key (row_key is the key's values joined by "/").
SEALED: dict[str, tuple[str, ...]] = {
    "settings": ("key",),
    "units": ("id",),
    "localities": ("id",),
    "fields": ("id",),
    "users": ("id",),
    "incoming_documents": ("id",),
    "attachments": ("id",),
    "petitions": ("id",),
    "assignments": ("id",),
    "outgoing_letters": ("id",),
    "replies": ("id",),
    "reply_petitions": ("reply_id", "petition_id"),
    "letter_petitions": ("letter_id", "petition_id"),
    "notices": ("document_id",),
    "tasks": ("petition_id",),
    "progress_files": ("id",),
}
# The history: append-only tables whose rows are chained (users' changes are audit events).
EVENTS: tuple[str, ...] = ("status_events", "field_changes", "audit_events", "progress_reports")
GENESIS = bytes(32)
SEALS_VERSION = 9


# -- the canonical form ---------------------------------------------------------------------------
def _not_json(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        # A blob counts by its own hash: a large attachment is not copied into the text.
        return {"b": hashlib.sha256(bytes(value)).hexdigest()}
    return {"?": str(value)}


# One encoder made once: json.dumps with options builds a new one per call (half the cost).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_not_json)
Digester = Callable[[Sequence[Any]], bytes]


@functools.lru_cache(maxsize=256)
def digester(table: str, names: tuple[str, ...]) -> Digester:
    """The seal function of rows of `table` read with columns `names` (see `digest`)."""
    skip = _derived().get(table, ())
    order = sorted((i for i, n in enumerate(names) if n not in skip), key=names.__getitem__)
    head = hashlib.sha256(_ENCODER.encode([table, [names[i] for i in order]]).encode() + b"\n")
    pick = operator.itemgetter(*order)
    single = len(order) == 1

    def seal(values: Sequence[Any]) -> bytes:
        picked = pick(values)
        h = head.copy()
        text = _ENCODER.encode([picked] if single else picked)
        h.update(text.encode("utf-8", "surrogatepass"))
        return h.digest()

    return seal


@functools.cache
def _derived() -> dict[str, tuple[str, ...]]:
    """Columns one engine computes from the others (PostgreSQL's search vector): not sealed,
    so a row has the same seal on both engines."""
    from db.pg_search import VECTOR

    return {"petitions": (VECTOR,)}


def digest(table: str, names: Sequence[str], values: Sequence[Any]) -> bytes:
    """The seal of one row: SHA-256 of the JSON of [table, column names sorted], a newline,
    and the JSON of the values in that order (blobs by their SHA-256): the same on both engines."""
    return digester(table, tuple(names))(values)


def link(previous: bytes, event_digest: bytes) -> bytes:
    """The next link of the chain."""
    return hashlib.sha256(previous + event_digest).digest()


def row_key(values: Iterable[Any]) -> str:
    """A row's key as stored in `seals.row_key` (CAST(... AS TEXT) joined by "/")."""
    return "/".join(str(v) for v in values)


def keyer(table: str, names: Sequence[str]) -> Callable[[Sequence[Any]], str]:
    """The function giving `row_key` of rows of `table` read with columns `names`."""
    at = [list(names).index(c) for c in SEALED.get(table, ("id",))]
    if len(at) == 1:
        i = at[0]
        return lambda r: str(r[i])
    return lambda r: "/".join(str(r[i]) for i in at)


def key_sql(table: str, alias: str) -> str:
    """The SQL expression of a row's key (the same text as `row_key`)."""
    return " || '/' || ".join(f"CAST({alias}.{c} AS TEXT)" for c in SEALED[table])


# -- the schema ---------------------------------------------------------------------------------
def m009_seals(conn: Connection) -> None:
    """Seals of current rows, the hash chain of events and its head; everything sealed now."""
    conn.execute(
        """
        CREATE TABLE seals (
            id INTEGER PRIMARY KEY,
            table_name TEXT NOT NULL,
            row_key TEXT NOT NULL,
            hash BLOB NOT NULL,
            UNIQUE (table_name, row_key)
        )
        """
    )
    conn.execute(
        """
        CREATE TABLE seal_chain (
            id INTEGER PRIMARY KEY,
            table_name TEXT NOT NULL,
            row_id INTEGER NOT NULL,
            removed INTEGER NOT NULL DEFAULT 0,
            hash BLOB NOT NULL
        )
        """
    )
    conn.execute("CREATE INDEX seal_chain_row ON seal_chain(table_name, row_id)")
    conn.execute(
        """
        CREATE TABLE seal_head (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            events INTEGER NOT NULL,
            hash BLOB NOT NULL
        )
        """
    )
    conn.execute("INSERT INTO seal_head (id, events, hash) VALUES (1, 0, ?)", [GENESIS])
    for table in present(conn, SEALED):
        _seal_all(conn, table)
    events: list[tuple[str, int, bytes, int]] = []
    for table in present(conn, EVENTS):
        cur = conn.execute(f"SELECT * FROM {table} ORDER BY id")
        names = names_of(cur)
        at, seal = names.index("id"), digester(table, tuple(names))
        events += [(table, int(r[at]), seal(r), 0) for r in cur]
    _append(conn, events)
    if dialect_of(conn) == POSTGRESQL:
        from db import seals_pg

        seals_pg.create_triggers(conn)
    else:
        install(conn)


def names_of(cur: Any) -> list[str]:
    """The column names of a cursor's result."""
    return [str(d[0]) for d in cur.description]


def present(conn: Connection, tables: Iterable[str]) -> list[str]:
    """Those of `tables` the database has, in the given order."""
    if dialect_of(conn) == POSTGRESQL:
        sql = (
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    have = {str(r[0]) for r in conn.execute(sql).fetchall()}
    return [t for t in tables if t in have]


def is_sealed(conn: Connection) -> bool:
    """Whether the database has its seals (schema version 9 or later)."""
    return bool(present(conn, ["seal_head"]))


def _seal_all(conn: Connection, table: str) -> None:
    cur = conn.execute(f"SELECT * FROM {table}")
    names = names_of(cur)
    key, seal = keyer(table, names), digester(table, tuple(names))
    conn.executemany(
        "INSERT INTO seals (table_name, row_key, hash) VALUES (?, ?, ?)",
        [(table, key(r), seal(r)) for r in cur],
    )


def reseal_table(conn: Connection, table: str, alter: Callable[[], None]) -> None:
    """Run `alter` (a migration's change of `table`), then seal again the rows that were sound.

    A row changed outside the app before the migration keeps its stale seal (the evidence)."""
    from db.seal_check import sound_keys

    sound = sound_keys(conn, table)
    alter()
    cur = conn.execute(f"SELECT * FROM {table}")
    names = names_of(cur)
    key, seal = keyer(table, names), digester(table, tuple(names))
    rows = [(table, k, seal(r)) for r in cur if (k := key(r)) in sound]
    conn.executemany(_UPSERT, rows)
    if dialect_of(conn) != POSTGRESQL:
        install(conn, refresh=True)


_UPSERT = (
    "INSERT INTO seals (table_name, row_key, hash) VALUES (?, ?, ?)"
    " ON CONFLICT (table_name, row_key) DO UPDATE SET hash = excluded.hash"
)


def removal_digest(table: str, event_id: int) -> bytes:
    """What the link recording the app's deletion of an event hashes."""
    return digest(f"{table}:removed", ["id"], [event_id])


def _append(conn: Connection, events: Sequence[tuple[str, int, bytes, int]]) -> None:
    """Chain `events` (table, id, digest, removed 0/1) after the head, in the given order."""
    if not events:
        return
    head = conn.execute("SELECT events, hash FROM seal_head WHERE id = 1").fetchone()
    count, previous = int(head[0]), bytes(head[1])
    links = []
    for table, event_id, event_digest, removed in events:
        previous = link(previous, event_digest)
        links.append((table, event_id, removed, previous))
    conn.executemany(
        "INSERT INTO seal_chain (table_name, row_id, removed, hash) VALUES (?, ?, ?, ?)", links
    )
    conn.execute(
        "UPDATE seal_head SET events = ?, hash = ? WHERE id = 1", [count + len(links), previous]
    )


def install(conn: Connection, *, refresh: bool = False) -> None:
    """The capture on this SQLite connection (db/seals_sqlite.py); no-op before migration 9."""
    from db import seals_sqlite

    seals_sqlite.install(conn, refresh=refresh)


# -- sealing at commit --------------------------------------------------------------------------
def before_commit(conn: Connection) -> None:
    """Seal the rows this transaction touched and chain its new events (inside it)."""
    if dialect_of(conn) == POSTGRESQL:
        from db import seals_pg

        seals_pg.before_commit(conn)
    else:
        from db import seals_sqlite

        seals_sqlite.before_commit(conn)


Touch = tuple[str, str, Any, Any]  # table, key, rowid (None once deleted), state before (digest)
# The current rows of a table among those touched: (column names, rows).
RowReader = Callable[[Connection, str, list[Touch]], tuple[list[str], list[tuple[Any, ...]]]]


def seal_touched(conn: Connection, touched: Sequence[Touch], read: RowReader) -> None:
    """Seal what one transaction touched (`read` gives the current rows of a table)."""
    by_table: dict[str, list[Touch]] = {}
    for t in touched:
        by_table.setdefault(t[0], []).append(t)
    order = {(t[0], t[1]): i for i, t in enumerate(touched)}
    new_events: list[tuple[int, str, int, bytes, int]] = []
    for table, entries in by_table.items():
        names, rows = read(conn, table, entries)
        current: dict[str, bytes] = {}
        if rows:
            key, seal = keyer(table, names), digester(table, tuple(names))
            current = {key(r): seal(r) for r in rows}
        if table not in EVENTS:
            _reseal(conn, table, entries, current)
            continue
        for _, k, _, pre in entries:
            # An event the app changes or deletes (it does not today) is chained again; the
            # earlier link then stands for content no longer there. Not one changed outside.
            if pre is not None and not _link_matches(conn, table, int(k), bytes(pre)):
                continue
            if k in current:
                new_events.append((order[(table, k)], table, int(k), current[k], 0))
            elif pre is not None:
                removal = removal_digest(table, int(k))
                new_events.append((order[(table, k)], table, int(k), removal, 1))
    new_events.sort()
    _append(conn, [(t, i, d, r) for _, t, i, d, r in new_events])


def _link_matches(conn: Connection, table: str, event_id: int, pre: bytes) -> bool:
    """Whether the event's state before this transaction is what its last link hashed."""
    last = conn.execute(
        "SELECT id, hash, removed FROM seal_chain WHERE table_name = ? AND row_id = ?"
        " ORDER BY id DESC LIMIT 1",
        [table, event_id],
    ).fetchone()
    if last is None or int(last[2]):
        return False
    before = conn.execute(
        "SELECT hash FROM seal_chain WHERE id < ? ORDER BY id DESC LIMIT 1", [last[0]]
    ).fetchone()
    return link(GENESIS if before is None else bytes(before[0]), pre) == bytes(last[1])


def _reseal(conn: Connection, table: str, entries: list[Touch], current: dict[str, bytes]) -> None:
    sealed = _seals_of(conn, table, [e[1] for e in entries])
    upserts, deletes = [], []
    for _, key, _, pre in entries:
        before = sealed.get(key)
        if (bytes(pre) if pre is not None else None) != before:
            continue  # not as the app left it: the stale seal stays as the evidence
        if key in current:
            if current[key] != before:
                upserts.append((table, key, current[key]))
        elif before is not None:
            deletes.append((table, key))
    if upserts:
        conn.executemany(_UPSERT, upserts)
    if deletes:
        conn.executemany("DELETE FROM seals WHERE table_name = ? AND row_key = ?", deletes)


def _seals_of(conn: Connection, table: str, keys: list[str]) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        rows = conn.execute(
            f"SELECT row_key, hash FROM seals WHERE table_name = ? AND row_key IN ({marks})",
            [table, *chunk],
        ).fetchall()
        found.update((str(k), bytes(h)) for k, h in rows)
    return found
