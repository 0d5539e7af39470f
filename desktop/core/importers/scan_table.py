"""Scans: a scanned PDF (pages without text) or an image (PNG/JPEG/TIFF) read by OCR.

Each page is rendered (pypdfium2) or read (Pillow; a TIFF's frames are its pages); its ruled
tables are found from their lines (grid_lines), each cell is read by Tesseract with the
Vietnamese model (ocr), and the rows are built by the same rules as a DOCX table's
(common.match_header, is_heading_row, assemble_row). The text outside the tables gives the
letter's number, date and reply-by date (common.scan_metadata). OCR makes mistakes: the
desktop lets the clerk correct the rows in the preview before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from desktop.core.importers.common import (
    HEADER_SCAN_ROWS,
    Cell,
    Role,
    assemble_row,
    is_heading_row,
    match_header,
    not_found,
    scan_metadata,
    tidy,
)
from desktop.core.importers.grid_lines import Grid, find_grids, ink_mask, skew_degrees
from desktop.core.importers.model import (
    Cancelled,
    ImportFailed,
    ParsedImport,
    ParsedRow,
    Progress,
    parsed_import,
)
from desktop.core.importers.ocr import OcrCancelled, read_blocks, read_page, require_vietnamese
from desktop.core.importers.ocr_gate import (
    UNREAD,
    NeedsOcr,
    correcting,
    for_correction,
    require_allowed,
    without_ocr,
)
from desktop.core.importers.page_images import is_pdf, opened_pages
from desktop.core.importers.table_rows import TableRows

__all__ = [
    "UNREAD",
    "NeedsOcr",
    "OcrCancelled",
    "for_correction",
    "ocr_text",
    "parse_scan",
    "without_ocr",
]

Root = tuple[int, int]

_LEVEL_DEGREES = 0.1  # less than this turns a row by under 3 px across an A4 table at 200 dpi
_INSET = 3  # pixels kept off a cell's ruling lines, beyond the line itself
# A line that starts a new point inside a cell: "+ …", "- …", "• …", "a) …", "1. …".
_NEW_POINT = re.compile(r"[+\-–•]\s|[a-zđ]\)\s|\d{1,2}[.)]\s")
_STRAY_RULE = re.compile(r"^[|\[\]]+\s*|\s*[|\[\]]+$")


@dataclass(frozen=True)
class _Table:
    """A ruled table of one page and the OCR'd text of each of its cells (by top-left cell)."""

    page: int
    grid: Grid
    texts: dict[Root, str]


@dataclass(frozen=True)
class _Page:
    tables: list[_Table]
    outside: str  # the page's text outside its tables


class _Interrupted(Exception):
    """What the caller's progress or cancelled raised, carried through the guard unchanged."""


@contextmanager
def _guarded(path: Path) -> Iterator[None]:
    """Anything unexpected from Pillow, pdfium or Tesseract reaches the clerk in Vietnamese."""
    try:
        yield
    except _Interrupted as exc:
        raise exc.args[0] from None
    except ImportFailed:
        raise
    except MemoryError as exc:
        raise ImportFailed(path, "tệp quá lớn, không đủ bộ nhớ để nhận dạng chữ") from exc
    except Exception as exc:
        raise ImportFailed(path, "không nhận dạng được chữ trong tệp (tệp hỏng hoặc lạ)") from exc


def parse_scan(
    path: Path, *, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> ParsedImport:
    """Read a petition table from a scan by OCR; ImportFailed (OcrCancelled on Hủy) if not."""
    path = Path(path)
    with _guarded(path):
        pages = list(_read_pages(path, progress, cancelled, tables=True))
    tables = [table for page in pages for table in page.tables]
    rows = _rows(path, tables)
    meta = scan_metadata(
        path, ((line, None) for page in pages for line in page.outside.split("\n"))
    )
    return parsed_import(path, "pdf" if is_pdf(path) else "image", meta, rows)


def ocr_text(
    path: Path, *, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> str:
    """The plain OCR text of every page of a scan or image, pages apart by a blank line."""
    path = Path(path)
    with _guarded(path):
        pages = list(_read_pages(path, progress, cancelled, tables=False))
    return "\n\n".join(page.outside for page in pages if page.outside)


def _read_pages(
    path: Path, progress: Progress | None, cancelled: Cancelled | None, *, tables: bool
) -> Iterator[_Page]:
    require_allowed(path)
    require_vietnamese(path)
    with opened_pages(path) as (count, images):
        for index, image in enumerate(images):
            _step(path, progress, cancelled, index, count)
            yield _read_page(path, index, image, cancelled, tables=tables)
        _step(path, progress, cancelled, count, count)


def _step(
    path: Path, progress: Progress | None, cancelled: Cancelled | None, done: int, total: int
) -> None:
    if _asked(cancelled):
        raise OcrCancelled(path)
    if progress is not None:
        try:
            progress(done, total, f"trang {min(done + 1, total)}/{total}")
        except Exception as exc:
            raise _Interrupted(exc) from exc


def _asked(cancelled: Cancelled | None) -> bool:
    """Whether the caller asks to stop (its own exception passed through unchanged)."""
    try:
        return cancelled is not None and cancelled()
    except Exception as exc:
        raise _Interrupted(exc) from exc


def _read_page(
    path: Path, index: int, image: Image.Image, cancelled: Cancelled | None, *, tables: bool
) -> _Page:
    if tables:
        # A page fed a little askew: its rules leveled first, or each row would cross two bands.
        angle = skew_degrees(image)
        if abs(angle) >= _LEVEL_DEGREES:
            image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    grids = find_grids(image) if tables else []
    found = [_Table(index, grid, _cell_texts(path, image, grid, cancelled)) for grid in grids]
    blanked = image
    if grids:
        blanked = image.copy()
        draw = ImageDraw.Draw(blanked)
        for grid in grids:
            left, top, right, bottom = grid.box
            draw.rectangle((left - 4, top - 4, right + 4, bottom + 4), fill=255)
    if _asked(cancelled):
        raise OcrCancelled(path)
    outside = read_page(path, blanked) if ink_mask(blanked).getbbox() else ""
    return _Page(found, outside)


def _cell_texts(
    path: Path, image: Image.Image, grid: Grid, cancelled: Cancelled | None
) -> dict[Root, str]:
    """Each distinct (merged) cell read once; blank cells are not sent to Tesseract."""
    roots = sorted({root for row in grid.roots for root in row})
    crops: list[Image.Image] = []
    wanted: list[Root] = []
    texts: dict[Root, str] = {}
    mm = max(image.width / 210, 1.0)
    inset = round(0.5 * mm) + _INSET
    for root in roots:
        left, top, right, bottom = grid.cell_box(root)
        box = (left + inset, top + inset, right - inset, bottom - inset)
        if box[2] - box[0] < 4 or box[3] - box[1] < 4:
            texts[root] = ""
            continue
        crop = image.crop(box)
        ink = ink_mask(crop).getbbox()
        if ink is None:
            texts[root] = ""
            continue
        # Cut to the ink: a lone STT digit at the top of a tall cell is misread otherwise.
        crops.append(crop.crop(ink))
        wanted.append(root)
    for root, lines in zip(
        wanted, read_blocks(path, crops, lambda: _asked(cancelled)), strict=True
    ):
        texts[root] = _join_lines(lines)
    return texts


def _join_lines(lines: list[str]) -> str:
    """A cell's OCR lines as its text: wrapped lines joined, "+ …" sub-points on their own."""
    out: list[str] = []
    for raw in lines:
        line = _STRAY_RULE.sub("", raw).strip()
        if not line:
            continue
        if out and not _NEW_POINT.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def _rows(path: Path, tables: list[_Table]) -> tuple[ParsedRow, ...]:
    """The petitions of the first table with a recognised header and of its continuations."""
    for start, table in enumerate(tables):
        for i in range(min(table.grid.rows, HEADER_SCAN_ROWS)):
            roles = match_header(_own_texts(table, i))
            if roles is not None:
                same = [table]
                for later in tables[start + 1 :]:
                    if later.grid.columns != table.grid.columns:
                        break
                    same.append(later)
                return _table_rows(path, same, i, roles)
    raise not_found(path)


def _own_texts(table: _Table, i: int) -> list[str]:
    """What row `i` wrote itself: "" where a cell continues the one above."""
    roots = table.grid.roots[i]
    return [tidy(table.texts[root]) if root[0] == i else "" for root in roots]


def _table_rows(
    path: Path, tables: list[_Table], header_row: int, roles: dict[Role, int]
) -> tuple[ParsedRow, ...]:
    out = TableRows(path, _assembled)
    offset = 0
    for number_in, table in enumerate(tables):
        dead: set[Root] = set()  # cells of skipped header rows
        grid = table.grid
        for i in range(header_row + 1 if number_in == 0 else 0, grid.rows):
            number = offset + i + 1
            own = _own_texts(table, i)
            if is_heading_row(own):
                dead.update(grid.roots[i])  # a header repeated on a later page, "(1) (2) (3)"
                continue
            roots = grid.roots[i]
            if _at(roots, roles["origin"]) == _at(roots, roles["content"]):
                continue  # one cell across the row: a section heading such as "I. Bưu chính"
            cells: dict[Role, Cell] = {}
            for role, col in roles.items():
                root = _at(roots, col)
                if root is None:
                    continue
                continued = root[0] != i
                if continued and root in dead:
                    cells[role] = Cell(None, True)
                else:
                    cells[role] = Cell(table.texts[root], not continued)
            out.add(number, cells)
        offset += grid.rows
    return out.result()


def _assembled(path: Path, number: int, cells: Mapping[Role, Cell]) -> ParsedRow | None:
    """assemble_row; for a clerk to correct, a row missing its origin or content is kept with
    that cell UNREAD (OCR may have missed faint writing) rather than refusing the scan."""
    try:
        return assemble_row(path, number, cells)
    except ImportFailed:
        if not correcting():
            raise
        texts = {role: cells.get(role, Cell(None)).value for role in ("origin", "content")}
        filled = {role: bool(tidy(str(value or ""))) for role, value in texts.items()}
        if filled["origin"] == filled["content"]:
            raise  # another problem (a date, a length): the same refusal as for a DOCX
        missing: Role = "content" if filled["origin"] else "origin"
        return assemble_row(path, number, {**cells, missing: Cell(UNREAD, True)})


def _at(roots: tuple[Root, ...], col: int) -> Root | None:
    return roots[col] if col < len(roots) else None
