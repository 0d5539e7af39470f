"""The seals of db/seals.py on PostgreSQL: persistent triggers recording the app's writes."""

from __future__ import annotations

from db.engine import Connection


def create_triggers(conn: Connection) -> None:
    """The pending table and the triggers that fill it (migration 9 on PostgreSQL)."""
    raise NotImplementedError


def before_commit(conn: Connection) -> None:
    """Seal what this transaction recorded as pending."""
    raise NotImplementedError
