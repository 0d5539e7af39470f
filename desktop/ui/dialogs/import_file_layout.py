"""The widgets of Nhập từ tệp… and where they stand: the file, the values typed over the file's
own, the preview table and the buttons (what they do is desktop/ui/dialogs/import_file.py's)."""

from __future__ import annotations

from desktop.ui.context import UiContext
from desktop.ui.dialogs.import_common import correctable, header_box, preview_table, summary_label
from desktop.ui.models.import_preview_model import (
    COL_CONTENT,
    COL_DUE,
    COL_DUPLICATE,
    COL_ORDINAL,
    COL_ORIGIN,
    ImportPreviewModel,
)
from desktop.ui.qt import (
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStringListModel,
    Qt,
    QVBoxLayout,
)
from desktop.ui.widgets.date_edit import DateEdit
from desktop.ui.widgets.form_helpers import chain_tab_order, complete_from, message_label


class ImportFormLayout:
    """Builds the import dialog's widgets and lays them out (a mixin of the QDialog, which
    gives `ctx`)."""

    ctx: UiContext

    def _build(self) -> None:
        """Make the widgets and place them: the file row, the header box, the table."""
        self.path_line = QLineEdit(placeholderText="Chưa chọn tệp")
        self.path_line.setReadOnly(True)
        self.path_line.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.choose_button = QPushButton("Chọn tệp… (Ctrl+O)")
        self.sender_edit = QLineEdit()
        self.sender_model = QStringListModel(self)
        complete_from(self.sender_edit, self.sender_model)
        self.sender_ref = QLineEdit()
        self.sender_date = DateEdit()
        self.received_on = DateEdit(self.ctx.session.today())
        self.reply_by = DateEdit()
        dates = (self.sender_date, self.received_on, self.reply_by)
        for date_edit in dates:
            date_edit.setMaximumWidth(150)
        self.date_errors = {date_edit: message_label() for date_edit in dates}
        self.document_line = summary_label()
        self.model = ImportPreviewModel()
        self.table = preview_table(self.model)
        correctable(self.table, COL_CONTENT)
        header = self.table.horizontalHeader()
        for col, width in ((COL_ORDINAL, 50), (COL_ORIGIN, 180), (COL_DUE, 100),
                           (COL_DUPLICATE, 280)):  # fmt: skip
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(COL_CONTENT, QHeaderView.ResizeMode.Stretch)
        self.error = message_label()
        self.buttons = QDialogButtonBox()
        self.preview_button = QPushButton("Xem trước (F5)")
        self.import_button = QPushButton("Vào sổ")
        self.cancel_button = QPushButton("Hủy (Esc)")
        for button, role in (
            (self.preview_button, QDialogButtonBox.ButtonRole.ActionRole),
            (self.import_button, QDialogButtonBox.ButtonRole.AcceptRole),
            (self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole),
        ):
            self.buttons.addButton(button, role)  # fmt: skip

        file_row = QHBoxLayout()
        file_row.addWidget(QLabel("Tệp:"))
        file_row.addWidget(self.path_line, 1)
        file_row.addWidget(self.choose_button)
        box, g = header_box("Thay cho thông tin trong tệp (để trống: lấy theo tệp)")
        g.addWidget(QLabel("Cơ quan gửi:"), 0, 0)
        g.addWidget(self.sender_edit, 0, 1, 1, 3)
        g.addWidget(QLabel("Số, ký hiệu:"), 1, 0)
        g.addWidget(self.sender_ref, 1, 1)
        g.addWidget(QLabel("Ngày văn bản:"), 1, 2)
        g.addWidget(self.sender_date, 1, 3)
        g.addWidget(self.date_errors[self.sender_date], 2, 3)
        g.addWidget(QLabel("Ngày đến:"), 3, 0)
        g.addWidget(self.received_on, 3, 1)
        g.addWidget(QLabel("Hạn trả lời:"), 3, 2)
        g.addWidget(self.reply_by, 3, 3)
        g.addWidget(self.date_errors[self.received_on], 4, 1)
        g.addWidget(self.date_errors[self.reply_by], 4, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(box)
        layout.addWidget(self.document_line)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        chain_tab_order([
            self.choose_button, self.sender_edit, self.sender_ref, self.sender_date.line,
            self.received_on.line, self.reply_by.line, self.table, self.preview_button,
            self.import_button, self.cancel_button,
        ])  # fmt: skip
