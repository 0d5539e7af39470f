"""Generators of hostile and genuine import files, for benchmarks/hostile_files.py and the tests.

DOCX zip bombs, a DOCX whose zip header understates the inflated size, an XML entity bomb, deep
XML nesting, a truncated zip, XLSX files with huge shared strings, giant cells, millions of blank
rows, absurd row and column counts, and genuine files near the limits. Every zip member is
streamed in chunks, so the generators stay small themselves; tests/reliability/test_hostile_files.py
and tests/core/importers/test_limits.py use them too.
"""

from __future__ import annotations

import itertools
import random
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

MIB = 1024 * 1024
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_DOC_HEAD = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{_W}"><w:body>'
)
_DOC_TAIL = "<w:sectPr/></w:body></w:document>"


def _write_member(
    archive: zipfile.ZipFile, name: str, parts: Iterable[bytes], *, zip64: bool = True
) -> None:
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=zip64) as fh:
        for part in parts:
            fh.write(part)


def _package(archive: zipfile.ZipFile, main: str, types: str) -> None:
    """The content types (rels and xml by default, plus `types`) and the relation to `main`."""
    archive.writestr(
        "[Content_Types].xml",
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_PKG}/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{types}</Types>",
    )
    archive.writestr(
        "_rels/.rels",
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_R}/officeDocument" Target="{main}"/>'
        "</Relationships>",
    )


def _repeat(unit: bytes, total: int) -> Iterator[bytes]:
    """`unit` repeated to about `total` bytes, one MiB at a time."""
    chunk = unit * max(1, MIB // len(unit))
    for _ in range(max(1, total // len(chunk))):
        yield chunk


def _docx(
    dest: Path,
    body: Iterable[bytes],
    *,
    head: str = _DOC_HEAD,
    zip64: bool = True,
    pictures: tuple[int, ...] = (),
) -> Path:
    """A minimal DOCX (content types, relations, document) whose body is streamed in."""
    with zipfile.ZipFile(dest, "w") as archive:
        _package(
            archive,
            "word/document.xml",
            '<Default Extension="png" ContentType="image/png"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
        )
        document = [head.encode(), *body, _DOC_TAIL.encode()]
        _write_member(archive, "word/document.xml", document, zip64=zip64)
        if pictures:  # referenced from the document, so python-docx loads every one of them
            rels = "".join(
                f'<Relationship Id="rId{n}" Type="{_R}/image" Target="media/image{n}.png"/>'
                for n in range(len(pictures))
            )
            archive.writestr(
                "word/_rels/document.xml.rels",
                f'<?xml version="1.0" encoding="UTF-8"?><Relationships '
                f'xmlns="{_PKG}/relationships">{rels}</Relationships>',
            )
            for n, size in enumerate(pictures):
                _write_member(archive, f"word/media/image{n}.png", _repeat(b"\0", size))
    return dest


def docx_bomb(dest: Path, xml_bytes: int) -> Path:
    """A DOCX whose document.xml inflates to `xml_bytes` of empty paragraphs."""
    return _docx(dest, _repeat(b"<w:p/>", xml_bytes))


def _table(rows: int, columns: int = 3) -> Iterator[bytes]:
    yield b"<w:tbl>"
    header = ("STT", "Địa phương", "Kiến nghị")[:columns]
    cells = [f"<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>" for t in header]
    yield ("<w:tr>" + "".join(cells) + "</w:tr>").encode()
    for n in range(1, rows):
        values = (str(n), "Bến Tre", f"Kiến nghị số {n} về hạ tầng viễn thông")[:columns]
        cells = [f"<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>" for t in values]
        yield ("<w:tr>" + "".join(cells) + "</w:tr>").encode()
    yield b"</w:tbl>"


def dense_docx(dest: Path, rows: int = 5_000, runs: int = 16) -> Path:
    """The heaviest DOCX within the limits: 5,000 rows, content in 16 formatted runs each:
    ~485,000 XML elements (python-docx holds the whole tree) and ~1.3 million characters."""
    run = (
        '<w:r><w:rPr><w:rFonts w:ascii="Times New Roman"/><w:sz w:val="26"/></w:rPr>'
        "<w:t>{}</w:t></w:r>"
    )

    def body() -> Iterator[bytes]:
        yield b"<w:tbl>"
        for n in range(rows):
            ordinal, origin = ("STT", "Địa phương") if n == 0 else (str(n), "Bến Tre")
            content = (
                "Kiến nghị"
                if n == 0
                else "".join(run.format(f"đoạn {n:05d}-{k:02d} ") for k in range(runs))
            )
            if n == 0:
                content = run.format(content)
            cells = [run.format(ordinal), run.format(origin), content]
            yield (
                "<w:tr>" + "".join(f"<w:tc><w:p>{c}</w:p></w:tc>" for c in cells) + "</w:tr>"
            ).encode()
        yield b"</w:tbl>"

    return _docx(dest, body())


def docx_pictures(dest: Path, count: int, size: int) -> Path:
    """A small petition table with `count` referenced pictures of `size` bytes of zeros each."""
    return _docx(dest, _table(3), pictures=(size,) * count)


def docx_heaviest(dest: Path) -> Path:
    """Every DOCX size limit nearly met: 31 MiB of text paragraphs and 2 pictures of 47 MiB."""
    paragraph = "<w:p><w:r><w:t>" + "Kiến nghị về hạ tầng viễn thông. " * 30 + "</w:t></w:r></w:p>"
    body = itertools.chain(_table(4), _repeat(paragraph.encode(), 31 * MIB))
    return _docx(dest, body, pictures=(47 * MIB, 47 * MIB))


def docx_rows(dest: Path, rows: int) -> Path:
    """A DOCX petition table of `rows` rows, header included."""
    return _docx(dest, _table(rows))


def docx_lying(dest: Path, xml_bytes: int = 100 * MIB, declared: int = MIB) -> Path:
    """A DOCX bomb whose zip headers (local and central) declare only `declared` bytes."""
    _docx(dest, _repeat(b"<w:p/>", xml_bytes), zip64=False)
    raw = bytearray(dest.read_bytes())
    with zipfile.ZipFile(dest) as archive:
        local = archive.getinfo("word/document.xml").header_offset
    raw[local + 22 : local + 26] = declared.to_bytes(4, "little")  # uncompressed size
    eocd = raw.rfind(b"PK\x05\x06")
    at = int.from_bytes(raw[eocd + 16 : eocd + 20], "little")  # the central directory
    while raw[at : at + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = (
            int.from_bytes(raw[at + i : at + i + 2], "little") for i in (28, 30, 32)
        )
        if raw[at + 46 : at + 46 + name_len] == b"word/document.xml":
            raw[at + 24 : at + 28] = declared.to_bytes(4, "little")
        at += 46 + name_len + extra_len + comment_len
    dest.write_bytes(bytes(raw))
    return dest


def entity_bomb(dest: Path) -> Path:
    """ "Billion laughs" in document.xml: ten levels of ten entities, ~1 GB if ever expanded."""
    levels = ['<!ENTITY lol0 "lollollollollollollollollollol">']
    levels += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<!DOCTYPE w:document [{"".join(levels)}]>\n<w:document xmlns:w="{_W}"><w:body>'
    )
    body = [b"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>STT</w:t></w:r></w:p></w:tc>",
            b"<w:tc><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"]  # fmt: skip
    return _docx(dest, body, head=head)


def deep_nesting(dest: Path, depth: int = 100_000) -> Path:
    """document.xml nested `depth` elements deep (lxml gives up at 256, Python recursion ~1000)."""
    return _docx(dest, [b"<w:sdt><w:sdtContent>" * depth, b"</w:sdtContent></w:sdt>" * depth])


def truncated(dest: Path) -> Path:
    """A genuine-looking DOCX cut in half, as an interrupted download leaves it."""
    docx_rows(dest, 50)
    raw = dest.read_bytes()
    dest.write_bytes(raw[: len(raw) // 2])
    return dest


def _xlsx(
    dest: Path, sheet: Iterable[bytes], shared: Iterable[bytes] | None = None, media: int = 0
) -> Path:
    """A minimal XLSX (one sheet, shared strings if given, `media` bytes of picture)."""
    ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    sst_type = (
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ctype}.sharedStrings+xml"/>'
    )
    with zipfile.ZipFile(dest, "w") as archive:
        _package(
            archive,
            "xl/workbook.xml",
            f'<Override PartName="/xl/workbook.xml" ContentType="{ctype}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ctype}.worksheet+xml"/>'
            + (sst_type if shared is not None else ""),
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_S}" xmlns:r="{_R}">'
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        rels = f'<Relationship Id="rId1" Type="{_R}/worksheet" Target="worksheets/sheet1.xml"/>'
        if shared is not None:
            rels += (
                f'<Relationship Id="rId2" Type="{_R}/sharedStrings" Target="sharedStrings.xml"/>'
            )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}/relationships">'
            f"{rels}</Relationships>",
        )
        head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_S}">'
        _write_member(archive, "xl/worksheets/sheet1.xml", [head.encode(), *sheet, b"</worksheet>"])
        if shared is not None:
            sst = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_S}">'
            _write_member(archive, "xl/sharedStrings.xml", [sst.encode(), *shared, b"</sst>"])
        if media:  # a photo of the signed letter, say: bytes that do not compress
            chunks = (random.randbytes(MIB) for _ in range(media // MIB))
            _write_member(archive, "xl/media/image1.png", chunks)
    return dest


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _sheet_rows(
    rows: int, content: Iterator[str] | None = None, *, dimension: bool = True
) -> Iterator[bytes]:
    if dimension:
        yield f'<dimension ref="A1:C{rows}"/>'.encode()
    yield b"<sheetData>"
    header = _inline("A1", "STT") + _inline("B1", "Địa phương") + _inline("C1", "Kiến nghị")
    yield f'<row r="1">{header}</row>'.encode()
    batch: list[str] = []
    for n in range(2, rows + 1):
        text = next(content) if content is not None else f"Kiến nghị {n}"
        batch.append(
            f'<row r="{n}"><c r="A{n}"><v>{n - 1}</v></c>{_inline(f"B{n}", "Bến Tre")}'
            f"{_inline(f'C{n}', text)}</row>"
        )
        if len(batch) == 2000:
            yield "".join(batch).encode()
            batch = []
    yield "".join(batch).encode()
    yield b"</sheetData>"


def xlsx_rows(dest: Path, rows: int, *, dimension: bool = True) -> Path:
    """A petition sheet of `rows` rows (header included), its <dimension> written or not."""
    return _xlsx(dest, _sheet_rows(rows, dimension=dimension))


def xlsx_blank_rows(dest: Path, rows: int) -> Path:
    """A sheet of `rows` empty rows and no <dimension>: openpyxl walks them all on opening."""

    def sheet() -> Iterator[bytes]:
        yield b"<sheetData>"
        for start in range(1, rows + 1, 10_000):
            stop = min(start + 10_000, rows + 1)
            yield "".join(f'<row r="{n}"/>' for n in range(start, stop)).encode()
        yield b"</sheetData>"

    return _xlsx(dest, sheet())


def xlsx_wide(dest: Path, column: int) -> Path:
    """A petition sheet with one value as far right as column number `column`."""
    from openpyxl.utils import get_column_letter

    far = _inline(f"{get_column_letter(column)}2", "ghi chú")
    header = _inline("A1", "STT") + _inline("B1", "Địa phương") + _inline("C1", "Kiến nghị")
    row = _inline("B2", "Huế") + _inline("C2", "Nội dung") + far
    sheet = [f'<sheetData><row r="1">{header}</row><row r="2">{row}</row></sheetData>'.encode()]
    return _xlsx(dest, sheet)


def xlsx_shared_strings(dest: Path, xml_bytes: int, unit: bytes = b"<si><t>x</t></si>") -> Path:
    """An XLSX whose sharedStrings.xml inflates to `xml_bytes` (openpyxl loads it all)."""
    return _xlsx(dest, _sheet_rows(3), shared=_repeat(unit, xml_bytes))


def xlsx_giant_cell(dest: Path, xml_bytes: int, *, shared: bool = False) -> Path:
    """One cell of `xml_bytes` characters, inline in the sheet or as a shared string."""
    giant = _repeat(b"x", xml_bytes)
    if shared:
        return _xlsx(dest, _sheet_rows(3), shared=[b"<si><t>", *giant, b"</t></si>"])
    head = f'<sheetData><row r="1">{_inline("A1", "STT")}{_inline("B1", "Địa phương")}'
    head += f'{_inline("C1", "Kiến nghị")}</row><row r="2"><c r="C2" t="inlineStr"><is><t>'
    return _xlsx(dest, [head.encode(), *giant, b"</t></is></c></row></sheetData>"])


_SYLLABLES = (
    "kiến nghị bộ tỉnh thành phố hạ tầng viễn thông bưu chính chuyển đổi số dịch vụ công trực",
    "tuyến cấp phép tần số báo chí xuất bản phát thanh truyền hình an toàn thông tin mạng dữ",
    "liệu quốc gia hướng dẫn thủ tục hành chính đầu tư doanh nghiệp người dân xã huyện",
)
_WORDS = " ".join(_SYLLABLES).split()


def genuine_xlsx(
    dest: Path, rows: int = 5_000, row_chars: int = 560, media: int = 19 * MIB, seed: int = 1
) -> Path:
    """A petition sheet within every limit (rows, text), made up to ~20 MB by a picture."""
    rng = random.Random(seed)

    def texts() -> Iterator[str]:
        while True:
            words: list[str] = []
            size = 0
            while size < row_chars:
                word = rng.choice(_WORDS) + str(rng.randrange(100_000))
                words.append(word)
                size += len(word) + 1
            yield " ".join(words)

    return _xlsx(dest, _sheet_rows(rows, texts()), media=media)
