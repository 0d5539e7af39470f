"""One signal hub: every write announces itself so each screen refreshes at once."""

from __future__ import annotations

from desktop.ui.qt import QObject, Signal


class DataBus(QObject):
    """`changed` is emitted after any write made through the desktop."""

    changed = Signal()
