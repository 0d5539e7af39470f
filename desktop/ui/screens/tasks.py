"""Nhiệm vụ: the register of tasks from conclusion notices and directives.

Filters always in view (unit, status, notice, overdue only); the grid marks overdue rows red as
the petition register does; the pane below shows the selected task with its progress reports.
Ctrl+Shift+N adds a task by hand, Ctrl+T records a progress report (báo cáo tiến độ), Ctrl+D
writes chase letters (đôn đốc) and Ctrl+Shift+B the report on a notice's tasks (báo cáo thực
hiện thông báo).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core import access, chasing, reference, unit_work
from desktop.core.session import Session
from desktop.core.tasks import TaskRow, tasks
from desktop.core.tasks.notice_list import NoticeRef, notice_refs, notices_with_tasks
from desktop.core.vocabulary import OPEN_STATUSES, TASK_STATUS_LABELS, TASK_STATUSES
from desktop.ui import rights, task_actions
from desktop.ui.context import UiContext
from desktop.ui.models.task_table_model import (
    COL_CONTENT,
    TaskTableModel,
    display_cells,
)
from desktop.ui.qt import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QPushButton,
    QShortcut,
    QSplitter,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.widgets.register_view import RegisterView
from desktop.ui.widgets.task_detail import TaskDetail

# Mã, thông báo, lĩnh vực, nội dung (stretches), chủ trì, phối hợp, thời hạn, hạn, trạng thái,
# ngày hoàn thành.
# At 1366 pixels the content keeps a quarter of the grid; its tooltip and the pane say it all.
COLUMN_WIDTHS = (36, 95, 110, 300, 140, 110, 130, 88, 110, 118)


@dataclass(frozen=True)
class _Page:
    rows: list[TaskRow]
    cells: list[tuple[str, ...]]
    notices: list[NoticeRef] | None  # the notice filter's choices, when asked for
    refusals: dict[str, str | None]  # the buttons' rights, read with the rows (not on the UI
    # thread: an answer may come in as the window closes its store)


def _refusals(session: Session, task_id: int | None) -> dict[str, str | None]:
    """Why each button's action is refused (None when allowed), for the task to be selected."""
    return {
        "register": access.refusal(session, "register"),
        "report_progress": access.refusal(
            session, "report_progress", petition_ids=[task_id] if task_id is not None else []
        ),
        "chase": chasing.refusal(session),
        "reports": access.refusal(session, "reports"),
    }


class TasksScreen(QWidget):
    """The task register; `loaded` after each reload (tests and the status line wait on it)."""

    loaded = Signal()

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.unit_box = QComboBox()
        self.unit_box.addItem("Mọi đơn vị", None)
        for u in reference.units(ctx.session.store, valid_on=ctx.session.today()):
            self.unit_box.addItem(u.name, u.code)
        own = unit_work.own_unit(ctx.session)  # a chuyên viên starts on their unit's tasks
        if own is not None and self.unit_box.findData(own.code) >= 0:
            self.unit_box.setCurrentIndex(self.unit_box.findData(own.code))
        self.status_box = QComboBox()
        self.status_box.addItem("Mọi trạng thái", None)
        for key in TASK_STATUSES:
            self.status_box.addItem(TASK_STATUS_LABELS[key], key)
        self.notice_box = QComboBox()
        self.notice_box.addItem("Mọi thông báo", None)
        self.overdue_box = QCheckBox("Chỉ quá hạn")
        self.add_button = QPushButton("Thêm nhiệm vụ… (Ctrl+Shift+N)")
        self.progress_button = QPushButton("Báo cáo tiến độ… (Ctrl+T)")
        self.chase_button = QPushButton("Đôn đốc… (Ctrl+D)")
        self.report_button = QPushButton("Báo cáo thực hiện thông báo… (Ctrl+Shift+B)")
        self.model = TaskTableModel()
        self.table = RegisterView(self.model)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        for col, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(col, width)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_CONTENT, QHeaderView.ResizeMode.Stretch)
        self.detail = TaskDetail(ctx)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setSizes([400, 330])
        self.status = QLabel()
        self._layout()
        self._token = 0
        self._want: int | None = None  # the task to select again after a reload
        self._arriving: dict[str, str | None] | None = None
        for box in (self.unit_box, self.status_box, self.notice_box):
            box.currentIndexChanged.connect(lambda _: self.reload())
        self.overdue_box.toggled.connect(lambda _: self.reload())
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._selected())
        self.add_button.clicked.connect(self.add_task)
        self.progress_button.clicked.connect(self.report_progress)
        self.chase_button.clicked.connect(self.chase)
        self.report_button.clicked.connect(self.notice_report)
        for keys, slot in (("Ctrl+Shift+N", self.add_task),
                           ("Ctrl+T", self.report_progress), ("Ctrl+D", self.chase),
                           ("Ctrl+Shift+B", self.notice_report)):  # fmt: skip
            QShortcut(QKeySequence(keys), self, slot, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        ctx.bus.changed.connect(self.refresh)
        self._gate()
        self.reload(notices=True)

    def _layout(self) -> None:
        filters = QHBoxLayout()
        for caption, box, width in (("Đơn &vị:", self.unit_box, 280),
                                    ("&Trạng thái:", self.status_box, 170),
                                    ("Thông &báo:", self.notice_box, 320)):  # fmt: skip
            label = QLabel(caption)
            label.setBuddy(box)
            box.setMaximumWidth(width)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(10)
            filters.addWidget(label)
            filters.addWidget(box, 1)
        filters.addWidget(self.overdue_box)
        filters.addStretch(0)
        actions = QHBoxLayout()
        for button in (self.add_button, self.progress_button, self.chase_button,
                       self.report_button):  # fmt: skip
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)

    # -- loading --------------------------------------------------------------------------------
    def reload(self, *, notices: bool = False) -> None:
        """Read the tasks under the filters again (and the notices to filter by, if asked)."""
        self._token += 1
        token = self._token
        unit, status = self.unit_box.currentData(), self.status_box.currentData()
        document_id, overdue = self.notice_box.currentData(), self.overdue_box.isChecked()
        current = self.selected_task_id()
        if current is not None:
            self._want = current
        want = self._want
        self.status.setText("Đang tải nhiệm vụ…")

        def page(session: Session) -> _Page:
            rows = tasks(session, unit=unit, status=status, overdue=overdue,
                         document_id=document_id)  # fmt: skip
            refs = notice_refs(session, [r.document_id for r in rows if r.document_id])
            choices = notices_with_tasks(session) if notices else None
            cells = [display_cells(r, refs) for r in rows]
            return _Page(rows, cells, choices, _refusals(session, want))

        self.ctx.runner.run_op(
            page,
            lambda result: self._arrived(token, result),
            key="tasks",
            owner=self,
            on_error=lambda message: self.status.setText(f"Không tải được nhiệm vụ: {message}"),
            changes=False,
        )

    def refresh(self) -> None:
        """After a write anywhere: the rows, the notices to choose from and the detail pane."""
        self.reload(notices=True)

    def _arrived(self, token: int, page: _Page) -> None:
        if token != self._token:
            return  # the filters changed since: a newer answer is on its way
        if page.notices is not None:
            self._set_notices(page.notices)
        self.model.set_rows(page.rows, page.cells, self.ctx.session.today())
        want = self._want
        row = self.model.row_of(want) if want is not None else None
        self._arriving = page.refusals  # what `_selected` gates by while the rows come in
        try:
            if row is not None:
                self.table.selectRow(row)
            else:
                self.detail.show_task(None)
            if row is not None:
                self.detail.show_task(want)  # reread: its progress may have changed
            self._update_status()
            self._gate(page.refusals if self.selected_task_id() in (want, None) else None)
        finally:
            self._arriving = None
        self.loaded.emit()

    def _set_notices(self, notices: list[NoticeRef]) -> None:
        chosen = self.notice_box.currentData()
        self.notice_box.blockSignals(True)  # the list is refilled, not a new choice
        self.notice_box.clear()
        self.notice_box.addItem("Mọi thông báo", None)
        for n in notices:
            self.notice_box.addItem(f"{n.label} (số đến {n.incoming_no}/{n.year})", n.document_id)
            last = self.notice_box.count() - 1
            self.notice_box.setItemData(last, n.title, Qt.ItemDataRole.ToolTipRole)
        found = self.notice_box.findData(chosen)
        self.notice_box.setCurrentIndex(max(found, 0))
        self.notice_box.blockSignals(False)

    def _update_status(self) -> None:
        n, late = self.model.rowCount(), self.model.overdue_count()
        if n == 0:
            self.status.setText(
                "Không có nhiệm vụ nào phù hợp. Nhập thông báo kết luận từ tệp (Ctrl+I)."
            )
            return
        said = f"{n} nhiệm vụ"
        self.status.setText(said + (f"; {late} quá hạn (chữ đỏ)." if late else "."))

    # -- selection and actions ------------------------------------------------------------------
    def selected_task_id(self) -> int | None:
        """The task of the current row."""
        index = self.table.currentIndex()
        return self.model.task_id(index.row()) if index.isValid() else None

    def selected_task(self) -> TaskRow | None:
        """The row of the selected task."""
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def _selected(self) -> None:
        task_id = self.selected_task_id()
        arriving = self._arriving if task_id == self._want else None
        self._want = task_id
        self.detail.show_task(task_id)
        self._gate(arriving)

    def chosen_notice(self) -> int | None:
        """The notice to report on: the one filtered by, else the selected task's."""
        chosen = self.notice_box.currentData()
        if chosen is not None:
            return int(chosen)
        row = self.selected_task()
        return row.document_id if row is not None else None

    def _gate(self, refusals: dict[str, str | None] | None = None) -> None:
        """The buttons for the selected task: by `refusals` read with the rows, else read now."""
        task_id = self.selected_task_id()
        refusals = refusals or _refusals(self.ctx.session, task_id)
        row = self.selected_task()
        if row is None:
            self.progress_button.setEnabled(False)
            self.progress_button.setToolTip("Chọn một nhiệm vụ trong danh sách trước.")
        elif row.status not in OPEN_STATUSES:
            self.progress_button.setEnabled(False)
            label = TASK_STATUS_LABELS.get(row.status, row.status).lower()
            self.progress_button.setToolTip(f"Nhiệm vụ {label}: không ghi báo cáo tiến độ thêm.")
        else:
            rights.show(self.progress_button, refusals["report_progress"])
        rights.show(self.add_button, refusals["register"])
        rights.show(self.chase_button, refusals["chase"], task_actions.CHASE_HINT)
        task_actions.show_report(self.report_button, self.chosen_notice(), refusals["reports"])

    def add_task(self) -> None:
        """Ctrl+Shift+N: a task typed by hand (a directive the reader cannot take); selected."""
        if not self.add_button.isEnabled():
            return
        from desktop.ui.dialogs.add_task import open_add_task

        added = open_add_task(self.ctx, self)
        if added:
            self._want = added[0]  # the reload the write started selects it

    def report_progress(self) -> None:
        """Ctrl+T: a progress report on the selected task."""
        task_id = self.selected_task_id()
        if task_id is None or not self.progress_button.isEnabled():
            self.status.setText("Chọn nhiệm vụ cần ghi báo cáo tiến độ trước.")
            return
        from desktop.ui.dialogs.progress import open_progress

        open_progress(self.ctx, self, task_id)

    def chase(self) -> None:
        """Ctrl+D: chase letters (đôn đốc) for overdue work."""
        if self.chase_button.isEnabled():
            task_actions.open_chase(self.ctx, self)

    def notice_report(self) -> None:
        """Ctrl+Shift+B: the report on the chosen notice's tasks."""
        document_id = self.chosen_notice()
        if document_id is None or not self.report_button.isEnabled():
            self.status.setText("Chọn thông báo (ô Thông báo) hoặc một nhiệm vụ của nó trước.")
            return
        task_actions.open_notice_report(self.ctx, self, document_id)
