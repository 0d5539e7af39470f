"""Việc của đơn vị: an officer opens on their unit's open assignments, due first, overdue in red,
and may act only on petitions their unit was given (the button says so; the core refuses too)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from db import open_store
from desktop.core import unit_work, users, workflow
from desktop.core.permissions import PermissionDenied
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from desktop.ui.bus import DataBus
from desktop.ui.context import UiContext
from desktop.ui.main_window import MainWindow
from desktop.ui.models.unit_work_model import COL_DUE, COL_ORIGIN, COL_ROLE, UnitWorkModel
from desktop.ui.qt import QAbstractItemModelTester, QApplication, Qt
from desktop.ui.worker import QueryRunner
from tests import accounts
from tests.conftest import Clock

accounts_template = accounts.accounts_template
accounts_db = accounts.accounts_db
D = dt.date


def as_user(store: Any, name: str, clock: Clock) -> Session:
    """A session of `name` (signing in is tested in test_sign_in.py; argon2 is slow)."""
    user = users.find_user(store, name)
    assert user is not None
    return Session(store, user=user, today=clock)


@pytest.fixture
def office(accounts_db: Any, clock: Clock) -> Iterator[dict[str, Any]]:
    """Five petitions: three for Cục Viễn thông (one overdue, one done), two for Tin học hóa."""
    store = open_store(accounts_db)
    clerk = as_user(store, "vanthu", clock)
    r = register_document(
        clerk,
        DocumentInput(received_on=D(2026, 10, 1), sender="Văn phòng Chính phủ"),
        [
            PetitionInput("Thái Bình", "Hạ tầng viễn thông vùng sâu"),
            PetitionInput("Vĩnh Phúc", "Phủ sóng 5G khu công nghiệp"),
            PetitionInput("Hà Giang", "Trạm BTS bị mất điện kéo dài"),
            PetitionInput("Nam Định", "Chuyển đổi số cấp xã"),
            PetitionInput("Đà Nẵng", "Cổng dịch vụ công trực tuyến"),
        ],
    )
    ids = r.petition_ids
    workflow.assign(clerk, ids[0], "CVT", due_on=D(2026, 12, 10))
    workflow.assign(clerk, ids[1], "CVT", due_on=D(2026, 11, 5))  # overdue on 23/11/2026
    workflow.assign(clerk, ids[2], "CVT", due_on=D(2026, 11, 30))
    workflow.assign(clerk, ids[2], "THH", role="support", due_on=D(2026, 11, 20))
    workflow.assign(clerk, ids[3], "THH", due_on=D(2026, 11, 25))
    workflow.assign(clerk, ids[4], "CVT", due_on=D(2026, 11, 1))
    workflow.complete_part(clerk, ids[4], "CVT", D(2026, 11, 23))  # done: not in the list
    yield {"store": store, "ids": ids, "clock": clock}
    store.close()


@pytest.fixture
def runners(qtbot: QtBot) -> Iterator[list[QueryRunner]]:
    """The windows' query runners: their last answers are taken in before the windows close."""
    made: list[QueryRunner] = []
    yield made
    for runner in made:
        runner.wait()
    QApplication.processEvents()


def window_for(
    qtbot: QtBot, office: dict[str, Any], name: str, runners: list[QueryRunner]
) -> MainWindow:
    session = as_user(office["store"], name, office["clock"])
    ctx = UiContext(session, QueryRunner(session.store.target), DataBus())
    runners.append(ctx.runner)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.petitions.model.rowCount() == 5)
    return w


def _origins(model: UnitWorkModel) -> list[str]:
    return [model.data(model.index(r, COL_ORIGIN)) for r in range(model.rowCount())]


def test_core_lists_the_units_open_work_due_first(office: dict[str, Any]) -> None:
    store, ids = office["store"], office["ids"]
    vt = next(u for u in unit_work.units_to_choose(as_user(store, "cv_vt", office["clock"]))
              if u.code == "CVT")  # fmt: skip
    tasks = unit_work.open_work(store, vt.id, D(2026, 11, 23))
    assert [t.petition_id for t in tasks] == [ids[1], ids[2], ids[0]]
    assert [t.overdue for t in tasks] == [True, False, False]
    officer = as_user(store, "cv_vt", office["clock"])
    assert unit_work.own_unit(officer) == vt
    assert unit_work.own_unit(as_user(store, "vanthu", office["clock"])) is None


def test_officer_opens_on_their_units_work_due_first(
    qtbot: QtBot, office: dict[str, Any], runners: list[QueryRunner]
) -> None:
    w = window_for(qtbot, office, "cv_vt", runners)
    screen = w.unit_work
    assert w.stack.currentWidget() is screen
    assert w.nav.currentItem().text() == "Việc của đơn vị"
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3)
    assert screen.unit_box.currentText() == "Cục Viễn thông (CVT)"
    assert _origins(screen.model) == ["Vĩnh Phúc", "Hà Giang", "Thái Bình"]
    m = screen.model
    assert m.data(m.index(0, COL_DUE)) == "05/11/2026"
    assert m.data(m.index(0, COL_ORIGIN), Qt.ItemDataRole.ForegroundRole) is not None
    assert m.data(m.index(0, COL_DUE), Qt.ItemDataRole.FontRole).bold()
    assert m.data(m.index(1, COL_ORIGIN), Qt.ItemDataRole.ForegroundRole) is None
    assert m.data(m.index(1, COL_ROLE)) == "Chủ trì"
    assert "3 việc đang mở" in screen.status.text() and "1 việc quá hạn" in screen.status.text()
    tester = QAbstractItemModelTester(
        m, QAbstractItemModelTester.FailureReportingMode.Fatal
    )  # fmt: skip
    assert tester is not None


def test_other_roles_keep_the_register_and_can_look_at_any_unit(
    qtbot: QtBot, office: dict[str, Any], runners: list[QueryRunner]
) -> None:
    w = window_for(qtbot, office, "vanthu", runners)
    assert w.stack.currentWidget() is w.petitions
    w.show_screen("unit_work")
    screen = w.unit_work
    screen.unit_box.setCurrentIndex(screen.unit_box.findText("Cục Tin học hóa (THH)"))
    qtbot.waitUntil(lambda: _origins(screen.model) == ["Hà Giang", "Nam Định"])
    assert screen.model.data(screen.model.index(0, COL_ROLE)) == "Phối hợp"


def test_enter_on_a_task_opens_the_petition(
    qtbot: QtBot, office: dict[str, Any], runners: list[QueryRunner]
) -> None:
    w = window_for(qtbot, office, "cv_vt", runners)
    screen = w.unit_work
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3)
    screen.table.setCurrentIndex(screen.model.index(0, 0))
    with qtbot.waitSignal(screen.open_petition) as opened:
        screen.table.activated.emit(screen.model.index(0, 0))
    assert opened.args == [office["ids"][1]]
    assert w.stack.currentWidget() is w.petitions
    qtbot.waitUntil(lambda: w.petitions.detail.petition_id == office["ids"][1])


def test_a_change_refreshes_the_list(
    qtbot: QtBot, office: dict[str, Any], runners: list[QueryRunner]
) -> None:
    w = window_for(qtbot, office, "cv_vt", runners)
    screen = w.unit_work
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3)
    workflow.complete_part(w.ctx.session, office["ids"][1], "CVT", D(2026, 11, 23))
    w.ctx.changed()
    qtbot.waitUntil(lambda: _origins(screen.model) == ["Hà Giang", "Thái Bình"])
    assert "quá hạn" not in screen.status.text()


def _show_in_register(qtbot: QtBot, w: MainWindow, petition_id: int) -> None:
    w.show_petition(petition_id)
    detail = w.petitions.detail
    qtbot.waitUntil(lambda: detail.details is not None and detail.petition_id == petition_id)


def test_officer_cannot_act_on_another_units_petition(
    qtbot: QtBot, office: dict[str, Any], runners: list[QueryRunner]
) -> None:
    ids = office["ids"]
    w = window_for(qtbot, office, "cv_vt", runners)
    detail = w.petitions.detail
    _show_in_register(qtbot, w, ids[3])  # given to Tin học hóa only
    assert not detail.reply_button.isEnabled()
    assert "cần vai trò văn thư hoặc lãnh đạo" in detail.reply_button.toolTip()
    assert not detail.complete_button.isEnabled()
    assert "không được giao cho Cục Viễn thông" in detail.complete_button.toolTip()
    assert not detail.assign_button.isEnabled()
    letter = w.actions_by_text["Soạn công văn trả lời…"]
    qtbot.waitUntil(lambda: w.petitions.selected_ids() == [ids[3]])
    assert not letter.isEnabled()
    assert "không được giao cho Cục Viễn thông" in letter.toolTip()
    # The core refuses too, whatever a screen shows.
    officer = w.ctx.session
    with pytest.raises(PermissionDenied, match="cần vai trò văn thư hoặc lãnh đạo"):
        workflow.reply(officer, [ids[3]], "answered", "Đã xử lý")
    with pytest.raises(PermissionDenied, match="không được giao cho Cục Viễn thông"):
        workflow.complete_part(officer, ids[3], "THH", D(2026, 11, 23))
    assert workflow.version(officer, ids[3]) is not None


def test_officer_may_act_on_their_own_units_petition(
    qtbot: QtBot, office: dict[str, Any], runners: list[QueryRunner]
) -> None:
    ids = office["ids"]
    w = window_for(qtbot, office, "cv_vt", runners)
    detail = w.petitions.detail
    _show_in_register(qtbot, w, ids[0])
    assert detail.complete_button.isEnabled()
    assert detail.complete_button.toolTip() == ""
    assert not detail.reply_button.isEnabled()  # recording a reply is the clerk's or leader's
    letter = w.actions_by_text["Soạn công văn trả lời…"]
    qtbot.waitUntil(lambda: w.petitions.selected_ids() == [ids[0]])
    assert letter.isEnabled()
    workflow.complete_part(w.ctx.session, ids[0], "CVT", D(2026, 11, 23))  # the core agrees


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_officer_drafts_a_letter_but_cannot_issue_it(
    qtbot: QtBot, office: dict[str, Any], runners: list[QueryRunner]
) -> None:
    from desktop.ui.dialogs.letter_compose import LetterDialog

    session = as_user(office["store"], "cv_vt", office["clock"])
    ctx = UiContext(session, QueryRunner(session.store.target), DataBus())
    runners.append(ctx.runner)
    d = LetterDialog(ctx, [office["ids"][0]])
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.preview_pages > 0, timeout=20_000)
    assert d.save_button.isEnabled()
    assert not d.issue_button.isEnabled()
    assert "cần vai trò văn thư hoặc lãnh đạo" in d.issue_button.toolTip()
