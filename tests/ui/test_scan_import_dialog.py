"""Nhập từ tệp… with a scan: read by OCR with progress and Hủy, rows corrected before Vào sổ."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db import documents as docs
from db import petitions as pet
from desktop.core.importers.ocr_gate import UNREAD
from desktop.ui.context import UiContext
from desktop.ui.dialogs.import_file import ImportDialog
from desktop.ui.dialogs.import_scan import CANCELLED
from desktop.ui.models.import_preview_model import COL_CONTENT, COL_ORIGIN, UNREAD_BACKGROUND
from desktop.ui.qt import QLineEdit, QPlainTextEdit, QPushButton, Qt, QWidget
from tests.core.importers.seed import SEED_ROWS
from tests.helpers import content_digest
from tests.pdf_samples import render_seed_pdf
from tests.scan_samples import blank_origin_scan, scanned_pdf
from tests.ui.conftest import type_text
from tests.ui.windows import show_dialog

D = dt.date
OCR_TIMEOUT = 180_000  # two pages of OCR on a loaded 2-CPU machine


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scan-ui")
    return scanned_pdf(render_seed_pdf(folder / "5606.pdf"), folder / "5606-quet.pdf")


@pytest.fixture
def dialog(qtbot: QtBot, ctx: UiContext) -> ImportDialog:
    d = ImportDialog(ctx)
    d.resize(1100, 700)
    return show_dialog(qtbot, d)


def _cells(d: ImportDialog, col: int) -> list[str]:
    m = d.model
    return [m.data(m.index(r, col)) for r in range(m.rowCount())]


def _edit(qtbot: QtBot, d: ImportDialog, row: int, col: int) -> QWidget:
    """Double-click the cell, as the clerk does; the editor that opens."""
    index = d.model.index(row, col)
    d.table.scrollTo(index)
    rect = d.table.visualRect(index)
    qtbot.mouseClick(d.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(d.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: d.table.indexWidget(index) is not None or _editor(d) is not None)
    editor = _editor(d)
    assert editor is not None
    return editor


def _editor(d: ImportDialog) -> QWidget | None:
    for kind in (QPlainTextEdit, QLineEdit):
        found = d.table.viewport().findChild(kind)
        if found is not None and found.isVisible():
            return found
    return None


def test_a_scanned_pdf_is_read_with_progress_and_a_corrected_cell_is_registered(
    qtbot: QtBot, ctx: UiContext, dialog: ImportDialog, scan: Path, informed: list[str]
) -> None:
    before = content_digest(ctx.session.store.target)
    labels: list[str] = []
    dialog.choose_file = lambda: scan  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.reading is not None)
    work = dialog.reading
    assert work is not None
    work.worker.progressed.connect(lambda _d, _t: labels.append(work.dialog.labelText()))
    assert "Đang nhận dạng chữ «5606-quet.pdf»" in dialog.document_line.text()
    qtbot.waitUntil(lambda: work.dialog.isVisible(), timeout=OCR_TIMEOUT)
    qtbot.waitUntil(lambda: bool(labels), timeout=OCR_TIMEOUT)
    work.dialog.grab().save(str(Path(scan).with_name("scan-progress.png")))
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=OCR_TIMEOUT)
    assert "Đang nhận dạng chữ trang 1/2…" in labels and "Đang nhận dạng chữ trang 2/2…" in labels
    # The pages in order once OCR starts (the look for a text layer before it reports the
    # pages too, in a blink, and its reports may reach the dialog before or after these).
    ocr = labels[len(labels) - 1 - labels[::-1].index("Đang nhận dạng chữ trang 1/2…") :]
    assert "Đang nhận dạng chữ trang 2/2…" in ocr
    assert _cells(dialog, COL_ORIGIN) == [origin for _, origin, _ in SEED_ROWS]
    line = dialog.document_line.text()
    assert line.startswith("Sẽ vào sổ văn bản đến số 1/2026 với 6 kiến nghị:")
    assert "Văn phòng Chính phủ, số 5606/VPCP-QHĐP, ngày 10/07/2020" in line
    assert "nhận dạng chữ từ bản quét: hãy soát lại" in line
    assert content_digest(ctx.session.store.target) == before  # reading writes nothing
    dialog.grab().save(str(Path(scan).with_name("scan-preview.png")))

    # The clerk corrects Bến Tre's origin (OCR may misread a name) and Thái Bình's text.
    editor = _edit(qtbot, dialog, 1, COL_ORIGIN)
    assert isinstance(editor, QLineEdit) and editor.text() == "Bến Tre"
    editor.selectAll()
    type_text(editor, "Tỉnh Bến Tre")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.current is not None and "Tỉnh Bến Tre" in _cells(dialog, 1))
    editor = _edit(qtbot, dialog, 3, COL_CONTENT)
    assert isinstance(editor, QPlainTextEdit)
    assert editor.toPlainText().startswith("Hoàn thiện chính thức trục tích hợp quốc gia")
    editor.selectAll()
    type_text(editor, "Hoàn thiện trục tích hợp quốc gia (đã soát)")
    qtbot.wait(50)
    dialog.grab().save(str(Path(scan).with_name("scan-editing.png")))
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(
        lambda: (
            dialog.current is not None
            and dialog.current.rows[3].content == "Hoàn thiện trục tích hợp quốc gia (đã soát)"
        )
    )
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled())
    qtbot.wait(100)  # the layout pass after the new texts
    dialog.grab().save(str(Path(scan).with_name("scan-corrected.png")))
    assert dialog.reading is None  # the corrections previewed again without a second OCR

    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert informed == ["Đã vào sổ văn bản đến số 1/2026 với 6 kiến nghị"]
    doc = docs.find_by_number(ctx.session.store, 2026, 1)
    assert doc is not None and doc.sender_ref == "5606/VPCP-QHĐP"
    assert (doc.sender_date, doc.reply_by) == (D(2020, 7, 10), D(2020, 9, 15))
    stored = pet.petitions_of_document(ctx.session.store, doc.id)
    assert [p.origin for p in stored] == [
        "Hải Phòng", "Tỉnh Bến Tre", "Phú Yên", "Thái Bình", "Thái Nguyên", "Vĩnh Phúc",
    ]  # fmt: skip
    assert stored[3].content == "Hoàn thiện trục tích hợp quốc gia (đã soát)"
    assert stored[0].content.startswith("Đề nghị Chính phủ chỉ đạo Bộ TTTT")
    assert stored[0].content.count("\n+ ") == 3


def test_cancel_stops_the_reading_and_nothing_is_written(
    qtbot: QtBot, ctx: UiContext, dialog: ImportDialog, scan: Path
) -> None:
    before = content_digest(ctx.session.store.target)
    dialog.set_path(scan)
    qtbot.waitUntil(lambda: dialog.reading is not None)
    work = dialog.reading
    assert work is not None
    qtbot.waitUntil(lambda: work.dialog.isVisible(), timeout=OCR_TIMEOUT)
    button = work.dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Hủy"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.reading is None, timeout=OCR_TIMEOUT)
    assert dialog.error.text() == CANCELLED
    assert dialog.current is None and not dialog.import_button.isEnabled()
    assert dialog.model.rowCount() == 0
    assert content_digest(ctx.session.store.target) == before
    # Another window's write does not start the reading again; Xem trước (F5) does.
    ctx.changed()
    assert dialog.reading is None
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.reading is not None)
    work = dialog.reading
    assert work is not None
    work.cancel()
    qtbot.waitUntil(lambda: dialog.reading is None, timeout=OCR_TIMEOUT)


def test_a_cell_ocr_could_not_read_is_typed_before_vao_so(
    qtbot: QtBot, ctx: UiContext, dialog: ImportDialog, tmp_path: Path, informed: list[str]
) -> None:
    dialog.set_path(blank_origin_scan(tmp_path))
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=OCR_TIMEOUT)
    assert _cells(dialog, COL_ORIGIN) == ["Bến Tre", UNREAD]
    tint = dialog.model.index(1, COL_ORIGIN).data(Qt.ItemDataRole.BackgroundRole)
    assert tint == UNREAD_BACKGROUND  # the cell to type stands out
    assert dialog.model.index(1, COL_CONTENT).data(Qt.ItemDataRole.BackgroundRole) is None
    assert not dialog.import_button.isEnabled()  # nothing registered with a cell unread
    assert dialog.error.text().startswith(
        "Chưa đọc được nơi kiến nghị hoặc nội dung ở dòng 2 của bảng: nhấp đúp"
    )
    qtbot.wait(50)  # the layout pass after the new texts
    dialog.grab().save(str(tmp_path / "scan-unread.png"))
    editor = _edit(qtbot, dialog, 1, COL_ORIGIN)
    assert isinstance(editor, QLineEdit) and editor.text() == UNREAD
    editor.selectAll()
    type_text(editor, "Thái Bình")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled())
    assert dialog.error.isHidden()
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    doc = docs.find_by_number(ctx.session.store, 2026, 1)
    assert doc is not None
    stored = pet.petitions_of_document(ctx.session.store, doc.id)
    assert [(p.origin, p.content) for p in stored] == [
        ("Bến Tre", "Xây dựng khu công nghệ thông tin tập trung"),
        ("Thái Bình", "Hoàn thiện trục tích hợp quốc gia"),
    ]
