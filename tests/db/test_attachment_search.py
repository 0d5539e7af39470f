"""Attachments searchable (#13 item 3): real files attached, read, indexed, found; both engines.

The files are real DOCX, XLSX and text PDFs made by tests/attachment_files.py; the search is
the register's own (db/search.py), asked as the screens and the CLI ask it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from db import attachment_text as repo
from db import search
from db.documents import attachments_of
from desktop.core import attachment_text as at
from desktop.core.errors import DomainError
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.attachment_files import write_docx, write_pdf, write_xlsx

HERE = "trong tệp đính kèm: "


def _document(
    session: Session, *contents: str, ref: str = "812/VPCP-QHĐP"
) -> tuple[int, list[int]]:
    r = register_document(
        session,
        DocumentInput(
            received_on=dt.date(2026, 11, 2), sender="Văn phòng Chính phủ", sender_ref=ref
        ),
        [PetitionInput("Hà Nội", c) for c in contents],
    )
    return r.document_id, r.petition_ids


def test_a_docx_word_is_found_with_and_without_diacritics(session: Session, tmp_path: Path) -> None:
    doc, ids = _document(session, "Nâng cấp hạ tầng viễn thông", "Giảm phí tên miền")
    other, _ = _document(session, "Quản lý tin nhắn rác", ref="900/VPCP-QHĐP")
    f = write_docx(tmp_path / "Biên bản họp.docx", "Đoàn kiểm tra tại Đắk Lắk ngày 05/11",
                   cell="Cáp quang biển APG bị đứt")  # fmt: skip
    done = at.attach(session, doc, [f])
    assert [(d.filename, d.state, d.method) for d in done] == [
        ("Biên bản họp.docx", "indexed", "docx")
    ]
    store = session.store
    for query in ("cáp quang biển", "cap quang bien", "dak lak", "Đắk Lắk", "cap qua"):
        hits = search.search(store, query)
        assert sorted(h.id for h in hits) == sorted(ids), query  # the document's petitions only
        assert all(h.snippet.startswith(f"{HERE}Biên bản họp.docx: ") for h in hits), query
        assert search.count(store, query) == 2
        cuts = search.snippets(store, [h.id for h in hits], query, lead=30)
        cut = cuts[ids[0]]
        assert cut.text.startswith(f"{HERE}Biên bản họp.docx: ")
        assert cut.spans and all(cut.text[s:e] for s, e in cut.spans)
    marked = search.search(store, "cáp quang biển")[0].snippet
    assert "[Cáp] [quang] [biển]" in marked
    assert other not in {d.attachment_id for d in done}


def test_a_petition_with_the_words_is_not_called_an_attachment_hit(
    session: Session, tmp_path: Path
) -> None:
    doc, ids = _document(session, "Cáp quang biển hay bị đứt", "Giảm phí tên miền")
    at.attach(session, doc, [write_docx(tmp_path / "a.docx", "Sự cố cáp quang biển")])
    hits = search.search(session.store, "cap quang bien")
    by_id = {h.id: h.snippet for h in hits}
    assert by_id[ids[0]] == "[Cáp] [quang] [biển] hay bị đứt"  # its own words, first
    assert by_id[ids[1]].startswith(f"{HERE}a.docx: ")
    assert [h.id for h in hits] == ids  # the petition having the words before the other
    cuts = search.snippets(session.store, ids, "cap quang bien")
    assert not cuts[ids[0]].text.startswith(HERE) and cuts[ids[1]].text.startswith(HERE)


def test_xlsx_and_text_pdf_attachments_are_indexed(session: Session, tmp_path: Path) -> None:
    doc, ids = _document(session, "Nâng cấp hạ tầng viễn thông")
    xlsx = write_xlsx(tmp_path / "Phụ lục.xlsx", [["STT", "Nội dung"], [1, "Trạm BTS Mường Nhé"]])
    pdf = write_pdf(tmp_path / "Công văn.pdf", "Ý kiến cử tri huyện Sìn Hồ về sóng di động")
    done = at.attach(session, doc, [xlsx, pdf])
    assert [(d.state, d.method) for d in done] == [("indexed", "xlsx"), ("indexed", "pdf")]
    store = session.store
    assert search.search(store, "muong nhe")[0].snippet.startswith(f"{HERE}Phụ lục.xlsx: ")
    assert search.search(store, "Sìn Hồ")[0].snippet.startswith(f"{HERE}Công văn.pdf: ")
    assert search.search(store, "sin ho song")[0].id == ids[0]


def test_a_damaged_attachment_is_still_attached_with_the_reason(
    session: Session, tmp_path: Path
) -> None:
    doc, _ = _document(session, "Nâng cấp hạ tầng viễn thông")
    broken = tmp_path / "hỏng.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    odd = tmp_path / "ảnh.bin"
    odd.write_bytes(b"\x00\x01\x02")
    done = at.attach(session, doc, [broken, odd])
    assert [d.state for d in done] == ["failed", "empty"]
    assert "tệp bị hỏng" in done[0].reason and done[1].reason
    names = [a.filename for a in attachments_of(session.store, doc)]
    assert names == ["hỏng.docx", "ảnh.bin"]  # both kept, with their bytes
    assert [t.state for t in repo.texts_of(session.store, doc)] == ["failed", "empty"]


def test_a_missing_file_or_document_attaches_nothing(session: Session, tmp_path: Path) -> None:
    doc, _ = _document(session, "Nâng cấp hạ tầng viễn thông")
    good = write_docx(tmp_path / "a.docx", "Nội dung")
    with pytest.raises(DomainError, match="Không tìm thấy tệp"):
        at.attach(session, doc, [good, tmp_path / "không có.docx"])
    with pytest.raises(DomainError, match="Không có văn bản đến mã 999"):
        at.attach(session, 999, [good])
    assert attachments_of(session.store, doc) == []


def test_the_backfill_reads_what_was_stored_unread(session: Session, tmp_path: Path) -> None:
    """Files attached at registration (or before migration 13) are read by index_unread."""
    f = write_docx(tmp_path / "Tờ trình.docx", "Đề nghị hỗ trợ thiết bị đầu cuối")
    r = register_document(
        session,
        DocumentInput(received_on=dt.date(2026, 11, 2), sender="UBND tỉnh Lào Cai"),
        [PetitionInput("Lào Cai", "Hỗ trợ người dân vùng cao")],
        [f],
    )
    store = session.store
    assert repo.unread(store) == [a.id for a in attachments_of(store, r.document_id)]
    assert search.search(store, "thiet bi dau cuoi") == []
    done = at.index_unread(store)
    assert [d.state for d in done] == ["indexed"] and repo.unread(store) == []
    assert search.search(store, "thiet bi dau cuoi")[0].id == r.petition_ids[0]
    assert at.index_unread(store) == []  # nothing read twice


def test_attachment_hits_follow_the_filter_and_the_newest_order(
    session: Session, tmp_path: Path
) -> None:
    doc, ids = _document(session, "Cáp quang biển hay bị đứt", "Giảm phí tên miền")
    at.attach(session, doc, [write_docx(tmp_path / "a.docx", "Sự cố cáp quang biển")])
    store = session.store
    newest = search.search(store, "cap quang bien", order="newest")
    assert sorted(h.id for h in newest) == sorted(ids)
    assert next(h for h in newest if h.id == ids[1]).snippet.startswith(f"{HERE}a.docx: ")
    only_hanoi = search.PetitionFilter(origin="ha noi")
    assert len(search.search(store, "cap quang bien", only_hanoi)) == 2
    elsewhere = search.PetitionFilter(origin="da nang")
    assert search.search(store, "cap quang bien", elsewhere) == []
    assert search.count(store, "cap quang bien", elsewhere) == 0
