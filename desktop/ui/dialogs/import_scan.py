"""Nhập từ tệp for a scan: read once by OCR as long work (progress per page, Hủy), then
previewed from what was read, with the clerk's corrections of the rows."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

from desktop.core.import_preview import ImportPreview, preview_import
from desktop.core.importers import ImportFailed, ParsedImport
from desktop.core.importers.ocr_gate import UNREAD, NeedsOcr, for_correction, without_ocr
from desktop.core.intake import ImportOverrides
from desktop.core.session import Session
from desktop.ui.context import UiContext
from desktop.ui.dialogs.import_common import explain
from desktop.ui.dialogs.long_work import Cancelled, LongWork, Progress, run_long_work
from desktop.ui.dialogs.notice_switch import notice_or_refusal
from desktop.ui.qt import QTimer, QWidget

CANCELLED = "Đã hủy nhận dạng chữ. Bấm «Xem trước (F5)» để đọc lại tệp."
BUSY = "Chưa nhận dạng chữ: một việc khác đang chạy. Khi việc đó xong, bấm «Xem trước (F5)»."
Read = ParsedImport | str | None  # what was read, why not (for the clerk), or None: cancelled


class Scan:
    """A preview's answer for a scan not read yet: it is read by OCR first, as long work."""


SCAN = Scan()


def preview_plan(
    path: Path, overrides: ImportOverrides, scan: ParsedImport | None
) -> Callable[[Session], object]:
    """The preview (a read-only `run_op`): a scan not read yet answers SCAN (to be read as long
    work), a file without a petition table may be a notice (its own preview), else the
    ImportPreview."""

    def plan(session: Session) -> object:
        try:
            with without_ocr():  # a scan is read as long work, with progress and Hủy
                return preview_import(session, path, overrides, scan)
        except NeedsOcr:
            return SCAN
        except ImportFailed as exc:
            if scan is not None:
                return explain(exc)
            return notice_or_refusal(session, path, explain(exc))

    return plan


def read_scan(
    ctx: UiContext, parent: QWidget, path: Path, on_done: Callable[[Read], None]
) -> LongWork[Read] | None:
    """Start reading the scan: "Đang nhận dạng chữ trang 2/5…" in a progress window with Hủy;
    None while another long job runs."""

    def job(_session: Session, progress: Progress) -> Read:
        from desktop.core.importers import parse_file
        from desktop.core.importers.ocr import OcrCancelled

        def report(done: int, total: int, _what: str) -> None:
            # After Hủy `progress` raises; `cancelled` tells the reader, which stops at once.
            with suppress(Cancelled):
                progress(done, total)

        try:
            with for_correction():  # a cell OCR could not read is left for the clerk to type
                return parse_file(path, progress=report, cancelled=lambda: progress.cancelled)
        except OcrCancelled:
            return None
        except ImportFailed as exc:
            return explain(exc)

    work = run_long_work(
        ctx,
        parent,
        f"Đang nhận dạng chữ «{path.name}»",
        job,
        on_done=on_done,
        on_error=on_done,
        changes=False,  # the file is read; nothing is written before Vào sổ
        label=lambda done, total: f"Đang nhận dạng chữ trang {min(done + 1, total)}/{total}…",
    )
    if work is not None:
        dialog = work.dialog
        dialog.setMinimumWidth(dialog.fontMetrics().horizontalAdvance(dialog.labelText()) + 80)
    return work


def unread_cells(preview: ImportPreview) -> str:
    """What Vào sổ waits for: the rows whose origin or content OCR could not read ("" if none)."""
    rows = [str(i + 1) for i, row in enumerate(preview.rows) if UNREAD in (row.origin, row.content)]
    if not rows:
        return ""
    return (
        f"Chưa đọc được nơi kiến nghị hoặc nội dung ở dòng {', '.join(rows)} của bảng: nhấp đúp"
        " vào ô «(chưa đọc được, hãy nhập)» để nhập, rồi vào sổ."
    )


def corrected(scan: ParsedImport, row: int, name: str, text: str) -> ParsedImport:
    """The scan with one cell of one row as the clerk corrected it (STT, origin or content)."""
    if not 0 <= row < len(scan.rows):
        return scan
    value: str | None = text if name != "ordinal" else text or None
    rows = list(scan.rows)
    rows[row] = replace(rows[row], **{name: value})
    return replace(scan, rows=tuple(rows))


class ScanSteps:
    """The import dialog's steps for a scan: read it (long work), then keep the corrections.

    Mixed into ImportDialog, whose preview(), _mark_stale() and _show_state() it calls.
    """

    ctx: UiContext
    path: Path | None
    closed: bool
    scan: ParsedImport | None  # the scan as read, with the clerk's corrections
    scan_refusal: str | None  # why reading failed or stopped: not read again unasked
    reading: LongWork[Read] | None
    _debounce: QTimer
    _asked: int  # preview requests; only the newest answer counts

    def read_again(self) -> None:
        """Xem trước (F5): preview again; a scan whose reading failed or was cancelled is read
        again (a scan read already keeps the clerk's corrections)."""
        self.scan_refusal = None
        self.preview()

    def _read_scan(self) -> None:
        assert self.path is not None and isinstance(self, QWidget)
        path = self.path
        self._show_state(f"Đang nhận dạng chữ «{path.name}»…")
        self.reading = read_scan(self.ctx, self, path, lambda read: self._scanned(path, read))
        if self.reading is None:  # another long job runs (the clerk was told): F5 tries again
            self.scan_refusal = BUSY
            self.preview()

    def _scanned(self, path: Path, read: Read) -> None:
        self.reading = None
        if self.closed or path != self.path:
            return  # another file was chosen meanwhile
        if isinstance(read, ParsedImport):
            self.scan = read
        else:
            self.scan_refusal = read or CANCELLED
        self.preview()

    def _corrected(self, row: int, name: str, text: str) -> None:
        """A cell corrected by the clerk: the scan's row changes, and the preview follows."""
        if self.scan is not None:
            self.scan = corrected(self.scan, row, name, text)
            self._asked += 1  # a preview already on its way has the old text: dropped
            self._mark_stale()
            self._show_state("Đã sửa: đang xem trước lại…")
            self._debounce.start()
