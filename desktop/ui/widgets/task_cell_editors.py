"""Cell editors of the notice preview: a unit picked from the catalogue (or typed as written),
and a due date typed dd/mm/yyyy or picked, emptied to clear it."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.ui.qt import (
    QAbstractItemModel,
    QComboBox,
    QCompleter,
    QModelIndex,
    QPersistentModelIndex,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QWidget,
)
from desktop.ui.widgets.date_edit import DateEdit

Index = QModelIndex | QPersistentModelIndex


class UnitDelegate(QStyledItemDelegate):
    """An editable combobox over the unit names: a body outside the catalogue stays as typed."""

    def __init__(self, names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = list(names)

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        box = QComboBox(parent)
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        box.addItems(self.names)
        completer = QCompleter(self.names, box)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        box.setCompleter(completer)
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            text = str(index.data(Qt.ItemDataRole.EditRole) or "")
            found = editor.findText(text)
            editor.setCurrentIndex(found)
            editor.setEditText(text)

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class DueDateDelegate(QStyledItemDelegate):
    """A DateEdit in the cell; an empty field clears the due date, a bad one changes nothing."""

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        editor = DateEdit(parent=parent)
        editor.setAutoFillBackground(True)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if isinstance(editor, DateEdit):
            editor.setDate(index.data(Qt.ItemDataRole.EditRole))

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        if isinstance(editor, DateEdit) and editor.is_valid():
            model.setData(index, editor.date(), Qt.ItemDataRole.EditRole)
