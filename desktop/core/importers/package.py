"""Limits checked before any parser sees an Office file: zip bombs, XML bombs, absurd tables.

python-docx parses every XML part of a DOCX in full with lxml (~140 bytes of memory per element,
so 100 MiB of `<w:p/>` took 1.7 GB), and openpyxl loads an XLSX's whole sharedStrings.xml even
in read-only mode. So before either runs, every member of the zip is inflated here once, by our
own zlib stream with a byte cap: the size the zip declares is checked first (a bomb is refused
without inflating a byte), and the real inflated size is counted, so a member that inflates to
more than it declares is caught too (zipfile would quietly stop at the declared size). The XML
parts are run through expat without building anything: a DOCTYPE (the entity bomb, "billion
laughs", needs one, and no Office file has one) is refused before any entity is declared, and
elements, depth and, in a DOCX, table rows and columns are counted. The worksheet of an XLSX is
streamed by openpyxl, so it is checked (DOCTYPE refused, rows, columns and cells counted, stopping
at the first one too many) by `xlsx_table`, after its size here and before openpyxl reads it.

The limits, and why (a real petition table has a few hundred rows and a few MB of XML; the target
is ≤ 300 MB and ≤ 30 s for any file up to 20 MB, measured by benchmarks/hostile_files.py):
5,000 rows per import and 100 columns (a table has about ten); 20,000 characters per cell
(common.MAX_CELL_CHARS); 3 million characters of petition text per import (a 300-row annex has
~0.5 million; registering 7.5 million took 16 s and 260 MB in the database layer, search index
and vocabulary included); 1,000 zip members; 500,000 XML elements outside the worksheets
(≈ 70 MB in lxml; a 300-row table with heavy formatting has ~100,000); depth 100 (real files
nest a few dozen deep, lxml stops at 256); 32 MiB per DOCX XML part, 64 MiB per other part,
256 MiB per worksheet (streamed), 256 MiB in all.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO
from xml.parsers import expat

from desktop.core.importers.model import ImportFailed, Kind, ParsedRow

MIB = 1024 * 1024
MAX_MEMBERS = 1_000
MAX_PART_BYTES = 64 * MIB
MAX_DOCX_XML_BYTES = 32 * MIB
MAX_SHEET_BYTES = 256 * MIB
MAX_TOTAL_BYTES = 256 * MIB
MAX_ELEMENTS = 500_000
MAX_DEPTH = 100
MAX_ROWS = 5_000
MAX_COLUMNS = 100
MAX_IMPORT_CHARS = 3_000_000
# Excel's own ceiling for one cell; a longer text (openpyxl would hold all of it) is forged.
EXCEL_CELL_CHARS = 32_767

_CHUNK = 256 * 1024
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, (version … sizes), name and extra lengths
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TR, _TC = f"{_W} tr", f"{_W} tc"
_XML_LEADS = b" \t\r\n\xef\xbb\xbf\xff\xfe\x00"  # whitespace, UTF-8 and UTF-16 byte order marks


def thousands(value: int) -> str:
    """An integer the Vietnamese way: 1.048.575."""
    return f"{value:,}".replace(",", ".")


def _mb(size: int) -> str:
    return f"{size / MIB:,.0f} MB".replace(",", ".")


def too_many_rows(path: Path, found: str) -> ImportFailed:
    """The refusal of a table over MAX_ROWS rows; `found` is the count as shown."""
    return ImportFailed(
        path,
        f"bảng có {found} dòng, vượt giới hạn {thousands(MAX_ROWS)} dòng mỗi lần nhập; "
        "hãy tách tệp",
    )


def too_many_columns(path: Path, found: int) -> ImportFailed:
    """The refusal of a table over MAX_COLUMNS columns."""
    return ImportFailed(
        path,
        f"bảng có {thousands(found)} cột, vượt giới hạn {MAX_COLUMNS} cột; "
        "bảng kiến nghị chỉ cần vài cột (STT, Địa phương, Kiến nghị…)",
    )


def overlong_cell(path: Path, row: int | None = None) -> ImportFailed:
    """The refusal of a text longer than Excel itself allows in a cell (a forged file)."""
    return ImportFailed(
        path,
        f"ô dài quá 20.000 ký tự (có hơn {thousands(EXCEL_CELL_CHARS)} ký tự, quá cả giới hạn "
        "của Excel); hãy tách hoặc rút gọn nội dung",
        row,
    )


def is_worksheet(name: str) -> bool:
    """True for an XLSX worksheet part (streamed by openpyxl, rows counted by xlsx_table)."""
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def _part_cap(kind: Kind, name: str) -> int:
    if kind == "xlsx" and is_worksheet(name):
        return MAX_SHEET_BYTES
    if kind == "docx" and name.endswith((".xml", ".rels")):
        return MAX_DOCX_XML_BYTES
    return MAX_PART_BYTES


def check_package(path: Path, kind: Kind) -> None:
    """Refuse the zip before parsing if any member or the XML in it is over a limit."""
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
    if total > MAX_TOTAL_BYTES:
        raise ImportFailed(
            path,
            f"các phần của tệp giải nén ra {_mb(total)}, vượt giới hạn {_mb(MAX_TOTAL_BYTES)}; "
            "tệp có thể là bom nén (zip bomb), không mở",
        )
    counter = _Counter(path, kind)
    with path.open("rb") as fh:
        for info in infos:
            chunks = inflate(path, fh, info, _part_cap(kind, info.filename))
            counter.check(info.filename, chunks)


def _too_big(path: Path, name: str, size: int | str, cap: int) -> ImportFailed:
    shown = _mb(size) if isinstance(size, int) else size
    return ImportFailed(
        path,
        f"phần «{name}» giải nén ra {shown}, vượt giới hạn {_mb(cap)}; "
        "tệp có thể là bom nén (zip bomb), không mở",
    )


def _damaged(path: Path, name: str, why: str) -> ImportFailed:
    return ImportFailed(path, f"phần «{name}» {why}; hãy lấy lại tệp gốc")


def inflate(path: Path, fh: BinaryIO, info: zipfile.ZipInfo, cap: int) -> Iterator[bytes]:
    """The member's real bytes, counted as they inflate: more than declared or cap is refused."""
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
        if size > info.file_size:
            shown = f"hơn {_mb(size)}" if size > cap else f"hơn {thousands(info.file_size)} byte"
            if size > cap:
                raise _too_big(path, name, shown, cap)
            raise ImportFailed(
                path,
                f"phần «{name}» giải nén ra {shown}, nhiều hơn kích thước ghi trong tệp nén "
                f"({thousands(info.file_size)} byte); tệp đã bị sửa đổi hoặc bị hỏng, không mở",
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


def xml_parser(path: Path, name: str) -> expat.XMLParserType:
    """An expat parser (names as "namespace local") that refuses any DOCTYPE or entity."""

    def refuse(*_args: object) -> None:
        raise ImportFailed(
            path,
            f"phần «{name}» có khai báo DTD/thực thể XML, điều tệp Word/Excel thật không "
            "có (có thể là bom XML); không mở",
        )

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    return parser


class _Counter:
    """Runs each XML part through expat: no DOCTYPE, bounded elements, depth, rows, columns."""

    def __init__(self, path: Path, kind: Kind) -> None:
        self.path = path
        self.kind = kind
        self.elements = 0  # across every counted part: python-docx holds them all at once
        self.rows = 0
        self._depth = 0
        self._cells = 0
        self._chars = 0
        self._name = ""

    def check(self, name: str, chunks: Iterator[bytes]) -> None:
        """Consume the part; XML (by name or by content) must be well-formed and within limits."""
        first = next(chunks, b"")
        if not (name.endswith((".xml", ".rels")) or first.lstrip(_XML_LEADS)[:1] == b"<"):
            for _ in chunks:  # inflated to the end anyway: its size and CRC are checked
                pass
            return
        if self.kind == "xlsx" and is_worksheet(name):
            for _ in chunks:  # openpyxl streams it: xlsx_table counts its rows (same DTD check)
                pass
            return
        self._name = name
        self._depth = 0
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
            label = "Word (.docx)" if self.kind == "docx" else "Excel (.xlsx)"
            raise ImportFailed(
                self.path,
                f"tệp {label} bị hỏng: phần «{name}» không phải XML hợp lệ; hãy lấy lại tệp gốc",
            ) from exc
        if self.rows > MAX_ROWS:
            raise too_many_rows(self.path, thousands(self.rows))

    def _start(self, name: str, _attrs: object) -> None:
        self.elements += 1
        self._depth += 1
        self._chars = 0
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


class TextBudget:
    """The petition text of one import, counted against MAX_IMPORT_CHARS as rows are read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.used = 0

    def take(self, row: ParsedRow) -> ParsedRow:
        """Count the row's text; refuse the import at the row that goes over the limit."""
        self.used += len(row.origin) + len(row.content) + len(row.summary or "")
        if self.used > MAX_IMPORT_CHARS:
            raise ImportFailed(
                self.path,
                f"bảng có hơn {thousands(MAX_IMPORT_CHARS)} ký tự nội dung kiến nghị, vượt giới "
                "hạn mỗi lần nhập; hãy tách tệp",
                row.source_row,
            )
        return row
