"""Đôn đốc đơn vị quá hạn: chase letters to one unit, or to every unit with overdue work.

The units and their overdue counts load off the UI thread; the letters are written by
desktop.core.chasing in the background with progress and Cancel (all or nothing: Cancel
leaves neither register entries nor files), then the dialog says what was written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.core import chasing
from desktop.core.chasing import ChaseResult, UnitOverdue
from desktop.core.dates import format_date
from desktop.core.session import Session
from desktop.ui import ask, rights
from desktop.ui.context import UiContext
from desktop.ui.dialogs.chase_text import TITLE
from desktop.ui.dialogs.long_work import LongWork, Progress, run_long_work
from desktop.ui.dialogs.routing_common import error_label, set_error
from desktop.ui.qt import (
    QCheckBox,
    QComboBox,
    QDesktopServices,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStandardPaths,
    QUrl,
    QVBoxLayout,
    QWidget,
)

ALL = -1  # the combo's data for "every unit with overdue work"


def ask_folder(parent: QWidget | None, start: Path) -> Path | None:
    """The folder for the letters; None when cancelled. Tests patch this."""
    chosen = QFileDialog.getExistingDirectory(parent, "Chọn thư mục lưu công văn", str(start))
    return Path(chosen) if chosen else None


def ask_file(parent: QWidget | None, suggested: Path, fmt: str) -> Path | None:
    """The file for one unit's letter; None when cancelled. Tests patch this."""
    pattern = "Word (*.docx)" if fmt == "docx" else "PDF (*.pdf)"
    name, _ = QFileDialog.getSaveFileName(parent, "Lưu công văn đôn đốc", str(suggested), pattern)
    return Path(name) if name else None


def open_folder(folder: Path) -> None:
    """Show the folder in the system's file manager. Tests patch this."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _count(u: UnitOverdue) -> str:
    parts = [f"{u.petitions:02d} kiến nghị"] if u.petitions else []
    parts += [f"{u.tasks:02d} nhiệm vụ"] if u.tasks else []
    return " và ".join(parts)


def _documents() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


class ChaseDialog(QDialog):
    """Which unit (or all), DOCX or PDF, where, whether to number the letters (Cấp số)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(TITLE)
        self.units: list[UnitOverdue] = []
        self.loaded = False  # the units arrived (or failed to)
        self.work: LongWork[list[ChaseResult]] | None = None
        self.results: list[ChaseResult] = []
        self.today = ctx.session.today()
        self.summary = QLabel("Đang tìm các đơn vị có kiến nghị, nhiệm vụ quá hạn…")
        self.summary.setWordWrap(True)
        self.unit = QComboBox()
        self.unit.setEnabled(False)
        self.format = QComboBox()
        self.format.addItem("Word (DOCX)", "docx")
        self.format.addItem("PDF", "pdf")
        self.dest = QLineEdit(str(_documents() / "don-doc"))
        choose = QPushButton("Chọn…")
        choose.clicked.connect(self.choose_dest)
        where = QHBoxLayout()
        where.addWidget(self.dest, 1)
        where.addWidget(choose)
        self.where_label = QLabel("Lưu vào &thư mục:", buddy=self.dest)
        self.issue = QCheckBox("&Cấp số văn bản đi cho từng công văn")
        self.issue.setToolTip("Không chọn: ghi dự thảo (chưa có số) vào sổ văn bản đi.")
        rights.restrict([self.issue], ctx.session, "issue_letter")
        self.open_after = QCheckBox("&Mở thư mục khi xong")
        self.open_after.setChecked(True)
        form = QFormLayout()
        form.addRow(QLabel("Đơn &vị:", buddy=self.unit), self.unit)
        form.addRow(QLabel("Định &dạng:", buddy=self.format), self.format)
        form.addRow(self.where_label, where)
        form.addRow("", self.issue)
        form.addRow("", self.open_after)
        self.error = error_label()
        self.buttons = QDialogButtonBox()
        self.write_button = self.buttons.addButton(
            "&Soạn công văn", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.write_button.setDefault(True)
        self.write_button.setEnabled(False)
        self.write_button.clicked.connect(self.write)
        close = self.buttons.addButton("Đó&ng", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(640, self.sizeHint().height())
        self.unit.currentIndexChanged.connect(self._follow_choice)
        self.format.currentIndexChanged.connect(self._follow_choice)
        ctx.runner.run_op(
            chasing.overdue_by_unit, self._loaded, on_error=self._load_failed, changes=False
        )

    # -- the choices -----------------------------------------------------------------------------
    def _loaded(self, units: list[UnitOverdue]) -> None:
        self.units, self.loaded = units, True
        if not units:
            self.summary.setText(
                f"Đến ngày {format_date(self.today)}, không đơn vị nào có kiến nghị hoặc nhiệm vụ"
                " quá hạn: không có công văn đôn đốc nào để soạn."
            )
            self.write_button.setEnabled(False)
            return
        petitions = sum(u.petitions for u in units)
        tasks = sum(u.tasks for u in units)
        total = _count(UnitOverdue(units[0].unit, petitions, tasks))
        self.summary.setText(
            f"Đến ngày {format_date(self.today)}, {len(units)} đơn vị còn {total} quá hạn."
            " Mỗi đơn vị một công văn đôn đốc."
        )
        self.unit.blockSignals(True)
        self.unit.addItem(f"Tất cả {len(units)} đơn vị có việc quá hạn", ALL)
        for i, u in enumerate(units):
            self.unit.addItem(f"{u.unit.name} — {_count(u)}", i)
        self.unit.blockSignals(False)
        self.unit.setEnabled(True)
        why = chasing.refusal(self.ctx.session)
        self.write_button.setEnabled(why is None)
        if why is not None:
            self.write_button.setToolTip(why)
            set_error(self.error, why)
        self._follow_choice()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def _load_failed(self, message: str) -> None:
        self.loaded = True
        self.summary.setText("Không tìm được các đơn vị có việc quá hạn.")
        set_error(self.error, message)

    def chosen(self) -> UnitOverdue | None:
        """The unit chosen, or None for all of them."""
        index = self.unit.currentData()
        return None if index in (None, ALL) else self.units[int(index)]

    def fmt(self) -> str:
        """docx or pdf."""
        return str(self.format.currentData())

    def _folder(self) -> Path:
        typed = Path(self.dest.text().strip() or str(_documents()))
        return typed.parent if typed.suffix.lower() in (".docx", ".pdf") else typed

    def _follow_choice(self) -> None:
        """One unit: a file in the folder, named for it; all: the folder."""
        folder, unit = self._folder(), self.chosen()
        if unit is None:
            self.where_label.setText("Lưu vào &thư mục:")
            self.dest.setText(str(folder))
        else:
            self.where_label.setText("Lưu vào &tệp:")
            self.dest.setText(str(folder / chasing.file_name(unit.unit, self.today, self.fmt())))

    def choose_dest(self) -> None:
        """Chọn…: a folder for all units, a file for one."""
        unit = self.chosen()
        if unit is None:
            picked = ask_folder(self, self._folder())
        else:
            picked = ask_file(self, Path(self.dest.text()), self.fmt())
            if picked is not None and picked.suffix.lower() != f".{self.fmt()}":
                picked = picked.with_name(picked.name + f".{self.fmt()}")
        if picked is not None:
            self.dest.setText(str(picked))

    # -- writing ---------------------------------------------------------------------------------
    def write(self) -> LongWork[list[ChaseResult]] | None:
        """Soạn công văn: the letters in the background; the dialog closes when they are written."""
        set_error(self.error, "")
        if not self.units:
            return None
        dest = Path(self.dest.text().strip())
        if not self.dest.text().strip():
            set_error(self.error, "Chọn nơi lưu công văn.")
            return None
        unit, issue, fmt = self.chosen(), self.issue.isChecked(), self.fmt()
        if unit is not None and dest.suffix.lower() != f".{fmt}":
            set_error(self.error, f"Tệp phải có đuôi .{fmt} (định dạng đã chọn).")
            return None
        if unit is not None and dest.exists():
            question = f"Tệp «{dest.name}» đã có. Ghi đè bằng công văn mới?"
            if not ask.confirm(self, TITLE, question):
                return None

        def job(session: Session, progress: Progress) -> list[ChaseResult]:
            if unit is not None:
                progress(0, 1)
                return [chasing.write_chase(session, unit.unit.code, dest, issue=issue)]
            return chasing.write_chases(session, dest, issue=issue, fmt=fmt, progress=progress)

        title = "Đang soạn công văn đôn đốc"
        self.work = run_long_work(
            self.ctx, self, title, job, on_done=self._written, on_error=self._failed
        )
        if self.work is not None:  # else another long job runs: the clerk was told
            self.write_button.setEnabled(False)
            self.work.ended.connect(self._ended)
        return self.work

    def _ended(self) -> None:
        # After the answer, whatever it was (Hủy says nothing): the button works again.
        self.work = None
        self.write_button.setEnabled(True)

    def _written(self, results: list[ChaseResult]) -> None:
        self.results = results
        lines = [
            f"- {r.unit_name}: {f'số {r.reference}' if r.reference else 'dự thảo, chưa cấp số'}"
            f" ({r.path.name})"
            for r in results
        ]
        folder = results[0].path.parent if results else self._folder()
        ask.inform(
            self,
            TITLE,
            f"Đã soạn {len(results)} công văn đôn đốc vào «{folder}»:\n" + "\n".join(lines),
        )
        if self.open_after.isChecked():
            open_folder(folder)
        self.accept()

    def _failed(self, message: str) -> None:
        set_error(self.error, message)
        self.write_button.setEnabled(True)


def open_chase(ctx: UiContext, parent: QWidget | None) -> Any:
    """Kiến nghị → Đôn đốc đơn vị quá hạn…: the dialog, modal."""
    return ChaseDialog(ctx, parent).exec()
