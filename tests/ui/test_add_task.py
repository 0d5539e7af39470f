"""Thêm nhiệm vụ: a task typed from a directive's prose, given to its units, nothing on refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from desktop.core import tasks
from desktop.ui.context import UiContext
from desktop.ui.dialogs.add_task import AddTaskDialog
from desktop.ui.qt import Qt
from tests.conftest import Clock
from tests.helpers import content_digest
from tests.ui.conftest import type_text
from tests.ui.saving import refused, save_off_the_ui_thread


@pytest.fixture
def dialog(qtbot: QtBot, ctx: UiContext, clock: Clock) -> AddTaskDialog:
    clock.today = dt.date(2023, 6, 16)
    d = AddTaskDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def _fill(dialog: AddTaskDialog, due_text: str) -> None:
    type_text(dialog.origin, "Văn phòng Chính phủ (Văn bản 4324/VPCP-KSTT ngày 13/6/2023)")
    type_text(
        dialog.content,
        "Hướng dẫn các bộ, ngành, địa phương triển khai Đề án 06 về dữ liệu dân cư.",
    )
    type_text(dialog.lead, "Cục Chuyển đổi số quốc gia")
    dialog.support.set_checked("THH", True)
    type_text(dialog.outside, "Bộ Công an, UBND các tỉnh")
    type_text(dialog.due_text, due_text)


def test_a_task_typed_from_a_directive_is_registered_with_its_units(
    qtbot: QtBot, dialog: AddTaskDialog, ctx: UiContext
) -> None:
    _fill(dialog, "Quý III/2023")
    assert dialog.due.date() == dt.date(2023, 9, 29)  # the words read as a notice's are
    assert "29/09/2023" in dialog.computed.text()
    with qtbot.waitSignal(ctx.bus.changed, timeout=3000):
        qtbot.keyClick(dialog.content, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    (task_id,) = dialog.task_ids
    row = tasks.task(ctx.session, task_id)
    assert (row.lead_code, row.lead_unit) == ("CĐSQG", "Cục Chuyển đổi số quốc gia")
    assert row.support_units == ("Cục Tin học hóa", "Bộ Công an", "UBND các tỉnh")
    assert (row.due_on, row.due_text) == (dt.date(2023, 9, 29), "Quý III/2023")
    assert row.status == "assigned"
    assert row.content.startswith("Hướng dẫn các bộ")


def test_a_refused_task_says_why_and_writes_nothing(
    qtbot: QtBot, dialog: AddTaskDialog, ctx: UiContext
) -> None:
    before = content_digest(ctx.session.store.target)
    _fill(dialog, "")
    dialog.due.setDate(dt.date(2023, 1, 5))  # before the directive was received
    dialog.save_button.click()
    assert not dialog.save_button.isEnabled()  # the write is on its way
    refused(qtbot, ctx, dialog, dialog.error, "trước ngày vào sổ 16/06/2023", dialog.save_button)
    assert dialog.task_ids == []
    assert not dialog.error.text().startswith("Nhiệm vụ 1")
    assert dialog.origin.text().startswith("Văn phòng Chính phủ")  # what was typed is kept
    assert content_digest(ctx.session.store.target) == before
    dialog.content.clear()
    dialog.due.setDate(None)
    dialog.save_button.click()
    refused(qtbot, ctx, dialog, dialog.error, "chưa có nội dung", dialog.save_button)
    assert content_digest(ctx.session.store.target) == before


def test_the_task_is_written_off_the_ui_thread_once_for_two_enters(
    qtbot: QtBot, dialog: AddTaskDialog, ctx: UiContext
) -> None:
    _fill(dialog, "Quý III/2023")

    def enter_twice() -> None:
        qtbot.keyClick(dialog.due_text, Qt.Key.Key_Return)
        qtbot.keyClick(dialog.due_text, Qt.Key.Key_Return)  # Lưu is disabled: nothing more

    save_off_the_ui_thread(qtbot, ctx, dialog, enter_twice, dialog.save_button)
    (task_id,) = dialog.task_ids
    listed = tasks.tasks(ctx.session)
    assert [t.id for t in listed] == [task_id]
