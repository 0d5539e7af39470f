import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from db import petitions as pet
from db.petition_filter import PetitionFilter
from desktop.core import vocabulary, workflow
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.ui.context import UiContext
from desktop.ui.models.due_soon_model import COL_DUE, COL_LEAD, COL_LEFT, COL_ORIGIN
from desktop.ui.qt import QPointF, Qt
from desktop.ui.screens.dashboard import EMPTY_PERIOD, DashboardScreen
from tests.conftest import Clock

D = dt.date
SEED_FROM, SEED_TO = D(2023, 12, 10), D(2023, 12, 17)


@pytest.fixture
def seed_002(ctx: UiContext, clock: Clock) -> list[int]:
    """10–17/12/2023: 336 received, 292 answered, 13 to be clarified, 31 unanswered; seen on
    28/12/2023. THH leads 30 (20 on time, 5 late, 5 open and overdue); VP leads 3 still in
    time and supports 2 answered on time."""
    clock.today = D(2023, 12, 28)
    s = ctx.session
    ids: list[int] = []
    for day in range(8):
        r = register_document(
            s,
            DocumentInput(
                received_on=SEED_FROM + dt.timedelta(days=day),
                sender="Văn phòng Chính phủ",
                reply_by=D(2023, 12, 26),
            ),
            [PetitionInput(f"Tỉnh {i % 63}", f"Kiến nghị {day}-{i}") for i in range(42)],
        )
        ids.extend(r.petition_ids)
    for pid in ids[:25] + ids[305:310]:
        workflow.assign(s, pid, "THH")
    for pid in ids[310:313]:
        workflow.assign(s, pid, "VP", due_on=D(2023, 12, 29))
    for pid in ids[:2]:
        workflow.assign(s, pid, "VP", role="support")
    workflow.reply(s, ids[:20] + ids[25:292], "answered", "Đã trả lời", replied_on=D(2023, 12, 22))
    workflow.reply(s, ids[20:25], "answered", "Đã trả lời", replied_on=D(2023, 12, 27))
    workflow.reply(s, ids[292:305], "clarify", "Sẽ làm rõ", replied_on=D(2023, 12, 27))
    # Outside the period, but on the agenda: due today, and due on 4/1/2024.
    for received, due, origin in ((D(2023, 12, 27), D(2023, 12, 28), "Hải Phòng"),
                                  (D(2023, 12, 20), D(2024, 1, 4), "Bến Tre")):  # fmt: skip
        register_document(
            s,
            DocumentInput(received_on=received, sender="UBND", reply_by=due),
            [PetitionInput(origin, "Khu công nghệ thông tin tập trung")],
        )
    return ids


@pytest.fixture
def board(qtbot: QtBot, ctx: UiContext) -> DashboardScreen:
    w = DashboardScreen(ctx)
    qtbot.addWidget(w)
    w.resize(1280, 760)
    return w


def _show(qtbot: QtBot, board: DashboardScreen) -> None:
    with qtbot.waitSignal(board.loaded, timeout=5000):
        board.show()


def _numbers(board: DashboardScreen) -> tuple[str, ...]:
    return tuple(card.value_label.text() for card in board.cards)


def _choose_seed_period(qtbot: QtBot, board: DashboardScreen) -> None:
    board.set_period("custom")
    assert board.from_edit.isVisible() and board.to_edit.isVisible()
    for edit, text in ((board.from_edit, "10/12/2023"), (board.to_edit, "17/12/2023")):
        edit.line.clear()
        qtbot.keyClicks(edit.line, text)
    qtbot.waitUntil(lambda: board.period_label.text() == "Từ 10/12/2023 đến 17/12/2023")


def test_seed_002_numbers_for_a_chosen_period(
    qtbot: QtBot, board: DashboardScreen, seed_002: list[int]
) -> None:
    _show(qtbot, board)
    # The default period is this year: the two later petitions count too.
    assert board.period_label.text() == "Từ 01/01/2023 đến 31/12/2023"
    assert board.received_card.value_label.text() == "338"
    _choose_seed_period(qtbot, board)
    assert _numbers(board) == ("336", "31", "13", "28")
    assert board.received_card.caption_label.text() == "Tiếp nhận"
    assert "Đã trả lời: 292" in board.secondary.text()


def test_chart_has_the_four_buckets_per_unit(
    qtbot: QtBot, board: DashboardScreen, seed_002: list[int]
) -> None:
    _show(qtbot, board)
    _choose_seed_period(qtbot, board)
    assert board.unit_chart.stack.currentWidget() is board.unit_chart.charted
    assert board.unit_chart.series is not None
    sets = board.unit_chart.series.barSets()
    assert [b.label() for b in sets] == [
        "Xong đúng hạn",
        "Xong trễ hạn",
        "Đang xử lý, còn hạn",
        "Đang xử lý, quá hạn",
    ]
    assert len({b.color().name() for b in sets}) == 4
    values = {
        board.unit_chart.unit_at(i).unit_code: tuple(int(b.at(i)) for b in sets)  # type: ignore[union-attr]
        for i in range(sets[0].count())
    }
    assert values == {"THH": (20, 5, 0, 5), "VP": (2, 0, 3, 0)}
    axis = board.unit_chart.series.attachedAxes()[0]
    assert set(axis.categories()) == {"Cục Tin học hóa", "Văn phòng Bộ"}


def test_clicking_a_number_opens_the_filtered_list(
    qtbot: QtBot, board: DashboardScreen, seed_002: list[int]
) -> None:
    _show(qtbot, board)
    _choose_seed_period(qtbot, board)
    period = {"received_from": SEED_FROM, "received_to": SEED_TO}
    with qtbot.waitSignal(board.open_list) as sig:
        qtbot.mouseClick(board.unanswered_card, Qt.MouseButton.LeftButton)
    assert sig.args == [PetitionFilter(status=vocabulary.OPEN_STATUSES, **period)]
    with qtbot.waitSignal(board.open_list) as sig:
        qtbot.mouseClick(board.clarify_card, Qt.MouseButton.LeftButton)
    assert sig.args == [PetitionFilter(status=("clarify",), **period)]
    with qtbot.waitSignal(board.open_list) as sig:
        qtbot.mouseClick(board.received_card, Qt.MouseButton.LeftButton)
    assert sig.args == [PetitionFilter(**period)]
    # From the keyboard: Alt+4 is the overdue number.
    board.activateWindow()
    board.period_box.setFocus()
    with qtbot.waitSignal(board.open_list) as sig:
        qtbot.keyClick(board.period_box, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    f = sig.args[0]
    assert f == PetitionFilter(overdue_on=D(2023, 12, 28), **period)
    # The filter finds exactly the petitions behind the number.
    assert pet.count(board.ctx.session.store, f) == 28


def test_clicking_a_bar_opens_that_units_list(
    qtbot: QtBot, board: DashboardScreen, seed_002: list[int]
) -> None:
    _show(qtbot, board)
    _choose_seed_period(qtbot, board)
    index = next(i for i in range(2) if board.unit_chart.unit_at(i).unit_code == "THH")  # type: ignore[union-attr]
    assert board.unit_chart.series is not None
    qtbot.waitUntil(lambda: board.unit_chart.view.isVisible())
    inside = board.unit_chart.chart.mapToPosition(QPointF(10, index), board.unit_chart.series)
    pos = board.unit_chart.view.mapFromScene(board.unit_chart.chart.mapToScene(inside))
    with qtbot.waitSignal(board.open_list) as sig:
        qtbot.mouseClick(board.unit_chart.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert sig.args == [
        PetitionFilter(unit_code="THH", received_from=SEED_FROM, received_to=SEED_TO)
    ]


def test_due_soon_list_spans_new_year_and_opens_a_petition(
    qtbot: QtBot, board: DashboardScreen, seed_002: list[int]
) -> None:
    _show(qtbot, board)
    # 28/12/2023 + 5 working days: 29/12, (1/1 off) 2, 3, 4 and 5/1/2024.
    assert board.agenda_box.title() == "Đến hạn trong 5 ngày làm việc tới (đến 05/01/2024)"
    assert board.due_stack.currentWidget() is board.due_table
    m = board.due_model

    def column(col: int) -> list[str]:
        return [m.data(m.index(r, col)) for r in range(m.rowCount())]

    assert column(COL_DUE) == ["28/12/2023"] + ["29/12/2023"] * 3 + ["04/01/2024"]
    assert column(COL_LEFT)[:2] == ["Hôm nay", "1 ngày"]
    assert column(COL_LEFT)[-1] == "4 ngày"
    assert column(COL_ORIGIN)[0] == "Hải Phòng" and column(COL_ORIGIN)[-1] == "Bến Tre"
    assert column(COL_LEAD) == ["Chưa giao"] + ["Văn phòng Bộ"] * 3 + ["Chưa giao"]

    table = board.due_table
    rect = table.visualRect(m.index(4, COL_ORIGIN))
    with qtbot.waitSignal(board.open_petition) as sig:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sig.args == [m.petition_id(4)]
    table.setCurrentIndex(m.index(0, 0))
    with qtbot.waitSignal(board.open_petition) as sig:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert sig.args == [m.petition_id(0)]


def test_empty_period_and_agenda_say_so(qtbot: QtBot, board: DashboardScreen) -> None:
    _show(qtbot, board)
    assert _numbers(board) == ("0", "0", "0", "0")
    assert board.unit_chart.stack.currentWidget() is board.unit_chart.empty
    assert board.unit_chart.empty.text() == EMPTY_PERIOD
    assert board.due_stack.currentWidget() is board.due_empty
    assert "Không có kiến nghị nào đến hạn" in board.due_empty.text()


def test_custom_period_refuses_reversed_dates(
    qtbot: QtBot, board: DashboardScreen, seed_002: list[int]
) -> None:
    _show(qtbot, board)
    board.set_period("custom")
    board.from_edit.line.clear()
    qtbot.keyClicks(board.from_edit.line, "31/12/2023")
    board.to_edit.line.clear()
    qtbot.keyClicks(board.to_edit.line, "01/12/2023")
    qtbot.waitUntil(lambda: board.period_error.text() == "Ngày bắt đầu sau ngày kết thúc.")
    assert board.period_error.isVisible()
    board.to_edit.line.clear()
    qtbot.keyClicks(board.to_edit.line, "31/12/2023")
    qtbot.waitUntil(lambda: board.period_label.text() == "Từ 31/12/2023 đến 31/12/2023")
    assert board.period_error.text() == ""
    assert _numbers(board) == ("0", "0", "0", "0")


def test_a_write_refreshes_the_numbers(
    qtbot: QtBot, board: DashboardScreen, seed_002: list[int]
) -> None:
    _show(qtbot, board)
    _choose_seed_period(qtbot, board)
    workflow.reply(board.ctx.session, [seed_002[305]], "clarify", "Sẽ làm rõ")
    board.ctx.changed()
    qtbot.waitUntil(lambda: _numbers(board) == ("336", "30", "14", "27"))


def test_period_choice_is_remembered(qtbot: QtBot, ctx: UiContext) -> None:
    first = DashboardScreen(ctx)
    qtbot.addWidget(first)
    first.set_period("quarter")
    second = DashboardScreen(ctx)
    qtbot.addWidget(second)
    assert second.kind() == "quarter"
    assert second.period() == (D(2026, 10, 1), D(2026, 12, 31))
    assert not second.from_edit.isVisibleTo(second)


def test_hidden_screen_waits_until_shown(
    qtbot: QtBot, board: DashboardScreen, seed_002: list[int]
) -> None:
    board.ctx.changed()
    board.ctx.runner.wait()
    assert board.data is None  # no query for a screen nobody looks at
    _show(qtbot, board)
    assert board.data is not None
