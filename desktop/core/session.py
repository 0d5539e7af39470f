"""The clerk's working context: the open database, who acts, today's date and the calendar.

Who acts: on a SQLite file without users, the single local user (the OS login), with all
rights, as before users existed; once the file has users, and always on the office server,
a user signed in with `sign_in` (the CLI and the desktop's sign-in dialog both call it, after
asking `needs_sign_in`). Every recorded event names `Session.actor`, the signed-in user's
login name when there is one.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Callable
from pathlib import Path

from db.store import Store
from desktop.core import permissions, users
from desktop.core import vocabulary as vocab
from desktop.core.calendar import WorkCalendar
from desktop.core.users import User


def _dates(values: object) -> list[dt.date]:
    if not isinstance(values, (list, tuple)):
        return []
    return [dt.date.fromisoformat(str(v)) for v in values]


class Session:
    """Everything a workflow needs besides its arguments; GUI and CLI each make one."""

    def __init__(
        self,
        store: Store,
        *,
        actor: str | None = None,
        user: User | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        system: bool = False,
    ) -> None:
        self.store = store
        # The signed-in user, or None for the local user of a file without users.
        self.user = user
        # The program acting on its own authority (tests, benchmarks, copying a database to
        # another engine): all rights without sign-in. A front end never makes one for a person.
        self.system = system and user is None
        self.actor = user.name if user is not None else (actor or _current_user())
        self._today = today
        self._calendar: WorkCalendar | None = None

    def on_store(self, store: Store) -> Session:
        """The same user and today on another connection (a worker thread's own)."""
        return Session(
            store, actor=self.actor, user=self.user, today=self._today, system=self.system
        )

    @classmethod
    def open(cls, path: Path | str, **kwargs: object) -> Session:
        """Open (creating and migrating as needed) the database at `path`."""
        from db import open_store

        return cls(open_store(path), **kwargs)  # type: ignore[arg-type]

    def today(self) -> dt.date:
        """The date deadlines and overdue are measured against."""
        return self._today()

    @property
    def calendar(self) -> WorkCalendar:
        """The working-day calendar with the agency's configured extra days."""
        if self._calendar is None:
            self._calendar = WorkCalendar(
                extra_days_off=_dates(vocab.read_setting(self.store, vocab.EXTRA_DAYS_OFF)),
                makeup_workdays=_dates(vocab.read_setting(self.store, vocab.MAKEUP_WORKDAYS)),
            )
        return self._calendar

    def settings_changed(self) -> None:
        """Forget cached settings after an edit."""
        self._calendar = None

    @property
    def deadline_days(self) -> int:
        """Working days allowed when a document states no reply-by date."""
        return vocab.read_setting(self.store, vocab.DEFAULT_DEADLINE_DAYS)

    def close(self) -> None:
        """Close the database."""
        self.store.close()


def needs_sign_in(store: Store) -> bool:
    """True when work on `store` needs a signed-in user: a server always, a file with users."""
    return permissions.sign_in_required(store)


def sign_in(
    store: Store,
    name: str,
    password: str,
    *,
    today: Callable[[], dt.date] = dt.date.today,
    now: Callable[[], dt.datetime] | None = None,
) -> Session:
    """A session for `name` after checking the password (desktop.core.users.authenticate).

    Raises users.SignInFailed (wrong name or password, disabled) or users.AccountLocked
    (five wrong passwords in a row: the message says until when); `now` is the clock."""
    user = users.authenticate(store, name, password, now=now)
    return Session(store, user=user, today=today)


def local_session(
    store: Store, *, actor: str | None = None, today: Callable[[], dt.date] = dt.date.today
) -> Session:
    """The single local user's session, or SignInRequired when the store needs sign-in."""
    if needs_sign_in(store):
        raise permissions.SignInRequired(permissions.no_user_message(store))
    return Session(store, actor=actor, today=today)


def _current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "clerk"
