"""A one-line label that gives up room when its row is crowded: the text elided in the middle
(a path or a server address keeps its start and its end), the whole text in the tooltip."""

from __future__ import annotations

from desktop.ui.qt import QLabel, QPainter, QPaintEvent, QSize, QSizePolicy, Qt

MIN_CHARS = 12  # how far it may shrink: about a dozen characters stay readable


class ElidedLabel(QLabel):
    """Plain text only; `text()` is always the whole text, drawn elided when too narrow."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        width = self.fontMetrics().averageCharWidth() * MIN_CHARS + self._margins()
        return QSize(min(width, hint.width()), hint.height())

    def _margins(self) -> int:
        m = self.contentsMargins()
        return m.left() + m.right()

    def is_elided(self) -> bool:
        """Whether the text is drawn shortened (the tooltip then carries it whole)."""
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if not self.is_elided():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideMiddle, rect.width()
        )
        painter.drawText(rect, int(self.alignment()), shown)
