"""The domain's words are defined once (desktop/core/vocabulary.py), and the rest agrees."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from db import models
from db.models import Outcome, Role, Status
from desktop.core import vocabulary as vocab

ROOT = Path(__file__).resolve().parents[2]
VOCABULARY = ROOT / "desktop" / "core" / "vocabulary.py"
# Files that still write a copy, each with the reason; a copy anywhere else fails the test.
# petition_table_model.py was being edited by another engineer when the vocabulary landed:
# its `_overdue` is to become `vocabulary.is_overdue` (issue #12, item 1).
KNOWN_OVERDUE_COPIES = {ROOT / "desktop" / "ui" / "models" / "petition_table_model.py"}
# dashboard.py was being edited too; its card titles «Đã trả lời», «Đã hoàn thành», «Cần làm rõ»
# are to be taken from vocabulary.STATUS_LABELS / TASK_STATUS_LABELS.
KNOWN_LABEL_COPIES = {ROOT / "desktop" / "ui" / "screens" / "dashboard.py"}


def _sources() -> list[Path]:
    """Every Python file of the program (not the tests, not the vocabulary itself)."""
    found = [
        p for top in ("db", "desktop", "benchmarks", "scripts") for p in (ROOT / top).rglob("*.py")
    ]
    assert len(found) > 100  # the walk really reached the program
    return [p for p in found if p != VOCABULARY]


def _literal(text: str) -> re.Pattern[str]:
    return re.compile(r"""["']""" + re.escape(text) + r"""["']""")


LABELS = {
    *vocab.STATUS_LABELS.values(),
    *vocab.TASK_STATUS_LABELS.values(),
    *vocab.ROLE_LABELS.values(),
    *vocab.ASSIGNMENT_ROLE_LABELS.values(),
}
# `status in OPEN_STATUSES and due_on is not None and due_on < today`, under any names.
OVERDUE = re.compile(
    r"\.status\s+in\s+[\w.]*OPEN_STATUSES\s+and\s+[\w.]*due_on\s+is\s+not\s+None"
    r"|\.status\s+in\s+[\w.]*OPEN_STATUSES\s+and\s+[\w.]*due_on\s*<"
)


def test_no_label_is_written_outside_the_vocabulary() -> None:
    """A status or role label as a string literal anywhere else is a second definition."""
    patterns = {label: _literal(label) for label in LABELS}
    found = [
        f"{path.relative_to(ROOT)}: {label!r}"
        for path in _sources()
        if path not in KNOWN_LABEL_COPIES
        for label, pattern in patterns.items()
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_overdue_rule_is_written_once() -> None:
    """Only vocabulary.is_overdue states the rule in Python (db states it in SQL, see below)."""
    assert OVERDUE.search(VOCABULARY.read_text(encoding="utf-8"))  # the pattern does match it
    found = [
        str(path.relative_to(ROOT))
        for path in _sources()
        if path not in KNOWN_OVERDUE_COPIES and OVERDUE.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_guards_see_a_copy() -> None:
    """The two checks above fail on a copy written as the code used to write it."""
    copy = (
        'x = {"assigned": "Đang xử lý"}\nok = r.status in pet.OPEN_STATUSES and r.due_on < today\n'
    )
    assert _literal("Đang xử lý").search(copy)
    assert OVERDUE.search(copy)
    assert OVERDUE.search("return row.status in OPEN_STATUSES and row.due_on is not None")


def test_db_sql_states_the_open_statuses_of_the_vocabulary() -> None:
    """db cannot import desktop: its copies of the groups must say the same."""
    assert models.OPEN_STATUSES == vocab.OPEN_STATUSES
    assert models.REPLIED_STATUSES == vocab.REPLIED_STATUSES
    assert models.OPEN_SQL == "'registered', 'assigned'"
    # No group of the vocabulary is spelt out again in db's SQL (migrations keep frozen copies).
    groups = {
        frozenset(g) for g in (vocab.OPEN_STATUSES, vocab.REPLIED_STATUSES, vocab.ANSWERED_STATUSES)
    }
    listed = re.compile(r"status IN \(((?:'[a-z]+'(?:, )?)+)\)")
    found = [
        f"{p.relative_to(ROOT)}: {m.group(0)}"
        for p in (ROOT / "db").rglob("*.py")
        if p.name != "migrations.py"
        for m in listed.finditer(p.read_text(encoding="utf-8"))
        if frozenset(re.findall(r"'([a-z]+)'", m.group(1))) in groups
    ]
    assert found == []
    assert listed.search("WHERE p.status IN ('registered', 'assigned')")  # the check can see one


def test_statuses_and_roles_match_the_schema_types() -> None:
    """Every stored word has a label, and no label names a word the schema lacks."""
    assert set(vocab.STATUSES) == set(get_args(Status)) == set(vocab.STATUS_LABELS)
    assert set(vocab.TASK_STATUS_LABELS) == set(vocab.STATUSES)
    assert set(vocab.OUTCOMES) == set(get_args(Outcome))
    assert set(vocab.ASSIGNMENT_ROLE_LABELS) == set(get_args(Role))
    assert set(vocab.ROLE_LABELS) == set(vocab.ROLES)
    assert set(vocab.TASK_STATUS_WORDS.values()) <= set(vocab.TASK_STATUSES)
    assert list(vocab.STATUS_LABELS) == list(vocab.STATUSES)  # the register sorts by it


@dataclass(frozen=True)
class _Item:
    status: str
    due_on: dt.date | None


def test_overdue_rule() -> None:
    """Open and due before today; due today, answered or without a date is not overdue."""
    today = dt.date(2026, 12, 1)
    yesterday = dt.date(2026, 11, 30)
    assert vocab.is_overdue(_Item("registered", yesterday), today)
    assert vocab.is_overdue(_Item("assigned", yesterday), today)
    assert not vocab.is_overdue(_Item("assigned", today), today)
    assert not vocab.is_overdue(_Item("assigned", None), today)
    for status in ("answered", "clarify", "escalated", "closed"):
        assert not vocab.is_overdue(_Item(status, yesterday), today)


def test_settings_read_their_one_default(session) -> None:  # type: ignore[no-untyped-def]
    """A missing setting reads as its key's default; a stored one as stored."""
    store = session.store
    names = [k.name for k in vocab.SETTINGS]
    assert len(names) == len(set(names))
    assert vocab.read_setting(store, vocab.NUMBERING_PER_UNIT) is False
    assert vocab.read_setting(store, vocab.DEFAULT_DEADLINE_DAYS) == 10
    vocab.write_setting(store, vocab.DEFAULT_DEADLINE_DAYS, 15)
    assert vocab.read_setting(store, vocab.DEFAULT_DEADLINE_DAYS) == 15
    assert session.deadline_days == 15
    vocab.write_setting(store, vocab.EXTRA_DAYS_OFF, ["2026-12-04"])
    session.settings_changed()
    assert not session.calendar.is_working_day(dt.date(2026, 12, 4))


def test_no_setting_key_is_read_by_its_string() -> None:
    """Settings are read through their typed keys, so a default is never written inline."""
    inline = re.compile(r"get_setting\([^,()]+,\s*[\"']")
    found = [
        str(p.relative_to(ROOT))
        for p in _sources()
        if p.parts[-2:] != ("db", "reference.py") and inline.search(p.read_text(encoding="utf-8"))
    ]
    assert found == []
