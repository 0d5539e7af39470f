"""Small conversions shared by the repositories."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_mod


def new_uuid() -> str:
    """A fresh stable row identity (merging two offices' files later relies on it)."""
    return str(uuid_mod.uuid4())


def now_iso() -> str:
    """Current local time, ISO 8601 with seconds."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def iso(day: dt.date | None) -> str | None:
    """A date as stored (YYYY-MM-DD), None kept."""
    return day.isoformat() if day else None


def to_date(text: str | None) -> dt.date | None:
    """A stored date back to `date`, None kept."""
    return dt.date.fromisoformat(text) if text else None


def must_date(text: str) -> dt.date:
    """A stored non-null date back to `date`."""
    return dt.date.fromisoformat(text)
