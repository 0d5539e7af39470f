"""Văn bản đến and Văn bản đi: the incoming and outgoing registers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop.core import documents as docs
from desktop.core.letters import register as letters
from desktop.core.types import DocumentRow, LetterRow, Store
from desktop.ui import ask, correction_actions, rights
from desktop.ui.context import UiContext
from desktop.ui.qt import (
    QAbstractTableModel,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPushButton,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)

Index = QModelIndex | QPersistentModelIndex
PAGE = 200


def _dmy(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


class DocumentTableModel(QAbstractTableModel):
    """Incoming documents, newest first, fetched a page at a time off the UI thread."""

    HEADERS = ("Số đến", "Ngày đến", "Cơ quan gửi", "Số, ký hiệu", "Ngày văn bản", "Trích yếu",
               "Hạn trả lời", "Kiến nghị")  # fmt: skip
    loaded = Signal()

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.rows: list[DocumentRow] = []
        self._done = False
        self._loading = False
        self._generation = 0

    def reload(self) -> None:
        """Start again from the newest document."""
        self.beginResetModel()
        self._generation += 1
        self.rows, self._done, self._loading = [], False, False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return not parent.isValid() and not self._done and not self._loading

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation = self._generation
        after = (self.rows[-1].received_on.isoformat(), self.rows[-1].id) if self.rows else None

        def page(store: Store) -> list[DocumentRow]:
            return docs.document_rows(store, limit=PAGE, after=after)

        self.ctx.runner.run_query(page, lambda rows: self._arrived(generation, rows))

    def _arrived(self, generation: int, page: list[DocumentRow]) -> None:
        if generation != self._generation:
            return
        self._loading, self._done = False, len(page) < PAGE
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()
        self.loaded.emit()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        d = self.rows[index.row()]
        cells = (f"{d.incoming_no}/{d.year}", _dmy(d.received_on), d.sender, d.sender_ref,
                 _dmy(d.sender_date), d.summary, _dmy(d.reply_by), str(d.petitions))  # fmt: skip
        return cells[index.column()]


class DocumentsScreen(QWidget):
    """Sổ văn bản đến; double-click (or Enter) opens the document's petitions."""

    open_document = Signal(int)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.model = DocumentTableModel(ctx)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
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
        ctx.bus.changed.connect(self.model.reload)
        self.model.reload()

    def selected_document_id(self) -> int | None:
        """The document of the current row (None without one)."""
        row = self.table.currentIndex().row()
        return self.model.rows[row].id if 0 <= row < len(self.model.rows) else None

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


class OutgoingScreen(QWidget):
    """Sổ văn bản đi: letters issued or drafted, drafts (no number yet) first; Enter or a
    double-click opens a draft to edit, an issued letter to view, save or print again."""

    HEADERS = ("Số", "Ngày ban hành", "Trích yếu", "Nơi nhận", "Người ký")
    # Characters each column is sized for; Trích yếu takes the rest. Longer text is elided
    # with the whole in the tooltip.
    WIDTHS = (24, 13, 0, 34, 22)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.table = QTableView()
        self.model = _LetterModel()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
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
        ctx.bus.changed.connect(self.reload)
        self.reload()

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
        row = self.table.currentIndex().row()
        return self.model.rows[row].id if 0 <= row < len(self.model.rows) else None

    def _activated(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self.model.rows):
            self.open_letter(self.model.rows[index.row()].id)

    def open_letter(self, letter_id: int) -> None:
        """Open a letter of the register: read off the UI thread, then its window."""
        session = self.ctx.session

        def failed(message: str) -> None:
            ask.error(self, "Không mở được văn bản đi", message)

        self.ctx.runner.run_query(
            lambda store: letters.open_saved(session.on_store(store), letter_id),
            self._open_saved,
            key="open",
            on_error=failed,
        )

    def _open_saved(self, saved: letters.SavedLetter) -> None:
        from desktop.ui.dialogs.letter_view import open_saved_letter

        self.opened = open_saved_letter(self.ctx, self, saved)

    def reload(self) -> None:
        """Read the outgoing register again."""
        self.ctx.runner.run_query(
            lambda store: letters.letter_rows(store), self._loaded, key="outgoing"
        )

    def _loaded(self, rows: list[LetterRow]) -> None:
        chosen = self.selected_letter_id()
        self.model.set_rows(rows)
        # A draft saved or issued from its window stays the chosen row (it moves once issued).
        row = next((i for i, r in enumerate(rows) if r.id == chosen), None)
        if row is not None:
            self.table.selectRow(row)
        self.status.setText(
            f"{len(rows)} văn bản đi." if rows else
            "Chưa có văn bản đi nào. Số của văn bản trả lời được cấp khi ban hành."
        )  # fmt: skip


class _LetterModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[LetterRow] = []

    def set_rows(self, rows: list[LetterRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(OutgoingScreen.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return OutgoingScreen.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        shown = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        if role not in shown or not index.isValid():
            return None
        r = self.rows[index.row()]
        number = r.reference if r.number else f"(dự thảo) …/{r.symbol}"
        cells = (number, _dmy(r.issued_on), r.subject, r.recipients, r.signer)
        return cells[index.column()] or None
