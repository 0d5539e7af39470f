"""Restore: the backup is checked completely before the live database is touched.

Order, so that a refusal at any step leaves the live file byte for byte as it was:
1. the source file itself: present, an SQLite header, not shorter than its header says;
2. the exclusive lock on `<db>.lock` (db/locks.py): refused while any program has it open;
3. the source copied (online backup API, read-only) into a hidden temporary file beside the
   live one, which is then checked: `PRAGMA integrity_check`, this application's tables for
   its `user_version`, a version neither 0 nor newer than the program, foreign keys, the search
   index and vocabulary (`Store.check`); then migrated to the current schema and re-checked;
   then its seals (db/seal_check.py): a backup whose record was changed outside the app (a
   reply's text edited with another program) is refused, naming that record. After the
   migrations, so a backup older than the seals (migration 9) gets them and restores;
4. a verified copy of the live database into the backups rotation;
5. the stale `-wal`/`-shm` removed (only under the exclusive lock: nobody has them open) and the
   temporary file renamed over the live one (`os.replace`, atomic), the folder flushed.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import sqlite3
from pathlib import Path

from db import locks
from db.checks import check_connection
from db.opening import SQLITE_MAGIC, disk_reason, os_reason, quick_check, remember_verdict
from db.store import SqliteStore, StoreError

_ours = "không phải bản sao lưu Sổ Kiến Nghị"


@functools.cache
def expected_tables(version: int) -> frozenset[str]:
    """The tables a database of this application has at schema `version`."""
    from db.migrations import migrate

    store = SqliteStore(":memory:")
    try:
        migrate(store, target=version)
        rows = store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return frozenset(str(r[0]) for r in rows)
    finally:
        store.close()


def _check_header(src: Path) -> None:
    if not src.is_file():
        raise StoreError(f"Không tìm thấy tệp sao lưu «{src}».")
    size = src.stat().st_size
    if size == 0:
        raise StoreError(f"«{src}» {_ours}: tệp rỗng.")
    with open(src, "rb") as f:
        header = f.read(100)
    if not header.startswith(SQLITE_MAGIC):
        raise StoreError(f"«{src}» không phải là tệp cơ sở dữ liệu SQLite; {_ours}.")
    if len(header) < 100:
        raise StoreError(f"Tệp sao lưu «{src}» bị cắt cụt: chỉ có {size} byte.")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count in the header is valid only while "version-valid-for" matches the change
    # counter; a -wal beside the file may hold pages the main file does not have yet.
    counted = header[92:96] == header[24:28] and pages > 0
    if counted and not src.with_name(src.name + "-wal").exists() and size < page_size * pages:
        raise StoreError(
            f"Tệp sao lưu «{src}» bị cắt cụt: có {size:,} byte, cần {page_size * pages:,} byte "
            "(tệp chép chưa xong hoặc hỏng). Chưa thay đổi gì."
        )


def _copy_source(src: Path, temp: Path) -> None:
    try:
        source = sqlite3.connect(f"{src.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"Không mở được tệp sao lưu «{src}» ({exc}).") from exc
    try:
        target = sqlite3.connect(str(temp))
        try:
            source.backup(target)
        finally:
            target.close()
    except sqlite3.DatabaseError as exc:
        reason = disk_reason(exc)
        if reason is not None:
            # The copy beside the live file could not be written: the backup is not at fault.
            raise StoreError(
                f"Không khôi phục được vào «{temp.parent}»: {reason}. Chưa thay đổi gì."
            ) from exc
        raise StoreError(f"Tệp sao lưu «{src}» bị hỏng, không đọc được ({exc}).") from exc
    finally:
        source.close()


def _validate(src: Path, temp: Path) -> None:
    from db.migrations import LATEST

    conn = sqlite3.connect(str(temp), isolation_level=None)
    try:
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master")}
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"Tệp sao lưu «{src}» bị hỏng ({exc}).") from exc
        if not tables:
            raise StoreError(f"«{src}» {_ours}: cơ sở dữ liệu trống (chưa có lược đồ).")
        missing = sorted(expected_tables(min(max(version, 1), LATEST)) - tables)
        if missing:
            raise StoreError(
                f"«{src}» {_ours}: là tệp SQLite của chương trình khác (thiếu bảng "
                + ", ".join(missing[:5])
                + ("…" if len(missing) > 5 else "")
                + ")."
            )
        if version > LATEST:
            raise StoreError(
                f"Tệp sao lưu «{src}» ở phiên bản {version}, mới hơn phần mềm này (tối đa "
                f"{LATEST}). Hãy cập nhật Sổ Kiến Nghị rồi khôi phục."
            )
        if version == 0:
            raise StoreError(f"«{src}» {_ours}: chưa có phiên bản lược đồ.")
        # integrity_check, foreign keys, the search index and its vocabulary: Store.check's.
        problems = check_connection(conn)
    finally:
        conn.close()
    if problems:
        raise StoreError(f"Tệp sao lưu «{src}» bị hỏng: " + "; ".join(problems[:3]))
    # Checked in full: the opens that follow need not run quick_check on it again.
    remember_verdict(temp, None)


def _upgrade(src: Path, temp: Path) -> None:
    from db.backup import fsync_file
    from db.migrations import migrate

    # An older backup is brought to the current schema here, before it replaces anything.
    store = SqliteStore(temp, lock=False, rotation=False)
    try:
        before = store.user_version
        migrate(store)
        # Only a migration can have changed what _validate checked.
        problem = quick_check(store.conn) if store.user_version != before else None
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    if problem is not None:
        raise StoreError(f"Tệp sao lưu «{src}» hỏng sau khi nâng cấp: {problem}.")
    fsync_file(temp)


def _refuse_tampered(src: Path, temp: Path) -> None:
    from db.seal_check import problems

    conn = sqlite3.connect(str(temp), isolation_level=None)
    try:
        found = problems(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"Tệp sao lưu «{src}» bị hỏng ({exc}). Chưa thay đổi gì.") from exc
    finally:
        conn.close()
    if found:
        more = f" Cùng {len(found) - 1} chỗ khác nữa." if len(found) > 1 else ""
        raise StoreError(
            f"Không khôi phục từ «{src}»: bản sao lưu không khớp dấu niêm phong. {found[0]}{more}"
            " Cơ sở dữ liệu hiện tại vẫn giữ nguyên, chưa thay đổi gì."
        )


def _copy_live_aside(dest: Path) -> Path | None:
    from db import backup

    if not dest.exists() or dest.stat().st_size == 0:
        return None
    try:
        live = SqliteStore(dest, lock=False)
    except StoreError:
        live = None  # not even readable as a database: kept as bytes below
    if live is not None:
        try:
            if live.damage is None:
                return backup.rotate(live, backup.BEFORE_RESTORE)
        finally:
            live.close()
    # A damaged live file is what restore is for: keep its bytes, unverified, for support.
    folder = backup.rotation_dir(dest)
    folder.mkdir(exist_ok=True)
    # Named outside the rotation's pattern: never offered as "the newest good backup".
    kept = folder / f"{dest.stem}-hong-{os.getpid()}.db"
    # Copied in chunks: a damaged register of a gigabyte is not read into memory at once.
    shutil.copyfile(dest, kept)
    wal = dest.with_name(dest.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        shutil.copyfile(wal, kept.with_name(kept.name + "-wal"))
    return kept


def _swap(temp: Path, dest: Path) -> None:
    from db.backup import fsync_dir

    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            dest.with_name(dest.name + suffix).unlink()
    os.replace(temp, dest)
    fsync_dir(dest.parent)


def restore_database(src: Path, dest: Path) -> Path | None:
    """Replace the database at `dest` with the backup `src`; the copy kept of the old one."""
    _check_header(src)
    if not dest.parent.is_dir():
        raise StoreError(f"Thư mục «{dest.parent}» không tồn tại.")
    if dest.exists() and src.resolve() == dest.resolve():
        raise StoreError("Không thể khôi phục một tệp lên chính nó.")
    try:
        lock = locks.exclusive(dest)
    except OSError as exc:
        raise StoreError(f"Không khôi phục được vào «{dest}»: {os_reason(exc)}.") from exc
    if lock is None:
        raise StoreError(
            f"Cơ sở dữ liệu «{dest}» đang được mở ở một chương trình khác (cửa sổ Sổ Kiến Nghị "
            "hoặc một lệnh đang chạy). Hãy đóng chương trình đó rồi khôi phục; chưa thay đổi gì."
        )
    temp = dest.with_name(f".{dest.name}.{os.getpid()}.restore")
    with lock:
        try:
            _copy_source(src, temp)
            _validate(src, temp)
            _upgrade(src, temp)
            _refuse_tampered(src, temp)
            aside = _copy_live_aside(dest)
            _swap(temp, dest)
        except OSError as exc:
            raise StoreError(f"Không khôi phục được vào «{dest}»: {os_reason(exc)}.") from exc
        finally:
            for leftover in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(OSError):
                    temp.with_name(temp.name + leftover).unlink()
    return aside
