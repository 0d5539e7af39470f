"""Files that are not what they claim: each refused with a Vietnamese message naming the file."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.importers import ImportFailed, parse_file
from desktop.core.importers.sniff import sniff
from tests.core.importers import fixtures as fx

PNG_HEADER = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _refused(path: Path) -> ImportFailed:
    with pytest.raises(ImportFailed) as info:
        parse_file(path)
    exc = info.value
    assert f"«{path.name}»" in str(exc)
    assert exc.path == path
    assert str(exc).startswith("Tệp «") and str(exc).endswith(".")
    return exc


def test_message_format_and_attributes(tmp_path: Path) -> None:
    exc = ImportFailed(tmp_path / "bang.xlsx", "ngày «31/02/2020» không hợp lệ (cần dd/mm/yyyy)", 7)
    assert str(exc) == "Tệp «bang.xlsx», dòng 7: ngày «31/02/2020» không hợp lệ (cần dd/mm/yyyy)."
    assert (exc.path.name, exc.row) == ("bang.xlsx", 7)
    assert exc.problem.startswith("ngày")
    plain = ImportFailed(Path("x.docx"), "tệp rỗng.")
    assert str(plain) == "Tệp «x.docx»: tệp rỗng."
    assert plain.row is None


def test_text_file_named_docx(tmp_path: Path) -> None:
    path = tmp_path / "kien-nghi.docx"
    path.write_text("STT\tĐịa phương\tKiến nghị\n1\tBến Tre\tabc\n", encoding="utf-8")
    assert "không phải tệp Word (.docx) hay Excel (.xlsx)" in _refused(path).problem


def test_png_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "bang.xlsx"
    path.write_bytes(PNG_HEADER)
    assert "ảnh" in _refused(path).problem  # read as a scan, whatever its name: a broken picture


def test_pdf(tmp_path: Path) -> None:
    path = tmp_path / "cong-van.docx"
    path.write_bytes(b"%PDF-1.7\n" + b"0" * 100)
    assert "PDF" in _refused(path).problem


def test_xlsx_renamed_docx_is_read_as_xlsx(tmp_path: Path) -> None:
    path = fx.write_petitions_xlsx(tmp_path / "that-ra-la-excel.xlsx", fx.seed_xlsx_rows())
    renamed = path.rename(tmp_path / "that-ra-la-excel.docx")
    result = parse_file(renamed)
    assert result.kind == "xlsx"
    assert [r.origin for r in result.rows] == list(fx.SEED_ORIGINS)


def test_docx_renamed_xlsx_is_read_as_docx(tmp_path: Path) -> None:
    path = fx.write_vpcp_docx(tmp_path / "cv.docx").rename(tmp_path / "cv.xlsx")
    assert sniff(path) == "docx"
    assert parse_file(path).sender_ref == "5606/VPCP-QHĐP"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "rong.docx"
    path.write_bytes(b"")
    assert str(_refused(path)) == "Tệp «rong.docx»: tệp rỗng (0 byte)."


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_truncated_file(tmp_path: Path, kind: str) -> None:
    if kind == "xlsx":
        path = fx.write_petitions_xlsx(tmp_path / "cut.xlsx", fx.seed_xlsx_rows())
    else:
        path = fx.write_vpcp_docx(tmp_path / "cut.docx")
    fx.truncate_half(path)
    assert "bị hỏng hoặc không đầy đủ" in _refused(path).problem


def test_legacy_ole_xls(tmp_path: Path) -> None:
    path = tmp_path / "bang-cu.xls"
    path.write_bytes(OLE_HEADER)
    assert ".doc/.xls" in _refused(path).problem


def test_zip_that_is_neither(tmp_path: Path) -> None:
    path = tmp_path / "nen.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "xin chào")
    assert "ZIP" in _refused(path).problem


def test_opendocument(tmp_path: Path) -> None:
    path = tmp_path / "bang.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    assert "OpenDocument" in _refused(path).problem


def test_over_50_mb_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "khong-lo.xlsx"
    with path.open("wb") as fh:
        fh.write(b"PK\x03\x04")
        fh.truncate(51 * 1024 * 1024)  # sparse: nothing is really written
    assert "quá lớn" in _refused(path).problem


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert "không tìm thấy tệp" in _refused(tmp_path / "khong-co.docx").problem
    folder = tmp_path / "thu-muc.docx"
    folder.mkdir()
    assert "thư mục" in _refused(folder).problem


def test_docx_without_table(tmp_path: Path) -> None:
    path = tmp_path / "khong-bang.docx"
    document = docx.Document()
    document.add_paragraph("Số: 5606/VPCP-QHĐP")
    document.add_paragraph("Kính gửi: Bộ Thông tin và Truyền thông.")
    document.save(str(path))
    assert str(_refused(path)) == (
        "Tệp «khong-bang.docx»: không tìm thấy bảng kiến nghị (cần cột STT, Địa phương, Kiến nghị)."
    )


def test_docx_table_without_known_header(tmp_path: Path) -> None:
    path = fx.write_petition_docx(
        tmp_path / "la.docx", fx.seed_rows(), header=("Số", "Nơi nhận", "Ghi chú")
    )
    assert "không tìm thấy bảng kiến nghị" in _refused(path).problem


def test_docx_header_without_rows(tmp_path: Path) -> None:
    path = fx.write_petition_docx(tmp_path / "trong.docx", [], trailing_empty_rows=3)
    assert "không có dòng kiến nghị nào" in _refused(path).problem


def test_xlsx_without_header(tmp_path: Path) -> None:
    path = fx.write_petitions_xlsx(tmp_path / "x.xlsx", fx.seed_xlsx_rows(), header=("A", "B", "C"))
    assert "không tìm thấy bảng kiến nghị" in _refused(path).problem


def test_damaged_xml_inside_a_valid_zip(tmp_path: Path) -> None:
    path = fx.write_vpcp_docx(tmp_path / "hong.docx")
    fx.patch_zip(path, "word/document.xml", b"<w:body>", b"<w:body><<<")
    exc = _refused(path)
    assert "Word (.docx) bị hỏng" in exc.problem
    assert "Traceback" not in str(exc)


def test_damaged_workbook_inside_a_valid_zip(tmp_path: Path) -> None:
    path = fx.write_petitions_xlsx(tmp_path / "hong.xlsx", fx.seed_xlsx_rows())
    fx.patch_zip(path, "xl/workbook.xml", b"<sheets>", b"<sheets><<<")
    assert "Excel (.xlsx) bị hỏng" in _refused(path).problem


def test_docx_missing_a_part_its_relations_name(tmp_path: Path) -> None:
    path = fx.write_vpcp_docx(tmp_path / "thieu.docx")
    broken = tmp_path / "thieu2.docx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            if info.filename != "word/styles.xml":
                dst.writestr(info, src.read(info.filename))
    os.replace(broken, path)
    _refused(path)


def test_macro_enabled_word_file(tmp_path: Path) -> None:
    path = fx.write_vpcp_docx(tmp_path / "macro.docx")
    fx.patch_zip(
        path, "[Content_Types].xml", b"document.main+xml", b"document.macroEnabled.main+xml"
    )
    assert ".docm" in _refused(path).problem


_PRISTINE: dict[str, bytes] = {}


def _pristine(kind: str, folder: Path) -> bytes:
    """One good file per kind, built once so every example mutates the same bytes."""
    if kind not in _PRISTINE:
        if kind == "docx":
            path = fx.write_vpcp_docx(folder / "base.docx")
        else:
            path = fx.write_petitions_xlsx(folder / "base.xlsx", fx.seed_xlsx_rows())
        _PRISTINE[kind] = path.read_bytes()
    return _PRISTINE[kind]


@settings(max_examples=40, deadline=None)
@given(kind=st.sampled_from(["docx", "xlsx"]), data=st.data())
def test_damaged_bytes_never_escape_as_a_traceback(
    tmp_path_factory: pytest.TempPathFactory, kind: str, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    raw = bytearray(_pristine(kind, folder))
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    path = folder / f"f.{kind}"
    path.write_bytes(bytes(raw))
    try:
        parse_file(path)
    except ImportFailed as exc:
        assert "«f." in str(exc)
