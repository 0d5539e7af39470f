"""The kind of a count goes into its SQL as a literal from a closed set, the term of the tasks'
partial index; a year's tasks are counted through that index; an unknown kind is refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from db import open_store
from db.kinds import kind_sql


def test_kind_sql_names_one_kind_or_both() -> None:
    assert kind_sql("task") == "p.kind = 'task'"
    assert kind_sql("petition", "x") == "x.kind = 'petition'"
    assert kind_sql(None) == "1 = 1"
    with pytest.raises(ValueError, match="unknown kind"):
        kind_sql("task' OR 1 = 1 --")


@pytest.mark.sqlite_file
def test_a_years_task_count_walks_the_tasks_index(db_path: Path) -> None:
    store = open_store(db_path)
    try:
        plan = " ".join(
            str(r[3])
            for r in store.all(
                "EXPLAIN QUERY PLAN SELECT count(*) FROM petitions p WHERE p.deleted_at IS NULL"
                f" AND {kind_sql('task')} AND p.received_on >= ? AND p.received_on <= ?",
                [dt.date(2026, 1, 1).isoformat(), dt.date(2026, 12, 31).isoformat()],
            )
        )
        assert "petitions_tasks" in plan
    finally:
        store.close()
