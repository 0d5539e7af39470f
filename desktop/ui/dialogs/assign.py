"""Giao xử lý: route one or many petitions to a lead unit (chủ trì) and supporting units
(phối hợp), with a due date and the leadership's instructions (ý kiến chỉ đạo)."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core import dispatch, workflow
from desktop.core import petitions as pet
from desktop.core import reference as ref
from desktop.core.dates import format_date
from desktop.core.errors import DomainError
from desktop.core.session import Session
from desktop.core.types import Assignment
from desktop.core.vocabulary import ASSIGNMENT_ROLE_LABELS as ROLE_LABELS
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs.long_work import LongWork, Progress, run_long_work
from desktop.ui.dialogs.routing_common import (
    GuardedDialog,
    error_label,
    petitions_heading,
    set_error,
)
from desktop.ui.qt import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.widgets.date_edit import DateEdit
from desktop.ui.widgets.unit_picker import UnitChecklist, UnitLineEdit

CODE_ROLE = Qt.ItemDataRole.UserRole
ROLE_ROLE = Qt.ItemDataRole.UserRole + 1
# Above this many petitions the write runs off the UI thread with a progress bar and Cancel.
BULK_THRESHOLD = 50


class AssignDialog(GuardedDialog):
    """Giao xử lý for one petition (with its current assignments) or for several at once."""

    def __init__(
        self, ctx: UiContext, petition_ids: list[int], parent: QWidget | None = None
    ) -> None:
        n = len(petition_ids)
        title = "Giao xử lý kiến nghị" if n == 1 else f"Giao {n} kiến nghị"
        super().__init__(ctx, title, parent)
        self.petition_ids = list(petition_ids)
        self.seen = workflow.versions(ctx.session, self.petition_ids)
        self.work: LongWork[int] | None = None
        store, today = ctx.session.store, ctx.session.today()
        self.units = ref.units(store, valid_on=today)
        self.current: list[Assignment] = []
        p = pet.get_petition(store, petition_ids[0]) if n == 1 else None
        if p is not None:
            self.current = dispatch.assignments_of(store, p.id)

        heading = QLabel(f"<b>{title}</b>")
        about = QLabel(petitions_heading(store, self.petition_ids))
        about.setWordWrap(True)

        self.lead_edit = UnitLineEdit(self.units)
        self.completer = self.lead_edit.unit_completer
        self.lead_error = error_label()
        self.supports = UnitChecklist(
            self.units, [a.unit_code for a in self.current if a.role == "support"]
        )
        self.support_filter, self.support_list = self.supports.filter, self.supports.list

        self.due_edit = DateEdit()
        self.due_edit.setFixedWidth(150)
        self.due_error = error_label()
        due_hint = QLabel()
        due_hint.setWordWrap(True)
        if p is not None:
            self.due_edit.setDate(dispatch.suggested_due(ctx.session, p))
            due_hint.setText(
                f"Theo hạn hiện tại; mặc định {ctx.session.deadline_days} ngày làm việc."
            )
        else:
            due_hint.setText("Để trống: mỗi kiến nghị giữ hạn xử lý của mình.")
        # The petition's own date is not questioned (it may have passed already): a typed one is.
        self._initial_due = self.due_edit.date()
        self.instructions = QPlainTextEdit(placeholderText="Ý kiến chỉ đạo của lãnh đạo (nếu có)")
        self.instructions.setTabChangesFocus(True)
        self.instructions.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.addRow("Đơn vị &chủ trì:", self.lead_edit)
        form.addRow("", self.lead_error)
        form.addRow("Đơn vị &phối hợp:", self.supports)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due_edit)
        due_row.addWidget(due_hint, 1)
        due_label = QLabel("&Hạn xử lý:")
        due_label.setBuddy(self.due_edit)
        form.addRow(due_label, due_row)
        form.addRow("", self.due_error)
        form.addRow("Ý kiến chỉ đạ&o:", self.instructions)
        for label_for in (self.lead_edit, self.supports, self.due_edit, self.instructions):
            buddy = form.labelForField(label_for)
            if isinstance(buddy, QLabel):
                buddy.setBuddy(label_for)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(about)
        layout.addLayout(form)
        self.current_list: QListWidget | None = None
        self.withdraw_button: QPushButton | None = None
        if self.current:
            self._build_current(layout)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        if p is not None:
            lead = next((a for a in self.current if a.role == "lead"), None)
            self.lead_edit.setText(lead.unit_name if lead else "")
        self.supports.changed.connect(self._refresh_current)
        self._refresh_current()
        self.setTabOrder(self.lead_edit, self.support_filter)
        self.setTabOrder(self.support_filter, self.support_list)
        self.setTabOrder(self.support_list, self.due_edit.line)
        self.setTabOrder(self.due_edit.line, self.instructions)
        self.resize(640, self.sizeHint().height())
        self.lead_edit.setFocus()
        self.mark_clean()

    def _build_current(self, layout: QVBoxLayout) -> None:
        layout.addWidget(QLabel("<b>Đang giao</b> (bỏ chọn một đơn vị phối hợp để thôi giao):"))
        self.current_list = QListWidget()
        self.current_list.setFixedHeight(
            min(len(self.current), 4) * (self.fontMetrics().height() + 6) + 8
        )
        self.withdraw_button = QPushButton("&Thôi giao đơn vị phối hợp")
        self.withdraw_button.setEnabled(False)
        self.withdraw_button.setAutoDefault(False)  # Enter keeps meaning "Lưu"
        self.withdraw_button.clicked.connect(self._withdraw_selected)
        self.current_list.currentRowChanged.connect(lambda _row: self._update_withdraw())
        row = QHBoxLayout()
        row.addWidget(self.current_list, 1)
        row.addWidget(self.withdraw_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)

    # -- state ----------------------------------------------------------------------------------
    def checked_codes(self) -> list[str]:
        """Units ticked as phối hợp, in list order."""
        return self.supports.checked_codes()

    def snapshot(self) -> object:
        """Everything the clerk can change here."""
        return (
            self.lead_edit.text().strip(),
            tuple(self.checked_codes()),
            self.due_edit.line.text(),
            self.instructions.toPlainText().strip(),
        )

    def _refresh_current(self) -> None:
        if self.current_list is None:
            return
        checked = set(self.checked_codes())
        row = max(self.current_list.currentRow(), 0)
        self.current_list.clear()
        for a in self.current:
            done = f", hoàn thành {format_date(a.completed_on)}" if a.completed_on else ""
            text = f"{ROLE_LABELS[a.role]}: {a.unit_name} — hạn {format_date(a.due_on)}{done}"
            item = QListWidgetItem(text)
            item.setData(CODE_ROLE, a.unit_code)
            item.setData(ROLE_ROLE, a.role)
            if a.role == "support" and a.unit_code not in checked:
                item.setText(text + " — sẽ thôi giao")
                font = item.font()
                font.setStrikeOut(True)
                item.setFont(font)
            self.current_list.addItem(item)
        self.current_list.setCurrentRow(min(row, self.current_list.count() - 1))
        self._update_withdraw()

    def _update_withdraw(self) -> None:
        if self.current_list is None or self.withdraw_button is None:
            return
        item = self.current_list.currentItem()
        self.withdraw_button.setEnabled(
            item is not None
            and item.data(ROLE_ROLE) == "support"
            and str(item.data(CODE_ROLE)) in self.checked_codes()
        )

    def _withdraw_selected(self) -> None:
        if self.current_list is None or (item := self.current_list.currentItem()) is None:
            return
        self.supports.set_checked(str(item.data(CODE_ROLE)), False)

    # -- saving ---------------------------------------------------------------------------------
    def plan(self) -> dispatch.RoutingPlan | None:
        """The routing decision as typed, or None after showing what is wrong."""
        for label in (self.lead_error, self.due_error, self.error):
            set_error(label, "")
        lead_code = ""
        text = self.lead_edit.text().strip()
        if text:
            try:
                lead_code = self.lead_edit.unit_code(self.ctx.session)
            except DomainError as exc:
                set_error(self.lead_error, str(exc))
                self.lead_edit.setFocus()
                return None
        elif not any(a.role == "lead" for a in self.current):
            set_error(self.lead_error, "Chưa chọn đơn vị chủ trì.")
            self.lead_edit.setFocus()
            return None
        if not self.due_edit.is_valid():
            set_error(self.due_error, "Hạn xử lý không hợp lệ: nhập theo dạng dd/mm/yyyy.")
            self.due_edit.setFocus()
            return None
        if not self._due_accepted():
            self.due_edit.setFocus()
            return None
        assigned = {a.unit_code for a in self.current}
        checked = self.checked_codes()
        supporting = {a.unit_code for a in self.current if a.role == "support"}
        # A supporting unit made lead keeps its tick: apply_routing moves it from one role to
        # the other. A new unit ticked both ways is a slip to point out.
        if lead_code in checked and lead_code not in supporting:
            set_error(self.lead_error, "Đơn vị chủ trì đang được chọn cả làm phối hợp.")
            return None
        withdraw = tuple(
            a.unit_code for a in self.current if a.role == "support" and a.unit_code not in checked
        )
        return dispatch.RoutingPlan(
            lead=lead_code,
            supports=tuple(c for c in checked if c not in assigned),
            withdraw=withdraw,
            due_on=self.due_edit.date(),
            instructions=self.instructions.toPlainText(),
        )

    def _due_accepted(self) -> bool:
        """A typed due date already past is confirmed; one on a day off is offered the next
        working day (kept as typed when the clerk says no). False: the clerk goes back to it."""
        due = self.due_edit.date()
        if due is None or due == self._initial_due:
            return True
        session = self.ctx.session
        today = session.today()
        if due < today:
            return ask.confirm(
                self,
                "Hạn xử lý đã qua",
                f"Hạn xử lý {format_date(due)} đã qua (hôm nay là {format_date(today)}): kiến"
                " nghị sẽ quá hạn ngay khi giao. Vẫn giao với hạn này?",
            )
        calendar = session.calendar
        if calendar.is_working_day(due):
            return True
        kind = (
            "ngày nghỉ lễ"
            if calendar.is_holiday(due)
            else ("thứ Bảy" if due.weekday() == 5 else "Chủ nhật")
        )
        nearest = calendar.add_working_days(due, 1)
        if ask.confirm(
            self,
            "Hạn xử lý vào ngày nghỉ",
            f"Hạn xử lý {format_date(due)} là {kind}, không phải ngày làm việc. Dời sang ngày làm"
            f" việc kế tiếp, {format_date(nearest)}?",
        ):
            self.due_edit.setDate(nearest)
        return True

    def save(self) -> None:
        """Apply the decision to every petition, all or nothing."""
        if self.work is not None:
            return
        plan = self.plan()
        if plan is None:
            return
        if len(self.petition_ids) > BULK_THRESHOLD:
            self._save_in_background(plan)
            return
        ids, seen = list(self.petition_ids), self.seen
        self.write(lambda session: dispatch.apply_routing(session, ids, plan, seen=seen))

    def _save_in_background(self, plan: dispatch.RoutingPlan) -> None:
        ids, seen = self.petition_ids, self.seen

        def job(worker: Session, progress: Progress) -> int:
            return dispatch.apply_routing(worker, ids, plan, progress, seen=seen)

        self.work = run_long_work(
            self.ctx,
            self,
            f"Đang giao {len(ids)} kiến nghị",
            job,
            on_done=lambda _n: self.accept(),
            on_error=lambda msg: set_error(self.error, msg),
        )
        if self.work is None:
            return  # another long job runs: the clerk was told
        self.save_button.setEnabled(False)
        # LongWork says nothing when Cancel was pressed; `ended` covers every case.
        self.work.ended.connect(self._background_ended)

    def _background_ended(self) -> None:
        self.work = None
        self.save_button.setEnabled(True)


def open_assign(ctx: UiContext, parent: QWidget | None, petition_ids: Sequence[int]) -> bool:
    """Giao xử lý the given petitions; True when something was saved."""
    if not petition_ids:
        return False
    dialog = AssignDialog(ctx, list(petition_ids), parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
