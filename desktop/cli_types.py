"""Argument types of the `kiennghi` command: every number, date, text and path is checked when
the command line is read, so an absurd value is refused in Vietnamese before anything opens.

Why ranges and not plain `int`: SQLite stores at most 2^63-1, and a larger id raised
OverflowError deep in a query; a số đến of 9223372036854775807 was accepted and then made
every later import of that year overflow at "next number". Why text and path checks: an argument
that is not valid UTF-8 (a file name from another system) reaches Python as lone surrogates,
which SQLite and the terminal refuse with UnicodeEncodeError; a NUL byte makes every file call
raise ValueError.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import stat
from collections.abc import Callable

from desktop.core.errors import DomainError
from desktop.core.registry import MAX_INCOMING_NO, MAX_PETITION_CHARS

SQLITE_MAX_INT = 2**63 - 1
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_LIMIT = 10_000
MAX_DEMO_COUNT = 2_000_000
MAX_TEXT = MAX_PETITION_CHARS  # the longest content the register takes
MAX_NAME = 300  # names, references, unit codes: a line on a letter
# NAME_MAX of Linux and of NTFS: a longer file name fails at open with ENAMETOOLONG.
MAX_FILE_NAME = 255


def int_range(low: int, high: int, what: str) -> Callable[[str], int]:
    """An argparse type: an integer from `low` to `high`, named `what` in the message."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{what} «{_shown(text)}» không phải là số nguyên"
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{what} «{_shown(text)}» ngoài khoảng cho phép"
                + f" ({low:,} đến {high:,})".replace(",", ".")
            )
        return value

    parse.__name__ = what  # argparse names the type in its own messages
    return parse


petition_id = int_range(1, SQLITE_MAX_INT, "mã kiến nghị")
document_id = int_range(1, SQLITE_MAX_INT, "mã văn bản")
limit = int_range(1, MAX_LIMIT, "số kết quả")
year = int_range(MIN_YEAR, MAX_YEAR, "năm")
incoming_no = int_range(1, MAX_INCOMING_NO, "số đến")
demo_count = int_range(1, MAX_DEMO_COUNT, "số kiến nghị mẫu")
seed = int_range(0, SQLITE_MAX_INT, "hạt giống")


def _shown(text: str) -> str:
    # A value pasted by mistake can be a page long; the message quotes its start.
    return text if len(text) <= 40 else text[:40] + "…"


def _day(text: str) -> dt.date:
    cleaned = text.strip()
    if "/" in cleaned:
        return dt.datetime.strptime(cleaned, "%d/%m/%Y").date()
    return dt.date.fromisoformat(cleaned)


def parse_date(text: str) -> dt.date:
    """A dd/mm/yyyy date from the command line, between 1900 and 2100."""
    try:
        day = dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ngày «{_shown(text)}» không hợp lệ (cần dạng dd/mm/yyyy, ví dụ 15/09/2020)"
        ) from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise argparse.ArgumentTypeError(
            f"ngày «{text}» ngoài khoảng cho phép (năm {MIN_YEAR} đến {MAX_YEAR})"
        )
    return day


def pinned_today() -> dt.date | None:
    """KIENNGHI_TODAY (dd/mm/yyyy or yyyy-mm-dd) when set; a garbled value is refused."""
    pinned = os.environ.get("KIENNGHI_TODAY", "").strip()
    if not pinned:
        return None
    try:
        day = _day(pinned)
    except ValueError:
        day = None
    if day is None or not MIN_YEAR <= day.year <= MAX_YEAR:
        raise DomainError(
            f"Biến môi trường KIENNGHI_TODAY «{pinned}» không phải là ngày hợp lệ"
            " (cần dạng dd/mm/yyyy, ví dụ 23/11/2026); bỏ biến đó để dùng ngày hôm nay."
        )
    return day


def _printable(text: str, what: str) -> str:
    if "\0" in text:
        raise argparse.ArgumentTypeError(f"có ký tự NUL (\\0), không dùng được cho {what}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError(
            f"«{_shown(text).encode('utf-8', 'replace').decode()}» có byte không phải UTF-8 hợp lệ"
            " (chữ tiếng Việt từ bảng mã cũ?); hãy gõ lại bằng Unicode hoặc đổi tên tệp"
        ) from None
    return text


def text(max_chars: int, what: str) -> Callable[[str], str]:
    """An argparse type: Unicode text of at most `max_chars` characters, no NUL."""

    def parse(value: str) -> str:
        _printable(value, what)
        if len(value) > max_chars:
            raise argparse.ArgumentTypeError(
                f"dài {len(value):,} ký tự, quá giới hạn {max_chars:,}".replace(",", ".")
            )
        return value

    parse.__name__ = what
    return parse


def path(what: str) -> Callable[[str], str]:
    """An argparse type: a non-empty file path that the file system can take."""

    def parse(value: str) -> str:
        if not value.strip():
            raise argparse.ArgumentTypeError(f"để trống; cần đường dẫn {what}")
        _printable(value, what)
        long_part = next((p for p in value.split(os.sep) if len(p.encode()) > MAX_FILE_NAME), None)
        if long_part is not None:
            raise argparse.ArgumentTypeError(
                f"tên «{long_part[:40]}…» dài quá {MAX_FILE_NAME} byte, hệ thống tệp không nhận"
            )
        return value

    parse.__name__ = what
    return parse


def input_path(what: str) -> Callable[[str], str]:
    """`path`, and if the file exists it must be one that can be read to its end."""
    check = path(what)

    def parse(value: str) -> str:
        check(value)
        try:
            mode = os.stat(value).st_mode
        except OSError:
            return value  # missing or unreadable: the reader says so, naming the file
        # A named pipe (or socket) blocks the reader forever until someone writes into it.
        if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
            raise argparse.ArgumentTypeError(
                f"«{_shown(value)}» là một đường ống (pipe), không phải tệp; hãy chọn tệp DOCX,"
                " XLSX hoặc bản sao lưu"
            )
        return value

    parse.__name__ = what
    return parse
