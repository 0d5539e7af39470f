"""Chi tiết kiến nghị: the petition, its document, assignments, replies and full history, with
the buttons that route it, record its reply and mark a unit's part done."""

from __future__ import annotations

import datetime as dt
import html

from desktop.core import access
from desktop.core.dates import format_date, format_datetime
from desktop.core.letters.addressees import parties_line
from desktop.core.petitions import PetitionDetails, load_details
from desktop.core.session import Session
from desktop.core.types import StatusEvent
from desktop.core.vocabulary import ASSIGNABLE, REPLYABLE, STATUS_LABELS
from desktop.core.vocabulary import ASSIGNMENT_ROLE_LABELS as ROLE_LABELS
from desktop.ui.context import UiContext
from desktop.ui.dialogs import assign as assign_dialog
from desktop.ui.dialogs import complete_part as complete_dialog
from desktop.ui.dialogs import reply as reply_dialog
from desktop.ui.qt import (
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.widgets import signature_note
from desktop.ui.widgets.similar_panel import SimilarPanel

SIMILAR_TAB = "Kiến nghị tương tự"
SIMILAR_DELAY_MS = 200  # selection pauses shorter than this start no similarity search


def _e(text: object) -> str:
    return html.escape(str(text)).replace("\n", "<br>")


def _dmy(day: dt.date | None) -> str:
    return format_date(day)


def attachment_notes(d: PetitionDetails) -> str:
    """Why a file's words cannot be searched (damaged, no text, waiting for OCR), one a line."""
    notes = [f"<br><i>{_e(t.filename)}: không tìm được chữ trong tệp ({_e(t.reason)})</i>"
             for t in d.attachment_texts if t.state != "indexed"]  # fmt: skip
    return "".join(notes)


def render(d: PetitionDetails, signatures: str = "") -> str:
    """The pane's HTML (`signatures`: the attached PDFs' «Đã ký số» lines, once verified)."""
    p = d.petition
    out = [
        f"<h3>{_e(p.origin)}</h3>",
        _parties(d),
        f"<p><b>Trạng thái:</b> {_e(STATUS_LABELS[p.status])} &nbsp; "
        f"<b>Hạn xử lý:</b> {_dmy(p.due_on)} &nbsp; <b>Ngày nhận:</b> {_dmy(p.received_on)}</p>",
        f"<p>{_e(p.content)}</p>",
    ]
    if d.document:
        doc = d.document
        out.append(
            f"<h4>Văn bản đến số {doc.incoming_no}/{doc.year}</h4><p>{_e(doc.sender)}"
            f" {_e(doc.sender_ref)} ngày {_dmy(doc.sender_date)}<br>{_e(doc.summary)}"
            f"<br>Hạn trả lời: {_dmy(doc.reply_by)}</p>"
        )
        if d.attachments:
            files = ", ".join(f"{_e(a.filename)} ({a.size // 1024 or 1} KB)" for a in d.attachments)
            out.append(f"<p><b>Tệp đính kèm:</b> {files}{attachment_notes(d)}</p>")
        out.append(signatures)
    out.append("<h4>Giao xử lý</h4>")
    if d.assignments:
        out.append("<ul>")
        for a in d.assignments:
            done = f", hoàn thành {_dmy(a.completed_on)}" if a.completed_on else ""
            out.append(
                f"<li>{ROLE_LABELS[a.role]}: {_e(a.unit_name)} — hạn {_dmy(a.due_on)}{done}"
                + (f"<br><i>{_e(a.instructions)}</i>" if a.instructions else "")
                + "</li>"
            )
        out.append("</ul>")
    else:
        out.append("<p>Chưa giao đơn vị nào.</p>")
    out.append("<h4>Trả lời</h4>")
    if d.replies:
        for r in d.replies:
            ref = f" ({_e(r.letter_ref)})" if r.letter_ref else ""
            out.append(
                f"<p><b>{_dmy(r.replied_on)} — {_e(STATUS_LABELS[r.outcome])}</b>{ref}"
                f"<br>{_e(r.text)}</p>"
            )
    else:
        out.append("<p>Chưa có trả lời.</p>")
    out.append("<h4>Lịch sử</h4><ul>")
    for ev in d.events:
        change = (
            STATUS_LABELS.get(ev.to_status, ev.to_status)
            if ev.from_status != ev.to_status
            else "ghi chú"
        )
        out.append(f"<li>{_e(format_datetime(ev.at))} — {_e(ev.actor)}: {_e(change)}"
                   + (f" — {_e(ev.note)}" if ev.note else "") + _changes(d, ev)
                   + "</li>")  # fmt: skip
    out.append("</ul>")
    return "".join(out)


def _parties(d: PetitionDetails) -> str:
    who, via = parties_line(d.petition, d.parties, d.document)
    came = f" — <b>chuyển đến qua:</b> {_e(via)}" if via else ""
    return f"<p><b>Người kiến nghị:</b> {_e(who)}{came}</p>"


def _value(value: str | None) -> str:
    if value is None:
        return "<i>(trống)</i>"
    return "«" + _e(value if len(value) <= 300 else value[:299] + "…") + "»"


def _changes(d: PetitionDetails, ev: StatusEvent) -> str:
    """The fields a correction changed with this event, old → new."""
    lines = [f"{_e(c.label)}: {_value(c.old)} → {_value(c.new)}" for c in d.changes_with(ev)]
    return "".join(f"<br>&nbsp;&nbsp;{line}" for line in lines)


def _details_and_refusals(
    session: Session, petition_id: int
) -> tuple[PetitionDetails | None, dict[str, str | None]]:
    """The petition's details and what the signed-in user may not do to it (worker thread)."""
    details = load_details(session.store, petition_id)
    shown = [petition_id] if details is not None else []
    return details, {
        "assign": access.refusal(session, "assign"),
        "reply": access.refusal(session, "reply"),
        "complete_part": access.refusal(session, "complete_part", petition_ids=shown),
    }


class PetitionDetail(QWidget):
    """The detail pane beside the list; `show_petition(None)` clears it."""

    open_petition = Signal(int)  # a similar petition the clerk clicked, to select in the list

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.petition_id: int | None = None
        self.details: PetitionDetails | None = None
        # What the signed-in user's role may not do to the shown petition (the core's refusal
        # for each action, None when allowed), read with the details on the worker.
        self.refusals: dict[str, str | None] = {}
        # No shortcuts of their own: the main window binds Ctrl+G / Ctrl+R to the same dialogs
        # (open_assign/open_reply), and a second binding would make the keys ambiguous.
        self.assign_button = QPushButton("Giao xử lý… (Ctrl+G)")
        self.reply_button = QPushButton("Ghi trả lời… (Ctrl+R)")
        self.complete_button = QPushButton("Đơn vị hoàn thành… (Ctrl+H)")
        self.assign_button.clicked.connect(self.assign)
        self.reply_button.clicked.connect(self.reply)
        self.complete_button.clicked.connect(self.complete_part)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.assign_button, self.reply_button, self.complete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.similar = SimilarPanel(ctx, title="", openable=True, delay_ms=SIMILAR_DELAY_MS)
        self.similar.loaded.connect(self._similar_loaded)
        self.similar.use_answer.connect(self.use_answer)
        self.similar.open_petition.connect(self.open_petition)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.browser, "Chi tiết")
        self.tabs.addTab(self.similar, SIMILAR_TAB)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs)
        self._update_buttons()
        self.show_petition(None)

    def show_petition(self, petition_id: int | None) -> None:
        """Load and show one petition (off the UI thread)."""
        if petition_id != self.petition_id:
            self.details, self.refusals = None, {}
            self._update_buttons()
            self.tabs.setTabText(1, SIMILAR_TAB)  # the count of the previous one no longer holds
        self.petition_id = petition_id
        self.similar.show_similar_to([] if petition_id is None else [petition_id])
        if petition_id is None:
            self.browser.setHtml("<p><i>Chọn một kiến nghị để xem chi tiết.</i></p>")
            return
        self.ctx.runner.run_op(
            lambda session: _details_and_refusals(session, petition_id),
            self._loaded,
            key="detail",
            on_error=lambda message: self._failed(petition_id, message),
            changes=False,
        )

    def _failed(self, petition_id: int, message: str) -> None:
        if petition_id == self.petition_id:  # said in place; F5 or another row asks again
            self.details, self.refusals = None, {}
            self._update_buttons()
            self.browser.setHtml(
                f"<p><i>Không tải được chi tiết kiến nghị: {_e(message)}"
                " Nhấn F5 để thử lại.</i></p>"
            )

    def _loaded(self, answer: tuple[PetitionDetails | None, dict[str, str | None]]) -> None:
        details, refusals = answer
        if details is not None and details.petition.id != self.petition_id:
            return  # another petition was chosen while this one loaded
        self.details, self.refusals = details, refusals
        self._update_buttons()
        if details is None:
            self.browser.setHtml("<p><i>Kiến nghị không còn trong sổ.</i></p>")
        else:
            self.browser.setHtml(render(details))
            signature_note.check(self.ctx, self, details, self._signatures_checked)

    def _signatures_checked(self, petition_id: int, signatures: str) -> None:
        if signatures and self.details is not None and self.details.petition.id == petition_id:
            self.browser.setHtml(render(self.details, signatures))

    def _similar_loaded(self, count: int) -> None:
        self.tabs.setTabText(1, f"{SIMILAR_TAB} ({count})" if count else SIMILAR_TAB)

    def _update_buttons(self) -> None:
        d = self.details
        status = d.petition.status if d else None
        label = STATUS_LABELS.get(status, "") if status else ""
        can_assign, can_reply = status in ASSIGNABLE, status in REPLYABLE
        can_complete = d is not None and any(a.completed_on is None for a in d.assignments)
        why = f"Kiến nghị đang «{label}»." if label else "Chưa chọn kiến nghị."
        # What the role may not do is disabled too, with the core's own refusal as the reason
        # (read with the details: an answer handler never reads the store on the UI thread).
        role_assign = self.refusals.get("assign")
        role_reply = self.refusals.get("reply")
        role_complete = self.refusals.get("complete_part")
        self.assign_button.setEnabled(can_assign and role_assign is None)
        self.reply_button.setEnabled(can_reply and role_reply is None)
        self.complete_button.setEnabled(can_complete and role_complete is None)
        self.similar.set_use_allowed(can_reply and role_reply is None)
        self.assign_button.setToolTip(role_assign or ("" if can_assign else why))
        self.reply_button.setToolTip(role_reply or ("" if can_reply else why))
        self.complete_button.setToolTip(
            role_complete
            or ("" if can_complete else "Không có đơn vị nào đang xử lý kiến nghị này.")
        )

    def assign(self) -> bool:
        """Giao xử lý the shown petition; True when saved."""
        if self.petition_id is None:
            return False
        return assign_dialog.open_assign(self.ctx, self.window(), [self.petition_id])

    def reply(self) -> bool:
        """Ghi trả lời for the shown petition; True when saved."""
        if self.petition_id is None:
            return False
        return reply_dialog.open_reply(self.ctx, self.window(), [self.petition_id])

    def use_answer(self, text: str) -> bool:
        """Ghi trả lời for the shown petition, starting from an earlier answer; True when saved."""
        if self.petition_id is None or not self.reply_button.isEnabled():
            return False
        return reply_dialog.open_reply(self.ctx, self.window(), [self.petition_id], answer=text)

    def complete_part(self) -> bool:
        """Mark one unit's part of the shown petition done; True when saved."""
        if self.petition_id is None:
            return False
        return complete_dialog.open_complete_part(self.ctx, self.window(), self.petition_id)
