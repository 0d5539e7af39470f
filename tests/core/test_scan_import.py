"""Scans: seed 000's letter and table printed, scanned at 200 dpi, read back by Tesseract (vie).

Each OCR run costs seconds, so the scan of each kind is read once per module and its tests
share the answer. The character accuracy (1 − Levenshtein/len on NFC text) is printed
(pytest -s) and held to a floor it reaches here.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from db import petitions as pet
from desktop.core.importers import ImportFailed, ParsedImport, parse_file
from desktop.core.importers.grid_lines import find_grids, skew_degrees
from desktop.core.importers.model import ParsedRow
from desktop.core.importers.page_images import opened_pages
from desktop.core.importers.scan_table import (
    UNREAD,
    NeedsOcr,
    OcrCancelled,
    for_correction,
    ocr_text,
    parse_scan,
    without_ocr,
)
from desktop.core.intake import ImportOverrides, import_file
from desktop.core.session import Session
from tests.core.importers.seed import SEED_LETTER, SEED_ROWS
from tests.pdf_samples import render_seed_pdf
from tests.scan_samples import (
    accuracy,
    blank_origin_scan,
    scanned_image,
    scanned_pdf,
    scuffed,
)

D = dt.date
FLOOR = 0.97  # reached here: 0.99+ on the contents, origins exact


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed letter as a text PDF, its image-only scan, and its table page as a PNG."""
    folder = tmp_path_factory.mktemp("scans")
    text = render_seed_pdf(folder / "5606.pdf")
    return {
        "text": text,
        "pdf": scanned_pdf(text, folder / "5606-scan.pdf"),
        "png": scanned_image(text, folder / "5606-table.png", page=1),
        "letter": scanned_image(text, folder / "5606-letter.png", page=0),
    }


@pytest.fixture(scope="module")
def scanned(scans: dict[str, Path]) -> tuple[ParsedImport, list[tuple[int, int, str]]]:
    """The scanned PDF read once, with the progress it reported."""
    steps: list[tuple[int, int, str]] = []
    parsed = parse_scan(scans["pdf"], progress=lambda d, t, w: steps.append((d, t, w)))
    return parsed, steps


def _expected_contents() -> list[str]:
    return ["\n".join(paragraphs) for _, _, paragraphs in SEED_ROWS]


@pytest.mark.engine_free
def test_a_scanned_pdf_yields_the_petitions_and_the_letter(
    scanned: tuple[ParsedImport, list[tuple[int, int, str]]], scans: dict[str, Path]
) -> None:
    parsed, steps = scanned
    assert [r.origin for r in parsed.rows] == [origin for _, origin, _ in SEED_ROWS]
    assert [r.ordinal for r in parsed.rows] == [None, "1", "2", "3", "4", "5"]
    scores = [
        accuracy(want, row.content)
        for want, row in zip(_expected_contents(), parsed.rows, strict=True)
    ]
    overall = accuracy("\n".join(_expected_contents()), "\n".join(r.content for r in parsed.rows))
    print(f"\nOCR character accuracy, scanned PDF at 200 dpi: {overall:.4f} (rows {scores})")
    assert overall >= FLOOR and min(scores) >= 0.95
    # "+" sub-points stay inside their row, each on its own line, as in the DOCX.
    assert parsed.rows[0].content.count("\n+ ") == 3
    assert parsed.kind == "pdf"
    assert parsed.sender == "Văn phòng Chính phủ"
    assert parsed.sender_ref == "5606/VPCP-QHĐP"
    assert (parsed.sender_date, parsed.reply_by) == (D(2020, 7, 10), D(2020, 9, 15))
    assert parsed.summary is not None and parsed.summary.startswith("V/v xử lý kiến nghị")
    assert steps[0] == (0, 2, "trang 1/2") and steps[-1][:2] == (2, 2)
    assert (1, 2, "trang 2/2") in steps


@pytest.mark.engine_free
def test_a_png_of_the_table_page_turned_and_dusty_yields_the_rows(
    scans: dict[str, Path], tmp_path: Path
) -> None:
    png = scuffed(scans["png"], tmp_path / "5606-table-dusty.png", degrees=1.0)
    parsed = parse_scan(png)
    assert parsed.kind == "image"
    assert [r.origin for r in parsed.rows] == [origin for _, origin, _ in SEED_ROWS]
    overall = accuracy("\n".join(_expected_contents()), "\n".join(r.content for r in parsed.rows))
    print(f"\nOCR character accuracy, PNG at 200 dpi turned 1° with dust: {overall:.4f}")
    assert overall >= FLOOR
    # The table page alone has the annex line: the sender, number and date, but no reply-by.
    assert (parsed.sender, parsed.sender_ref) == ("Văn phòng Chính phủ", "5606/VPCP-QHĐP")
    assert parsed.reply_by is None


@pytest.mark.engine_free
def test_ocr_text_reads_a_letter_page(scans: dict[str, Path]) -> None:
    text = ocr_text(scans["letter"])
    body = " ".join(SEED_LETTER)
    start = text.index("Kính gửi")
    got = text[start : start + len(body) + 40]
    score = accuracy(body, got[: len(body)])
    print(f"\nOCR character accuracy, letter text: {score:.4f}")
    assert score >= FLOOR
    assert "VĂN PHÒNG CHÍNH PHỦ" in text and "Mai Tiến Dũng" in text


@pytest.mark.engine_free
def test_cancel_stops_the_recognition(scans: dict[str, Path]) -> None:
    steps: list[str] = []
    with pytest.raises(OcrCancelled) as caught:
        parse_scan(
            scans["pdf"], progress=lambda d, t, w: steps.append(w), cancelled=lambda: bool(steps)
        )
    assert str(caught.value) == "Tệp «5606-scan.pdf»: Đã hủy nhận dạng chữ."
    assert steps == ["trang 1/2"]  # stopped inside page 1: page 2 never started
    with pytest.raises(OcrCancelled):
        ocr_text(scans["letter"], cancelled=lambda: True)


class _Stop(Exception):
    pass


@pytest.mark.engine_free
def test_what_the_callers_progress_raises_passes_through(scans: dict[str, Path]) -> None:
    def stop(done: int, total: int, what: str) -> None:
        raise _Stop(what)

    with pytest.raises(_Stop, match="trang 1/2"):
        parse_scan(scans["pdf"], progress=stop)


@pytest.mark.engine_free
def test_without_ocr_a_scan_says_so_and_a_text_pdf_is_read(scans: dict[str, Path]) -> None:
    """What the desktop's preview asks: a scan is then read as long work, not in a query."""
    with without_ocr():
        for scan in (scans["pdf"], scans["png"]):
            with pytest.raises(NeedsOcr):
                parse_file(scan)
        assert len(parse_file(scans["text"]).rows) == 6
    with pytest.raises(NeedsOcr), without_ocr():  # the attachments' reader may ask the same
        ocr_text(scans["letter"])


@pytest.mark.engine_free
def test_a_missing_vietnamese_model_is_named(
    scans: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "eng.traineddata").write_bytes(b"")  # a tessdata folder without vie
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    with pytest.raises(ImportFailed) as caught:
        parse_scan(scans["png"])
    assert str(caught.value) == (
        "Tệp «5606-table.png»: Tesseract chưa có dữ liệu nhận dạng tiếng Việt; hãy cài gói"
        " tesseract-ocr-vie, rồi thử lại."
    )


@pytest.mark.engine_free
def test_a_missing_tesseract_is_named(
    scans: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert shutil.which("tesseract")
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract program on the PATH
    with pytest.raises(ImportFailed) as caught:
        ocr_text(scans["png"])
    assert "chưa cài chương trình nhận dạng chữ Tesseract" in str(caught.value)
    assert "gói tesseract-ocr và tesseract-ocr-vie" in str(caught.value)
    assert os.environ["PATH"] == str(tmp_path)


@pytest.mark.engine_free
@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "không đọc được ảnh"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "không đọc được ảnh"),
        (b"%PDF-1.7\n%broken", "tệp PDF bị hỏng"),
    ],
)
def test_a_damaged_scan_is_refused_in_vietnamese(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "hong.png"
    path.write_bytes(content)
    with pytest.raises(ImportFailed) as caught:
        parse_scan(path)
    assert problem in str(caught.value)


@pytest.mark.engine_free
def test_a_row_whose_origin_was_not_read_is_kept_for_the_clerk_only_when_correcting(
    tmp_path: Path,
) -> None:
    png = blank_origin_scan(tmp_path)
    with pytest.raises(ImportFailed) as caught:
        parse_scan(png)  # the CLI: the same refusal as for a DOCX with the cell empty
    assert "thiếu địa phương" in str(caught.value)
    with for_correction():  # the desktop: the clerk types it in the preview
        parsed = parse_scan(png)
    assert [(r.ordinal, r.origin) for r in parsed.rows] == [("1", "Bến Tre"), ("2", UNREAD)]
    assert parsed.rows[1].content == "Hoàn thiện trục tích hợp quốc gia"


@pytest.mark.engine_free
def test_a_tiff_s_frames_are_its_pages(scans: dict[str, Path], tmp_path: Path) -> None:
    letter, table = Image.open(scans["letter"]), Image.open(scans["png"])
    tiff = tmp_path / "5606.tif"
    letter.save(tiff, save_all=True, append_images=[table], compression="tiff_lzw")
    with opened_pages(tiff) as (count, pages):
        frames = list(pages)
    assert count == 2 and [f.size for f in frames] == [letter.size, table.size]
    assert all(f.mode == "L" for f in frames)
    assert len(find_grids(frames[1])) == 1 and find_grids(frames[0]) == []


@pytest.mark.engine_free
def test_ruling_lines_give_merged_cells() -> None:
    """A locality written once for two rows and a heading across a row, drawn as a scan."""
    page = Image.new("L", (1654, 800), 255)
    draw = ImageDraw.Draw(page)
    xs, ys = (200, 320, 600, 1450), (100, 180, 300, 420, 540, 660)
    for x in xs:
        draw.line((x, ys[0], x, ys[-1]), fill=0, width=2)
    for i, y in enumerate(ys):
        draw.line((xs[0], y, xs[-1], y), fill=0, width=2)
        if i == 3:  # row 3 continues row 2's locality: no rule across that column
            draw.line((xs[1], y, xs[2], y), fill=255, width=2)
    # Row 4: no rule between origin and content, one cell across them (a section heading).
    draw.rectangle((xs[2] - 2, ys[4] + 3, xs[2] + 2, ys[5] - 3), fill=255)
    (grid,) = find_grids(page)
    assert (grid.columns, grid.rows) == (3, 5)
    assert grid.roots[3] == ((3, 0), (2, 1), (3, 2))  # the locality continues from row 2
    assert grid.roots[4] == ((4, 0), (4, 1), (4, 1))  # one cell across origin and content
    assert grid.cell_box((2, 1))[1::2] == (ys[2], ys[4])
    # Fed 2° askew: the turn that levels it is measured from the rules.
    turned = page.rotate(2.0, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert skew_degrees(turned) == pytest.approx(-2.0, abs=0.1)
    assert skew_degrees(page) == 0.0


def test_corrected_rows_of_a_scan_are_what_is_registered(session: Session, tmp_path: Path) -> None:
    """The preview's corrections reach the register: the file is not read again."""
    path = tmp_path / "scan.png"
    path.write_bytes(b"not read again")  # the import must use the rows it is given
    parsed = ParsedImport(
        path=path, kind="image", sender="Văn phòng Chính phủ", sender_ref="5606/VPCP-QHĐP",
        sender_date=D(2020, 7, 10), reply_by=D(2020, 9, 15), summary="V/v kiến nghị",
        rows=(),
    )  # fmt: skip
    rows = (
        ParsedRow(2, "1", "Thái Bình", "Hoàn thiện trục tích hợp quốc gia"),
        ParsedRow(3, "2", "Bến Tre", "Xây dựng khu công nghệ thông tin tập trung"),
    )
    corrected = replace(parsed, rows=rows)
    done = import_file(session, path, ImportOverrides(received_on=D(2020, 7, 20)), parsed=corrected)
    assert done.document_id is not None
    stored = pet.petitions_of_document(session.store, done.document_id)
    assert [(p.origin, p.content) for p in stored] == [
        ("Thái Bình", "Hoàn thiện trục tích hợp quốc gia"),
        ("Bến Tre", "Xây dựng khu công nghệ thông tin tập trung"),
    ]
    assert done.document.sender_ref == "5606/VPCP-QHĐP"
