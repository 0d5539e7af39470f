"""Nhập từ tệp…: a DOCX or XLSX table becomes one văn bản đến, previewed before it is registered."""

from __future__ import annotations

from pathlib import Path

from desktop.core import documents as docs
from desktop.core import intake
from desktop.core.import_preview import ImportPreview
from desktop.core.importers import ImportFailed, ParsedImport
from desktop.core.intake import ImportOverrides, ImportResult
from desktop.core.registry import DuplicateDocument
from desktop.core.session import Session
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs.duplicate_ask import register_anyway
from desktop.ui.dialogs.import_common import explain, preview_summary
from desktop.ui.dialogs.import_file_layout import ImportFormLayout
from desktop.ui.dialogs.import_scan import Read, Scan, ScanSteps, preview_plan, unread_cells
from desktop.ui.dialogs.long_work import Cancelled, LongWork, Progress, run_long_work
from desktop.ui.dialogs.notice_switch import NoticeFile, open_notice_import
from desktop.ui.qt import (
    QDialog,
    QFileDialog,
    QKeySequence,
    QShortcut,
    QTimer,
    QWidget,
    Signal,
)
from desktop.ui.widgets.form_helpers import show_message

FILE_FILTER = (
    "Bảng kiến nghị, thông báo giao nhiệm vụ (*.docx *.xlsx *.pdf *.png *.jpg *.jpeg *.tif *.tiff)"
    ";;Tất cả các tệp (*)"
)
REPREVIEW_DELAY_MS = 300
BUSY = "Chưa vào sổ: một việc khác đang chạy. Khi việc đó xong, bấm «Vào sổ» lại."
EMPTY_TEXT = (
    "Chọn tệp Word (.docx) hoặc Excel (.xlsx), PDF hay ảnh quét (.png, .jpg, .tif) có bảng kiến"
    " nghị, hay thông báo (Ctrl+O)."
)
Outcome = ImportPreview | ImportResult | NoticeFile | str  # a str is the clerk-facing refusal


class ImportDialog(ScanSteps, ImportFormLayout, QDialog):
    """Chọn tệp, xem trước, vào sổ: nothing is written before the clerk presses "Vào sổ"."""

    imported = Signal(object)  # ImportResult, after the write

    def __init__(
        self, ctx: UiContext, parent: QWidget | None = None, path: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path: Path | None = None
        self.current: ImportPreview | None = None
        self.result_imported: ImportResult | None = None
        self.work: LongWork[Outcome | None] | None = None
        # A scan read by OCR once, with the clerk's corrections; previews and Vào sổ use it.
        self.scan: ParsedImport | None = None
        self.scan_refusal: str | None = None  # why reading the scan failed (not retried alone)
        self.reading: LongWork[Read] | None = None
        self._asked = 0  # preview requests; only the newest answer counts
        self.closed = False  # answers arriving after closing are dropped
        self.setWindowTitle("Nhập từ tệp")
        self.resize(980, 640)
        self._build()
        self._connect()
        self._set_current(None)
        self._show_state(EMPTY_TEXT)
        self.choose_button.setFocus()
        ctx.runner.run_query(lambda store: docs.known_senders(store, limit=1000), self._senders)
        if path is not None:
            self.set_path(path)

    def _connect(self) -> None:
        self._debounce = QTimer(self, singleShot=True, interval=REPREVIEW_DELAY_MS)
        self._debounce.timeout.connect(self.preview)
        for line in (self.sender_edit, self.sender_ref):
            line.textChanged.connect(lambda _t: self._overrides_changed())
        for date_edit in (self.sender_date, self.received_on, self.reply_by):
            date_edit.dateChanged.connect(lambda _d: self._overrides_changed())
        self.choose_button.clicked.connect(lambda: self._choose())
        self.preview_button.clicked.connect(lambda: self.read_again())
        self.model.corrected.connect(self._corrected)
        self.import_button.clicked.connect(self.import_now)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Open, self, lambda: self._choose())
        QShortcut(QKeySequence("F5"), self, lambda: self.read_again())
        self.ctx.bus.changed.connect(self._data_changed)

    def _data_changed(self) -> None:
        if self.closed:
            return  # closed, or handed over to the notice preview: no file to read again
        # Another window wrote: the expected số đến may have moved on.
        busy = self.work is not None or self.reading is not None  # never a second OCR at once
        if self.path is not None and not busy and self.result_imported is None:
            self.preview()

    # -- the file -------------------------------------------------------------------------------
    def choose_file(self) -> Path | None:
        """Ask for the file to import (tests patch this)."""
        name, _ = QFileDialog.getOpenFileName(self, "Chọn tệp kiến nghị", "", FILE_FILTER)
        return Path(name) if name else None

    def _choose(self) -> None:
        path = self.choose_file()
        if path is not None:
            self.set_path(path)

    def set_path(self, path: Path) -> None:
        """Use this file and preview it."""
        self.path = Path(path)
        self.path_line.setText(str(self.path))
        self.scan, self.scan_refusal = None, None
        self.preview()

    # -- preview --------------------------------------------------------------------------------
    def overrides(self) -> ImportOverrides:
        """The values typed over the file's own (empty fields leave the file's value)."""
        return ImportOverrides(
            sender=self.sender_edit.text().strip() or None,
            sender_ref=self.sender_ref.text().strip() or None,
            sender_date=self.sender_date.date(),
            reply_by=self.reply_by.date(),
            received_on=self.received_on.date(),
        )

    def _dates_valid(self) -> bool:
        ok = True
        for date_edit, label in self.date_errors.items():
            valid = date_edit.is_valid()
            show_message(label, "" if valid else "Ngày không hợp lệ: nhập dd/mm/yyyy.")
            ok = ok and valid
        return ok

    def _mark_stale(self) -> None:
        # The rows stay on screen until the new preview arrives, but are never imported.
        self.current = None
        self.import_button.setEnabled(False)
        self.preview_button.setDefault(True)

    def _overrides_changed(self) -> None:
        self._mark_stale()
        if self.path is not None:
            self._show_state("Thông tin đã sửa: đang xem trước lại…")
            self._debounce.start()

    def preview(self) -> None:
        """Xem trước: read and check the file with the typed values; nothing is written."""
        self._debounce.stop()
        self._mark_stale()
        if self.path is None:
            self._show_state(EMPTY_TEXT)
            return
        if not self._dates_valid():
            self.model.set_rows([])
            self._show_state("Sửa ngày không hợp lệ bên trên để xem trước.")
            return
        if self.reading is not None:
            return  # the scan is being read: its preview follows
        if self.scan is None and self.scan_refusal is not None:
            self.model.set_rows([])
            self._show_state("Chưa thể vào sổ tệp này.", error=self.scan_refusal)
            return
        self._asked += 1
        asked, path = self._asked, self.path
        self._show_state(f"Đang đọc «{path.name}»…")
        self.ctx.runner.run_op(
            preview_plan(path, self.overrides(), self.scan),
            lambda outcome: self._previewed(asked, outcome),
            key="import-preview",
            owner=self,
            on_error=lambda message: self._previewed(asked, message),
            changes=False,
        )

    def _senders(self, names: list[str]) -> None:
        if not self.closed:
            self.sender_model.setStringList(names)

    def _previewed(self, asked: int, outcome: Outcome | Scan) -> None:
        if self.closed or asked != self._asked:
            return  # the clerk changed something since: a newer preview is on its way
        if isinstance(outcome, Scan):
            self._read_scan()
        elif isinstance(outcome, NoticeFile):
            self.done(QDialog.DialogCode.Rejected)
            open_notice_import(self.ctx, self.parentWidget(), outcome)
        elif isinstance(outcome, ImportPreview):
            self._set_current(outcome)
        else:
            self.model.set_rows([])
            self._show_state("Chưa thể vào sổ tệp này.", error=str(outcome))

    def _set_current(self, preview: ImportPreview | None) -> None:
        self.current = preview
        self.model.editable = self.scan is not None
        self.import_button.setEnabled(preview is not None)
        (self.import_button if preview else self.preview_button).setDefault(True)
        if preview is None:
            self.model.set_rows([])
            return
        self.sender_edit.setPlaceholderText(f"Theo tệp: {preview.file_sender or '(không có)'}")
        self.sender_ref.setPlaceholderText(f"Theo tệp: {preview.file_sender_ref or '(không có)'}")
        n = len(preview.rows)
        self.document_line.setText(preview_summary(preview, scanned=self.scan is not None))
        self.model.set_rows(preview.rows)
        unread = unread_cells(preview)  # a scan's cell OCR could not read: typed first
        self.import_button.setEnabled(not unread)
        show_message(self.error, unread)
        self.import_button.setText(f"Vào sổ {n} kiến nghị")

    def _show_state(self, text: str, *, error: str = "") -> None:
        self.document_line.setText(text)
        show_message(self.error, error)
        self.import_button.setText("Vào sổ")

    # -- import ---------------------------------------------------------------------------------
    def import_now(self) -> None:
        """Vào sổ: import the previewed file in the background; Cancel leaves no trace."""
        preview = self.current
        if preview is None or self.work is not None:
            return
        existing = preview.duplicate_of
        if existing is not None and not register_anyway(self, existing):
            return
        again = existing is not None
        path, overrides, scan = preview.path, self.overrides(), self.scan

        def job(session: Session, progress: Progress) -> Outcome | None:
            try:
                # One outer transaction: Cancel even after the rows are written rolls back.
                with session.store.write():
                    progress(0, 1)
                    result = intake.import_file(
                        session, path, overrides, allow_duplicate=again, parsed=scan
                    )
                    progress(1, 1)
            except ImportFailed as exc:
                return explain(exc)
            except DuplicateDocument as exc:  # registered by another window since the preview
                return exc.described
            except Cancelled:
                return None  # rolled back by the with block
            return result

        self.work = run_long_work(
            self.ctx, self, f"Đang vào sổ «{path.name}»", job,
            on_done=self._imported, on_error=self._import_failed,
        )  # fmt: skip
        if self.work is None:  # another long job runs: the clerk was told; nothing written
            show_message(self.error, BUSY)
            return
        self.import_button.setEnabled(False)

    def _imported(self, outcome: Outcome | None) -> None:
        self.work = None
        if outcome is None:
            self.import_button.setEnabled(self.current is not None)
            show_message(self.error, "Đã hủy: chưa vào sổ, cơ sở dữ liệu không thay đổi.")
            return
        if not isinstance(outcome, ImportResult):
            self._import_failed(str(outcome))
            return
        self.result_imported = outcome
        year = outcome.document.received_on.year
        ask.inform(
            self,
            "Nhập từ tệp",
            f"Đã vào sổ văn bản đến số {outcome.incoming_no}/{year}"
            f" với {len(outcome.petition_ids)} kiến nghị",
        )
        self.imported.emit(outcome)
        self.accept()

    def _import_failed(self, message: str) -> None:
        self.work = None
        self._set_current(None)
        self._show_state("Chưa vào sổ: cơ sở dữ liệu không thay đổi.", error=message)

    # -- leaving --------------------------------------------------------------------------------
    def has_typed_data(self) -> bool:
        """Whether closing would lose values the clerk typed."""
        typed = (self.sender_edit, self.sender_ref, self.sender_date.line, self.reply_by.line)
        return any(w.text().strip() for w in typed) or (
            self.received_on.date() != self.ctx.session.today()
        )

    def done(self, result: int) -> None:
        """Close; answers from the background that arrive later are ignored."""
        self.closed = True
        super().done(result)

    def reject(self) -> None:
        """Esc / Hủy: not while importing; ask first when values were typed."""
        if self.work is not None or self.reading is not None:
            return  # the progress window's Hủy stops the work first
        if (
            self.result_imported is None
            and self.has_typed_data()
            and not ask.confirm(self, "Hủy nhập từ tệp", "Bỏ các thông tin đã nhập?")
        ):
            return
        super().reject()
