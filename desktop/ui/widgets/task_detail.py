"""Chi tiết nhiệm vụ: a task's whole content, its notice, units, deadline and progress reports."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from desktop.core import dispatch
from desktop.core.dates import format_date
from desktop.core.errors import KienNghiError
from desktop.core.session import Session
from desktop.core.tasks import ProgressReport, TaskRow
from desktop.core.tasks import progress as progress_of
from desktop.core.tasks import task as task_of
from desktop.core.tasks.notice_list import NoticeRef, notice_refs
from desktop.core.types import Assignment
from desktop.core.vocabulary import ASSIGNMENT_ROLE_LABELS as ROLE_LABELS
from desktop.core.vocabulary import TASK_STATUS_LABELS, is_overdue
from desktop.ui.context import UiContext
from desktop.ui.models.task_table_model import short_field
from desktop.ui.qt import QTextBrowser, QVBoxLayout, QWidget

EMPTY_TEXT = "Chọn một nhiệm vụ trong danh sách để xem nội dung, đơn vị và tiến độ."


@dataclass(frozen=True)
class TaskDetails:
    """What the pane shows of one task (read off the UI thread)."""

    task: TaskRow
    notice: NoticeRef | None
    assignments: list[Assignment]
    reports: list[ProgressReport]


def _e(text: object) -> str:
    return html.escape(str(text)).replace("\n", "<br>")


def _dmy(day: dt.date | None) -> str:
    return format_date(day)


def load(session: Session, task_id: int) -> TaskDetails:
    """One task with its notice, assignments and reports (on a worker's session)."""
    row = task_of(session, task_id)
    notices = notice_refs(session, [row.document_id] if row.document_id is not None else [])
    return TaskDetails(
        row,
        notices.get(row.document_id) if row.document_id is not None else None,
        dispatch.assignments_of(session.store, task_id),
        progress_of(session, task_id),
    )


def render(d: TaskDetails, today: dt.date) -> str:
    """The pane's HTML."""
    t = d.task
    late = is_overdue(t, today)
    due = _dmy(t.due_on) + (" <b style='color:#b00020'>(quá hạn)</b>" if late else "")
    out = [
        f"<h3>Nhiệm vụ mã {t.id}: {_e(TASK_STATUS_LABELS.get(t.status, t.status))}</h3>",
        f"<p>{_e(t.content)}</p>",
    ]
    if d.notice is not None:
        n = d.notice
        own = f"số {n.number}" + (f" ngày {format_date(n.issued_on)}" if n.issued_on else "") + ", "
        said = (own if n.number else "") + f"văn bản đến số {n.incoming_no}/{n.year}, nhận ngày"
        title = f"<br><i>{_e(n.title)}</i>" if n.title else ""
        out.append(f"<p><b>Thông báo:</b> {_e(said)} {format_date(n.received_on)}{title}</p>")
    support = "; ".join(t.support_units) or "—"
    out.append(
        f"<p><b>Lĩnh vực:</b> {_e(short_field(t.field) or '—')} &nbsp; <b>Chủ trì:</b>"
        f" {_e(t.lead_unit or '—')} &nbsp; <b>Phối hợp:</b> {_e(support)}<br>"
        f"<b>Thời hạn:</b> {_e(t.due_text or '(không ghi)')} &nbsp; <b>Hạn:</b> {due}"
        + (f" &nbsp; <b>Ngày hoàn thành:</b> {_dmy(t.done_on)}" if t.done_on else "")
        + "</p>"
    )
    if d.assignments:
        given = []
        for a in d.assignments:
            done = f", đã hoàn thành {_dmy(a.completed_on)}" if a.completed_on else ""
            given.append(
                f"{ROLE_LABELS.get(a.role, a.role)}: {_e(a.unit_name)}, hạn {_dmy(a.due_on)}{done}"
            )
        out.append("<p><b>Đơn vị được giao:</b><br>" + "<br>".join(given) + "</p>")
    out.append("<h4>Báo cáo tiến độ</h4>")
    if not d.reports:
        out.append("<p>Chưa có báo cáo tiến độ.</p>")
        return "".join(out)
    out.append(
        "<table border=1 cellspacing=0 cellpadding=3 width='100%'><tr><th>Ngày</th>"
        "<th>Đơn vị</th><th>Nội dung</th><th>Hoàn thành</th><th>Tệp</th></tr>"
    )
    for r in d.reports:
        out.append(
            f"<tr><td>{_dmy(r.reported_on)}</td><td>{_e(r.unit_name or '—')}</td>"
            f"<td>{_e(r.text)}</td><td align=center>{'✓' if r.done else ''}</td>"
            f"<td>{_e(', '.join(r.files))}</td></tr>"
        )
    out.append("</table>")
    return "".join(out)


class TaskDetail(QWidget):
    """The selected task, read in the background; answers for an older selection are dropped."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.task_id: int | None = None
        self.details: TaskDetails | None = None
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.browser.setPlainText(EMPTY_TEXT)

    def show_task(self, task_id: int | None) -> None:
        """Show a task (None empties the pane)."""
        self.task_id = task_id
        if task_id is None:
            self.details = None
            self.browser.setPlainText(EMPTY_TEXT)
            return

        def read(session: Session) -> TaskDetails | str:
            try:
                return load(session, task_id)
            except KienNghiError as exc:
                return str(exc)

        self.ctx.runner.run_op(
            read,
            lambda found: self._shown(task_id, found),
            key="task-detail",
            owner=self,
            on_error=lambda message: self._shown(task_id, message),
            changes=False,
        )

    def _shown(self, task_id: int, found: TaskDetails | str) -> None:
        if task_id != self.task_id:
            return
        if isinstance(found, str):
            self.details = None
            self.browser.setPlainText(f"Không đọc được nhiệm vụ mã {task_id}: {found}")
            return
        self.details = found
        self.browser.setHtml(render(found, self.ctx.session.today()))
