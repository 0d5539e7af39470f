"""Báo cáo tình hình thực hiện thông báo kết luận: one notice's tasks as the record stood on a day.

"As of D" is what the register said on day D, never today's state: a task is done as of D
when its lead unit reported it done (a progress report marked done, dated on or before D);
otherwise it is open, and overdue as of D when its due date is before D. The unit's report
shown is the task's latest progress report dated on or before D. Tasks registered after D
(received after D) are not listed; the report says how many it covers and how many it leaves
out. Units are those the tasks have now (a task moved to another unit shows the new one), and
withdrawn tasks are not listed. D defaults to today and may not be in the future.

The report is written as DOCX (Decree 30/2020 layout, landscape for the task table:
report_docx.py) or XLSX (report_xlsx.py), whole or not at all, and recorded in the audit log
as an export. Phone and ID numbers in the tasks and the units' reports are masked in the file,
as in every other export (Decree 13/2023); the screen shows them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from db import documents as docs
from db import task_report as sql
from db import tasks as repo
from db.models import IncomingDocument
from db.text import clean, fold
from desktop.core import audit, permissions
from desktop.core import vocabulary as vocab
from desktop.core.errors import DomainError
from desktop.core.files import check_writable
from desktop.core.letters.kinds import DOCUMENT_TYPES, agency_in_text, default_signer
from desktop.core.letters.model import Letter
from desktop.core.privacy import masked_or_not
from desktop.core.session import Session
from desktop.core.vocabulary import TASK_STATUS_LABELS

DONE, OPEN, OVERDUE = "done", "open", "overdue"
STATE_LABELS = {
    DONE: TASK_STATUS_LABELS["answered"],  # Đã hoàn thành
    OPEN: TASK_STATUS_LABELS["assigned"],  # Đang thực hiện
    OVERDUE: "Quá hạn",
}
AUDIT_KIND = "notice_report"
FORMATS = (".docx", ".xlsx")
HEADINGS = ("1. Kết quả chung", "2. Tình hình thực hiện từng nhiệm vụ")
REPORT_COPIES = ("Bộ trưởng (để báo cáo)", "Các Thứ trưởng", "Các đơn vị có nhiệm vụ", "Lưu: VT")


@dataclass(frozen=True)
class NoticeReportRow:
    """One task of the report, as of the report's day."""

    task_id: int
    ordinal: int  # STT in the report
    field: str
    content: str
    lead_unit: str
    support_units: tuple[str, ...]
    due_text: str  # the deadline as the notice wrote it
    due_on: dt.date | None  # as computed (working days)
    state: str  # DONE, OPEN or OVERDUE as of the day
    status: str  # the state in Vietnamese
    done_on: dt.date | None  # when done, if done by the day
    late: bool  # done after its due date, or open past it as of the day
    days_late: int  # working days past due (done late, or overdue as of the day)
    report: str  # the latest progress report dated on or before the day
    report_on: dt.date | None
    report_unit: str


@dataclass(frozen=True)
class ReportCounts:
    """Tổng hợp: total = done + open + overdue; done_late is part of done."""

    total: int
    done: int
    done_late: int
    open: int
    overdue: int
    later: int  # tasks of the notice registered after the day: not in the report


@dataclass(frozen=True)
class NoticeReport:
    """The report of one notice as of a day: the notice, its tasks then, their counts."""

    document_id: int
    number: str
    issued_on: dt.date | None
    title: str
    name: str  # "Thông báo kết luận số 05/TB-BTTTT ngày 05/03/2020" or "… kết luận của …"
    received_on: dt.date
    incoming_no: int
    year: int
    as_of: dt.date
    rows: tuple[NoticeReportRow, ...]
    counts: ReportCounts

    @property
    def subject(self) -> str:
        """`Báo cáo tình hình thực hiện Thông báo kết luận số …`."""
        return f"Báo cáo tình hình thực hiện {self.name}"


def _kind_name(kind: str, number: str) -> str:
    """`Thông báo kết luận`, `Chỉ thị`, `Công văn`: what the notice is, as a sentence says it."""
    written = clean(kind).lower()
    if not written:
        symbol = number.partition("/")[2].split("-")[0]
        written = DOCUMENT_TYPES.get(symbol, "Công văn" if symbol else "Thông báo").lower()
    if fold(written).startswith("thong bao"):
        return "Thông báo kết luận"
    return written[:1].upper() + written[1:]


def notice_name(
    kind: str, number: str, issued_on: dt.date | None, title: str, fallback: str = ""
) -> str:
    """How the report names the notice: by its number and date, else by its title."""
    kind_name = _kind_name(kind, clean(number))
    if clean(number):
        name = f"{kind_name} số {clean(number)}"
        return f"{name} ngày {issued_on:%d/%m/%Y}" if issued_on else name
    title = clean(title).rstrip(".")
    if not title:
        return f"{kind_name} {fallback}".strip()
    # "Thông báo kết luận" + "Kết luận của Bộ trưởng …" says "kết luận" once.
    head = " ".join(kind_name.split()[-2:])
    if fold(title).startswith(fold(head)) and fold(kind_name).endswith(fold(head)):
        title = title[len(head) :].lstrip(" :,")
    return f"{kind_name} {title}"


def _document(session: Session, document_id: int) -> IncomingDocument:
    found = docs.get_document(session.store, document_id)
    if found is None:
        raise DomainError(f"Không có văn bản đến mã {document_id}.")
    return found


def _as_of(session: Session, as_of: dt.date | None) -> dt.date:
    today = session.today()
    if as_of is not None and as_of > today:
        raise DomainError(
            f"Ngày báo cáo {as_of:%d/%m/%Y} ở tương lai (hôm nay là {today:%d/%m/%Y}):"
            " chỉ báo cáo được tình hình đến hôm nay hoặc một ngày đã qua."
        )
    return as_of or today


def _row(
    session: Session, n: int, task: repo.TaskRow, seen: sql.ProgressAsOf, day: dt.date
) -> NoticeReportRow:
    due = task.due_on
    if seen.done_on is not None:
        state = DONE
        late = due is not None and seen.done_on > due
        days = session.calendar.working_days_between(due, seen.done_on) if late and due else 0
    else:
        late = due is not None and due < day
        state = OVERDUE if late else OPEN
        days = session.calendar.working_days_between(due, day) if late and due else 0
    return NoticeReportRow(
        task_id=task.id,
        ordinal=n,
        field=task.field,
        content=task.content,
        lead_unit=task.lead_unit,
        support_units=task.support_units,
        due_text=task.due_text,
        due_on=due,
        state=state,
        status=STATE_LABELS[state],
        done_on=seen.done_on,
        late=late,
        days_late=days,
        report=seen.report_text,
        report_on=seen.report_on,
        report_unit=seen.report_unit,
    )


def notice_report(session: Session, document_id: int, as_of: dt.date | None = None) -> NoticeReport:
    """The report of notice `document_id` as the record stood on `as_of` (default today)."""
    permissions.require(session, "view")
    day = _as_of(session, as_of)
    document = _document(session, document_id)
    where = f"Văn bản đến mã {document_id} (số đến {document.incoming_no}/{document.year})"
    tasks = repo.task_rows(session.store, repo.TaskFilter(document_id=document_id))
    if not tasks:
        raise DomainError(
            f"{where} không phải thông báo giao nhiệm vụ: văn bản này không có nhiệm vụ nào"
            " để báo cáo."
        )
    if day < document.received_on:
        raise DomainError(
            f"{where} vào sổ ngày {document.received_on:%d/%m/%Y}, sau ngày báo cáo"
            f" {day:%d/%m/%Y}: đến ngày đó chưa có nhiệm vụ nào của văn bản này."
        )
    listed = [t for t in tasks if t.received_on <= day]
    seen = sql.progress_as_of(session.store, [t.id for t in listed], day)
    rows = tuple(_row(session, n, t, seen[t.id], day) for n, t in enumerate(listed, 1))
    done = [r for r in rows if r.state == DONE]
    counts = ReportCounts(
        total=len(rows),
        done=len(done),
        done_late=sum(r.late for r in done),
        open=sum(r.state == OPEN for r in rows),
        overdue=sum(r.state == OVERDUE for r in rows),
        later=len(tasks) - len(listed),
    )
    header = repo.get_notice(session.store, document_id) or repo.NoticeHeader()
    title = header.title or document.summary
    fallback = f"(số đến {document.incoming_no}/{document.year})"
    return NoticeReport(
        document_id=document_id,
        number=document.sender_ref,
        issued_on=document.sender_date,
        title=title,
        name=notice_name(header.kind, document.sender_ref, document.sender_date, title, fallback),
        received_on=document.received_on,
        incoming_no=document.incoming_no,
        year=document.year,
        as_of=day,
        rows=rows,
        counts=counts,
    )


def counts_sentence(report: NoticeReport) -> str:
    """The summary in one sentence, as the report and the command line say it."""
    c, day = report.counts, f"{report.as_of:%d/%m/%Y}"
    text = (
        f"Tính đến ngày {day}, {c.total} nhiệm vụ: đã hoàn thành {c.done}"
        f" (trong đó {c.done_late} hoàn thành sau hạn), đang thực hiện trong hạn {c.open},"
        f" quá hạn {c.overdue}."
    )
    if c.later:
        text += f" {c.later} nhiệm vụ vào sổ sau ngày {day} không tính trong báo cáo này."
    return text


def report_letter(session: Session) -> Letter:
    """The report's header and signature block: agency, number `Số:      /BC-…`, signer."""

    def setting(key: vocab.SettingKey[str]) -> str:
        return clean(vocab.read_setting(session.store, key))

    agency, code = setting(vocab.AGENCY_NAME), setting(vocab.AGENCY_CODE)
    if not agency or not code:
        raise DomainError("Chưa cài đặt tên và mã cơ quan (Cài đặt → Cơ quan).")
    signer = default_signer(session)
    return Letter(
        agency=agency,
        symbol=f"BC-{code}",  # Decree 30, Appendix III: a report is `50/BC-BTTTT`
        subject="",
        recipients=(),
        body=(),
        signer_authority=signer.authority,
        signer_title=signer.title,
        signer_name=signer.name,
        copies=REPORT_COPIES,
        place=setting(vocab.PLACE) or vocab.LETTER_PLACE_UNSET,
    )


def report_intro(session: Session, report: NoticeReport) -> tuple[str, ...]:
    """The paragraphs before the task table."""
    agency = agency_in_text(vocab.read_setting(session.store, vocab.AGENCY_NAME))
    received = f"{report.received_on:%d/%m/%Y}"
    return (
        f"Thực hiện {report.name} (vào sổ văn bản đến số {report.incoming_no}/{report.year}"
        f" ngày {received}), {agency or 'cơ quan'} báo cáo tình hình thực hiện các nhiệm vụ"
        f" được giao tính đến ngày {report.as_of:%d/%m/%Y} như sau:",
        HEADINGS[0],
        counts_sentence(report),
        HEADINGS[1],
    )


def _masked(report: NoticeReport) -> NoticeReport:
    rows = tuple(
        dataclasses.replace(
            r,
            content=masked_or_not(r.content, masked=True),
            report=masked_or_not(r.report, masked=True),
        )
        for r in report.rows
    )
    return dataclasses.replace(report, rows=rows)


def check_destination(session: Session, dest: Path) -> str:
    """Refuse before any work a file name, right or folder the report cannot be written to."""
    suffix = dest.suffix.lower()
    if suffix not in FORMATS:
        raise DomainError(f"Tệp báo cáo phải có đuôi .docx hoặc .xlsx (được «{dest.name}»).")
    permissions.require(session, "reports")
    audit.check_recordable(session)
    check_writable(dest)  # before the work, as the registers do
    return suffix


def save_report(session: Session, report: NoticeReport, dest: Path) -> Path:
    """Write a report already read (what the screen shows is what is written), recorded."""
    dest = Path(dest)
    suffix = check_destination(session, dest)
    printed = _masked(report)
    # Imported here: python-docx and openpyxl cost start-up time the other screens save.
    if suffix == ".docx":
        from desktop.core.tasks.report_docx import report_docx

        data = report_docx(
            printed, report_letter(session), report_intro(session, printed), session.today()
        )
    else:
        from desktop.core.tasks.report_xlsx import report_xlsx

        data = report_xlsx(printed)
    audit.write_recorded(
        session, dest, data, kind=AUDIT_KIND, rows=len(report.rows), masked=True,
        period=(report.received_on, report.as_of),  # the notice received, to the day
        filters={"document_id": report.document_id, "as_of": report.as_of.isoformat()},
    )  # fmt: skip
    return dest


def write_notice_report(
    session: Session, document_id: int, dest: Path, *, as_of: dt.date | None = None
) -> Path:
    """Write the notice's report as of `as_of` to `dest` (.docx or .xlsx) whole, recorded."""
    check_destination(session, Path(dest))  # a wrong name or right is said before any reading
    return save_report(session, notice_report(session, document_id, as_of), dest)
