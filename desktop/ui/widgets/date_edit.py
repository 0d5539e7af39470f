"""A dd/mm/yyyy date field with a calendar button; empty means "no date"."""

from __future__ import annotations

import datetime as dt

from desktop.core.dates import format_date, parse_date
from desktop.ui.qt import (
    QCalendarWidget,
    QDate,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QRegularExpression,
    QRegularExpressionValidator,
    QToolButton,
    QWidget,
    QWidgetAction,
    Signal,
)

INVALID_STYLE = "QLineEdit { border: 1px solid #b00020; background: #fff4f4; }"


class DateEdit(QWidget):
    """Typed as dd/mm/yyyy or picked from a calendar; `date()` is None while empty."""

    dateChanged = Signal(object)  # noqa: N815 - Qt naming

    def __init__(self, value: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(placeholderText="dd/mm/yyyy")
        self.line.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,2}/?[0-9]{0,2}/?[0-9]{0,4}"))
        )
        self.line.setMaxLength(10)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(self.calendar.firstDayOfWeek().Monday)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        self.button = QToolButton(text="…", toolTip="Chọn ngày trên lịch")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setMenu(menu)
        self.button.setFocusPolicy(self.button.focusPolicy().NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.calendar.clicked.connect(self._picked)
        self.line.textChanged.connect(self._typed)
        self.setDate(value)

    def date(self) -> dt.date | None:
        """The date typed or picked; None when empty or not a real date."""
        return parse_date(self.line.text())

    def setDate(self, value: dt.date | None) -> None:  # noqa: N802 - Qt naming
        """Show a date (None empties the field)."""
        self.line.setText(format_date(value, empty=""))
        if value:
            self.calendar.setSelectedDate(QDate(value.year, value.month, value.day))

    def is_valid(self) -> bool:
        """Empty, or a real date."""
        return not self.line.text().strip() or self.date() is not None

    def _picked(self, qdate: QDate) -> None:
        self.setDate(dt.date(qdate.year(), qdate.month(), qdate.day()))
        self.button.menu().hide()
        self.line.setFocus()

    def _typed(self, _text: str) -> None:
        self.line.setStyleSheet("" if self.is_valid() else INVALID_STYLE)
        self.line.setToolTip("" if self.is_valid() else "Ngày không hợp lệ (dd/mm/yyyy)")
        self.dateChanged.emit(self.date())
