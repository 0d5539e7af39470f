"""The clerk's working context: the open database, who acts, today's date and the calendar."""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Callable
from pathlib import Path

from db import reference as ref
from db.store import Store
from desktop.core.calendar import WorkCalendar

DEFAULT_DEADLINE_DAYS = 10


def _dates(values: object) -> list[dt.date]:
    if not isinstance(values, list):
        return []
    return [dt.date.fromisoformat(str(v)) for v in values]


class Session:
    """Everything a workflow needs besides its arguments; GUI and CLI each make one."""

    def __init__(
        self,
        store: Store,
        *,
        actor: str | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.store = store
        self.actor = actor or _current_user()
        self._today = today
        self._calendar: WorkCalendar | None = None

    @classmethod
    def open(cls, path: Path | str, **kwargs: object) -> Session:
        """Open (creating and migrating as needed) the database at `path`."""
        return cls(Store(path), **kwargs)  # type: ignore[arg-type]

    def today(self) -> dt.date:
        """The date deadlines and overdue are measured against."""
        return self._today()

    @property
    def calendar(self) -> WorkCalendar:
        """The working-day calendar with the agency's configured extra days."""
        if self._calendar is None:
            self._calendar = WorkCalendar(
                extra_days_off=_dates(ref.get_setting(self.store, "extra_days_off", [])),
                makeup_workdays=_dates(ref.get_setting(self.store, "makeup_workdays", [])),
            )
        return self._calendar

    def settings_changed(self) -> None:
        """Forget cached settings after an edit."""
        self._calendar = None

    @property
    def deadline_days(self) -> int:
        """Working days allowed when a document states no reply-by date."""
        return int(ref.get_setting(self.store, "default_deadline_days", DEFAULT_DEADLINE_DAYS))

    def close(self) -> None:
        """Close the database."""
        self.store.close()


def _current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "clerk"
