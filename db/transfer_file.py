"""The SQLite file a copy writes: under a temporary name, verified, then renamed into place.

The file is created and migrated by `open_store` (the same schema as every file the app
makes), then filled over a plain connection of its own: without the app's TEMP seal triggers
(the copied seals are kept as they are) and without durability during the load (a failure
deletes the file anyway); it is flushed to disk once, verified, switched to a single-file
journal (nothing beside it on a USB stick) and renamed only if `dest` is still free.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from db.backup import fsync_dir, fsync_file, verify_copy
from db.opening import os_reason, sqlite_reason
from db.store import Store, StoreError


def _exists(dest: Path) -> StoreError:
    return StoreError(f"Tệp đích «{dest}» đã tồn tại; chọn tên khác (không ghi đè).")


def write_file(source: Store, dest: Path, load: Callable[[sqlite3.Connection, Any], Any]) -> Any:
    """Make `dest` from `load(conn, plan)` (which fills the migrated file); its result."""
    from db import open_store
    from db.transfer import _Failed, file_plan
    from db.transfer_schema import label

    if dest.exists():
        raise _exists(dest)
    if str(dest).endswith((".part", "-wal", "-shm", "-journal")):
        raise StoreError(f"Tên tệp «{dest.name}» trùng đuôi tệp tạm của SQLite; chọn tên khác.")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Không tạo được thư mục «{dest.parent}»: {os_reason(exc)}.") from exc
    temp = dest.with_name(f".{dest.name}.{os.getpid()}.part")
    leftovers = [temp, *(temp.with_name(temp.name + s) for s in ("-wal", "-shm", "-journal"))]
    done = False
    try:
        try:
            open_store(temp, lock=False, rotation=False).close()  # created and migrated
        except StoreError as exc:
            # Said of the file the clerk named, not of its hidden temporary name.
            raise StoreError(str(exc).replace(str(temp), str(dest))) from exc
        conn = sqlite3.connect(str(temp), isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute("PRAGMA cache_size = -200000")
            result = load(conn, file_plan(source, conn))
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
        problem = verify_copy(temp, version)
        if problem is not None:
            raise StoreError(f"Tệp vừa ghi không đọc lại được ({problem}); đã hủy.")
        fsync_file(temp)
        if dest.exists():
            raise _exists(dest)
        os.replace(temp, dest)
        fsync_dir(dest.parent)
        done = True
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
    finally:
        if not done:
            for path in leftovers:
                with contextlib.suppress(OSError):
                    path.unlink()
