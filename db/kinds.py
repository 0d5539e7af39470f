"""Which rows of `petitions` a count or a list takes: kiến nghị, nhiệm vụ (tasks), or both.

Since migration 11 a task is a row of `petitions` with `kind = 'task'`, so every count made
over that table says which kind it means. The kind goes into the SQL as a literal from the
closed set KINDS (never typed text): the term then matches the partial index
`petitions_tasks ... WHERE kind = 'task'` word for word on both engines, whatever a planner does
with a bound value (SQLite re-plans for one; PostgreSQL is set to custom plans, db/engine.py).
"""

from __future__ import annotations

from db.tasks import KINDS

__all__ = ["KINDS", "Kind", "kind_sql"]

Kind = str | None  # "petition", "task", or None for both


def kind_sql(kind: Kind, alias: str = "p") -> str:
    """The SQL term keeping rows of `kind` ("1 = 1" for both); ValueError for another word."""
    if kind is None:
        return "1 = 1"
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return f"{alias}.kind = '{kind}'"
