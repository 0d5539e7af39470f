"""Có thể trùng: while the clerk types a petition, a yellow line naming a petition of the same
origin, received in the last 12 months, with nearly the same text. A warning, never a block."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from desktop.core.dates import format_date
from desktop.core.similar import DuplicatesFound, find_duplicates
from desktop.core.types import SimilarPetition
from desktop.ui.context import UiContext
from desktop.ui.qt import QLabel, QResizeEvent, Qt, QTimer, QVBoxLayout, QWidget, Signal
from desktop.ui.widgets.similar_panel import SimilarPanel, alive_flag

CHECK_DELAY_MS = 400  # typing pauses shorter than this start no check
SHOWN_ROWS = 3
SUMMARY_CHARS = 120
LIST_HEIGHT = 260  # at most, under the grid; the list scrolls beyond
WARNING_STYLE = (
    "background: #fff3bf; color: #4d3b00; border: 1px solid #e0b800; border-radius: 3px;"
    " padding: 4px 6px;"
)


def warning_text(s: SimilarPetition) -> str:
    """Có thể trùng: kiến nghị của {origin} ngày {dd/mm/yyyy} (giống {score}) — {summary}."""
    summary = " ".join(s.summary.split())
    if len(summary) > SUMMARY_CHARS:
        summary = summary[: SUMMARY_CHARS - 1] + "…"
    return (
        f"Có thể trùng: kiến nghị của {s.origin} ngày {format_date(s.received_on)}"
        f" (giống {s.score:.0%}) — {summary}"
    )


class DuplicateWarning(QWidget):
    """The yellow line under the petitions being typed, with "Xem" to list the earlier ones."""

    checked = Signal(int)  # rows with a possible duplicate, after each check

    def __init__(
        self,
        ctx: UiContext,
        rows: Callable[[], list[tuple[str, str]]],
        day: Callable[[], dt.date | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._rows, self._day = rows, day
        self.found: DuplicatesFound = []
        self._alive = alive_flag(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)
        self.label = QLabel()
        self.label.setStyleSheet(WARNING_STYLE)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.label.linkActivated.connect(lambda _link: self.toggle_list())
        self.panel = SimilarPanel(ctx, title="", with_use=False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.panel)
        self._show([])

    def schedule(self) -> None:
        """Check again once typing pauses."""
        self._timer.start()

    def check_now(self) -> None:
        """Look for near duplicates of the rows as they are now (off the UI thread)."""
        self._timer.stop()
        rows, day = list(self._rows()), self._day() or self.ctx.session.today()
        alive = self._alive

        def done(found: DuplicatesFound) -> None:
            if alive():
                self._show(found)

        def failed(message: str) -> None:
            # In the yellow line, not a dialog: a box popping up at every pause in typing would
            # stop the clerk; the petitions can still be registered.
            if alive():
                self._show([])
                self.label.setText(html.escape(f"Không kiểm tra được trùng lặp: {message}"))
                self.label.show()

        # Run even with nothing to check, so that an older answer still on its way is dropped.
        self.ctx.runner.run_query(
            lambda store: find_duplicates(store, rows, day), done, key="near-duplicates",
            owner=self, on_error=failed,
        )  # fmt: skip

    def toggle_list(self) -> None:
        """Xem / Ẩn the earlier petitions."""
        self.panel.setVisible(not self.panel.isVisible() and bool(self.found))
        self._show(self.found)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt naming
        super().resizeEvent(event)
        self._fit_list()

    def _fit_list(self) -> None:
        # As tall as its items (the grid above keeps the rest), up to LIST_HEIGHT.
        self.panel.setFixedHeight(min(LIST_HEIGHT, self.panel.content_height(self.width()) + 2))

    def text(self) -> str:
        """The warning as the clerk reads it ("" when hidden)."""
        if self.isHidden() or self.label.isHidden():
            return ""
        return html.unescape(self.label.text().split("<a ", 1)[0].replace("<br>", "\n")).strip()

    def _show(self, found: DuplicatesFound) -> None:
        self.found = found
        if not found:
            self.label.hide()
            self.panel.hide()
            self.checked.emit(0)
            return
        several = sum(1 for o, c in self._rows() if o.strip() or c.strip()) > 1
        lines = [
            (f"Dòng {row + 1}: " if several else "") + html.escape(warning_text(dups[0]))
            for row, dups in found[:SHOWN_ROWS]
        ]
        if len(found) > SHOWN_ROWS:
            lines.append(f"… và {len(found) - SHOWN_ROWS} dòng khác")
        link = "Ẩn" if self.panel.isVisible() else "Xem"
        self.label.setText("<br>".join(lines) + f" &nbsp;<a href='list'>{link}</a>")
        self.label.show()
        unique = {s.id: s for _, dups in found for s in dups}
        self.panel.show_results(sorted(unique.values(), key=lambda s: s.score, reverse=True))
        self._fit_list()
        self.checked.emit(len(found))
