"""Scans made by the tests: a text PDF rasterised as a scanner would, into images and a PDF.

The petition table is drawn by tests/pdf_samples.py; each page is rendered at `dpi` (200, as
an office scanner is usually set) to a greyscale image, and those images become an image-only
PDF (Pillow), a PNG of one page, or a multi-page TIFF. No text layer survives.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageFilter

SCAN_DPI = 200


def rasterise(pdf: Path, dpi: int = SCAN_DPI) -> list[Image.Image]:
    """The pages of a PDF as greyscale images at `dpi`."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("L") for page in document]
    finally:
        document.close()


def scanned_pdf(pdf: Path, out: Path, dpi: int = SCAN_DPI) -> Path:
    """An image-only copy of `pdf` at `out` (no text layer), as a scanner makes it."""
    pages = rasterise(pdf, dpi)
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return out


def scanned_image(pdf: Path, out: Path, *, page: int = 0, dpi: int = SCAN_DPI) -> Path:
    """One page of `pdf` as an image file (format from the suffix: .png, .jpg, .tif)."""
    rasterise(pdf, dpi)[page].save(out, dpi=(dpi, dpi))
    return out


def scuffed(image: Path, out: Path, *, degrees: float = 1.0, specks: int = 3000) -> Path:
    """The scan as paper often gives it: turned a little, softened, with dust specks."""
    page = Image.open(image).convert("L")
    page = page.rotate(degrees, resample=Image.Resampling.BICUBIC, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    pixels = page.load()
    assert pixels is not None
    rng = random.Random(1)  # the same dust every run
    for _ in range(specks):
        xy = (rng.randrange(page.width), rng.randrange(page.height))
        pixels[xy] = rng.choice((0, 90, 200))
    page.save(out)
    return out


def blank_origin_scan(folder: Path) -> Path:
    """A two-row table page scanned as PNG, the second row's origin cell left empty."""
    from tests.pdf_samples import render_petition_pdf

    rows = [
        ["1", "Bến Tre", ["Xây dựng khu công nghệ thông tin tập trung"]],
        ["2", None, ["Hoàn thiện trục tích hợp quốc gia"]],
    ]
    text = render_petition_pdf(
        folder / "thieu.pdf",
        rows,
        letter_number="5606/VPCP-QHĐP",
        letter_date=date(2020, 7, 10),
        reply_by=date(2020, 9, 15),
    )
    return scanned_image(text, folder / "thieu.png", page=1)


def distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions), two rows at a time."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def accuracy(expected: str, got: str) -> float:
    """Character accuracy 1 − distance/len on NFC text with spaces normalised (0 at worst)."""
    want = " ".join(unicodedata.normalize("NFC", expected).split())
    have = " ".join(unicodedata.normalize("NFC", got).split())
    if not want:
        return 1.0 if not have else 0.0
    return max(0.0, 1 - distance(want, have) / len(want))
