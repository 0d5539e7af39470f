import datetime as dt
from pathlib import Path

import docx

from db import open_store
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.cli.conftest import Run
from tests.helpers import content_digest


def _petition(db_path: Path) -> int:
    session = Session(
        open_store(db_path), actor="tester", today=lambda: dt.date(2026, 11, 23), system=True
    )
    r = register_document(
        session,
        DocumentInput(
            received_on=dt.date(2026, 7, 13),
            sender="Văn phòng Chính phủ",
            sender_ref="5606/VPCP-QHĐP",
            sender_date=dt.date(2026, 7, 10),
        ),
        [PetitionInput(origin="Hải Phòng", content="Hướng dẫn hồ sơ đề xuất cấp độ.")],
    )
    session.close()
    return r.petition_ids[0]


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    # Long header lines are balanced over two lines by the renderer: compare words, not breaks.
    return " ".join(" ".join(parts).split())


def test_draft_letter_changes_nothing(run: Run, db_path: Path, tmp_path: Path) -> None:
    pid = _petition(db_path)
    before = content_digest(db_path)
    out = tmp_path / "du-thao.docx"
    r = run("letter", str(pid), "--format", "docx", "--out", str(out))
    assert r.code == 0, r.err
    assert "dự thảo" in r.out and "Còn thiếu nội dung trả lời" in r.out
    assert "chưa có họ tên người ký" in r.err
    text = _docx_text(out)
    assert "Kính gửi: Ủy ban nhân dân thành phố Hải Phòng." in text
    assert "V/v trả lời kiến nghị của UBND thành phố Hải Phòng" in text
    assert "Số:" in text and "/BTTTT-VP" in text and "01/BTTTT-VP" not in text
    assert content_digest(db_path) == before


def test_issue_numbers_answers_and_reprints(run: Run, db_path: Path, tmp_path: Path) -> None:
    pid = _petition(db_path)
    out = tmp_path / "cong-van.pdf"
    r = run(
        "letter", str(pid), "--format", "pdf", "--out", str(out), "--issue",
        "--answer", "Bộ đã ban hành Thông tư hướng dẫn.", "--signer", "Nguyễn Huy Dũng",
        "--json",
    )  # fmt: skip
    assert r.code == 0, r.err
    data = r.json()
    assert (data["number"], data["symbol"], data["issued_on"]) == (1, "BTTTT-VP", "2026-11-23")
    assert data["state"] == "issued" and data["letter_id"] == 1
    assert data["petition_ids"] == [pid] and data["format"] == "pdf"
    assert out.read_bytes().startswith(b"%PDF")
    assert r.err == ""
    (row,) = run("list", "--json").json()
    assert row["status"] == "answered"
    # A second --issue is refused; without it the issued letter is printed again.
    again = tmp_path / "lan-hai.docx"
    r = run("letter", str(pid), "--out", str(again), "--issue")
    assert r.code == 1 and "đã có công văn trả lời số 01/BTTTT-VP" in r.err
    assert "chỉ in lại được" in r.err
    assert not again.exists()
    r = run("letter", str(pid), "--out", str(again))
    assert r.code == 0, r.err
    assert "in lại công văn số 01/BTTTT-VP" in r.out
    text = _docx_text(again)
    assert "Số: 01/BTTTT-VP" in text
    assert "Hà Nội, ngày 23 tháng 11 năm 2026" in text
    assert "Bộ đã ban hành Thông tư hướng dẫn." in text
    assert "Nguyễn Huy Dũng" in text


def test_refusals_leave_the_database_as_it_was(run: Run, db_path: Path, tmp_path: Path) -> None:
    pid = _petition(db_path)
    before = content_digest(db_path)
    out = tmp_path / "x.docx"
    r = run("letter", str(pid), "--format", "docx", "--out", str(out), "--issue")
    assert r.code == 1
    assert "chỗ chưa điền" in r.err
    r = run("letter", "999", "--out", str(out))
    assert r.code == 1 and "Không có kiến nghị mã 999" in r.err
    r = run("letter", str(pid), "--out", str(tmp_path / "x.txt"))
    assert r.code == 1 and "--format docx hoặc --format pdf" in r.err
    r = run("letter", str(pid), "--out", str(tmp_path / "khong-co" / "x.pdf"))
    assert r.code == 1 and "khong-co» không tồn tại" in r.err
    r = run("letter", str(pid), "--format", "odt", "--out", str(out))
    assert r.code == 2 and "lỗi cú pháp lệnh" in r.err
    assert not out.exists()
    assert content_digest(db_path) == before


def _petitions(db_path: Path, n: int) -> list[int]:
    session = Session(
        open_store(db_path), actor="tester", today=lambda: dt.date(2026, 11, 23), system=True
    )
    r = register_document(
        session,
        DocumentInput(received_on=dt.date(2026, 11, 2), sender="UBND tỉnh Bắc Ninh"),
        [PetitionInput(origin="Bắc Ninh", content=f"Kiến nghị thứ {i}.") for i in range(n)],
    )
    session.close()
    return list(r.petition_ids)


def test_numbers_given_outside_the_app_are_never_issued_again(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    a, b, c, d = _petitions(db_path, 4)
    # A reply citing a letter made outside the app enters its number in the register.
    r = run("reply", str(a), "--outcome", "answered", "--text", "Đã trả lời.",
            "--letter-ref", "3/BTTTT-VP", "--date", "20/11/2026")  # fmt: skip
    assert r.code == 0, r.err
    # A number recorded by hand, drafted by another unit: the agency has one series.
    r = run("record", "5/BTTTT-CĐSQG", "--date", "21/11/2026", "--subject", "V/v khác")
    assert r.code == 0 and "05/BTTTT-CĐSQG" in r.out, r.err
    before = content_digest(db_path)
    for args in (
        ("reply", str(b), "--outcome", "answered", "--text", "X", "--letter-ref", "5/BTTTT-THH"),
        ("record", "3/BTTTT-THH", "--date", "21/11/2026"),
        ("reply", str(b), "--outcome", "answered", "--text", "X", "--letter-ref", "ba/BTTTT"),
        ("reply", str(b), "--outcome", "answered", "--text", "X", "--letter-ref", "4/UBND-VP"),
        ("record", "0/BTTTT-VP", "--date", "21/11/2026"),
    ):
        r = run(*args)
        assert r.code == 1 and "Traceback" not in r.err, (args, r.err)
        assert "đã được" in r.err or "không đúng dạng" in r.err or "không thuộc" in r.err, r.err
    assert content_digest(db_path) == before
    # The same outside letter answering a second petition is cited, not entered twice.
    r = run("reply", str(b), "--outcome", "answered", "--text", "Đã trả lời.",
            "--letter-ref", "03/BTTTT-VP")  # fmt: skip
    assert r.code == 0, r.err
    out = tmp_path / "cv.docx"
    r = run("letter", str(c), "--out", str(out), "--issue", "--answer", "Có.", "--unit", "THH")
    assert r.code == 0, r.err
    text = _docx_text(out)
    assert "Số: 06/BTTTT-THH" in text and "Lưu: VT, THH." in text
    r = run("letter", str(d), "--out", str(tmp_path / "cv2.docx"), "--issue", "--answer", "Có.")
    assert r.code == 0 and "07/BTTTT-VP" in r.out, r.err
    store = open_store(db_path)
    from db import letters as reg

    register = [(x.reference, x.external) for x in reg.list_letters(store, include_drafts=False)]
    store.close()
    assert register == [
        ("03/BTTTT-VP", True), ("05/BTTTT-CĐSQG", True), ("06/BTTTT-THH", False),
        ("07/BTTTT-VP", False),
    ]  # fmt: skip
