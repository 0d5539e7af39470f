"""Limits checked before any parser sees an Office file: zip bombs, XML bombs, absurd tables.

python-docx parses every XML part of a DOCX in full with lxml (~140 bytes of memory per element,
so 100 MiB of `<w:p/>` took 1.7 GB), and openpyxl loads an XLSX's whole sharedStrings.xml even
in read-only mode. So before either runs, every member of the zip is inflated here once, by our
own zlib stream with a byte cap: the size the zip declares is checked first (a bomb is refused
without inflating a byte), and the real inflated size is counted, so a member that inflates to
more than it declares is caught too (zipfile would quietly stop at the declared size). The XML
parts are run through expat without building anything: a DOCTYPE (the entity bomb, "billion
laughs", needs one, and no Office file has one) is refused before any entity is declared, and
elements, depth and, in a DOCX, table rows and columns are counted. Each worksheet of an XLSX goes
through `sheet_scan` instead (rows, columns, cells, cell length), since openpyxl reads every
sheet's size, and the whole sheet when it lacks a `<dimension>`, as soon as the workbook opens.

The limits and why each: `limits.py`.
"""

from __future__ import annotations

import itertools
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO
from xml.parsers import expat

from desktop.core.importers.limits import (
    EXCEL_CELL_CHARS,
    MAX_COLUMNS,
    MAX_DEPTH,
    MAX_DOCX_TOTAL_BYTES,
    MAX_DOCX_XML_BYTES,
    MAX_ELEMENTS,
    MAX_MEMBERS,
    MAX_PART_BYTES,
    MAX_ROWS,
    MAX_SHEET_BYTES,
    MAX_TOTAL_BYTES,
    MAX_XLSX_PART_ELEMENTS,
    MIB,
    overlong_cell,
    thousands,
    too_many_columns,
    too_many_rows,
    xml_parser,
)
from desktop.core.importers.model import ImportFailed, Kind
from desktop.core.importers.sheet_scan import MergedRange, scan_sheet

_CHUNK = 256 * 1024
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, (version … sizes), name and extra lengths
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TR, _TC = f"{_W} tr", f"{_W} tc"
_XML_LEADS = b" \t\r\n\xef\xbb\xbf\xff\xfe\x00"  # whitespace, UTF-8 and UTF-16 byte order marks


def _mb(size: int) -> str:
    return f"{size / MIB:,.0f} MB".replace(",", ".")


def is_worksheet(name: str) -> bool:
    """True for an XLSX worksheet part (streamed by openpyxl, counted by sheet_scan)."""
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def _part_cap(kind: Kind, name: str) -> int:
    if kind == "xlsx" and is_worksheet(name):
        return MAX_SHEET_BYTES
    if kind == "docx" and name.endswith((".xml", ".rels")):
        return MAX_DOCX_XML_BYTES
    return MAX_PART_BYTES


def check_package(path: Path, kind: Kind) -> dict[str, list[MergedRange]]:
    """Refuse the zip before parsing if any member or the XML in it is over a limit.

    Returns each scanned worksheet's merged ranges by part name (none for a DOCX), so the
    parser need not inflate and scan the sheet a second time for them.
    """
    with zipfile.ZipFile(path) as archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
    if len(infos) > MAX_MEMBERS:
        raise ImportFailed(
            path,
            f"tệp nén có {thousands(len(infos))} phần, "
            f"vượt giới hạn {thousands(MAX_MEMBERS)} phần; "
            "đây không phải tệp Word/Excel bình thường",
        )
    total = 0
    for info in infos:  # first what the zip declares: a bomb is refused before inflating
        cap = _part_cap(kind, info.filename)
        if info.file_size > cap:
            raise _too_big(path, info.filename, info.file_size, cap)
        total += info.file_size
    cap = MAX_DOCX_TOTAL_BYTES if kind == "docx" else MAX_TOTAL_BYTES
    if total > cap:
        raise ImportFailed(
            path,
            f"các phần của tệp giải nén ra {_mb(total)}, vượt giới hạn {_mb(cap)}; "
            "tệp có thể là bom nén (zip bomb), không mở",
        )
    counter = _Counter(path, kind)
    with path.open("rb") as fh:
        for info in infos:
            counter.check(info.filename, inflate(path, fh, info))
    return counter.merges


def _too_big(path: Path, name: str, size: int, cap: int) -> ImportFailed:
    return ImportFailed(
        path,
        f"phần «{name}» giải nén ra {_mb(size)}, vượt giới hạn {_mb(cap)}; "
        "tệp có thể là bom nén (zip bomb), không mở",
    )


def _damaged(path: Path, name: str, why: str) -> ImportFailed:
    return ImportFailed(path, f"phần «{name}» {why}; hãy lấy lại tệp gốc")


def inflate(path: Path, fh: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's real bytes, counted as they inflate: more than it declares is refused."""
    name = info.filename
    if info.flag_bits & 0x1:
        raise ImportFailed(path, f"phần «{name}» có đặt mật khẩu; hãy lưu lại không mật khẩu")
    fh.seek(info.header_offset)
    header = fh.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise _damaged(path, name, "bị hỏng (không có đầu phần trong tệp nén)")
    _sig, name_len, extra_len = _LOCAL_HEADER.unpack(header)
    fh.seek(info.header_offset + _LOCAL_HEADER.size + name_len + extra_len)
    if info.compress_type == zipfile.ZIP_STORED:
        pieces = _stored(fh, info.compress_size)
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        pieces = _deflated(path, name, fh)
    else:  # Word and Excel only ever store or deflate
        raise _damaged(path, name, "được nén theo cách Word/Excel không dùng")
    size = 0
    crc = 0
    for piece in pieces:
        size += len(piece)
        if size > info.file_size:  # the declared size is within the cap, so this bounds it
            declared = thousands(info.file_size)
            raise ImportFailed(
                path,
                f"phần «{name}» giải nén ra hơn {declared} byte, nhiều hơn kích thước ghi trong "
                f"tệp nén ({declared} byte); tệp đã bị sửa đổi hoặc bị hỏng, không mở",
            )
        crc = zlib.crc32(piece, crc)
        yield piece
    if size != info.file_size:
        raise _damaged(path, name, "bị hỏng (ngắn hơn kích thước ghi trong tệp nén)")
    if crc != info.CRC:
        raise _damaged(path, name, "bị hỏng (sai mã kiểm tra CRC)")


def _stored(fh: BinaryIO, size: int) -> Iterator[bytes]:
    left = size
    while left > 0:
        piece = fh.read(min(_CHUNK, left))
        if not piece:
            return
        left -= len(piece)
        yield piece


def _deflated(path: Path, name: str, fh: BinaryIO) -> Iterator[bytes]:
    # The compressed size in the header may lie as well: read until the deflate stream ends.
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        while not inflater.eof:
            data = inflater.unconsumed_tail or fh.read(_CHUNK)
            piece = inflater.decompress(data, _CHUNK)  # at most one chunk out per call
            if not data and not piece and not inflater.eof:
                raise _damaged(path, name, "bị cắt cụt (tệp nén không đầy đủ)")
            if piece:
                yield piece
    except zlib.error as exc:
        raise _damaged(path, name, "bị hỏng (dữ liệu nén sai)") from exc


class _Counter:
    """Runs each XML part through expat: no DOCTYPE, bounded elements, depth, rows, columns."""

    def __init__(self, path: Path, kind: Kind) -> None:
        self.path = path
        self.kind = kind
        self.elements = 0  # across every counted part: python-docx holds them all at once
        self.rows = 0
        self.merges: dict[str, list[MergedRange]] = {}  # per worksheet, for the XLSX parser
        self._depth = 0
        self._cells = 0
        self._chars = 0
        self._name = ""
        self._part_elements = 0
        self._capped = False

    def check(self, name: str, chunks: Iterator[bytes]) -> None:
        """Consume the part; XML (by name or by content) must be well-formed and within limits."""
        first = next(chunks, b"")
        if not (name.endswith((".xml", ".rels")) or first.lstrip(_XML_LEADS)[:1] == b"<"):
            for _ in chunks:  # inflated to the end anyway: its size and CRC are checked
                pass
            return
        if self.kind == "xlsx" and is_worksheet(name):
            try:  # every sheet: openpyxl reads each one's size when the workbook opens
                scan = scan_sheet(self.path, name, itertools.chain([first], chunks))
            except expat.ExpatError as exc:
                raise self._not_xml(name) from exc
            self.merges[name] = scan.ranges
            return
        self._name = name
        self._depth = 0
        self._part_elements = 0
        self._capped = self.kind == "xlsx"  # until the root says it is the shared strings
        parser = xml_parser(self.path, name)
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        if self.kind == "xlsx":  # shared strings: openpyxl keeps every one of them
            parser.CharacterDataHandler = self._text
        try:
            parser.Parse(first, False)
            for piece in chunks:
                parser.Parse(piece, False)
            parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise self._not_xml(name) from exc
        if self.rows > MAX_ROWS:
            raise too_many_rows(self.path, thousands(self.rows))

    def _not_xml(self, name: str) -> ImportFailed:
        label = "Word (.docx)" if self.kind == "docx" else "Excel (.xlsx)"
        return ImportFailed(
            self.path,
            f"tệp {label} bị hỏng: phần «{name}» không phải XML hợp lệ; hãy lấy lại tệp gốc",
        )

    def _start(self, name: str, _attrs: object) -> None:
        self.elements += 1
        self._depth += 1
        self._chars = 0
        self._part_elements += 1
        if self._part_elements == 1 and name.rpartition(" ")[2] == "sst":
            self._capped = False  # strings are cheap; every other part becomes Python objects
        if self._capped and self._part_elements > MAX_XLSX_PART_ELEMENTS:
            raise ImportFailed(
                self.path,
                f"phần «{self._name}» có hơn {thousands(MAX_XLSX_PART_ELEMENTS)} phần tử XML "
                "(Excel chỉ cho 64.000 kiểu định dạng ô); tệp bất thường, không mở",
            )
        if self.elements > MAX_ELEMENTS:
            raise ImportFailed(
                self.path,
                f"tệp có hơn {thousands(MAX_ELEMENTS)} phần tử XML, vượt giới hạn; "
                "tệp quá phức tạp để nhập, hãy tách tệp",
            )
        if self._depth > MAX_DEPTH:
            raise ImportFailed(
                self.path,
                f"phần «{self._name}» lồng nhau quá sâu (hơn {MAX_DEPTH} tầng); "
                "không phải tệp Word/Excel bình thường, không mở",
            )
        if name == _TR:
            self.rows += 1
            self._cells = 0
        elif name == _TC:
            self._cells += 1
            if self._cells > MAX_COLUMNS:
                raise too_many_columns(self.path, self._cells)

    def _end(self, _name: str) -> None:
        self._depth -= 1
        self._chars = 0

    def _text(self, data: str) -> None:
        # Called per chunk of one text node; any element boundary resets the count.
        self._chars += len(data)
        if self._chars > EXCEL_CELL_CHARS:
            raise overlong_cell(self.path)
