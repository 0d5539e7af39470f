"""Trích đoạn: a table cell painted as rich text, so the words a search matched show in bold."""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from desktop.ui.qt import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QPainter,
    QPalette,
    QPointF,
    QRect,
    QRectF,
    QTextDocument,
    QTextOption,
    QWidget,
)
from desktop.ui.widgets.row_delegate import RowDelegate

if TYPE_CHECKING:
    from desktop.ui.models.row_table import OverdueRowsModel

# Laid-out documents kept: a screenful of results is ~60 cells; scrolling back finds them.
CACHED = 300


class HighlightDelegate(RowDelegate):
    """Paints the HTML of `role` (escaped text, <b> spans) wrapped to the whole lines that fit;
    a cell without it is painted as the register's other cells."""

    def __init__(self, model: OverdueRowsModel, role: int, parent: QWidget | None = None) -> None:
        super().__init__(model, parent)
        self.role = role
        # Laying out rich text is the dear part of a paint (~0.3 ms a cell), and every repaint
        # (a scroll, the cursor blinking in the search box) paints each visible cell again: the
        # laid-out document of a cell is kept, by its markup, width and font.
        self._docs: OrderedDict[tuple[str, int, str], QTextDocument] = OrderedDict()
        self._wrap = QTextOption()
        # Long symbols (5606/VPCP-QHĐP) break too rather than run out of the cell.
        self._wrap.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)

    def _document(self, markup: str, width: int, font: QFont) -> QTextDocument:
        key = (markup, width, font.key())
        doc = self._docs.get(key)
        if doc is not None:
            self._docs.move_to_end(key)
            return doc
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultTextOption(self._wrap)
        doc.setDefaultFont(font)
        doc.setHtml(markup)
        doc.setTextWidth(max(1, width))
        self._docs[key] = doc
        if len(self._docs) > CACHED:
            self._docs.popitem(last=False)
        return doc

    def paint_cell(
        self, painter: QPainter, rect: QRect, row: int, col: int, colour: QColor
    ) -> None:
        """The marked HTML of a search result's cell; any other cell as the register's."""
        markup = self.model.more_data(row, col, self.role)
        if not markup:
            super().paint_cell(painter, rect, row, col, colour)
            return
        area = rect.adjusted(self.margin, 0, -self.margin, 0)
        doc = self._document(markup, area.width(), self.font)
        height = whole_lines_height(doc, area.height())
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, colour)
        clip = QRectF(0, 0, area.width(), height)
        context.clip = clip
        painter.save()
        painter.translate(QPointF(area.left(), area.top() + (area.height() - height) / 2))
        painter.setClipRect(clip)
        doc.documentLayout().draw(painter, context)
        painter.restore()


def whole_lines_height(doc: QTextDocument, available: float) -> float:
    """Height of the lines of the document that fit in `available` (at least one line):
    a line cut through the middle reads worse than one left out."""
    fit = 0.0
    block = doc.begin()
    while block.isValid():
        layout = block.layout()
        top = layout.position().y()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            bottom = top + line.y() + line.height()
            if bottom > available:
                return fit or min(bottom, available)
            fit = bottom
        block = block.next()
    return fit
