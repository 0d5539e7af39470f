"""Backups: written atomically, verified after writing, and kept in a rotation folder.

Every copy is made with SQLite's online backup API into a hidden temporary name beside the
destination, `PAGES_PER_STEP` pages between progress callbacks (the desktop shows progress and
Cancel; a callback that raises stops the copy). The copy is then switched to a single-file
journal, checked (`PRAGMA quick_check`, the same `user_version`), flushed to disk and only then
renamed to its name, so a destination either holds a sound backup or does not exist.
`staged` and `publish_verified` are that temporary name and that last step, the same for
every file the app copies out (copy-to and a server's backup write theirs the same way,
db/transfer_file.py).

Automatic copies live in `backups/` beside the database, named
`<stem>-<yyyymmdd-hhmmss>-<reason>.db` (the daily one, the one before a restore, the one before
a migration); `prune` keeps the newest `backup_keep` (setting, default 10) of them. A database
that failed its check at open is never backed up: that would spread the damage.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from db.opening import os_reason, quick_check, sqlite_reason
from db.store import BACKUP_DIR_NAME, SqliteStore, Store, StoreError

PAGES_PER_STEP = 256
# The setting of how many automatic backups to keep, and its default (desktop/core/vocabulary.py
# names it BACKUP_KEEP; db cannot import it, so tests/core/test_vocabulary.py checks they agree).
KEEP_KEY = "backup_keep"
DEFAULT_KEEP = 10
DAILY = "hang-ngay"
BEFORE_RESTORE = "truoc-khoi-phuc"
STAMP = "%Y%m%d-%H%M%S"
_HEADER_USER_VERSION = slice(60, 64)  # big-endian, in the 100-byte SQLite file header


@dataclass(frozen=True)
class BackupInfo:
    """One file in the rotation folder."""

    path: Path
    made_at: dt.datetime
    reason: str
    size: int
    user_version: int


def rotation_dir(db_path: Path) -> Path:
    """The rotation folder of a database: `backups/` beside it."""
    return db_path.parent / BACKUP_DIR_NAME


def _pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(db_path.stem)}-(\d{{8}}-\d{{6}})(?:-(\d+))?-([a-z0-9-]+)\.db$")


def _header_version(path: Path) -> int:
    with open(path, "rb") as f:
        header = f.read(100)
    return int.from_bytes(header[_HEADER_USER_VERSION], "big") if len(header) == 100 else 0


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The rotation's backups of this database, newest first."""
    folder = rotation_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = _pattern(db_path)
    found: list[tuple[str, int, BackupInfo]] = []
    for path in folder.iterdir():
        m = pattern.match(path.name)
        if m is None or not path.is_file():
            continue
        try:
            info = BackupInfo(
                path=path,
                made_at=dt.datetime.strptime(m.group(1), STAMP),
                reason=m.group(3),
                size=path.stat().st_size,
                user_version=_header_version(path),
            )
        except (OSError, ValueError):
            continue
        found.append((m.group(1), int(m.group(2) or 0), info))
    found.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return [info for _, _, info in found]


def damaged_message(db_path: Path, problem: str) -> str:
    """The refusal for a damaged database, naming the newest backup to restore from."""
    text = (
        f"Cơ sở dữ liệu «{db_path}» bị hỏng ({problem}); chỉ mở để xem, mọi thao tác ghi và "
        "sao lưu đều bị từ chối."
    )
    backups = list_backups(db_path)
    if not backups:
        return text + f" Chưa có bản sao lưu nào trong «{rotation_dir(db_path)}»."
    newest = backups[0]
    return text + (
        f" Hãy khôi phục từ bản sao lưu gần nhất «{newest.path}» "
        f'(ngày {newest.made_at:%d/%m/%Y %H:%M}): kiennghi --db "{db_path}" restore '
        f'"{newest.path}".'
    )


def _refuse_damaged(store: Store) -> None:
    if store.damage is not None:
        where = store.path if store.path is not None else "cơ sở dữ liệu"
        raise StoreError(
            f"Không sao lưu «{where}»: tệp bị hỏng ({store.damage}), bản sao sẽ hỏng theo."
        )


def fsync_file(path: Path) -> None:
    """Flush a file's contents to disk before it is renamed into place."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (a no-op where folders cannot be opened: Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def verify_copy(path: Path, user_version: int) -> str | None:
    """Why the copy at `path` is not a sound backup of a `user_version` database, or None."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        problem = quick_check(conn)
        if problem is not None:
            return problem
        found = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if found != user_version:
            return f"phiên bản {found}, cần {user_version}"
        return None
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()


def exists_error(dest: Path) -> StoreError:
    """The refusal to write over a file that is already there."""
    return StoreError(f"Tệp đích «{dest}» đã tồn tại; chọn tên khác (không ghi đè).")


@contextlib.contextmanager
def staged(dest: Path) -> Iterator[Path]:
    """A hidden temporary name beside `dest` (which must not exist) to write the copy under.

    The folder is made if missing; on leaving, whatever is left under the temporary name (the
    file after a failure, its journals) is deleted, so a failed copy leaves nothing."""
    if dest.exists():
        raise exists_error(dest)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a file where the folder should be
        raise StoreError(
            f"Không tạo được thư mục «{dest.parent}»: đã có một tệp trùng tên."
        ) from exc
    except OSError as exc:
        raise StoreError(f"Không tạo được thư mục «{dest.parent}»: {os_reason(exc)}.") from exc
    temp = dest.with_name(f".{dest.name}.{os.getpid()}.part")
    try:
        yield temp
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                temp.with_name(temp.name + suffix).unlink()


def publish_verified(temp: Path, dest: Path, user_version: int) -> None:
    """Rename the written copy `temp` to `dest` once it reads back sound and is on disk.

    The one publish step of every file copy (a backup, copy-to): checked (`verify_copy`),
    flushed, renamed only if `dest` is still free, the rename flushed; OSError is the caller's
    to word (it knows what was being written)."""
    problem = verify_copy(temp, user_version)
    if problem is not None:
        raise StoreError(f"Tệp vừa ghi ra «{dest}» không đọc lại được ({problem}); đã hủy.")
    fsync_file(temp)
    if dest.exists():  # made by someone else while the copy was written
        raise exists_error(dest)
    os.replace(temp, dest)
    fsync_dir(dest.parent)


def write_verified(
    store: SqliteStore,
    dest: Path,
    progress: Callable[[int, int], None] | None = None,
    *,
    pages_per_step: int | None = None,
) -> Path:
    """Copy the open database to `dest` (which must not exist), verified, or leave nothing."""
    _refuse_damaged(store)
    version = store.user_version

    def report(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    with staged(dest) as temp:
        try:
            target = sqlite3.connect(str(temp), isolation_level=None)
            try:
                store.conn.backup(target, pages=pages_per_step or PAGES_PER_STEP, progress=report)
                # A backup is one self-contained file: no -wal beside it on a USB stick.
                target.execute("PRAGMA journal_mode = DELETE")
            finally:
                target.close()
            publish_verified(temp, dest, version)
        except sqlite3.Error as exc:
            raise StoreError(f"Sao lưu vào «{dest}» thất bại: {sqlite_reason(exc)}.") from exc
        except OSError as exc:
            raise StoreError(f"Sao lưu vào «{dest}» thất bại: {os_reason(exc)}.") from exc
    return dest


def backup_with_progress(
    store: Store,
    dest: Path | str,
    progress: Callable[[int, int], None],
    *,
    pages_per_step: int | None = None,
) -> None:
    """Copy the open database to `dest` (which must not exist); `progress(done, total)` pages."""
    if not isinstance(store, SqliteStore):
        store.backup_to(dest)
        return
    write_verified(store, Path(dest), progress, pages_per_step=pages_per_step)


def keep_setting(store: Store) -> int:
    """How many automatic backups to keep (setting `backup_keep`, at least 1)."""
    try:
        row = store.conn.execute("SELECT value FROM settings WHERE key = ?", [KEEP_KEY]).fetchone()
    except sqlite3.Error:  # no settings table yet (a file being created)
        return DEFAULT_KEEP
    try:
        return max(1, int(json.loads(row[0]))) if row is not None else DEFAULT_KEEP
    except (TypeError, ValueError):
        return DEFAULT_KEEP


def rotate(store: Store, reason: str, *, keep: int | None = None) -> Path | None:
    """A verified backup into the rotation folder, then the oldest beyond `keep` deleted.

    None for a store without a rotation (in memory, a scratch file, or a server)."""
    if not isinstance(store, SqliteStore) or store.path is None or store.backup_dir is None:
        return None
    folder = store.backup_dir
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Không tạo được thư mục sao lưu «{folder}»: {os_reason(exc)}.") from exc
    stamp = dt.datetime.now().strftime(STAMP)
    # Two copies in one second (a restore right after a migration) are numbered after the
    # highest of that second, so the newest always sorts first even after pruning.
    pattern = _pattern(store.path)
    same = [pattern.match(p.name) for p in folder.glob(f"{store.path.stem}-{stamp}-*.db")]
    n = max((int(m.group(2) or 0) for m in same if m is not None), default=-1) + 1
    dest = folder / (f"{store.path.stem}-{stamp}-{reason}.db" if n == 0 else
                     f"{store.path.stem}-{stamp}-{n}-{reason}.db")  # fmt: skip
    write_verified(store, dest)
    prune(store.path, keep if keep is not None else keep_setting(store))
    return dest


def prune(db_path: Path, keep: int) -> list[Path]:
    """Delete the rotation's backups beyond the newest `keep`; the deleted paths."""
    removed = []
    for info in list_backups(db_path)[max(1, keep) :]:
        with contextlib.suppress(OSError):
            info.path.unlink()
            removed.append(info.path)
    return removed
