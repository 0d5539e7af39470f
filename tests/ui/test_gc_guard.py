"""The UI thread's collector (desktop/ui/gc_guard.py) collects as CPython's own would: the
young generations when their thresholds pass, and the oldest only once the objects living in
it grew by a quarter since the last full collection (with a long register loaded, a full
collection after every ten young ones cost a scroll 15-20 ms)."""

from __future__ import annotations

import gc

from pytestqt.qtbot import QtBot

from desktop.ui.gc_guard import UiThreadCollector


def _full_collections() -> int:
    return int(gc.get_stats()[2]["collections"])


def _age(objects: list[object]) -> None:
    """Carry what is alive now into the oldest generation (as time does)."""
    gc.collect(1)
    assert objects


def _oldest_generation_due() -> None:
    """Pass the oldest generation's threshold: it counts the collections of the one below."""
    for _ in range(gc.get_threshold()[2] + 1):
        gc.collect(1)


def test_a_full_collection_waits_for_the_long_lived_objects_to_grow_by_a_quarter(
    qtbot: QtBot,
) -> None:
    collector = UiThreadCollector()
    try:
        rows = [[i] for i in range(40_000)]  # a loaded register: long-lived, tracked objects
        _age(rows)
        _oldest_generation_due()
        before = _full_collections()
        collector.check()
        assert _full_collections() == before + 1  # the first one: nothing was counted yet
        assert collector.long_lived >= 40_000

        few = [[i] for i in range(1_000)]  # a page more: not worth scanning everything again
        _age(few)
        _oldest_generation_due()
        collector.check()
        assert _full_collections() == before + 1

        grown = collector.long_lived // 4 + 1_000  # the long-lived grew by more than a quarter
        more = [[i] for i in range(grown)]
        _age(more)
        _oldest_generation_due()
        collector.check()
        assert _full_collections() == before + 2
    finally:
        collector.deleteLater()
        qtbot.wait(10)


def test_garbage_cycles_are_still_collected(qtbot: QtBot) -> None:
    collector = UiThreadCollector()
    try:

        class Node:
            other: object = None

        freed: list[int] = []

        class Watched(Node):
            def __del__(self) -> None:
                freed.append(1)

        a, b = Watched(), Node()
        a.other, b.other = b, a  # a cycle only the cyclic collector frees
        del a, b
        # Enough tracked allocations, alive, to pass the youngest generation's threshold.
        junk = [[] for _ in range(gc.get_threshold()[0] + 10)]
        collector.check()
        assert freed == [1]
        assert junk
    finally:
        collector.deleteLater()
        qtbot.wait(10)
