"""Builders for petition files (DOCX and XLSX) shaped like what a ministry really receives.

Shared by the importer, database and CLI tests: every builder writes the file at the path it is
given and returns that path. `write_vpcp_docx` reproduces seed 000 (Government Office letter
5606/VPCP-QHĐP of 10/07/2020 and its attached table of six petitions) with switches for the shapes
seen in practice; `write_petition_docx` and `write_petitions_xlsx` take any header and rows.

Cell values: a string; a sequence of strings (DOCX: one paragraph each; XLSX: joined with "\\n");
None for an empty cell; MERGED for a cell that continues the merged cell above it (real
`<w:vMerge/>` XML in DOCX, a merged range in XLSX).
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import docx
import openpyxl
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from openpyxl.utils import get_column_letter


class _Merged:
    """Sentinel type: the cell continues the merged cell above it."""

    def __repr__(self) -> str:
        return "MERGED"


MERGED = _Merged()
CellValue = Any  # str | Sequence[str] | None | MERGED, plus date/int/float for XLSX

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


def seed_rows() -> list[list[CellValue]]:
    """Seed 000's six rows as [STT, origin, paragraphs]; Hải Phòng's STT is a lone nbsp."""
    return [[ordinal, origin, list(paragraphs)] for ordinal, origin, paragraphs in SEED_ROWS]


# ---- DOCX ------------------------------------------------------------------------------------


def write_petition_docx(
    path: Path,
    rows: Sequence[Sequence[CellValue]],
    *,
    header: Sequence[str] | None = SEED_HEADER,
    letter_head: tuple[Sequence[str], Sequence[str]] | None = None,
    before: Sequence[str] = (),
    annex: Sequence[str] = (),
    after: Sequence[str] = (),
    numbering_row: bool = False,
    header_flag: bool = False,
    repeat_header_after: int | None = None,
    trailing_empty_rows: int = 0,
) -> Path:
    """A DOCX: optional two-column letter heading table, paragraphs, then the petition table.

    `repeat_header_after=n` inserts a copy of the header (flagged w:tblHeader) after data row n;
    `header_flag` marks the first header row as repeating on each page.
    """
    document = docx.Document()
    if letter_head is not None:
        layout = document.add_table(rows=1, cols=2)
        for cell, lines in zip(layout.rows[0].cells, letter_head, strict=True):
            _fill(cell, list(lines))
    for text in (*before, *annex):
        document.add_paragraph(text)
    width = max([len(header or ())] + [len(r) for r in rows])
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    if header is not None:
        _add_row(table, header, flag=header_flag or repeat_header_after is not None)
    if numbering_row:
        _add_row(table, [f"({i + 1})" for i in range(width)])
    for index, row in enumerate(rows):
        _add_row(table, row)
        if header is not None and repeat_header_after == index + 1:
            _add_row(table, header, flag=True)
    for _ in range(trailing_empty_rows):
        _add_row(table, [None] * width)
    _apply_vmerge(table, [list(r) for r in rows], skip=_leading_rows(header, numbering_row))
    for text in after:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def write_vpcp_docx(
    path: Path,
    *,
    unaccented_headers: bool = False,
    numbering_row: bool = False,
    merged_origin_rows: int = 0,
    trailing_empty_rows: int = 0,
    repeat_header: bool = False,
    letter: Literal["table", "paragraphs", "none"] = "table",
    annex: bool = True,
    date_text: str = "ngày 10 tháng 7 năm 2020",
    reply_text: str = "trước ngày 15 tháng 09 năm 2020",
    rows: Sequence[Sequence[CellValue]] | None = None,
) -> Path:
    """Seed 000 as a DOCX, with switches for the table shapes clerks meet.

    `merged_origin_rows=n` merges Bến Tre's origin cell over n rows (Phú Yên, Thái Bình… then
    read as Bến Tre); `repeat_header` repeats the header (w:tblHeader) after the third row;
    `letter` puts the heading (agency, Số, V/v, place and date) in a layout table, in plain
    paragraphs, or leaves it out (metadata then comes from the "(Kèm theo …)" line only).
    """
    table_rows = [list(r) for r in (rows if rows is not None else seed_rows())]
    for index in range(2, 1 + merged_origin_rows):
        table_rows[index][1] = MERGED
    right = [*LETTER_HEAD_RIGHT[:-1], f"Hà Nội, {date_text}"]
    body = [line.replace("trước ngày 15 tháng 09 năm 2020", reply_text) for line in SEED_LETTER]
    annex_lines = (
        [ANNEX_TITLE, f"(Kèm theo Công văn số {SEED_REF} {date_text} của {SEED_SENDER})"]
        if annex
        else []
    )
    return write_petition_docx(
        path,
        table_rows,
        header=UNACCENTED_HEADER if unaccented_headers else SEED_HEADER,
        letter_head=(LETTER_HEAD_LEFT, right) if letter == "table" else None,
        before=[
            *(LETTER_HEAD_LEFT + tuple(right) if letter == "paragraphs" else ()),
            *body,
            *SEED_SIGNATURE,
        ],
        annex=annex_lines,
        numbering_row=numbering_row,
        repeat_header_after=3 if repeat_header else None,
        trailing_empty_rows=trailing_empty_rows,
    )


def _leading_rows(header: Sequence[str] | None, numbering_row: bool) -> int:
    return (header is not None) + numbering_row


def _fill(cell: _Cell, value: CellValue) -> None:
    """Write a value into a python-docx cell: one paragraph per line of a sequence."""
    if value is None or value is MERGED:
        paragraphs: list[str] = []
    else:
        paragraphs = [value] if isinstance(value, str) else [str(v) for v in value]
    first, *rest = paragraphs or [""]
    cell.paragraphs[0].text = first
    for text in rest:
        cell.add_paragraph(text)


def _add_row(table: Table, values: Sequence[CellValue], *, flag: bool = False) -> None:
    row = table.add_row()  # type: ignore[no-untyped-call]
    for cell, value in zip(
        row.cells, list(values) + [None] * (len(row.cells) - len(values)), strict=True
    ):
        _fill(cell, value)
    if flag:
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _apply_vmerge(table: Table, rows: list[list[CellValue]], *, skip: int) -> None:
    """Write real vMerge XML: restart on the cell above a MERGED run, bare <w:vMerge/> below."""
    trs = table._tbl.tr_lst
    data_trs = [tr for tr in trs[skip:] if not _is_header_copy(tr)]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not MERGED:
                continue
            below = data_trs[r].tc_lst[c].get_or_add_tcPr()
            below.get_or_add_vMerge()  # no w:val: "continue", as Word writes it
            top_r = r - 1
            while top_r >= 0 and rows[top_r][c] is MERGED:
                top_r -= 1
            if top_r < 0:
                continue  # nothing above: a stray continuation, as some converters write
            above = data_trs[top_r].tc_lst[c].get_or_add_tcPr()
            above.get_or_add_vMerge().set(qn("w:val"), "restart")


def _is_header_copy(tr: object) -> bool:
    trPr = tr.trPr  # type: ignore[attr-defined]
    return trPr is not None and trPr.find(qn("w:tblHeader")) is not None


# ---- XLSX ------------------------------------------------------------------------------------


def seed_xlsx_rows() -> list[list[CellValue]]:
    """Seed 000's rows for a sheet: [STT as int or None, origin, content with "\\n"]."""
    return [
        [int(o) if o.strip() else None, origin, "\n".join(paragraphs)]
        for o, origin, paragraphs in SEED_ROWS
    ]


def write_petitions_xlsx(
    path: Path,
    rows: Sequence[Sequence[CellValue]],
    *,
    header: Sequence[str] = XLSX_HEADER,
    header_row: int = 1,
    preamble: Sequence[str] = (),
    merges: Iterable[str] = (),
    sheet_title: str = "Kiến nghị",
    other_sheets: Sequence[str] = (),
    active: int = 0,
) -> Path:
    """An XLSX whose sheet has `preamble` lines in column A, the header at `header_row`, rows below.

    MERGED cells are merged with the cell above; `merges` adds ranges such as "A5:C5".
    `other_sheets` adds sheets holding a decoy table; `active` picks the sheet Excel opens on.
    """
    if len(preamble) >= header_row:
        raise ValueError("preamble must fit above the header row")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_title
    for offset, text in enumerate(preamble):
        sheet.cell(row=1 + offset, column=1, value=text)
    for col, name in enumerate(header, start=1):
        sheet.cell(row=header_row, column=col, value=name)
    ranges = list(merges)
    for r, row in enumerate(rows):
        sheet_row = header_row + 1 + r
        for c, value in enumerate(row, start=1):
            if value is MERGED:
                if r == 0 or rows[r - 1][c - 1] is not MERGED:
                    ranges.append(f"{get_column_letter(c)}{sheet_row - 1}")
                ranges[-1] = ranges[-1].split(":")[0] + f":{get_column_letter(c)}{sheet_row}"
                continue
            cell = sheet.cell(row=sheet_row, column=c, value=_xlsx_value(value))
            if isinstance(value, date | datetime):
                cell.number_format = "DD/MM/YYYY"
    for rng in ranges:
        sheet.merge_cells(rng)
    for title in other_sheets:
        decoy = workbook.create_sheet(title)
        decoy.append(["STT", "Địa phương", "Nội dung"])
        decoy.append([1, "Trang khác", "Không được nhập"])
    workbook.active = active
    workbook.save(str(path))
    return path


def _xlsx_value(value: CellValue) -> object:
    if value is None or isinstance(value, str | int | float | date | datetime):
        return value
    return "\n".join(str(v) for v in value)


# ---- damaging files --------------------------------------------------------------------------


def patch_zip(path: Path, member: str, old: bytes, new: bytes) -> Path:
    """Replace bytes inside one member of a ZIP (to plant what the libraries refuse to write)."""
    with tempfile.NamedTemporaryFile(delete=False, dir=path.parent, suffix=".tmp") as tmp:
        tmp_path = Path(tmp.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp_path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == member:
                if old not in data:
                    raise ValueError(f"{old!r} not in {member}")
                data = data.replace(old, new)
            dst.writestr(info, data)
    shutil.move(tmp_path, path)
    return path


def truncate_half(path: Path) -> Path:
    """Cut a file to half its bytes, like an interrupted download."""
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path
