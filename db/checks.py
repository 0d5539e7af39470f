"""The SQLite file's own checks: structure, foreign keys, the FTS5 index and its vocabulary."""

from __future__ import annotations

import sqlite3

from db.engine import Connection


def check_connection(conn: sqlite3.Connection) -> list[str]:
    """`Store.check` on a writable connection (restore checks its scratch copy with it)."""
    problems, tables = structure_problems(conn)
    return problems + search_check(conn, tables, vocabulary=not problems)


def structure_problems(conn: sqlite3.Connection) -> tuple[list[str], list[str]]:
    problems: list[str] = []
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:  # damage too deep for the check to walk past
        return [f"integrity_check: cấu trúc tệp bị hỏng ({exc})"], []
    for (msg,) in rows:
        if msg != "ok":
            problems.append(f"integrity_check: {msg}")
    for row in conn.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"khóa ngoại: bảng {row[0]} dòng {row[1]} trỏ tới {row[2]} không tồn tại")
    tables = [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND sql LIKE '%USING fts5%'"
        )
    ]
    return problems, tables


def search_check(conn: sqlite3.Connection, tables: list[str], *, vocabulary: bool) -> list[str]:
    problems = []
    for table in tables:
        try:
            conn.execute(f"INSERT INTO {table}({table}, rank) VALUES('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:
            problems.append(f"chỉ mục tìm kiếm {table}: {exc}")
    if vocabulary and not problems:
        from db import terms

        problems += terms.check(conn)
    return problems




def pg_problems(conn: Connection) -> list[str]:
    """What a PostgreSQL database can have wrong that the server itself does not refuse."""
    problems: list[str] = []
    for name, in conn.execute(
        "SELECT conname FROM pg_constraint WHERE NOT convalidated AND connamespace ="
        " current_schema()::regnamespace"
    ).fetchall():
        problems.append(f"ràng buộc {name} chưa được kiểm chứng trên dữ liệu")
    from db import pg_search

    problems += pg_search.check(conn)
    return problems
