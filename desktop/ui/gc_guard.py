"""Cyclic garbage collected on the UI thread only.

Python runs its cyclic collector on whichever thread happens to allocate. A cycle holding a Qt
object (a closed dialog, a dropped query runner) collected on a worker thread deletes that
object off its thread: its timers stay registered in the UI thread's event loop and the next
tick crashes it. So the automatic collector is off and a UI-thread timer collects instead, as
PyQt's and Anki's desktops do.

It keeps CPython's own rule for the oldest generation too: a full collection waits until the
objects that lived into it grew by a quarter since the last one. Without that rule a full
collection ran after every ten young ones, and with a long register loaded (tens of thousands
of rows) each took 15-20 ms of a scroll.
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
        self.long_lived = 0  # objects in the oldest generation after the last full collection

    def check(self) -> None:
        """Collect the generations whose thresholds were passed since the last tick."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        if counts[2] > thresholds[2] and self._full_collection_due():
            gc.collect(2)
            self.long_lived = len(gc.get_objects(generation=2))
            return
        for generation in (1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return

    def _full_collection_due(self) -> bool:
        # Counting the oldest generation's objects is a list of pointers, a few hundred times
        # cheaper than collecting them.
        grown = len(gc.get_objects(generation=2)) - self.long_lived
        return grown >= self.long_lived // 4
