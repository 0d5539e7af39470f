"""Lưu writes off the UI thread in every dialog that writes (issue #12, item 2): right after
Lưu the dialog is still open with Lưu disabled, it closes once the worker's write is
committed, a second Enter writes nothing more, Esc meanwhile does not drop it, and a refusal
keeps the dialog open with the message and what was typed."""

from __future__ import annotations

import datetime as dt
import threading
from typing import TypeVar

import pytest
from pytestqt.qtbot import QtBot

from db import documents as docs_repo
from db import petitions as pet_repo
from db import routing
from desktop.core import corrections, tasks, workflow
from desktop.core.letters import numbering
from desktop.core.registry import DocumentInput, PetitionInput, Registered, register_document
from desktop.ui.context import UiContext
from desktop.ui.dialogs import record_outside
from desktop.ui.dialogs.assign import AssignDialog
from desktop.ui.dialogs.complete_part import CompletePartDialog
from desktop.ui.dialogs.edit_document import EditDocumentDialog
from desktop.ui.dialogs.edit_petition import EditPetitionDialog
from desktop.ui.dialogs.progress import ProgressDialog
from desktop.ui.dialogs.record_outside import RecordOutsideDialog
from desktop.ui.dialogs.register_document import RegisterDocumentDialog
from desktop.ui.dialogs.reply import ReplyDialog
from desktop.ui.qt import QDialog, QKeySequence, QShortcut, Qt
from tests.ui.conftest import type_text
from tests.ui.saving import refused, save_off_the_ui_thread

D = dt.date
DialogT = TypeVar("DialogT", bound=QDialog)
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


@pytest.fixture
def reg(ctx: UiContext) -> Registered:
    return register_document(
        ctx.session,
        DocumentInput(received_on=D(2026, 11, 2), sender="Văn phòng Chính phủ",
                      sender_ref="5606/VPCP-QHĐP", sender_date=D(2026, 10, 30)),
        [PetitionInput("Thái Bình", "Hoàn thiện trục tích hợp quốc gia"),
         PetitionInput("Vĩnh Phúc", "Quy định về định danh, xác thực điện tử")],
    )  # fmt: skip


def _shown(qtbot: QtBot, dialog: DialogT) -> DialogT:
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # window shortcuts (Ctrl+Enter) need the active window
        dialog.show()
        dialog.activateWindow()
    return dialog


def _ctrl_enter_twice(dialog: QDialog) -> None:
    """Ctrl+Enter pressed twice, quickly (the shortcut triggered, not typed: a typed modifier
    whose handler closes a dialog stays pressed offscreen for later tests)."""
    (shortcut,) = [
        s for s in dialog.findChildren(QShortcut) if s.key() == QKeySequence("Ctrl+Return")
    ]
    shortcut.activated.emit()
    shortcut.activated.emit()


def test_edit_petition_writes_on_a_worker_once_for_two_ctrl_enters(
    qtbot: QtBot, ctx: UiContext, reg: Registered, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = reg.petition_ids[0]
    threads: list[int] = []
    real = corrections.edit_petition

    def on_which_thread(*args: object, **kwargs: object) -> object:
        threads.append(threading.get_ident())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    # The real write still runs; the wrapper only says on which thread.
    monkeypatch.setattr(corrections, "edit_petition", on_which_thread)
    events = len(pet_repo.events_of(ctx.session.store, pid))
    d = _shown(qtbot, EditPetitionDialog(ctx, pid))
    d.content_edit.selectAll()
    type_text(d.content_edit, "Cấp chữ ký số cho người dân")
    save_off_the_ui_thread(qtbot, ctx, d, lambda: _ctrl_enter_twice(d), d.save_button)
    assert len(threads) == 1 and threads[0] != threading.get_ident()
    assert len(pet_repo.events_of(ctx.session.store, pid)) == events + 1
    assert pet_repo.get_petition(ctx.session.store, pid).content == "Cấp chữ ký số cho người dân"


def test_esc_while_the_write_is_on_its_way_keeps_the_dialog(
    qtbot: QtBot, ctx: UiContext, reg: Registered, confirms: list[str]
) -> None:
    d = _shown(qtbot, EditPetitionDialog(ctx, reg.petition_ids[0]))
    d.content_edit.selectAll()
    type_text(d.content_edit, "Nội dung sửa")

    def save_then_esc() -> None:
        d.save_button.click()
        qtbot.keyClick(d.content_edit, Qt.Key.Key_Escape)  # ignored: the write may be done

    save_off_the_ui_thread(qtbot, ctx, d, save_then_esc, d.save_button)
    assert confirms == []  # nothing asked: the write's answer closed it
    assert pet_repo.get_petition(ctx.session.store, reg.petition_ids[0]).content == "Nội dung sửa"


def test_assign_writes_off_the_ui_thread_once_for_two_enters(
    qtbot: QtBot, ctx: UiContext, reg: Registered
) -> None:
    pid = reg.petition_ids[0]
    d = _shown(qtbot, AssignDialog(ctx, [pid]))
    type_text(d.lead_edit, "THH")
    d.completer.popup().hide()

    def enter_twice() -> None:
        qtbot.keyClick(d.due_edit.line, Qt.Key.Key_Return)
        qtbot.keyClick(d.due_edit.line, Qt.Key.Key_Return)

    save_off_the_ui_thread(qtbot, ctx, d, enter_twice, d.save_button)
    assert [a.unit_code for a in routing.assignments_of(ctx.session.store, pid)] == ["THH"]
    assert len(pet_repo.events_of(ctx.session.store, pid)) == 2  # vào sổ, giao


def test_reply_writes_off_the_ui_thread_once_for_two_enters(
    qtbot: QtBot, ctx: UiContext, reg: Registered
) -> None:
    pid = reg.petition_ids[1]
    d = _shown(qtbot, ReplyDialog(ctx, [pid]))
    type_text(d.text_edit, "Bộ đã ban hành Thông tư hướng dẫn.")
    type_text(d.letter_edit, "789/BTTTT-THH")

    def enter_twice() -> None:
        qtbot.keyClick(d.letter_edit, Qt.Key.Key_Return)
        qtbot.keyClick(d.letter_edit, Qt.Key.Key_Return)

    save_off_the_ui_thread(qtbot, ctx, d, enter_twice, d.save_button)
    (reply,) = routing.replies_of(ctx.session.store, pid)
    assert (reply.text, reply.letter_ref) == ("Bộ đã ban hành Thông tư hướng dẫn.", "789/BTTTT-THH")


def test_complete_part_writes_off_the_ui_thread(
    qtbot: QtBot, ctx: UiContext, reg: Registered
) -> None:
    pid = reg.petition_ids[0]
    workflow.assign(ctx.session, pid, "THH")
    d = _shown(qtbot, CompletePartDialog(ctx, pid))
    d.date_edit.line.setText("23/11/2026")

    def enter_twice() -> None:
        qtbot.keyClick(d.date_edit.line, Qt.Key.Key_Return)
        qtbot.keyClick(d.date_edit.line, Qt.Key.Key_Return)

    save_off_the_ui_thread(qtbot, ctx, d, enter_twice, d.save_button)
    done = [a.completed_on for a in routing.assignments_of(ctx.session.store, pid)]
    assert done == [D(2026, 11, 23)]


def test_progress_writes_off_the_ui_thread_and_a_refusal_keeps_the_text(
    qtbot: QtBot, ctx: UiContext
) -> None:
    (task_id,) = tasks.add_tasks(
        ctx.session, [tasks.TaskInput("Ban hành Thông tư", unit="THH")],
        origin="Văn phòng Chính phủ", received_on=D(2026, 11, 2),
    )  # fmt: skip
    d = _shown(qtbot, ProgressDialog(ctx, task_id))
    d.date_edit.setDate(D(2026, 12, 31))  # in the future: the core refuses it
    type_text(d.text_edit, "Đã trình Bộ trưởng")
    d.save()
    assert not d.save_button.isEnabled()
    refused(qtbot, ctx, d, d.date_error, "ở tương lai", d.save_button)
    assert d.text_edit.toPlainText() == "Đã trình Bộ trưởng"
    assert tasks.progress(ctx.session, task_id) == []
    d.date_edit.setDate(D(2026, 11, 20))
    save_off_the_ui_thread(qtbot, ctx, d, d.save, d.save_button)
    (report,) = tasks.progress(ctx.session, task_id)
    assert (report.reported_on, report.text) == (D(2026, 11, 20), "Đã trình Bộ trưởng")


def test_record_outside_writes_on_a_worker(
    qtbot: QtBot, ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[int] = []
    real = numbering.record_outside_letter

    def on_which_thread(*args: object, **kwargs: object) -> str:
        threads.append(threading.get_ident())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(record_outside, "record_outside_letter", on_which_thread)
    d = _shown(qtbot, RecordOutsideDialog(ctx))
    qtbot.keyClicks(d.reference, "15/BTTTT-VP")
    type_text(d.subject, "V/v làm bằng Word")
    save_off_the_ui_thread(qtbot, ctx, d, d.save, d.save_button)
    assert d.recorded == "15/BTTTT-VP"
    assert threads and threads[0] != threading.get_ident()


def test_edit_document_asks_about_a_duplicate_and_writes_again_off_the_ui_thread(
    qtbot: QtBot, ctx: UiContext, reg: Registered, confirms: list[str]
) -> None:
    register_document(ctx.session, DocumentInput(
        received_on=D(2026, 11, 2), sender="Văn phòng Chính phủ", sender_ref="5607/VPCP-QHĐP",
        sender_date=D(2026, 10, 30)))  # fmt: skip
    document_id = reg.document_id or 0
    d = _shown(qtbot, EditDocumentDialog(ctx, document_id))
    d.sender_ref.selectAll()
    type_text(d.sender_ref, "5607/VPCP-QHĐP")
    changes: list[int] = []
    ctx.bus.changed.connect(lambda: changes.append(1))
    d.save_button.click()
    assert not d.save_button.isEnabled()
    refused(qtbot, ctx, d, d.error, "đã vào sổ: số đến 2/2026", d.save_button)
    assert len(confirms) == 1 and d.sender_ref.text() == "5607/VPCP-QHĐP"
    assert changes == []  # nothing written: no screen reloads
    assert docs_repo.get_document(ctx.session.store, document_id).sender_ref == "5606/VPCP-QHĐP"
    confirms.append("yes")
    save_off_the_ui_thread(qtbot, ctx, d, d.save_button.click, d.save_button)
    assert docs_repo.get_document(ctx.session.store, document_id).sender_ref == "5607/VPCP-QHĐP"


def test_register_document_writes_off_the_ui_thread_once_for_two_enters(
    qtbot: QtBot, ctx: UiContext
) -> None:
    d = _shown(qtbot, RegisterDocumentDialog(ctx))
    qtbot.waitUntil(lambda: d.completions_ready)
    type_text(d.sender_edit, "UBND tỉnh Bến Tre")
    type_text(d.grid.rows[0].origin, "Bến Tre")
    type_text(d.grid.rows[0].content, "Hỗ trợ khu công nghệ thông tin tập trung")

    def enter_twice() -> None:
        qtbot.keyClick(d.sender_edit, Qt.Key.Key_Return)
        qtbot.keyClick(d.sender_edit, Qt.Key.Key_Return)
        qtbot.keyClick(d.sender_edit, Qt.Key.Key_Escape)  # ignored while Vào sổ is on its way

    save_off_the_ui_thread(qtbot, ctx, d, enter_twice, d.save_button)
    assert d.result_registered is not None and d.result_registered.incoming_no == 1
    assert docs_repo.next_incoming_no(ctx.session.store, 2026) == 2  # one document, not two
    assert pet_repo.count(ctx.session.store) == 1
