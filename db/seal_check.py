"""Checking the seals and the hash chain of db/seals.py: the first record changed outside the app.

Each problem is one Vietnamese sentence naming the first record of its kind (the lowest key
of a table, the earliest link of the chain) and how many more there are, so a register with
thousands of rows changed by hand is reported in a few lines.

Every table is read once, row by row (`engine.stream`): on PostgreSQL through server-side
cursors inside one read-only REPEATABLE READ transaction, so the client holds a few thousand
rows at a time, not a table of a million petitions, and the chain, the rows and their seals are
compared in one snapshot while clerks keep writing. Measured (benchmarks/check_memory.py, 50,000
demo petitions, 225,591 sealed rows): `kiennghi check`'s peak memory 334 → 124 MiB, what the
command holds with 200 petitions; the time unchanged (15.6 s).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import heapq
from collections.abc import Iterator
from typing import Any

from db.engine import POSTGRESQL, Connection, dialect_of, stream
from db.seals import (
    EVENTS,
    SEALED,
    digester,
    is_sealed,
    key_sql,
    keyer,
    link,
    present,
    removal_digest,
)

_CHANGED = "đã bị sửa ngoài phần mềm: dữ liệu không khớp dấu niêm phong"
_ADDED = "được thêm ngoài phần mềm: không có dấu niêm phong"
_DELETED = "đã bị xoá ngoài phần mềm: còn dấu niêm phong nhưng không còn dữ liệu"


def problems(conn: Connection) -> list[str]:
    """Every seal and the chain verified; one sentence per kind of problem (empty when sound)."""
    if not is_sealed(conn):
        return []
    with _snapshot(conn):
        found = chain_problems(conn)
        for table in present(conn, SEALED):
            found += table_problems(conn, table)
    return found


@contextlib.contextmanager
def _snapshot(conn: Connection) -> Iterator[None]:
    """On PostgreSQL outside a transaction: one read-only snapshot for the whole check."""
    if dialect_of(conn) != POSTGRESQL or conn.in_transaction:
        yield
        return
    conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    try:
        yield
    finally:
        with contextlib.suppress(Exception):  # a lost connection: the error is the caller's
            conn.execute("ROLLBACK")  # nothing was written


def head(conn: Connection) -> tuple[int, str] | None:
    """The chain's length and last hash (hex), as recorded; None before migration 9."""
    if not is_sealed(conn):
        return None
    row = conn.execute("SELECT events, hash FROM seal_head WHERE id = 1").fetchone()
    return int(row[0]), bytes(row[1]).hex()


# -- current rows -----------------------------------------------------------------------------
def _scan(conn: Connection, table: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """(column names, rows) of `table`, each row preceded by its seal (or None)."""
    order = ", ".join(f"t.{c}" for c in SEALED[table])
    names, rows = stream(
        conn,
        f"SELECT s.hash, t.* FROM {table} t LEFT JOIN seals s"
        f" ON s.table_name = ? AND s.row_key = {key_sql(table, 't')} ORDER BY {order}",
        [table],
    )
    return names[1:], rows


def table_problems(conn: Connection, table: str) -> list[str]:
    """The rows of one sealed table changed, added or deleted outside the app."""
    names, rows = _scan(conn, table)
    key, seal_of = keyer(table, names), digester(table, tuple(names))
    changed: list[dict[str, Any]] = []
    added: list[dict[str, Any]] = []
    n_changed = n_added = matched = 0
    keys: set[str] = set()
    for r in rows:
        seal, values = r[0], r[1:]
        keys.add(key(values))
        if seal is None:
            n_added += 1
            if not added:
                added.append(dict(zip(names, values, strict=True)))
            continue
        matched += 1
        if seal_of(values) != bytes(seal):
            n_changed += 1
            if not changed:
                changed.append(dict(zip(names, values, strict=True)))
    found = []
    if changed:
        found.append(_sentence(conn, table, changed[0], _CHANGED, n_changed))
    if added:
        found.append(_sentence(conn, table, added[0], _ADDED, n_added))
    sealed = int(conn.execute(
        "SELECT count(*) FROM seals WHERE table_name = ?", [table]
    ).fetchone()[0])  # fmt: skip
    if sealed != matched:
        _, sealed_keys = stream(conn, "SELECT row_key FROM seals WHERE table_name = ?", [table])
        gone = sorted((str(k) for (k,) in sealed_keys if str(k) not in keys), key=_natural)
        if gone:
            known = dict(zip(SEALED[table], gone[0].split("/"), strict=False))
            found.append(_sentence(conn, table, known, _DELETED, len(gone)))
    return found


def sound_keys(conn: Connection, table: str) -> set[str]:
    """Keys of the rows of `table` that match their seal (for `seals.reseal_table`)."""
    names, rows = _scan(conn, table)
    key, seal_of = keyer(table, names), digester(table, tuple(names))
    return {key(r[1:]) for r in rows if r[0] is not None and seal_of(r[1:]) == bytes(r[0])}


def _natural(key: str) -> tuple[Any, ...]:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in key.split("/"))


def _more(count: int) -> str:
    return f" (cùng {count - 1:,} dòng khác của bảng này)".replace(",", ".") if count > 1 else ""


def _sentence(conn: Connection, table: str, row: dict[str, Any], what: str, count: int) -> str:
    return f"{label(conn, table, row)} {what}{_more(count)}."


def _petitions_of(conn: Connection, link_table: str, column: str, value: Any) -> str:
    try:
        ids = [str(r[0]) for r in conn.execute(
            f"SELECT petition_id FROM {link_table} WHERE {column} = ? ORDER BY petition_id",
            [int(value)],
        ).fetchall()]  # fmt: skip
    except (TypeError, ValueError):
        return ""
    return f" (kiến nghị {', '.join(ids)})" if ids else ""


def label(conn: Connection, table: str, row: dict[str, Any]) -> str:
    """The record as a clerk knows it ("Trả lời #17 (kiến nghị 45)")."""
    get = row.get
    rid = get("id")
    if table == "petitions":
        return f"Kiến nghị #{rid}"
    if table == "replies":
        return f"Trả lời #{rid}" + _petitions_of(conn, "reply_petitions", "reply_id", rid)
    if table == "incoming_documents":
        number = f" (số đến {get('incoming_no')}/{get('year')})" if get("incoming_no") else ""
        return f"Văn bản đến #{rid}{number}"
    if table == "attachments":
        of = f" (văn bản đến {get('document_id')})" if get("document_id") else ""
        name = f" «{get('filename')}»" if get("filename") else ""
        return f"Tệp đính kèm #{rid}{name}{of}"
    if table == "assignments":
        of = f" (kiến nghị {get('petition_id')})" if get("petition_id") else ""
        return f"Giao việc #{rid}{of}"
    if table == "outgoing_letters":
        number = f" (số {get('number')}/{get('symbol')})" if get("number") else ""
        return f"Văn bản đi #{rid}{number}"
    if table == "reply_petitions":
        return f"Liên kết trả lời #{get('reply_id')} – kiến nghị {get('petition_id')}"
    if table == "letter_petitions":
        return f"Liên kết văn bản đi #{get('letter_id')} – kiến nghị {get('petition_id')}"
    if table == "settings":
        return f"Cài đặt «{get('key')}»"
    if table == "users":
        name = f" ({get('name')})" if get("name") else ""
        return f"Người dùng #{rid}{name}"
    kinds = {"units": "Đơn vị", "fields": "Lĩnh vực", "localities": "Địa phương"}
    code = f" ({get('code')})" if get("code") else ""
    return f"{kinds.get(table, table)} #{rid}{code}"


# -- the chain --------------------------------------------------------------------------------
def _when(at: Any) -> str:
    try:
        return f"{dt.datetime.fromisoformat(str(at)):%H:%M %d/%m/%Y}"
    except ValueError:
        return str(at)


def event_label(table: str, row: dict[str, Any]) -> str:
    """An event as the history shows it: "sự kiện #1 (kiến nghị 4, 09:50 01/12/2026, vanthu2)"."""
    rid = row.get("id")
    if "actor" not in row or row.get("actor") is None:  # the row is gone: only its id is known
        kind = {"field_changes": "thay đổi", "audit_events": "nhật ký"}.get(table, "sự kiện")
        return f"{kind} #{rid}"
    when, who = _when(row.get("at")), row.get("actor")
    if table == "status_events":
        return f"sự kiện #{rid} (kiến nghị {row.get('petition_id')}, {when}, {who})"
    if table == "field_changes":
        entity = "văn bản đến" if row.get("entity") == "document" else "kiến nghị"
        return (
            f"thay đổi #{rid} ({entity} {row.get('entity_id')}, trường {row.get('field')},"
            f" {when}, {who})"
        )
    return f"nhật ký #{rid} ({row.get('action')}, {when}, {who})"


Link = tuple[int, str, int, bytes, int, list[str], tuple[Any, ...]]


def _links(conn: Connection, table: str) -> Iterator[Link]:
    """(chain id, table, event id, hash, removed, column names, the event or NULLs), in order."""
    names, rows = stream(
        conn,
        f"SELECT c.id, c.row_id, c.hash, c.removed, e.* FROM seal_chain c LEFT JOIN {table} e"
        " ON e.id = c.row_id WHERE c.table_name = ? ORDER BY c.id",
        [table],
    )
    names = names[4:]
    for r in rows:
        yield int(r[0]), table, int(r[1]), bytes(r[2]), int(r[3]), names, r[4:]


def chain_problems(conn: Connection) -> list[str]:
    """The first link broken (an event changed or deleted), events outside it, a cut head."""
    tables = present(conn, EVENTS)
    streams = [_links(conn, table) for table in tables]
    found: list[str] = []
    previous, count, broken, first = bytes(32), 0, 0, ""
    chained: dict[str, int] = dict.fromkeys(tables, 0)
    # Events the app chained again (changed or deleted): only their last link can be checked.
    latest = {
        (str(t), int(r)): int(i)
        for t, r, i in conn.execute(
            "SELECT table_name, row_id, max(id) FROM seal_chain GROUP BY table_name, row_id"
            " HAVING count(*) > 1"
        ).fetchall()
    }
    for cid, table, rid, stored, removed, names, values in heapq.merge(
        *streams, key=lambda s: s[0]
    ):
        count += 1
        row = dict(zip(names, values, strict=True))
        intact = row.get("id") is not None
        final = latest.get((table, rid), cid) == cid
        if removed:
            sound = link(previous, removal_digest(table, rid)) == stored and not (final and intact)
        elif not final:
            sound = True
        else:
            sound = intact and link(previous, digester(table, tuple(names))(values)) == stored
            chained[table] += intact
        if not sound:
            broken += 1
            if not first:
                shown = row if intact else {"id": rid}
                first = event_label(table, shown)
        previous = stored
    stray = int(conn.execute(
        "SELECT count(*) FROM seal_chain WHERE table_name NOT IN ("
        + ", ".join("?" for _ in tables) + ")", tables,
    ).fetchone()[0]) if tables else 0  # fmt: skip
    if first:
        more = f" ({broken - 1} mắt xích sau cũng không khớp)" if broken > 1 else ""
        found.append(
            f"Lịch sử: {first} bị sửa hoặc xoá ngoài phần mềm: chuỗi băm đứt từ đây{more}."
        )
    if stray:
        found.append(f"Lịch sử: {stray} mắt xích của chuỗi băm bị sửa ngoài phần mềm.")
    recorded, last = conn.execute("SELECT events, hash FROM seal_head WHERE id = 1").fetchone()
    if int(recorded) != count + stray or bytes(last) != previous:
        found.append(
            f"Lịch sử: đầu chuỗi ghi nhận {int(recorded):,} sự kiện nhưng chuỗi còn"
            f" {count + stray:,}: các sự kiện cuối đã bị xoá ngoài phần mềm.".replace(",", ".")
            if int(recorded) > count + stray
            else "Lịch sử: đầu chuỗi băm không khớp chuỗi: bị sửa ngoài phần mềm."
        )
    for table in tables:
        total = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        if total > chained[table]:
            cur = conn.execute(
                f"SELECT * FROM {table} WHERE id NOT IN (SELECT row_id FROM seal_chain"
                " WHERE table_name = ? AND removed = 0) ORDER BY id LIMIT 1",
                [table],
            )
            names = [str(d[0]) for d in cur.description]
            row = cur.fetchone()
            if row is not None:
                extra = total - chained[table]
                more = f" (cùng {extra - 1} sự kiện khác)" if extra > 1 else ""
                found.append(
                    f"Lịch sử: {event_label(table, dict(zip(names, tuple(row), strict=True)))}"
                    f" được thêm ngoài phần mềm: không nằm trong chuỗi băm{more}."
                )
    return found
