"""`kiennghi attach DOCUMENT_ID FILE…` and `index-attachments`, the real command in a subprocess."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from db import open_store
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.attachment_files import write_docx, write_pdf
from tests.cli.conftest import Run
from tests.helpers import content_digest


def _document(db_path: Path, files: list[Path] | None = None) -> tuple[int, int]:
    session = Session(
        open_store(db_path), actor="tester", today=lambda: dt.date(2026, 11, 23), system=True
    )
    r = register_document(
        session,
        DocumentInput(received_on=dt.date(2026, 7, 13), sender="Văn phòng Chính phủ",
                      sender_ref="5606/VPCP-QHĐP"),
        [PetitionInput("Hải Phòng", "Nâng cấp hạ tầng viễn thông")],
        files or [],
    )  # fmt: skip
    session.close()
    return r.document_id, r.petition_ids[0]


def test_attach_then_search_finds_the_file(run: Run, db_path: Path, tmp_path: Path) -> None:
    doc, pid = _document(db_path)
    docx = write_docx(tmp_path / "Biên bản.docx", "Trạm BTS xã Cát Hải bị mất điện")
    pdf = write_pdf(tmp_path / "Công văn.pdf", "Đề nghị hỗ trợ máy phát điện dự phòng")
    r = run("attach", str(doc), str(docx), str(pdf))
    assert r.code == 0, r.err
    assert f"Đã đính kèm 2 tệp vào văn bản đến mã {doc}:" in r.out
    assert "Biên bản.docx: đã đọc" in r.out and "Công văn.pdf: đã đọc" in r.out
    found = run("search", "cat hai mat dien", "--json")
    assert found.code == 0, found.err
    hits = found.json()
    assert [h["id"] for h in hits] == [pid]
    assert hits[0]["snippet"].startswith("trong tệp đính kèm: Biên bản.docx: ")
    assert "[Cát] [Hải]" in hits[0]["snippet"]
    human = run("search", "máy phát điện dự phòng")
    assert "trong tệp đính kèm: Công văn.pdf: " in human.out


def test_attach_json_and_a_damaged_file(run: Run, db_path: Path, tmp_path: Path) -> None:
    doc, _ = _document(db_path)
    broken = tmp_path / "hỏng.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    r = run("attach", str(doc), str(broken), "--json")
    assert r.code == 0, r.err
    (got,) = r.json()["attachments"]
    assert got["filename"] == "hỏng.xlsx" and got["state"] == "failed"
    assert "hỏng" in got["reason"]
    human = run("attach", str(doc), str(broken))
    assert "không đọc được chữ (" in human.out and "tệp vẫn được đính kèm" in human.out


def test_attach_refusals_change_nothing(run: Run, db_path: Path, tmp_path: Path) -> None:
    doc, _ = _document(db_path)
    good = write_docx(tmp_path / "a.docx", "Nội dung")
    before = content_digest(db_path)
    r = run("attach", str(doc), str(good), str(tmp_path / "không-có.docx"))
    assert r.code == 1 and r.err.startswith("Lỗi: Không tìm thấy tệp"), r.err
    r = run("attach", "999", str(good))
    assert r.code == 1 and "Lỗi: Không có văn bản đến mã 999" in r.err
    r = run("attach", str(doc))
    assert r.code == 2 and "thiếu tham số bắt buộc: FILE" in r.err
    assert content_digest(db_path) == before


def test_index_attachments_reads_those_stored_unread(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    f = write_docx(tmp_path / "Tờ trình.docx", "Hỗ trợ thiết bị đầu cuối cho hộ nghèo")
    _, pid = _document(db_path, [f])  # registered with the file: stored, not read yet
    assert run("search", "thiet bi dau cuoi", "--json").json() == []
    r = run("index-attachments")
    assert r.code == 0, r.err
    assert "Đã đọc 1 tệp đính kèm:" in r.out and "Tờ trình.docx: đã đọc" in r.out
    assert [h["id"] for h in run("search", "thiet bi dau cuoi", "--json").json()] == [pid]
    again = run("index-attachments", "--json")
    assert again.code == 0 and again.json() == {"attachments": []}
