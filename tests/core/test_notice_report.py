"""The notice report as of a day (issue #11, part 4): what the record said then, never today's
state, as DOCX (read back with python-docx) and XLSX (read back with openpyxl)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from desktop.core import audit, tasks
from desktop.core.errors import DomainError
from desktop.core.letters.docx_render import SLACK_PT
from desktop.core.letters.text_metrics import text_width
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from desktop.core.tasks.report import STATE_LABELS, NoticeReport, NoticeReportRow, notice_name
from desktop.core.tasks.report_docx import CELL
from tests import accounts
from tests.conftest import Clock
from tests.notice_report_setup import (
    AFTER,
    BEFORE,
    DONE_LATE,
    DONE_ON_TIME,
    RECEIVED,
    SUBJECT,
    TODAY,
    UNDER_WAY,
    Seeded,
    docx_lines,
    docx_task_rows,
    seed_notice,
)

D = dt.date
accounts_template = accounts.accounts_template
accounts_db = accounts.accounts_db


@pytest.fixture
def seeded(session: Session, clock: Clock, tmp_path: Path) -> Seeded:
    return seed_notice(session, clock, tmp_path)


def row_of(report: NoticeReport, task_id: int) -> NoticeReportRow:
    return next(r for r in report.rows if r.task_id == task_id)


def counts(report: NoticeReport) -> tuple[int, int, int, int, int, int]:
    c = report.counts
    return (c.total, c.done, c.done_late, c.open, c.overdue, c.later)


# -- as of a day ------------------------------------------------------------------------------
def test_a_task_before_and_after_it_was_done(session: Session, seeded: Seeded) -> None:
    before = tasks.notice_report(session, seeded.document_id, BEFORE)
    late = row_of(before, seeded.late)
    assert (late.state, late.status, late.done_on, late.late) == ("overdue", "Quá hạn", None, True)
    assert (late.due_on, late.due_text, late.lead_unit) == (
        D(2020, 3, 13), "trong tuần 11/2020", "Cục Tin học hóa",
    )  # fmt: skip
    assert late.days_late == 1  # 16/03 is the first working day after the 13th (a Friday)
    assert (late.report, late.report_on, late.report_unit) == (
        UNDER_WAY, D(2020, 3, 10), "Cục Tin học hóa",
    )  # fmt: skip
    on_time = row_of(before, seeded.on_time)
    assert (on_time.state, on_time.done_on, on_time.late) == ("done", D(2020, 3, 12), False)
    assert on_time.report == DONE_ON_TIME
    # 40 tasks; task 7 done; task 6 and task 34 (due 06/03) overdue on the 16th.
    assert counts(before) == (40, 1, 0, 37, 2, 0)

    after = tasks.notice_report(session, seeded.document_id, AFTER)
    late = row_of(after, seeded.late)
    assert (late.state, late.status, late.done_on, late.late) == (
        "done", "Đã hoàn thành", D(2020, 3, 20), True,
    )  # fmt: skip
    assert late.days_late == 5 and (late.report, late.report_on) == (DONE_LATE, D(2020, 3, 20))
    assert counts(after) == (40, 2, 1, 37, 1, 0)


def test_the_record_of_that_day_not_todays_state(session: Session, seeded: Seeded) -> None:
    # Today task 6 is done; on the 12th it was open, within its deadline, and the report of
    # the 20th did not exist yet.
    assert tasks.task(session, seeded.late).status == "answered"
    on_12th = row_of(tasks.notice_report(session, seeded.document_id, D(2020, 3, 12)), seeded.late)
    assert (on_12th.state, on_12th.status, on_12th.late) == ("open", "Đang thực hiện", False)
    assert (on_12th.report, on_12th.report_on) == (UNDER_WAY, D(2020, 3, 10))
    on_9th = row_of(tasks.notice_report(session, seeded.document_id, D(2020, 3, 9)), seeded.late)
    assert (on_9th.report, on_9th.report_on, on_9th.done_on) == ("", None, None)


def test_a_report_dated_before_the_day_counts_whenever_typed(
    session: Session, seeded: Seeded
) -> None:
    task = seeded.task_ids[7]  # due 30/06/2020
    tasks.report_progress(
        session, task, "Đã xây dựng xong Trung tâm.", done=True, on=D(2020, 3, 11)
    )
    row = row_of(tasks.notice_report(session, seeded.document_id, D(2020, 3, 12)), task)
    assert (row.state, row.done_on) == ("done", D(2020, 3, 11))


def test_a_supporting_units_done_is_not_the_task_done(session: Session, seeded: Seeded) -> None:
    task = seeded.task_ids[1]  # Cục Viễn thông leads, Vụ Công nghệ thông tin supports
    tasks.report_progress(
        session, task, "Vụ CNTT đã xong phần việc.", done=True, unit="Vụ Công nghệ thông tin",
        on=D(2020, 3, 20),
    )  # fmt: skip
    row = row_of(tasks.notice_report(session, seeded.document_id, AFTER), task)
    assert (row.state, row.done_on) == ("open", None)
    assert (row.report, row.report_unit) == ("Vụ CNTT đã xong phần việc.", "Vụ Công nghệ thông tin")


def test_tasks_registered_after_the_day_are_not_listed(session: Session, seeded: Seeded) -> None:
    (added,) = tasks.add_tasks(
        session,
        [tasks.TaskInput("Báo cáo kết quả giao ban Quý I.", unit="THH", due_on=D(2020, 3, 31))],
        document_id=seeded.document_id,
        received_on=D(2020, 3, 10),
    )
    early = tasks.notice_report(session, seeded.document_id, D(2020, 3, 9))
    assert added not in [r.task_id for r in early.rows]
    assert counts(early) == (40, 0, 0, 39, 1, 1)  # task 34, due 06/03, overdue
    later = tasks.notice_report(session, seeded.document_id, D(2020, 3, 10))
    assert [r.task_id for r in later.rows][-1] == added and later.counts.later == 0
    assert counts(later)[0] == 41


def test_a_task_is_never_received_before_its_notice(session: Session, seeded: Seeded) -> None:
    with pytest.raises(DomainError, match="trước ngày đến của văn bản 05/03/2020"):
        tasks.add_tasks(
            session, [tasks.TaskInput("Việc khác.", unit="THH")],
            document_id=seeded.document_id, received_on=D(2020, 3, 4),
        )  # fmt: skip


def test_as_of_defaults_to_today(session: Session, seeded: Seeded) -> None:
    report = tasks.notice_report(session, seeded.document_id)
    assert report.as_of == TODAY
    # On 15/04 the five tasks due 31/03 ("tháng 3/2020") are overdue too, with task 34.
    assert counts(report) == (40, 2, 1, 32, 6, 0)


def test_the_notice_is_named_by_number_or_title() -> None:
    assert (
        notice_name("THÔNG BÁO", "05/TB-BTTTT", D(2020, 3, 5), "Kết luận của Bộ trưởng")
        == "Thông báo kết luận số 05/TB-BTTTT ngày 05/03/2020"
    )
    assert (
        notice_name("Thông báo", "", None, "Kết luận của Bộ trưởng tại Hội nghị giao ban.")
        == "Thông báo kết luận của Bộ trưởng tại Hội nghị giao ban"
    )
    assert notice_name("", "4324/VPCP-KSTT", None, "") == "Công văn số 4324/VPCP-KSTT"
    assert notice_name("", "", None, "", "(số đến 3/2020)") == "Thông báo kết luận (số đến 3/2020)"


# -- DOCX -------------------------------------------------------------------------------------
def test_docx_before_and_after(session: Session, seeded: Seeded, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.docx"
    assert tasks.write_notice_report(session, seeded.document_id, out, as_of=BEFORE) == out
    lines = docx_lines(out)
    assert "BÁO CÁO" in lines and "Số:      /BC-BTTTT" in lines
    assert "Hà Nội, ngày 15 tháng 4 năm 2020" in lines  # a draft is dated the day it is made
    assert any(" ".join(line.split()) == SUBJECT for line in lines)
    assert "(Tính đến ngày 16/03/2020)" in lines
    assert any("đã hoàn thành 1 (trong đó 0 hoàn thành sau hạn)" in line for line in lines)
    rows = docx_task_rows(out)
    assert sorted(rows) == list(range(1, 41))
    stt, content, units, deadline, status, done_on, report = rows[6]
    assert content.startswith("Hoàn thiện, trình Bộ trưởng") and units == "Chủ trì: Cục Tin học hóa"
    assert deadline == "trong tuần 11/2020\n(Hạn: 13/03/2020)"
    assert (status, done_on) == ("Quá hạn 1 ngày làm việc", "")
    assert report == f"Ngày 10/03/2020, Cục Tin học hóa: {UNDER_WAY}"
    assert rows[7][4:6] == ["Đã hoàn thành", "12/03/2020"]
    assert rows[2][3] == "Không ghi thời hạn" and rows[1][6] == "Chưa có báo cáo"
    assert rows[1][2] == "Chủ trì: Vụ Bưu chính\nPhối hợp: Tổng Công ty Bưu điện Việt Nam (VNPost)"

    tasks.write_notice_report(session, seeded.document_id, out, as_of=AFTER)  # replaced whole
    rows = docx_task_rows(out)
    assert rows[6][4:] == [
        "Đã hoàn thành (sau hạn 5 ngày làm việc)", "20/03/2020",
        f"Ngày 20/03/2020, Cục Tin học hóa: {DONE_LATE}",
    ]  # fmt: skip
    assert "(Tính đến ngày 25/03/2020)" in docx_lines(out)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_docx_layout(session: Session, seeded: Seeded, tmp_path: Path) -> None:
    out = tasks.write_notice_report(session, seeded.document_id, tmp_path / "r.docx", as_of=BEFORE)
    document = docx.Document(str(out))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert round(section.page_width.mm) == 297 and round(section.page_height.mm) == 210
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    table = next(t for t in document.tables if t.cell(0, 0).text == "STT")
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None  # on every page
    # Ruled by Word's "Table Grid" style, which LibreOffice draws too (it ignores direct rules).
    assert table.style is not None and table.style.name == "Table Grid"
    assert table._tbl.tblPr.find(qn("w:tblBorders")) is None
    borders = table.style.element.find(qn("w:tblPr")).find(qn("w:tblBorders"))
    assert {side.get(qn("w:val")) for side in borders} == {"single"}
    grid = [int(c.get(qn("w:w"))) / 20 for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert abs(sum(grid) - (297 - 45) / 25.4 * 72) < 2  # the text width of the page, in points
    room = [width - 2 * 57 / 20 - SLACK_PT for width in grid]  # less the cells' padding
    assert text_width("20/03/2020", CELL) < room[5]  # a date never wraps
    assert max(text_width(label, CELL) for label in STATE_LABELS.values()) < room[4]
    assert text_width("13/03/2020)", CELL) < room[3]  # "(Hạn: 13/03/2020)" breaks at the space
    fields = [r.cells[0].text for r in table.rows if len({c._tc for c in r.cells}) == 1]
    assert fields[:3] == [
        "Lĩnh vực Bưu chính", "Lĩnh vực Viễn thông", "Lĩnh vực Ứng dụng công nghệ thông tin",
    ]  # fmt: skip
    fonts = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts")[0]
    assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {
        "Times New Roman"
    }


# -- XLSX -------------------------------------------------------------------------------------
def xlsx_rows(path: Path) -> tuple[list[tuple[object, ...]], dict[str, object], object]:
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    summary = {r[2]: r[3] for r in rows[5:] if r[0] is None and r[2] is not None}
    return rows, summary, sheet


def test_xlsx_before_and_after(session: Session, seeded: Seeded, tmp_path: Path) -> None:
    out = tasks.write_notice_report(session, seeded.document_id, tmp_path / "r.xlsx", as_of=BEFORE)
    rows, summary, sheet = xlsx_rows(out)
    assert rows[0][0] == f"Báo cáo tình hình thực hiện {SUBJECT[len('Tình hình thực hiện ') :]}"
    assert str(rows[1][0]).startswith("Tính đến ngày 16/03/2020, 40 nhiệm vụ")
    assert rows[3][8] == "Tình trạng đến ngày 16/03/2020" and rows[3][0] == "STT"
    assert sheet.freeze_panes == "A5"
    tasks_rows = [r for r in rows[4:] if isinstance(r[0], int)]
    assert [r[0] for r in tasks_rows] == list(range(1, 41))
    late = tasks_rows[5]
    assert late[1] == seeded.late and late[4] == "Cục Tin học hóa"
    assert late[6:] == (
        "trong tuần 11/2020", dt.datetime(2020, 3, 13), "Quá hạn", None, 1,
        dt.datetime(2020, 3, 10), "Cục Tin học hóa", UNDER_WAY,
    )  # fmt: skip
    assert sheet.cell(row=10, column=8).number_format == "DD/MM/YYYY"  # a real date, shown so
    assert tasks_rows[1][6:8] == ("Không ghi thời hạn", None)
    assert summary == {
        "Tổng hợp đến ngày 16/03/2020": None, "Tổng số nhiệm vụ": 40, "Đã hoàn thành": 1,
        "Trong đó: hoàn thành sau hạn": 0, "Đang thực hiện trong hạn": 37, "Quá hạn": 2,
        "Vào sổ sau ngày 16/03/2020 (không tính)": 0,
    }  # fmt: skip

    tasks.write_notice_report(session, seeded.document_id, out, as_of=AFTER)
    rows, summary, _ = xlsx_rows(out)
    late = [r for r in rows[4:] if isinstance(r[0], int)][5]
    assert late[8:] == (
        "Đã hoàn thành", dt.datetime(2020, 3, 20), 5, dt.datetime(2020, 3, 20),
        "Cục Tin học hóa", DONE_LATE,
    )  # fmt: skip
    assert (summary["Đã hoàn thành"], summary["Trong đó: hoàn thành sau hạn"]) == (2, 1)
    assert summary["Quá hạn"] == 1


def test_files_mask_phone_numbers_the_screen_does_not(
    session: Session, seeded: Seeded, tmp_path: Path
) -> None:
    task = seeded.task_ids[7]
    tasks.report_progress(session, task, "Đầu mối: anh Nam, 0912 345 678.", on=D(2020, 3, 11))
    assert row_of(tasks.notice_report(session, seeded.document_id, BEFORE), task).report == (
        "Đầu mối: anh Nam, 0912 345 678."
    )
    out = tasks.write_notice_report(session, seeded.document_id, tmp_path / "r.xlsx", as_of=BEFORE)
    rows, _, _ = xlsx_rows(out)
    assert [r for r in rows if r[1] == task][0][13] == "Đầu mối: anh Nam, 0912 *** 678."
    out = tasks.write_notice_report(session, seeded.document_id, tmp_path / "r.docx", as_of=BEFORE)
    assert docx_task_rows(out)[8][6].endswith("anh Nam, 0912 *** 678.")


def test_the_export_is_recorded(session: Session, seeded: Seeded, tmp_path: Path) -> None:
    out = tasks.write_notice_report(session, seeded.document_id, tmp_path / "r.xlsx", as_of=BEFORE)
    (event,) = audit.exports(session)
    d = event.detail
    assert (d["kind"], d["file"], d["folder"], d["format"], d["rows"]) == (
        "notice_report", "r.xlsx", str(out.parent.resolve()), "xlsx", 40,
    )  # fmt: skip
    assert (d["from"], d["to"]) == ("2020-03-05", "2020-03-16")
    assert d["filters"] == {"document_id": seeded.document_id, "as_of": "2020-03-16"}
    assert audit.describe(event).startswith(
        "Báo cáo tình hình thực hiện thông báo kết luận, từ ngày 05/03/2020 đến ngày 16/03/2020:"
        " 40 dòng"
    )


# -- refusals ---------------------------------------------------------------------------------
def test_refusals_in_vietnamese_and_no_file(
    session: Session, seeded: Seeded, tmp_path: Path
) -> None:
    petitions = register_document(
        session,
        DocumentInput(received_on=RECEIVED, sender="UBND tỉnh Thái Bình", sender_ref="12/UBND"),
        [PetitionInput("UBND tỉnh Thái Bình", "Đề nghị hỗ trợ phủ sóng di động vùng biển.")],
    )
    out = tmp_path / "r.docx"
    cases = [
        (seeded.document_id, tmp_path / "r.pdf", None, "phải có đuôi .docx hoặc .xlsx"),
        (999_999, out, None, "Không có văn bản đến mã 999999."),
        (petitions.document_id, out, None, "không phải thông báo giao nhiệm vụ"),
        (seeded.document_id, out, D(2020, 4, 16), "Ngày báo cáo 16/04/2020 ở tương lai"),
        (seeded.document_id, out, D(2020, 3, 4), "vào sổ ngày 05/03/2020, sau ngày báo cáo"),
    ]
    for document_id, dest, day, message in cases:
        with pytest.raises(DomainError, match=message):
            tasks.write_notice_report(session, document_id, dest, as_of=day)
        assert list(tmp_path.glob("r.*")) == []
    with pytest.raises(DomainError, match="ở tương lai"):
        tasks.notice_report(session, seeded.document_id, D(2020, 4, 16))
    assert audit.exports(session) == []


def test_a_refused_report_leaves_the_old_file(
    session: Session, seeded: Seeded, tmp_path: Path
) -> None:
    out = tasks.write_notice_report(session, seeded.document_id, tmp_path / "r.docx", as_of=BEFORE)
    before = out.read_bytes()
    with pytest.raises(DomainError):
        tasks.write_notice_report(session, seeded.document_id, out, as_of=D(2021, 1, 1))
    assert out.read_bytes() == before


def test_an_officer_may_read_the_report_not_export_it(
    accounts_db: object, clock: Clock, tmp_path: Path
) -> None:
    from db import open_store
    from desktop.core.permissions import PermissionDenied
    from tests.accounts import signed_in

    store = open_store(accounts_db)
    try:
        seeded = seed_notice(Session(store, today=clock, system=True), clock, tmp_path)
        officer = signed_in(store, "cv_thh")
        assert tasks.notice_report(officer, seeded.document_id, BEFORE).counts.total == 40
        with pytest.raises(PermissionDenied, match="xuất sổ theo dõi"):
            tasks.write_notice_report(
                officer, seeded.document_id, tmp_path / "r.xlsx", as_of=BEFORE
            )
        assert not (tmp_path / "r.xlsx").exists()
    finally:
        store.close()
