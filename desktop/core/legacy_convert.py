"""convert-legacy: a DOCX, XLSX or plain text file typed in TCVN3/VNI, rewritten in Unicode.

Only the legacy text changes (and the legacy font names, to Times New Roman or Arial); the rest
of the file is kept: python-docx saves every part it loaded, the XLSX zip is copied part by part.
A file with no legacy text is copied byte for byte, so a batch over a folder is safe.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import docx

from desktop.core.errors import DomainError
from desktop.core.files import write_atomic
from desktop.core.importers import file_kind, reading
from desktop.core.importers.common import MAX_FILE_BYTES
from desktop.core.importers.legacy_docx import convert_document
from desktop.core.importers.legacy_xlsx import convert_workbook
from desktop.core.importers.model import ImportFailed
from desktop.core.importers.package import check_package
from desktop.core.legacy_text import LegacyConversion, convert, detect, looks_legacy


@dataclass(frozen=True)
class FileConversion:
    """What convert_file wrote: the kind of file, and the conversion (None: copied unchanged)."""

    source: Path
    dest: Path
    kind: str  # "docx", "xlsx" or "txt"
    conversion: LegacyConversion | None


def convert_file(source: Path, dest: Path) -> FileConversion:
    """Write `dest`: `source` with its TCVN3/VNI text in Unicode NFC (DOCX, XLSX or .txt)."""
    source, dest = Path(source), Path(dest)
    if dest.exists() and source.exists() and dest.resolve() == source.resolve():
        raise DomainError("Tệp ghi ra phải khác tệp gốc (tệp gốc được giữ nguyên).")
    if source.suffix.lower() == ".txt":
        data, conversion = _convert_text(source)
        write_atomic(dest, data)
        return FileConversion(source, dest, "txt", conversion)
    kind = file_kind(source)
    with reading(source, kind):
        check_package(source, kind)
        if kind == "docx":
            document = docx.Document(str(source))
            conversion = convert_document(document, switch_fonts=True)
            out = io.BytesIO()
            if conversion is not None:
                document.save(out)
            data = out.getvalue() if conversion is not None else source.read_bytes()
        else:
            converted, conversion = convert_workbook(source, switch_fonts=True)
            data = converted if converted is not None else source.read_bytes()
    write_atomic(dest, data)
    return FileConversion(source, dest, kind, conversion)


def _convert_text(source: Path) -> tuple[bytes, LegacyConversion | None]:
    try:
        if source.stat().st_size > MAX_FILE_BYTES:
            raise ImportFailed(source, "tệp lớn quá 50 MB")
        raw = source.read_bytes()
    except FileNotFoundError as exc:
        raise ImportFailed(source, "không tìm thấy tệp") from exc
    except OSError as exc:
        raise ImportFailed(source, f"không đọc được tệp ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Legacy fonts wrote 8-bit text; their codes are all Latin-1 characters.
        text = raw.decode("latin-1")
    lines = text.splitlines(keepends=True)
    found = detect(lines)
    if found is None:
        return raw, None
    changed = 0
    for index, line in enumerate(lines):
        if looks_legacy(line, found):
            lines[index] = convert(line, found)
            changed += 1
    return "".join(lines).encode("utf-8"), LegacyConversion((found,), 0, changed)
