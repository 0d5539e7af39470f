"""Nhiệm vụ for each role: a chuyên viên starts on their unit and reports only for it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.core import users
from desktop.core.session import Session
from desktop.core.stores import open_store
from desktop.core.types import Store
from desktop.ui.bus import DataBus
from desktop.ui.context import UiContext
from desktop.ui.models.task_table_model import COL_LEAD
from desktop.ui.screens.tasks import TasksScreen
from desktop.ui.worker import QueryRunner
from tests import accounts
from tests.conftest import Clock
from tests.ui.task_fixtures import RECEIVED, import_seed

accounts_template = accounts.accounts_template
accounts_db = accounts.accounts_db


@pytest.fixture
def store(accounts_db: Any, clock: Clock, tmp_path: Path) -> Iterator[Store]:
    s = open_store(accounts_db)
    clock.today = RECEIVED
    import_seed(Session(s, user=users.find_user(s, "vanthu"), today=clock), tmp_path)
    yield s
    s.close()


@pytest.fixture
def screens(qtbot: QtBot, store: Store, clock: Clock) -> Iterator[Any]:
    made: list[UiContext] = []

    def screen(name: str) -> TasksScreen:
        session = Session(store, user=users.find_user(store, name), today=clock)
        ctx = UiContext(session, QueryRunner(store.target), DataBus())
        made.append(ctx)
        s = TasksScreen(ctx)
        qtbot.addWidget(s)
        s.show()
        qtbot.waitUntil(lambda: s.model.rowCount() > 0)
        return s

    yield screen
    for ctx in made:
        ctx.runner.wait()


def test_an_officer_starts_on_their_unit_and_reports_only_for_it(
    qtbot: QtBot, screens: Any
) -> None:
    s: TasksScreen = screens("cv_thh")
    assert s.unit_box.currentData() == "THH"
    m = s.model
    assert {m.data(m.index(r, COL_LEAD)) for r in range(m.rowCount())} == {"Cục Tin học hóa"}
    assert m.rowCount() == 14
    s.table.selectRow(0)
    assert s.progress_button.isEnabled()
    assert not s.report_button.isEnabled()  # reports are for clerks, leaders, admins
    assert "cần vai trò" in s.report_button.toolTip()
    assert not s.chase_button.isEnabled()  # the Văn phòng chases, not a unit's officer
    assert s.chase_button.toolTip().startswith("Người dùng «cv_thh» (chuyên viên")
    with qtbot.waitSignal(s.loaded, timeout=5000):
        s.unit_box.setCurrentIndex(s.unit_box.findData("CVT"))
    s.table.selectRow(0)
    assert not s.progress_button.isEnabled()
    assert s.progress_button.toolTip().startswith(
        "Người dùng «cv_thh» (chuyên viên, Cục Tin học hóa) không được ghi báo cáo tiến độ"
    )  # the core's refusal, word for word


def test_a_leader_reads_and_reports_but_records_no_progress(screens: Any) -> None:
    s: TasksScreen = screens("lanhdao")
    assert s.unit_box.currentData() is None and s.model.rowCount() == 40
    s.table.selectRow(0)
    assert not s.progress_button.isEnabled()
    assert "cần vai trò" in s.progress_button.toolTip()
    assert s.report_button.isEnabled() and s.chase_button.isEnabled()
