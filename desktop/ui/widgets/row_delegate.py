"""Register cells painted from the model's display strings, each laid out once.

QStyledItemDelegate lays a cell's text out again on every paint (itemizing, shaping, eliding
a Vietnamese line), and a register repaints every visible cell at each page of rows, scroll
step or selection change. Here a cell's text is elided and shaped once into a QStaticText,
kept by text, width and weight; later paints only draw its glyphs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.models.row_table import BOLD, OVERDUE_BRUSH
from desktop.ui.qt import (
    QApplication,
    QColor,
    QFont,
    QFontMetrics,
    QModelIndex,
    QPainter,
    QPalette,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QStaticText,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
    Qt,
    QWidget,
)

if TYPE_CHECKING:
    from desktop.ui.models.row_table import OverdueRowsModel

# Laid-out cells kept: a 1920×1080 screen shows ~400; scrolling back finds the last few
# screens. Dropped all at once past this (cheaper than keeping an LRU order on every paint).
CACHED = 4000
SELECTED = QStyle.StateFlag.State_Selected.value
ENABLED = QStyle.StateFlag.State_Enabled.value
ACTIVE = QStyle.StateFlag.State_Active.value
HAS_FOCUS = QStyle.StateFlag.State_HasFocus.value
OVERDUE = QColor(OVERDUE_BRUSH.color())


def colour_group(state: int) -> QPalette.ColorGroup:
    """The palette group a cell in this state is painted from."""
    if not state & ENABLED:
        return QPalette.ColorGroup.Disabled
    return QPalette.ColorGroup.Active if state & ACTIVE else QPalette.ColorGroup.Inactive


class RowDelegate(QStyledItemDelegate):
    """Paints the cells of an OverdueRowsModel as the default delegate would (selection, red
    overdue rows, the due date bold, text elided with …), from text laid out once.

    RegisterView calls `prepare`, `text_colour` and `paint_cell` itself, in one pass over the
    visible cells; `paint` is the usual per-cell entry for anything else that paints a cell."""

    def __init__(self, model: OverdueRowsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._texts: dict[tuple[str, int, bool], tuple[QStaticText, QFont, int]] = {}
        self.font = QFont()
        self.bold = QFont()
        self.margin = -1  # Qt's own margin around a cell's text, from the style

    def prepare(self, option: QStyleOptionViewItem) -> None:
        """Before painting: the view's font and the style's text margin; the laid-out texts
        are dropped when the font changed since they were made."""
        if self.margin < 0 or option.font != self.font:
            self.forget()
            self.font = QFont(option.font)
            # The model's BOLD only says "bold": Qt resolves it against the view's font.
            self.bold = BOLD.resolve(self.font)
            widget = option.widget
            style = widget.style() if widget is not None else QApplication.style()
            metric = QStyle.PixelMetric.PM_FocusFrameHMargin
            self.margin = style.pixelMetric(metric, None, widget) + 1

    def forget(self) -> None:
        """The view's font changed: every laid-out text is dropped."""
        self._texts.clear()

    def text_colour(self, palette: QPalette, state: int, row: int) -> QColor:
        """The colour of a row's text: selected, overdue (red) or plain."""
        group = colour_group(state)
        if state & SELECTED:
            return palette.color(group, QPalette.ColorRole.HighlightedText)
        if self.model.overdue[row]:
            return OVERDUE
        return palette.color(group, QPalette.ColorRole.Text)

    def lay_out(self, row: int, col: int, width: int) -> None:
        """Lay the cell's text out for a cell `width` wide, kept for its paints."""
        self._plain(row, col, width)

    def _plain(self, row: int, col: int, width: int) -> tuple[QStaticText, QFont, int] | None:
        """The cell's text elided to a cell `width` wide and laid out (kept for later paints),
        with its font and height; None for an empty cell."""
        model = self.model
        text = model.cells[row][col]
        if not text:
            return None
        bold = model.overdue[row] and col == model.due_column
        width -= 2 * self.margin
        key = (text, width, bold)
        laid = self._texts.get(key)
        if laid is None:
            font = self.bold if bold else self.font
            metrics = QFontMetrics(font)
            shown = QStaticText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, width))
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.prepare(font=font)
            if len(self._texts) >= CACHED:
                self._texts.clear()
            laid = self._texts[key] = (shown, font, metrics.height())
        return laid

    def paint_cell(
        self, painter: QPainter, rect: QRect, row: int, col: int, colour: QColor
    ) -> None:
        """The cell's text (the background is painted already): one line, left and vertically
        centred, elided to the cell's width."""
        laid = self._plain(row, col, rect.width())
        if laid is None:
            return
        shown, font, height = laid
        painter.setPen(colour)
        painter.setFont(font)
        top = rect.top() + (rect.height() - height) // 2
        painter.drawStaticText(QPoint(rect.left() + self.margin, top), shown)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        row = index.row()
        if not 0 <= row < len(self.model.cells):
            return
        self.prepare(option)
        state = option.state.value
        if state & SELECTED:
            group = colour_group(state)
            painter.fillRect(option.rect, option.palette.brush(group, QPalette.ColorRole.Highlight))
        colour = self.text_colour(option.palette, state, row)
        self.paint_cell(painter, option.rect, row, index.column(), colour)
        if state & HAS_FOCUS:
            draw_focus(painter, option, option.rect)


def draw_focus(painter: QPainter, option: QStyleOptionViewItem, rect: QRect) -> None:
    """The current cell's focus frame, as QStyledItemDelegate draws it."""
    focus = QStyleOptionFocusRect()
    focus.rect = rect
    focus.state = option.state | QStyle.StateFlag.State_KeyboardFocusChange
    focus.state |= QStyle.StateFlag.State_Item
    focus.palette = option.palette
    state = option.state.value
    role = QPalette.ColorRole.Highlight if state & SELECTED else QPalette.ColorRole.Window
    focus.backgroundColor = option.palette.color(colour_group(state), role)
    widget = option.widget
    style = widget.style() if widget is not None else QApplication.style()
    style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, widget)
