"""Hostile files stay cheap: each refused by the real `kiennghi import`, in Vietnamese, before
any parser holds it, with low peak memory and the database unchanged.

The bombs come from benchmarks/hostile_generators.py (benchmarks/hostile_files.py runs the 1 GiB
and 400 MiB ones too). Peak memory is the child's own ru_maxrss (started by a small launcher, so
the figure is not this process's): parsing 100 MiB of XML with python-docx held ~1.7 GB, so a low
peak proves the refusal came before the parse.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from benchmarks import hostile_generators as hf
from benchmarks.hostile_files import run_cli
from desktop.core import xlsx_out
from desktop.core.reports import REGISTER_HEADERS
from tests.cli.conftest import Run, sign_in
from tests.helpers import content_digest

MIB = hf.MIB
# The CLI with its imports is ~50 MB; parsing any of these files would take from 300 MB to GBs.
LOW_PEAK_MB = 120
# Signing in on a server checks an argon2 hash, which is memory-hard by design (64 MiB).
SIGN_IN_MB = 64


def _crc_off_by_one(dest: Path) -> Path:
    """A DOCX whose document.xml CRC (local and central headers) does not match its bytes."""
    hf.docx_rows(dest, 5)
    raw = bytearray(dest.read_bytes())
    with zipfile.ZipFile(dest) as archive:
        info = archive.getinfo("word/document.xml")
    wrong = ((info.CRC + 1) & 0xFFFFFFFF).to_bytes(4, "little")
    raw[info.header_offset + 14 : info.header_offset + 18] = wrong
    eocd = raw.rfind(b"PK\x05\x06")
    at = int.from_bytes(raw[eocd + 16 : eocd + 20], "little")
    while raw[at : at + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = (
            int.from_bytes(raw[at + i : at + i + 2], "little") for i in (28, 30, 32)
        )
        if raw[at + 46 : at + 46 + name_len] == b"word/document.xml":
            raw[at + 16 : at + 20] = wrong
        at += 46 + name_len + extra_len + comment_len
    dest.write_bytes(bytes(raw))
    return dest


def _many_members(dest: Path) -> Path:
    hf.docx_rows(dest, 5)
    with zipfile.ZipFile(dest, "a") as archive:
        for n in range(1_001):
            archive.writestr(f"customXml/item{n}.xml", "<a/>")
    return dest


def _many_styles(dest: Path, count: int) -> Path:
    """A petition sheet whose styles.xml holds `count` cell formats (openpyxl builds each)."""
    hf.xlsx_rows(dest, 5)
    xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    styles = (
        f'<?xml version="1.0"?><styleSheet xmlns="{hf._S}"><cellXfs count="{count}">'
        f"{xf * count}</cellXfs></styleSheet>"
    )
    with zipfile.ZipFile(dest, "a") as archive:
        archive.writestr("xl/styles.xml", styles, compress_type=zipfile.ZIP_DEFLATED)
    return dest


def _bzip2_member(dest: Path) -> Path:
    hf.docx_rows(dest, 5)
    with zipfile.ZipFile(dest, "a") as archive:
        archive.writestr("word/extra.xml", "<a/>", compress_type=zipfile.ZIP_BZIP2)
    return dest


_BOMB = "tệp có thể là bom nén (zip bomb), không mở."
CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "docx_bomb_100MiB": (
        lambda d: hf.docx_bomb(d / "bom.docx", 100 * MIB),
        "Tệp «bom.docx»: phần «word/document.xml» giải nén ra 100 MB, vượt giới hạn 32 MB; "
        + _BOMB,
    ),
    "docx_header_understates_size": (
        lambda d: hf.docx_lying(d / "khai-sai.docx", 100 * MIB, MIB),
        "Tệp «khai-sai.docx»: phần «word/document.xml» giải nén ra hơn 1.048.576 byte, nhiều hơn "
        "kích thước ghi trong tệp nén (1.048.576 byte); tệp đã bị sửa đổi hoặc bị hỏng, không mở.",
    ),
    "xlsx_shared_strings_80MiB": (
        lambda d: hf.xlsx_shared_strings(d / "sst.xlsx", 80 * MIB),
        "Tệp «sst.xlsx»: phần «xl/sharedStrings.xml» giải nén ra 80 MB, vượt giới hạn 64 MB; "
        + _BOMB,
    ),
    "xlsx_shared_strings_many_tiny": (
        lambda d: hf.xlsx_shared_strings(d / "nhieu-chuoi.xlsx", 8 * MIB),
        "Tệp «nhieu-chuoi.xlsx»: tệp có hơn 500.000 phần tử XML, vượt giới hạn; "
        "tệp quá phức tạp để nhập, hãy tách tệp.",
    ),
    "xlsx_cell_of_30MiB_inline": (
        lambda d: hf.xlsx_giant_cell(d / "o.xlsx", 30 * MIB),
        "Tệp «o.xlsx», dòng 2: ô dài quá 20.000 ký tự (có hơn 32.767 ký tự, quá cả giới hạn "
        "của Excel); hãy tách hoặc rút gọn nội dung.",
    ),
    "xlsx_shared_string_of_30MiB": (
        lambda d: hf.xlsx_giant_cell(d / "o2.xlsx", 30 * MIB, shared=True),
        "Tệp «o2.xlsx»: ô dài quá 20.000 ký tự (có hơn 32.767 ký tự, quá cả giới hạn "
        "của Excel); hãy tách hoặc rút gọn nội dung.",
    ),
    "xlsx_6000_rows": (
        lambda d: hf.xlsx_rows(d / "dai.xlsx", 6_000),
        "Tệp «dai.xlsx»: bảng có 6.000 dòng, vượt giới hạn 5.000 dòng mỗi lần nhập; hãy tách tệp.",
    ),
    "xlsx_rows_without_dimension": (
        lambda d: hf.xlsx_rows(d / "dai2.xlsx", 6_000, dimension=False),
        "Tệp «dai2.xlsx»: bảng có hơn 5.000 dòng, vượt giới hạn 5.000 dòng mỗi lần nhập; "
        "hãy tách tệp.",
    ),
    "xlsx_blank_rows_without_dimension": (
        lambda d: hf.xlsx_blank_rows(d / "trong.xlsx", 150_000),
        "Tệp «trong.xlsx»: trang tính có hơn 100.000 dòng (kể cả dòng trống), vượt giới hạn; "
        "hãy tách tệp.",
    ),
    "xlsx_styles_of_200000_elements": (
        lambda d: _many_styles(d / "kieu.xlsx", 200_000),
        "Tệp «kieu.xlsx»: phần «xl/styles.xml» có hơn 100.000 phần tử XML (Excel chỉ cho "
        "64.000 kiểu định dạng ô); tệp bất thường, không mở.",
    ),
    "xlsx_150_columns": (
        lambda d: hf.xlsx_wide(d / "rong.xlsx", 150),
        "Tệp «rong.xlsx»: bảng có 150 cột, vượt giới hạn 100 cột; "
        "bảng kiến nghị chỉ cần vài cột (STT, Địa phương, Kiến nghị…).",
    ),
    "docx_5001_rows": (
        lambda d: hf.docx_rows(d / "dai.docx", 5_001),
        "Tệp «dai.docx»: bảng có 5.001 dòng, vượt giới hạn 5.000 dòng mỗi lần nhập; hãy tách tệp.",
    ),
    "docx_pictures_3x63MiB": (
        lambda d: hf.docx_pictures(d / "anh.docx", 3, 63 * MIB),
        "Tệp «anh.docx»: các phần của tệp giải nén ra 189 MB, vượt giới hạn 128 MB; " + _BOMB,
    ),
    "docx_entity_bomb": (
        hf.entity_bomb,
        "Tệp «entities.docx»: phần «word/document.xml» có khai báo DTD/thực thể XML, điều tệp "
        "Word/Excel thật không có (có thể là bom XML); không mở.",
    ),
    "docx_deep_nesting": (
        hf.deep_nesting,
        "Tệp «deep.docx»: phần «word/document.xml» lồng nhau quá sâu (hơn 100 tầng); "
        "không phải tệp Word/Excel bình thường, không mở.",
    ),
    "docx_truncated": (
        hf.truncated,
        "Tệp «truncated.docx»: tệp bị hỏng hoặc không đầy đủ (có thể chưa tải về xong); "
        "hãy lấy lại tệp gốc.",
    ),
    "docx_bad_crc": (
        lambda d: _crc_off_by_one(d / "crc.docx"),
        "Tệp «crc.docx»: phần «word/document.xml» bị hỏng (sai mã kiểm tra CRC); "
        "hãy lấy lại tệp gốc.",
    ),
    "docx_1001_members": (
        lambda d: _many_members(d / "nhieu-phan.docx"),
        "Tệp «nhieu-phan.docx»: tệp nén có 1.004 phần, vượt giới hạn 1.000 phần; "
        "đây không phải tệp Word/Excel bình thường.",
    ),
    "docx_bzip2_member": (
        lambda d: _bzip2_member(d / "bzip2.docx"),
        "Tệp «bzip2.docx»: phần «word/extra.xml» được nén theo cách Word/Excel không dùng; "
        "hãy lấy lại tệp gốc.",
    ),
}
# The file name passed to generators that take the folder (they name the file themselves).
_FOLDER_GENERATORS = {hf.entity_bomb: "entities.docx", hf.deep_nesting: "deep.docx",
                      hf.truncated: "truncated.docx"}  # fmt: skip


def _make(generator: Callable[[Path], Path], folder: Path) -> Path:
    if generator in _FOLDER_GENERATORS:
        return generator(folder / _FOLDER_GENERATORS[generator])
    return generator(folder)


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_refused_cheaply_and_nothing_changes(
    case: str, db_path: Path, tmp_path: Path
) -> None:
    generator, message = CASES[case]
    path = _make(generator, tmp_path)
    before = content_digest(db_path)
    who, secret = sign_in(db_path, ["import"])
    code, out, err, peak_mb, _seconds = run_cli(
        "--db", str(db_path), *who, "import", str(path), "--sender", "Văn phòng Chính phủ",
        env=secret,
    )
    assert code == 1, (out, err)
    assert err.strip() == f"Lỗi: {message}"
    assert "Traceback" not in err and out == ""
    allowed = LOW_PEAK_MB + (SIGN_IN_MB if who else 0)
    assert peak_mb < allowed, f"{case}: {peak_mb:.0f} MB, the file was parsed"
    assert content_digest(db_path) == before


def test_genuine_file_near_the_limits_still_imports(db_path: Path, tmp_path: Path) -> None:
    # 4,999 petitions (the header is row 1 of 5,000) and a picture: every limit just met.
    path = hf.genuine_xlsx(tmp_path / "that.xlsx", rows=5_000, row_chars=40, media=2 * MIB)
    who, secret = sign_in(db_path, ["import"])
    code, out, err, peak_mb, _seconds = run_cli(
        "--db", str(db_path), *who, "import", str(path), "--sender", "Văn phòng Chính phủ",
        "--received-on", "13/07/2026", "--json", env=secret,
    )  # fmt: skip
    assert code == 0, err
    assert '"imported": 4999' in out
    assert peak_mb < 300


def test_leading_tab_formula_round_trip(run: Run, db_path: Path, tmp_path: Path) -> None:
    # The rule: text is kept as typed, ends trimmed like all text ("\t=1+1" is stored "=1+1"),
    # and whatever it begins with, the export writes it as text, never as a formula.
    source = tmp_path / "cong-thuc.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    rows = [("STT", "Địa phương", "Kiến nghị", "Tóm tắt"),
            ("1", '=HYPERLINK("http://x","y")', "\t=1+1", "\t=1+1"),
            ("2", "Huế", "=cmd|' /C calc'!A0", "@SUM(A1)")]  # fmt: skip
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            xlsx_out.put(sheet, r, c, value)
    book.save(source)
    imported = run("import", str(source), "--sender", "Văn phòng Chính phủ", "--json")
    assert imported.code == 0, imported.err
    export = tmp_path / "so.xlsx"
    assert run("export", str(export)).code == 0
    with zipfile.ZipFile(export) as archive:
        for name in archive.namelist():
            assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    cells = [row for row in openpyxl.load_workbook(export).active.iter_rows(min_row=2)]
    origin, content = (REGISTER_HEADERS.index(t) for t in ("Nơi kiến nghị", "Nội dung kiến nghị"))
    by_origin = {row[origin].value: row for row in cells}
    hyperlink = by_origin['=HYPERLINK("http://x","y")']
    assert hyperlink[origin].data_type == "s" and hyperlink[content].value == "=1+1"
    assert hyperlink[content].data_type == "s" and hyperlink[content].quotePrefix
    assert by_origin["Huế"][content].value == "=cmd|' /C calc'!A0"
