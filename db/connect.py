"""`open_store`: the one way to open a database, a SQLite file or a PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

from db import migrations
from db.engine import is_postgres_url
from db.store import SqliteStore, Store, StoreError


def open_store(
    target: Path | str,
    *,
    migrate: bool = True,
    create: bool = False,
    lock: bool = True,
    rotation: bool = True,
) -> Store:
    """Connect to `target` (a file path, `:memory:` or `postgresql://…`) and migrate it.

    `create` lets a SQLite file's folder be made (init); `lock` and `rotation` are for SQLite
    scratch files (a restore being built): no lock file beside them, no backups folder."""
    store: Store
    if is_postgres_url(target):
        from db.pg_store import PostgresStore

        store = PostgresStore(str(target))
    else:
        store = SqliteStore(target, create=create, lock=lock, rotation=rotation)
    if migrate:
        try:
            if store.read_only is not None and store.user_version < migrations.LATEST:
                raise StoreError(f"{store.read_only} Tệp cần được nâng cấp nên không mở được.")
            migrations.migrate(store)
        except BaseException:
            store.close()
            raise
    return store
