"""Vào sổ thông báo: a conclusion notice's header and tasks, previewed and edited before any write.

The file is read in the background (a busy bar meanwhile). Each task's lead unit, supporting
units and due date can be changed in the table; a row can be dropped. "Vào sổ" registers the
notice and every remaining task in one transaction, or nothing, and a refusal is said here.
Ctrl+I reaches this dialog when the chosen DOCX is a notice, not a table of petitions
(desktop/ui/dialogs/notice_switch.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from desktop.core import reference
from desktop.core.dates import format_date
from desktop.core.errors import KienNghiError
from desktop.core.notices import ParsedNotice
from desktop.core.registry import DuplicateDocument
from desktop.core.session import Session
from desktop.core.tasks import (
    ImportedNotice,
    NoticeInput,
    TaskInput,
    import_notice,
    notice_input,
    read_notice,
    task_inputs,
)
from desktop.ui import ask, rights
from desktop.ui.context import UiContext
from desktop.ui.dialogs.duplicate_ask import register_anyway
from desktop.ui.dialogs.import_common import header_box, preview_table, summary_label
from desktop.ui.models.notice_tasks_model import (
    COL_CONTENT,
    COL_DUE,
    COL_DUE_TEXT,
    COL_FIELD,
    COL_NO,
    COL_PROBLEM,
    COL_SUPPORT,
    COL_UNIT,
    NoticeTasksModel,
    PreviewTask,
)
from desktop.ui.qt import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QShortcut,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.widgets.date_edit import DateEdit
from desktop.ui.widgets.form_helpers import HINT_STYLE, message_label, show_message
from desktop.ui.widgets.task_cell_editors import DueDateDelegate, UnitDelegate

TITLE = "Vào sổ thông báo giao nhiệm vụ"
COLUMN_WIDTHS = {COL_NO: 36, COL_FIELD: 120, COL_UNIT: 180, COL_SUPPORT: 150, COL_DUE_TEXT: 140,
                 COL_DUE: 90, COL_PROBLEM: 240}  # fmt: skip


@dataclass(frozen=True)
class _Read:
    parsed: ParsedNotice
    notice: NoticeInput
    units: list[tuple[str, str]]


class NoticeImportDialog(QDialog):
    """The notice's header and its tasks, editable; nothing is written before "Vào sổ"."""

    imported = Signal(object)  # ImportedNotice, after the write

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        path: Path | None = None,
        *,
        parsed: ParsedNotice | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = path
        self.parsed: ParsedNotice | None = None
        self.notice: NoticeInput | None = None
        self.result_imported: ImportedNotice | None = None
        self.closed = False
        self.setWindowTitle(TITLE)
        self.resize(1240, 700)
        self._build()
        if parsed is not None and path is not None:
            units = [(u.name, u.code) for u in reference.units(ctx.session.store)]
            self._loaded(_Read(parsed, notice_input(ctx.session, parsed), units))
        elif path is not None:
            self.read(path)

    def _build(self) -> None:
        self.file_label = QLabel()
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # a busy bar: reading has no steps to count
        self.busy.setMaximumHeight(12)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.number_label, self.date_label, self.title_label, self.signer_label = (
            QLabel() for _ in range(4)
        )
        for label in (self.number_label, self.date_label, self.title_label, self.signer_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title_label.setWordWrap(True)
        self.sender_edit = QLineEdit()
        self.received_on = DateEdit()
        self.received_on.setMaximumWidth(150)
        self.received_hint = message_label(HINT_STYLE)
        box, g = header_box("Thông báo")
        g.addWidget(QLabel("Số, ký hiệu:"), 0, 0)
        g.addWidget(self.number_label, 0, 1)
        g.addWidget(QLabel("Ngày văn bản:"), 0, 2)
        g.addWidget(self.date_label, 0, 3)
        g.addWidget(QLabel("Trích yếu:"), 1, 0)
        g.addWidget(self.title_label, 1, 1, 1, 3)
        g.addWidget(QLabel("Người ký:"), 2, 0)
        g.addWidget(self.signer_label, 2, 1, 1, 3)
        sender_caption, received_caption = QLabel("Cơ quan &gửi:"), QLabel("Ngày &đến:")
        sender_caption.setBuddy(self.sender_edit)
        received_caption.setBuddy(self.received_on)
        g.addWidget(sender_caption, 3, 0)
        g.addWidget(self.sender_edit, 3, 1)
        g.addWidget(received_caption, 3, 2)
        received = QHBoxLayout()
        received.addWidget(self.received_on)
        received.addWidget(self.received_hint, 1)
        g.addLayout(received, 3, 3)
        self.summary = summary_label()
        self.model = NoticeTasksModel()
        self.table = preview_table(self.model)
        self.table.setEditTriggers(
            QTableView.EditTrigger.DoubleClicked
            | QTableView.EditTrigger.EditKeyPressed
            | QTableView.EditTrigger.AnyKeyPressed
        )
        for col, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setSectionResizeMode(
            COL_CONTENT, QHeaderView.ResizeMode.Stretch
        )
        self.unit_delegate = UnitDelegate([], self.table)
        self.table.setItemDelegateForColumn(COL_UNIT, self.unit_delegate)
        self.table.setItemDelegateForColumn(COL_DUE, DueDateDelegate(self.table))
        self.hint = QLabel(
            "Sửa đơn vị chủ trì, phối hợp và hạn bằng F2 hoặc nhấp đúp; Delete bỏ dòng đang chọn."
            " Dòng tô hồng cần xem lại."
        )
        self.hint.setStyleSheet(HINT_STYLE)
        self.error = message_label()
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.remove_button = QPushButton("Bỏ dòng (Delete)")
        self.import_button = QPushButton("Vào sổ")
        self.cancel_button = QPushButton("Hủy (Esc)")
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        for button in (self.remove_button, self.cancel_button):
            button.setAutoDefault(False)
        self.import_button.setEnabled(False)
        self.remove_button.setEnabled(False)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.busy)
        layout.addLayout(top)
        layout.addWidget(box)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button.clicked.connect(self.import_now)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.remove_selected,
                  Qt.ShortcutContext.WidgetShortcut)  # fmt: skip
        self.model.rowsRemoved.connect(lambda *_: self._count())
        self.model.dataChanged.connect(lambda *_: self._count())
        self.received_on.dateChanged.connect(lambda _d: self._received_changed())

    # -- reading --------------------------------------------------------------------------------
    def read(self, path: Path) -> None:
        """Read the notice in the background; the busy bar runs meanwhile."""
        self.path = Path(path)
        self.file_label.setText(f"Đang đọc «{self.path.name}»…")
        self.busy.show()
        file = self.path

        def job(session: Session) -> _Read | str:
            try:
                parsed = read_notice(session, file)
            except KienNghiError as exc:
                return str(exc)
            units = [(u.name, u.code) for u in reference.units(session.store)]
            return _Read(parsed, notice_input(session, parsed), units)

        self.ctx.runner.run_op(
            job, self._loaded, key="notice-read", on_error=self._loaded, changes=False
        )

    def _loaded(self, outcome: _Read | str) -> None:
        if self.closed:
            return
        self.busy.hide()
        name = self.path.name if self.path else ""
        if isinstance(outcome, str):
            self.file_label.setText(f"Tệp «{name}»: chưa thể vào sổ.")
            show_message(self.error, outcome)
            self.import_button.setEnabled(False)
            return
        parsed, notice = outcome.parsed, outcome.notice
        self.parsed, self.notice = parsed, notice
        self.file_label.setText(f"Tệp «{name}»: {notice.kind or 'văn bản'} giao nhiệm vụ.")
        self.number_label.setText(notice.number or "(không ghi)")
        self.date_label.setText(
            format_date(notice.issued_on) if notice.issued_on else "(không ghi)"
        )
        self.title_label.setText(notice.title or "(không ghi)")
        signer = ", ".join(x for x in (notice.signer_title.replace("\n", " "), notice.signer) if x)
        self.signer_label.setText(signer or "(không ghi)")
        self.sender_edit.setText(notice.sender)
        self.received_on.setDate(notice.received_on)
        self.model.set_units(outcome.units)
        self.unit_delegate.names = sorted({name for name, _ in outcome.units})
        rows = [
            PreviewTask(task, t.due_problem or "")
            for task, t in zip(task_inputs(parsed), parsed.tasks, strict=True)
        ]
        self.model.set_rows(rows)
        self.import_button.setEnabled(
            rights.gate(self.import_button, self.ctx.session, "import")
            and rights.restrict([self.import_button], self.ctx.session, "assign")
        )
        self.remove_button.setEnabled(True)
        self.import_button.setDefault(True)
        self._received_changed()
        self._count()

    def _received_changed(self) -> None:
        self.model.set_received(self.received_on.date())
        if self.notice is None:
            return
        issued, day = self.notice.issued_on, self.received_on.date()
        hint = (
            "Mặc định là ngày của thông báo." if issued and day == issued
            else "Thông báo không ghi ngày: mặc định là hôm nay."
            if issued is None and day == self.ctx.session.today() else ""
        )  # fmt: skip
        show_message(self.received_hint, hint)

    def _count(self) -> None:
        n = self.model.rowCount()
        look = len(self.model.problem_rows())
        parsed = self.parsed
        lines = [f"Sẽ vào sổ {n} nhiệm vụ" + (f"; {look} dòng cần xem lại (tô hồng)." if look
                                               else ".")]  # fmt: skip
        if parsed is not None:
            lines += [f"⚠ {p}" for p in parsed.problems]
        self.summary.setText("\n".join(lines))
        self.import_button.setText(f"Vào sổ {n} nhiệm vụ")
        if n == 0:
            self.import_button.setEnabled(False)

    def remove_selected(self) -> None:
        """Bỏ dòng: the selected tasks will not be registered."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}, reverse=True)
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        for row in rows:
            self.model.remove(row)

    # -- writing --------------------------------------------------------------------------------
    def notice_to_register(self) -> NoticeInput | None:
        """The notice with the sender and received date typed here; None (said) if not valid."""
        if self.notice is None:
            return None
        received = self.received_on.date()
        if received is None:
            show_message(self.error, "Nhập ngày đến theo dạng dd/mm/yyyy.")
            self.received_on.setFocus()
            return None
        sender = self.sender_edit.text().strip()
        if not sender:
            show_message(self.error, "Nhập cơ quan gửi (cơ quan ban hành thông báo).")
            self.sender_edit.setFocus()
            return None
        return replace(self.notice, received_on=received, sender=sender)

    def _register(
        self, notice: NoticeInput, tasks: list[TaskInput], *, allow_duplicate: bool = False
    ) -> ImportedNotice:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a notice takes a moment
        try:
            return import_notice(self.ctx.session, notice, tasks, allow_duplicate=allow_duplicate)
        finally:
            QApplication.restoreOverrideCursor()

    def import_now(self) -> None:
        """Vào sổ: the notice and every task in the table, all or nothing."""
        notice = self.notice_to_register()
        if notice is None:
            return
        tasks = self.model.tasks()
        try:
            try:
                result = self._register(notice, tasks)
            except DuplicateDocument as exc:
                if not register_anyway(self, exc.existing):
                    return
                result = self._register(notice, tasks, allow_duplicate=True)
        except KienNghiError as exc:
            show_message(self.error, f"Chưa vào sổ, cơ sở dữ liệu không thay đổi. {exc}")
            return
        self.result_imported = result
        self.ctx.changed()
        ask.inform(
            self,
            TITLE,
            f"Đã vào sổ văn bản đến số {result.incoming_no}/{result.year}"
            f" với {len(result.task_ids)} nhiệm vụ.",
        )
        self.imported.emit(result)
        self.accept()

    # -- leaving --------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        """Close; a reading that finishes later is ignored."""
        self.closed = True
        super().done(result)

    def reject(self) -> None:
        """Esc / Hủy: nothing is written; ask first when tasks were read."""
        if (
            self.result_imported is None
            and self.model.rowCount()
            and not ask.confirm(self, TITLE, "Đóng mà không vào sổ thông báo này?")
        ):
            return
        super().reject()
