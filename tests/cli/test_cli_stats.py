"""`kiennghi stats --as-of D --kind petition|task|both`: what was answered or done by a day, through
the real command; without --as-of, today's numbers as before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from db import open_store
from desktop.core import tasks, workflow
from desktop.core.session import Session
from tests.cli.conftest import Run
from tests.conftest import Clock
from tests.kind_office import RECEIVED, add_tasks, petitions

D = dt.date
DUE = D(2026, 11, 20)


def _seed(db_path: Path) -> dict[str, int]:
    """A petition and a task led by THH, due 20/11: the petition answered on 15/11, the task
    reported done by its lead on 20/11; and a task due 10/11 never done."""
    clock = Clock(RECEIVED)
    s = Session(open_store(db_path), actor="tester", today=clock, system=True)
    ids = petitions(s, {"a": DUE}) | add_tasks(s, {"a": DUE, "b": D(2026, 11, 10)})
    clock.today = D(2026, 11, 15)
    workflow.reply(s, [ids["p_a"]], "answered", "Đã trả lời")
    clock.today = D(2026, 11, 20)
    tasks.report_progress(s, ids["t_a"], "Đã hoàn thành.", done=True)
    s.close()
    return ids


def _stats(run: Run, *args: str) -> Any:
    r = run("stats", *args, "--json")
    assert r.code == 0, r.err
    return r.json()


def _counts(data: Any) -> tuple[int, int, int, int]:
    return (data["received"], data["answered"], data["unanswered"], data["overdue"])


def _thh(data: Any) -> tuple[int, int, int, int]:
    (u,) = [u for u in data["by_unit"] if u["code"] == "THH"]
    return (u["done_on_time"], u["done_late"], u["open_in_time"], u["open_overdue"])


def test_as_of_before_and_after_the_reply_and_the_done_report(run: Run, db_path: Path) -> None:
    _seed(db_path)
    # The petition: unanswered on 14/11, answered from the day of its reply.
    before = _stats(run, "--as-of", "14/11/2026")
    assert (before["as_of"], before["kind"]) == ("2026-11-14", "petition")
    assert _counts(before) == (1, 0, 1, 0) and _thh(before) == (0, 0, 1, 0)
    after = _stats(run, "--as-of", "15/11/2026", "--kind", "petition")
    assert _counts(after) == (1, 1, 0, 0) and _thh(after) == (1, 0, 0, 0)
    # The tasks: the first still open on 19/11, done on 20/11 (its lead's report); the second
    # overdue from 11/11, the day after its due date.
    assert _counts(_stats(run, "--as-of", "10/11/2026", "--kind", "task")) == (2, 0, 2, 0)
    assert _counts(_stats(run, "--as-of", "11/11/2026", "--kind", "task")) == (2, 0, 2, 1)
    assert _counts(_stats(run, "--as-of", "19/11/2026", "--kind", "task")) == (2, 0, 2, 1)
    done = _stats(run, "--as-of", "20/11/2026", "--kind", "task")
    assert (done["kind"], _counts(done), _thh(done)) == ("task", (2, 1, 1, 1), (1, 0, 0, 1))
    # Both: the petition answered and the tasks open on 19/11; then the first task done.
    both = _stats(run, "--as-of", "19/11/2026", "--kind", "both")
    assert (both["kind"], _counts(both), _thh(both)) == ("both", (3, 1, 2, 1), (1, 0, 1, 1))
    assert _counts(_stats(run, "--as-of", "21/11/2026", "--kind", "both")) == (3, 2, 1, 1)
    # Received after the day: not counted.
    assert _counts(_stats(run, "--as-of", "30/09/2026", "--kind", "both")) == (0, 0, 0, 0)


def test_without_as_of_the_numbers_are_todays(run: Run, db_path: Path) -> None:
    _seed(db_path)
    today = _stats(run)
    assert set(today) == {"as_of", "kind", "received", "answered", "clarify", "escalated",
                          "unanswered", "overdue", "by_unit"}  # fmt: skip
    assert (today["as_of"], today["kind"]) == (None, "petition")
    assert _counts(today) == (1, 1, 0, 0)
    assert {k: v for k, v in today.items() if k != "as_of"} == {
        k: v for k, v in _stats(run, "--as-of", "23/11/2026").items() if k != "as_of"
    }
    assert _counts(_stats(run, "--kind", "task")) == (2, 1, 1, 1)
    assert _counts(_stats(run, "--kind", "both")) == (3, 2, 1, 1)


def test_human_output_says_the_day_and_the_kind(run: Run, db_path: Path) -> None:
    _seed(db_path)
    r = run("stats", "--as-of", "19/11/2026", "--kind", "task")
    assert r.code == 0, r.err
    assert r.out.startswith("Tính đến hết ngày 19/11/2026: tiếp nhận 2 nhiệm vụ: đã hoàn thành 0")
    assert "đã hoàn thành 0, chưa hoàn thành 2 (quá hạn 1)" in r.out  # no petitions' outcomes
    assert run("stats").out.startswith("Tiếp nhận 1 kiến nghị: đã trả lời 1, cần làm rõ 0,")


def test_a_future_day_or_a_wrong_kind_is_refused_in_vietnamese(run: Run, db_path: Path) -> None:
    _seed(db_path)
    r = run("stats", "--as-of", "24/11/2026")
    assert r.code == 1
    assert "Lỗi: Ngày tính số liệu 24/11/2026 ở tương lai (hôm nay là 23/11/2026)." in r.err
    r = run("stats", "--kind", "don")
    assert r.code == 2 and "giá trị 'don' không hợp lệ" in r.err
    r = run("stats", "--as-of", "31/02/2026")
    assert r.code == 2 and "không hợp lệ" in r.err
    for r in (run("stats", "--as-of", "24/11/2026"), run("stats", "--kind", "don")):
        assert "Traceback" not in r.err and r.out == ""
