"""Văn bản đến and Văn bản đi: the incoming and outgoing registers."""

from __future__ import annotations

from desktop.core.letters import register as letters
from desktop.ui import ask, correction_actions, rights
from desktop.ui.context import UiContext
from desktop.ui.models.paged_model import retry_on_scroll
from desktop.ui.models.register_models import DocumentTableModel, LetterTableModel
from desktop.ui.qt import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QModelIndex,
    QPoint,
    QPushButton,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.widgets.register_view import RegisterView


class DocumentsScreen(QWidget):
    """Sổ văn bản đến; double-click (or Enter) opens the document's petitions."""

    open_document = Signal(int)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.model = DocumentTableModel(ctx.runner)
        self.table = RegisterView(self.model)
        for col, width in enumerate((80, 90, 220, 150, 95, 400, 95, 70)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(
            lambda index: self.open_document.emit(self.model.rows[index.row()].id)
        )
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._row_menu)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Sổ đăng ký văn bản đến, mới nhất trước. Enter hoặc nháy đúp: xem các kiến nghị"
                " của văn bản; F2: sửa văn bản; Ctrl+N: vào sổ văn bản mới."
            )
        )
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        self.model.loaded.connect(self._update_status)
        self.model.failed.connect(self._load_failed)
        retry_on_scroll(self.table, self.model)
        ctx.bus.changed.connect(self.model.refresh)
        self.model.reload()

    def selected_document_id(self) -> int | None:
        """The document of the current row (None without one)."""
        return self.model.row_id(self.table.currentIndex().row())

    def _row_menu(self, pos: QPoint) -> None:
        row = self.table.indexAt(pos).row()
        if row >= 0:
            self.table.selectRow(row)
        doc_id = self.selected_document_id()
        self.row_menu = correction_actions.document_menu(self.ctx, self.table, doc_id, pos)

    def _update_status(self) -> None:
        n = self.model.rowCount()
        more = "+" if self.model.canFetchMore(QModelIndex()) else ""
        self.status.setText(
            "Chưa có văn bản đến nào. Vào sổ (Ctrl+N) hoặc nhập từ tệp (Ctrl+I)."
            if n == 0
            else f"Đang hiện {n}{more} văn bản đến."
        )

    def _load_failed(self, message: str) -> None:
        self.status.setText(_failure("sổ văn bản đến", message))


class OutgoingScreen(QWidget):
    """Sổ văn bản đi: letters issued or drafted, drafts (no number yet) first; Enter or a
    double-click opens a draft to edit, an issued letter to view, save or print again."""

    # Characters each column is sized for; Trích yếu takes the rest. Longer text is elided
    # with the whole in the tooltip.
    WIDTHS = (24, 13, 0, 34, 22)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.model = LetterTableModel(ctx.runner)
        self.table = RegisterView(self.model)
        self._chosen: int | None = None  # the letter selected before the rows were read again
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        char = self.fontMetrics().horizontalAdvance("0")
        for col, chars in enumerate(self.WIDTHS):
            if chars:
                self.table.setColumnWidth(col, chars * char + 16)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(8 * char)
        self.table.activated.connect(self._activated)
        self.opened: QWidget | None = None  # the window the last Enter or double-click opened
        self.status = QLabel()
        self.record_button = QPushButton("Vào sổ số văn bản làm &ngoài phần mềm…")
        rights.gate(
            self.record_button, ctx.session, "record_number",
            hint="Số đã dùng cho văn bản soạn bằng Word hoặc ký giấy: ghi vào sổ để không cấp lại",
        )  # fmt: skip
        self.record_button.clicked.connect(self.record_outside)
        top = QHBoxLayout()
        top.addWidget(
            QLabel(
                "Sổ đăng ký văn bản đi, dự thảo trước. Enter hoặc nháy đúp: mở dự thảo để sửa,"
                " văn bản đã ban hành để xem, lưu hoặc in lại."
            ),
            1,
        )
        top.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        self.model.modelAboutToBeReset.connect(self._remember_choice)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._load_failed)
        retry_on_scroll(self.table, self.model)
        ctx.bus.changed.connect(self.reload)
        self.model.reload()

    def record_outside(self) -> bool:
        """Enter the number of a letter made outside the app; says the number entered."""
        from desktop.ui.dialogs.record_outside import RecordOutsideDialog

        dialog = RecordOutsideDialog(self.ctx, self)
        if dialog.exec() != RecordOutsideDialog.DialogCode.Accepted:
            return False
        ask.inform(
            self,
            "Vào sổ văn bản đi",
            f"Đã vào sổ văn bản đi số {dialog.recorded}: số này sẽ không được cấp lại.",
        )
        return True

    def selected_letter_id(self) -> int | None:
        """The letter of the current row (None without one)."""
        return self.model.row_id(self.table.currentIndex().row())

    def _activated(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self.model.rows):
            self.open_letter(self.model.rows[index.row()].id)

    def open_letter(self, letter_id: int) -> None:
        """Open a letter of the register: read off the UI thread, then its window."""

        def failed(message: str) -> None:
            ask.error(self, "Không mở được văn bản đi", message)

        self.ctx.runner.run_op(
            lambda session: letters.open_saved(session, letter_id),
            self._open_saved,
            key="open",
            on_error=failed,
            changes=False,
        )

    def _open_saved(self, saved: letters.SavedLetter) -> None:
        from desktop.ui.dialogs.letter_view import open_saved_letter

        self.opened = open_saved_letter(self.ctx, self, saved)

    def reload(self) -> None:
        """Read the outgoing register again (after a write, F5), as far as it was loaded."""
        self.model.refresh()

    def _remember_choice(self) -> None:
        self._chosen = self.selected_letter_id()

    def _loaded(self) -> None:
        # A draft saved or issued from its window stays the chosen row (it moves once issued).
        rows, chosen = self.model.rows, self._chosen
        row = next((i for i, r in enumerate(rows) if r.id == chosen), None)
        if row is not None and self.selected_letter_id() != chosen:
            self.table.selectRow(row)
        more = "+" if self.model.canFetchMore(QModelIndex()) else ""
        self.status.setText(
            f"Đang hiện {len(rows)}{more} văn bản đi." if rows else
            "Chưa có văn bản đi nào. Số của văn bản trả lời được cấp khi ban hành."
        )  # fmt: skip

    def _load_failed(self, message: str) -> None:
        self.status.setText(_failure("sổ văn bản đi", message))


def _failure(register: str, message: str) -> str:
    """The status line after a page could not be read: why, and how to ask again."""
    return f"Không tải được {register}: {message} Nhấn F5 hoặc cuộn xuống để thử lại."
