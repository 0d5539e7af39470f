"""The domain's words are defined once (desktop/core/vocabulary.py), and the rest agrees."""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from db import backup, models
from db.models import Outcome, Role, Status
from desktop.core import vocabulary as vocab

ROOT = Path(__file__).resolve().parents[2]
VOCABULARY = ROOT / "desktop" / "core" / "vocabulary.py"
# Files allowed to write a copy, each with its reason: none (migrations keep frozen copies of
# the statuses and roles, but as lists of stored words, which these checks do not look for).
KNOWN_OVERDUE_COPIES: set[Path] = set()
KNOWN_LABEL_COPIES: set[Path] = set()


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


def _taken_elsewhere(source: str) -> list[str]:
    """Names of the vocabulary imported from another desktop module (a re-export of it)."""
    return [
        alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom)
        and (node.module or "").startswith("desktop.")
        and node.module != "desktop.core.vocabulary"
        for alias in node.names
        if alias.name in vocab.__all__
    ]


def test_the_vocabulary_is_taken_from_the_vocabulary() -> None:
    """No module hands on the vocabulary's words (`from desktop.core.workflow import
    STATUS_LABELS` once did): there is one place to take them from."""
    found = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in [*_sources(), *(ROOT / "tests").rglob("*.py")]
        for name in _taken_elsewhere(path.read_text(encoding="utf-8"))
    ]
    assert found == []
    assert _taken_elsewhere("from desktop.core.workflow import STATUS_LABELS as STATUS_LABELS")
    assert not _taken_elsewhere("from desktop.core.vocabulary import STATUS_LABELS, is_overdue")
    # Nor as an attribute of the two modules that used to hand them on.
    for module, name in (("workflow", "STATUS_LABELS"), ("petitions", "OPEN_STATUSES")):
        assert not hasattr(importlib.import_module(f"desktop.core.{module}"), name)


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
    # The overdue rule in SQL is db.models.OVERDUE_SQL, written nowhere else in db.
    assert models.OVERDUE_SQL == "p.status IN ('registered', 'assigned') AND p.due_on < ?"
    rule = re.compile(r"IN \(\{OPEN_SQL\}\)\s+AND\s+\w+\.due_on\s*<")
    again = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "db").rglob("*.py")
        if p.name != "models.py" and rule.search(p.read_text(encoding="utf-8"))
    ]
    assert again == []
    assert rule.search('f"p.status IN ({OPEN_SQL}) AND p.due_on < ?"')


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


def test_every_setting_has_one_default() -> None:
    """The shipped settings name only keys of the vocabulary and repeat none of their defaults;
    db's own reader of the backup count agrees with the vocabulary's key."""
    seed = json.loads((ROOT / "resources" / "reference" / "settings.json").read_text("utf-8"))
    keys = {k.name: k for k in vocab.SETTINGS}
    assert set(seed) <= set(keys)
    assert [name for name, value in seed.items() if value == keys[name].default] == []
    key = vocab.BACKUP_KEEP
    assert (key.name, key.default) == (backup.KEEP_KEY, backup.DEFAULT_KEEP)


def _setting_strings(source: str, names: set[str]) -> list[str]:
    """String constants naming a setting, outside `__all__` lists (which name functions)."""
    tree = ast.parse(source)
    exported = {
        id(c)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
        for c in ast.walk(node.value)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in names and id(node) not in exported
    ]


def test_no_setting_is_named_by_its_raw_key() -> None:
    """desktop/ and db/ name a setting by its typed key, never as a string of its own."""
    # `place` and `signer` are also columns of letters and notices (read as r["place"]).
    names = {k.name for k in vocab.SETTINGS} - {"place", "signer"}
    allowed = {VOCABULARY, ROOT / "db" / "backup.py"}  # db's copy of one key, checked above
    found = [
        f"{p.relative_to(ROOT)}: {name}"
        for top in ("desktop", "db")
        for p in (ROOT / top).rglob("*.py")
        if p not in allowed and p.name != "migrations.py"
        for name in _setting_strings(p.read_text(encoding="utf-8"), names)
    ]
    assert found == []
    assert _setting_strings('problems["agency_name"] = "x"', names) == ["agency_name"]
    assert _setting_strings('__all__ = ["deadline_rules"]', names) == []
