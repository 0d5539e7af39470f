"""What a copy between engines reads and compares: each engine's tables, and their digests.

Both engines run the one migration ladder, so at the same schema version they hold the same
application tables with the same columns. A table only one side has is the engine's own
machinery (SQLite's FTS5 index and its shadow tables, PostgreSQL's `kiennghi_schema`, a
search structure of db/pg_search.py) and is not copied; `DERIVED` tables exist on both but
are recomputed on the target from the copied rows (the search vocabulary).

A table's digest is a SHA-256 over its rows in primary-key order, the columns sorted by
name, each row the compact JSON array of its values (integers, text, null; a blob by the
hex SHA-256 of its bytes) and a newline: the same bytes whichever engine the rows come from,
since both order text keys by code point (PostgreSQL's columns are `COLLATE "C"`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from db.engine import POSTGRESQL, Connection, dialect_of

# Recomputed on the target from the copied folded columns (db/terms.py, db/pg_search.py).
DERIVED = frozenset({"search_terms"})
# Rows a fresh migration writes into an empty database (not data: the target may have them).
SEEDED = {"seal_head": "events = 0"}
BATCH = 5000

# The clerk's names of the tables, for the refusal of a target that is not empty.
LABELS = {
    "petitions": "kiến nghị",
    "incoming_documents": "văn bản đến",
    "attachments": "tệp đính kèm",
    "attachment_texts": "chữ đọc từ tệp đính kèm",
    "assignments": "lượt giao xử lý",
    "replies": "trả lời",
    "reply_petitions": "liên kết trả lời – kiến nghị",
    "outgoing_letters": "văn bản đi",
    "letter_petitions": "liên kết văn bản đi – kiến nghị",
    "status_events": "sự kiện lịch sử",
    "field_changes": "thay đổi trường",
    "audit_events": "sự kiện kiểm toán",
    "users": "người dùng",
    "units": "đơn vị",
    "localities": "địa phương",
    "fields": "lĩnh vực",
    "settings": "cài đặt",
    "seals": "dấu niêm phong",
    "seal_chain": "mắt xích chuỗi băm",
    "seal_head": "đầu chuỗi băm",
    "search_terms": "chỉ mục tìm kiếm",
    "notices": "thông báo kết luận",
    "tasks": "nhiệm vụ",
    "progress_reports": "báo cáo tiến độ",
    "progress_files": "tệp báo cáo tiến độ",
}


@dataclass(frozen=True)
class Table:
    """One table as an engine reports it: columns, primary key, the tables it refers to."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    refers_to: frozenset[str]
    identity: bool  # PostgreSQL: `id` is an identity column whose sequence must be advanced
    # Columns referring to this table's own key (a unit's parent): parents are loaded first.
    parent_columns: tuple[str, ...] = ()


def label(table: str) -> str:
    """The table in the clerk's words (its name when it has none)."""
    return LABELS.get(table, table)


# -- the schema as each engine reports it -------------------------------------------------------
def tables(conn: Connection) -> dict[str, Table]:
    """The application tables of the database (engine internals and FTS5 tables left out)."""
    if dialect_of(conn) == POSTGRESQL:
        return _pg_tables(conn)
    return _sqlite_tables(conn)


def _sqlite_tables(conn: Connection) -> dict[str, Table]:
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    virtual = [str(r[0]) for r in rows if str(r[1] or "").upper().startswith("CREATE VIRTUAL")]
    found: dict[str, Table] = {}
    for row in rows:
        name = str(row[0])
        if any(name == v or name.startswith(f"{v}_") for v in virtual):
            continue  # FTS5 and its shadow tables: rebuilt from the petitions
        info = conn.execute(f"PRAGMA table_xinfo({name})").fetchall()
        columns = tuple(str(c[1]) for c in info if int(c[6]) == 0)  # not hidden or generated
        key = tuple(str(c[1]) for c in sorted((c for c in info if int(c[5])), key=lambda c: c[5]))
        fks = conn.execute(f"PRAGMA foreign_key_list({name})").fetchall()
        refs = {str(f[2]) for f in fks}
        parents = tuple(str(f[3]) for f in fks if str(f[2]) == name)
        found[name] = Table(name, columns, key or columns, frozenset(refs), False, parents)
    return found


def _pg_tables(conn: Connection) -> dict[str, Table]:
    names = [
        str(r[0])
        for r in conn.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        ).fetchall()
    ]
    found: dict[str, Table] = {}
    for name in names:
        cols = conn.execute(
            "SELECT column_name, is_generated, data_type, is_identity"
            " FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
            [name],
        ).fetchall()
        # A generated or tsvector column is the search index's, computed by the server.
        columns = tuple(
            str(c[0]) for c in cols if c[1] == "NEVER" and str(c[2]) not in ("tsvector",)
        )
        identity = any(str(c[0]) == "id" and c[3] == "YES" for c in cols)
        key_rows = conn.execute(
            "SELECT a.attname FROM pg_constraint c"
            " JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, n) ON true"
            " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum"
            " WHERE c.conrelid = to_regclass(?) AND c.contype = 'p' ORDER BY k.n",
            [name],
        ).fetchall()
        key = tuple(str(r[0]) for r in key_rows)
        fks = conn.execute(
            "SELECT c.confrelid::regclass::text, a.attname FROM pg_constraint c"
            " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
            " WHERE c.conrelid = to_regclass(?) AND c.contype = 'f'",
            [name],
        ).fetchall()
        refs = {str(r[0]) for r in fks}
        parents = tuple(str(r[1]) for r in fks if str(r[0]) == name)
        found[name] = Table(name, columns, key or columns, frozenset(refs), identity, parents)
    return found


def load_order(names: Iterable[str], schema: dict[str, Table]) -> list[str]:
    """`names` with every table after those it refers to (foreign keys checked at once)."""
    wanted = set(names)
    done: list[str] = []
    seen: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in seen or name in path:
            return
        for ref in sorted(schema[name].refers_to & wanted - {name}):
            visit(ref, (*path, name))
        seen.add(name)
        done.append(name)

    for name in sorted(wanted):
        visit(name, ())
    return done


# -- reading rows -----------------------------------------------------------------------------
@contextlib.contextmanager
def snapshot(conn: Connection) -> Iterator[None]:
    """One consistent view of the whole database while it is read (rolled back after)."""
    if dialect_of(conn) == POSTGRESQL:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    else:
        conn.execute("BEGIN")
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            conn.execute("ROLLBACK")


def select_sql(table: Table, columns: Sequence[str]) -> str:
    """The query reading `columns` of `table` in primary-key order."""
    return f"SELECT {', '.join(columns)} FROM {table.name} ORDER BY {', '.join(table.key)}"


def batches(conn: Connection, sql: str) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of `sql` as tuples, `BATCH` at a time, streamed (a server-side cursor on
    PostgreSQL: a million petitions are never all in memory); inside the caller's transaction."""
    if dialect_of(conn) == POSTGRESQL:
        raw = conn.raw  # type: ignore[attr-defined]
        with raw.cursor(name="kiennghi_transfer") as cur:
            cur.itersize = BATCH
            cur.execute(sql)
            while rows := cur.fetchmany(BATCH):
                yield [tuple(r) for r in rows]
        return
    assert isinstance(conn, sqlite3.Connection)
    cur = conn.cursor()
    cur.row_factory = None  # plain tuples: sqlite3.Row costs a third more here
    cur.execute(sql)
    while rows := cur.fetchmany(BATCH):
        yield rows


# -- digests ------------------------------------------------------------------------------------
def _blob(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"b": hashlib.sha256(bytes(value)).hexdigest()}
    raise TypeError(f"a value of type {type(value).__name__} has no canonical form")


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_blob)


class Digest:
    """The running digest of one table's rows (see the module's docstring)."""

    def __init__(self) -> None:
        self.rows = 0
        self._hash = hashlib.sha256()

    def add(self, rows: Sequence[Sequence[Any]]) -> None:
        """Add rows given in primary-key order, columns sorted by name."""
        encode = _ENCODER.encode
        self._hash.update(
            "".join(encode(list(r)) + "\n" for r in rows).encode("utf-8", "surrogatepass")
        )
        self.rows += len(rows)

    def hexdigest(self) -> str:
        """The SHA-256 so far, in hex."""
        return self._hash.hexdigest()


def sorted_columns(columns: Iterable[str]) -> tuple[str, ...]:
    """The order the digest reads columns in (by name: independent of each engine's order)."""
    return tuple(sorted(columns))


def table_digest(conn: Connection, table: Table, columns: Sequence[str]) -> tuple[int, str]:
    """Rows and SHA-256 of `columns` of `table`, read from `conn`."""
    d = Digest()
    for rows in batches(conn, select_sql(table, sorted_columns(columns))):
        d.add(rows)
    return d.rows, d.hexdigest()


def copied_tables(conn: Connection) -> dict[str, Table]:
    """The tables a copy carries over (every application table but the derived ones)."""
    return {n: t for n, t in tables(conn).items() if n not in DERIVED and n != "kiennghi_schema"}


def digests(conn: Connection) -> dict[str, tuple[int, str]]:
    """Rows and digest of every table a copy carries (to compare two databases)."""
    with snapshot(conn):
        found = copied_tables(conn)
        return {n: table_digest(conn, t, t.columns) for n, t in sorted(found.items())}
