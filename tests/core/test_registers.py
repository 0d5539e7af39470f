import datetime as dt
import re
import subprocess
import unicodedata
from pathlib import Path

import openpyxl
import pytest

from desktop.core import workflow
from desktop.core.errors import DomainError
from desktop.core.letters import register as letters
from desktop.core.registers import (
    COLUMNS,
    TITLES,
    RegisterKind,
    register_rows,
    render_register_pdf,
    render_register_xlsx,
)
from desktop.core.registry import DocumentInput, register_document
from desktop.core.session import Session
from tests.vpcp import register_vpcp

D = dt.date
FROM, TO = D(2026, 1, 1), D(2026, 12, 31)
KINDS: tuple[RegisterKind, ...] = ("incoming", "outgoing", "tracking")
# The legal columns of letter-format.md ("Numbers and registers"), as the law words them.
LEGAL = {
    "incoming": "ngày đến | số đến | tác giả | số, ký hiệu | ngày tháng | tên loại và trích yếu"
    " | đơn vị hoặc người nhận | ngày chuyển | ký nhận | ghi chú",
    "outgoing": "số, ký hiệu | ngày tháng | tên loại và trích yếu | người ký | nơi nhận"
    " | đơn vị, người nhận bản lưu | số lượng bản | ngày chuyển | ký nhận | ghi chú",
    "tracking": "số đến | tên loại, số, ký hiệu, ngày, cơ quan ban hành | đơn vị/người nhận"
    " | thời hạn giải quyết | tiến độ | số, ký hiệu văn bản trả lời | ghi chú",
}


def _seed(session: Session, summary: str = "Kiến nghị về hạ tầng viễn thông") -> list[int]:
    a, b, c = register_vpcp(
        session, D(2026, 7, 13), D(2026, 7, 10), summary=summary, reply_by=D(2026, 9, 15)
    )
    workflow.assign(session, a, "THH")
    workflow.assign(session, b, "THH")
    workflow.assign(session, c, "VP")
    letter_id = letters.draft_reply(session, [a, b], answer="Bộ đã ban hành hướng dẫn.")
    letters.issue_reply(session, letter_id)
    return [a, b, c]


def _pdf_text(path: Path, *args: str) -> str:
    out = subprocess.run(
        ["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True
    )
    return out.stdout


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def test_columns_are_exactly_the_legal_ones() -> None:
    for kind in KINDS:
        assert tuple(c.casefold() for c in COLUMNS[kind]) == tuple(LEGAL[kind].split(" | "))


@pytest.mark.parametrize("kind", KINDS)
def test_every_legal_column_in_pdf_and_xlsx(
    session: Session, tmp_path: Path, kind: RegisterKind
) -> None:
    _seed(session)
    pdf = render_register_pdf(session, kind, FROM, TO, tmp_path / "so.pdf")
    text = _words(_pdf_text(pdf))
    assert _words(TITLES[kind]) in text and "từ ngày 01/01/2026 đến ngày 31/12/2026" in text
    for column in LEGAL[kind].split(" | "):
        assert column in text, column
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info.stdout)
    assert size is not None and (round(float(size[1])), round(float(size[2]))) == (842, 595)
    xlsx = render_register_xlsx(session, kind, FROM, TO, tmp_path / "so.xlsx")
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet is not None
    header = [str(c.value) for c in sheet[2]]
    assert [h.casefold() for h in header] == LEGAL[kind].split(" | ")
    assert all(c.font.bold for c in sheet[2])
    assert TITLES[kind] in str(sheet.cell(1, 1).value)


def test_rows_for_seeded_data(session: Session, tmp_path: Path) -> None:
    _seed(session)
    incoming = register_rows(session, "incoming", FROM, TO)
    assert incoming == [
        (
            "13/07/2026",
            "1",
            "Văn phòng Chính phủ",
            "5606/VPCP-QHĐP",
            "10/07/2026",
            "Kiến nghị về hạ tầng viễn thông",
            "Cục Tin học hóa\nVăn phòng Bộ",
            "23/11/2026",
            "",
            "",
        )
    ]
    (out,) = register_rows(session, "outgoing", FROM, TO)
    assert out[0] == "01/BTTTT-VP" and out[1] == "23/11/2026"
    assert out[2].startswith("Công văn V/v trả lời kiến nghị")
    assert "Hải Phòng" in out[4] and out[5] and out[7:] == ("", "", "")
    assert int(out[6]) >= 2
    (track,) = register_rows(session, "tracking", FROM, TO)
    assert track == (
        "1",
        "Công văn số 5606/VPCP-QHĐP ngày 10/07/2026 của Văn phòng Chính phủ",
        "Cục Tin học hóa\nVăn phòng Bộ",
        "15/09/2026",
        "2/3 đã trả lời",
        "01/BTTTT-VP",
        "",
    )
    # Outside the range: nothing; drafts never appear in the outgoing register.
    assert register_rows(session, "incoming", D(2026, 8, 1), TO) == []
    assert register_rows(session, "outgoing", FROM, D(2026, 11, 22)) == []
    sheet = openpyxl.load_workbook(
        render_register_xlsx(session, "incoming", FROM, TO, tmp_path / "den.xlsx")
    ).active
    assert sheet is not None
    received = sheet.cell(3, 1)
    assert received.value == dt.datetime(2026, 7, 13) and received.number_format == "dd/mm/yyyy"
    assert sheet.cell(3, 7).alignment.wrap_text


def test_long_vietnamese_summary_wraps_inside_its_cell(session: Session, tmp_path: Path) -> None:
    words = "Đề nghị Bộ hướng dẫn triển khai hạ tầng số ở xã đảo, vùng sâu, vùng xa"
    summary = " ".join([words] * 9)[:600].strip()
    _seed(session, summary)
    pdf = render_register_pdf(session, "incoming", FROM, TO, tmp_path / "den.pdf")
    html = _pdf_text(pdf, "-bbox")
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html)
    assert page is not None and float(page[1]) > float(page[2])  # landscape
    right_margin = float(page[1]) - 10 * 72 / 25.4
    words_re = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<'
    boxes = [(float(a), float(b), float(c), w) for a, b, c, w in re.findall(words_re, html)]
    assert max(x_max for _, _, x_max, _ in boxes) <= right_margin + 0.5
    # The summary's words fill many lines of one column: wrapped inside its cell.
    xa = [(x_min, y, x_max) for x_min, y, x_max, w in boxes if w == "xã"]
    assert len(xa) == summary.count(" xã ")
    assert len({round(y) for _, y, _ in xa}) > 3
    column = max(x_max for *_, x_max in xa) - min(x_min for x_min, *_ in xa)
    assert column < float(page[1]) / 3


def test_page_numbers_on_every_page(session: Session, tmp_path: Path) -> None:
    for i in range(200):
        register_document(
            session,
            DocumentInput(
                received_on=D(2026, 3, 2) + dt.timedelta(days=i % 250),
                sender="Ủy ban nhân dân tỉnh Cà Mau",
                sender_ref=f"{i + 1}/UBND-KT",
                summary=f"Kiến nghị số {i + 1} về dịch vụ bưu chính công ích",
            ),
        )
    pdf = render_register_pdf(session, "tracking", FROM, TO, tmp_path / "theo-doi.pdf")
    pages = _pdf_text(pdf).split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) > 5
    for number, page in enumerate(pages, start=1):
        assert f"Trang {number}" in page
        assert "Số đến" in page  # the header row repeats on each page
    assert len(register_rows(session, "tracking", FROM, TO)) == 200


def test_reversed_range_is_refused(session: Session, tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="ngược"):
        register_rows(session, "incoming", TO, FROM)
    with pytest.raises(DomainError, match="ngược"):
        render_register_pdf(session, "outgoing", TO, FROM, tmp_path / "x.pdf")
    with pytest.raises(DomainError, match="ngược"):
        render_register_xlsx(session, "tracking", TO, FROM, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "x.xlsx").exists()


def test_text_is_nfc_and_escaped(session: Session, tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Thủy lợi <và> Hòa Bình & Đà Nẵng")
    register_document(
        session,
        DocumentInput(received_on=D(2026, 5, 4), sender="Sở Nội vụ", summary=decomposed),
    )
    (row,) = register_rows(session, "incoming", FROM, TO)
    assert all(unicodedata.is_normalized("NFC", cell) for cell in row)
    pdf = render_register_pdf(session, "incoming", FROM, TO, tmp_path / "den.pdf")
    text = _pdf_text(pdf)
    assert unicodedata.is_normalized("NFC", text)
    assert "Thủy lợi <và> Hòa Bình & Đà Nẵng" in " ".join(text.split())
