"""Writes through the runner (`run_op`): on a worker's own connection, as the signed-in user,
recorded under their name; the screens told to refresh; a refusal shown in Vietnamese and
nothing changed."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from pytestqt.qtbot import QtBot

from db import petitions as pet
from db.store import Store
from desktop.core import workflow
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from desktop.ui.context import UiContext
from desktop.ui.dialogs.withdraw import WithdrawDialog
from desktop.ui.qt import QDialog, Qt
from tests import accounts
from tests.ui.conftest import type_text

accounts_template = accounts.accounts_template  # the five accounts of tests/accounts.py
accounts_db = accounts.accounts_db
NOV_2 = dt.date(2026, 11, 2)


@pytest.fixture
def petition_id(clerk: UiContext) -> int:
    """One petition, registered by the clerk on the UI thread."""
    r = register_document(
        clerk.session,
        DocumentInput(received_on=NOV_2, sender="Văn phòng Chính phủ", sender_ref="5606/VPCP-QHĐP"),
        [PetitionInput("Thái Bình", "Hoàn thiện trục tích hợp dữ liệu quốc gia")],
    )
    return r.petition_ids[0]


def _changes(ctx: UiContext) -> list[bool]:
    seen: list[bool] = []
    ctx.bus.changed.connect(lambda: seen.append(True))
    return seen


def test_a_write_through_the_runner_is_the_signed_in_users(
    qtbot: QtBot, clerk: UiContext, petition_id: int, store: Store
) -> None:
    changes = _changes(clerk)
    ran: list[tuple[str, bool]] = []

    def op(session: Session) -> int:
        ran.append((session.actor, session.store is not clerk.session.store))
        assert threading.current_thread() is not threading.main_thread()
        return workflow.assign(session, petition_id, "CVT")

    done: list[int] = []
    clerk.runner.run_op(op, done.append)
    qtbot.waitUntil(lambda: bool(done))
    assert ran == [("vanthu", True)]  # the clerk, on the worker's own connection
    last = pet.events_of(store, petition_id)[-1]
    assert (last.actor, last.to_status) == ("vanthu", "assigned")
    assert changes == [True]  # the screens are told once the answer is in


def test_a_refused_op_shows_why_and_changes_nothing(
    qtbot: QtBot, store: Store, officer: UiContext, petition_id: int, shown: list[tuple[str, str]]
) -> None:
    changes = _changes(officer)
    before = pet.events_of(store, petition_id)
    done: list[int] = []
    officer.runner.run_op(lambda s: workflow.assign(s, petition_id, "CVT"), done.append)
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == [
        (
            "error",
            "Người dùng «cv_vt» (chuyên viên, Cục Viễn thông) không được giao kiến nghị cho"
            " đơn vị: việc này cần vai trò văn thư.",
        )
    ]  # the officer's own rights, checked on the worker's session
    assert pet.events_of(store, petition_id) == before
    assert pet.get_petition(store, petition_id).status == "registered"
    assert done == [] and changes == []


def test_a_dialog_saves_through_the_runner_as_the_signed_in_clerk(
    qtbot: QtBot, clerk: UiContext, petition_id: int, store: Store
) -> None:
    changes = _changes(clerk)
    d = WithdrawDialog(clerk, petition_id)
    qtbot.addWidget(d)
    d.show()
    type_text(d.reason, "Vào sổ nhầm, trùng với văn bản khác")
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    assert not d.save_button.isEnabled()  # Lưu waits for the answer; the window keeps painting
    qtbot.waitUntil(lambda: d.result() == QDialog.DialogCode.Accepted, timeout=5000)
    assert pet.get_petition(store, petition_id) is None  # withdrawn from the register
    assert pet.events_of(store, petition_id)[-1].actor == "vanthu"
    assert changes == [True]


def test_a_dialog_shows_the_refusal_and_keeps_what_was_typed(
    qtbot: QtBot, officer: UiContext, petition_id: int, store: Store
) -> None:
    before = pet.events_of(store, petition_id)
    d = WithdrawDialog(officer, petition_id)
    qtbot.addWidget(d)
    d.show()
    type_text(d.reason, "Vào sổ nhầm")
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.error.isVisible(), timeout=5000)
    assert d.error.text() == (
        "Người dùng «cv_vt» (chuyên viên, Cục Viễn thông) không được sửa, rút hoặc khôi phục"
        " kiến nghị và văn bản đến: việc này cần vai trò văn thư."
    )
    assert d.isVisible() and d.save_button.isEnabled()
    assert d.reason.toPlainText() == "Vào sổ nhầm"
    assert pet.events_of(store, petition_id) == before
