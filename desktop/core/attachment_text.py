"""Tệp đính kèm searchable: the text of each attachment read and kept for search.

A file is read by what its bytes are, never by its name: DOCX (every paragraph, tables'
cells included), XLSX (every sheet's cells, row by row), a PDF's text layer, and a scan (an
image, or a PDF without text) through OCR (desktop/core/importers/scan_table.py's
`ocr_text`, imported when needed; where Tesseract or its Vietnamese model is missing a scan is
kept `waiting`, read again by the backfill once it is there); a plain text file as UTF-8.
The Office files pass the importers' limits first (zip and XML bombs), as an import does.

Reading never loses the attachment: the file is stored first, then read; whatever goes wrong
(a damaged file, a file type without text) is kept as the reason, said to the clerk, and the
file stays attached. Reading is outside any write transaction (OCR takes seconds a page): the
CLI reads inline, the desktop on a worker thread (desktop/ui/attachment_indexing.py).
"""

from __future__ import annotations

import importlib
import logging
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db import attachment_text as repo
from db import documents as docs
from db.attachment_text import AttachmentText, State
from db.store import Store
from desktop.core import permissions
from desktop.core.errors import DomainError
from desktop.core.importers.model import ImportFailed
from desktop.core.importers.pdf_table import pdf_text
from desktop.core.registry import read_attachment
from desktop.core.session import Session

log = logging.getLogger(__name__)

Progress = Callable[..., Any]
Cancelled = Callable[[], bool]

_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM", b"GIF8")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
NO_OCR = "bản quét (ảnh) chưa nhận dạng được chữ: máy này chưa có chức năng nhận dạng chữ (OCR)"
DAMAGED = "tệp bị hỏng hoặc có cấu trúc lạ, không đọc được chữ"


class ReadCancelled(DomainError):
    """The clerk cancelled while a file was being read (OCR): it stays unread."""

    def __init__(self, name: str) -> None:
        super().__init__(f"Đã hủy đọc chữ của tệp «{name}».")


@dataclass(frozen=True)
class Reading:
    """What reading one file gave: its text, or why there is none."""

    state: State
    text: str = ""
    method: str = ""
    reason: str = ""


def read_text(
    name: str, content: bytes, *, progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Reading:  # fmt: skip
    """The text of a file's bytes; never raises for what the file holds (the reason is kept)."""
    with tempfile.TemporaryDirectory(prefix="kiennghi-dinhkem-") as folder:
        # The importers read paths; the suffix is kept for the libraries that look at it.
        path = Path(folder) / ("tep" + Path(name).suffix.lower()[:10])
        path.write_bytes(content)
        try:
            return _read(path, content[:8], progress, cancelled)
        except ImportFailed as exc:
            if cancelled is not None and cancelled():
                raise ReadCancelled(name) from exc  # Hủy: nothing to keep, read again later
            return Reading("failed", reason=exc.problem.strip().rstrip("."))
        except MemoryError:
            return Reading("failed", reason="tệp quá lớn, không đủ bộ nhớ để đọc chữ")
        except Exception as exc:  # a damaged file must never cost the attachment
            log.info("attachment %s not read: %r", name, exc)
            return Reading("failed", reason=DAMAGED)


def _read(
    path: Path, head: bytes, progress: Progress | None, cancelled: Cancelled | None
) -> Reading:
    if head.startswith(b"%PDF"):
        text = pdf_text(path) or ""  # None: no text layer (a scan)
        if text.strip():
            return Reading("indexed", text, "pdf")
        return _ocr(path, progress, cancelled, "pdf-ocr")
    if head.startswith(_IMAGES):
        return _ocr(path, progress, cancelled, "ocr")
    if head.startswith(b"PK"):
        return _office(path)
    if head.startswith(_OLE2):
        return Reading(
            "empty", reason="tệp Word/Excel đời cũ (.doc/.xls) chưa đọc được chữ; hãy đính kèm"
            " bản .docx hoặc .xlsx",
        )  # fmt: skip
    if path.suffix in (".txt", ".csv"):
        try:
            return _found(path.read_bytes().decode("utf-8-sig"), "text")
        except UnicodeDecodeError:
            return Reading("failed", reason="tệp văn bản không theo bảng mã UTF-8")
    return Reading("empty", reason="loại tệp này không có chữ để tìm")


def _found(text: str, method: str) -> Reading:
    if not text.strip():
        return Reading("empty", method=method, reason="tệp không có chữ")
    return Reading("indexed", text, method)


def _office(path: Path) -> Reading:
    from desktop.core.importers.package import check_package
    from desktop.core.importers.sniff import sniff

    try:
        kind = sniff(path)
    except ImportFailed as exc:
        if "ZIP" in exc.problem or "OpenDocument" in exc.problem:
            return Reading("empty", reason=exc.problem)
        raise
    check_package(path, kind)  # zip and XML bombs refused before any parser
    return _found(_docx_text(path) if kind == "docx" else _xlsx_text(path), kind)


def _docx_text(path: Path) -> str:
    import docx
    from docx.oxml.ns import qn

    from desktop.core.importers.legacy_docx import convert_document

    document = docx.Document(str(path))
    convert_document(document)  # text typed in TCVN3/VNI fonts searchable as Unicode
    body = document.element.body
    lines = []
    for p in body.iter(qn("w:p")):
        parts = [t.text or "" for t in p.iter(qn("w:t"), qn("w:tab"))]
        lines.append("".join(x if x else " " for x in parts))
        if sum(map(len, lines)) > repo.MAX_CHARS:
            break
    return "\n".join(lines)


def _xlsx_text(path: Path) -> str:
    import io

    import openpyxl

    from desktop.core.importers.legacy_xlsx import convert_workbook

    converted, _ = convert_workbook(path)  # TCVN3/VNI cells searchable as Unicode
    source = io.BytesIO(converted) if converted is not None else str(path)
    book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    try:
        lines, size = [], 0
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells = [str(v) for v in row if v is not None and str(v).strip()]
                if cells:
                    lines.append(" ".join(cells))
                    size += len(lines[-1])
                if size > repo.MAX_CHARS:
                    return "\n".join(lines)
        return "\n".join(lines)
    finally:
        book.close()


def _ocr(
    path: Path, progress: Progress | None, cancelled: Cancelled | None, method: str
) -> Reading:
    """A scan through OCR, when this installation has it; else kept `waiting` for it."""
    try:
        scans = importlib.import_module("desktop.core.importers.scan_table")
    except ImportError:
        scans = None
    if scans is None or not hasattr(scans, "ocr_text"):
        return Reading("waiting", method=method, reason=NO_OCR)
    try:
        importlib.import_module("desktop.core.importers.ocr").require_vietnamese(path)
    except ImportFailed as exc:  # Tesseract or its Vietnamese model not installed here
        return Reading("waiting", method=method, reason=exc.problem.strip().rstrip("."))
    text = scans.ocr_text(path, progress=progress, cancelled=cancelled)
    return _found(str(text), method)


# -- keeping what was read ----------------------------------------------------------------------
def index(
    store: Store, attachment_ids: Sequence[int], *, progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[AttachmentText]:  # fmt: skip
    """Read the attachments and keep their text (one short write each); what each gave.

    Cancel stops before the next file: those left are read by a later backfill."""
    done: list[AttachmentText] = []
    if not repo.available(store):
        return done
    for attachment_id in attachment_ids:
        if cancelled is not None and cancelled():
            break
        found = repo.attachment_file(store, attachment_id)
        if found is None:
            continue
        name, content = found
        try:
            got = read_text(name, content, progress=progress, cancelled=cancelled)
        except ReadCancelled:
            break
        if got.state != "indexed":
            log.info("attachment %s (%s): %s", attachment_id, name, got.reason)
        repo.record(store, attachment_id, got.state, text=got.text, method=got.method,
                    reason=got.reason)  # fmt: skip
        chars = len(repo.text_of(store, attachment_id)) if got.state == "indexed" else 0
        done.append(AttachmentText(attachment_id, name, got.state, got.method, got.reason, chars))
    return done


def index_unread(
    store: Store, *, document_id: int | None = None, progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[AttachmentText]:  # fmt: skip
    """The backfill: read every attachment not read yet (or waiting for OCR), oldest first."""
    done: list[AttachmentText] = []
    after = 0
    while batch := repo.unread(store, document_id=document_id, after=after, limit=100):
        read = index(store, batch, progress=progress, cancelled=cancelled)
        done += read
        if len(read) < len(batch):  # cancelled
            break
        after = batch[-1]  # a file still waiting for OCR is not read twice in one pass
    return done


def attach(
    session: Session, document_id: int, paths: Sequence[Path], *,
    progress: Progress | None = None, cancelled: Cancelled | None = None,
) -> list[AttachmentText]:  # fmt: skip
    """Đính kèm tệp: add files to a registered văn bản đến, then read their text.

    Every file is read from disk before anything is written (a missing one refuses them
    all); once stored, a file whose text cannot be read stays attached, the reason given."""
    permissions.require(session, "register")
    if not paths:
        raise DomainError("Chưa chọn tệp nào để đính kèm.")
    store = session.store
    if docs.get_document(store, document_id) is None:
        raise DomainError(f"Không có văn bản đến mã {document_id} (hoặc văn bản đã bị rút).")
    files = [read_attachment(Path(p)) for p in paths]
    with store.write():
        ids = [docs.add_attachment(store, document_id, n, data, mime) for n, data, mime in files]
    return index(store, ids, progress=progress, cancelled=cancelled)


def texts_of(store: Store, document_id: int) -> list[AttachmentText]:
    """What was read of each attachment of a document (for the detail pane)."""
    return repo.texts_of(store, document_id)
