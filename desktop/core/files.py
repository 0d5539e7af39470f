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
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, cast

from db.opening import os_reason
from desktop.core.errors import DomainError

# Room left free beyond the file itself, so a file that fits does not fill the disk to the byte.
SPARE_BYTES = 64 * 1024
STALE_SECONDS = 60.0
CHUNK = 1 << 20

# What makes a file's content onto the open temporary file (`workbook.save`, `doc.save`).
Writer = Callable[[BinaryIO], object]
if TYPE_CHECKING:
    from hashlib import _Hash as Digest


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


def read_limited(path: Path, limit: int, too_large: Callable[[int], str]) -> bytes:
    """A file's bytes; DomainError saying why not: missing, a folder, over `limit` bytes (the
    message `too_large(size)`), unreadable."""
    try:
        size = path.stat().st_size
        if size > limit and not path.is_dir():  # a folder is said to be one, whatever its size
            raise DomainError(too_large(size))
        return path.read_bytes()
    except FileNotFoundError:
        raise DomainError(f"Không tìm thấy tệp «{path}».") from None
    except IsADirectoryError:
        raise DomainError(f"«{path}» là thư mục, không phải tệp.") from None
    except OSError as exc:
        raise DomainError(f"Không đọc được tệp «{path}»: {exc.strerror or exc}.") from None


def _remove_stale_temps(dest: Path) -> None:
    # A process killed while writing leaves its temporary file; the next write of the same
    # file removes it (only old ones: a younger one may belong to a writer still at work).
    now = time.time()
    for stale in dest.parent.glob(f".{glob.escape(dest.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - stale.stat().st_mtime > STALE_SECONDS:
                stale.unlink()


def _feed(out: BinaryIO, digest: Digest) -> None:
    """Read back what is on disk into `digest`, a chunk at a time (a large file never whole)."""
    out.seek(0)
    while chunk := out.read(CHUNK):
        digest.update(chunk)


def _replace(temp: str, dest: Path) -> None:
    """Rename the finished file over `dest`, saying so when an old `dest` could not be replaced."""
    try:
        os.replace(temp, dest)
    except PermissionError as exc:
        # Windows refuses to replace a file Excel (or Word, a PDF reader) holds open.
        if not dest.exists():
            raise
        raise FileWriteError(
            f"Không ghi được tệp «{dest}»: tệp cũ cùng tên đang mở trong một chương trình khác"
            f" (Excel, Word…) hoặc không cho thay ({os_reason(exc)}); hãy đóng tệp đó rồi thử"
            " lại, hoặc lưu với tên khác."
        ) from exc


def write_atomic(dest: Path, data: bytes | Writer, *, digest: Digest | None = None) -> Path:
    """Write `data` to `dest` whole (an existing file is replaced only once the new one is on
    disk); returns `dest`.

    `data` is the bytes, or a writer called with the open temporary file (`workbook.save`),
    so a large file goes to disk as it is made instead of into memory first. `digest` (a
    hashlib object), if given, is fed the bytes on disk before they take `dest`'s name."""
    dest = Path(dest)
    check_writable(dest)
    _remove_stale_temps(dest)
    fd, temp = -1, ""
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
        with os.fdopen(fd, "w+b") as out:
            fd = -1
            if isinstance(data, bytes):
                out.write(data)
            else:
                _run_writer(data, out)
            out.flush()
            os.fsync(out.fileno())
            if digest is not None:
                _feed(out, digest)
        _replace(temp, dest)
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


def _run_writer(writer: Writer, out: BinaryIO) -> None:
    sink = _Sink(out)
    try:
        writer(cast(BinaryIO, sink))
    except Exception as exc:
        if sink.error is None:
            raise
        # The disk's own error, whatever the writer made of it on its way up.
        raise sink.error from exc
    finally:
        sink.done = True
    if sink.error is not None:  # a writer that went on after a failed write
        raise sink.error


class _Sink:
    """The temporary file as a writer sees it: the first failed write is kept (the sentence
    says "ổ đĩa đã đầy", not what a library wrapped it in) and later writes go nowhere, so a
    writer's own clean-up on the way out, or a finalizer run later (zipfile's `__del__`
    writing its directory), neither raises again nor prints a traceback."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.error: OSError | None = None
        self.done = False

    def _live(self) -> bool:
        return self.error is None and not self.done

    def write(self, data: bytes) -> int:
        if not self._live():
            return len(data)
        try:
            return self.out.write(data)
        except OSError as exc:
            self.error = exc
            raise

    def flush(self) -> None:
        if self._live():
            try:
                self.out.flush()
            except OSError as exc:
                self.error = exc
                raise

    def tell(self) -> int:
        return self.out.tell() if self._live() else 0

    def seek(self, offset: int, whence: int = 0) -> int:
        # Seeking flushes the buffer: after a failed write it would fail again.
        return self.out.seek(offset, whence) if self._live() else 0

    def seekable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True
