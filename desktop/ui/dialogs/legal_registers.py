"""Sổ đăng ký văn bản đến / đi, sổ theo dõi giải quyết (Decree 30/2020, Appendix IV): choose
the register and the dates, then save it as PDF or Excel, written off the UI thread."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.core import registers
from desktop.core.dates import format_file_date
from desktop.core.registers import RegisterKind
from desktop.core.session import Session
from desktop.ui import actions, ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs.legal_registers_text import MENU_TEXT  # noqa: F401
from desktop.ui.dialogs.long_work import LongWork, Progress, run_long_work
from desktop.ui.dialogs.routing_common import error_label, set_error
from desktop.ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.widgets.date_edit import DateEdit

FORMATS = {"pdf": "PDF (in ra giấy)", "xlsx": "Excel (XLSX)"}


class LegalRegisterDialog(QDialog):
    """The register, its dates (this year so far by default) and the file format."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("In sổ")
        self.work: LongWork[int] | None = None
        today = ctx.session.today()
        self.kind_box = QComboBox()
        for kind, title in registers.TITLES.items():
            self.kind_box.addItem(title.capitalize(), kind)
        self.from_edit = DateEdit(dt.date(today.year, 1, 1))
        self.to_edit = DateEdit(today)
        self.format_box = QComboBox()
        for key, label in FORMATS.items():
            self.format_box.addItem(label, key)
        self.error = error_label()
        form = QFormLayout()
        form.addRow("&Sổ:", self.kind_box)
        form.addRow("&Từ ngày:", self.from_edit)
        form.addRow("Đế&n ngày:", self.to_edit)
        form.addRow("Định &dạng:", self.format_box)
        buttons = QDialogButtonBox()
        self.save_button = QPushButton("Lưu…")
        self.save_button.setDefault(True)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def kind(self) -> RegisterKind:
        """The register chosen."""
        kind: RegisterKind = self.kind_box.currentData()
        return kind

    def save(self) -> None:
        """Ask where, then write the register there (a refusal or bad dates are shown here)."""
        set_error(self.error, "")
        first, last = self.from_edit.date(), self.to_edit.date()
        if first is None or last is None:
            set_error(self.error, "Nhập đủ từ ngày và đến ngày, theo dạng dd/mm/yyyy.")
            return
        if first > last:
            set_error(self.error, "Từ ngày phải trước hoặc bằng đến ngày.")
            return
        fmt, kind = str(self.format_box.currentData()), self.kind()
        title = registers.TITLES[kind].capitalize()
        name = f"{title} {format_file_date(first)} đến {format_file_date(last)}.{fmt}"
        pattern = "PDF (*.pdf)" if fmt == "pdf" else "Excel (*.xlsx)"
        path = actions.ask_save_path(self, "Lưu sổ", name, pattern)
        if path is None:
            return
        dest = path if path.suffix.lower() == f".{fmt}" else path.with_suffix(f".{fmt}")
        render = registers.render_register_pdf if fmt == "pdf" else registers.render_register_xlsx

        def job(session: Session, _progress: Progress) -> int:
            rows = registers.register_rows(session, kind, first, last)
            render(session, kind, first, last, dest)
            return len(rows)

        self.work = run_long_work(
            self.ctx,
            self,
            f"Đang in {title.lower()}",
            job,
            on_done=lambda n: self._saved(title, n, dest),
            on_error=self._failed,
            changes=False,  # the register is read into a file (its audit record: no screen)
        )
        if self.work is not None:  # else another long job runs: the clerk was told
            self.save_button.setEnabled(False)
            self.work.ended.connect(self._ended)

    def _ended(self) -> None:
        self.work = None
        self.save_button.setEnabled(True)

    def _saved(self, title: str, rows: int, dest: Path) -> None:
        ask.inform(self, "Đã lưu sổ", f"Đã lưu {title.lower()} ({rows} dòng) vào «{dest}».")
        self.accept()

    def _failed(self, message: str) -> None:
        set_error(self.error, message)


def open_legal_registers(ctx: UiContext, parent: QWidget | None) -> bool:
    """Tệp → In sổ đăng ký, sổ theo dõi…; True when a register was saved."""
    dialog = LegalRegisterDialog(ctx, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
