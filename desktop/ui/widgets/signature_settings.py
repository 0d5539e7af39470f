"""Cài đặt → Chữ ký số: the root CA certificates signed PDFs are checked against (the national
root CA's .cer/.crt/.pem files), and the office's PKCS#12 file the issue dialog offers for
«Ký số». Each change is written at once (not with the form's Lưu), as the list shows it."""

from __future__ import annotations

from pathlib import Path

from desktop.core.errors import KienNghiError
from desktop.core.signatures import trust
from desktop.core.signatures.trust import TrustedRoot
from desktop.core.types import Store
from desktop.ui.context import UiContext
from desktop.ui.qt import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QVBoxLayout,
)
from desktop.ui.widgets.form_helpers import HINT_STYLE, message_label, show_message

CERTIFICATE_FILTER = "Chứng thư số (*.cer *.crt *.pem *.der);;Mọi tệp (*)"
P12_FILTER = "Tệp chứng thư số PKCS#12 (*.p12 *.pfx);;Mọi tệp (*)"
EMPTY = "Chưa cài chứng thư gốc nào: mọi chữ ký số sẽ hiện là «chưa tin cậy»."


class SignatureSettings(QGroupBox):
    """The trusted roots (add, remove) and the office's signing file (choose, clear)."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__("Chữ ký số")
        self.ctx = ctx
        self.roots = QListWidget()
        # Compact: the settings screen must still fit a 1366×768 (or 125 % scaled) screen.
        self.roots.setMinimumHeight(36)
        self.roots.setMaximumHeight(60)
        self.roots.setToolTip(
            "Chứng thư gốc tin cậy (ví dụ của Trung tâm Chứng thực điện tử quốc gia): chữ ký trên"
            " văn bản đến chỉ được coi là tin cậy khi chứng thư của người ký thuộc một gốc ở đây."
        )
        self.add_button = QPushButton("Thêm chứng thư gốc…")
        self.remove_button = QPushButton("Bỏ chứng thư đã chọn")
        self.p12_label = QLabel()
        self.p12_button = QPushButton("Chọn tệp .p12…")
        self.p12_clear = QPushButton("Bỏ tệp")
        self.error = message_label()
        self.done = message_label(HINT_STYLE)
        buttons = QVBoxLayout()
        buttons.setSpacing(2)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        roots_row = QHBoxLayout()
        roots_row.addWidget(QLabel("Chứng thư gốc\ntin cậy:"))
        roots_row.addWidget(self.roots, 1)
        roots_row.addLayout(buttons)
        p12_row = QHBoxLayout()
        p12_row.addWidget(self.p12_label, 1)
        p12_row.addWidget(self.p12_button)
        p12_row.addWidget(self.p12_clear)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addLayout(roots_row)
        layout.addLayout(p12_row)
        layout.addWidget(self.error)
        layout.addWidget(self.done)
        self.add_button.clicked.connect(self.choose_roots)
        self.remove_button.clicked.connect(self.remove_selected)
        self.p12_button.clicked.connect(self.choose_p12)
        self.p12_clear.clicked.connect(lambda: self.set_p12(None))
        self.reload()

    def reload(self) -> None:
        """Read the roots and the signing file (off the UI thread)."""

        def read(store: Store) -> tuple[list[TrustedRoot], Path | None]:
            return trust.trusted_roots(store), trust.office_p12(store)

        self.ctx.runner.run_query(
            read, self._show, key="signature-settings", owner=self, on_error=self._failed
        )

    def _failed(self, message: str) -> None:
        show_message(self.error, f"Không đọc được cài đặt chữ ký số: {message}")

    def _show(self, loaded: tuple[list[TrustedRoot], Path | None]) -> None:
        roots, p12 = loaded
        self.roots.clear()
        for root in roots:
            item = QListWidgetItem(root.label)
            item.setData(Qt.ItemDataRole.UserRole, root.fingerprint)
            item.setToolTip(f"SHA-256: {root.fingerprint}")
            self.roots.addItem(item)
        if not roots:
            placeholder = QListWidgetItem(EMPTY)
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.roots.addItem(placeholder)
        self.remove_button.setEnabled(bool(roots))
        self.p12_label.setText(
            f"Tệp ký số văn bản đi: {p12}"
            if p12
            else "Tệp ký số văn bản đi: chưa chọn (khi có, hộp Ban hành cho chọn «Ký số»)."
        )
        self.p12_clear.setEnabled(p12 is not None)

    def choose_roots(self) -> None:
        """Thêm chứng thư gốc…: the files chosen are read, checked, then installed."""
        names, _ = QFileDialog.getOpenFileNames(self, "Chọn chứng thư gốc", "", CERTIFICATE_FILTER)
        if names:
            self.add_roots([Path(n) for n in names])

    def add_roots(self, paths: list[Path]) -> None:
        """Install the roots of these files; a refusal is said under the list."""
        try:
            new = trust.add_roots(self.ctx.session, paths)
        except KienNghiError as exc:
            show_message(self.error, str(exc))
            return
        said = (
            f"Đã thêm {len(new)} chứng thư gốc." if new else "Chứng thư này đã có trong danh sách."
        )
        show_message(self.error, "")
        show_message(self.done, said)
        self._changed()

    def remove_selected(self) -> None:
        """Bỏ chứng thư đã chọn."""
        item = self.roots.currentItem()
        fingerprint = item.data(Qt.ItemDataRole.UserRole) if item else None
        if not fingerprint:
            return
        try:
            trust.remove_root(self.ctx.session, str(fingerprint))
        except KienNghiError as exc:
            show_message(self.error, str(exc))
            return
        show_message(self.error, "")
        show_message(self.done, "Đã bỏ chứng thư gốc khỏi danh sách tin cậy.")
        self._changed()

    def choose_p12(self) -> None:
        """Chọn tệp .p12…"""
        name, _ = QFileDialog.getOpenFileName(self, "Chọn tệp chứng thư số", "", P12_FILTER)
        if name:
            self.set_p12(Path(name))

    def set_p12(self, path: Path | None) -> None:
        """Keep (or clear) the office's signing file."""
        try:
            trust.set_office_p12(self.ctx.session, path)
        except KienNghiError as exc:
            show_message(self.error, str(exc))
            return
        show_message(self.error, "")
        self._changed()

    def _changed(self) -> None:
        self.reload()
        self.ctx.changed()  # a document's detail shows its signatures' trust again
