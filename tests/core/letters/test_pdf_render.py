"""The PDF công văn, read back with poppler: words, fonts, page, layout of Decree 30/2020."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import html
import re
import subprocess
import unicodedata
import zlib
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.units import mm
from reportlab.pdfbase.ttfonts import TTFont

import resources
from desktop.core.letters.model import Letter
from desktop.core.letters.pdf_render import pdf_bytes, render_pdf
from desktop.core.letters.printed import printed_lines

TODAY = dt.date(2026, 11, 23)
PAGE_W, PAGE_H = 595.2756, 841.8898
LEFT, RIGHT, TOP, BOTTOM = 30 * mm, PAGE_W - 15 * mm, 20 * mm, PAGE_H - 20 * mm
VIETNAMESE = (
    "ĂÂĐÊÔƠƯÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
    "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)


def make_letter(**changes: object) -> Letter:
    letter = Letter(
        agency="Bộ Thông tin và Truyền thông",
        symbol="BTTTT-VP",
        subject="V/v trả lời kiến nghị của cử tri thành phố Hải Phòng",
        recipients=("Ủy ban nhân dân thành phố Hải Phòng",),
        body=(
            "Bộ Thông tin và Truyền thông nhận được kiến nghị của cử tri thành phố Hải Phòng "
            "do Ban Dân nguyện chuyển đến, nội dung kiến nghị như sau:",
            "Đề nghị đầu tư hạ tầng viễn thông, nâng cao chất lượng sóng di động tại các xã "
            "đảo thuộc huyện Bạch Long Vĩ; về vấn đề này, Bộ xin trả lời như sau./.",
        ),
        signer_authority="KT. Bộ trưởng",
        signer_title="Thứ trưởng",
        signer_name="Nguyễn Huy Dũng",
        copies=("Như trên", "Bộ trưởng (để b/c)", "Lưu: VT, VP"),
        issued_on=dt.date(2024, 3, 5),
        number=1234,
    )
    return dataclasses.replace(letter, **changes)  # type: ignore[arg-type]


def run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True).stdout


def render(tmp_path: Path, letter: Letter, name: str = "letter.pdf") -> Path:
    return render_pdf(letter, tmp_path / name, today=TODAY)


def text_of(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return run("pdftotext", "-raw", "-enc", "UTF-8", *pages, pdf, "-")


def collapse(text: str) -> str:
    return " ".join(text.split())


def words(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """(text, xMin, yMin, xMax, yMax) in points from the top-left corner."""
    out = run("pdftotext", "-bbox", "-f", str(page), "-l", str(page), pdf, "-")
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
    return [
        (html.unescape(m[5]), float(m[1]), float(m[2]), float(m[3]), float(m[4]))
        for m in re.finditer(pattern, out)
    ]


def styled_lines(pdf: Path, page: int = 1) -> dict[str, tuple[int, bool, bool]]:
    """Each text line of a page → (size in pt, bold, italic), as poppler's pdftohtml reads it."""
    pages = ("-f", str(page), "-l", str(page))
    xml = run("pdftohtml", "-xml", "-i", "-zoom", "1", "-stdout", *pages, pdf)
    root = ElementTree.fromstring(xml.encode())
    sizes = {f.get("id"): int(f.get("size", "0")) for f in root.iter("fontspec")}
    lines = {}
    for node in root.iter("text"):
        text = collapse("".join(node.itertext()))
        tags = {child.tag for child in node.iter()}
        lines[text] = (sizes[node.get("font")], "b" in tags, "i" in tags)
    return lines


_TOKEN = re.compile(
    rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|/[^\s/\[\]()<>]+|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'\"*]+|\[|\]"
)


def _inflate(raw: bytes) -> bytes:
    try:  # reportlab's page streams are ASCII85 over Flate; font files are not
        return zlib.decompress(base64.a85decode(raw.strip(), adobe=True))
    except ValueError:
        return b""


def stroked_segments(pdf: Path) -> list[tuple[float, float, float, float]]:
    """Straight lines stroked on page 1, in page coordinates (follows q/Q/cm)."""
    streams = re.findall(rb"stream\r?\n(.*?)endstream", pdf.read_bytes(), re.S)
    content = next(text for text in map(_inflate, streams) if b" cm" in text and b" Tj" in text)
    ctm, stack, args, point = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), [], [], (0.0, 0.0)
    segments = []

    def apply(x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = ctm
        return a * x + c * y + e, b * x + d * y + f

    for token in _TOKEN.findall(content):
        if re.fullmatch(rb"[-+]?(?:\d+\.?\d*|\.\d+)", token):
            args.append(float(token))
            continue
        op = token.decode("latin1")
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop()
        elif op == "cm":
            a, b, c, d, e, f = args[-6:]
            A, B, C, D, E, F = ctm
            ctm = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
                   e * A + f * C + E, e * B + f * D + F)  # fmt: skip
        elif op == "m":
            point = apply(*args[-2:])
        elif op == "l":  # the renderer strokes each line on its own ("x y m x y l S")
            segments.append((*point, *apply(*args[-2:])))
        args = []
    return segments


# -- words ---------------------------------------------------------------------------------------


def test_printed_lines_are_the_models_own_lines() -> None:
    letter = make_letter(parent_agency="Bộ Thông tin và Truyền thông", agency="Cục Tin học hóa")
    assert printed_lines(letter, TODAY) == [
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG",
        "CỤC TIN HỌC HÓA",
        letter.number_text,
        letter.subject,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        letter.date_text(TODAY),
        *letter.recipient_lines(),
        *letter.body,
        "KT. BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
        "Nguyễn Huy Dũng",
        "Nơi nhận:",
        *letter.copy_lines(),
    ]


def test_every_line_appears_in_nfc_and_no_other_word(tmp_path: Path) -> None:
    letter = make_letter(
        recipients=(unicodedata.normalize("NFD", "Sở Thông tin và Truyền thông <b>Hà Nội</b>"),),
        body=("Theo điểm a & b,\x0b khoản 2 <i>Điều 5</i>.", "Dòng một\nDòng hai"),
    )
    text = text_of(render(tmp_path, letter))
    assert unicodedata.is_normalized("NFC", text)
    flat = collapse(text)
    lines = printed_lines(letter, TODAY)
    for line in lines:
        assert collapse(line) in flat, line
    assert "Kính gửi: Sở Thông tin và Truyền thông <b>Hà Nội</b>." in flat  # escaped, not markup
    assert "a & b, khoản 2 <i>Điều 5</i>." in flat and "\x0b" not in text
    assert sorted(flat.split()) == sorted(collapse(" ".join(lines)).split())


def test_draft_keeps_the_blank_for_the_number_and_shows_today(tmp_path: Path) -> None:
    pdf = render(tmp_path, make_letter(number=None, issued_on=None))
    flat = collapse(text_of(pdf))
    assert "Số: /BTTTT-VP" in flat
    assert "Hà Nội, ngày 23 tháng 11 năm 2026" in flat
    number = next(w for w in words(pdf, 1) if w[0].startswith("/BTTTT"))
    label = next(w for w in words(pdf, 1) if w[0] == "Số:")
    assert number[1] - label[3] > 15  # room to write the number by hand


@pytest.mark.parametrize(
    ("issued_on", "printed", "absent"),
    [
        (dt.date(2021, 1, 5), "ngày 05 tháng 01 năm 2021", None),
        (dt.date(2021, 2, 28), "ngày 28 tháng 02 năm 2021", None),
        (dt.date(2021, 3, 5), "ngày 05 tháng 3 năm 2021", "tháng 03"),
        (dt.date(2021, 12, 9), "ngày 09 tháng 12 năm 2021", None),
    ],
)
def test_date_leading_zeros(
    tmp_path: Path, issued_on: dt.date, printed: str, absent: str | None
) -> None:
    flat = collapse(text_of(render(tmp_path, make_letter(issued_on=issued_on))))
    assert f"Hà Nội, {printed}" in flat
    if absent:
        assert absent not in flat


def test_one_recipient_on_the_kinh_gui_line(tmp_path: Path) -> None:
    lines = text_of(render(tmp_path, make_letter())).splitlines()
    assert "Kính gửi: Ủy ban nhân dân thành phố Hải Phòng." in lines


_WORD = st.text(VIETNAMESE + "abcdeghiklmnopqrstuvxy0123456789,.;:-/()&<>'\"\x0b", max_size=9)
_TEXT = st.lists(_WORD, min_size=1, max_size=12).map(" ".join)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_TEXT, max_size=3), st.lists(_TEXT, max_size=3), st.lists(_TEXT, max_size=3))
def test_any_clerk_text_prints_exactly_its_words(
    tmp_path: Path, recipients: list[str], body: list[str], copies: list[str]
) -> None:
    letter = make_letter(recipients=tuple(recipients), body=tuple(body), copies=tuple(copies))
    flat = collapse(text_of(render(tmp_path, letter)))
    assert sorted(flat.split()) == sorted(collapse(" ".join(printed_lines(letter, TODAY))).split())


def test_several_recipients_one_per_line_dashes_under_the_colon(tmp_path: Path) -> None:
    names = ("Ủy ban nhân dân thành phố Hải Phòng", "Sở Thông tin và Truyền thông", "Bưu điện")
    pdf = render(tmp_path, make_letter(recipients=names))
    lines = text_of(pdf).splitlines()
    start = lines.index("Kính gửi:")
    assert lines[start + 1 : start + 4] == [
        "- Ủy ban nhân dân thành phố Hải Phòng;",
        "- Sở Thông tin và Truyền thông;",
        "- Bưu điện.",
    ]
    page = words(pdf, 1)
    label = next(w for w in page if w[0] == "gửi:")
    dashes = [w for w in page if w[0] == "-" and w[2] > label[2]][:3]
    colon = label[3] - (label[3] - label[1]) / 4  # the colon is the last quarter of "gửi:"
    assert len({round(d[1], 1) for d in dashes}) == 1
    assert abs(dashes[0][1] - colon) < 3


# -- fonts and page ------------------------------------------------------------------------------


def test_liberation_serif_covers_vietnamese() -> None:
    for face in ("Regular", "Bold", "Italic", "BoldItalic"):
        font = TTFont(face, str(resources.path(f"fonts/LiberationSerif-{face}.ttf")))
        missing = [ch for ch in VIETNAMESE if ord(ch) not in font.face.charToGlyph]
        assert not missing, (face, missing)
    assert "Open Font License" in resources.path("fonts/LICENSE-LiberationSerif.txt").read_text()


def test_fonts_embedded_and_nothing_else(tmp_path: Path) -> None:
    out = run("pdffonts", render(tmp_path, make_letter()))
    rows = [line.split() for line in out.splitlines()[2:]]
    faces = {row[0].split("+")[-1]: row for row in rows}
    assert set(faces) == {f"LiberationSerif{s}" for s in ("", "-Bold", "-Italic", "-BoldItalic")}
    for row in rows:
        assert row[-5] == "yes", row  # emb


def test_a4_pages(tmp_path: Path) -> None:
    long = make_letter(body=make_letter().body * 12)
    info = run("pdfinfo", "-f", "1", "-l", "99", render(tmp_path, long))
    sizes = re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+) pts", info)
    assert len(sizes) >= 2
    assert {(round(float(w), 2), round(float(h), 2)) for w, h in sizes} == {(595.28, 841.89)}


def test_page_numbers_from_page_two_centred_in_the_top_margin(tmp_path: Path) -> None:
    long = make_letter(body=make_letter().body * 16)
    pdf = render(tmp_path, long)
    pages = int(re.search(r"Pages: +(\d+)", run("pdfinfo", pdf)).group(1))  # type: ignore[union-attr]
    assert pages >= 3
    assert not [w for w in words(pdf, 1) if w[4] <= TOP]
    for page in range(2, pages + 1):
        in_margin = [w for w in words(pdf, page) if w[4] <= TOP]
        assert [w[0] for w in in_margin] == [str(page)]
        number = in_margin[0]
        assert (number[1] + number[3]) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=1)
        assert styled_lines(pdf, page)[str(page)] == (13, False, False)


def test_text_stays_inside_the_margins(tmp_path: Path) -> None:
    long = make_letter(body=make_letter().body * 16)
    pdf = render(tmp_path, long)
    for page in (1, 2):
        body = [w for w in words(pdf, page) if w[4] > TOP]
        assert min(w[1] for w in body) == pytest.approx(LEFT, abs=0.5)
        assert max(w[3] for w in body) == pytest.approx(RIGHT, abs=0.5)  # justified lines
        assert min(w[2] for w in body) >= TOP
        assert max(w[4] for w in body) <= BOTTOM


# -- layout --------------------------------------------------------------------------------------


def test_element_sizes_and_styles(tmp_path: Path) -> None:
    letter = make_letter(parent_agency="Bộ Thông tin và Truyền thông", agency="Cục Tin học hóa")
    lines = styled_lines(render(tmp_path, letter))
    expected = {
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG": ((12, 13), False, False),
        "CỤC TIN HỌC HÓA": ((12, 13), True, False),
        "Số: 1234/BTTTT-VP": ((13,), False, False),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": ((12, 13), True, False),
        "Độc lập - Tự do - Hạnh phúc": ((13, 14), True, False),
        "Hà Nội, ngày 05 tháng 3 năm 2024": ((13, 14), False, True),
        "Kính gửi: Ủy ban nhân dân thành phố Hải Phòng.": ((13, 14), False, False),
        "KT. BỘ TRƯỞNG": ((13, 14), True, False),
        "THỨ TRƯỞNG": ((13, 14), True, False),
        "Nguyễn Huy Dũng": ((13, 14), True, False),
        "Nơi nhận:": ((12,), True, True),
        "- Như trên;": ((11,), False, False),
        "- Lưu: VT, VP.": ((11,), False, False),
    }
    for text, (sizes, bold, italic) in expected.items():
        # A wrapped header line is found by its first printed line.
        first = max((k for k in lines if k and text.startswith(k)), key=len)
        size, is_bold, is_italic = lines[first]
        assert (size in sizes, is_bold, is_italic) == (True, bold, italic), text
    subject = next(v for k, v in lines.items() if k.startswith("V/v"))
    body = next(v for k, v in lines.items() if k.startswith("Bộ Thông tin và Truyền thông nhận"))
    assert subject[0] in (12, 13) and not subject[1] and not subject[2]
    assert body[0] in (13, 14) and not body[1] and not body[2]


def test_number_and_date_share_a_line_and_the_columns(tmp_path: Path) -> None:
    pdf = render(tmp_path, make_letter())
    page = words(pdf, 1)
    number = next(w for w in page if w[0] == "Số:")
    date = next(w for w in page if w[0] == "Hà")
    assert number[4] == pytest.approx(date[4], abs=0.5)
    split = LEFT + (RIGHT - LEFT) * 0.4
    assert number[3] < split < date[1]
    title = next(w for w in page if w[0] == "CỘNG")
    beside = [w for w in page if abs(w[4] - title[4]) < 1 and w[3] < title[1]]
    assert " ".join(w[0] for w in beside) == "BỘ THÔNG TIN VÀ"
    assert title[1] - beside[-1][3] >= 10  # two headings, not one long line


def test_body_indent_justified_and_spaced(tmp_path: Path) -> None:
    page = words(render(tmp_path, make_letter()), 1)
    starts = [w for w in page if w[0] == "Bộ" and w[1] > LEFT + 1]
    assert starts and starts[0][1] - LEFT == pytest.approx(12.7 * mm, abs=0.5)
    end = next(w for w in page if w[0] == "Nơi")
    tops = sorted({round(w[2], 1) for w in page if starts[0][2] <= w[2] < end[2]})
    gaps = [b - a for a, b in zip(tops, tops[1:], strict=False)]
    line, paragraph = min(gaps), max(gaps)
    assert 14 * 1.0 <= line <= 14 * 1.5 * 1.15  # single to 1.5 lines
    assert paragraph - line >= 6 - 0.5  # at least 6 pt between paragraphs


def test_rules_have_their_legal_lengths(tmp_path: Path) -> None:
    pdf = render(tmp_path, make_letter())
    page = words(pdf, 1)
    segments = [s for s in stroked_segments(pdf) if abs(s[1] - s[3]) < 0.01]
    assert len(segments) == 2
    (ax1, _, ax2, ay), (mx1, _, mx2, my) = sorted(segments)
    motto = [w for w in page if w[0] in {"Độc", "phúc"}]
    motto_left, motto_right = motto[0][1], motto[-1][3]
    assert mx2 - mx1 == pytest.approx(motto_right - motto_left, rel=0.1)
    assert (mx1 + mx2) / 2 == pytest.approx((motto_left + motto_right) / 2, abs=1)
    assert PAGE_H - my > motto[0][4]  # under the motto
    number = next(w for w in page if w[0] == "Số:")
    title = next(w for w in page if w[0] == "CỘNG")
    agency = [w for w in page if w[4] < number[2] and w[3] < title[1]]
    assert " ".join(w[0] for w in agency) == "BỘ THÔNG TIN VÀ TRUYỀN THÔNG"
    by_line: dict[float, list[float]] = {}
    for w in agency:
        by_line.setdefault(round(w[4]), []).extend((w[1], w[3]))
    widest = max(max(xs) - min(xs) for xs in by_line.values())
    centre = (min(w[1] for w in agency) + max(w[3] for w in agency)) / 2
    assert widest / 3 <= ax2 - ax1 <= widest / 2
    assert (ax1 + ax2) / 2 == pytest.approx(centre, abs=2)
    assert PAGE_H - ay > max(w[4] for w in agency)


def test_long_copies_list_runs_onto_the_next_page(tmp_path: Path) -> None:
    copies = tuple(f"Sở Thông tin và Truyền thông tỉnh số {i}" for i in range(90))
    flat = collapse(text_of(render(tmp_path, make_letter(copies=copies))))
    assert "- Sở Thông tin và Truyền thông tỉnh số 89." in flat


def test_pdf_bytes_is_a_pdf_and_render_replaces_the_file(tmp_path: Path) -> None:
    data = pdf_bytes(make_letter(), TODAY)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    dest = tmp_path / "out.pdf"
    dest.write_bytes(b"old")
    assert render_pdf(make_letter(), dest, today=TODAY) == dest
    assert dest.read_bytes()[:5] == b"%PDF-"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]
