"""Moving a whole register between engines: a SQLite file into an empty server database
(`copy_to_server`, the CLI's migrate-to) and a server into a new SQLite file (`copy_to_file`,
copy-to and a server's backup).

Every table is copied verbatim, ids included, so the seals and the hash chain of db/seals.py
stay valid on the target. The source is read in one snapshot (a read transaction on SQLite,
REPEATABLE READ on PostgreSQL) while its digests are computed (db/transfer_schema.py); the
target is then read back and must give the same row counts and digests before the copy
counts as done. All or nothing: on a server the whole copy is one transaction, rolled back on
any failure; a file is written under a temporary name and renamed only once verified.

Speed: COPY FROM STDIN on PostgreSQL, executemany in batches on SQLite, with the search
index's triggers off during the load and the index rebuilt once from the copied folded
columns (`search_schema.rebuild_search`). The app's seal capture is kept out (the copied seals
are the evidence): the file is loaded over a connection without the TEMP seal triggers, and
on the server the triggers are switched off for the load (by the tables' owner; what they
recorded otherwise is dropped from `seal_pending` before the commit).
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db import migrations, search_schema
from db import transfer_schema as ts
from db.bulk import advance_identity
from db.engine import POSTGRESQL, Connection, dialect_of
from db.opening import sqlite_reason
from db.store import Store, StoreError

# progress(table, rows copied, rows in the table); also called once per table at its start,
# and with (step, 0, 0) when a step without rows begins (the search index being rebuilt).
Progress = Callable[[str, int, int], None]


def _announce(progress: Progress | None, step: str) -> None:
    if progress is not None:
        progress(step, 0, 0)


@dataclass(frozen=True)
class Copied:
    """One table carried over: rows and the digest both sides gave."""

    table: str
    rows: int
    digest: str
    seconds: float = 0.0  # reading, digesting and writing it (not the read-back)


@dataclass(frozen=True)
class Report:
    """What a copy did: from where, to where, every table, how long."""

    source: str
    target: str
    tables: tuple[Copied, ...]
    seconds: float

    @property
    def rows(self) -> int:
        """All rows copied."""
        return sum(t.rows for t in self.tables)


@dataclass(frozen=True)
class _Plan:
    tables: list[str]  # in load order
    source: dict[str, ts.Table]
    target: dict[str, ts.Table]
    columns: dict[str, tuple[str, ...]]  # common columns, sorted by name


class _Failed(Exception):
    """A failure while a named table was being copied or verified."""

    def __init__(self, table: str, reason: str) -> None:
        super().__init__(reason)
        self.table = table
        self.reason = reason


def _plan(source: Connection, target: Connection) -> _Plan:
    src, dst = ts.copied_tables(source), ts.copied_tables(target)
    common = [n for n in src if n in dst]
    columns: dict[str, tuple[str, ...]] = {}
    for name in common:
        missing = [c for c in src[name].columns if c not in dst[name].columns]
        if missing:
            raise StoreError(
                f"Bảng «{name}» của nơi đích thiếu cột {', '.join(missing)}: hai cơ sở dữ liệu"
                " không cùng lược đồ, chưa chép gì."
            )
        columns[name] = ts.sorted_columns(src[name].columns)
    return _Plan(ts.load_order(common, dst), src, dst, columns)


def _same_version(source: Store, target: Store) -> None:
    if source.user_version != migrations.LATEST or target.user_version != migrations.LATEST:
        raise StoreError(
            f"Nguồn ở phiên bản {source.user_version}, đích ở phiên bản {target.user_version};"
            f" cả hai cần ở phiên bản {migrations.LATEST} trước khi chép."
        )


def _reason(exc: BaseException) -> str:
    """The failure in a clerk's words, the engine's own words after (for the admin)."""
    lines = str(exc).strip().splitlines()
    text = lines[0] if lines else type(exc).__name__
    cause = exc.__cause__ if isinstance(exc, sqlite3.Error) and exc.__cause__ else exc
    if _is_psycopg(cause):
        import psycopg

        if isinstance(cause, psycopg.OperationalError):
            return f"mất kết nối tới máy chủ ({text})"
        if isinstance(cause, psycopg.IntegrityError):
            return f"máy chủ từ chối một dòng vì ràng buộc dữ liệu ({text})"
        if isinstance(cause, psycopg.DataError):
            return f"máy chủ không nhận một giá trị ({text})"
    elif isinstance(exc, sqlite3.Error):
        return sqlite_reason(exc)
    return text


# -- the target must be empty -----------------------------------------------------------------
def holdings(conn: Connection, plan: _Plan) -> list[tuple[str, int]]:
    """What the target already holds: (table, rows) of each non-empty table."""
    held = []
    for name in plan.tables:
        where = f" WHERE NOT ({ts.SEEDED[name]})" if name in ts.SEEDED else ""
        count = int(conn.execute(f"SELECT count(*) FROM {name}{where}").fetchone()[0])
        if count:
            held.append((name, count))
    return held


def _refuse_not_empty(conn: Connection, plan: _Plan, where: str) -> None:
    held = holdings(conn, plan)
    if held:
        rank = list(ts.LABELS)  # the register's own tables first: petitions, documents, …
        held.sort(key=lambda h: rank.index(h[0]) if h[0] in rank else len(rank))
        what = ", ".join(f"{n:,} {ts.label(t)}".replace(",", ".") for t, n in held[:4])
        if len(held) > 4:
            what += f" và dữ liệu của {len(held) - 4} bảng khác"
        raise StoreError(
            f"Cơ sở dữ liệu đích {where} không trống: đã có {what}. Chỉ chép vào một cơ sở dữ"
            " liệu trống (tạo cơ sở dữ liệu mới trên máy chủ); chưa ghi gì."
        )
    for name in plan.tables:
        if name in ts.SEEDED:
            conn.execute(f"DELETE FROM {name}")  # the fresh migration's row; the source's follows


# -- reading the source -----------------------------------------------------------------------
def _parents_first(rows: list[tuple[Any, ...]], columns: Sequence[str], table: ts.Table) -> Any:
    """Rows of a self-referencing table (units) ordered so each parent precedes its children."""
    key = columns.index(table.key[0])
    parents = [columns.index(c) for c in table.parent_columns]
    ids = {r[key] for r in rows}
    placed: set[Any] = set()
    ordered: list[tuple[Any, ...]] = []
    pending = rows
    while pending:
        later = []
        for r in pending:
            waits = [r[p] for p in parents if r[p] is not None and r[p] in ids]
            if all(p in placed or p == r[key] for p in waits):
                ordered.append(r)
                placed.add(r[key])
            else:
                later.append(r)
        if len(later) == len(pending):  # a cycle: the target's foreign keys will say so
            ordered += later
            break
        pending = later
    return [ordered]


def _rows(
    conn: Connection,
    plan: _Plan,
    name: str,
    digest: ts.Digest,
    progress: Progress | None,
) -> Iterator[list[tuple[Any, ...]]]:
    """The source's rows of one table in batches, digested and reported on the way."""
    table, columns = plan.source[name], plan.columns[name]
    total = int(conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0])
    if progress is not None:
        progress(name, 0, total)
    source = ts.batches(conn, ts.select_sql(table, columns))
    if plan.target[name].parent_columns:
        rows = [r for batch in source for r in batch]
        digest.add(rows)
        if progress is not None:
            progress(name, len(rows), total)
        yield from _parents_first(rows, columns, plan.target[name])
        return
    for rows in source:
        digest.add(rows)
        if progress is not None:
            progress(name, digest.rows, total)
        yield rows


# -- writing --------------------------------------------------------------------------------------
def _write_pg(conn: Connection, name: str, columns: Sequence[str], data: Any) -> None:
    raw = conn.raw  # type: ignore[attr-defined]
    with raw.cursor() as cur, cur.copy(f"COPY {name} ({', '.join(columns)}) FROM STDIN") as cp:
        for rows in data:
            for row in rows:
                cp.write_row(row)


def _write_sqlite(conn: Connection, name: str, columns: Sequence[str], data: Any) -> None:
    marks = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})"
    for rows in data:
        conn.executemany(sql, rows)


def _copy_all(
    source: Connection, target: Connection, plan: _Plan, progress: Progress | None
) -> list[Copied]:
    write = _write_pg if dialect_of(target) == POSTGRESQL else _write_sqlite
    copied = []
    with ts.snapshot(source):
        for name in plan.tables:
            digest = ts.Digest()
            started = time.monotonic()
            try:
                write(target, name, plan.columns[name], _rows(source, plan, name, digest, progress))
            except Exception as exc:
                if isinstance(exc, StoreError):
                    raise
                raise _Failed(name, _reason(exc)) from exc
            seconds = time.monotonic() - started
            copied.append(Copied(name, digest.rows, digest.hexdigest(), seconds))
    return copied


def _verify(target: Connection, plan: _Plan, copied: list[Copied]) -> None:
    """Read every table back from the target: the same rows and digest as the source gave."""
    for c in copied:
        rows, digest = ts.table_digest(target, plan.target[c.table], plan.columns[c.table])
        if rows != c.rows:
            raise _Failed(c.table, f"nguồn có {c.rows} dòng, đích đọc lại được {rows}")
        if digest != c.digest:
            raise _Failed(c.table, "nội dung đọc lại ở đích khác nguồn (mã băm không khớp)")


# -- into a server ------------------------------------------------------------------------------
def _user_triggers(conn: Connection, names: Sequence[str]) -> list[str]:
    rows = conn.execute(
        "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
        " WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace"
    ).fetchall()
    have = {str(r[0]) for r in rows}
    return [n for n in names if n in have]


def _set_triggers(conn: Connection, names: Sequence[str], state: str) -> None:
    # The seals' triggers (and any other): the copied seals must not be sealed again, nor
    # each row recorded as pending. Only the tables' owner may switch them; another role's
    # copy runs with them on, and what they recorded is dropped before the commit.
    for name in names:
        conn.execute("SAVEPOINT kiennghi_triggers")
        try:
            conn.execute(f"ALTER TABLE {name} {state} TRIGGER USER")
        except sqlite3.Error:
            conn.execute("ROLLBACK TO SAVEPOINT kiennghi_triggers")
        conn.execute("RELEASE SAVEPOINT kiennghi_triggers")


def _server_search_index(conn: Connection) -> None:
    """The server's search index for the copied petitions.

    Its vectors are generated columns (db/pg_search.py), computed by COPY as each row went in:
    only the vocabulary is left to count. `rebuild` would rewrite every petition to compute
    each vector a second time (the costliest step of the copy); it serves any other design."""
    from db import pg_search

    generated = conn.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = 'petitions' AND is_generated = 'ALWAYS'"
    ).fetchone()[0]
    if int(generated):
        pg_search.recount(conn)
    else:
        pg_search.rebuild(conn)


def copy_to_server(source: Store, target: Store, progress: Progress | None = None) -> Report:
    """Copy every table of `source` into the empty server database `target`, then verify.

    One transaction on the server, holding its write lock: a failure leaves it empty."""
    from db.pg_store import WRITE_LOCK_KEY

    if target.dialect != POSTGRESQL:
        raise ValueError("copy_to_server writes into a PostgreSQL store")
    _same_version(source, target)
    started = time.monotonic()
    conn = target.conn
    plan = _plan(source.conn, conn)
    conn.execute("BEGIN")
    try:
        conn.execute("SELECT pg_advisory_xact_lock(?)", [WRITE_LOCK_KEY])
        _refuse_not_empty(conn, plan, target.location)
        triggered = _user_triggers(conn, plan.tables)
        _set_triggers(conn, triggered, "DISABLE")
        copied = _copy_all(source.conn, conn, plan, progress)
        for name in plan.tables:
            if plan.target[name].identity:
                advance_identity(conn, name)
        _announce(progress, "search_terms")
        _server_search_index(conn)  # may rewrite petitions: before the seal triggers are on
        _set_triggers(conn, triggered, "ENABLE")
        if "seal_pending" in plan.target:
            # What the seal triggers recorded (for a role that may not switch them off): the
            # rows are the source's, sealed there; left pending they would look tampered with.
            conn.execute("DELETE FROM seal_pending WHERE txid = txid_current()")
        _verify(conn, plan, copied)
        conn.execute("COMMIT")
    except BaseException as exc:
        with contextlib.suppress(Exception):
            conn.execute("ROLLBACK")
        if isinstance(exc, _Failed | sqlite3.Error) or _is_psycopg(exc):
            where = f" (bảng «{ts.label(exc.table)}»)" if isinstance(exc, _Failed) else ""
            raise StoreError(
                f"Chưa chép được sang {target.location}{where}: {_reason(exc)}. Cơ sở dữ liệu"
                " đích vẫn trống như trước, chưa ghi gì."
            ) from exc
        raise
    return Report(
        source.location, target.location, tuple(copied), time.monotonic() - started
    )


def _is_psycopg(exc: BaseException) -> bool:
    try:
        import psycopg
    except ImportError:
        return False
    return isinstance(exc, psycopg.Error)


# -- into a new file ------------------------------------------------------------------------------
def copy_to_file(source: Store, dest: Path | str, progress: Progress | None = None) -> Report:
    """Copy every table of `source` into the new SQLite file `dest`, verified, or leave nothing."""
    from db.transfer_file import write_file

    started = time.monotonic()
    dest = Path(dest)
    copied = write_file(source, dest, lambda conn, plan: _load_file(source, conn, plan, progress))
    return Report(source.location, str(dest), tuple(copied), time.monotonic() - started)


def file_plan(source: Store, conn: Connection) -> _Plan:
    """The copy of `source` into a freshly migrated file on `conn` (same version checked)."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if source.user_version != migrations.LATEST or version != migrations.LATEST:
        raise StoreError(
            f"Nguồn ở phiên bản {source.user_version}, cần phiên bản {migrations.LATEST}."
        )
    return _plan(source.conn, conn)


def _load_file(
    source: Store, conn: sqlite3.Connection, plan: _Plan, progress: Progress | None
) -> list[Copied]:
    conn.execute("BEGIN")
    try:
        _refuse_not_empty(conn, plan, "mới")
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'petitions_fts_%'"
        ).fetchall():
            conn.execute(f"DROP TRIGGER {name}")  # made again by rebuild_search below
        copied = _copy_all(source.conn, conn, plan, progress)
        _announce(progress, "search_terms")
        search_schema.rebuild_search(conn)
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    _verify(conn, plan, copied)
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise _Failed(str(broken[0][0]), "có dòng trỏ tới dòng không tồn tại (khóa ngoại)")
    return copied

