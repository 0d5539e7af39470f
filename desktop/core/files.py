"""Files the app writes for the clerk (letters, exports): whole or not at all, never a stray temp.

A file is written under a temporary name in its own folder, flushed to disk and renamed over the
destination; any failure removes the temporary file and says in Vietnamese what went wrong."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
import time
from pathlib import Path

from db.opening import os_reason
from desktop.core.errors import DomainError

# Room left free beyond the file itself, so a file that fits does not fill the disk to the byte.
SPARE_BYTES = 64 * 1024
STALE_SECONDS = 60.0


class FileWriteError(DomainError):
    """A file could not be written; the message names it and the reason."""


def check_writable(dest: Path, size: int = 0) -> None:
    """Refuse before any work when `dest` cannot be written (folder, permission, free space)."""
    folder = dest.parent
    if dest.is_dir():
        raise FileWriteError(f"Không ghi được tệp «{dest}»: đó là một thư mục.")
    if not folder.is_dir():
        raise FileWriteError(f"Không ghi được tệp «{dest}»: thư mục «{folder}» không tồn tại.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FileWriteError(f"Không ghi được tệp «{dest}»: thư mục không cho ghi.")
    if size:
        free = shutil.disk_usage(folder).free
        if free < size + SPARE_BYTES:
            raise FileWriteError(
                f"Không ghi được tệp «{dest}»: ổ đĩa còn {free:,} byte, cần {size:,} byte."
            )


def _remove_stale_temps(dest: Path) -> None:
    # A process killed while writing leaves its temporary file; the next write of the same
    # file removes it (only old ones: a younger one may belong to a writer still at work).
    now = time.time()
    for stale in dest.parent.glob(f".{glob.escape(dest.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - stale.stat().st_mtime > STALE_SECONDS:
                stale.unlink()


def write_atomic(dest: Path, data: bytes) -> Path:
    """Write `data` to `dest` whole (an existing file is replaced only once the new one is on
    disk); returns `dest`."""
    dest = Path(dest)
    check_writable(dest)
    _remove_stale_temps(dest)
    fd, temp = -1, ""
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
        with os.fdopen(fd, "wb") as out:
            fd = -1
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, dest)
        temp = ""
    except OSError as exc:
        raise FileWriteError(f"Không ghi được tệp «{dest}»: {os_reason(exc)}.") from exc
    finally:
        if fd >= 0:
            os.close(fd)
        if temp:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    return dest
