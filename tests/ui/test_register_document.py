"""Vào sổ văn bản đến: typing the paper form and its petitions, checks next to the fields."""

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db import documents as docs
from db import petitions as pet
from db import reference as ref
from desktop.core import registry
from desktop.core.errors import DomainError
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.ui.context import UiContext
from desktop.ui.dialogs.register_document import RegisterDocumentDialog
from desktop.ui.qt import QApplication, QDialog, Qt, QWidget
from tests.helpers import content_digest
from tests.ui.conftest import type_text
from tests.ui.saving import wait_accepted, wait_text

D = dt.date


@pytest.fixture
def dialog(qtbot: QtBot, ctx: UiContext) -> RegisterDocumentDialog:
    d = RegisterDocumentDialog(ctx)
    qtbot.addWidget(d, before_close_func=_discard)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    qtbot.waitUntil(lambda: d.completions_ready)
    return d


def _discard(d: QWidget) -> None:
    """Teardown closes the dialog without the question a clerk would get."""
    assert isinstance(d, QDialog)
    d.done(QDialog.DialogCode.Rejected)


pytestmark = pytest.mark.usefixtures("confirms")  # questions recorded, answered No


def _digest(ctx: UiContext) -> str:
    return content_digest(ctx.session.store.target)


def _type_date(qtbot: QtBot, line: QWidget, text: str) -> None:
    line.setFocus()
    line.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(line, text)


def _visible_error(d: RegisterDocumentDialog, key: str) -> str:
    label = d.errors[key]
    return label.text() if label.isVisible() else ""


def test_register_a_document_with_two_petitions_typed_in_vietnamese(
    qtbot: QtBot,
    ctx: UiContext,
    dialog: RegisterDocumentDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    d = dialog
    assert d.received_on.line.text() == "23/11/2026"
    assert d.number.text() == "1" and "năm 2026" in d.number_hint.text()
    assert "08/12/2026" in d.due_hint.text()  # 10 working days; 24/11 is Vietnam Culture Day
    assert "Chưa có kiến nghị" in d.petitions.hint.text()
    type_text(d.sender_edit, "Văn phòng Chính phủ")
    type_text(d.sender_ref, "5606/VPCP-QHĐP")
    _type_date(qtbot, d.sender_date.line, "10/11/2026")
    type_text(d.summary, "V/v kiến nghị của địa phương về chuyển đổi số")
    scan = tmp_path / "cong-van-5606.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned")
    d.pick_files = lambda: [scan]  # type: ignore[method-assign]
    qtbot.mouseClick(d.files.add_button, Qt.MouseButton.LeftButton)
    assert d.files.names() == ["cong-van-5606.pdf  (1 KB)"]

    row = d.grid.rows[0]
    type_text(row.origin, "Thái Bình")
    assert len(d.grid.rows) == 2  # an empty row always waits at the end
    row.field.setCurrentIndex(row.field.findText("Viễn thông"))
    type_text(row.content, "Hoàn thiện trục tích hợp quốc gia")
    # Enter in the content editor starts a new line; it does not save.
    qtbot.keyClick(row.content, Qt.Key.Key_Return)
    type_text(row.content, "+ kết nối với hệ thống của tỉnh")
    assert d.isVisible() and d.result_registered is None
    second = d.grid.rows[1]
    type_text(second.origin, "Vĩnh Phúc")
    type_text(second.content, "Quy định về định danh, xác thực điện tử")
    assert d.petitions.hint.text() == "2 kiến nghị."

    changes: list[int] = []
    ctx.bus.changed.connect(lambda: changes.append(1))
    calls: list[int] = []
    real = registry.register_document

    def spy(*args: object, **kwargs: object) -> registry.Registered:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(registry, "register_document", spy)
    with qtbot.waitSignal(d.registered) as signal:
        qtbot.keyClick(second.origin, Qt.Key.Key_Return)  # Enter in a line field saves
    assert calls == [1] and changes == [1]
    assert d.result() == QDialog.DialogCode.Accepted and not d.isVisible()
    done = signal.args[0]
    assert (done.incoming_no, done.year) == (1, 2026)

    doc = docs.find_by_number(ctx.session.store, 2026, 1)
    assert doc is not None
    assert (doc.sender, doc.sender_ref, doc.sender_date, doc.received_on) == (
        "Văn phòng Chính phủ", "5606/VPCP-QHĐP", D(2026, 11, 10), D(2026, 11, 23),
    )  # fmt: skip
    assert doc.summary == "V/v kiến nghị của địa phương về chuyển đổi số"
    ps = pet.petitions_of_document(ctx.session.store, doc.id)
    assert [(p.ordinal, p.origin) for p in ps] == [("1", "Thái Bình"), ("2", "Vĩnh Phúc")]
    assert ps[0].content == "Hoàn thiện trục tích hợp quốc gia\n+ kết nối với hệ thống của tỉnh"
    field = ref.find_field(ctx.session.store, "Viễn thông")
    assert field is not None and (ps[0].field_id, ps[1].field_id) == (field.id, None)
    assert all(p.due_on == D(2026, 12, 8) for p in ps)
    files = docs.attachments_of(ctx.session.store, doc.id)
    assert [(a.filename, a.mime) for a in files] == [("cong-van-5606.pdf", "application/pdf")]
    assert docs.attachment_content(ctx.session.store, files[0].id) == b"%PDF-1.4 scanned"


def test_invalid_date_shows_its_message_and_saves_nothing(
    qtbot: QtBot, ctx: UiContext, dialog: RegisterDocumentDialog
) -> None:
    before = _digest(ctx)
    type_text(dialog.sender_edit, "UBND tỉnh Bến Tre")
    _type_date(qtbot, dialog.sender_date.line, "31/02/2026")
    assert "Ngày văn bản «31/02/2026» không hợp lệ" in _visible_error(dialog, "sender_date")
    type_text(dialog.grid.rows[0].origin, "Bến Tre")
    type_text(dialog.grid.rows[0].content, "Hỗ trợ khu công nghệ thông tin tập trung")
    qtbot.keyClick(dialog.sender_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result_registered is None
    assert QApplication.focusWidget() is dialog.sender_date.line
    assert _digest(ctx) == before
    # Fixing the date clears the message, and the same Enter then saves.
    _type_date(qtbot, dialog.sender_date.line, "20/11/2026")
    assert _visible_error(dialog, "sender_date") == ""
    qtbot.keyClick(dialog.sender_date.line, Qt.Key.Key_Return)
    wait_accepted(qtbot, ctx, dialog)
    assert dialog.result_registered is not None


def test_future_and_missing_values_are_named_next_to_their_fields(
    qtbot: QtBot, ctx: UiContext, dialog: RegisterDocumentDialog
) -> None:
    before = _digest(ctx)
    _type_date(qtbot, dialog.received_on.line, "01/12/2026")
    assert "Ngày đến ở tương lai (hôm nay 23/11/2026)" in _visible_error(dialog, "received_on")
    type_text(dialog.grid.rows[0].origin, "UBND thành phố Huế")  # a petition without content
    qtbot.keyClick(dialog.grid.rows[0].origin, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "Chưa nhập cơ quan gửi" in _visible_error(dialog, "sender")
    rows = dialog.petitions.error
    assert rows.isVisible() and "Dòng 1: Chưa nhập nội dung kiến nghị" in rows.text()
    assert dialog.isVisible() and _digest(ctx) == before


def test_duplicate_number_names_the_holder_at_once_and_saves_nothing(
    qtbot: QtBot, ctx: UiContext, dialog: RegisterDocumentDialog
) -> None:
    register_document(
        ctx.session,
        DocumentInput(received_on=D(2026, 11, 2), sender="Văn phòng Chính phủ",
                      sender_ref="5606/VPCP-QHĐP", incoming_no=7),
        [PetitionInput("Thái Bình", "Trục tích hợp")],
    )  # fmt: skip
    ctx.changed()  # as after any write from another screen
    qtbot.waitUntil(lambda: dialog.number.text() == "8")  # re-suggested after the write
    before = _digest(ctx)
    dialog.number.setFocus()
    dialog.number.selectAll()
    qtbot.keyClicks(dialog.number, "7")
    message = _visible_error(dialog, "incoming_no")
    assert "Số đến 7/2026 đã dùng cho văn bản «5606/VPCP-QHĐP» của Văn phòng Chính phủ" in message
    assert "Số trống tiếp theo: 8" in message
    type_text(dialog.sender_edit, "UBND tỉnh Phú Yên")
    type_text(dialog.grid.rows[0].origin, "UBND tỉnh Phú Yên")
    type_text(dialog.grid.rows[0].content, "Chuyển giao dịch vụ hành chính công cho bưu chính")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and _digest(ctx) == before
    assert QApplication.focusWidget() is dialog.number


def test_refusal_from_the_registry_is_shown_and_nothing_is_saved(
    qtbot: QtBot, ctx: UiContext, dialog: RegisterDocumentDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise DomainError("Không có lĩnh vực «Thiên văn» trong danh mục.")

    monkeypatch.setattr(registry, "register_document", refuse)
    before = _digest(ctx)
    type_text(dialog.sender_edit, "UBND tỉnh Huế")
    type_text(dialog.grid.rows[0].origin, "UBND thành phố Huế")
    type_text(dialog.grid.rows[0].content, "Nội dung")
    qtbot.keyClick(dialog.sender_edit, Qt.Key.Key_Return)
    assert not dialog.save_button.isEnabled()  # Vào sổ is on its way
    wait_text(qtbot, ctx, dialog.errors["save"], "Thiên văn")
    assert _visible_error(dialog, "save") == "Không có lĩnh vực «Thiên văn» trong danh mục."
    assert dialog.isVisible() and _digest(ctx) == before
    assert dialog.save_button.isEnabled() and dialog.sender_edit.text() == "UBND tỉnh Huế"


def test_esc_with_typed_data_asks_first(
    qtbot: QtBot, ctx: UiContext, dialog: RegisterDocumentDialog, confirms: list[str]
) -> None:
    before = _digest(ctx)
    type_text(dialog.grid.rows[0].content, "Kiến nghị chưa xong")
    qtbot.keyClick(dialog.grid.rows[0].content, Qt.Key.Key_Escape)
    assert confirms == ["Bỏ những gì đã nhập cho văn bản này?"]
    assert dialog.isVisible()  # answered No: the typing is kept
    assert dialog.grid.rows[0].content.toPlainText() == "Kiến nghị chưa xong"
    confirms.append("yes")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert len(confirms) == 3 and not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected and _digest(ctx) == before


def test_esc_on_an_untouched_form_closes_without_asking(
    qtbot: QtBot, dialog: RegisterDocumentDialog, confirms: list[str]
) -> None:
    qtbot.keyClick(dialog.received_on.line, Qt.Key.Key_Escape)
    assert confirms == [] and not dialog.isVisible()


def test_number_follows_the_year_unless_typed(
    qtbot: QtBot, ctx: UiContext, dialog: RegisterDocumentDialog, confirms: list[str]
) -> None:
    for day in (D(2025, 3, 1), D(2025, 6, 1)):
        register_document(ctx.session, DocumentInput(received_on=day, sender="Bộ Tài chính"))
    qtbot.waitUntil(lambda: dialog.number.text() == "1")
    _type_date(qtbot, dialog.received_on.line, "15/12/2025")
    assert dialog.number.text() == "3" and "năm 2025" in dialog.number_hint.text()
    dialog.number.selectAll()
    qtbot.keyClicks(dialog.number, "12")
    _type_date(qtbot, dialog.received_on.line, "16/11/2026")
    assert dialog.number.text() == "12"  # the clerk's own number stays
    type_text(dialog.sender_edit, "Bộ Tài chính")
    qtbot.keyClick(dialog.sender_edit, Qt.Key.Key_Return)
    assert confirms == ["Văn bản chưa có kiến nghị nào. Vẫn vào sổ văn bản này?"]
    assert dialog.isVisible()
    confirms.append("yes")
    qtbot.keyClick(dialog.sender_edit, Qt.Key.Key_Return)
    wait_accepted(qtbot, ctx, dialog)
    doc = docs.find_by_number(ctx.session.store, 2026, 12)
    assert doc is not None and doc.received_on == D(2026, 11, 16)
    assert pet.petitions_of_document(ctx.session.store, doc.id) == []


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen completion popup
def test_an_emptied_number_takes_the_next_free_one(
    qtbot: QtBot, ctx: UiContext, dialog: RegisterDocumentDialog
) -> None:
    dialog.number.setFocus()
    dialog.number.selectAll()
    qtbot.keyClick(dialog.number, Qt.Key.Key_Backspace)
    assert dialog.number_hint.text() == "để trống: lấy số tiếp theo"
    type_text(dialog.sender_edit, "Bộ Công an")
    type_text(dialog.grid.rows[0].origin, "Cục An ninh mạng")
    type_text(dialog.grid.rows[0].content, "Phối hợp bảo đảm an toàn thông tin")
    qtbot.keyClick(dialog.sender_edit, Qt.Key.Key_Return)
    assert _visible_error(dialog, "incoming_no") == ""
    wait_accepted(qtbot, ctx, dialog)
    assert dialog.result_registered is not None and dialog.result_registered.incoming_no == 1


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen completion popup
def test_sender_and_origin_completions(
    qtbot: QtBot, ctx: UiContext, dialog: RegisterDocumentDialog
) -> None:
    names = dialog.grid.origin_model.stringList()
    assert "Hưng Yên" in names and "Thái Bình" not in names  # 34 provinces since 01/07/2025
    _type_date(qtbot, dialog.received_on.line, "02/03/2025")
    assert "Thái Bình" in dialog.grid.origin_model.stringList()  # 63 before the merger
    register_document(
        ctx.session,
        DocumentInput(received_on=D(2026, 11, 2), sender="Văn phòng Chính phủ"),
        [PetitionInput("Hiệp hội Internet Việt Nam", "Nội dung")],
    )
    later = RegisterDocumentDialog(ctx)
    qtbot.addWidget(later, before_close_func=_discard)
    later.show()
    qtbot.waitUntil(lambda: later.completions_ready)
    assert later.sender_model.stringList() == ["Văn phòng Chính phủ"]
    assert "Hiệp hội Internet Việt Nam" in later.grid.origin_model.stringList()
    origin = later.grid.rows[0].origin
    type_text(origin, "hiệp hội")
    completer = origin.completer()
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    assert completer.currentCompletion() == "Hiệp hội Internet Việt Nam"


def test_attachments_refuse_other_kinds(
    qtbot: QtBot, dialog: RegisterDocumentDialog, tmp_path: Path
) -> None:
    good, bad = tmp_path / "scan.png", tmp_path / "virus.exe"
    for path in (good, bad):
        path.write_bytes(b"x")
    dialog.pick_files = lambda: [good, bad]  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.files.add_button, Qt.MouseButton.LeftButton)
    assert dialog.files.paths == [good]
    assert "«virus.exe»: chỉ nhận tệp PDF, DOCX hoặc ảnh" in dialog.files.error.text()
    dialog.files.list.setCurrentRow(0)
    qtbot.mouseClick(dialog.files.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.files.paths == [] and "Chưa có tệp nào" in dialog.files.hint.text()


def test_tab_follows_the_paper_form(qtbot: QtBot, dialog: RegisterDocumentDialog) -> None:
    expected = [
        dialog.number, dialog.sender_edit, dialog.sender_ref, dialog.sender_date.line,
        dialog.summary, dialog.reply_by.line, dialog.files.list, dialog.files.add_button,
        dialog.files.remove_button, dialog.parties.body_radio, dialog.parties.forwarded,
        dialog.grid.rows[0].origin, dialog.grid.rows[0].field,
        dialog.grid.rows[0].content, dialog.add_row_button,
    ]  # fmt: skip
    dialog.received_on.line.setFocus()
    seen = []
    for _ in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == expected


def test_ctrl_enter_adds_a_row_and_ctrl_delete_removes_it(
    qtbot: QtBot, dialog: RegisterDocumentDialog
) -> None:
    grid = dialog.grid
    type_text(grid.rows[0].origin, "Hiệp hội Phần mềm")
    assert len(grid.rows) == 2
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(grid.rows[0].origin, Qt.Key.Key_Return, ctrl)
    assert QApplication.focusWidget() is grid.rows[1].origin and len(grid.rows) == 2
    type_text(grid.rows[1].content, "Nội dung thứ hai")
    qtbot.keyClick(grid.rows[1].content, Qt.Key.Key_Return, ctrl)  # also from the content
    assert QApplication.focusWidget() is grid.rows[2].origin and len(grid.rows) == 3
    assert grid.rows[1].content.toPlainText() == "Nội dung thứ hai"
    grid.rows[0].origin.setFocus()
    qtbot.keyClick(grid.rows[0].origin, Qt.Key.Key_Delete, ctrl)
    assert len(grid.rows) == 2 and grid.rows[0].content.toPlainText() == "Nội dung thứ hai"
