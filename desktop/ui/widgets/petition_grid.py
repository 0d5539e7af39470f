"""Kiến nghị của văn bản: a grid to type the petitions of one document, one row each."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.register_form import PetitionDraft
from desktop.ui.qt import (
    QComboBox,
    QEvent,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QObject,
    QPlainTextEdit,
    QPushButton,
    QStringListModel,
    Qt,
    QTableWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.widgets.form_helpers import HINT_STYLE, complete_from, message_label, show_message

COL_ORIGIN, COL_FIELD, COL_CONTENT = 0, 1, 2
HEADERS = ("Nơi kiến nghị", "Lĩnh vực", "Nội dung kiến nghị (Enter xuống dòng)")
INVALID_STYLE = "border: 1px solid #b00020; background: #fff4f4;"
CONTENT_LINES = 3


@dataclass
class RowWidgets:
    """The editors of one grid row."""

    origin: QLineEdit
    field: QComboBox
    content: QPlainTextEdit

    def editors(self) -> tuple[QWidget, QWidget, QWidget]:
        """In tab order."""
        return (self.origin, self.field, self.content)


def _top_aligned(widget: QWidget) -> QWidget:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(2, 2, 2, 2)
    layout.addWidget(widget)
    layout.addStretch(1)
    return holder


class PetitionGrid(QTableWidget):
    """One editable row per petition; an empty row always waits at the end."""

    edited = Signal()
    rowsChanged = Signal()  # noqa: N815 - Qt naming

    def __init__(self, fields: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self._fields = fields
        self.rows: list[RowWidgets] = []
        self.origin_model = QStringListModel(self)
        self.setHorizontalHeaderLabels(list(HEADERS))
        # Tab goes through the editors in the dialog's tab order, not from cell to cell.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setTabKeyNavigation(False)
        self.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.setVerticalScrollMode(QTableWidget.ScrollMode.ScrollPerPixel)
        header = self.horizontalHeader()
        header.setSectionResizeMode(COL_CONTENT, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(COL_ORIGIN, 190)
        self.setColumnWidth(COL_FIELD, 190)
        self._row_height = self.fontMetrics().lineSpacing() * CONTENT_LINES + 16
        self.add_row()

    # -- rows -----------------------------------------------------------------------------------
    def add_row(self) -> int:
        """Append an empty row; returns its index."""
        row = self.rowCount()
        self.insertRow(row)
        origin = QLineEdit(placeholderText="Tỉnh, cơ quan…")
        complete_from(origin, self.origin_model)
        field = QComboBox()
        field.addItem("— chưa chọn —", None)
        for code, name in self._fields:
            field.addItem(name, code)
        content = QPlainTextEdit()
        content.setTabChangesFocus(True)
        content.setPlaceholderText("Nội dung kiến nghị")
        widgets = RowWidgets(origin, field, content)
        self.rows.append(widgets)
        self.setCellWidget(row, COL_ORIGIN, _top_aligned(origin))
        self.setCellWidget(row, COL_FIELD, _top_aligned(field))
        self.setCellWidget(row, COL_CONTENT, content)
        self.setRowHeight(row, self._row_height)
        for editor in widgets.editors():
            editor.installEventFilter(self)
        origin.textChanged.connect(self._changed)
        content.textChanged.connect(self._changed)
        field.currentIndexChanged.connect(self._changed)
        self.rowsChanged.emit()
        return row

    def add_row_and_focus(self) -> None:
        """Thêm dòng: reuse the empty last row, else add one, and put the cursor there."""
        last = len(self.rows) - 1
        row = last if last >= 0 and self.draft(last).is_blank() else self.add_row()
        self.rows[row].origin.setFocus()

    def remove_current_row(self) -> None:
        """Xóa dòng: remove the row holding the cursor (the last empty row stays)."""
        row = self.current_row()
        if row is None:
            return
        self.removeRow(row)
        del self.rows[row]
        self._keep_empty_last_row()
        self.rowsChanged.emit()
        self.edited.emit()
        self.rows[min(row, len(self.rows) - 1)].origin.setFocus()

    def current_row(self) -> int | None:
        """The row whose editor has (or last had) the cursor."""
        row = self.currentRow()
        return row if 0 <= row < len(self.rows) else None

    def _keep_empty_last_row(self) -> None:
        if not self.rows or not self.draft(len(self.rows) - 1).is_blank():
            self.add_row()

    def _changed(self) -> None:
        self._keep_empty_last_row()
        self.edited.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusIn:
            for row, widgets in enumerate(self.rows):
                if watched in widgets.editors():
                    col = widgets.editors().index(watched)
                    self.setCurrentCell(row, col)
                    self.scrollTo(self.model().index(row, col))
                    break
        return super().eventFilter(watched, event)

    # -- values ---------------------------------------------------------------------------------
    def draft(self, row: int) -> PetitionDraft:
        """What row `row` holds."""
        w = self.rows[row]
        return PetitionDraft(
            origin=w.origin.text(), content=w.content.toPlainText(), field=w.field.currentData()
        )

    def drafts(self) -> list[PetitionDraft]:
        """Every row, the blank ones included (so indexes match what the clerk sees)."""
        return [self.draft(r) for r in range(len(self.rows))]

    def filled(self) -> list[PetitionDraft]:
        """The rows that will be registered."""
        return [d for d in self.drafts() if not d.is_blank()]

    def has_typed_data(self) -> bool:
        """Whether any row holds anything."""
        return bool(self.filled())

    def set_origin_names(self, names: list[str]) -> None:
        """Completions for Nơi kiến nghị."""
        self.origin_model.setStringList(names)

    def show_problems(self, rows: dict[int, str]) -> None:
        """Frame the rows that have a problem; the messages are shown under the grid."""
        for row, widgets in enumerate(self.rows):
            bad = row in rows
            draft = self.draft(row)
            widgets.origin.setStyleSheet(
                f"QLineEdit {{{INVALID_STYLE}}}" if bad and not draft.origin.strip() else ""
            )
            widgets.content.setStyleSheet(
                f"QPlainTextEdit {{{INVALID_STYLE}}}" if bad and draft.origin.strip() else ""
            )
            for editor in widgets.editors():
                editor.setToolTip(rows.get(row, ""))

    def focus_row(self, row: int) -> None:
        """Put the cursor on the first empty editor of a row."""
        widgets = self.rows[row]
        target = widgets.origin if not widgets.origin.text().strip() else widgets.content
        target.setFocus()

    def focus_chain(self) -> list[QWidget]:
        """The editors in tab order, row by row."""
        return [editor for widgets in self.rows for editor in widgets.editors()]


class PetitionSection(QGroupBox):
    """The grid with its count, its row messages and the "Thêm dòng"/"Xóa dòng" buttons."""

    def __init__(self, fields: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__("Các kiến nghị trong văn bản", parent)
        self.grid = PetitionGrid(fields)
        self.add_button = QPushButton("Thêm dòng (Ctrl+Enter)")
        self.remove_button = QPushButton("Xóa dòng (Ctrl+Del)")
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)  # Enter saves the form, Space presses the button
        self.hint = message_label(HINT_STYLE)
        self.hint.show()
        self.error = message_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.grid.add_row_and_focus)
        self.remove_button.clicked.connect(self.grid.remove_current_row)
        self.grid.edited.connect(self.update_count)
        self.update_count()

    def update_count(self) -> None:
        """Say how many petitions will be registered, or how to start."""
        n = len(self.grid.filled())
        self.hint.setText(
            f"{n} kiến nghị." if n else "Chưa có kiến nghị: gõ vào dòng trống cuối bảng."
        )

    def show_problems(self, rows: dict[int, str]) -> None:
        """Frame the rows with a problem and list the messages under the grid."""
        self.grid.show_problems(rows)
        show_message(self.error, "\n".join(rows.values()))
