"""pdf_layout: paragraphs and grids rebuilt on lines placed by hand; its cheap characters."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from desktop.core.importers.pdf_layout import (
    Line,
    Word,
    block_paragraphs,
    grid,
    paragraphs,
    read_objects,
)
from tests.core.importers import fixtures as fx
from tests.pdf_samples import render_seed_pdf

pytestmark = pytest.mark.engine_free

SIZE = 12.0
CHAR = 6.0  # every character, spaces too, 6 pt wide: a line is 6 pt per character of its text


def _line(text: str, top: float, left: float = 100.0) -> Line:
    words, x = [], left
    for token in text.split():
        words.append(Word(token, x, x + CHAR * len(token), top, top + SIZE))
        x += CHAR * (len(token) + 1)
    return Line(tuple(words))


def _lines(*texts: str, left: float = 100.0) -> list[Line]:
    return [_line(text, 100.0 + 14.0 * i, left) for i, text in enumerate(texts)]


RIGHT = 100.0 + 40 * CHAR  # a 40-character column


def test_a_wrapped_line_joins_the_next_and_a_short_one_ends_its_paragraph() -> None:
    lines = _lines(
        "Đề nghị Bộ hướng dẫn lộ trình xây dựng",  # 38 characters: "hồ" (2) would not fit
        "hồ sơ đề xuất.",  # short: the next word "Ban" would have fitted
        "Ban hành Thông tư.",
    )
    assert paragraphs(lines, 100.0, RIGHT) == [
        "Đề nghị Bộ hướng dẫn lộ trình xây dựng hồ sơ đề xuất.",
        "Ban hành Thông tư.",
    ]


def test_plus_points_start_paragraphs_and_a_dash_only_after_a_sentence() -> None:
    lines = _lines(
        "Phát triển hạ tầng bưu chính viễn thông",
        "+ kinh tế số và xã hội số ở các địa phương",  # 42 characters: the whole column
        "vùng sâu vùng xa của tỉnh trong giai đoạn",
        "- xã hội, theo chương trình đã duyệt năm.",  # the dash goes on the sentence above
        "- Đề nghị hỗ trợ kinh phí.",
    )
    assert paragraphs(lines, 100.0, 100.0 + 42 * CHAR) == [
        "Phát triển hạ tầng bưu chính viễn thông",
        "+ kinh tế số và xã hội số ở các địa phương vùng sâu vùng xa của tỉnh trong giai đoạn"
        " - xã hội, theo chương trình đã duyệt năm.",
        "- Đề nghị hỗ trợ kinh phí.",
    ]


def test_centred_heading_lines_are_joined_when_wrapped_and_columns_kept_apart() -> None:
    # Left column: agency, Số, a V/v wrapped and centred; right column: motto and date.
    left = [
        _line("VĂN PHÒNG CHÍNH PHỦ", 100.0, 136.0),
        _line("Số: 5606/VPCP-QHĐP", 114.0, 139.0),
        _line("V/v xử lý kiến nghị của các địa", 128.0, 100.0),
        _line("phương", 142.0, 175.0),
    ]
    right = [
        _line("CỘNG HÒA XÃ HỘI", 100.0, 401.0),
        _line("Hà Nội, ngày 10 tháng 7 năm 2020", 114.0, 350.0),
    ]
    merged = [Line(a.words + b.words) for a, b in zip(left[:2], right, strict=True)] + left[2:]
    assert block_paragraphs(merged) == [
        "VĂN PHÒNG CHÍNH PHỦ",
        "Số: 5606/VPCP-QHĐP",
        "V/v xử lý kiến nghị của các địa phương",
        "CỘNG HÒA XÃ HỘI",
        "Hà Nội, ngày 10 tháng 7 năm 2020",
    ]


def test_a_box_spanning_rows_is_continued_below_its_first_row() -> None:
    boxes = [
        (0.0, 0.0, 10.0, 10.0), (10.0, 0.0, 50.0, 30.0), (50.0, 0.0, 90.0, 10.0),
        (0.0, 10.0, 10.0, 20.0), (50.0, 10.0, 90.0, 20.0),
        (0.0, 20.0, 10.0, 30.0), (50.0, 20.0, 90.0, 30.0),
    ]  # fmt: skip
    rows = grid(boxes)
    assert len(rows) == 3 and all(len(row) == 3 for row in rows)
    spanning = [row[1] for row in rows]
    assert all(cell is not None and cell.box == boxes[1] for cell in spanning)
    assert [cell.continued for cell in spanning if cell is not None] == [False, True, True]
    assert [row[2].continued for row in rows if row[2] is not None] == [False, False, False]


def test_the_cheap_characters_give_pdfplumbers_own_words_and_tables(tmp_path: Path) -> None:
    rows = fx.seed_rows()
    rows[3][1] = fx.MERGED
    path = render_seed_pdf(tmp_path / "5606.pdf", rows)
    with pdfplumber.open(path) as ours, pdfplumber.open(path) as theirs:
        for cheap, own in zip(ours.pages, theirs.pages, strict=True):
            read_objects(cheap)
            assert cheap.extract_words() == own.extract_words()
            assert cheap.extract_text() == own.extract_text()
            assert [t.cells for t in cheap.find_tables()] == [t.cells for t in own.find_tables()]
            assert {k: len(v) for k, v in cheap.objects.items()} == {
                k: len(v) for k, v in own.objects.items()
            }
