import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from desktop.core import workflow
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from desktop.ui.main_window import MainWindow
from desktop.ui.models.petition_table_model import (
    COL_ORIGIN,
    COL_STATUS,
    PAGE,
    PetitionTableModel,
)
from desktop.ui.qt import QModelIndex, Qt


def _type(qtbot: QtBot, widget: object, text: str) -> None:
    """Type Vietnamese as an input method does (keyClicks aborts on non-ASCII)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()  # type: ignore[attr-defined]
    QApplication.sendEvent(widget, QInputMethodEvent("", []))  # type: ignore[arg-type]
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)  # type: ignore[arg-type]


@pytest.fixture
def window(qtbot: QtBot, session: Session) -> MainWindow:
    r = register_document(
        session,
        DocumentInput(received_on=dt.date(2026, 11, 2), sender="Văn phòng Chính phủ"),
        [
            PetitionInput("Thái Bình", "Hoàn thiện chính thức trục tích hợp quốc gia"),
            PetitionInput("Vĩnh Phúc", "Quy định về định danh, xác thực điện tử"),
        ],
    )
    workflow.reply(session, [r.petition_ids[0]], "answered", "Đã trả lời")
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    return w


def _column(w: MainWindow, col: int) -> list[str]:
    m = w.model
    return [m.data(m.index(r, col)) for r in range(m.rowCount())]


def test_register_is_listed_with_status_and_overdue_colour(window: MainWindow) -> None:
    assert sorted(_column(window, COL_ORIGIN)) == ["Thái Bình", "Vĩnh Phúc"]
    statuses = dict(zip(_column(window, COL_ORIGIN), _column(window, COL_STATUS), strict=True))
    assert statuses == {"Thái Bình": "Đã trả lời", "Vĩnh Phúc": "Mới vào sổ"}
    row = _column(window, COL_ORIGIN).index("Vĩnh Phúc")
    brush = window.model.data(window.model.index(row, 0), Qt.ItemDataRole.ForegroundRole)
    assert brush is not None  # overdue: due 16/11, today 23/11
    assert "2 kiến nghị" in window.empty.text()


def test_search_without_diacritics_while_typing(qtbot: QtBot, window: MainWindow) -> None:
    _type(qtbot, window.search_box, "dinh danh")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=3000)
    assert _column(window, COL_ORIGIN) == ["Vĩnh Phúc"]
    window.search_box.clear()
    _type(qtbot, window.search_box, "Thái Bình")
    qtbot.waitUntil(lambda: _column(window, COL_ORIGIN) == ["Thái Bình"], timeout=3000)
    window.search_box.clear()
    _type(qtbot, window.search_box, "khong co gi")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=3000)
    assert "Không tìm thấy" in window.empty.text()


def test_model_pages_by_key(qtbot: QtBot, session: Session) -> None:
    from PySide6.QtTest import QAbstractItemModelTester

    from desktop.core.registry import add_petitions

    add_petitions(
        session,
        [PetitionInput(f"Tỉnh {i}", f"Nội dung {i}") for i in range(PAGE * 2 + 5)],
        received_on=dt.date(2026, 1, 5),
    )
    # The model contract (Fatal: any violation aborts the run). The tester's constructor
    # already calls fetchMore (setUseFetchMore only affects later checks on PySide6 6.12).
    checked = PetitionTableModel(session)
    tester = QAbstractItemModelTester(checked, QAbstractItemModelTester.FailureReportingMode.Fatal)
    tester.setUseFetchMore(False)
    checked.reload()  # reset + first page, re-checked by the tester
    assert checked.rowCount() == PAGE

    w = MainWindow(session)
    qtbot.addWidget(w)
    model = w.model
    assert model.rowCount() == PAGE and model.queries == 1
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == PAGE * 2 + 5
    assert model.queries == 3
    assert len({r.id for r in model.rows}) == model.rowCount()
