"""The register's search box: bold excerpts, order switch, total count, keys, stale answers."""

import datetime as dt
import time

import pytest
from pytestqt.qtbot import QtBot

from db.store import Store
from desktop.core import search as fts  # what the screen calls
from desktop.core.registry import PetitionInput, add_petitions
from desktop.ui.context import UiContext
from desktop.ui.models.petition_table_model import (
    COL_EXCERPT,
    COL_ORIGIN,
    COL_SUMMARY,
    HTML_ROLE,
)
from desktop.ui.qt import QSettings, Qt
from desktop.ui.screens import petitions as screen_module
from desktop.ui.screens import petitions_status
from desktop.ui.screens.petitions import PetitionsScreen
from desktop.ui.screens.petitions_status import amount
from desktop.ui.widgets.search_box import ORDER_KEY
from tests.ui.conftest import type_text

TYPING_TIMEOUT = 3000


@pytest.fixture
def two(ctx: UiContext) -> UiContext:
    """ "Thái Bình" as the origin of an older petition and deep in the content of a newer one."""
    add_petitions(ctx.session, [PetitionInput("Thái Bình", "Xây dựng trục tích hợp dữ liệu")],
                  received_on=dt.date(2026, 1, 5))  # fmt: skip
    add_petitions(
        ctx.session,
        [PetitionInput("Hà Nội", "Đề nghị hỗ trợ hạ tầng viễn thông cho tỉnh Thái Bình sau bão"),
         PetitionInput("Vĩnh Phúc", "Quy định về định danh, xác thực điện tử")],
        received_on=dt.date(2026, 11, 2),
    )  # fmt: skip
    return ctx


def _screen(qtbot: QtBot, ctx: UiContext) -> PetitionsScreen:
    screen = PetitionsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1300, 700)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3)
    return screen


def _origins(screen: PetitionsScreen) -> list[str]:
    return [r.origin for r in screen.model.rows]


def _excerpt(screen: PetitionsScreen, row: int, role: int = HTML_ROLE) -> str:
    model = screen.model
    return str(model.data(model.index(row, COL_EXCERPT), role))


def _marked(screen: PetitionsScreen, row: int, col: int) -> object:
    model = screen.model
    return model.data(model.index(row, col), HTML_ROLE)


def _search(qtbot: QtBot, screen: PetitionsScreen, text: str, origins: list[str]) -> None:
    if text.isascii():
        qtbot.keyClicks(screen.search_box, text)
    else:
        type_text(screen.search_box, text)
    qtbot.waitUntil(lambda: _origins(screen) == origins, timeout=TYPING_TIMEOUT)


def test_words_without_diacritics_show_a_bold_excerpt(qtbot: QtBot, two: UiContext) -> None:
    screen = _screen(qtbot, two)
    header = screen.table.horizontalHeader()
    assert header.isSectionHidden(COL_EXCERPT)  # the register has no excerpts
    assert not header.isSectionHidden(COL_SUMMARY)
    _search(qtbot, screen, "thai binh", ["Thái Bình", "Hà Nội"])
    # The excerpt takes the summary's place.
    assert not header.isSectionHidden(COL_EXCERPT) and header.isSectionHidden(COL_SUMMARY)
    assert header.visualIndex(COL_EXCERPT) == header.visualIndex(COL_SUMMARY) + 1
    marked = _excerpt(screen, 1)
    assert marked == "…hạ tầng viễn thông cho tỉnh <b>Thái Bình</b> sau bão"
    plain = _excerpt(screen, 1, Qt.ItemDataRole.DisplayRole)
    assert plain == "…hạ tầng viễn thông cho tỉnh Thái Bình sau bão"
    # Found only in the origin: marked there, and the excerpt says what the petition asks.
    assert _marked(screen, 0, COL_ORIGIN) == "<b>Thái Bình</b>"
    assert _excerpt(screen, 0) == "Xây dựng trục tích hợp dữ liệu"
    assert _marked(screen, 1, COL_ORIGIN) is None  # nothing found in "Hà Nội"
    assert not screen.table.grab().isNull()  # the delegate paints the marked excerpts
    screen.search_box.clear()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3 and not screen.model.searching)
    assert header.isSectionHidden(COL_EXCERPT) and not header.isSectionHidden(COL_SUMMARY)
    assert _marked(screen, 0, COL_ORIGIN) is None


def test_a_long_excerpt_starts_near_its_first_match(qtbot: QtBot, ctx: UiContext) -> None:
    lead = "Trong những năm qua, hạ tầng số của địa phương đã phát triển mạnh, tuy nhiên "
    add_petitions(ctx.session, [PetitionInput("Sơn La", lead + "cáp quang còn thiếu ở vùng cao"),
                                PetitionInput("A", "x"), PetitionInput("B", "y")])  # fmt: skip
    screen = _screen(qtbot, ctx)
    _search(qtbot, screen, "cap quang", ["Sơn La"])
    marked = _excerpt(screen, 0)
    assert marked.startswith("…") and "<b>cáp quang</b> còn thiếu ở vùng cao" in marked
    assert marked.index("<b>") <= 32  # a narrow cell still shows the words found


def test_typed_with_diacritics_and_escaped_markup(qtbot: QtBot, ctx: UiContext) -> None:
    add_petitions(ctx.session, [PetitionInput("Sở <TT&TT>", "Cấp phép <b>trạm</b> viễn thông"),
                                PetitionInput("A", "x"), PetitionInput("B", "y")])  # fmt: skip
    screen = _screen(qtbot, ctx)
    _search(qtbot, screen, "trạm", ["Sở <TT&TT>"])
    assert _excerpt(screen, 0) == "Cấp phép &lt;b&gt;<b>trạm</b>&lt;/b&gt; viễn thông"


def test_order_switch_reorders_and_is_remembered(qtbot: QtBot, two: UiContext) -> None:
    screen = _screen(qtbot, two)
    assert screen.order_box.currentText() == "Phù hợp nhất"
    _search(qtbot, screen, "thai binh", ["Thái Bình", "Hà Nội"])  # the origin ranks first
    screen.order_box.setCurrentIndex(screen.order_box.findText("Mới nhất"))
    qtbot.waitUntil(lambda: _origins(screen) == ["Hà Nội", "Thái Bình"], timeout=TYPING_TIMEOUT)
    assert QSettings().value(ORDER_KEY) == "newest"
    again = PetitionsScreen(two)
    qtbot.addWidget(again)
    assert again.order_box.currentText() == "Mới nhất"


def test_order_switch_undoes_a_header_click(qtbot: QtBot, two: UiContext) -> None:
    screen = _screen(qtbot, two)
    _search(qtbot, screen, "thai binh", ["Thái Bình", "Hà Nội"])
    screen.table.horizontalHeader().setSortIndicator(COL_ORIGIN, Qt.SortOrder.AscendingOrder)
    assert _origins(screen) == ["Hà Nội", "Thái Bình"]  # sorted by origin, in memory
    screen.order_box.setCurrentIndex(screen.order_box.findText("Mới nhất"))
    screen.order_box.setCurrentIndex(screen.order_box.findText("Phù hợp nhất"))
    qtbot.waitUntil(lambda: _origins(screen) == ["Thái Bình", "Hà Nội"], timeout=TYPING_TIMEOUT)
    assert screen.table.horizontalHeader().sortIndicatorSection() == COL_EXCERPT


def test_status_counts_every_match(
    qtbot: QtBot, ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_petitions(ctx.session, [PetitionInput(f"Tỉnh {i}", "hạ tầng viễn thông") for i in range(5)])
    monkeypatch.setattr(screen_module, "SEARCH_LIMIT", 3)
    screen = PetitionsScreen(ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 5)
    qtbot.keyClicks(screen.search_box, "vien thong")
    want = "Hiện 3 kiến nghị phù hợp nhất trong tổng số 5 kiến nghị khớp «vien thong»."
    qtbot.waitUntil(lambda: screen.status.text() == want, timeout=TYPING_TIMEOUT)
    assert screen.model.rowCount() == 3
    monkeypatch.setattr(screen_module, "COUNT_CAP", 4)  # count stops at cap + 1
    monkeypatch.setattr(petitions_status, "COUNT_CAP", 4)  # and the status line says so
    qtbot.keyClick(screen.search_box, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "tổng số hơn 4 kiến nghị" in screen.status.text(), timeout=3000)
    screen.search_box.setText("khong co dau")
    qtbot.waitUntil(
        lambda: screen.status.text() == "Không tìm thấy kiến nghị nào cho «khong co dau».",
        timeout=TYPING_TIMEOUT,
    )


def test_amounts_are_written_as_a_clerk_does() -> None:
    assert amount(2) == "2"
    assert amount(9_999) == "9.999"
    assert amount(10_000) == "10.000"
    assert amount(10_001) == "hơn 10.000"


def test_keys_between_the_box_the_results_and_the_detail(qtbot: QtBot, two: UiContext) -> None:
    screen = _screen(qtbot, two)
    box, table = screen.search_box, screen.table
    box.setFocus()
    _search(qtbot, screen, "thai binh", ["Thái Bình", "Hà Nội"])
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.waitUntil(table.hasFocus)
    assert [i.row() for i in table.selectionModel().selectedRows()] == [0]
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1 and table.hasFocus()
    qtbot.keyClick(table, Qt.Key.Key_Up)
    assert table.currentIndex().row() == 0 and table.hasFocus()
    qtbot.keyClick(table, Qt.Key.Key_Up)  # on the first row: back to the box
    assert box.hasFocus()
    qtbot.keyClick(box, Qt.Key.Key_PageDown)
    assert table.hasFocus() and table.currentIndex().row() == 0
    qtbot.keyClick(table, Qt.Key.Key_Return)  # Enter on a row opens its detail
    browser = screen.detail.browser
    assert browser.hasFocus()
    qtbot.waitUntil(lambda: "trục tích hợp" in browser.toPlainText())
    qtbot.keyClick(browser, Qt.Key.Key_Escape)
    assert table.hasFocus()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # clears: back to the register, at once
    assert box.text() == ""
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3 and not screen.model.searching)
    assert screen.table.horizontalHeader().isSectionHidden(COL_EXCERPT)
    assert "Đang hiện 3 kiến nghị" in screen.status.text()


def test_enter_in_the_box_selects_the_first_result(qtbot: QtBot, two: UiContext) -> None:
    screen = _screen(qtbot, two)
    box = screen.search_box
    qtbot.keyClicks(box, "dinh danh")
    qtbot.keyClick(box, Qt.Key.Key_Return)  # before the typing pause: searched at once
    qtbot.waitUntil(lambda: _origins(screen) == ["Vĩnh Phúc"], timeout=TYPING_TIMEOUT)
    qtbot.waitUntil(lambda: screen.table.selectionModel().selectedRows() != [])
    assert box.hasFocus()  # still typing: only the result is chosen
    qtbot.waitUntil(lambda: "định danh" in screen.detail.browser.toPlainText())


def test_a_slow_search_never_replaces_a_newer_one(
    qtbot: QtBot, two: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = fts.search_ids

    def slow_for_truc(store: Store, text: str, *args: object, **kwargs: object) -> list[int]:
        if "truc" in text:
            time.sleep(0.8)  # the older query is the slow one
        return real(store, text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fts, "search_ids", slow_for_truc)
    screen = _screen(qtbot, two)
    qtbot.keyClicks(screen.search_box, "truc")
    qtbot.waitUntil(lambda: "Đang tìm" in screen.status.text(), timeout=2000)
    screen.search_box.clear()
    type_text(screen.search_box, "định danh")
    qtbot.waitUntil(lambda: _origins(screen) == ["Vĩnh Phúc"], timeout=TYPING_TIMEOUT)
    qtbot.waitUntil(lambda: screen.status.text() == "1 kiến nghị khớp «định danh».")
    two.runner.wait()  # the slow "truc" answer has arrived by now...
    qtbot.wait(100)
    assert _origins(screen) == ["Vĩnh Phúc"]  # ...and was dropped
    # Each word is marked wherever it stands ("Quy định" has "dinh" too).
    assert _excerpt(screen, 0) == "Quy <b>định</b> về <b>định danh</b>, xác thực điện tử"
    assert screen.status.text() == "1 kiến nghị khớp «định danh»."


def test_a_slow_count_never_replaces_a_newer_one(
    qtbot: QtBot, two: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = fts.count

    def slow_for_thai(store: Store, text: str, *args: object, **kwargs: object) -> int:
        if "thai" in text:
            time.sleep(0.8)
        return real(store, text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fts, "count", slow_for_thai)
    screen = _screen(qtbot, two)
    _search(qtbot, screen, "thai binh", ["Thái Bình", "Hà Nội"])  # shown before it is counted
    assert "đang đếm" in screen.status.text()
    screen.search_box.setText("dinh danh")
    want = "1 kiến nghị khớp «dinh danh»."
    qtbot.waitUntil(lambda: screen.status.text() == want, timeout=TYPING_TIMEOUT)
    two.runner.wait()
    qtbot.wait(100)
    assert screen.status.text() == want


def test_a_search_cleared_while_running_leaves_the_register(
    qtbot: QtBot, two: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = fts.search_ids

    def slow(store: Store, text: str, *args: object, **kwargs: object) -> list[int]:
        time.sleep(0.5)
        return real(store, text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fts, "search_ids", slow)
    screen = _screen(qtbot, two)
    qtbot.keyClicks(screen.search_box, "dinh danh")
    qtbot.waitUntil(lambda: "Đang tìm" in screen.status.text(), timeout=2000)
    qtbot.keyClick(screen.search_box, Qt.Key.Key_Escape)
    two.runner.wait()
    qtbot.wait(100)
    assert screen.model.rowCount() == 3 and not screen.model.searching


def test_ctrl_f_then_keys_in_the_main_window(qtbot: QtBot, two: UiContext) -> None:
    from desktop.ui.main_window import MainWindow

    window = MainWindow(two)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    screen = window.petitions
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3)
    window.nav.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert screen.search_box.hasFocus()
    _search(qtbot, screen, "dinh danh", ["Vĩnh Phúc"])
    qtbot.keyClick(screen.search_box, Qt.Key.Key_Down)
    assert screen.table.hasFocus() and screen.table.currentIndex().row() == 0


def test_a_layout_saved_while_searching_opens_on_the_register(qtbot: QtBot, two: UiContext) -> None:
    from desktop.ui.main_window import MainWindow

    window = MainWindow(two)
    qtbot.addWidget(window)
    screen = window.petitions
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3)
    _search(qtbot, screen, "thai binh", ["Thái Bình", "Hà Nội"])
    window.close()  # remembers the columns as they are: the excerpt on, the summary off
    again = MainWindow(two)
    qtbot.addWidget(again)
    header = again.petitions.table.horizontalHeader()
    assert header.isSectionHidden(COL_EXCERPT) and not header.isSectionHidden(COL_SUMMARY)
    assert header.sortIndicatorSection() != COL_EXCERPT
