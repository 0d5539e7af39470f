"""The automatic backups a clerk can count on: one a day, on the first start of the desktop.

The copies go into the rotation folder `backups/` beside the database (db/backup.py): beside
it rather than in the user data folder, so a database on a shared drive or a USB stick carries
its backups with it and a restore finds them next to the file it replaces. The newest
`backup_keep` copies (setting, default 10) are kept, whatever made them: the daily ones, the
one before each restore, the one before each schema migration.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from db import backup as bk
from db.backup import BackupInfo
from db.store import Store, StoreError

REASON_LABELS = {
    bk.DAILY: "hằng ngày",
    bk.BEFORE_RESTORE: "trước khi khôi phục",
}


def rotation_dir(db_path: Path) -> Path:
    """The folder of a database file's automatic backups (`backups/` beside it)."""
    return bk.rotation_dir(db_path)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The automatic backups of a database file, newest first."""
    return bk.list_backups(db_path)


def reason_label(reason: str) -> str:
    """Why a backup was made, in the clerk's words."""
    if reason.startswith("truoc-nang-cap-v"):
        return f"trước khi nâng cấp từ {reason.removeprefix('truoc-nang-cap-')}"
    return REASON_LABELS.get(reason, reason)


def daily_due(store: Store, today: dt.date | None = None) -> bool:
    """Whether today's automatic backup is still to be made (a folder listing, no copy)."""
    if store.path is None or store.backup_dir is None or store.damage is not None:
        return False
    day = today or dt.date.today()
    return not any(
        info.reason == bk.DAILY and info.made_at.date() == day
        for info in bk.list_backups(store.path)
    )


def daily_backup(store: Store, today: dt.date | None = None) -> Path | None:
    """Today's automatic backup if none was made today; the new file, or None.

    Nothing for a damaged database (its copy would be damaged too) or one without a rotation."""
    if not daily_due(store, today):
        return None
    return bk.rotate(store, bk.DAILY)


def open_notice(store: Store) -> str | None:
    """What the clerk must know about the file itself: damaged (with the backup to restore)
    or read-only; None for a sound, writable file."""
    if store.damage is not None:
        return store.read_only
    if store.read_only is not None:
        return f"{store.read_only} Chỉ xem được, không ghi được."
    return None


def backup_notice(store: Store, today: dt.date | None = None) -> str | None:
    """Make today's backup if due; a warning when it failed (never a reason not to work)."""
    try:
        daily_backup(store, today)
    except StoreError as exc:
        return f"Chưa sao lưu tự động được hôm nay: {exc}"
    return None


def startup_notice(store: Store, today: dt.date | None = None) -> str | None:
    """Both at once, the backup first: what the clerk must be told when the file opens.

    A damaged file is never backed up (`daily_due`), so it hears only why it is read-only."""
    return backup_notice(store, today) or open_notice(store)


def backup_with_progress(
    store: Store, dest: Path | str, progress: Callable[[int, int], None]
) -> None:
    """Back up the open database to `dest` (which must not exist), reporting pages done/total."""
    bk.backup_with_progress(store, dest, progress)
