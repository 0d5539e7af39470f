"""Trích đoạn: a table cell whose words a search matched show in bold (its markup laid out as
text with bold ranges)."""

from __future__ import annotations

import html
import re
from collections import OrderedDict
from typing import TYPE_CHECKING

from desktop.ui.qt import (
    QColor,
    QFont,
    QPainter,
    QPointF,
    QRect,
    QRectF,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
    QWidget,
)
from desktop.ui.widgets.row_delegate import RowDelegate

if TYPE_CHECKING:
    from desktop.ui.models.row_table import OverdueRowsModel

# Laid-out cells kept: a screenful of results is ~60 cells; scrolling back finds them.
CACHED = 300
# Lines laid out at most: a result's row shows two; a taller row (a larger font) a few more.
MAX_LINES = 6
MARK = re.compile(r"</?b>")


class HighlightDelegate(RowDelegate):
    """Paints the HTML of `role` (escaped text, <b> spans) wrapped to the whole lines that fit;
    a cell without it is painted as the register's other cells."""

    def __init__(self, model: OverdueRowsModel, role: int, parent: QWidget | None = None) -> None:
        super().__init__(model, parent)
        self.role = role
        # Laying out is the dear part of a cell's paint, and every repaint (a scroll, a
        # selection) paints each visible cell again: a cell's layout is kept, by its markup and
        # width. A QTextLayout with bold ranges, not rich text: a QTextDocument or a rich
        # QStaticText parses the HTML and builds a document for each cell, 3-5x the time.
        self._marked: OrderedDict[tuple[str, int], tuple[QTextLayout, list[float]]]
        self._marked = OrderedDict()
        self._wrap = QTextOption()
        # Long symbols (5606/VPCP-QHĐP) break too rather than run out of the cell.
        self._wrap.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._bold = QTextCharFormat()
        self._bold.setFontWeight(QFont.Weight.Bold)

    def forget(self) -> None:
        """The view's font changed: every laid-out text is dropped."""
        super().forget()
        self._marked.clear()

    def _laid_out(self, markup: str, width: int) -> tuple[QTextLayout, list[float]]:
        """The markup's text laid out `width` wide, and the bottom of each of its lines."""
        key = (markup, width)
        laid = self._marked.get(key)
        if laid is not None:
            self._marked.move_to_end(key)
            return laid
        text, bold = parse_marked(markup)
        layout = QTextLayout(text, self.font)
        layout.setTextOption(self._wrap)
        layout.setCacheEnabled(True)  # the shaped glyphs are kept for the later paints
        ranges = []
        for start, length in bold:
            bold_range = QTextLayout.FormatRange()
            bold_range.start, bold_range.length, bold_range.format = start, length, self._bold
            ranges.append(bold_range)
        layout.setFormats(ranges)
        bottoms: list[float] = []
        layout.beginLayout()
        while len(bottoms) < MAX_LINES:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(1, width))
            line.setPosition(QPointF(0, bottoms[-1] if bottoms else 0))
            bottoms.append(line.position().y() + line.height())
        layout.endLayout()
        laid = self._marked[key] = (layout, bottoms)
        if len(self._marked) > CACHED:
            self._marked.popitem(last=False)
        return laid

    def lay_out(self, row: int, col: int, width: int) -> None:
        """Lay the cell out for a cell `width` wide, kept for its paints."""
        markup = self.model.more_data(row, col, self.role)
        if markup:
            self._laid_out(markup, width - 2 * self.margin)
        else:
            super().lay_out(row, col, width)

    def paint_cell(
        self, painter: QPainter, rect: QRect, row: int, col: int, colour: QColor
    ) -> None:
        """The marked HTML of a search result's cell; any other cell as the register's."""
        markup = self.model.more_data(row, col, self.role)
        if not markup:
            super().paint_cell(painter, rect, row, col, colour)
            return
        area = rect.adjusted(self.margin, 0, -self.margin, 0)
        layout, bottoms = self._laid_out(markup, area.width())
        if not bottoms:
            return
        height = whole_lines_height(bottoms, area.height())
        top = area.top() + (area.height() - height) / 2
        painter.save()
        painter.setClipRect(QRectF(area.left(), top, area.width(), height))
        painter.setPen(colour)
        layout.draw(painter, QPointF(area.left(), top))
        painter.restore()


def parse_marked(markup: str) -> tuple[str, list[tuple[int, int]]]:
    """The text of a cell's markup (escaped text, <b> spans never nested, as made by
    petition_table_model.excerpt_html) and its bold ranges (start, length)."""
    text: list[str] = []
    bold: list[tuple[int, int]] = []
    at = 0
    for i, part in enumerate(MARK.split(markup)):
        plain = html.unescape(part)
        if i % 2 and plain:
            bold.append((at, len(plain)))
        text.append(plain)
        at += len(plain)
    return "".join(text), bold


def whole_lines_height(bottoms: list[float], available: float) -> float:
    """Height of the lines of a laid-out text that fit in `available` (at least one line):
    a line cut through the middle reads worse than one left out."""
    fit = [bottom for bottom in bottoms if bottom <= available]
    return fit[-1] if fit else min(bottoms[0], available)
