"""Refuse a PDF whose compressed streams inflate past a limit, before pdfminer inflates them.

pdfminer inflates a stream whole, in memory: a 400 KB PDF whose page is one Flate stream of
400 MB of spaces took 880 MB and 19 s to be found table-less. So every Flate stream of the file
is first inflated here in slices, counting, and dropped: the count is of what really comes out,
whatever the stream's /Length says. A real petition letter's streams inflate to a few MB; a
scanned page kept as a raw bitmap to 10–30 MB.

Streams are found by their "stream" keyword; a false hit (the word inside a text) or a stream
that is not Flate (JPEG, CCITT, an encrypted one) fails at its first bytes and is passed over.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from desktop.core.importers.limits import MIB
from desktop.core.importers.model import ImportFailed

MAX_STREAM_BYTES = 128 * MIB
MAX_INFLATED_BYTES = 512 * MIB
_STREAM = re.compile(rb"stream\r?\n")
_SLICE = 4 * MIB  # inflated bytes looked at, then dropped, at a time
_FEED = 64 * 1024  # compressed bytes given at a time


def check_streams(path: Path) -> None:
    """ImportFailed if one Flate stream, or all of them, inflate past the limits."""
    data = path.read_bytes()  # at most 50 MB: sniff refused larger files
    total = 0
    for found in _STREAM.finditer(data):
        size = _inflated_size(memoryview(data)[found.end() :])
        if size > MAX_STREAM_BYTES:
            raise _bomb(path, f"một luồng dữ liệu giải nén ra hơn {MAX_STREAM_BYTES // MIB} MB")
        total += size
        if total > MAX_INFLATED_BYTES:
            raise _bomb(path, f"dữ liệu giải nén ra hơn {MAX_INFLATED_BYTES // MIB} MB")


def _inflated_size(tail: memoryview) -> int:
    """Bytes the zlib stream at the start of `tail` inflates to (stopping past the limit)."""
    inflater = zlib.decompressobj()
    size = 0
    try:
        for start in range(0, len(tail), _FEED):
            pending: bytes | memoryview = tail[start : start + _FEED]
            while pending:
                size += len(inflater.decompress(pending, _SLICE))
                if inflater.eof or size > MAX_STREAM_BYTES:
                    return size
                pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # not Flate, or not a stream at all; a damaged one counts what came out
    return size


def _bomb(path: Path, found: str) -> ImportFailed:
    return ImportFailed(path, f"tệp PDF có {found}, vượt giới hạn; tệp có thể là bom nén, không mở")
