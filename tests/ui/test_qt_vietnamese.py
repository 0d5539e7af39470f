"""Qt's own dialogs speak Vietnamese: the file dialog (Qt's widget dialog, as offscreen and on
Linux), the standard buttons, the edit context menus, and dates/numbers by QLocale."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.ui import app as desktop_app
from desktop.ui.qt import (
    QAbstractButton,
    QApplication,
    QCalendarWidget,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QLocale,
    QMessageBox,
    QPrintDialog,
    QPrinter,
    QTextEdit,
    QToolButton,
    QTranslator,
    QWidget,
)
from resources import path as resource_path

TS = resource_path("translations/qtbase_vi.ts")
QM = resource_path("translations/qtbase_vi.qm")
# Strings Vietnamese writes as English does (shortcuts, formats): no entry needed.
SAME_IN_VIETNAMESE = {"Alt+Left", "Alt+Right", "Alt+Up", "%p%", "%1%", "...", "mm"}


class Recorder(QTranslator):
    """Hears every string Qt looks up and answers none (the real translator then does)."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str, str]] = set()

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        self.asked.add((context, source, disambiguation or ""))
        return None

    def isEmpty(self) -> bool:  # noqa: N802
        return False


@pytest.fixture
def vietnamese(qapp: QApplication) -> Iterator[QTranslator]:
    """The app's translator and locale, removed afterwards so other tests see plain Qt."""
    before = QLocale()
    translator = desktop_app.install_vietnamese(qapp)
    assert translator is not None, "resources/translations/qtbase_vi.qm did not load"
    yield translator
    qapp.removeTranslator(translator)
    QLocale.setDefault(before)


def _texts(widget: QWidget) -> list[str]:
    labels = [w.text() for w in widget.findChildren(QLabel) if w.isVisible()]
    buttons = [w.text() for w in widget.findChildren(QAbstractButton) if w.isVisible()]
    return [t.replace("&", "") for t in labels + buttons if t]


def _save_dialog(qtbot, folder: Path) -> QFileDialog:  # type: ignore[no-untyped-def]
    dialog = QFileDialog(None, "Lưu sổ", str(folder), "Excel (*.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_file_dialog_is_vietnamese(vietnamese, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "so.xlsx").write_bytes(b"x")
    dialog = _save_dialog(qtbot, tmp_path)
    texts = _texts(dialog)
    for label in ("Tìm trong:", "Tên tệp:", "Loại tệp:", "Lưu", "Hủy"):
        assert label in texts, (label, texts)
    for english in ("Look in:", "File name:", "Files of type:", "Save", "Cancel"):
        assert english not in texts
    box = dialog.findChild(QDialogButtonBox)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Hủy"
    header = dialog.findChild(QHeaderView)
    model = header.model()
    columns = [model.headerData(c, header.orientation()) for c in range(header.count())]
    assert columns == ["Tên", "Cỡ", "Loại", "Ngày sửa"]


def test_the_open_dialog_and_the_folder_chooser(vietnamese, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    dialog = QFileDialog(None, "Chọn tệp", str(tmp_path), "Tất cả (*)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Mở" in _texts(dialog)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    assert "Thư mục:" in _texts(dialog)
    assert "Chọn" in _texts(dialog)


def test_standard_buttons_are_vietnamese(vietnamese, qtbot):  # type: ignore[no-untyped-def]
    box = QMessageBox(QMessageBox.Icon.Question, "Sổ Kiến Nghị", "Vẫn thoát?")
    sb = QMessageBox.StandardButton
    box.setStandardButtons(sb.Yes | sb.No | sb.Ok | sb.Cancel | sb.Save | sb.Close | sb.Apply)
    box.setDetailedText("chi tiết")
    qtbot.addWidget(box)
    labels = {b: box.button(b).text().replace("&", "") for b in
              (sb.Yes, sb.No, sb.Ok, sb.Cancel, sb.Save, sb.Close, sb.Apply)}  # fmt: skip
    assert labels == {sb.Yes: "Có", sb.No: "Không", sb.Ok: "Đồng ý", sb.Cancel: "Hủy",
                      sb.Save: "Lưu", sb.Close: "Đóng", sb.Apply: "Áp dụng"}  # fmt: skip
    box.show()
    assert "Xem chi tiết..." in _texts(box)


def test_edit_menus_are_vietnamese(vietnamese, qtbot):  # type: ignore[no-untyped-def]
    expected = ["Hoàn tác", "Làm lại", "Cắt", "Sao chép", "Dán", "Xóa", "Chọn tất cả"]
    for widget in (QLineEdit("văn bản"), QTextEdit("văn bản")):
        qtbot.addWidget(widget)
        menu = widget.createStandardContextMenu()
        texts = [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if a.text()]
        assert [t for t in texts if t in expected] == expected, texts


def test_the_print_dialog_is_vietnamese(vietnamese, qtbot):  # type: ignore[no-untyped-def]
    printer = QPrinter()  # kept alive: the dialog holds a pointer to it
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = _texts(dialog)
    dialog.close()
    assert {"Tên:", "Vị trí:", "Tệp ghi ra:", "In", "Hủy"} <= set(texts), texts


def test_dates_and_numbers_in_qt_widgets_are_vietnamese(vietnamese, qtbot):  # type: ignore[no-untyped-def]
    assert QLocale().toString(1234567) == "1.234.567"
    calendar = QCalendarWidget()  # the date fields' drop-down
    qtbot.addWidget(calendar)
    calendar.setCurrentPage(2026, 12)
    calendar.show()
    months = [b.text() for b in calendar.findChildren(QToolButton) if b.isVisible()]
    assert "Tháng 12" in months, months


def test_every_string_qt_asks_for_is_translated(vietnamese, qtbot, qapp, tmp_path):  # type: ignore[no-untyped-def]
    """A Qt upgrade that rewords a string ("Look in:" became "&Look in:" in 6.11) fails here,
    not silently in front of a clerk."""
    recorder = Recorder()
    qapp.installTranslator(recorder)
    try:
        dialog = _save_dialog(qtbot, tmp_path)
        dialog.setViewMode(QFileDialog.ViewMode.List)
        box = QMessageBox(QMessageBox.Icon.Question, "T", "?")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        qtbot.addWidget(box)
        for widget in (QLineEdit("a"), QTextEdit("a")):
            qtbot.addWidget(widget)
            widget.createStandardContextMenu()
    finally:
        qapp.removeTranslator(recorder)
    ours = {
        (ctx.findtext("name"), m.findtext("source"), m.findtext("comment") or "")
        for ctx in ET.parse(TS).getroot().iter("context")
        for m in ctx.iter("message")
    }
    wanted = {"QFileDialog", "QFileSystemModel", "QPlatformTheme", "QLineEdit",
              "QWidgetTextControl", "QMessageBox", "QAbstractFileIconProvider"}  # fmt: skip
    missing = {
        a for a in recorder.asked
        if a[0] in wanted and a not in ours and a[1] not in SAME_IN_VIETNAMESE
    }  # fmt: skip
    assert recorder.asked and not missing


def test_the_committed_qm_is_the_ts_compiled(tmp_path):  # type: ignore[no-untyped-def]
    """The .qm is committed (runs from source and frozen with no build step); it must be what
    `pyside6-lrelease` makes of the .ts today."""
    out = tmp_path / "qtbase_vi.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == QM.read_bytes(), (
        "resources/translations/qtbase_vi.qm is stale: run "
        ".venv/bin/pyside6-lrelease resources/translations/qtbase_vi.ts "
        "-qm resources/translations/qtbase_vi.qm"
    )


def _mnemonic(text: str) -> str | None:
    i = text.replace("&&", "").find("&")
    return text.replace("&&", "")[i + 1].lower() if 0 <= i < len(text) - 1 else None


@pytest.mark.parametrize("mode", ["save", "open"])
def test_no_two_alt_keys_alike_in_the_file_dialog(vietnamese, qtbot, tmp_path, mode):  # type: ignore[no-untyped-def]
    """Alt+letter reaches one field: "&Lưu" and "&Loại tệp" once both answered Alt+L."""
    dialog = _save_dialog(qtbot, tmp_path)
    if mode == "open":
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)
             if w.isVisible() and w.text()]  # fmt: skip
    keys = [k for k in map(_mnemonic, texts) if k]
    assert len(keys) >= 4 and len(keys) == len(set(keys)), texts


def test_no_two_alt_keys_alike_on_message_buttons(vietnamese, qtbot):  # type: ignore[no-untyped-def]
    sb = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, "Sổ Kiến Nghị", "Ghi đè?")
    box.setStandardButtons(sb.Yes | sb.YesToAll | sb.No | sb.NoToAll | sb.Cancel)
    qtbot.addWidget(box)
    keys = [_mnemonic(b.text()) for b in box.buttons()]
    assert len([k for k in keys if k]) == 4 and len(set(k for k in keys if k)) == 4, keys
