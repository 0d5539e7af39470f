"""Cyclic garbage collected on the UI thread only.

Python runs its cyclic collector on whichever thread happens to allocate. A cycle holding a Qt
object (a closed dialog, a dropped query runner) collected on a worker thread deletes that
object off its thread: its timers stay registered in the UI thread's event loop and the next
tick crashes it. So the automatic collector is off and a UI-thread timer collects instead, as
PyQt's and Anki's desktops do.
"""

from __future__ import annotations

import gc

from desktop.ui.qt import QObject, QTimer

INTERVAL_MS = 1000


class UiThreadCollector(QObject):
    """Turns the automatic collector off and collects on the UI thread when it would have."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        """Collect the generations whose thresholds were passed since the last tick."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return
