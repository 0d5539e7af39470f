"""Ô tìm kiếm: the register's search box, with the keys that lead from it to the results, and
the switch between the best and the newest matches first."""

from __future__ import annotations

from desktop.core.types import Order
from desktop.ui.qt import QComboBox, QKeyEvent, QLineEdit, QSettings, Qt, QWidget, Signal

PLACEHOLDER = "Tìm kiến nghị (có dấu hoặc không dấu)… Ctrl+F"
ORDER_KEY = "petitions/search_order"
ORDERS: dict[Order, str] = {"relevance": "Phù hợp nhất", "newest": "Mới nhất"}


class SearchBox(QLineEdit):
    """Down or PageDown: go to the results (`to_results`); Escape: clear it (`escaped`).
    Enter is QLineEdit's own `returnPressed`."""

    to_results = Signal()
    escaped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(PLACEHOLDER)
        self.setClearButtonEnabled(True)
        self.setToolTip(
            "Gõ có dấu hoặc không dấu; đặt cụm từ trong ngoặc kép để tìm đúng cụm.\n"
            "Mũi tên xuống hoặc Enter: sang kết quả. Esc: xóa ô tìm, về sổ kiến nghị."
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            self.to_results.emit()
            event.accept()
            return
        if plain and key == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.escaped.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class OrderSwitch(QComboBox):
    """Phù hợp nhất / Mới nhất: the order of search results, remembered between runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for key, label in ORDERS.items():
            self.addItem(label, key)
        self.setCurrentIndex(max(0, self.findData(QSettings().value(ORDER_KEY, "relevance"))))
        self.setToolTip("Thứ tự kết quả tìm kiếm")
        self.currentIndexChanged.connect(lambda _: QSettings().setValue(ORDER_KEY, self.order()))

    def order(self) -> Order:
        """The order chosen."""
        return "newest" if self.currentData() == "newest" else "relevance"
