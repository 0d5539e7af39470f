"""The last line of defence, shared by the command line and the desktop (no Qt here).

`explain(exc)` turns what the operating system or SQLite raised (full disk, read-only drive, a
missing folder, a locked database, a number too large, no memory left) into the clerk's words,
naming the file. Anything else is unexpected: `record(exc)` writes its traceback to the log
file in the user data folder, and `unexpected(exc, log)` is the short message that points
there. A clerk never sees a traceback; the person who fixes it reads the log.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
import sys
import traceback
from pathlib import Path

import platformdirs

from desktop.core.errors import KienNghiError
from desktop.core.stores import sqlite_kind

APP_NAME = "kiennghi"
MAX_LOG_BYTES = 1_000_000  # then the log moves to .1 and a new one starts: two files at most


def log_path() -> Path:
    """The error log: `logs/kiennghi.log` in the user data folder.

    The data folder (where the default database lives) rather than platformdirs'
    user_log_path: one place for the clerk to send, and tests isolate it with XDG_DATA_HOME."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "logs" / "kiennghi.log"


def record(exc: BaseException, context: str = "") -> Path | None:
    """Append the traceback of `exc` to the log; the log's path, or None if it cannot be written."""
    path = log_path()
    lines = [
        f"==== {dt.datetime.now():%Y-%m-%d %H:%M:%S} {context or 'kiennghi'}",
        f"argv: {sys.argv!r}",
        f"python {sys.version.split()[0]} on {sys.platform}",
        *traceback.format_exception(type(exc), exc, exc.__traceback__),
    ]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            os.replace(path, path.with_name(path.name + ".1"))
        with open(path, "a", encoding="utf-8", errors="backslashreplace") as f:
            f.write("\n".join(line.rstrip("\n") for line in lines) + "\n")
    except OSError:
        return None  # the disk that failed may be the log's too; the message says so
    return path


def log_unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """`sys.unraisablehook`: an error in a finalizer goes to the log, not the clerk's screen."""
    if unraisable.exc_value is not None:
        record(unraisable.exc_value, f"ignored in {unraisable.object!r}")


def describe(exc: BaseException, limit: int = 200) -> str:
    """`Type: message` of a failure nobody foresaw, cut at `limit` characters."""
    what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return what[:limit] + "…" if len(what) > limit else what


def unexpected(exc: BaseException, logged: Path | None) -> str:
    """The clerk's message for a failure nobody foresaw."""
    what = describe(exc)
    if logged is None:
        return f"Lỗi không mong đợi: {what}; không ghi được chi tiết vào «{log_path()}»."
    return f"Lỗi không mong đợi: {what}; chi tiết đã ghi vào «{logged}»."


def _names(exc: OSError) -> str:
    names = [str(n) for n in (exc.filename, exc.filename2) if n not in (None, "")]
    return " → ".join(f"«{n}»" for n in names)


def _os_text(exc: OSError) -> str:
    where = _names(exc)
    about = f" {where}" if where else ""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return f"Ổ đĩa đã đầy, không ghi được{about}; hãy giải phóng chỗ trống rồi thử lại."
    if code == errno.EROFS:
        return f"Ổ đĩa chỉ cho đọc, không ghi được{about}; hãy chọn thư mục khác."
    if code in (errno.EACCES, errno.EPERM):
        return f"Không có quyền truy cập{about}; hãy chọn thư mục khác hoặc xin cấp quyền."
    if code == errno.ENOENT:
        return f"Không tìm thấy{about}: tệp hoặc thư mục không tồn tại."
    if code == errno.ENOTDIR:
        return f"Đường dẫn{about} đi qua một tệp, không phải thư mục."
    if code == errno.EISDIR:
        return f"{where or 'Đường dẫn'} là một thư mục; hãy cho tên tệp."
    if code == errno.ENAMETOOLONG:
        return f"Tên tệp quá dài{about}."
    if code == errno.EIO:
        return f"Lỗi đọc ghi ổ đĩa{about}; hãy kiểm tra ổ đĩa hoặc thẻ nhớ."
    if code == errno.EBUSY:
        return f"Tệp{about} đang bị chương trình khác dùng; hãy đóng chương trình đó rồi thử lại."
    if code == errno.EXDEV:
        return f"Không chuyển được{about} sang một ổ đĩa khác; hãy chép thay vì chuyển."
    if code in (errno.EMFILE, errno.ENFILE):
        return "Quá nhiều tệp đang mở; hãy đóng bớt chương trình khác rồi thử lại."
    reason = exc.strerror or str(exc)
    return f"Lỗi hệ thống khi đọc ghi{about}: {reason}."


_SQLITE_TEXTS = {
    "busy": (
        "Cơ sở dữ liệu{name} đang bị người khác hoặc chương trình khác giữ để ghi;"
        " hãy đợi một lát rồi thử lại."
    ),
    "full": "Ổ đĩa chứa cơ sở dữ liệu{name} đã đầy; hãy giải phóng chỗ trống rồi thử lại.",
    "readonly": "Cơ sở dữ liệu{name} chỉ cho đọc (tệp, thư mục hoặc ổ đĩa); không ghi được.",
    "io": "Lỗi đọc ghi ổ đĩa khi dùng cơ sở dữ liệu{name}; hãy kiểm tra ổ đĩa.",
    "cannot_open": (
        "Không mở được cơ sở dữ liệu{name} (không có quyền hoặc thư mục không tồn tại)."
    ),
    "not_db": "Cơ sở dữ liệu{name} bị hỏng ({exc}); hãy chạy «kiennghi check» hoặc khôi phục.",
    "corrupt": "Cơ sở dữ liệu{name} bị hỏng ({exc}); hãy chạy «kiennghi check» hoặc khôi phục.",
    "too_big": "Dữ liệu quá lớn để ghi vào cơ sở dữ liệu{name} ({exc}).",
}


def _sqlite_text(exc: sqlite3.Error, db: str | None) -> str:
    template = _SQLITE_TEXTS.get(sqlite_kind(exc) or "")
    return template.format(name=f" «{db}»" if db else "", exc=exc) if template else ""


def explain(exc: BaseException, *, db: str | None = None) -> str | None:
    """The clerk's words for a known kind of failure, or None when it is unexpected."""
    if isinstance(exc, KienNghiError):
        return str(exc)
    if isinstance(exc, sqlite3.Error):
        return _sqlite_text(exc, db) or None
    if isinstance(exc, OSError):
        return _os_text(exc)
    if isinstance(exc, MemoryError):
        return "Không đủ bộ nhớ để làm việc này; hãy đóng bớt chương trình khác rồi thử lại."
    if isinstance(exc, OverflowError):
        return f"Một con số quá lớn để xử lý ({exc}); hãy kiểm tra lại các số đã nhập."
    return None
