"""Tệp → Xuất sổ ra Excel exports what the petition list shows: the filter bar and the search
box as the clerk set them, the Quá hạn view, a dashboard's filter, one petition opened alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.types import PetitionFilter
from desktop.ui import actions
from desktop.ui.context import UiContext
from desktop.ui.dialogs import export_options
from desktop.ui.main_window import MainWindow
from desktop.ui.screens.petitions import PetitionsScreen
from tests.export_data import CONTENT, seed
from tests.ui.conftest import type_text

EXPORT = "Xuất sổ ra Excel…"


class Export:
    """The export's dialogs answered as a clerk would: masked, saved where the test says."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        self.folder = folder
        self.scopes: list[str] = []
        self.suggested: list[str] = []
        monkeypatch.setattr(export_options, "ask", self._options)
        monkeypatch.setattr(actions, "ask_save_path", self._save_path)

    def _options(self, parent: Any, session: Any, title: str, scope: str = "") -> bool:
        self.scopes.append(scope)
        return False

    def _save_path(self, parent: Any, title: str, suggested: str, pattern: str) -> Path:
        self.suggested.append(suggested)
        return self.folder / suggested


@pytest.fixture
def window(qtbot: QtBot, ctx: UiContext) -> tuple[MainWindow, dict[str, int]]:
    ids = seed(ctx.session)
    register_document(
        ctx.session,
        DocumentInput(received_on=dt.date(2026, 11, 10), sender="Ban Dân nguyện"),
        [
            PetitionInput(f"Cử tri tỉnh Nghệ An {i}", f"Kiến nghị số {i} về báo chí")
            for i in range(4)
        ],
    )
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.petitions.model.rowCount() == 7)
    return w, ids


def _shown(screen: PetitionsScreen) -> list[int]:
    model = screen.model
    return [pid for r in range(model.rowCount()) if (pid := model.petition_id(r)) is not None]


def _export(qtbot: QtBot, window: MainWindow, asked: list[tuple[str, str]], folder: Path) -> Any:
    """Trigger the menu action and wait for its message; the sheet it wrote."""
    before = len(asked)
    window.actions_by_text[EXPORT].trigger()
    qtbot.waitUntil(lambda: len(asked) > before, timeout=10_000)
    kind, text = asked[-1]
    assert kind == "inform", text
    (path,) = folder.glob("*.xlsx")
    assert f"ra «{path}»" in text
    ws = load_workbook(path).active
    assert ws is not None
    path.unlink()
    return ws


def _ids(ws: Any) -> list[int]:
    return [int(r[0]) for r in ws.iter_rows(min_row=2, values_only=True)]


def test_filter_bar_and_search_box_as_the_clerk_set_them(
    qtbot: QtBot,
    window: tuple[MainWindow, dict[str, int]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    _no_modal_dialogs: list[tuple[str, str]],
) -> None:
    w, ids = window
    export = Export(monkeypatch, tmp_path)
    screen = w.petitions
    screen.status_box.setCurrentIndex(screen.status_box.findData("assigned"))
    qtbot.waitUntil(lambda: _shown(screen) == [ids["overdue"]])
    ws = _export(qtbot, w, _no_modal_dialogs, tmp_path)
    assert _ids(ws) == [ids["overdue"]]
    assert export.suggested[-1] == "kien-nghi-dang-xu-ly-2026-11-23.xlsx"
    assert "trạng thái Đang xử lý" in export.scopes[-1]

    screen.status_box.setCurrentIndex(0)  # Mọi trạng thái
    qtbot.waitUntil(lambda: len(_shown(screen)) == 7)
    type_text(screen.search_box, "trạm bts")
    qtbot.waitUntil(lambda: screen.model.searching and _shown(screen) == [ids["answered"]])
    ws = _export(qtbot, w, _no_modal_dialogs, tmp_path)
    assert _ids(ws) == [ids["answered"]]
    assert ws["B2"].value == "12/2026" and ws["E2"].value == "5606/VPCP-QHĐP"
    assert ws["I2"].value == CONTENT.replace("345 678", "*** 678")  # every "+" point
    assert ws["L2"].value == "Vụ Bưu chính\nVăn phòng Bộ" and ws["Q2"].value == "88/BTTTT-VP"
    assert export.suggested[-1] == "kien-nghi-tim-tram-bts-2026-11-23.xlsx"
    assert "khớp «trạm bts»" in export.scopes[-1]

    screen.year_box.setCurrentIndex(screen.year_box.findData(2026))
    screen.search_box.clear()
    type_text(screen.search_box, "bao chi")
    qtbot.waitUntil(lambda: screen.model.searching and len(_shown(screen)) == 4)
    listed = _shown(screen)
    ws = _export(qtbot, w, _no_modal_dialogs, tmp_path)
    assert sorted(_ids(ws)) == sorted(listed)
    assert "năm 2026; khớp «bao chi»" in export.scopes[-1]


def test_the_overdue_view(
    qtbot: QtBot,
    window: tuple[MainWindow, dict[str, int]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    _no_modal_dialogs: list[tuple[str, str]],
) -> None:
    w, ids = window
    Export(monkeypatch, tmp_path)
    w.show_screen("overdue")
    qtbot.waitUntil(lambda: sorted(_shown(w.overdue)) == sorted([ids["overdue"], ids["old"]]))
    listed = _shown(w.overdue)
    ws = _export(qtbot, w, _no_modal_dialogs, tmp_path)
    assert _ids(ws) == listed  # in the list's order
    assert {r[14] for r in ws.iter_rows(min_row=2, values_only=True)} == {"Có"}


def test_a_dashboard_filter_and_one_petition_opened_alone(
    qtbot: QtBot,
    window: tuple[MainWindow, dict[str, int]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    _no_modal_dialogs: list[tuple[str, str]],
) -> None:
    w, ids = window
    export = Export(monkeypatch, tmp_path)
    w.dashboard.open_list.emit(PetitionFilter(status=("answered",)))  # a number clicked
    qtbot.waitUntil(lambda: _shown(w.petitions) == [ids["answered"]])
    ws = _export(qtbot, w, _no_modal_dialogs, tmp_path)
    assert _ids(ws) == [ids["answered"]]
    assert ws["P2"].value.startswith("Bộ đã chỉ đạo")
    w.dashboard.open_petition.emit(ids["old"])  # a due-soon line clicked
    qtbot.waitUntil(lambda: _shown(w.petitions) == [ids["old"]])
    ws = _export(qtbot, w, _no_modal_dialogs, tmp_path)
    assert _ids(ws) == [ids["old"]] and ws["B2"].value == "7/2025"
    assert export.suggested[-1] == f"kien-nghi-ma-{ids['old']}-2026-11-23.xlsx"
