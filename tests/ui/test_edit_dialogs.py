"""Sửa, rút, khôi phục and the duplicate questions, driven through the real dialogs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db import documents as docs
from db import history, open_store
from db import petitions as pet
from desktop.core import corrections
from desktop.core.intake import import_file
from desktop.core.petitions import load_details
from desktop.core.registry import DocumentInput, PetitionInput, Registered, register_document
from desktop.core.session import Session
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs import edit_document, edit_petition, withdraw  # opened on first use
from desktop.ui.dialogs.edit_document import EditDocumentDialog
from desktop.ui.dialogs.edit_petition import EditPetitionDialog
from desktop.ui.dialogs.import_file import ImportDialog
from desktop.ui.dialogs.register_document import RegisterDocumentDialog
from desktop.ui.dialogs.withdraw import ReinstateDialog, WithdrawDialog
from desktop.ui.models.import_preview_model import COL_DUPLICATE, DUPLICATE_BACKGROUND
from desktop.ui.models.petition_table_model import COL_ORIGIN
from desktop.ui.qt import QDialog, QPoint, Qt, QWidget
from desktop.ui.screens.petitions import PetitionsScreen
from desktop.ui.screens.registers import DocumentsScreen
from desktop.ui.widgets.petition_detail import render
from tests.core.importers.fixtures import write_petitions_xlsx, write_vpcp_docx
from tests.helpers import content_digest
from tests.ui.conftest import type_text
from tests.ui.saving import wait_accepted, wait_text
from tests.ui.windows import DialogT, detail_of_row, petitions_screen, show_dialog

D = dt.date
NOV_2 = D(2026, 11, 2)
TEXT = "Đề nghị hỗ trợ kinh phí phủ sóng di động cho các thôn vùng sâu vùng xa của tỉnh"
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """ask.confirm answers No unless 'yes' was appended; every question is recorded."""
    seen: dict[str, list[str]] = {"confirm": [], "inform": [], "error": []}

    def confirm(_parent: QWidget | None, _title: str, text: str) -> bool:
        seen["confirm"].append(text)
        return "yes" in seen["confirm"]

    monkeypatch.setattr(ask, "confirm", confirm)
    monkeypatch.setattr(ask, "inform", lambda _p, _t, text: seen["inform"].append(text))
    monkeypatch.setattr(ask, "error", lambda _p, _t, text: seen["error"].append(text))
    return seen


@pytest.fixture
def reg(ctx: UiContext) -> Registered:
    return register_document(
        ctx.session,
        DocumentInput(received_on=NOV_2, sender="Văn phòng Chính phủ",
                      sender_ref="5606/VPCP-QHĐP", sender_date=D(2026, 10, 30)),
        [PetitionInput("Thái Bình", "Hoàn thiện trục tích hợp quốc gia"),
         PetitionInput("Vĩnh Phúc", "Quy định về định danh, xác thực điện tử")],
    )  # fmt: skip


@pytest.fixture
def screen(qtbot: QtBot, ctx: UiContext, reg: Registered) -> PetitionsScreen:
    return petitions_screen(qtbot, ctx, 2)


def _dialog(qtbot: QtBot, dialog: DialogT) -> DialogT:
    return show_dialog(qtbot, dialog, active=True)


def _digest(ctx: UiContext) -> str:
    return content_digest(ctx.session.store.target)


def _origins(screen: PetitionsScreen) -> list[str]:
    m = screen.model
    return [m.data(m.index(r, COL_ORIGIN)) for r in range(m.rowCount())]


def _select(qtbot: QtBot, screen: PetitionsScreen, origin: str, expect: str) -> str:
    return detail_of_row(qtbot, screen, _origins(screen).index(origin), expect)


def test_edit_petition_then_list_and_history_show_old_and_new(
    qtbot: QtBot, ctx: UiContext, screen: PetitionsScreen, reg: Registered
) -> None:
    d = _dialog(qtbot, EditPetitionDialog(ctx, reg.petition_ids[0], screen))
    assert d.content_edit.toPlainText() == "Hoàn thiện trục tích hợp quốc gia"
    d.origin_edit.selectAll()
    type_text(d.origin_edit, "Thái Nguyên")
    d.content_edit.selectAll()
    type_text(d.content_edit, "Cấp chữ ký số cho người dân")
    d.field_box.setCurrentIndex(d.field_box.findText("Viễn thông"))
    qtbot.keyClick(d.origin_edit, Qt.Key.Key_Return)  # Enter saves
    wait_accepted(qtbot, ctx, d)
    qtbot.waitUntil(lambda: "Thái Nguyên" in _origins(screen), timeout=3000)
    text = _select(qtbot, screen, "Thái Nguyên", "Sửa: nơi kiến nghị")
    assert "Sửa: nơi kiến nghị, nội dung, lĩnh vực" in text
    assert "nơi kiến nghị: «Thái Bình» → «Thái Nguyên»" in text
    assert "lĩnh vực: (trống) → «Viễn thông»" in text
    assert "nội dung: «Hoàn thiện trục tích hợp quốc gia» → «Cấp chữ ký số cho người dân»" in text


def test_edit_with_nothing_changed_or_emptied_says_so_and_writes_nothing(
    qtbot: QtBot, ctx: UiContext, reg: Registered
) -> None:
    before = _digest(ctx)
    d = _dialog(qtbot, EditPetitionDialog(ctx, reg.petition_ids[0]))
    d.save_button.click()
    wait_text(qtbot, ctx, d.error, "Không có gì thay đổi")
    assert d.isVisible() and d.error.isVisible() and d.save_button.isEnabled()
    d.content_edit.clear()
    d.save_button.click()
    wait_text(qtbot, ctx, d.error, "Nội dung kiến nghị không được để trống")
    assert d.isVisible()
    assert _digest(ctx) == before


def test_a_petition_withdrawn_elsewhere_while_editing_is_refused(
    qtbot: QtBot, ctx: UiContext, reg: Registered
) -> None:
    d = _dialog(qtbot, EditPetitionDialog(ctx, reg.petition_ids[0]))
    d.content_edit.selectAll()
    type_text(d.content_edit, "Nội dung mới")
    other = Session(
        open_store(ctx.session.store.target), actor="other", today=ctx.session.today, system=True
    )
    corrections.withdraw(other, reg.petition_ids[0], "Trùng")
    other.close()
    before = _digest(ctx)
    d.save_button.click()
    wait_text(qtbot, ctx, d.error, "đã rút khỏi sổ")
    assert d.isVisible() and d.content_edit.toPlainText() == "Nội dung mới"
    assert _digest(ctx) == before


def test_withdraw_then_reinstate_from_the_dialogs(
    qtbot: QtBot, ctx: UiContext, screen: PetitionsScreen, reg: Registered
) -> None:
    d = _dialog(qtbot, WithdrawDialog(ctx, reg.petition_ids[1], screen))
    d.save_button.click()
    qtbot.waitUntil(lambda: "Chưa nhập lý do" in d.error.text(), timeout=3000)
    assert d.isVisible()
    type_text(d.reason, "Trùng với kiến nghị mã 1")
    d.save_button.click()
    qtbot.waitUntil(lambda: d.result() == QDialog.DialogCode.Accepted, timeout=3000)
    qtbot.waitUntil(lambda: _origins(screen) == ["Thái Bình"], timeout=3000)

    r = _dialog(qtbot, ReinstateDialog(ctx, screen))
    qtbot.waitUntil(lambda: r.list.count() == 1, timeout=3000)
    item = r.list.item(0).text()
    assert item.startswith(f"Mã {reg.petition_ids[1]} — Vĩnh Phúc")
    assert "Trùng với kiến nghị mã 1" in item
    r.save_button.click()
    qtbot.waitUntil(lambda: r.result() == QDialog.DialogCode.Accepted, timeout=3000)
    qtbot.waitUntil(lambda: sorted(_origins(screen)) == ["Thái Bình", "Vĩnh Phúc"], timeout=3000)
    text = _select(qtbot, screen, "Vĩnh Phúc", "Khôi phục")
    assert "Rút: Trùng với kiến nghị mã 1" in text


def test_the_register_menu_opens_the_corrections(
    qtbot: QtBot, ctx: UiContext, screen: PetitionsScreen, reg: Registered,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    opened: list[tuple[str, int]] = []
    monkeypatch.setattr(edit_petition, "open_edit_petition",
                        lambda _c, _p, pid: opened.append(("edit", pid)) or False)  # fmt: skip
    monkeypatch.setattr(withdraw, "open_withdraw",
                        lambda _c, _p, pid: opened.append(("withdraw", pid)) or False)  # fmt: skip
    screen.table.selectRow(_origins(screen).index("Vĩnh Phúc"))
    screen._row_menu(QPoint(5, 5))
    actions = {a.text().split("\t")[0]: a for a in screen.row_menu.actions() if a.text()}
    assert list(actions) == [
        "Giao xử lý…", "Ghi trả lời…", "Đơn vị hoàn thành…", "Sao chép số đến",
        "Sửa kiến nghị…", "Rút kiến nghị…", "Khôi phục kiến nghị đã rút…", "In phiếu giải quyết…"
    ]  # fmt: skip
    actions["Sửa kiến nghị…"].trigger()
    actions["Rút kiến nghị…"].trigger()
    screen.row_menu.close()
    assert opened == [("edit", reg.petition_ids[1]), ("withdraw", reg.petition_ids[1])]


def test_edit_document_number_and_refuse_another_year(
    qtbot: QtBot, ctx: UiContext, reg: Registered
) -> None:
    documents = DocumentsScreen(ctx)
    qtbot.addWidget(documents)
    qtbot.waitUntil(lambda: documents.model.rowCount() == 1)
    d = _dialog(qtbot, EditDocumentDialog(ctx, reg.document_id or 0))
    before = _digest(ctx)
    d.received_on.line.selectAll()
    qtbot.keyClicks(d.received_on.line, "31/12/2025")
    d.save_button.click()
    wait_text(qtbot, ctx, d.error, "là số của năm 2026 và không đổi được")
    assert d.isVisible()
    assert _digest(ctx) == before
    d.received_on.setDate(NOV_2)
    d.sender_ref.selectAll()
    qtbot.keyClicks(d.sender_ref, "5607/VPCP-QHDP")
    d.save_button.click()
    wait_accepted(qtbot, ctx, d)
    qtbot.waitUntil(
        lambda: documents.model.rowCount() == 1
        and documents.model.rows[0].sender_ref == "5607/VPCP-QHDP", timeout=3000,
    )  # fmt: skip
    assert [c.field for c in history.changes_of(ctx.session.store, "document", d.document_id)] == [
        "sender_ref"
    ]
    # Each of its petitions' history shows the change, old → new.
    shown = load_details(ctx.session.store, reg.petition_ids[0])
    assert shown is not None
    assert "số, ký hiệu: «5606/VPCP-QHĐP» → «5607/VPCP-QHDP»" in render(shown)


def test_import_dialog_marks_near_duplicates_and_asks_about_a_duplicate(
    qtbot: QtBot, ctx: UiContext, tmp_path: Path, answers: dict[str, list[str]]
) -> None:
    register_document(
        ctx.session,
        DocumentInput(received_on=NOV_2, sender="UBND tỉnh Hà Giang", sender_ref="12/UBND"),
        [PetitionInput("Hà Giang", TEXT)],
    )
    rows = [[1, "Hà Giang", TEXT + "."], [2, "Hà Giang", "Cấp tên miền miễn phí cho trường"]]
    xlsx = write_petitions_xlsx(tmp_path / "b.xlsx", rows)
    d = _dialog(qtbot, ImportDialog(ctx, path=None))
    type_text(d.sender_edit, "Văn phòng Chính phủ")
    d.set_path(xlsx)
    qtbot.waitUntil(lambda: d.current is not None, timeout=5000)
    m = d.model
    assert m.data(m.index(0, COL_DUPLICATE)).startswith("Có thể trùng với kiến nghị mã 1 (ngày")
    assert m.data(m.index(0, COL_DUPLICATE), Qt.ItemDataRole.BackgroundRole) == DUPLICATE_BACKGROUND
    assert m.data(m.index(1, COL_DUPLICATE)) == ""
    assert "1 dòng có thể trùng" in d.document_line.text()
    d.done(QDialog.DialogCode.Rejected)

    docx = write_vpcp_docx(tmp_path / "5606.docx")
    import_file(ctx.session, docx)
    before = _digest(ctx)
    d = _dialog(qtbot, ImportDialog(ctx, path=docx))
    qtbot.waitUntil(lambda: d.current is not None, timeout=5000)
    assert "⚠ Văn bản này đã vào sổ: số đến 2/2026" in d.document_line.text()
    d.import_button.click()  # the clerk says No
    assert answers["confirm"][-1].startswith("Văn bản này đã vào sổ: số đến 2/2026 ngày 23/11/2026")
    assert answers["confirm"][-1].endswith("Vẫn vào sổ? Chỉ chọn Có nếu đây là một văn bản khác.")
    assert d.isVisible() and d.work is None and _digest(ctx) == before
    answers["confirm"].append("yes")
    with qtbot.waitSignal(d.imported, timeout=10_000):
        d.import_button.click()
    assert docs.next_incoming_no(ctx.session.store, 2026) == 4


def test_register_dialog_asks_before_registering_a_duplicate(
    qtbot: QtBot, ctx: UiContext, reg: Registered, answers: dict[str, list[str]]
) -> None:
    d = _dialog(qtbot, RegisterDocumentDialog(ctx))
    qtbot.waitUntil(lambda: d.completions_ready)
    type_text(d.sender_edit, "văn phòng chính phủ")
    type_text(d.sender_ref, "5606/VPCP-QHĐP")
    d.sender_date.setDate(D(2026, 10, 30))
    type_text(d.grid.rows[0].origin, "Huế")
    type_text(d.grid.rows[0].content, "Chữ ký số")
    before = _digest(ctx)
    d.save()
    ctx.runner.wait()
    qtbot.waitUntil(lambda: bool(answers["confirm"]), timeout=5000)
    assert answers["confirm"] == [
        "Văn bản này đã vào sổ: số đến 1/2026 ngày 02/11/2026 (mã 1), 5606/VPCP-QHĐP ngày"
        " 30/10/2026 của Văn phòng Chính phủ.\n\nVẫn vào sổ? Chỉ chọn Có nếu đây là một văn bản"
        " khác."
    ]
    assert d.isVisible() and "đã vào sổ: số đến 1/2026" in d.errors["save"].text()
    assert _digest(ctx) == before
    answers["confirm"].append("yes")
    d.save()
    wait_accepted(qtbot, ctx, d)
    assert docs.next_incoming_no(ctx.session.store, 2026) == 3
    assert pet.count(ctx.session.store) == 3


def test_edit_document_into_a_registered_one_asks_first(
    qtbot: QtBot, ctx: UiContext, reg: Registered, answers: dict[str, list[str]]
) -> None:
    register_document(ctx.session, DocumentInput(
        received_on=NOV_2, sender="Văn phòng Chính phủ", sender_ref="5607/VPCP-QHĐP",
        sender_date=D(2026, 10, 30)))  # fmt: skip
    d = _dialog(qtbot, EditDocumentDialog(ctx, reg.document_id or 0))
    d.sender_ref.selectAll()
    type_text(d.sender_ref, "5607/VPCP-QHĐP")
    before = _digest(ctx)
    d.save_button.click()
    ctx.runner.wait()
    qtbot.waitUntil(lambda: bool(answers["confirm"]), timeout=5000)
    assert answers["confirm"][-1].endswith("đã vào sổ: số đến 2/2026 ngày 02/11/2026 (mã 2)."
                                           " Vẫn sửa như vậy?")  # fmt: skip
    assert d.isVisible() and "--allow-duplicate" not in d.error.text()
    assert _digest(ctx) == before
    answers["confirm"].append("yes")
    d.save_button.click()
    wait_accepted(qtbot, ctx, d)


def test_f2_edits_the_petition_or_the_document_of_the_screen_shown(
    qtbot: QtBot, ctx: UiContext, reg: Registered, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.ui.main_window import MainWindow

    opened: list[tuple[str, int]] = []
    monkeypatch.setattr(edit_petition, "open_edit_petition",
                        lambda _c, _p, pid: opened.append(("petition", pid)) or False)  # fmt: skip
    monkeypatch.setattr(edit_document, "open_edit_document",
                        lambda _c, _p, did: opened.append(("document", did)) or False)  # fmt: skip
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.petitions.model.rowCount() == 2)
    edit = w.actions_by_text["Sửa…"]
    assert edit.shortcut().toString() == "F2"
    edit.trigger()  # nothing selected: a hint, no dialog
    assert opened == [] and "Chọn kiến nghị cần sửa" in w.statusBar().currentMessage()
    w.petitions.table.selectRow(_origins(w.petitions).index("Vĩnh Phúc"))
    edit.trigger()
    w.show_screen("documents")
    qtbot.waitUntil(lambda: w.documents.model.rowCount() == 1)
    w.documents.table.selectRow(0)
    edit.trigger()
    assert opened == [("petition", reg.petition_ids[1]), ("document", reg.document_id)]
