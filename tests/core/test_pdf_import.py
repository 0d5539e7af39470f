"""PDF petition tables with a text layer: read as their DOCX twins are (issue #13, item 1)."""

from __future__ import annotations

import io
import time
import zlib
from datetime import date
from pathlib import Path

import docx
import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

from desktop.core.importers import ImportFailed, ParsedImport, parse_file
from desktop.core.importers.pdf_table import parse_pdf, pdf_text
from desktop.core.importers.sniff import sniff
from tests.core.importers import fixtures as fx
from tests.pdf_samples import render_petition_pdf

pytestmark = pytest.mark.engine_free

LETTER = {
    "letter_number": fx.SEED_REF,
    "letter_date": fx.SEED_DATE,
    "reply_by": fx.SEED_REPLY_BY,
}


def _pdf(path: Path, rows: list[list[fx.CellValue]] | None = None, **options: object) -> Path:
    return render_petition_pdf(path, fx.seed_rows() if rows is None else rows, **LETTER, **options)  # type: ignore[arg-type]


def _same_petitions(pdf: ParsedImport, twin: ParsedImport) -> None:
    assert [r.origin for r in pdf.rows] == [r.origin for r in twin.rows]
    assert [r.ordinal for r in pdf.rows] == [r.ordinal for r in twin.rows]
    assert [r.content for r in pdf.rows] == [r.content for r in twin.rows]


def test_a_text_pdf_imports_the_same_petitions_as_its_docx_twin(tmp_path: Path) -> None:
    rows = fx.merged_seed_rows()
    pdf = parse_file(_pdf(tmp_path / "5606.pdf", rows))
    twin = parse_file(fx.write_vpcp_docx(tmp_path / "5606.docx", rows=rows))
    assert (pdf.kind, twin.kind) == ("pdf", "docx")
    _same_petitions(pdf, twin)
    assert [r.origin for r in pdf.rows] == [
        "Hải Phòng", "Bến Tre", "Phú Yên", "Phú Yên", "Phú Yên", "Vĩnh Phúc",
    ]  # fmt: skip
    assert (
        [r.source_row for r in pdf.rows] == [r.source_row for r in twin.rows] == [2, 3, 4, 5, 6, 7]
    )
    assert pdf.rows[0].ordinal is None  # Hải Phòng's row has no STT
    for attribute in ("sender", "sender_ref", "sender_date", "reply_by", "summary"):
        assert getattr(pdf, attribute) == getattr(twin, attribute), attribute


def test_the_letters_number_date_and_reply_by_come_from_its_text(tmp_path: Path) -> None:
    path = render_petition_pdf(
        tmp_path / "cv.pdf",
        fx.seed_rows(),
        letter_number="712/VPCP-QHĐP",
        letter_date=date(2021, 2, 3),
        reply_by=date(2021, 3, 31),
    )
    result = parse_file(path)
    assert (result.sender, result.sender_ref) == ("Văn phòng Chính phủ", "712/VPCP-QHĐP")
    assert (result.sender_date, result.reply_by) == (date(2021, 2, 3), date(2021, 3, 31))
    assert result.summary == fx.SEED_SUMMARY  # wrapped over two lines in its column


def test_plus_sub_points_stay_inside_their_row(tmp_path: Path) -> None:
    hai_phong, *others = parse_file(_pdf(tmp_path / "5606.pdf")).rows
    lines = hai_phong.content.split("\n")
    assert lines == list(fx.SEED_ROWS[0][2])
    assert [line[:2] for line in lines[1:]] == ["+ ", "+ ", "+ "]
    assert all("\n" not in r.content and "+ " not in r.content for r in others)


def test_the_numbering_row_is_skipped_and_unaccented_headers_are_read(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "x.pdf", header=fx.UNACCENTED_HEADER, numbering_row=True)
    result = parse_file(path)
    assert [r.origin for r in result.rows] == list(fx.SEED_ORIGINS)
    assert [r.content for r in result.rows] == list(fx.SEED_CONTENTS)
    assert result.rows[0].source_row == 3  # header, then the "(1) (2) (3)" row


def test_a_table_continues_across_pages(tmp_path: Path) -> None:
    rows: list[list[fx.CellValue]] = [
        [str(i), f"Tỉnh số {i}", [f"Kiến nghị thứ {i} về bưu chính, viễn thông của địa phương."]]
        for i in range(1, 61)
    ]
    path = _pdf(tmp_path / "dai.pdf", rows)
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
        headers = sum("KIẾN NGHỊ" in (page.extract_text() or "") for page in pdf.pages)
    assert pages >= 3 and headers == pages - 1  # the header repeats on every table page
    result = parse_file(path)
    assert [r.origin for r in result.rows] == [f"Tỉnh số {i}" for i in range(1, 61)]
    assert [r.ordinal for r in result.rows] == [str(i) for i in range(1, 61)]
    assert result.rows[-1].content == "Kiến nghị thứ 60 về bưu chính, viễn thông của địa phương."


def test_a_locality_merged_across_a_page_break_goes_on(tmp_path: Path) -> None:
    rows = fx.merged_seed_rows()
    path = _pdf(tmp_path / "x.pdf", rows, page_break_after=(4,))  # Thái Nguyên on page 3
    result = parse_file(path)
    _same_petitions(result, parse_file(fx.write_vpcp_docx(tmp_path / "x.docx", rows=rows)))
    assert result.rows[4].origin == "Phú Yên"


def test_a_row_cut_by_the_page_break_stays_one_petition(tmp_path: Path) -> None:
    rows = fx.seed_rows()
    first, *rest = rows[0][2]
    cut = [[rows[0][0], rows[0][1], [first, rest[0]]], [None, None, rest[1:]], *rows[1:]]
    result = parse_file(_pdf(tmp_path / "x.pdf", cut, page_break_after=(1,)))
    assert [r.origin for r in result.rows] == list(fx.SEED_ORIGINS)
    assert [r.content for r in result.rows] == list(fx.SEED_CONTENTS)


def test_a_pdf_without_a_table_is_refused_as_a_docx_without_one(tmp_path: Path) -> None:
    pdf = render_petition_pdf(tmp_path / "thu.pdf", [], **LETTER)  # type: ignore[arg-type]
    document = docx.Document()
    for line in fx.SEED_LETTER:
        document.add_paragraph(line)
    document.save(str(tmp_path / "thu.docx"))
    failures = []
    for path in (pdf, tmp_path / "thu.docx"):
        with pytest.raises(ImportFailed) as info:
            parse_file(path)
        failures.append(info.value)
    assert failures[0].problem == failures[1].problem
    assert str(failures[0]) == (
        "Tệp «thu.pdf»: không tìm thấy bảng kiến nghị (cần cột STT, Địa phương, Kiến nghị)."
    )


def test_a_truncated_pdf_is_refused_in_vietnamese(tmp_path: Path) -> None:
    path = fx.truncate_half(_pdf(tmp_path / "dang-tai.pdf"))
    with pytest.raises(ImportFailed) as info:
        parse_file(path)
    assert str(info.value) == (
        "Tệp «dang-tai.pdf»: tệp PDF không đầy đủ (thiếu phần cuối, có thể chưa tải về xong); "
        "hãy lấy lại tệp gốc."
    )


@pytest.mark.parametrize("damage", ["garbage", "cut-middle"])
def test_a_damaged_pdf_is_refused_in_vietnamese(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "hong.pdf"
    if damage == "garbage":
        path.write_bytes(b"%PDF-1.4\n" + b"\x00rac" * 500 + b"\n%%EOF\n")
    else:  # its end is there, a block of the middle is gone
        data = _pdf(tmp_path / "goc.pdf").read_bytes()
        path.write_bytes(data[:2000] + data[len(data) // 2 :])
    with pytest.raises(ImportFailed) as info:
        parse_file(path)
    message = str(info.value)
    assert message.startswith("Tệp «hong.pdf»: tệp PDF bị hỏng"), message
    assert "Error" not in message and "Exception" not in message


def _bomb_pdf(path: Path, inflated_mib: int) -> Path:
    """A one-page PDF whose content stream inflates to `inflated_mib` MiB of spaces."""
    packer = zlib.compressobj(9)
    content = b"".join(packer.compress(b" " * 2**20) for _ in range(inflated_mib))
    content += packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%b\nendstream" % (len(content), content),
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%b\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(out)
    return path


def test_a_pdf_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    path = _bomb_pdf(tmp_path / "bom.pdf", 200)
    assert path.stat().st_size < 1_000_000
    started = time.perf_counter()
    with pytest.raises(ImportFailed) as info:
        parse_file(path)
    assert str(info.value) == (
        "Tệp «bom.pdf»: tệp PDF có một luồng dữ liệu giải nén ra hơn 128 MB, vượt giới hạn; "
        "tệp có thể là bom nén, không mở."
    )
    assert time.perf_counter() - started < 30
    small = _bomb_pdf(tmp_path / "trang-trang.pdf", 2)  # 2 MiB of spaces: read, no text at all
    assert parse_pdf(small) is None


def test_a_pdf_with_a_password_is_refused_saying_so(tmp_path: Path) -> None:
    path = tmp_path / "mat-khau.pdf"
    canvas = Canvas(str(path), pagesize=A4, encrypt=StandardEncryption("bimat", canPrint=0))
    canvas.drawString(100, 700, "STT Địa phương Kiến nghị")
    canvas.save()
    with pytest.raises(ImportFailed, match="có đặt mật khẩu"):
        parse_file(path)


def test_pdf_text_is_the_whole_text_layer_and_none_for_a_scan(tmp_path: Path) -> None:
    text = pdf_text(_pdf(tmp_path / "5606.pdf"))
    assert text is not None
    assert "Số: 5606/VPCP-QHĐP" in text and "Vĩnh Phúc" in text and "Bến Tre" in text
    scan = tmp_path / "scan.pdf"
    Image.new("RGB", (300, 400), "white").save(scan, "PDF", resolution=50)
    assert pdf_text(scan) is None
    assert parse_pdf(scan) is None  # no text layer: parse_file hands it to the OCR reader
    assert sniff(scan) == "pdf"


def test_pages_ocr_must_read_are_left_to_it(tmp_path: Path) -> None:
    """Glyph ids instead of text, or a typed letter whose table pages are pictures: None."""
    data = _pdf(tmp_path / "5606.pdf").read_bytes()
    unmapped = tmp_path / "khong-ma-chu.pdf"  # the fonts' Unicode maps unnamed, same length
    unmapped.write_bytes(data.replace(b"/ToUnicode", b"/ToUnicodX"))
    with pdfplumber.open(unmapped) as pdf:
        assert "(cid:" in (pdf.pages[0].extract_text() or "")
    assert parse_pdf(unmapped) is None and pdf_text(unmapped) is None
    letter = render_petition_pdf(tmp_path / "thu.pdf", [], **LETTER)  # type: ignore[arg-type]
    picture = tmp_path / "bang-quet.pdf"
    Image.new("RGB", (300, 400), "white").save(picture, "PDF", resolution=50)
    mixed = pdfium.PdfDocument(letter)
    mixed.import_pages(pdfium.PdfDocument(picture))
    mixed.save(tmp_path / "thu-va-bang-quet.pdf")
    assert parse_pdf(tmp_path / "thu-va-bang-quet.pdf") is None
    with pytest.raises(ImportFailed, match="không tìm thấy bảng kiến nghị"):
        parse_pdf(letter)  # a letter alone, all text: nothing for OCR to find either


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "TIFF"])
def test_images_are_sniffed_as_images_whatever_their_name(tmp_path: Path, fmt: str) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, fmt)
    path = tmp_path / "bang.docx"
    path.write_bytes(buffer.getvalue())
    assert sniff(path) == "image"


def test_progress_follows_the_pages_and_cancel_stops(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "5606.pdf")
    seen: list[tuple[int, int, str]] = []
    parse_file(path, progress=lambda done, total, what: seen.append((done, total, what)))
    assert seen[0] == (0, 2, "Đang đọc trang 1/2") and seen[-1] == (2, 2, "Đã đọc xong")
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1  # Hủy pressed while page 1 is read

    with pytest.raises(ImportFailed, match="đã hủy đọc tệp, chưa ghi gì"):
        parse_file(path, cancelled=cancelled)
