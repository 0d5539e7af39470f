"""Seed 000 (Government Office letter 5606/VPCP-QHĐP and its table) as test data."""

from __future__ import annotations

from datetime import date

SEED_LETTER: tuple[str, ...] = (
    "Kính gửi: Bộ Thông tin và Truyền thông.",
    (
        "Về các kiến nghị của Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương tại "
        "Hội nghị trực tuyến Chính phủ với các địa phương ngày 02 tháng 7 năm 2020, Thủ tướng"
        " Chính phủ giao các Bộ, cơ quan ngang Bộ theo chức năng, nhiệm vụ được giao và quy "
        "định hiện hành chủ trì, phối hợp với cơ quan liên quan nghiên cứu, xử lý các kiến "
        "nghị của các địa phương (bảng tổng hợp kèm theo), có văn bản trả lời địa phương và "
        "đồng gửi Văn phòng Chính phủ trước ngày 15 tháng 09 năm 2020 để báo cáo lãnh đạo "
        "Chính phủ. Đối với những nội dung vượt thẩm quyền, đề nghị báo cáo Thủ tướng Chính "
        "phủ xem xét."
    ),
    "Văn phòng Chính phủ thông báo để Quý Bộ biết, thực hiện./.",
)
SEED_SIGNATURE: tuple[str, ...] = (
    "Nơi nhận:",
    "- Như trên;",
    "- TTgCP, các Phó TTgCP (để b/c);",
    (
        "- VPCP: BTCN, các PCN, Trợ lý TTgCP, các Vụ: CN, NN, KTTH, KGVX, QHQT, NC, TCCV, PL,"
        " ĐMDN, V.I, TH; Cục KSTTHC; Cổng TTĐTCP;"
    ),
    "- Lưu: VT, QHĐP (3b) Đ.Minh.",
    "BỘ TRƯỞNG, CHỦ NHIỆM",
    "Mai Tiến Dũng",
)
SEED_ROWS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "\xa0",
        "Hải Phòng",
        (
            (
                "Đề nghị Chính phủ chỉ đạo Bộ TTTT: Hướng dẫn lộ trình xây dựng Hồ sơ đề xuất"
                " các cấp độ an toàn hệ thống thông tin và theo quy trình cụ thể về thẩm định"
                " hồ sơ đề xuất."
            ),
            (
                "+ Tiếp tục hoàn thiện phương pháp tính giá trị phần mềm đảm bảo thuận lợi "
                "trong việc áp dụng tính giá và công tác thẩm định được dễ dàng."
            ),
            (
                "+ Ban hành Thông tư quy định về định mức, đơn giá sản xuất phát thanh, "
                "truyền hình; định mức kinh tế-kỹ thuật trong hoạt động xuất bản."
            ),
            (
                "+ Tăng cường ứng dụng công nghệ, như Hệ thống định lượng đo lường khán giả "
                "(rating)..trong quản lý, đánh giá hiệu quả nội dung thông tin, ngăn chặn "
                "thông tin sai sự thật, thông tin xấu."
            ),
        ),
    ),
    (
        "1",
        "Bến Tre",
        (
            (
                "Kiến nghị Thủ tướng Chính phủ, Bộ TTTT xem xét, hỗ trợ tỉnh Bến Tre trong "
                "việc xây dựng Khu công nghệ thông tin tập trung và tham gia vào thành viên "
                "của chuỗi Công viên phần mềm Quang Trung với trụ cột chính là xây dựng Trang"
                " tâm đào tạo và chuyển đổi số của Bến Tre và vùng ĐBSCL."
            ),
        ),
    ),
    (
        "2",
        "Phú Yên",
        (
            (
                "Để góp phần làm cho công tác CCHC nhà nước đạt hiệu quả cao nhất, đồng thời,"
                " để tạo thuận lợi cho người dân doanh nghiệp và đẩy mạnh tinh giản biên chế "
                "công chức, viên chức của các cơ quan nhà nước ở địa phương, UBND tỉnh Phú "
                "Yên kiến nghị Chính phủ chỉ đạo Bộ Thông tin & Truyền thông sớm ban hành Đề "
                "án chuyển giao một số nhiệm vụ, dịch vụ hành chính công mà Nhà nước không "
                "nhất thiết trực tiếp thực hiện cho doanh nghiệp Bưu chính đảm nhiệm để có cơ"
                " sở pháp lý thực hiện việc giải quyết thủ tục hành chính theo cơ chế một "
                "cửa, một cửa liên thông đảm bảo đúng quy định theo Nghị định số "
                "61/2018/NĐ-CP của Chính phủ."
            ),
        ),
    ),
    (
        "3",
        "Thái Bình",
        (
            (
                "Hoàn thiện chính thức trục tích hợp quốc gia và thống nhất việc kết nối liên"
                " thông các hệ thống thông tin quốc gia để tạo thuận lợi cho địa phương trong"
                " quá trình kết nối tích hợp các hệ thống thông tin, cơ sở dữ liệu"
            ),
        ),
    ),
    (
        "4",
        "Thái Nguyên",
        (
            (
                "Đề nghị Chính phủ, Bộ TTTT cho phép thành lập khu công nghệ thông tin tập "
                "trung, đây là một trong những dự án lớn Thái Nguyên có điều kiện, ý chí khát"
                " vọng thực hiện dự án này"
            ),
        ),
    ),
    (
        "5",
        "Vĩnh Phúc",
        (
            (
                "Đề nghị Bộ Thông tin và Truyền thông ban hành văn bản quy định về định danh,"
                " xác thực điện tử, bảo vệ dữ liệu cá nhân; sớm hình thành các Hệ thống định "
                "danh và xác thực điện tử Quốc gia. Định hướng khoảng 03-05 khung mẫu chính "
                "quyền điện tử cấp tỉnh, cho các địa phương có thể lựa chọn, áp dụng."
            ),
        ),
    ),
)

SEED_SENDER = "Văn phòng Chính phủ"
SEED_REF = "5606/VPCP-QHĐP"
SEED_DATE = date(2020, 7, 10)
SEED_REPLY_BY = date(2020, 9, 15)
# The seed text starts at "Kính gửi"; the letter's heading block is rebuilt the usual way.
SEED_SUMMARY = "V/v xử lý kiến nghị của các địa phương"
SEED_HEADER = ("STT", "ĐỊA PHƯƠNG", "KIẾN NGHỊ")
UNACCENTED_HEADER = ("STT", "Don vi", "Noi dung")
NUMBERING_ROW = ("(1)", "(2)", "(3)")
SEED_ORIGINS = tuple(origin for _, origin, _ in SEED_ROWS)
SEED_ORDINALS: tuple[str | None, ...] = (None, "1", "2", "3", "4", "5")
SEED_CONTENTS = tuple("\n".join(paragraphs) for _, _, paragraphs in SEED_ROWS)
LETTER_HEAD_LEFT = ("VĂN PHÒNG CHÍNH PHỦ", "-------", f"Số: {SEED_REF}", SEED_SUMMARY)
LETTER_HEAD_RIGHT = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "---------------",
    "Hà Nội, ngày 10 tháng 7 năm 2020",
)
ANNEX_TITLE = "BỘ THÔNG TIN VÀ TRUYỀN THÔNG"
XLSX_HEADER = ("STT", "Địa phương", "Nội dung kiến nghị")
