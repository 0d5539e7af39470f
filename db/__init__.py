"""The data layer: `open_store(target)` opens a SQLite file or a PostgreSQL server."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from db.store import Store


def open_store(target: Path | str, **options: Any) -> Store:
    """See db/connect.py (imported here lazily: `db.store` is imported through this package)."""
    from db.connect import open_store as connect

    return connect(target, **options)
