"""The seals of db/seals.py on PostgreSQL: persistent triggers record every write as pending.

A server has no per-connection TEMP triggers, so migration 9 makes ordinary row triggers on
every sealed and event table, which record (transaction id, table, key, the row before as
JSON) in `seal_pending`, whoever writes. The app's `before_commit` seals only what its own
transaction recorded (`txid_current()`); what another client (psql, a script) changed stays
pending with its transaction id and leaves its seal stale, which `check` finds. App writes
are serialised by the store's advisory lock, so no two app transactions seal at once.
"""

from __future__ import annotations

import json
from typing import Any

from db.engine import Connection

_FUNCTION = """
CREATE OR REPLACE FUNCTION kiennghi_seal_touch() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    before JSONB;
    after JSONB;
    k TEXT;
BEGIN
    -- The first touch of a key in a transaction keeps the row as it was before it
    -- (NULL: it did not exist).
    IF TG_OP <> 'INSERT' THEN
        before := to_jsonb(OLD);
        SELECT string_agg(before ->> c, '/' ORDER BY n) INTO k
            FROM unnest(TG_ARGV) WITH ORDINALITY AS u(c, n);
        INSERT INTO seal_pending (tbl, key, pre) VALUES (TG_TABLE_NAME, k, before)
            ON CONFLICT (txid, tbl, key) DO NOTHING;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        after := to_jsonb(NEW);
        SELECT string_agg(after ->> c, '/' ORDER BY n) INTO k
            FROM unnest(TG_ARGV) WITH ORDINALITY AS u(c, n);
        INSERT INTO seal_pending (tbl, key, pre) VALUES (TG_TABLE_NAME, k, NULL)
            ON CONFLICT (txid, tbl, key) DO NOTHING;
    END IF;
    RETURN NULL;
END
$body$
"""


def create_triggers(conn: Connection) -> None:
    """The pending table, the trigger function and one trigger per table (migration 9)."""
    from db.seals import EVENTS, SEALED, present

    conn.execute(
        """
        CREATE TABLE seal_pending (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            txid BIGINT NOT NULL DEFAULT txid_current(),
            tbl TEXT NOT NULL,
            key TEXT NOT NULL,
            pre JSONB,
            UNIQUE (txid, tbl, key)
        )
        """
    )
    conn.execute(_FUNCTION)
    for table in present(conn, [*SEALED, *EVENTS]):
        add_trigger(conn, table)


def add_trigger(conn: Connection, table: str) -> None:
    """The trigger recording what the app touches in `table` (a later migration's new table)."""
    from db.seals import SEALED

    keys = ", ".join(f"'{c}'" for c in SEALED.get(table, ("id",)))
    conn.execute(f"DROP TRIGGER IF EXISTS seal_{table} ON {table}")
    conn.execute(
        f"CREATE TRIGGER seal_{table} AFTER INSERT OR UPDATE OR DELETE ON {table}"
        f" FOR EACH ROW EXECUTE FUNCTION kiennghi_seal_touch({keys})"
    )


def _blob_columns(conn: Connection, table: str) -> set[str]:
    rows = conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema ="
        " current_schema() AND table_name = ? AND data_type = 'bytea'",
        [table],
    ).fetchall()
    return {str(r[0]) for r in rows}


def _from_json(value: Any, blobs: set[str], table: str) -> bytes:
    """The seal of a row recorded as JSON by the trigger (bytea comes as "\\x…" hex)."""
    from db.seals import digest

    row = value if isinstance(value, dict) else json.loads(value)
    names = list(row)
    values = [
        bytes.fromhex(str(row[n])[2:]) if n in blobs and row[n] is not None else row[n]
        for n in names
    ]
    return digest(table, names, values)


def _rows(conn: Connection, table: str, keys: list[str]) -> tuple[list[str], list[tuple[Any, ...]]]:
    from db.seals import SEALED

    columns = SEALED.get(table, ("id",))
    names: list[str] = []
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        params: list[Any]
        # By the key columns' own values, so the primary key's index serves.
        if len(columns) == 1:
            where = f"{columns[0]} IN ({', '.join('?' for _ in chunk)})"
            params = [int(k) for k in chunk] if columns == ("id",) else list(chunk)
        else:  # the link tables: two integer ids
            one = "(" + " AND ".join(f"{c} = ?" for c in columns) + ")"
            where = " OR ".join(one for _ in chunk)
            params = [int(part) for k in chunk for part in k.split("/")]
        cur = conn.execute(f"SELECT * FROM {table} WHERE {where}", params)
        rows += [tuple(r) for r in cur.fetchall()]
        names = [str(d[0]) for d in cur.description]
    return names, rows


def before_commit(conn: Connection) -> None:
    """Seal what this transaction recorded as pending, then forget it."""
    from db.seals import Touch, is_sealed, seal_touched

    if not getattr(conn, "_kiennghi_sealed", False):  # asked once per connection, once true
        if not is_sealed(conn) or not _has_pending(conn):
            return
        setattr(conn, "_kiennghi_sealed", True)  # noqa: B010 (PgConnection has no such field)
    pending = conn.execute(
        "SELECT tbl, key, pre FROM seal_pending WHERE txid = txid_current() ORDER BY id"
    ).fetchall()
    if not pending:
        return
    blobs: dict[str, set[str]] = {}
    touched: list[Touch] = []
    for table, key, pre in pending:
        if pre is not None and table not in blobs:
            blobs[table] = _blob_columns(conn, table)
        before = None if pre is None else _from_json(pre, blobs[table], table)
        touched.append((str(table), str(key), None, before))
    seal_touched(conn, touched, lambda c, t, entries: _rows(c, t, [e[1] for e in entries]))
    conn.execute("DELETE FROM seal_pending WHERE txid = txid_current()")


def _has_pending(conn: Connection) -> bool:
    return bool(conn.execute("SELECT to_regclass('seal_pending') IS NOT NULL").fetchone()[0])
