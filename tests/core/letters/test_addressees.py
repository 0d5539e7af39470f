"""The right addressee: a citizen answered by name and address, a merged province's successor.

The two letters issue #12 reproduced, written from the register and read back from the DOCX
(python-docx) and the PDF (poppler's pdftotext), on both engines.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import docx
import pytest

from db import parties
from desktop.core.letters import kinds
from desktop.core.letters.docx_render import docx_bytes
from desktop.core.letters.model import Letter
from desktop.core.letters.pdf_render import render_pdf
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session

D = dt.date
TODAY = D(2026, 11, 23)  # the clock of tests/conftest.py
ADDRESS = "số 12 phố Hàng Bạc, phường Hoàn Kiếm, thành phố Hà Nội"
BINH = "Ông Trần Văn Bình"


def _citizen(session: Session, *, sender: str, sender_ref: str) -> int:
    r = register_document(
        session,
        DocumentInput(
            received_on=D(2026, 10, 26), sender=sender, sender_ref=sender_ref,
            sender_date=D(2026, 10, 20),
        ),
        [PetitionInput(BINH, "Đề nghị xử lý trạm phát sóng gây nhiễu sóng truyền hình.",
                       raised_by="person", address=ADDRESS)],
    )  # fmt: skip
    return r.petition_ids[0]


def _thai_binh(session: Session) -> int:
    r = register_document(
        session,
        DocumentInput(
            received_on=D(2026, 3, 9), sender="UBND tỉnh Thái Bình", sender_ref="45/UBND-VX",
            sender_date=D(2025, 6, 20),
        ),
        [PetitionInput("Thái Bình", "Hỗ trợ kinh phí chuyển đổi số cấp xã.")],
    )  # fmt: skip
    return r.petition_ids[0]


def docx_lines(letter: Letter) -> list[str]:
    doc = docx.Document(io.BytesIO(docx_bytes(letter, TODAY)))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        lines += [p.text for cell in table._cells for p in cell.paragraphs]
    return [line for text in lines for line in text.split("\n")]


def pdf_text(letter: Letter, tmp_path: Path) -> str:
    pdf = render_pdf(letter, tmp_path / "cv.pdf", today=TODAY)
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    return " ".join(out.split())


def test_a_citizen_forwarded_by_the_city_is_answered_by_name_and_address(
    session: Session, tmp_path: Path
) -> None:
    # As reproduced: the city sent the citizen's letter, which has no number ("Đơn không số").
    pid = _citizen(session, sender="UBND thành phố Hà Nội", sender_ref="Đơn không số")
    assert parties.parties_of(session.store, pid) == parties.Parties("person", ADDRESS, "")
    letter = kinds.reply_letter(session, [pid], answer="Cục Tần số vô tuyến điện đã kiểm tra.")
    assert letter.recipients == (BINH, f"Địa chỉ: {ADDRESS}")
    assert letter.recipient_lines() == [f"Kính gửi: {BINH}", f"Địa chỉ: {ADDRESS}."]
    sentence = (
        f"Bộ Thông tin và Truyền thông nhận được đơn của {BINH} (địa chỉ: {ADDRESS}) do UBND"
        " thành phố Hà Nội chuyển đến tại văn bản ngày 20/10/2026. Nội dung kiến nghị như sau:"
    )
    assert letter.body[0] == sentence
    assert "UBND thành phố Hà Nội (để biết)" in letter.copies
    assert not any("Ủy ban nhân dân thành phố Hà Nội" in r for r in letter.recipients)
    lines = docx_lines(letter)
    assert f"Kính gửi: {BINH}" in lines and f"Địa chỉ: {ADDRESS}." in lines
    assert sentence in lines
    assert "- UBND thành phố Hà Nội (để biết);" in lines
    text = pdf_text(letter, tmp_path)
    assert f"Kính gửi: {BINH} Địa chỉ: {ADDRESS}." in text
    assert " ".join(sentence.split()) in text
    assert "- UBND thành phố Hà Nội (để biết);" in text
    for wrong in ("(công dân)", "Đơn không số", "Văn bản số", "kiến nghị của UBND TP"):
        assert wrong not in text and not any(wrong in line for line in lines)


def test_a_citizen_who_wrote_himself_is_cited_by_the_date_of_his_letter(
    session: Session,
) -> None:
    pid = _citizen(session, sender=BINH, sender_ref="Đơn không số")
    letter = kinds.reply_letter(session, [pid], answer="Bộ đã chuyển đơn đến Cục.")
    assert letter.body[0].startswith(
        f"Bộ Thông tin và Truyền thông nhận được đơn của {BINH} (địa chỉ: {ADDRESS})"
        " đề ngày 20/10/2026."
    )
    assert letter.copies == ("Như trên", "Bộ trưởng (để b/c)", "Lưu: VT, VP")


def test_a_forwarding_body_other_than_the_sender_is_copied(session: Session) -> None:
    r = register_document(
        session,
        DocumentInput(received_on=D(2026, 11, 2), sender="Văn phòng Chính phủ",
                      sender_ref="812/VPCP-QHĐP", sender_date=D(2026, 10, 30)),
        [PetitionInput("Cử tri thành phố Hà Nội", "Quản lý tin nhắn rác.",
                       forwarded_by="Ban Dân nguyện")],
    )  # fmt: skip
    letter = kinds.reply_letter(session, r.petition_ids, answer="Đã xử lý.")
    assert letter.body[0].startswith(
        "Bộ Thông tin và Truyền thông nhận được kiến nghị của Cử tri thành phố Hà Nội do Ban Dân"
        " nguyện chuyển đến tại Công văn số 812/VPCP-QHĐP ngày 30/10/2026 của Văn phòng Chính"
        " phủ."
    )
    assert "Ban Dân nguyện (để b/c)" in letter.copies


def test_a_merged_province_is_answered_to_its_successor_naming_the_original(
    session: Session, tmp_path: Path
) -> None:
    pid = _thai_binh(session)
    letter = kinds.reply_letter(session, [pid], answer="Bộ sẽ hỗ trợ.")
    assert letter.recipients == ("Ủy ban nhân dân tỉnh Hưng Yên",)
    assert letter.subject == "V/v trả lời kiến nghị của UBND tỉnh Hưng Yên"
    sentence = (
        "Bộ Thông tin và Truyền thông nhận được kiến nghị của Ủy ban nhân dân tỉnh Thái Bình"
        " (nay là tỉnh Hưng Yên) tại Công văn số 45/UBND-VX ngày 20/06/2025."
        " Nội dung kiến nghị như sau:"
    )
    assert letter.body[0] == sentence
    assert letter.body[-1].endswith("trả lời để Ủy ban nhân dân tỉnh Hưng Yên biết./.")
    lines = docx_lines(letter)
    assert "Kính gửi: Ủy ban nhân dân tỉnh Hưng Yên." in lines and sentence in lines
    text = pdf_text(letter, tmp_path)
    assert "Kính gửi: Ủy ban nhân dân tỉnh Hưng Yên." in text
    assert " ".join(sentence.split()) in text
    assert "kiến nghị của UBND tỉnh Hưng Yên tại" not in text


def test_the_citizens_letter_renders_to_png(session: Session, tmp_path: Path) -> None:
    pid = _citizen(session, sender="UBND thành phố Hà Nội", sender_ref="3120/UBND-TCD")
    letter = kinds.reply_letter(session, [pid], answer="Cục Tần số vô tuyến điện đã kiểm tra.")
    pdf = render_pdf(letter, tmp_path / "cv.pdf", today=TODAY)
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True)  # fmt: skip
    (png,) = tmp_path.glob("page*.png")
    assert png.stat().st_size > 10_000


def _letter(*recipients: str) -> Letter:
    return Letter(
        agency="BỘ THÔNG TIN VÀ TRUYỀN THÔNG", symbol="BTTTT-VP",
        subject="V/v trả lời đơn của công dân", recipients=recipients,
        body=("Bộ Thông tin và Truyền thông nhận được đơn của công dân.",),
        signer_authority="KT. BỘ TRƯỞNG", signer_title="THỨ TRƯỞNG", signer_name="Người Ký",
        copies=("Như trên", "Lưu: VT, VP"),
    )  # fmt: skip


def _pt(length: object) -> float:
    return float(getattr(length, "pt", 0.0) or 0.0)


def test_the_address_stands_under_the_name_in_docx_and_pdf(tmp_path: Path) -> None:
    letter = _letter(BINH, f"Địa chỉ: {ADDRESS}")
    doc = docx.Document(io.BytesIO(docx_bytes(letter, TODAY)))
    paragraphs = list(doc.paragraphs)
    i = next(n for n, p in enumerate(paragraphs) if p.text.startswith("Kính gửi"))
    name, address = paragraphs[i].paragraph_format, paragraphs[i + 1].paragraph_format
    assert paragraphs[i + 1].text == f"Địa chỉ: {ADDRESS}."
    # The name starts after "Kính gửi: " (a hanging indent); the address starts under the name.
    assert _pt(address.left_indent) == _pt(name.left_indent)
    assert _pt(address.first_line_indent) == 0 and _pt(name.first_line_indent) < 0
    pdf = render_pdf(letter, tmp_path / "cv.pdf", today=TODAY)
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    xs = {m[2]: float(m[1]) for m in re.finditer(r'<word xMin="([\d.]+)"[^>]*>(.*?)</word>', out)}
    assert xs["Ông"] == pytest.approx(xs["Địa"], abs=0.5)
    assert xs["Kính"] < xs["Ông"]


def test_several_people_each_with_an_address() -> None:
    letter = _letter(BINH, f"Địa chỉ: {ADDRESS}", "Bà Nguyễn Thị Lan", "Địa chỉ: xã Sóc Sơn")
    assert letter.recipient_blocks() == [
        (BINH, f"Địa chỉ: {ADDRESS}"), ("Bà Nguyễn Thị Lan", "Địa chỉ: xã Sóc Sơn")
    ]  # fmt: skip
    assert letter.recipient_lines() == [
        "Kính gửi:", f"- {BINH}", f"Địa chỉ: {ADDRESS};", "- Bà Nguyễn Thị Lan",
        "Địa chỉ: xã Sóc Sơn.",
    ]  # fmt: skip
    lines = docx_lines(letter)
    start = lines.index("Kính gửi:")
    assert lines[start : start + 5] == letter.recipient_lines()
    # An "Địa chỉ" line with no name before it is a recipient of its own, not lost.
    assert _letter("Địa chỉ: lạ").recipient_lines() == ["Kính gửi: Địa chỉ: lạ."]


def test_an_issued_letter_to_a_citizen_keeps_the_address_and_counts_one_recipient(
    session: Session,
) -> None:
    from desktop.core.letters import register as letters
    from desktop.core.registers import register_rows

    pid = _citizen(session, sender="UBND thành phố Hà Nội", sender_ref="3120/UBND-TCD")
    letter_id = letters.draft_reply(session, [pid], answer="Cục đã xử lý trạm phát sóng.")
    issued = letters.issue_reply(session, letter_id)
    again = letters.load_letter(session, letter_id)  # printed again as it was signed
    assert again.recipient_lines() == issued.recipient_lines() == [
        f"Kính gửi: {BINH}", f"Địa chỉ: {ADDRESS}."
    ]  # fmt: skip
    (row,) = register_rows(session, "outgoing", D(2026, 11, 1), TODAY)
    assert row[4].startswith(f"{BINH}\nĐịa chỉ: {ADDRESS}\nUBND thành phố Hà Nội (để biết)")
    # The citizen, UBND thành phố Hà Nội, Bộ trưởng, and the copies kept by VT and VP.
    assert row[6] == "5"
