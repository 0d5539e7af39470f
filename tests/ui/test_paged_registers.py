"""Văn bản đến and Văn bản đi page through the shared PagedTableModel: scrolling on loads the
next page, a failed page says so in the status line and the register recovers on F5 or when
the clerk scrolls on, never stuck loading.

Pages are made small (PAGE) so that a few dozen documents fill several."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.letters import register as letters
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.ui.context import UiContext
from desktop.ui.models import register_models
from desktop.ui.qt import QModelIndex, Qt
from desktop.ui.screens.registers import DocumentsScreen, OutgoingScreen

PAGE = 20


@pytest.fixture(autouse=True)
def _small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(register_models, "PAGE", PAGE)


def _documents(ctx: UiContext, n: int) -> list[int]:
    """`n` documents of one petition each, received one a day from 01/09/2026 on."""
    ids = []
    for i in range(n):
        r = register_document(
            ctx.session,
            DocumentInput(
                received_on=dt.date(2026, 9, 1) + dt.timedelta(days=i),
                sender="Văn phòng Chính phủ",
                sender_ref=f"{5600 + i}/VPCP-QHĐP",
            ),
            [PetitionInput("Thái Bình", f"Kiến nghị số {i} về chuyển đổi số")],
        )
        ids.append(r.petition_ids[0])
    return ids


def _rename(ctx: UiContext, old: str, new: str) -> None:
    with ctx.session.store.write() as conn:
        conn.execute(f"ALTER TABLE {old} RENAME TO {new}")


@pytest.fixture
def lost_table(ctx: UiContext) -> Iterator[object]:
    """Rename a table away (the server lost it for a moment); back after the test at latest."""
    away: list[tuple[str, str]] = []

    def lose(table: str) -> None:
        _rename(ctx, table, f"{table}_away")
        away.append((table, f"{table}_away"))

    def back() -> None:
        while away:
            table, moved = away.pop()
            _rename(ctx, moved, table)

    lose.back = back  # type: ignore[attr-defined]
    yield lose
    back()


def _documents_screen(qtbot: QtBot, ctx: UiContext) -> DocumentsScreen:
    screen = DocumentsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 500)  # fewer rows in sight than a page: the rest come by scrolling
    screen.show()
    return screen


def _scroll_to_bottom(qtbot: QtBot, screen: DocumentsScreen | OutgoingScreen) -> None:
    bar = screen.table.verticalScrollBar()
    # The view lays out the rows just in first (a pass of the event loop), then the clerk
    # drags the scroll bar to its bottom.
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() < bar.maximum())
    bar.setValue(bar.maximum())


def _numbers(screen: DocumentsScreen) -> list[str]:
    m = screen.model
    return [m.data(m.index(r, 0)) for r in range(m.rowCount())]


def test_scrolling_past_the_first_page_loads_the_next(qtbot: QtBot, ctx: UiContext) -> None:
    _documents(ctx, 2 * PAGE + 5)
    screen = _documents_screen(qtbot, ctx)
    qtbot.waitUntil(lambda: screen.model.rowCount() == PAGE and not screen.model.busy)
    assert screen.status.text() == f"Đang hiện {PAGE}+ văn bản đến."
    assert _numbers(screen)[0] == f"{2 * PAGE + 5}/2026"  # the newest first
    _scroll_to_bottom(qtbot, screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2 * PAGE)
    _scroll_to_bottom(qtbot, screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2 * PAGE + 5)
    assert _numbers(screen) == [f"{n}/2026" for n in range(2 * PAGE + 5, 0, -1)]
    assert screen.status.text() == f"Đang hiện {2 * PAGE + 5} văn bản đến."
    assert not screen.model.canFetchMore(QModelIndex())


def test_a_failed_page_says_so_and_scrolling_on_asks_again(
    qtbot: QtBot, ctx: UiContext, lost_table: object
) -> None:
    _documents(ctx, PAGE + 3)
    screen = _documents_screen(qtbot, ctx)
    qtbot.waitUntil(lambda: screen.model.rowCount() == PAGE and not screen.model.busy)
    lost_table("incoming_documents")  # type: ignore[operator]
    _scroll_to_bottom(qtbot, screen)
    qtbot.waitUntil(lambda: "Không tải được" in screen.status.text(), timeout=5000)
    assert screen.status.text().startswith("Không tải được sổ văn bản đến: ")
    assert screen.status.text().endswith("Nhấn F5 hoặc cuộn xuống để thử lại.")
    assert not screen.model.busy and screen.model.rowCount() == PAGE  # the first page stays
    lost_table.back()  # type: ignore[attr-defined]
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.model.index(PAGE - 1, 0))
    qtbot.keyClick(screen.table, Qt.Key.Key_End)  # scrolling on: the page is asked again
    qtbot.waitUntil(lambda: screen.model.rowCount() == PAGE + 3, timeout=5000)
    assert screen.status.text() == f"Đang hiện {PAGE + 3} văn bản đến."


def test_a_failed_register_recovers_on_f5(qtbot: QtBot, ctx: UiContext, lost_table: object) -> None:
    _documents(ctx, 3)
    lost_table("incoming_documents")  # type: ignore[operator]
    screen = _documents_screen(qtbot, ctx)
    qtbot.waitUntil(lambda: "Không tải được" in screen.status.text(), timeout=5000)
    assert "incoming_documents" in screen.status.text()  # the reason, as the engine gave it
    assert not screen.model.busy and screen.model.rowCount() == 0
    lost_table.back()  # type: ignore[attr-defined]
    ctx.changed()  # F5 (MainWindow.refresh)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3, timeout=5000)
    assert screen.status.text() == "Đang hiện 3 văn bản đến."


def test_the_outgoing_register_pages_from_the_drafts_into_the_issued_letters(
    qtbot: QtBot, ctx: UiContext, monkeypatch: pytest.MonkeyPatch, lost_table: object
) -> None:
    monkeypatch.setattr(register_models, "PAGE", 2)
    petitions = _documents(ctx, 5)
    issued = [letters.draft_reply(ctx.session, [p], answer="Đã trả lời.") for p in petitions[:2]]
    for letter_id in issued:
        letters.issue_reply(ctx.session, letter_id)
    drafts = [letters.draft_reply(ctx.session, [p], answer="Dự thảo.") for p in petitions[2:]]
    screen = OutgoingScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 600)
    screen.show()
    # Room for more than a page: the view asks for the next ones until it is full.
    qtbot.waitUntil(lambda: screen.model.rowCount() == 5 and screen.model.complete)
    assert screen.model.queries == 3  # 2 + 2 + 1, by key
    # Drafts first, newest first, then the issued letters, newest number first; none twice.
    assert [r.id for r in screen.model.rows] == [*reversed(drafts), *reversed(issued)]
    assert screen.status.text() == "Đang hiện 5 văn bản đi."
    # A failed read after a write: the message, no rows passed off as current; F5 brings them.
    lost_table("outgoing_letters")  # type: ignore[operator]
    ctx.changed()
    qtbot.waitUntil(lambda: "Không tải được sổ văn bản đi" in screen.status.text(), timeout=5000)
    assert screen.model.rowCount() == 0 and not screen.model.busy
    lost_table.back()  # type: ignore[attr-defined]
    ctx.changed()
    # All five again: the first page, then the view asks on until it is full (waiting for the
    # first page alone raced it: the next pages may come before the check runs).
    qtbot.waitUntil(lambda: screen.model.rowCount() == 5 and screen.model.complete, timeout=5000)
    assert [r.id for r in screen.model.rows] == [*reversed(drafts), *reversed(issued)]


def test_the_petition_register_asks_again_for_a_failed_page_when_scrolled(
    qtbot: QtBot, ctx: UiContext, monkeypatch: pytest.MonkeyPatch, lost_table: object
) -> None:
    from desktop.ui.models import petition_table_model
    from desktop.ui.screens.petitions import PetitionsScreen

    monkeypatch.setattr(petition_table_model, "PAGE", PAGE)
    register_document(
        ctx.session,
        DocumentInput(received_on=dt.date(2026, 11, 2), sender="Văn phòng Chính phủ"),
        [PetitionInput("Thái Bình", f"Kiến nghị số {i} về chuyển đổi số") for i in range(PAGE + 3)],
    )
    screen = PetitionsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 500)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.rowCount() == PAGE and not screen.model.busy)
    lost_table("petitions")  # type: ignore[operator]
    _scroll_to_bottom(qtbot, screen)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: "Không tải được danh sách" in screen.status.text(), timeout=5000)
    assert screen.status.text().endswith("Nhấn F5 hoặc cuộn xuống để thử lại.")
    assert screen.model.rowCount() == PAGE and not screen.model.busy
    lost_table.back()  # type: ignore[attr-defined]
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: screen.model.rowCount() == PAGE + 3, timeout=5000)
    assert "Không tải được" not in screen.status.text()
