"""Sửa kiến nghị after vào sổ: a citizen's đơn registered as if a body had written it is
corrected in the dialog (Cá nhân, the address, the forwarding body), and the detail pane says
who raised it and through whom it came."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from db import parties as pty
from desktop.core.registry import DocumentInput, PetitionInput, Registered, register_document
from desktop.ui.context import UiContext
from desktop.ui.dialogs.edit_petition import EditPetitionDialog
from desktop.ui.dialogs.letter_compose import LetterDialog
from desktop.ui.qt import Qt, QWidget
from desktop.ui.screens.petitions import PetitionsScreen
from tests.helpers import content_digest
from tests.ui.conftest import type_text
from tests.ui.saving import wait_accepted, wait_text
from tests.ui.windows import detail_of_row, petitions_screen, show_dialog

D = dt.date
BINH = "Ông Trần Văn Bình"
ADDRESS = "số 5 Hàng Bông, Hà Nội"
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


@pytest.fixture
def reg(ctx: UiContext) -> Registered:
    return register_document(
        ctx.session,
        DocumentInput(received_on=D(2026, 11, 2), sender="UBND TP Hà Nội",
                      sender_ref="3120/UBND-TCD", sender_date=D(2026, 10, 30)),
        [PetitionInput(BINH, "Đề nghị xử lý trạm phát sóng gây nhiễu sóng truyền hình.")],
    )  # fmt: skip


@pytest.fixture
def screen(qtbot: QtBot, ctx: UiContext, reg: Registered) -> PetitionsScreen:
    return petitions_screen(qtbot, ctx, 1)


def _dialog(qtbot: QtBot, ctx: UiContext, pid: int, parent: QWidget | None) -> EditPetitionDialog:
    return show_dialog(qtbot, EditPetitionDialog(ctx, pid, parent), active=True)


def _detail(qtbot: QtBot, screen: PetitionsScreen, expect: str) -> str:
    return detail_of_row(qtbot, screen, 0, expect)


def test_a_citizen_registered_as_a_body_is_corrected_and_shown(
    qtbot: QtBot, ctx: UiContext, screen: PetitionsScreen, reg: Registered
) -> None:
    (pid,) = reg.petition_ids
    before = _detail(qtbot, screen, "Người kiến nghị:")
    # As registered: a body named like a person, sent by the city.
    assert f"Người kiến nghị: {BINH} — chuyển đến qua: UBND TP Hà Nội\n" in before
    d = _dialog(qtbot, ctx, pid, screen)
    assert d.body_radio.isChecked() and not d.address_edit.isEnabled()
    assert d.forwarded_edit.text() == "UBND TP Hà Nội"
    assert d.title_box.isHidden()
    qtbot.mouseClick(d.person_radio, Qt.MouseButton.LeftButton)
    assert d.address_edit.isEnabled() and d.origin_label.text() == "&Họ và tên:"
    # The title typed into the name moves to its own box, as vào sổ has it.
    assert d.title_box.isVisible() and d.title_box.currentText() == "Ông"
    assert d.origin_edit.text() == "Trần Văn Bình"
    type_text(d.address_edit, ADDRESS)
    d.forwarded_edit.selectAll()
    type_text(d.forwarded_edit, "Ban Tiếp công dân TP Hà Nội")
    qtbot.keyClick(d.address_edit, Qt.Key.Key_Return)  # Enter saves
    wait_accepted(qtbot, ctx, d)
    assert pty.parties_of(ctx.session.store, pid) == pty.Parties(
        "person", ADDRESS, "Ban Tiếp công dân TP Hà Nội"
    )
    text = _detail(qtbot, screen, "Sửa: người kiến nghị")
    assert (
        f"Người kiến nghị: {BINH}, {ADDRESS} — chuyển đến qua: Ban Tiếp công dân TP Hà Nội"
    ) in text
    assert "người kiến nghị: «cơ quan, địa phương» → «cá nhân (công dân)»" in text
    assert f"địa chỉ người kiến nghị: (trống) → «{ADDRESS}»" in text
    assert "cơ quan chuyển đến: (trống) → «Ban Tiếp công dân TP Hà Nội»" in text


def test_an_address_for_a_body_is_not_asked_and_nothing_changes_without_edits(
    qtbot: QtBot, ctx: UiContext, reg: Registered
) -> None:
    (pid,) = reg.petition_ids
    before = content_digest(ctx.session.store.target)
    d = _dialog(qtbot, ctx, pid, None)
    qtbot.mouseClick(d.person_radio, Qt.MouseButton.LeftButton)
    type_text(d.address_edit, ADDRESS)
    qtbot.mouseClick(d.body_radio, Qt.MouseButton.LeftButton)  # changed their mind
    assert not d.address_edit.isEnabled() and d.origin_edit.text() == BINH
    d.save_button.click()
    wait_text(qtbot, ctx, d.error, "Không có gì thay đổi")
    assert d.isVisible()
    assert content_digest(ctx.session.store.target) == before


def test_after_the_correction_the_letter_window_answers_the_citizen(
    qtbot: QtBot, ctx: UiContext, reg: Registered
) -> None:
    (pid,) = reg.petition_ids
    d = _dialog(qtbot, ctx, pid, None)
    qtbot.mouseClick(d.person_radio, Qt.MouseButton.LeftButton)
    type_text(d.address_edit, ADDRESS)
    d.save_button.click()
    wait_accepted(qtbot, ctx, d)
    letter = LetterDialog(ctx, [pid])
    qtbot.addWidget(letter)
    letter.show()
    qtbot.waitUntil(lambda: letter.preview_pages > 0, timeout=10_000)
    assert letter.recipients_edit.toPlainText() == f"{BINH}\nĐịa chỉ: {ADDRESS}"
    copies = letter.copies_edit.toPlainText().split("\n")
    # The city only passed the citizen's đơn on: it is told the answer, not reported to.
    assert "UBND TP Hà Nội (để biết)" in copies and "UBND TP Hà Nội (để b/c)" not in copies
    assert letter.body_edit.toPlainText().startswith(
        f"Bộ Thông tin và Truyền thông nhận được đơn của {BINH} (địa chỉ: {ADDRESS}) do UBND TP"
        " Hà Nội chuyển đến tại Công văn số 3120/UBND-TCD ngày 30/10/2026."
    )


def test_a_body_made_a_person_gets_the_title_chosen(
    qtbot: QtBot, ctx: UiContext, screen: PetitionsScreen
) -> None:
    (pid,) = register_document(
        ctx.session,
        DocumentInput(received_on=D(2026, 11, 3), sender="Nguyễn Thị Lan",
                      sender_ref="Đơn không số", sender_date=D(2026, 10, 28)),
        [PetitionInput("Nguyễn Thị Lan", "Đề nghị lắp đặt trạm BTS tại thôn Đông.")],
    ).petition_ids  # fmt: skip
    d = _dialog(qtbot, ctx, pid, screen)
    qtbot.mouseClick(d.person_radio, Qt.MouseButton.LeftButton)
    assert d.origin_edit.text() == "Nguyễn Thị Lan"
    qtbot.keyClick(d.title_box, Qt.Key.Key_Down)  # Ông → Bà
    assert d.title_box.currentText() == "Bà"
    type_text(d.address_edit, "thôn Đông, xã Sóc Sơn, Hà Nội")
    d.save_button.click()
    wait_accepted(qtbot, ctx, d)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=3000)
    row = next(r for r in range(2) if screen.model.rows[r].id == pid)
    screen.table.selectRow(row)
    browser = screen.detail.browser
    qtbot.waitUntil(lambda: "Sửa: nơi kiến nghị" in browser.toPlainText(), timeout=3000)
    text = browser.toPlainText()
    assert "nơi kiến nghị: «Nguyễn Thị Lan» → «Bà Nguyễn Thị Lan»" in text
    # She sent it herself: nobody forwarded it.
    assert "Người kiến nghị: Bà Nguyễn Thị Lan, thôn Đông, xã Sóc Sơn, Hà Nội\n" in text
