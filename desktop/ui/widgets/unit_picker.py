"""Choosing units (đơn vị): a field that completes codes and names as you type, accents
optional, and a filterable checklist for choosing several."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core import dispatch
from desktop.core.errors import DomainError
from desktop.core.session import Session
from desktop.core.text import fold
from desktop.core.types import Unit
from desktop.ui.qt import (
    QAbstractItemView,
    QCompleter,
    QEvent,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStandardItem,
    QStandardItemModel,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

CODE_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # folded "code name": what typing is matched against
NAME_ROLE = Qt.ItemDataRole.UserRole + 2  # what a picked completion puts in the field


def unit_label(u: Unit) -> str:
    """How a unit appears in lists: "Cục Tin học hóa (THH)"."""
    return f"{u.name} ({u.code})"


def unit_key(u: Unit) -> str:
    """What typing is matched against: code and name, folded."""
    return fold(f"{u.code} {u.name}")


class UnitCompleter(QCompleter):
    """Completes unit codes and names anywhere in the words, accents optional."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt naming
        return [fold(path)]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802
        return str(index.data(NAME_ROLE))


class UnitLineEdit(QLineEdit):
    """One unit, typed by code or name with completion; `unit_code()` resolves the text."""

    def __init__(self, units: Sequence[Unit], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units = list(units)
        self.setPlaceholderText("Gõ mã hoặc tên đơn vị, có dấu hoặc không dấu")
        self.setClearButtonEnabled(True)
        model = QStandardItemModel(self)
        for u in self.units:
            item = QStandardItem(unit_label(u))
            item.setData(u.code, CODE_ROLE)
            item.setData(unit_key(u), KEY_ROLE)
            item.setData(u.name, NAME_ROLE)
            item.setEditable(False)
            model.appendRow(item)
        self.unit_completer = UnitCompleter(model, self)
        self.unit_completer.setCompletionRole(KEY_ROLE)
        self.unit_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.unit_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.unit_completer.setMaxVisibleItems(10)
        self.setCompleter(self.unit_completer)

    def unit_code(self, session: Session) -> str:
        """The unit typed: code, full name, or a part only one unit has; DomainError if not."""
        return typed_unit_code(session, self.text(), self.units)


def typed_unit_code(session: Session, typed: str, units: Sequence[Unit]) -> str:
    """What `UnitLineEdit.unit_code` says for `typed` among `units`, without the widget (a
    write's op resolves it on the worker)."""
    text = typed.strip()
    by_label = {unit_label(u): u.code for u in units}
    if text in by_label:
        return by_label[text]
    try:
        return dispatch.resolve_unit(session, text).code
    except DomainError:
        key = fold(text)
        matches = [u for u in units if key in unit_key(u)]
        if len(matches) == 1:
            return matches[0].code
        if len(matches) > 1:
            names = ", ".join(u.name for u in matches[:3])
            raise DomainError(
                f"«{text}» khớp {len(matches)} đơn vị ({names}…): chọn một trong danh sách."
            ) from None
        raise


class UnitChecklist(QWidget):
    """Several units: a filter box (Enter ticks the first match) over a checkable list."""

    changed = Signal()

    def __init__(
        self, units: Sequence[Unit], checked: Sequence[str] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.filter = QLineEdit(placeholderText="Lọc đơn vị… (Enter: chọn đơn vị đầu tiên)")
        self.filter.setClearButtonEnabled(True)
        self.filter.installEventFilter(self)
        self.list = QListWidget()
        self.list.setMinimumHeight(150)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.empty = QLabel("Không có đơn vị nào khớp.")
        self.empty.hide()
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        for u in units:
            item = QListWidgetItem(unit_label(u))
            item.setData(CODE_ROLE, u.code)
            item.setData(KEY_ROLE, unit_key(u))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = u.code in checked
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.filter, self.list, self.empty, self.chosen):
            layout.addWidget(w)
        self.setFocusProxy(self.filter)
        self.filter.textChanged.connect(self._apply_filter)
        self.list.itemChanged.connect(lambda _item: self._changed())
        self._changed()

    def items(self) -> list[QListWidgetItem]:
        """Every unit's row, hidden ones included."""
        return [self.list.item(i) for i in range(self.list.count())]

    def visible_labels(self) -> list[str]:
        """The rows the filter lets through."""
        return [it.text() for it in self.items() if not it.isHidden()]

    def checked_codes(self) -> list[str]:
        """Ticked units, in list order."""
        return [
            str(it.data(CODE_ROLE))
            for it in self.items()
            if it.checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, code: str, on: bool) -> None:
        """Tick or untick one unit by code."""
        for it in self.items():
            if it.data(CODE_ROLE) == code:
                it.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _apply_filter(self, text: str) -> None:
        key = fold(text.strip())
        for it in self.items():
            it.setHidden(bool(key) and key not in str(it.data(KEY_ROLE)))
        self.empty.setVisible(not self.visible_labels())

    def _changed(self) -> None:
        names = [it.text() for it in self.items() if it.checkState() == Qt.CheckState.Checked]
        self.chosen.setText("Đã chọn: " + "; ".join(names) if names else "Chưa chọn đơn vị nào.")
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter in the filter box toggles the first match, so units are chosen by keyboard."""
        if (
            watched is self.filter
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and self.filter.text().strip()
        ):
            first = next((it for it in self.items() if not it.isHidden()), None)
            if first is not None:
                on = first.checkState() != Qt.CheckState.Checked
                first.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                self.filter.clear()
            return True
        return super().eventFilter(watched, event)
