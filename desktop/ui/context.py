"""What every screen and dialog of the desktop shares: the session, the query runner, the bus."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.session import Session
from desktop.ui.bus import DataBus
from desktop.ui.worker import QueryRunner


@dataclass
class UiContext:
    """Passed to every screen and dialog: `session` for quick work on the UI thread, `runner`
    for reads (`run_query`) and writes (`run_op`, as the same user) that may take longer,
    `bus.changed` after each write."""

    session: Session
    runner: QueryRunner
    bus: DataBus

    def __post_init__(self) -> None:
        self.runner.bind(self.session, self.bus)

    def changed(self) -> None:
        """Announce a write so the list, detail pane and dashboard refresh."""
        self.bus.changed.emit()
