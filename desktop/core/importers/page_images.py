"""The pages of a scan as greyscale images: a PDF's pages rendered, or an image's frames."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageSequence

from desktop.core.importers.model import ImportFailed

DPI = 200  # an office scan's own resolution; 300 dpi read no better here and took twice as long
MAX_PAGES = 100
# 300 dpi A3 is 17.5 Mpx; more than this is a pixel bomb rather than a scan.
MAX_PIXELS = 40_000_000

_PDF_MAGIC = b"%PDF"


def is_pdf(path: Path) -> bool:
    """Whether the file is a PDF, by its first bytes."""
    with path.open("rb") as fh:
        return fh.read(4) == _PDF_MAGIC


@contextmanager
def opened_pages(path: Path) -> Iterator[tuple[int, Iterator[Image.Image]]]:
    """The number of pages and an iterator over them (rendered lazily, one at a time)."""
    if is_pdf(path):
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            raise ImportFailed(path, "tệp PDF bị hỏng hoặc có mật khẩu, không đọc được") from exc
        try:
            count = len(pdf)
            _check_count(path, count)
            yield count, _pdf_pages(path, pdf)
        finally:
            pdf.close()
        return
    with warnings.catch_warnings():
        # Pillow warns, then refuses, past its own pixel limit: ours is checked per frame.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(path)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ImportFailed(path, "ảnh quá lớn (quá nhiều điểm ảnh), không đọc được") from exc
        except (OSError, ValueError) as exc:
            raise ImportFailed(path, "không đọc được ảnh (tệp hỏng hoặc định dạng lạ)") from exc
        with image:
            count = getattr(image, "n_frames", 1)
            _check_count(path, count)
            yield count, _frames(path, image)


def _check_count(path: Path, count: int) -> None:
    if count == 0:
        raise ImportFailed(path, "tệp không có trang nào")
    if count > MAX_PAGES:
        raise ImportFailed(
            path, f"tệp có {count} trang; chỉ nhận dạng chữ tệp đến {MAX_PAGES} trang"
        )


def _pdf_pages(path: Path, pdf: pdfium.PdfDocument) -> Iterator[Image.Image]:
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            width, height = page.get_size()
            scale = DPI / 72
            if width * height * scale * scale > MAX_PIXELS:
                scale = (MAX_PIXELS / (width * height)) ** 0.5
            bitmap = page.render(scale=scale, grayscale=True)
            yield bitmap.to_pil().convert("L")
        finally:
            page.close()


def _frames(path: Path, image: Image.Image) -> Iterator[Image.Image]:
    for frame in ImageSequence.Iterator(image):
        if frame.width * frame.height > MAX_PIXELS:
            raise ImportFailed(path, "ảnh quá lớn (quá nhiều điểm ảnh), không đọc được")
        try:
            yield _flattened(frame)
        except (OSError, ValueError) as exc:
            raise ImportFailed(path, "ảnh bị hỏng, không đọc hết được") from exc


def _flattened(frame: Image.Image) -> Image.Image:
    """Greyscale on white: a transparent PNG's see-through parts are paper, not ink."""
    if frame.mode in ("RGBA", "LA", "PA") or "transparency" in frame.info:
        rgba = frame.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("L")
    return frame.convert("L")
