"""How days and moments are written for the clerk: dd/mm/yyyy, and dd/mm/yyyy HH:MM.

Every screen that shows a stored stamp (a history line, a correction, a progress report)
writes it through here, so the detail pane and the lists never disagree (the history once
read `2026-12-01 08:40` beside dates written 01/12/2026).
"""

from __future__ import annotations

import datetime as dt

DATE_FORMAT = "%d/%m/%Y"
DATETIME_FORMAT = "%d/%m/%Y %H:%M"
TIME_FORMAT = "%H:%M"
FILE_DATE_FORMAT = "%d-%m-%Y"  # a file name cannot hold a slash
EMPTY = "—"


def parse_date(text: str) -> dt.date | None:
    """A typed `dd/mm/yyyy` (or d/m/yyyy) as a date; None when it is not a real date."""
    text = text.strip()
    if len(text.rsplit("/", 1)[-1]) != 4:  # strptime would take "30/11/2" as year 2
        return None
    try:
        return dt.datetime.strptime(text, DATE_FORMAT).date()
    except ValueError:
        return None


def format_date(day: dt.date | str | None, empty: str = EMPTY) -> str:
    """A day as dd/mm/yyyy; an ISO text (a date or a stamp) is read first; `empty` for none."""
    if day is None or day == "":
        return empty
    if not isinstance(day, str):
        return day.strftime(DATE_FORMAT)
    try:
        return dt.date.fromisoformat(day[:10]).strftime(DATE_FORMAT)
    except ValueError:
        return day  # never hide what is stored, even malformed


def format_datetime(moment: dt.datetime | str | None, empty: str = EMPTY) -> str:
    """A moment as dd/mm/yyyy HH:MM, in the wall time it was written with (the office works in
    one time zone; a stamp carries the writer's offset); `empty` for none."""
    if moment is None or moment == "":
        return empty
    if not isinstance(moment, str):
        return moment.strftime(DATETIME_FORMAT)
    try:
        return dt.datetime.fromisoformat(moment).strftime(DATETIME_FORMAT)
    except ValueError:
        return moment


def format_time(moment: dt.datetime) -> str:
    """The time of day of a moment, HH:MM (a note that says when something was just done)."""
    return moment.strftime(TIME_FORMAT)


def format_file_date(day: dt.date) -> str:
    """A day as dd-mm-yyyy, for the name of a file the clerk saves."""
    return day.strftime(FILE_DATE_FORMAT)
