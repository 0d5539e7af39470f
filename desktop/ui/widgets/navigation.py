"""The navigation on the left of the main window: an icon per screen, and beside Kiến nghị,
Quá hạn and Nhiệm vụ how many rows they list, counted off the UI thread after every write."""

from __future__ import annotations

from desktop.core.agenda import format_count
from desktop.core.screen_counts import ScreenCounts, screen_counts
from desktop.ui.context import UiContext
from desktop.ui.qt import (
    QBrush,
    QColor,
    QIcon,
    QListWidget,
    QListWidgetItem,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from resources import path as resource_path

# One small SVG per screen key (resources/icons/), the overdue list's in the app's red.
ICON_FOLDER = "icons"
# Which count stands beside which entry.
COUNTED = {"petitions": "petitions", "overdue": "overdue", "tasks": "tasks"}
OVERDUE_COLOUR = "#b00020"
# A burst of writes (an import, a batch of replies) is counted once, after it settles.
RECOUNT_DELAY_MS = 300
KEY_ROLE = Qt.ItemDataRole.UserRole
WIDEST = 9_999_999  # the widest count the navigation keeps room for


class Navigation(QListWidget):
    """One entry per screen, in the order added; `counts` is the last answer (None before)."""

    counted = Signal()  # the counts arrived (tests wait on it)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.titles: dict[str, str] = {}
        self.counts: ScreenCounts | None = None
        self.setIconSize(QSize(20, 20))
        self.setSpacing(1)
        self._recount = QTimer(self, singleShot=True, interval=RECOUNT_DELAY_MS)
        self._recount.timeout.connect(self.refresh_counts)
        ctx.bus.changed.connect(self._recount.start)
        self.refresh_counts()

    def add_entry(self, key: str, title: str) -> None:
        """An entry for a screen (its icon by key), with its count once known."""
        self.titles[key] = title
        file = resource_path(f"{ICON_FOLDER}/{key}.svg")
        icon = QIcon(str(file)) if file.is_file() else QIcon()
        item = QListWidgetItem(icon, title)
        item.setData(KEY_ROLE, key)
        self.addItem(item)
        self._show_counts()

    def item_for(self, key: str) -> QListWidgetItem:
        """The entry of a screen."""
        return next(self.item(r) for r in range(self.count()) if self.item(r).data(KEY_ROLE) == key)

    def refresh_counts(self) -> None:
        """Count the lists again in the background (the entries keep their numbers meanwhile)."""
        self.ctx.runner.run_op(
            screen_counts, self._arrived, key="navigation-counts", owner=self,
            on_error=self._failed, changes=False,
        )  # fmt: skip

    def _arrived(self, counts: ScreenCounts) -> None:
        self.counts = counts
        self._show_counts()
        self.counted.emit()

    def _failed(self, message: str) -> None:
        # The entries still work without numbers; say why they are missing where one looks.
        self.counts = None
        self._show_counts()
        self.setToolTip(f"Không đếm được số kiến nghị, nhiệm vụ: {message}")

    def _show_counts(self) -> None:
        for row in range(self.count()):
            item = self.item(row)
            key = item.data(KEY_ROLE)
            title = self.titles[key]
            n = getattr(self.counts, COUNTED[key]) if self.counts and key in COUNTED else None
            item.setText(title if n is None else f"{title} ({format_count(n)})")
            late = key == "overdue" and bool(n)
            item.setForeground(QBrush(QColor(OVERDUE_COLOUR)) if late else QBrush())
        if self.counts is not None:
            self.setToolTip("")
        # Wide enough for the longest entry with its count: "Kiến nghị (1.234.567)" is never
        # cut. Room for a count of WIDEST is kept from the start, so that the counts arriving
        # (or growing) do not widen the navigation, which moved every widget of the window by a
        # pixel and repainted them all (20 ms) just as the clerk started typing.
        metrics = self.fontMetrics()
        texts = [self.item(r).text() for r in range(self.count())]
        shown = max((metrics.horizontalAdvance(text) for text in texts), default=0)
        kept = max(
            (
                metrics.horizontalAdvance(f"{title} ({format_count(WIDEST)})")
                for key, title in self.titles.items()
                if key in COUNTED
            ),
            default=shown,
        )
        room = max(0, kept - shown)
        self.setMinimumWidth(self.sizeHintForColumn(0) + room + 2 * self.frameWidth() + 6)
