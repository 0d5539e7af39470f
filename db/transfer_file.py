"""The SQLite file a copy writes: under a temporary name, verified, then renamed into place.

The temporary file gets the schema of every file the app makes (the migrations, run on a
scratch database in memory and copied in with SQLite's backup API), then is filled over a
plain connection of its own: without the app's TEMP seal triggers (the copied seals are kept as
they are) and without durability during the load (a failure deletes the file anyway). Every
step runs on connections opened here, so any failure is said of the file the clerk asked for,
never of its hidden temporary name. The end is a backup's (db/backup.py `publish_verified`):
verified, flushed, renamed only if `dest` is still free.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from db.backup import exists_error, publish_verified, staged
from db.opening import os_reason, sqlite_reason
from db.store import SqliteStore, Store, StoreError


def _migrated(temp: Path) -> sqlite3.Connection:
    """`temp` created with the current schema; a plain connection to it, tuned for the load."""
    from db.migrations import migrate

    blank = SqliteStore(":memory:")
    try:
        migrate(blank)
        conn = sqlite3.connect(str(temp), isolation_level=None)
        try:
            blank.conn.backup(conn)
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute("PRAGMA cache_size = -200000")
        except BaseException:
            conn.close()
            raise
        return conn
    finally:
        blank.close()


def write_file(source: Store, dest: Path, load: Callable[[sqlite3.Connection, Any], Any]) -> Any:
    """Make `dest` from `load(conn, plan)` (which fills the migrated file); its result."""
    from db.transfer import _Failed, file_plan
    from db.transfer_schema import label

    if dest.exists():
        raise exists_error(dest)
    if str(dest).endswith((".part", "-wal", "-shm", "-journal")):
        raise StoreError(f"Tên tệp «{dest.name}» trùng đuôi tệp tạm của SQLite; chọn tên khác.")
    with staged(dest) as temp:
        try:
            conn = _migrated(temp)
            try:
                result = load(conn, file_plan(source, conn))
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            finally:
                conn.close()
            publish_verified(temp, dest, version)
            return result
        except _Failed as exc:
            raise StoreError(
                f"Chưa chép được ra «{dest}» (bảng «{label(exc.table)}»): {exc.reason}."
                " Không có tệp nào được tạo."
            ) from exc
        except StoreError:
            raise
        except sqlite3.Error as exc:
            raise StoreError(f"Chưa chép được ra «{dest}»: {sqlite_reason(exc)}.") from exc
        except OSError as exc:
            raise StoreError(f"Chưa chép được ra «{dest}»: {os_reason(exc)}.") from exc
        except Exception as exc:
            from db.transfer import _is_psycopg, _reason

            if _is_psycopg(exc):
                raise StoreError(
                    f"Chưa chép được ra «{dest}»: máy chủ nguồn báo lỗi ({_reason(exc)})."
                    " Không có tệp nào được tạo."
                ) from exc
            raise
