"""Báo cáo tình hình thực hiện thông báo: one notice's tasks as of a chosen day, to DOCX or XLSX.

The report itself (each task with unit, deadline, status as of that day, date done, the unit's
report) is desktop.core.tasks.write_notice_report; this dialog asks the day, the format and the
file.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.tasks import write_notice_report
from desktop.core.tasks.notice_list import notice_refs
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs.routing_common import GuardedDialog, error_label, set_error
from desktop.ui.qt import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStandardPaths,
    Qt,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.widgets.date_edit import DateEdit

TITLE = "Báo cáo thực hiện thông báo"
FORMATS = {"docx": "Word (*.docx)", "xlsx": "Excel (*.xlsx)"}


class NoticeReportDialog(GuardedDialog):
    """Ngày báo cáo, định dạng, tệp; "Ghi báo cáo" writes it and says where."""

    def __init__(self, ctx: UiContext, document_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, TITLE, parent)
        self.document_id = document_id
        self.written: Path | None = None
        self.save_button.setText("Ghi báo cáo")
        ref = notice_refs(ctx.session, [document_id]).get(document_id)
        named = f"mã {document_id}"
        if ref is not None:
            own = f"số {ref.number}, " if ref.number else ""
            about = f"«{ref.title}», " if ref.title else ""
            named = f"{about}{own}văn bản đến số {ref.incoming_no}/{ref.year}"
        heading = QLabel(f"Tình hình thực hiện thông báo {named}.")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        self.as_of = DateEdit(ctx.session.today())
        self.as_of.setFixedWidth(150)
        self.as_of_error = error_label()
        self.docx_button = QRadioButton("Word (.docx, thể thức Nghị định 30)")
        self.xlsx_button = QRadioButton("Excel (.xlsx)")
        self.docx_button.setChecked(True)
        formats = QHBoxLayout()
        formats.addWidget(self.docx_button)
        formats.addWidget(self.xlsx_button)
        formats.addStretch(1)
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        number = f"{ref.incoming_no}-{ref.year}" if ref else str(document_id)
        self.path_edit = QLineEdit(str(Path(folder or ".") / f"bao-cao-thong-bao-{number}.docx"))
        self.browse_button = QPushButton("Chọn…")
        self.browse_button.setAutoDefault(False)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        self.path_error = error_label()
        form = QFormLayout()
        form.addRow("Tính đến &ngày:", self.as_of)
        form.addRow("", self.as_of_error)
        form.addRow("Định dạng:", formats)
        form.addRow(QLabel("&Tệp:", buddy=self.path_edit), file_row)
        form.addRow("", self.path_error)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.xlsx_button.toggled.connect(lambda _on: self._format_changed())
        self.browse_button.clicked.connect(self._browse)
        self.resize(620, self.sizeHint().height())
        self.mark_clean()

    def fmt(self) -> str:
        """The chosen format's suffix."""
        return "xlsx" if self.xlsx_button.isChecked() else "docx"

    def _format_changed(self) -> None:
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix("." + self.fmt())))

    def choose_path(self) -> Path | None:
        """Ask where to save (tests patch this)."""
        name, _ = QFileDialog.getSaveFileName(
            self, TITLE, self.path_edit.text(), FORMATS[self.fmt()]
        )
        return Path(name) if name else None

    def _browse(self) -> None:
        path = self.choose_path()
        if path is not None:
            self.path_edit.setText(str(path.with_suffix("." + self.fmt())))

    def snapshot(self) -> object:
        """What was chosen."""
        return (self.as_of.line.text(), self.fmt(), self.path_edit.text())

    def save(self) -> None:
        """Write the report; a refusal is said in the dialog and nothing is written."""
        for label in (self.as_of_error, self.path_error, self.error):
            set_error(label, "")
        as_of = self.as_of.date()
        if as_of is None:
            set_error(self.as_of_error, "Nhập ngày theo dạng dd/mm/yyyy.")
            return
        text = self.path_edit.text().strip()
        if not text:
            set_error(self.path_error, "Chọn tệp để ghi báo cáo.")
            return
        dest = Path(text).with_suffix("." + self.fmt())
        document_id = self.document_id

        def written(_path: object) -> None:
            self.written = dest
            ask.inform(self, TITLE, f"Đã ghi báo cáo vào «{dest}».")

        # Off the UI thread: a notice with hundreds of tasks takes a while to gather and write.
        self.write(
            lambda session: write_notice_report(session, document_id, dest, as_of=as_of),
            on_written=written,
        )


def open_notice_report(ctx: UiContext, parent: QWidget | None, document_id: int) -> bool:
    """The report dialog for one notice; True when a report was written."""
    return NoticeReportDialog(ctx, document_id, parent).exec() == QDialog.DialogCode.Accepted
