"""Backup with progress: SQLite's online backup API, a few pages at a time, stoppable.

`Store.backup_to` copies in one step; the desktop needs progress and Cancel, so this copies
`PAGES_PER_STEP` pages between callbacks. A callback that raises stops the copy and the partial
file is deleted, so a stopped backup leaves nothing behind.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from db.store import Store, StoreError

PAGES_PER_STEP = 256


def backup_with_progress(
    store: Store,
    dest: Path | str,
    progress: Callable[[int, int], None],
    *,
    pages_per_step: int | None = None,
) -> None:
    """Copy the open database to `dest` (which must not exist); `progress(done, total)` pages."""
    dest = Path(dest)
    if dest.exists():
        raise StoreError(f"Tệp đích «{dest}» đã tồn tại; chọn tên khác.")
    dest.parent.mkdir(parents=True, exist_ok=True)

    def report(_status: int, remaining: int, total: int) -> None:
        progress(total - remaining, total)

    target = sqlite3.connect(str(dest))
    try:
        store.conn.backup(target, pages=pages_per_step or PAGES_PER_STEP, progress=report)
    except sqlite3.Error as exc:
        target.close()
        dest.unlink(missing_ok=True)
        raise StoreError(f"Sao lưu thất bại: {exc}") from exc
    except BaseException:
        target.close()
        dest.unlink(missing_ok=True)
        raise
    target.close()
