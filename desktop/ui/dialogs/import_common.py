"""What the two import previews (Nhập từ tệp…, Vào sổ thông báo) share: header, summary, table."""

from __future__ import annotations

from desktop.core.dates import format_date
from desktop.core.import_preview import ImportPreview
from desktop.core.importers import ImportFailed
from desktop.ui.qt import (
    QAbstractItemModel,
    QGridLayout,
    QGroupBox,
    QLabel,
    QModelIndex,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTableView,
    QWidget,
)

EDITOR_LINES = 6  # a petition's text is edited in a box this many lines high
SCAN_NOTE = (
    "Bảng được nhận dạng chữ từ bản quét: hãy soát lại; nhấp đúp (hoặc F2) vào ô STT, nơi kiến"
    " nghị, nội dung để sửa trước khi vào sổ."
)


def explain(exc: ImportFailed) -> str:
    """The importer's refusal as the dialog says it."""
    # The importer words this for the command line; on screen the clerk has a field for it.
    return str(exc).replace("(--sender)", "vào ô «Cơ quan gửi» bên trên")


def preview_summary(preview: ImportPreview, *, scanned: bool = False) -> str:
    """What "Vào sổ" will register: the document, its petitions, the warnings to look at."""
    d = preview.document
    parts = [f"ngày đến {format_date(d.received_on)}", d.sender]
    if d.sender_ref:
        parts.append(f"số {d.sender_ref}")
    if d.sender_date:
        parts.append(f"ngày {format_date(d.sender_date)}")
    if d.summary:
        parts.append(d.summary)
    if d.reply_by:
        parts.append(f"hạn trả lời {format_date(d.reply_by)}")
    n = len(preview.rows)
    return (
        f"Sẽ vào sổ văn bản đến số {preview.incoming_no}/{preview.year} với {n} kiến nghị:\n"
        + ", ".join(parts) + "." + (f"\n{preview.legacy}" if preview.legacy else "")
        + "".join(f"\n⚠ {w}" for w in preview.warnings) + (f"\n{SCAN_NOTE}" if scanned else "")
    )  # fmt: skip


def header_box(title: str) -> tuple[QGroupBox, QGridLayout]:
    """A titled box with a grid of caption, value, caption, value; the value columns stretch."""
    box = QGroupBox(title)
    grid = QGridLayout(box)
    grid.setColumnStretch(1, 1)
    grid.setColumnStretch(3, 1)
    return box, grid


def summary_label() -> QLabel:
    """The word-wrapped plain-text line that says what "Vào sổ" will register."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def preview_table(model: QAbstractItemModel) -> QTableView:
    """The preview's table over `model`: whole rows selected, one line a row, no row numbers."""
    table = QTableView()
    table.setModel(model)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    return table


def correctable(table: QTableView, text_column: int) -> None:
    """Cells the model lets be edited open on a double-click or F2; the text in a tall box."""
    table.setItemDelegateForColumn(text_column, TextCellDelegate(table))
    table.setEditTriggers(
        QTableView.EditTrigger.DoubleClicked | QTableView.EditTrigger.EditKeyPressed
    )


class TextCellDelegate(QStyledItemDelegate):
    """Edits a cell's whole text (all its lines, the "+ …" points) in a taller box; Tab keeps."""

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        editor.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex
    ) -> None:
        assert isinstance(editor, QPlainTextEdit)
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(  # noqa: N802
        self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> None:
        rect = option.rect  # type: ignore[attr-defined]
        line = editor.fontMetrics().lineSpacing()
        editor.setGeometry(
            rect.x(), rect.y(), rect.width(), max(rect.height(), line * EDITOR_LINES)
        )
