"""TCVN3/VNI files through the real CLI: imported in Unicode and found without diacritics;
`convert-legacy` rewrites a file alone and keeps the rest of it."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from tests import legacy_samples as ls
from tests.cli.conftest import Run
from tests.core.importers.fixtures import seed_xlsx_rows, write_petitions_xlsx, write_vpcp_docx
from tests.helpers import content_digest


def _origins(found: list[dict[str, object]]) -> set[object]:
    return {hit["origin"] for hit in found}


def test_a_tcvn3_docx_imports_in_unicode_and_is_found_without_diacritics(
    run: Run, tmp_path: Path
) -> None:
    legacy = ls.legacy_docx(write_vpcp_docx(tmp_path / "u.docx"), tmp_path / "cu.docx", "tcvn3")
    r = run("import", str(legacy), "--received-on", "13/07/2020", "--json")
    assert r.code == 0, r.err
    data = r.json()
    assert data["imported"] == 6 and data["sender_ref"] == "5606/VPCP-QHĐP"
    assert data["legacy"].startswith("Đã chuyển từ mã TCVN3 sang Unicode: ")
    found = run("search", "hai phong", "--json").json()
    assert _origins(found) == {"Hải Phòng"}
    assert any("Đề nghị Chính phủ chỉ đạo Bộ TTTT" in str(hit) for hit in found)
    assert _origins(run("search", "de nghi", "--json").json()) >= {"Hải Phòng", "Thái Nguyên"}


def test_a_vni_xlsx_imports_in_unicode_and_is_found_without_diacritics(
    run: Run, tmp_path: Path
) -> None:
    unicode_file = write_petitions_xlsx(tmp_path / "u.xlsx", seed_xlsx_rows())
    legacy = ls.legacy_xlsx(unicode_file, tmp_path / "cu.xlsx", "vni")
    r = run("import", str(legacy), "--sender", "UBND tỉnh Bến Tre", "--received-on", "13/07/2020")
    assert r.code == 0, r.err
    assert "Đã chuyển từ mã VNI sang Unicode: " in r.out and "6 kiến nghị" in r.out
    assert _origins(run("search", "vinh phuc", "--json").json()) == {"Vĩnh Phúc"}
    assert {p["origin"] for p in run("list", "--json").json()} >= {"Hải Phòng", "Phú Yên"}


@pytest.mark.engine_free
def test_convert_legacy_docx_makes_a_unicode_docx_keeping_the_rest(
    run: Run, tmp_path: Path
) -> None:
    unicode_file = write_vpcp_docx(tmp_path / "u.docx")
    legacy = ls.legacy_docx(unicode_file, tmp_path / "cu.docx", "tcvn3")
    out = tmp_path / "moi.docx"
    r = run("convert-legacy", str(legacy), "--out", str(out))
    assert r.code == 0, r.err
    assert r.out.startswith("Đã chuyển từ mã TCVN3 sang Unicode: ") and "moi.docx" in r.out
    converted, twin = docx.Document(str(out)), docx.Document(str(unicode_file))
    assert [p.text for p in converted.paragraphs] == [p.text for p in twin.paragraphs]
    assert [c.text for t in converted.tables for row in t.rows for c in row.cells] == [
        c.text for t in twin.tables for row in t.rows for c in row.cells
    ]
    fonts = {r.font.name for p in converted.paragraphs for r in p.runs} - {None}
    assert fonts == {"Times New Roman"}  # .VnTime and .VnTimeH switched
    with zipfile.ZipFile(legacy) as a, zipfile.ZipFile(out) as b:
        assert a.namelist() == b.namelist()  # every part kept
    # The result imports as the Unicode file does, with nothing left to convert.
    again = run("convert-legacy", str(out), "--out", str(tmp_path / "lai.docx"), "--json")
    assert again.json()["converted"] is False


@pytest.mark.engine_free
def test_convert_legacy_xlsx_rewrites_the_strings_and_copies_every_other_part(
    run: Run, tmp_path: Path
) -> None:
    unicode_file = write_petitions_xlsx(tmp_path / "u.xlsx", seed_xlsx_rows())
    legacy = ls.legacy_xlsx(unicode_file, tmp_path / "cu.xlsx", "tcvn3")
    out = tmp_path / "moi.xlsx"
    r = run("convert-legacy", str(legacy), "--out", str(out), "--json")
    assert r.code == 0, r.err
    assert r.json()["encodings"] == ["tcvn3"] and r.json()["cells"] > 0
    new, twin = openpyxl.load_workbook(out).active, openpyxl.load_workbook(unicode_file).active
    assert new is not None and twin is not None
    assert [[c.value for c in row] for row in new.iter_rows()] == [
        [c.value for c in row] for row in twin.iter_rows()
    ]
    assert new["B2"].font.name == "Times New Roman"
    with zipfile.ZipFile(legacy) as a, zipfile.ZipFile(out) as b:
        assert a.namelist() == b.namelist()
        rewritten = {"xl/sharedStrings.xml", "xl/styles.xml"}
        rewritten |= {
            n for n in a.namelist() if b'"inlineStr"' in a.read(n)
        }  # openpyxl's rich text
        for name in set(a.namelist()) - rewritten:
            assert a.read(name) == b.read(name), name
        assert len(rewritten) < len(a.namelist()) - 3


@pytest.mark.engine_free
def test_convert_legacy_text_file_and_a_unicode_file_is_copied_unchanged(
    run: Run, tmp_path: Path
) -> None:
    text = "Hải Phòng: Đề nghị hỗ trợ người dân.\nCông văn số 12/UBND-VP.\n"
    legacy = tmp_path / "cu.txt"
    legacy.write_bytes(ls.encode(text, "vni").encode("cp1252"))  # as an old editor saved it
    r = run("convert-legacy", str(legacy), "--out", str(tmp_path / "moi.txt"))
    assert r.code == 0, r.err
    assert (tmp_path / "moi.txt").read_text(encoding="utf-8") == text
    unicode_file = write_vpcp_docx(tmp_path / "u.docx")
    same = run("convert-legacy", str(unicode_file), "--out", str(tmp_path / "same.docx"))
    assert same.code == 0 and same.out.startswith("Không thấy chữ mã TCVN3 hay VNI")
    digest = [
        hashlib.sha256(p.read_bytes()).digest() for p in (unicode_file, tmp_path / "same.docx")
    ]
    assert digest[0] == digest[1]


@pytest.mark.engine_free
def test_convert_legacy_refusals_say_why_in_vietnamese(run: Run, tmp_path: Path) -> None:
    legacy = ls.legacy_docx(write_vpcp_docx(tmp_path / "u.docx"), tmp_path / "cu.docx", "vni")
    before = legacy.read_bytes()
    for args, said in [
        ((str(legacy), "--out", str(legacy)), "Tệp ghi ra phải khác tệp gốc"),
        ((str(tmp_path / "khong-co.docx"), "--out", str(tmp_path / "x.docx")), "không tìm thấy"),
    ]:
        r = run("convert-legacy", *args)
        assert r.code == 1 and r.err.startswith("Lỗi: ") and said in r.err, r.err
        assert "Traceback" not in r.err
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\n")
    r = run("convert-legacy", str(pdf), "--out", str(tmp_path / "b.pdf"))
    assert r.code == 1 and "PDF" in r.err and not (tmp_path / "b.pdf").exists()
    assert legacy.read_bytes() == before


def test_a_dry_run_of_a_legacy_file_writes_nothing(run: Run, db_path: Path, tmp_path: Path) -> None:
    legacy = ls.legacy_docx(write_vpcp_docx(tmp_path / "u.docx"), tmp_path / "cu.docx", "vni")
    before = content_digest(db_path)
    r = run("import", str(legacy), "--dry-run")
    assert r.code == 0, r.err
    assert r.out.startswith("Đã chuyển từ mã VNI sang Unicode: ") and "Hải Phòng:" in r.out
    assert content_digest(db_path) == before


def test_a_tcvn3_attachment_is_found_by_search_without_diacritics(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    r = run("import", str(write_vpcp_docx(tmp_path / "u.docx")), "--json")
    assert r.code == 0, r.err
    document_id, first = r.json()["document_id"], r.json()["petition_ids"][0]
    minutes = tmp_path / "bien-ban.docx"
    document = docx.Document()
    document.add_paragraph(ls.encode("Trạm BTS xã Cát Hải bị mất điện kéo dài", "tcvn3"))
    document.paragraphs[0].runs[0].font.name = ".VnTime"
    document.save(str(minutes))
    sheet = tmp_path / "phu-luc.xlsx"
    book = openpyxl.Workbook()
    book.active.append([ls.encode("Đề nghị cấp máy phát điện dự phòng", "vni")])  # type: ignore[union-attr]
    book.active["A1"].font = openpyxl.styles.Font(name="VNI-Times")  # type: ignore[index]
    book.save(sheet)
    attached = run("attach", str(document_id), str(minutes), str(sheet))
    assert attached.code == 0, attached.err
    # Every petition of the document is found through its attachment, the text in Unicode.
    hits = run("search", "cat hai mat dien", "--json").json()
    assert sorted(h["id"] for h in hits) == sorted(r.json()["petition_ids"]) and first
    assert {h["snippet"] for h in hits} == {
        "trong tệp đính kèm: bien-ban.docx: Trạm BTS xã [Cát] [Hải] bị [mất] [điện] kéo dài"
    }
    sheet_hits = run("search", "may phat dien du phong", "--json").json()
    assert {h["snippet"] for h in sheet_hits} == {
        "trong tệp đính kèm: phu-luc.xlsx: Đề nghị cấp [máy] [phát] [điện] [dự] [phòng]"
    }
