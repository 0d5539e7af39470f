"""The query runner: results on the UI thread, stale answers dropped, errors reported.

The load test also guards the PySide6 pin: 6.12.0 aborted the process (a reference-count bug)
within a few thousand signals emitted from worker threads.
"""

import gc
import threading
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db.store import Store
from desktop.ui.context import UiContext
from desktop.ui.qt import QObject
from desktop.ui.worker import QueryRunner


def test_results_arrive_on_the_ui_thread(qtbot: QtBot, ctx: UiContext) -> None:
    seen: list[tuple[int, bool]] = []

    def query(store: Store) -> int:
        assert threading.current_thread() is not threading.main_thread()
        return int(store.scalar("SELECT count(*) FROM units"))

    ctx.runner.run_query(
        query, lambda n: seen.append((n, threading.current_thread() is threading.main_thread()))
    )
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0][0] >= 14 and seen[0][1] is True


def test_an_older_answer_never_replaces_a_newer_one(qtbot: QtBot, ctx: UiContext) -> None:
    shown: list[str] = []

    def slow(store: Store) -> str:
        time.sleep(0.3)
        return "cũ"

    ctx.runner.run_query(slow, shown.append, key="search")
    ctx.runner.run_query(lambda store: "mới", shown.append, key="search")
    qtbot.waitUntil(lambda: shown == ["mới"])
    ctx.runner.wait()
    qtbot.wait(50)
    assert shown == ["mới"]


def test_errors_are_reported(qtbot: QtBot, ctx: UiContext) -> None:
    errors: list[str] = []

    def broken(store: Store) -> None:
        store.all("SELECT * FROM no_such_table")

    ctx.runner.run_query(broken, lambda _: None, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert "no_such_table" in errors[0]


def test_many_results_from_worker_threads(qtbot: QtBot, ctx: UiContext) -> None:
    got: list[object] = []
    for i in range(3000):
        ctx.runner.run_query(lambda store, i=i: ([i], None, True), got.append)
    # A correctness check (every answer arrives once), not a timing: generous on a busy machine.
    qtbot.waitUntil(lambda: len(got) == 3000, timeout=120_000)
    assert sorted(x[0][0] for x in got) == list(range(3000))  # type: ignore[index]


def test_a_runner_dropped_mid_query_ends_its_workers(qtbot: QtBot, db_path: Path) -> None:
    # A window closed while its query ran: nobody waits for the answer; the workers finish
    # the query, close their connections and end, and nothing is delivered to a dead runner.
    runner = QueryRunner(db_path)
    started = threading.Event()
    answered: list[int] = []

    def slow(store: Store) -> int:
        started.set()
        time.sleep(0.3)
        return 1

    runner.run_query(slow, answered.append)
    qtbot.waitUntil(started.is_set)  # handed to a worker once the event loop runs
    threads = list(runner.pool.threads)
    del runner
    gc.collect()
    for thread in threads:
        thread.join(5)
    assert not any(t.is_alive() for t in threads)
    qtbot.wait(100)
    assert answered == []


def test_a_job_starts_after_the_repaint_its_event_asked_for(qtbot: QtBot, ctx: UiContext) -> None:
    # A scroll asks for a repaint and the next page at once: the page is read after the paint,
    # not beside it, where the worker's Python and the paint took the interpreter lock from each
    # other and the paint took twice as long.
    from desktop.ui.qt import QWidget

    order: list[str] = []

    class Painted(QWidget):
        def paintEvent(self, event: object) -> None:  # noqa: N802
            order.append("paint")

    widget = Painted()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(50)
    order.clear()
    widget.update()
    ctx.runner.run_query(lambda store: order.append("job"), lambda _: None)
    widget.update()  # asked after the job: painted before it all the same
    qtbot.waitUntil(lambda: "job" in order)
    assert order[:2] == ["paint", "job"]


def test_a_read_asked_again_before_it_started_never_runs(qtbot: QtBot, ctx: UiContext) -> None:
    # Typing fast: the search for "th" is replaced by "thai" before a worker took it.
    ran: list[str] = []
    got: list[str] = []

    class Screen(QObject):
        pass

    screen = Screen()
    for word in ("th", "tha", "thai"):
        ctx.runner.run_query(
            lambda store, word=word: ran.append(word) or word, got.append, key="search",
            owner=screen,
        )  # fmt: skip
    qtbot.waitUntil(lambda: got == ["thai"])
    assert ran == ["thai"]


def test_one_connection_per_worker_not_per_query(qtbot: QtBot, ctx: UiContext) -> None:
    got: list[int] = []
    for i in range(50):
        ctx.runner.run_query(lambda store, i=i: int(store.scalar("SELECT ?", [i])), got.append)
    qtbot.waitUntil(lambda: len(got) == 50)
    assert sorted(got) == list(range(50))
    assert 1 <= ctx.runner.connections_opened <= 2


def test_keys_are_scoped_to_the_object_that_asks(qtbot: QtBot, ctx: UiContext) -> None:
    # Two screens asking with the same key: neither drops the other's answer.
    from desktop.ui.qt import QWidget

    one, two = QWidget(), QWidget()
    shown: list[str] = []

    def slow(store: Store) -> str:
        time.sleep(0.2)
        return "một"

    ctx.runner.run_query(slow, shown.append, key="detail", owner=one)
    ctx.runner.run_query(lambda store: "hai", shown.append, key="detail", owner=two)
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert sorted(shown) == ["hai", "một"]


def test_an_answer_for_a_deleted_owner_is_dropped(qtbot: QtBot, ctx: UiContext) -> None:
    from desktop.ui.qt import QWidget, is_alive

    gone = QWidget()
    shown: list[str] = []

    def slow(store: Store) -> str:
        time.sleep(0.2)
        return "cũ"

    ctx.runner.run_query(slow, shown.append, key="x", owner=gone)
    gone.deleteLater()
    qtbot.waitUntil(lambda: not is_alive(gone))
    assert ctx.runner.wait()
    qtbot.wait(100)
    assert shown == []


def test_a_failure_without_a_handler_is_shown_to_the_clerk(
    qtbot: QtBot, ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.ui import excepthook

    shown: list[str] = []
    monkeypatch.setattr(excepthook, "_reporter", excepthook._Reporter(shown.append))

    def broken(store: Store) -> None:
        store.all("SELECT * FROM no_such_table")

    ctx.runner.run_query(broken, lambda _: None)
    qtbot.waitUntil(lambda: bool(shown))
    assert "no_such_table" in shown[0]


def test_a_closed_runner_answers_nothing_and_its_workers_end(qtbot: QtBot, db_path: Path) -> None:
    runner = QueryRunner(db_path)
    got: list[int] = []
    runner.run_query(lambda store: 1, got.append)
    assert runner.wait()
    threads = list(runner.pool.threads)
    runner.close()
    assert not any(t.is_alive() for t in threads)
    runner.run_query(lambda store: 2, got.append)
    qtbot.wait(100)
    assert got == []


def test_answers_for_a_closed_dialog_are_dropped(qtbot: QtBot, ctx: UiContext) -> None:
    from desktop.ui.qt import QDialog, QLabel, is_alive

    class Preview(QDialog):
        def __init__(self) -> None:
            super().__init__()
            self.label = QLabel(self)

        def show_count(self, n: int) -> None:
            self.label.setText(str(n))

        def failed(self, message: str) -> None:
            self.label.setText(message)

    def slow_count(store: Store) -> int:
        time.sleep(0.2)
        return int(store.scalar("SELECT count(*) FROM units"))

    def slow_failure(store: Store) -> None:
        time.sleep(0.2)
        store.all("SELECT * FROM no_such_table")

    closed, failing = Preview(), Preview()
    ctx.runner.run_query(slow_count, closed.show_count)
    ctx.runner.run_query(slow_failure, failing.show_count, on_error=failing.failed)
    closed.deleteLater()
    failing.deleteLater()
    qtbot.waitUntil(lambda: not is_alive(closed) and not is_alive(failing))
    # Were the answers delivered, setText on a deleted QLabel would raise in the event loop,
    # which pytest-qt reports as this test's failure.
    assert ctx.runner.wait()
    qtbot.wait(100)
    alive = Preview()
    ctx.runner.run_query(slow_count, alive.show_count)
    qtbot.waitUntil(lambda: alive.label.text() != "")
