"""The shapes real notices vary in, each as a real DOCX file read through python-docx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest

from desktop.core.errors import DomainError
from desktop.core.importers import ImportFailed
from desktop.core.notices import (
    DeadlineRules,
    ParsedNotice,
    UnitCatalogue,
    parse_notice,
    read_notice_docx,
)
from desktop.core.notices.docx_text import read_docx_paragraphs
from tests.notice_files import write_notice_docx

HEADER = [
    ("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Số: 123/TB-BTTTT", "Hà Nội, ngày 05 tháng 3 năm 2020"),
]


def _read(
    tmp_path: Path,
    catalogue: UnitCatalogue,
    lines: list[str],
    *,
    header: list[tuple[str, str]] = HEADER,
    rules: DeadlineRules | None = None,
) -> ParsedNotice:
    path = write_notice_docx(tmp_path / "tb.docx", lines, header=header)
    return read_notice_docx(path, catalogue, rules=rules or DeadlineRules())


def test_header_from_the_decree_30_table(tmp_path: Path, catalogue: UnitCatalogue) -> None:
    notice = _read(
        tmp_path,
        catalogue,
        ["THÔNG BÁO", "Kết luận của Thứ trưởng tại cuộc họp", "1. Cục Viễn thông:", "- Làm A."],
    )
    assert notice.number == "123/TB-BTTTT"
    assert (notice.issued_on, notice.place) == (dt.date(2020, 3, 5), "Hà Nội")
    assert (notice.kind, notice.title) == ("Thông báo", "Kết luận của Thứ trưởng tại cuộc họp")
    assert (notice.signer, notice.signer_title) == (None, None)
    assert [(t.unit, t.content) for t in notice.tasks] == [("Cục Viễn thông", "Làm A.")]


def test_numerals_repeat_and_skip(tmp_path: Path, catalogue: UnitCatalogue) -> None:
    lines = [
        "I. Lĩnh vực Bưu chính",
        "1. Vụ Bưu chính:",
        "- Việc một. Thời hạn: tháng 6/2020.",
        "I. Lĩnh vực Viễn thông",  # the numeral repeats
        "3. Cục Viễn thông",  # no 1 or 2, no colon
        "- Việc hai.",
        "1. Cục Tần số vô tuyến điện:",
        "Việc ba, không có gạch đầu dòng. Thời hạn: quý I/2024",
        "V. Lĩnh vực khác:",  # II to IV skipped
        "2. Vụ Pháp chế:",
        "- Việc bốn.",
    ]
    tasks = _read(tmp_path, catalogue, lines).tasks
    assert [(t.field, t.unit, t.content, t.due_on) for t in tasks] == [
        ("Lĩnh vực Bưu chính", "Vụ Bưu chính", "Việc một.", dt.date(2020, 6, 30)),
        ("Lĩnh vực Viễn thông", "Cục Viễn thông", "Việc hai.", None),
        (
            "Lĩnh vực Viễn thông",
            "Cục Tần số vô tuyến điện",
            "Việc ba, không có gạch đầu dòng.",
            dt.date(2024, 3, 29),
        ),
        ("Lĩnh vực khác", "Vụ Pháp chế", "Việc bốn.", None),
    ]


def test_units_short_full_and_behind_the_ministry(tmp_path: Path, catalogue: UnitCatalogue) -> None:
    lines = [
        "Bộ trưởng giao các đơn vị:",
        "- Cục THH chủ trì, phối hợp với Vụ CNTT, Cục Báo chí và các đơn vị liên quan xây dựng "
        "kế hoạch. Thời hạn hoàn thành: 30/8/2022.",
        "- Bộ TTTT (Cục THH) hướng dẫn các địa phương.",
        "- Cục ATTT phối hợp Cục An toàn thông tin, cục tin học hoá và VNPost, EVN rà soát.",
        "- Vụ KHTC bố trí kinh phí; thời gian hoàn thành trước tháng 9 năm 2023.",
        "- cục viễn thông, viết thường, vẫn là Cục Viễn thông.",
    ]
    tasks = _read(tmp_path, catalogue, lines, header=[]).tasks
    assert [(t.unit, t.unit_code, t.support_units, t.due_text, t.due_on) for t in tasks] == [
        (
            "Cục Tin học hóa",
            "THH",
            ("Vụ Công nghệ thông tin", "Cục Báo chí"),
            "30/8/2022",
            dt.date(2022, 8, 30),
        ),
        ("Cục Tin học hóa", "THH", (), "", None),
        # The lead unit is not its own support; old-style tones (hoá) match too.
        ("Cục An toàn thông tin", "CATTT", ("Cục Tin học hóa", "VNPost", "EVN"), "", None),
        ("Vụ Kế hoạch - Tài chính", "KHTC", (), "trước tháng 9 năm 2023", dt.date(2023, 8, 31)),
        ("Cục Viễn thông", "CVT", (), "", None),
    ]
    assert tasks[3].content == "Vụ KHTC bố trí kinh phí."


def test_outside_bodies_kept_as_written(tmp_path: Path, catalogue: UnitCatalogue) -> None:
    lines = [
        "VII. Các nhiệm vụ khác",
        "1. Sở TTTT các tỉnh, thành phố trực thuộc Trung ương",
        "- Phối hợp với Tổng Công ty Điện lực (EVN) và Bộ Công an triển khai.",
        "2. Tập đoàn Bưu chính Viễn thông Việt Nam:",
        "- Phối hợp với Văn phòng Chính phủ, Ngân hàng Nhà nước Việt Nam báo cáo.",
    ]
    tasks = _read(tmp_path, catalogue, lines).tasks
    assert [(t.unit, t.unit_code, t.support_units) for t in tasks] == [
        (
            "Sở TTTT các tỉnh, thành phố trực thuộc Trung ương",
            None,
            ("Tổng Công ty Điện lực (EVN)", "Bộ Công an"),
        ),
        (
            "Tập đoàn Bưu chính Viễn thông Việt Nam",
            None,
            ("Văn phòng Chính phủ", "Ngân hàng Nhà nước Việt Nam"),
        ),
    ]


def test_markers_and_page_furniture_are_ignored(tmp_path: Path, catalogue: UnitCatalogue) -> None:
    lines = [
        "[bookmark: _Toc1]I. Lĩnh vực Viễn thông",
        "1. Cục Viễn thông:[bookmark: _GoBack]",
        "- Việc **một**. Thời hạn: [bookmark: x]tháng 3/2020.",
        "- 2 -",
        "Trang 2/5",
        "3",
        "- Việc hai, trang sau.",
        "Bộ Thông tin và Truyền thông thông báo để các đơn vị biết, thực hiện./.",
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT, VP.",
        "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG",
        "Nguyễn Văn A",
    ]
    notice = _read(tmp_path, catalogue, lines)
    assert [(t.content, t.due_on) for t in notice.tasks] == [
        ("Việc một.", dt.date(2020, 3, 31)),
        ("Việc hai, trang sau.", None),
    ]
    assert (notice.signer, notice.signer_title) == ("Nguyễn Văn A", "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG")


def test_lead_in_and_sub_items(tmp_path: Path, catalogue: UnitCatalogue) -> None:
    lines = [
        "1. Cục Báo chí:",
        "- Về báo chí:",
        "+ Việc a.",
        "+ Việc b. Thời hạn: tháng 4/2020.",
        "- Việc c gồm:",
        "- Việc d.",
        "+ chi tiết của việc d.",
        "1. Cục Tin học hóa: Việc e trên cùng dòng tiêu đề.",
    ]
    tasks = _read(tmp_path, catalogue, lines).tasks
    assert [(t.unit, t.content, t.due_on) for t in tasks] == [
        ("Cục Báo chí", "Về báo chí: Việc a.", None),
        ("Cục Báo chí", "Về báo chí: Việc b.", dt.date(2020, 4, 29)),
        ("Cục Báo chí", "Việc d. chi tiết của việc d.", None),
        ("Cục Tin học hóa", "Việc e trên cùng dòng tiêu đề.", None),
    ]


def test_a_numbered_sentence_is_a_task_not_a_heading(
    tmp_path: Path, catalogue: UnitCatalogue
) -> None:
    lines = [
        "I. Lĩnh vực Viễn thông",
        "1. Cục Viễn thông xây dựng văn bản hướng dẫn.",
        "2. Vụ Bưu chính rà soát quy hoạch. Thời hạn: trong năm 2020.",
    ]
    tasks = _read(tmp_path, catalogue, lines).tasks
    assert [(t.unit, t.content, t.due_on) for t in tasks] == [
        ("Cục Viễn thông", "Cục Viễn thông xây dựng văn bản hướng dẫn.", None),
        ("Vụ Bưu chính", "Vụ Bưu chính rà soát quy hoạch.", dt.date(2020, 12, 31)),
    ]


def test_an_impossible_deadline_is_kept_and_explained(
    tmp_path: Path, catalogue: UnitCatalogue
) -> None:
    lines = ["1. Cục Viễn thông:", "- Việc một. Thời hạn: 31/2/2020.", "- Việc hai."]
    notice = _read(tmp_path, catalogue, lines)
    first = notice.tasks[0]
    assert (first.due_text, first.due_on) == ("31/2/2020", None)
    assert first.due_problem == "Ngày 31/2/2020 không có thật: tháng 2 năm 2020 có 29 ngày."
    assert notice.problems == (
        "Nhiệm vụ 1: Ngày 31/2/2020 không có thật: tháng 2 năm 2020 có 29 ngày.",
    )


def test_the_office_rules_reach_the_tasks(tmp_path: Path, catalogue: UnitCatalogue) -> None:
    lines = ["1. Cục Viễn thông:", "- Việc một. Thời hạn: trước tháng 6/2020."]
    rules = DeadlineRules(before_period="end")
    (task,) = _read(tmp_path, catalogue, lines, rules=rules).tasks
    assert task.due_on == dt.date(2020, 6, 30)


@pytest.mark.parametrize(
    "lines",
    [
        [],
        ["THÔNG BÁO", "Kết luận của Bộ trưởng", "Bộ trưởng đánh giá cao kết quả đạt được."],
        ["I. Lĩnh vực Bưu chính", "Bộ trưởng đánh giá cao kết quả đạt được."],
    ],
)
def test_no_recognisable_task(tmp_path: Path, catalogue: UnitCatalogue, lines: list[str]) -> None:
    path = write_notice_docx(tmp_path / "tb.docx", lines)
    with pytest.raises(DomainError) as caught:
        read_notice_docx(path, catalogue)
    assert str(caught.value) == (
        "Không tìm thấy nhiệm vụ nào trong thông báo: cần các mục giao việc cho đơn vị, "
        "ví dụ «1. Cục Viễn thông:» rồi các dòng «- …», hoặc «- Cục Viễn thông xây dựng …»."
    )


def test_paragraphs_without_a_file(catalogue: UnitCatalogue) -> None:
    notice = parse_notice(
        ["1. Văn phòng Bộ:", "- Tổng hợp báo cáo. Thời hạn: tuần 10/2020"], catalogue
    )
    assert [(t.unit_code, t.due_on) for t in notice.tasks] == [("VP", dt.date(2020, 3, 6))]


def test_files_that_are_no_notice(tmp_path: Path, catalogue: UnitCatalogue) -> None:
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportFailed, match="bị hỏng hoặc không đầy đủ"):
        read_notice_docx(broken, catalogue)
    sheet = tmp_path / "bang.docx"
    workbook = openpyxl.Workbook()
    workbook.save(sheet)
    with pytest.raises(ImportFailed, match=r"^Tệp «bang.docx»: đây là tệp Excel"):
        read_notice_docx(sheet, catalogue)
    pdf = tmp_path / "tb.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    with pytest.raises(ImportFailed, match="đây là tệp PDF"):
        read_notice_docx(pdf, catalogue)


def test_a_merged_header_cell_is_read_once(tmp_path: Path, catalogue: UnitCatalogue) -> None:
    path = write_notice_docx(tmp_path / "tb.docx", ["1. Cục Viễn thông:", "- Làm A."], HEADER)
    document = docx.Document(str(path))
    row = document.tables[0].rows[0]
    row.cells[0].merge(row.cells[1]).text = "BỘ THÔNG TIN VÀ TRUYỀN THÔNG"
    document.save(str(path))
    assert read_docx_paragraphs(path)[:2] == ["BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: 123/TB-BTTTT"]
    assert read_notice_docx(path, catalogue).number == "123/TB-BTTTT"


def test_capitals_letters_and_a_bracketed_deadline(
    tmp_path: Path, catalogue: UnitCatalogue
) -> None:
    lines = [
        "II. LĨNH VỰC VIỄN THÔNG",
        "1. CỤC VIỄN THÔNG:",
        "a) Xây dựng quy hoạch (thời hạn: tháng 6/2020).",
        "b) Rà soát giá cước, thời gian hoàn thành trong tháng 8/2023; báo cáo Bộ trưởng.",
        "c) Lập đề án (Thời hạn: quý I/2024). Trình Bộ trưởng.",
        "d) Sửa nghị định, thời hạn trước tháng 9 năm 2023. Báo cáo kết quả",
    ]
    tasks = _read(tmp_path, catalogue, lines).tasks
    assert [(t.field, t.unit, t.content, t.due_text, t.due_on) for t in tasks] == [
        (
            "LĨNH VỰC VIỄN THÔNG",
            "Cục Viễn thông",
            "Xây dựng quy hoạch.",
            "tháng 6/2020",
            dt.date(2020, 6, 30),
        ),
        (
            "LĨNH VỰC VIỄN THÔNG",
            "Cục Viễn thông",
            "Rà soát giá cước; báo cáo Bộ trưởng.",
            "trong tháng 8/2023",
            dt.date(2023, 8, 31),
        ),
        (
            "LĨNH VỰC VIỄN THÔNG",
            "Cục Viễn thông",
            "Lập đề án. Trình Bộ trưởng.",
            "quý I/2024",
            dt.date(2024, 3, 29),
        ),
        (
            "LĨNH VỰC VIỄN THÔNG",
            "Cục Viễn thông",
            "Sửa nghị định. Báo cáo kết quả.",
            "trước tháng 9 năm 2023",
            dt.date(2023, 8, 31),
        ),
    ]


def test_a_deadline_on_its_own_line_belongs_to_the_item_above(
    tmp_path: Path, catalogue: UnitCatalogue
) -> None:
    lines = [
        "1. Văn phòng Bộ:",
        "- Xây dựng kế hoạch làm việc với địa phương.",
        "Thời hạn: tháng 3/2020.",
        "- Tổng hợp báo cáo.",
    ]
    tasks = _read(tmp_path, catalogue, lines).tasks
    assert [(t.content, t.due_text, t.due_on) for t in tasks] == [
        ("Xây dựng kế hoạch làm việc với địa phương.", "tháng 3/2020", dt.date(2020, 3, 31)),
        ("Tổng hợp báo cáo.", "", None),
    ]


def test_a_numbered_heading_outside_the_catalogue(tmp_path: Path, catalogue: UnitCatalogue) -> None:
    lines = [
        "VII. Các nhiệm vụ khác",
        "1. Cục Viễn thông:",
        "- Việc một.",
        "2. Các doanh nghiệp viễn thông:",
        "- Việc hai.",
    ]
    tasks = _read(tmp_path, catalogue, lines).tasks
    assert [(t.unit, t.unit_code, t.content) for t in tasks] == [
        ("Cục Viễn thông", "CVT", "Việc một."),
        ("Các doanh nghiệp viễn thông", None, "Việc hai."),
    ]
