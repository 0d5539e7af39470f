"""Nơi nhận of a reply: the body that forwarded a citizen's đơn gets its copy "(để biết)", the one
that forwarded a province's petition "(để b/c)" — in the letter, its DOCX and its PDF."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import docx
import pytest

from desktop.core.letters import kinds
from desktop.core.letters.addressees import forwarder_copies
from desktop.core.letters.docx_render import docx_bytes
from desktop.core.letters.pdf_render import render_pdf
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session

D = dt.date
TODAY = D(2026, 11, 23)
BINH = "Ông Trần Văn Bình"


def _citizen_via_city(session: Session) -> int:
    r = register_document(
        session,
        DocumentInput(received_on=D(2026, 10, 26), sender="UBND thành phố Hà Nội",
                      sender_ref="3120/UBND-TCD", sender_date=D(2026, 10, 20)),
        [PetitionInput(BINH, "Đề nghị xử lý trạm phát sóng gây nhiễu sóng truyền hình.",
                       raised_by="person", address="số 5 Hàng Bông, Hà Nội")],
    )  # fmt: skip
    return r.petition_ids[0]


def _province_via_vpcp(session: Session) -> int:
    r = register_document(
        session,
        DocumentInput(received_on=D(2026, 11, 2), sender="Văn phòng Chính phủ",
                      sender_ref="5606/VPCP-QHĐP", sender_date=D(2026, 10, 30)),
        [PetitionInput("Hải Phòng", "Đề nghị hỗ trợ phủ sóng di động vùng biển đảo.")],
    )  # fmt: skip
    return r.petition_ids[0]


def _pdf_lines(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    return [" ".join(line.split()) for line in out.splitlines()]


def test_the_city_that_forwarded_a_citizens_letter_is_copied_to_know(
    session: Session, tmp_path: Path
) -> None:
    pid = _citizen_via_city(session)
    letter = kinds.reply_letter(session, [pid], answer="Cục Tần số vô tuyến điện đã kiểm tra.")
    assert letter.recipients[0] == BINH
    assert letter.copies == (
        "Như trên", "UBND thành phố Hà Nội (để biết)", "Bộ trưởng (để b/c)", "Lưu: VT, VP"
    )  # fmt: skip
    document = docx.Document(io.BytesIO(docx_bytes(letter, TODAY)))
    cells = [p.text for t in document.tables for c in t._cells for p in c.paragraphs]
    lines = [line for text in cells for line in text.split("\n")]
    start = lines.index("Nơi nhận:")
    assert lines[start : start + 5] == [
        "Nơi nhận:", "- Như trên;", "- UBND thành phố Hà Nội (để biết);", "- Bộ trưởng (để b/c);",
        "- Lưu: VT, VP.",
    ]  # fmt: skip
    pdf = render_pdf(letter, tmp_path / "cv.pdf", today=TODAY)
    text = _pdf_lines(pdf)
    assert any(line.startswith("- UBND thành phố Hà Nội (để biết);") for line in text), text
    assert not any("Hà Nội (để b/c)" in line for line in text)


def test_one_letter_to_a_citizen_and_a_province_copies_each_forwarder_as_it_should(
    session: Session,
) -> None:
    ids = [_citizen_via_city(session), _province_via_vpcp(session)]
    letter = kinds.reply_letter(session, ids, answer="Bộ đã chỉ đạo các đơn vị.")
    assert letter.copies == (
        "Như trên", "Văn phòng Chính phủ (để b/c)", "UBND thành phố Hà Nội (để biết)",
        "Bộ trưởng (để b/c)", "Lưu: VT, VP",
    )  # fmt: skip


@pytest.mark.engine_free
def test_a_body_that_forwarded_both_is_reported_to_once() -> None:
    forwarded = [("Ban Dân nguyện", True), ("VPCP", False), ("Ban Dân nguyện", False)]
    assert forwarder_copies(forwarded) == (["VPCP", "Ban Dân nguyện"], [])
    assert forwarder_copies([("UBND xã A", True), ("UBND xã A", True)]) == ([], ["UBND xã A"])
