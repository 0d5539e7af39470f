import datetime as dt
import unicodedata

import pytest

from db import reference as ref
from desktop.core import workflow
from desktop.core.errors import DomainError
from desktop.core.letters import kinds
from desktop.core.letters.kinds import Signer
from desktop.core.letters.model import Letter
from desktop.core.letters.wording import fill
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.vpcp import register_vpcp

D = dt.date

# Seed 000: the Government Office forwards the provinces' petitions (5606/VPCP-QHĐP).
HAI_PHONG = (
    "Đề nghị Chính phủ chỉ đạo Bộ TTTT: Hướng dẫn lộ trình xây dựng Hồ sơ đề xuất các cấp độ"
    " an toàn hệ thống thông tin.\n+ Tiếp tục hoàn thiện phương pháp tính giá trị phần mềm."
)
BEN_TRE = "Hỗ trợ tỉnh Bến Tre xây dựng Khu công nghệ thông tin tập trung."
VINH_PHUC = "Ban hành văn bản quy định về định danh, xác thực điện tử, bảo vệ dữ liệu cá nhân."


def vpcp_petitions(session: Session) -> list[int]:
    """Hải Phòng, Bến Tre, Vĩnh Phúc, as forwarded by the Government Office in July 2020."""
    return register_vpcp(
        session,
        D(2020, 7, 13),
        D(2020, 7, 10),
        [
            PetitionInput(origin="Hải Phòng", content=HAI_PHONG),
            PetitionInput(origin="Bến Tre", content=BEN_TRE, ordinal="1"),
            PetitionInput(origin="Vĩnh Phúc", content=VINH_PHUC, ordinal="5"),
        ],
        reply_by=D(2020, 9, 15),
        summary="Kiến nghị của các địa phương tại Hội nghị trực tuyến ngày 02/7/2020",
    )


def all_text(letter: Letter) -> list[str]:
    return [
        letter.agency,
        letter.symbol,
        letter.subject,
        *letter.recipients,
        *letter.body,
        letter.signer_authority,
        letter.signer_title,
        letter.signer_name,
        *letter.copies,
        letter.place,
    ]


def test_reply_to_a_forwarded_petition(session: Session) -> None:
    hai_phong, *_ = vpcp_petitions(session)
    workflow.assign(session, hai_phong, "THH", instructions="Cục THH chủ trì trả lời")
    letter = kinds.reply_letter(session, [hai_phong])
    assert letter.agency == "BỘ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert letter.symbol == "BTTTT-VP"
    assert letter.place == "Hà Nội"
    assert (letter.number, letter.issued_on) == (None, None)
    assert letter.petition_ids == (hai_phong,)
    assert letter.subject == "V/v trả lời kiến nghị của UBND thành phố Hải Phòng"
    assert letter.recipients == ("Ủy ban nhân dân thành phố Hải Phòng",)
    assert letter.recipient_lines() == ["Kính gửi: Ủy ban nhân dân thành phố Hải Phòng."]
    assert letter.body[0] == (
        "Bộ Thông tin và Truyền thông nhận được kiến nghị của Ủy ban nhân dân thành phố Hải Phòng"
        " do Văn phòng Chính phủ chuyển đến tại Công văn số 5606/VPCP-QHĐP ngày 10/07/2020."
        " Nội dung kiến nghị như sau:"
    )
    # Each line of the petition is a paragraph of its own.
    assert letter.body[1:3] == tuple(HAI_PHONG.split("\n"))
    assert kinds.ANSWER_PLACEHOLDER in letter.body
    assert letter.body[-1].endswith("trả lời để Ủy ban nhân dân thành phố Hải Phòng biết./.")
    # Copied to the Government Office "để b/c", as 5606/VPCP-QHĐP asks; "Như trên" first.
    assert letter.copies == (
        "Như trên",
        "Văn phòng Chính phủ (để b/c)",
        "Bộ trưởng (để b/c)",
        "Cục Tin học hóa",
        "Lưu: VT, VP",
    )
    assert letter.copy_lines()[-1] == "- Lưu: VT, VP."
    assert (letter.signer_authority, letter.signer_title) == ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG")
    assert all(t == unicodedata.normalize("NFC", t) for t in all_text(letter))


def test_reply_to_all_of_a_document_names_every_province(session: Session) -> None:
    ids = vpcp_petitions(session)
    letter = kinds.reply_letter(session, ids, answer="Bộ đã có hướng dẫn.")
    # Vĩnh Phúc was merged into Phú Thọ on 1 July 2025: today the answer goes to Phú Thọ,
    # Bến Tre's to Vĩnh Long; the letter still says who asked in 2020.
    assert letter.recipients == (
        "Ủy ban nhân dân thành phố Hải Phòng",
        "Ủy ban nhân dân tỉnh Vĩnh Long",
        "Ủy ban nhân dân tỉnh Phú Thọ",
    )
    assert letter.recipient_lines()[0] == "Kính gửi:"
    assert letter.recipient_lines()[-1] == "- Ủy ban nhân dân tỉnh Phú Thọ."
    assert letter.subject == "V/v trả lời kiến nghị của các địa phương"
    assert "Ủy ban nhân dân tỉnh Vĩnh Phúc" in letter.body[0]
    assert letter.body[3] == f"2. UBND tỉnh Bến Tre: {BEN_TRE}"
    assert letter.body[4] == f"3. UBND tỉnh Vĩnh Phúc: {VINH_PHUC}"
    assert "Bộ đã có hướng dẫn." in letter.body
    assert letter.body[-1].endswith("trả lời để các địa phương biết./.")
    assert letter.petition_ids == tuple(ids)


def test_reply_takes_the_latest_recorded_answer(session: Session) -> None:
    hai_phong, *_ = vpcp_petitions(session)
    workflow.reply(session, [hai_phong], "clarify", "Sẽ làm rõ tại buổi làm việc.")
    workflow.reply(session, [hai_phong], "answered", "Đã ban hành Thông tư 12/2022/TT-BTTTT.")
    letter = kinds.reply_letter(session, [hai_phong])
    assert "Đã ban hành Thông tư 12/2022/TT-BTTTT." in letter.body
    assert "Sẽ làm rõ tại buổi làm việc." not in letter.body
    assert kinds.ANSWER_PLACEHOLDER not in letter.body
    # An explicit answer wins; its lines become paragraphs; control characters are dropped.
    letter = kinds.reply_letter(session, [hai_phong], answer="Thứ nhất,\x0b ...\nThứ hai, ...")
    assert letter.body[4:6] == ("Thứ nhất, ...", "Thứ hai, ...")


def test_reply_to_a_province_that_wrote_itself_has_no_forwarder(session: Session) -> None:
    r = register_document(
        session,
        DocumentInput(
            received_on=D(2026, 10, 5),
            sender="Ủy ban nhân dân tỉnh Thái Nguyên",
            sender_ref="123/UBND-KGVX",
            sender_date=D(2026, 10, 1),
        ),
        [
            PetitionInput(
                origin="UBND tỉnh Thái Nguyên", content="Khu công nghệ thông tin tập trung."
            )
        ],
    )
    letter = kinds.reply_letter(session, r.petition_ids, answer="Đã hoàn thiện.")
    assert letter.body[0].startswith(
        "Bộ Thông tin và Truyền thông nhận được kiến nghị của Ủy ban nhân dân tỉnh Thái Nguyên tại"
        " Công văn số 123/UBND-KGVX ngày 01/10/2026."
    )
    assert not any("để b/c" in c and "Chính phủ" in c for c in letter.copies)
    assert letter.copies == ("Như trên", "Bộ trưởng (để b/c)", "Lưu: VT, VP")


def test_reply_to_a_standalone_petition_from_an_association(session: Session) -> None:
    from desktop.core.registry import add_petitions

    (pid,) = add_petitions(
        session,
        [PetitionInput(origin="Hiệp hội Internet Việt Nam", content="Giảm phí tên miền .vn.")],
        received_on=D(2026, 11, 2),
    )
    letter = kinds.reply_letter(session, [pid], answer="Bộ ghi nhận.", drafting_unit="vnnic")
    assert letter.recipients == ("Hiệp hội Internet Việt Nam",)
    assert letter.subject == "V/v trả lời kiến nghị của Hiệp hội Internet Việt Nam"
    assert letter.body[0].startswith(
        "Bộ Thông tin và Truyền thông nhận được kiến nghị của Hiệp hội Internet Việt Nam."
    )
    assert letter.symbol == "BTTTT-VNNIC"
    assert letter.copies[-1] == "Lưu: VT, VNNIC"


def test_signer_from_settings_or_given(session: Session) -> None:
    hai_phong, *_ = vpcp_petitions(session)
    ref.set_setting(
        session.store,
        "signer",
        {"authority": "KT. BỘ TRƯỞNG", "title": "THỨ TRƯỞNG", "name": "Nguyễn Huy Dũng"},
    )
    letter = kinds.reply_letter(session, [hai_phong])
    assert letter.signer_name == "Nguyễn Huy Dũng"
    letter = kinds.reply_letter(session, [hai_phong], signer=Signer("", "BỘ TRƯỞNG", "Người Ký"))
    assert (letter.signer_authority, letter.signer_title, letter.signer_name) == (
        "",
        "BỘ TRƯỞNG",
        "Người Ký",
    )


def test_reply_refuses_what_it_cannot_write(session: Session) -> None:
    hai_phong, *_ = vpcp_petitions(session)
    with pytest.raises(DomainError, match="Chưa chọn kiến nghị"):
        kinds.reply_letter(session, [])
    with pytest.raises(DomainError, match="Không có kiến nghị mã 999"):
        kinds.reply_letter(session, [hai_phong, 999])
    with pytest.raises(DomainError, match="đơn vị soạn thảo «XYZ»"):
        kinds.reply_letter(session, [hai_phong], drafting_unit="XYZ")


def test_chase_lists_only_overdue_unfinished_assignments(session: Session) -> None:
    hai_phong, ben_tre, vinh_phuc = vpcp_petitions(session)
    workflow.assign(session, hai_phong, "THH", due_on=D(2020, 9, 15))
    workflow.assign(session, ben_tre, "CĐSQG")
    workflow.assign(session, ben_tre, "THH", role="support", due_on=D(2020, 9, 15))
    workflow.assign(session, vinh_phuc, "THH", due_on=D(2020, 9, 15))
    workflow.reply(session, [vinh_phuc], "answered", "Đã trả lời.")  # no longer overdue
    letter = kinds.chase_letter(session, "THH")
    assert letter.recipients == ("Cục Tin học hóa",)
    assert letter.subject == "V/v đôn đốc giải quyết kiến nghị quá hạn"
    assert letter.symbol == "BTTTT-VP"
    assert (letter.signer_authority, letter.signer_title) == ("TL. BỘ TRƯỞNG", "CHÁNH VĂN PHÒNG")
    assert letter.petition_ids == (hai_phong, ben_tre)
    assert "đến ngày 23/11/2026, Cục Tin học hóa còn 02 kiến nghị" in letter.body[0]
    first, second = letter.body[1:3]
    assert first.startswith(
        "- Kiến nghị của UBND thành phố Hải Phòng (Công văn số 5606/VPCP-QHĐP ngày 10/07/2020"
        " của Văn phòng Chính phủ): Đề nghị Chính phủ chỉ đạo Bộ TTTT"
    )
    assert "(giao chủ trì, hạn 15/09/2020, quá hạn" in first and first.endswith(";")
    assert "giao phối hợp" in second and second.endswith(".")
    # Five working days to report from Mon 23/11/2026, skipping 24/11 (Ngày Văn hóa Việt Nam,
    # a day off from 2026): Tue 01/12/2026.
    assert "trước ngày 01/12/2026" in letter.body[-1]
    assert letter.copies == ("Như trên", "Bộ trưởng (để b/c)", "Lưu: VT, VP")
    with pytest.raises(DomainError, match="không có kiến nghị nào quá hạn"):
        kinds.chase_letter(session, "CATTT")
    with pytest.raises(DomainError, match="Không có đơn vị"):
        kinds.chase_letter(session, "KHÔNG")


def test_routing_slip_carries_instructions_units_and_deadline(session: Session) -> None:
    hai_phong, ben_tre, _ = vpcp_petitions(session)
    workflow.assign(session, hai_phong, "THH", instructions="Cục THH chủ trì, trả lời trước 10/9.")
    workflow.assign(session, hai_phong, "CATTT", role="support")
    slip = kinds.routing_slip_text(session, hai_phong).split("\n")
    assert slip[:2] == ["BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN"]
    assert "Số đến: 1/2020    Ngày đến: 13/07/2020" in slip
    assert "Văn bản: Công văn số 5606/VPCP-QHĐP ngày 10/07/2020 của Văn phòng Chính phủ" in slip
    assert "Kiến nghị của Hải Phòng:" in slip
    assert "Cục THH chủ trì, trả lời trước 10/9." in slip
    assert "Đơn vị chủ trì: Cục Tin học hóa" in slip
    assert "Đơn vị phối hợp: Cục An toàn thông tin" in slip
    assert "Thời hạn giải quyết: 15/09/2020" in slip
    assert slip[-1] == "Hà Nội, ngày 23 tháng 11 năm 2026"
    # Nothing decided yet: dotted lines to write on by hand.
    blank = kinds.routing_slip_text(session, ben_tre).split("\n")
    assert f"Đơn vị chủ trì: {kinds.SLIP_BLANK}" in blank
    assert f"Đơn vị phối hợp: {kinds.SLIP_BLANK}" in blank


def test_fill_drops_empty_lines_and_repeats_lists() -> None:
    text = "# note $nothing\nA $one.\n- $many (để b/c);\n- $empty;\nB $$5"
    values = {"one": "x", "many": ["P", "Q"], "empty": ""}
    assert fill(text, values, name="t") == ["A x.", "- P (để b/c);", "- Q (để b/c);", "B $5"]
    assert fill(text, {**values, "many": []}, name="t") == ["A x.", "B $5"]
    assert fill("- $empty;", values, name="t", blank="…") == ["- …;"]
    with pytest.raises(DomainError, match=r"không có: \$orgin"):
        fill("Kính gửi $orgin", values, name="t")
    with pytest.raises(DomainError, match="đặt sai chỗ"):
        fill("giá 5$ một bản", values, name="t")


def test_helpers_for_names_and_documents() -> None:
    assert kinds.agency_in_text("BỘ THÔNG TIN VÀ TRUYỀN THÔNG") == "Bộ Thông tin và Truyền thông"
    assert kinds.agency_in_text("BỘ KHOA HỌC VÀ CÔNG NGHỆ") == "Bộ Khoa học và Công nghệ"
    assert kinds.document_name("5606/VPCP-QHĐP", D(2020, 7, 10)) == (
        "Công văn số 5606/VPCP-QHĐP ngày 10/07/2020"
    )
    assert kinds.document_name("15/QĐ-UBND", None) == "Quyết định số 15/QĐ-UBND"
    assert kinds.document_name("", D(2020, 7, 10)) == "văn bản ngày 10/07/2020"
    assert kinds.document_name("", None) == ""
    from desktop.core.letters.addressees import origin_key

    assert origin_key("UBND tỉnh Thái Bình") == origin_key("Thái Bình") == "thai binh"
