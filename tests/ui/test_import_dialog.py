"""Nhập từ tệp: choose a file, see exactly what will be registered, confirm, or see why not."""

import datetime as dt
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db import documents as docs
from db import petitions as pet
from desktop.core import intake
from desktop.core.intake import ImportResult
from desktop.core.registry import DocumentInput, register_document
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs.import_file import ImportDialog
from desktop.ui.models.import_preview_model import COL_CONTENT, COL_DUE, COL_ORDINAL, COL_ORIGIN
from desktop.ui.qt import QDialog, Qt, QWidget
from tests.core.importers.fixtures import (
    SEED_ORIGINS,
    seed_xlsx_rows,
    write_petitions_xlsx,
    write_vpcp_docx,
)
from tests.helpers import content_digest
from tests.ui.conftest import type_text
from tests.ui.windows import show_dialog

D = dt.date
SEED_ORIGIN_LIST = ["Hải Phòng", "Bến Tre", "Phú Yên", "Thái Bình", "Thái Nguyên", "Vĩnh Phúc"]


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """ask.confirm answers No unless 'yes' is recorded; ask.inform records its messages."""
    seen: dict[str, list[str]] = {"confirm": [], "inform": []}

    def confirm(_parent: QWidget | None, _title: str, text: str) -> bool:
        seen["confirm"].append(text)
        return "yes" in seen["confirm"]

    def inform(_parent: QWidget | None, _title: str, text: str) -> None:
        seen["inform"].append(text)

    monkeypatch.setattr(ask, "confirm", confirm)
    monkeypatch.setattr(ask, "inform", inform)
    return seen


@pytest.fixture
def dialog(qtbot: QtBot, ctx: UiContext) -> ImportDialog:
    return show_dialog(qtbot, ImportDialog(ctx))


def _digest(ctx: UiContext) -> str:
    return content_digest(ctx.session.store.target)


def _cells(d: ImportDialog, col: int) -> list[str]:
    m = d.model
    return [m.data(m.index(r, col)) for r in range(m.rowCount())]


def _choose(qtbot: QtBot, d: ImportDialog, path: Path) -> None:
    d.choose_file = lambda: path  # type: ignore[method-assign]
    qtbot.mouseClick(d.choose_button, Qt.MouseButton.LeftButton)


def test_import_a_docx_after_confirming_its_preview(
    qtbot: QtBot, ctx: UiContext, dialog: ImportDialog, tmp_path: Path, answers: dict
) -> None:
    assert "Chọn tệp Word (.docx) hoặc Excel (.xlsx)" in dialog.document_line.text()
    assert not dialog.import_button.isEnabled()
    path = write_vpcp_docx(tmp_path / "5606-VPCP-QHDP.docx")
    before = _digest(ctx)
    _choose(qtbot, dialog, path)
    qtbot.waitUntil(lambda: dialog.current is not None)
    line = dialog.document_line.text()
    assert line.startswith("Sẽ vào sổ văn bản đến số 1/2026 với 6 kiến nghị:\nngày đến 23/11/2026")
    assert "Văn phòng Chính phủ, số 5606/VPCP-QHĐP, ngày 10/07/2020" in line
    assert line.split("\n⚠ ")[0].endswith("hạn trả lời 15/09/2020.")
    # Received in 2026: the letter is late, and Vĩnh Phúc has been part of Phú Thọ since 2025.
    assert "\n⚠ Hạn trả lời ghi trong văn bản (15/09/2020) đã qua trước ngày đến 23/11/2026" in line
    assert "đã sáp nhập (Nghị quyết số 202/2025/QH15)" in line and "Vĩnh Phúc → Phú Thọ" in line
    assert _cells(dialog, COL_ORIGIN) == SEED_ORIGIN_LIST == list(SEED_ORIGINS)
    assert _cells(dialog, COL_ORDINAL) == ["", "1", "2", "3", "4", "5"]
    assert _cells(dialog, COL_DUE) == ["15/09/2020"] * 6
    first = _cells(dialog, COL_CONTENT)[0]
    assert first.startswith("Đề nghị Chính phủ chỉ đạo Bộ TTTT") and "\n" not in first
    assert dialog.sender_edit.placeholderText() == "Theo tệp: Văn phòng Chính phủ"
    assert dialog.import_button.text() == "Vào sổ 6 kiến nghị" and dialog.import_button.isEnabled()
    assert _digest(ctx) == before  # the preview writes nothing

    changes: list[int] = []
    ctx.bus.changed.connect(lambda: changes.append(1))
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as signal:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert answers["inform"] == ["Đã vào sổ văn bản đến số 1/2026 với 6 kiến nghị"]
    assert changes == [1] and not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted
    result: ImportResult = signal.args[0]
    doc = docs.find_by_number(ctx.session.store, 2026, 1)
    assert doc is not None and doc.id == result.document_id
    assert (doc.sender, doc.sender_ref, doc.sender_date, doc.reply_by, doc.received_on) == (
        "Văn phòng Chính phủ", "5606/VPCP-QHĐP", D(2020, 7, 10), D(2020, 9, 15), D(2026, 11, 23),
    )  # fmt: skip
    ps = pet.petitions_of_document(ctx.session.store, doc.id)
    assert [p.origin for p in ps] == SEED_ORIGIN_LIST
    assert all(p.due_on == D(2020, 9, 15) for p in ps)
    assert pet.events_of(ctx.session.store, ps[0].id)[0].actor == "tester"


def test_changing_an_override_previews_again(qtbot: QtBot, ctx: UiContext, tmp_path: Path) -> None:
    path = write_vpcp_docx(tmp_path / "a.docx")
    dialog = show_dialog(qtbot, ImportDialog(ctx, path=path))
    qtbot.waitUntil(lambda: dialog.current is not None)
    qtbot.keyClicks(dialog.reply_by.line, "30/11/2026")
    assert not dialog.import_button.isEnabled()  # the preview on screen is out of date
    qtbot.waitUntil(lambda: dialog.current is not None)
    assert _cells(dialog, COL_DUE) == ["30/11/2026"] * 6
    type_text(dialog.sender_edit, "Văn phòng Chính phủ (Vụ Địa phương)")
    qtbot.waitUntil(lambda: "(Vụ Địa phương)" in dialog.document_line.text())
    dialog.received_on.line.selectAll()
    qtbot.keyClicks(dialog.received_on.line, "20/11/2026")
    qtbot.waitUntil(lambda: dialog.current is not None and "ngày đến 20/11/2026" in
                    dialog.document_line.text())  # fmt: skip
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_imported is not None, timeout=10_000)
    doc = docs.find_by_number(ctx.session.store, 2026, 1)
    assert doc is not None
    assert (doc.sender, doc.reply_by, doc.received_on) == (
        "Văn phòng Chính phủ (Vụ Địa phương)", D(2026, 11, 30), D(2026, 11, 20),
    )  # fmt: skip


def test_a_write_elsewhere_moves_the_expected_number(
    qtbot: QtBot, ctx: UiContext, dialog: ImportDialog, tmp_path: Path
) -> None:
    _choose(qtbot, dialog, write_vpcp_docx(tmp_path / "a.docx"))
    qtbot.waitUntil(lambda: dialog.current is not None)
    assert dialog.current is not None and dialog.current.incoming_no == 1
    other = DocumentInput(received_on=D(2026, 11, 20), sender="Bộ Tài chính")
    register_document(ctx.session, other)
    ctx.changed()
    qtbot.waitUntil(lambda: "số 2/2026" in dialog.document_line.text())


def test_errors_name_the_row_and_problem_and_nothing_is_written(
    qtbot: QtBot, ctx: UiContext, dialog: ImportDialog, tmp_path: Path
) -> None:
    rows = [[1, "Huế", "Nội dung", "Bưu chính"], [2, "Huế", "Nội dung", "Thiên văn học"]]
    path = write_petitions_xlsx(
        tmp_path / "f.xlsx", rows, header=("STT", "Địa phương", "Nội dung", "Lĩnh vực")
    )
    before = _digest(ctx)
    _choose(qtbot, dialog, path)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    # The sheet names no sender: the clerk is sent to the field for it, not to a CLI option.
    assert "cơ quan gửi" in dialog.error.text() and "--sender" not in dialog.error.text()
    assert "ô «Cơ quan gửi»" in dialog.error.text()
    type_text(dialog.sender_edit, "UBND thành phố Huế")
    qtbot.waitUntil(lambda: "dòng 3" in dialog.error.text())
    assert dialog.error.text() == (
        "Tệp «f.xlsx», dòng 3: Không có lĩnh vực «Thiên văn học» trong danh mục."
    )
    assert dialog.model.rowCount() == 0 and not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)  # disabled: nothing
    assert dialog.work is None and _digest(ctx) == before


def test_xlsx_without_sender_imports_once_the_sender_is_typed(
    qtbot: QtBot, ctx: UiContext, dialog: ImportDialog, tmp_path: Path, answers: dict
) -> None:
    path = write_petitions_xlsx(tmp_path / "bang.xlsx", seed_xlsx_rows())
    _choose(qtbot, dialog, path)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    type_text(dialog.sender_edit, "UBND tỉnh Bến Tre")
    qtbot.waitUntil(lambda: dialog.current is not None)
    assert _cells(dialog, COL_DUE) == ["08/12/2026"] * 6  # 10 working days from 23/11/2026
    assert not dialog.error.isVisible()
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter: the previewed import
    qtbot.waitUntil(lambda: answers["inform"] != [], timeout=10_000)
    assert answers["inform"] == ["Đã vào sổ văn bản đến số 1/2026 với 6 kiến nghị"]


def test_cancel_while_importing_leaves_the_database_as_it_was(
    qtbot: QtBot,
    ctx: UiContext,
    dialog: ImportDialog,
    tmp_path: Path,
    answers: dict,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write_vpcp_docx(tmp_path / "a.docx")
    _choose(qtbot, dialog, path)
    qtbot.waitUntil(lambda: dialog.current is not None)
    before = _digest(ctx)
    written, cancelled = threading.Event(), threading.Event()
    real = intake.import_file

    def slow_import(*args: object, **kwargs: object) -> ImportResult:
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        written.set()
        cancelled.wait(10)  # the clerk presses Cancel after the rows were written
        return result

    monkeypatch.setattr(intake, "import_file", slow_import)
    dialog.import_now()
    work = dialog.work
    assert work is not None
    assert written.wait(10)
    work.cancel()
    cancelled.set()
    assert work.wait()
    qtbot.waitUntil(lambda: dialog.work is None)
    assert answers["inform"] == [] and dialog.isVisible()
    assert "Đã hủy" in dialog.error.text() and dialog.import_button.isEnabled()
    assert _digest(ctx) == before


def test_esc_with_typed_overrides_asks_first(
    qtbot: QtBot, ctx: UiContext, dialog: ImportDialog, answers: dict
) -> None:
    type_text(dialog.sender_ref, "5606/VPCP-QHĐP")
    qtbot.keyClick(dialog.sender_ref, Qt.Key.Key_Escape)
    assert answers["confirm"] == ["Bỏ các thông tin đã nhập?"] and dialog.isVisible()
    answers["confirm"].append("yes")
    qtbot.keyClick(dialog.sender_ref, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def test_esc_without_typing_closes_at_once(
    qtbot: QtBot, dialog: ImportDialog, answers: dict
) -> None:
    qtbot.keyClick(dialog.sender_edit, Qt.Key.Key_Escape)
    assert answers["confirm"] == [] and not dialog.isVisible()
