"""The seals of db/seals.py on SQLite: TEMP triggers on the app's own connection.

A TEMP trigger lives in one connection: the app's connection records every row it inserts,
updates or deletes in the TEMP table `seal_touch`, with the row's seal as it was before the
transaction's first change of it (a Python function, registered on that connection only, so
the pitfall of SQL functions in persistent triggers does not apply). Another program's
connection (the `sqlite3` shell) has none of this: its changes leave the seals stale.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from db.engine import Connection
from db.seals import EVENTS, SEALED, Touch, digest, is_sealed, names_of, present, seal_touched

DIGEST_FUNCTION = "kiennghi_seal_digest"


def _udf_digest(table: str, *pairs: Any) -> bytes:
    return digest(table, pairs[0::2], pairs[1::2])


def install(conn: Connection, *, refresh: bool = False) -> None:
    """TEMP triggers on this connection recording what it touches (no-op before migration 9).

    Called right after the app's connection is made; a damaged file is left to the open's
    own check (it is opened read-only then, with nothing to seal)."""
    assert isinstance(conn, sqlite3.Connection)
    try:
        if not refresh and _installed_version(conn) is not None:
            return
        if not is_sealed(conn):
            return
        conn.create_function(DIGEST_FUNCTION, -1, _udf_digest, deterministic=True)
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS seal_touch (tbl TEXT NOT NULL, key TEXT NOT NULL,"
            " rid INTEGER, pre BLOB, PRIMARY KEY (tbl, key))"
        )
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS seal_installed (schema_version INTEGER)")
        for table in present(conn, [*SEALED, *EVENTS]):
            _triggers(conn, table)
        conn.execute("DELETE FROM temp.seal_installed")
        conn.execute(
            "INSERT INTO temp.seal_installed SELECT schema_version FROM pragma_schema_version"
        )
    except sqlite3.DatabaseError as exc:
        if type(exc) is not sqlite3.DatabaseError:  # not a damaged file: a real failure
            raise


def _installed_version(conn: sqlite3.Connection) -> int | None:
    found = conn.execute(
        "SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = 'seal_installed'"
    ).fetchone()
    if found is None:
        return None
    row = conn.execute("SELECT schema_version FROM temp.seal_installed").fetchone()
    return None if row is None else int(row[0])


def _triggers(conn: sqlite3.Connection, table: str) -> None:
    columns = [str(r[1]) for r in conn.execute(f"PRAGMA main.table_info({table})").fetchall()]
    keys = SEALED.get(table, ("id",))

    def key(alias: str) -> str:
        return " || '/' || ".join(f"CAST({alias}.{c} AS TEXT)" for c in keys)

    old = ", ".join(f"'{c}', old.{c}" for c in columns)
    pre = f"{DIGEST_FUNCTION}('{table}', {old})"
    # Unqualified: a trigger may not name a schema; the TEMP table is found first.
    touch = "INSERT INTO seal_touch (tbl, key, rid, pre) VALUES"
    # The first touch of a key in a transaction keeps `pre`: the row's state before it
    # (NULL: the row did not exist); `rid` follows the row's latest rowid (NULL once deleted).
    bodies = {
        "ai": f"""AFTER INSERT ON main.{table} BEGIN
            {touch} ('{table}', {key("new")}, new.rowid, NULL)
            ON CONFLICT (tbl, key) DO UPDATE SET rid = excluded.rid; END""",
        "au": f"""AFTER UPDATE ON main.{table} BEGIN
            {touch} ('{table}', {key("old")}, NULL, {pre}) ON CONFLICT (tbl, key) DO NOTHING;
            {touch} ('{table}', {key("new")}, new.rowid, NULL)
            ON CONFLICT (tbl, key) DO UPDATE SET rid = excluded.rid; END""",
        "ad": f"""AFTER DELETE ON main.{table} BEGIN
            {touch} ('{table}', {key("old")}, NULL, {pre})
            ON CONFLICT (tbl, key) DO UPDATE SET rid = NULL; END""",
    }
    for suffix, body in bodies.items():
        name = f"seal_{table}_{suffix}"
        conn.execute(f"DROP TRIGGER IF EXISTS temp.{name}")
        conn.execute(f"CREATE TEMP TRIGGER {name} {body}")


def before_commit(conn: Connection) -> None:
    """Seal what this connection's transaction touched, then forget it."""
    assert isinstance(conn, sqlite3.Connection)
    installed = _installed_version(conn)
    if installed is None:
        if is_sealed(conn):  # migration 9 ran on a connection opened before it
            install(conn)
        return
    touched = conn.execute(
        "SELECT tbl, key, rid, pre FROM temp.seal_touch ORDER BY rowid"
    ).fetchall()
    if touched:
        seal_touched(conn, [(str(t), str(k), r, p) for t, k, r, p in touched], _rows)
        conn.execute("DELETE FROM temp.seal_touch")
    version = conn.execute("SELECT schema_version FROM pragma_schema_version").fetchone()[0]
    if int(version) != installed:
        install(conn, refresh=True)  # a table was made or altered: its columns may differ


def _rows(
    conn: Connection, table: str, entries: list[Touch]
) -> tuple[list[str], list[tuple[Any, ...]]]:
    assert isinstance(conn, sqlite3.Connection)
    cur = conn.cursor()
    cur.row_factory = None  # plain tuples: sqlite3.Row costs a copy per row here
    cur.execute(
        f"SELECT * FROM main.{table} WHERE rowid IN"
        " (SELECT rid FROM temp.seal_touch WHERE tbl = ? AND rid IS NOT NULL)",
        [table],
    )
    return names_of(cur), cur.fetchall()
