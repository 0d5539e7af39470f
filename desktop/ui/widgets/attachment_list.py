"""Tệp đính kèm: the scanned files (PDF, DOCX, images) to keep in the database with a document."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.core.register_form import attachment_problem
from desktop.ui.qt import (
    QGridLayout,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QShortcut,
    Qt,
    QWidget,
)

ROLE_PATH = Qt.ItemDataRole.UserRole
EMPTY_TEXT = "Chưa có tệp nào. Nhận PDF, DOCX hoặc ảnh quét (PNG, JPG, TIFF), tối đa 50 MB."


class AttachmentList(QWidget):
    """A list of files with "Thêm tệp…" and "Bỏ tệp"; refused files are named in red below."""

    def __init__(self, pick: Callable[[], list[Path]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pick = pick
        self.paths: list[Path] = []
        self.list = QListWidget()
        self.list.setMaximumHeight(58)
        self.add_button = QPushButton("Thêm tệp…")
        self.remove_button = QPushButton("Bỏ tệp")
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)  # Enter saves the form, Space presses the button
        self.hint = QLabel(EMPTY_TEXT)
        self.hint.setStyleSheet("color: #555555;")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 0, 0, 2, 1)
        layout.addWidget(self.add_button, 0, 1)
        layout.addWidget(self.remove_button, 1, 1)
        layout.addWidget(self.hint, 2, 0, 1, 2)
        layout.addWidget(self.error, 3, 0, 1, 2)
        layout.setColumnStretch(0, 1)
        self.add_button.clicked.connect(self.add_files)
        self.remove_button.clicked.connect(self.remove_current)
        delete = QKeySequence(QKeySequence.StandardKey.Delete)
        QShortcut(delete, self.list, self.remove_current, Qt.ShortcutContext.WidgetShortcut)

    def add_files(self) -> None:
        """Thêm tệp…: ask for files, keep the acceptable ones, name the refused ones."""
        problems = []
        for path in self._pick():
            problem = attachment_problem(path)
            if problem:
                problems.append(problem)
            elif path not in self.paths:
                self.paths.append(path)
                size = max(1, round(path.stat().st_size / 1024))
                item = QListWidgetItem(f"{path.name}  ({size:,} KB)".replace(",", "."))
                item.setData(ROLE_PATH, str(path))
                item.setToolTip(str(path))
                self.list.addItem(item)
        self.error.setText(" ".join(problems))
        self.error.setVisible(bool(problems))
        self._update_hint()

    def remove_current(self) -> None:
        """Bỏ tệp: drop the selected file from the list (the file on disk is untouched)."""
        row = self.list.currentRow()
        if row < 0:
            return
        item = self.list.takeItem(row)
        self.paths.remove(Path(item.data(ROLE_PATH)))
        self.error.hide()
        self._update_hint()

    def names(self) -> list[str]:
        """What the list shows, in order."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _update_hint(self) -> None:
        n = len(self.paths)
        self.hint.setText(f"{n} tệp sẽ được lưu cùng văn bản." if n else EMPTY_TEXT)
