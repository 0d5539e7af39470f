"""Tesseract (Vietnamese model) through pytesseract: the one place that runs the OCR engine.

pytesseract rather than OCRmyPDF: we need the words of each table cell, not a searchable PDF,
and OCRmyPDF would bring Ghostscript, pikepdf and a PDF rewrite only to run the same Tesseract
underneath. Starting Tesseract and loading the Vietnamese model costs about 0.2 s a call here,
so the cells of a page are sent together as the frames of one TIFF, read with psm 6 (one block
of text per frame); `image_to_data` says which frame each word came from.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytesseract
from PIL import Image

from desktop.core.importers.model import Cancelled, ImportFailed

# Tesseract's OpenMP threads spin while they wait: on this 2-CPU machine under load one page
# took 27 s with two threads and 3 s with one. Documents are read one page at a time anyway.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

LANG = "vie"
CELL_CONFIG = "--psm 6"  # one uniform block of text: what a table cell is
PAGE_CONFIG = "--psm 3"  # automatic layout: the letterhead's two columns stay apart
CHUNK = 16  # cells per Tesseract call: about a second of work between two checks for Cancel
_PADDING = 12  # white margin around a cell: Tesseract misreads text touching the image edge

_SPECK = re.compile(r"[.,'`‘’\"“”·:;]+")
_COLUMN_GAP_MM = 8  # a wider gap between two words on one line separates two columns

_NO_TESSERACT = (
    "máy chưa cài chương trình nhận dạng chữ Tesseract; hãy cài gói tesseract-ocr và "
    "tesseract-ocr-vie (dữ liệu tiếng Việt), rồi thử lại"
)
_NO_VIETNAMESE = (
    "Tesseract chưa có dữ liệu nhận dạng tiếng Việt; hãy cài gói tesseract-ocr-vie, rồi thử lại"
)


class OcrCancelled(ImportFailed):
    """The clerk cancelled the recognition (Hủy): nothing was read, nothing written."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "Đã hủy nhận dạng chữ")


def require_vietnamese(path: Path) -> None:
    """Refuse, naming the package to install, when Tesseract or its Vietnamese model is missing."""
    try:
        languages = pytesseract.get_languages(config="")
    except pytesseract.TesseractNotFoundError as exc:
        raise ImportFailed(path, _NO_TESSERACT) from exc
    except (pytesseract.TesseractError, OSError) as exc:
        raise ImportFailed(path, _NO_VIETNAMESE) from exc
    if LANG not in languages:
        raise ImportFailed(path, _NO_VIETNAMESE)


def _image_data(path: Path, source: Image.Image | str, config: str) -> dict[str, list[Any]]:
    """Tesseract's words with their boxes and frame numbers; failures said in Vietnamese."""
    try:
        data = pytesseract.image_to_data(
            source, lang=LANG, config=config, output_type=pytesseract.Output.DICT
        )
    except pytesseract.TesseractNotFoundError as exc:
        raise ImportFailed(path, _NO_TESSERACT) from exc
    except pytesseract.TesseractError as exc:
        if "language" in str(exc.message).lower():
            raise ImportFailed(path, _NO_VIETNAMESE) from exc
        raise ImportFailed(path, "Tesseract không nhận dạng được ảnh của tệp") from exc
    return cast(dict[str, list[Any]], data)


def padded(image: Image.Image) -> Image.Image:
    """The image on a white margin."""
    out = Image.new("L", (image.width + 2 * _PADDING, image.height + 2 * _PADDING), 255)
    out.paste(image.convert("L"), (_PADDING, _PADDING))
    return out


def read_blocks(
    path: Path, images: Sequence[Image.Image], cancelled: Cancelled | None = None
) -> list[list[str]]:
    """The text lines of each image (a table cell), read as one block each; [] for a blank."""
    out: list[list[str]] = []
    with tempfile.TemporaryDirectory(prefix="kiennghi-ocr-") as folder:
        for first in range(0, len(images), CHUNK):
            if cancelled is not None and cancelled():
                raise OcrCancelled(path)
            chunk = [padded(image) for image in images[first : first + CHUNK]]
            tiff = Path(folder) / f"cells-{first}.tif"
            chunk[0].save(tiff, save_all=True, append_images=chunk[1:], compression="tiff_lzw")
            data = _image_data(path, str(tiff), CELL_CONFIG)
            out.extend(_lines_by_page(data, len(chunk)))
    return out


def _lines_by_page(data: dict[str, list[Any]], pages: int) -> list[list[str]]:
    """Words of an image_to_data answer grouped into lines, per frame of the TIFF."""
    lines: list[dict[tuple[int, int, int], list[str]]] = [{} for _ in range(pages)]
    for i, word in enumerate(data["text"]):
        word = str(word).strip()
        if not word:
            continue
        if _SPECK.fullmatch(word):
            continue  # a lone dot or comma on its own: dust on the scan, not writing
        # Tesseract numbers the frames of a TIFF from 1.
        page = int(data["page_num"][i]) - 1
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        if 0 <= page < pages:
            lines[page].setdefault(key, []).append(word)
    return [[" ".join(words) for _, words in sorted(page.items())] for page in lines]


def read_page(path: Path, image: Image.Image) -> str:
    """The running text of a whole page, one line per paragraph or heading line.

    Tesseract reads a letterhead's two columns ("VĂN PHÒNG CHÍNH PHỦ   CỘNG HÒA XÃ HỘI …") as
    one line: a wide gap between two words splits it. A line that starts in lower case (or
    with a digit) continues the piece above it, so a wrapped "trước ngày 15 tháng 09 năm 2020"
    or "V/v …" reads as one line again.
    """
    data = _image_data(path, padded(image), PAGE_CONFIG)
    gap = max(image.width / 210, 1.0) * _COLUMN_GAP_MM
    lines: dict[tuple[int, int, int], list[tuple[int, int, str]]] = {}
    for i, word in enumerate(data["text"]):
        word = str(word).strip()
        if word:
            key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
            left = int(data["left"][i])
            lines.setdefault(key, []).append((left, left + int(data["width"][i]), word))
    pieces: list[_Piece] = []  # in reading order
    above: list[_Piece] = []  # what the line above became part of
    for _, words in sorted(lines.items()):
        current: list[_Piece] = []
        for left, right, word in sorted(words):
            if current and left - current[-1].right <= gap:
                current[-1].right = right
                current[-1].words.append(word)
            else:
                current.append(_Piece(left, right, [word]))
        into: list[_Piece] = []
        for piece in current:
            first = piece.words[0][0]
            target = piece.under(above) if first.islower() or first.isdigit() else None
            if target is None:
                pieces.append(piece)
                into.append(piece)
            else:
                target.words.extend(piece.words)
                target.left, target.right = piece.left, piece.right
                into.append(target)
        above = into
    return "\n".join(" ".join(piece.words) for piece in pieces)


@dataclass
class _Piece:
    """Words of one column of one line (then of the lines that continue it)."""

    left: int
    right: int
    words: list[str]

    def under(self, line_above: list[_Piece]) -> _Piece | None:
        """The piece of the line above that this one sits under, if any."""
        for other in line_above:
            if other.left < self.right and self.left < other.right:
                return other
        return None
