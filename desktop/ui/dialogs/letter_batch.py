"""Công văn hàng loạt: the folder, the progress and what was written; the letters themselves
are drafted and rendered by desktop/core/letters/batch.py (Cancel leaves neither drafts nor
files)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.letters.batch import group_by_origin, write_letters
from desktop.core.session import Session
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs.long_work import LongWork, Progress, run_long_work
from desktop.ui.qt import QFileDialog, QWidget


def ask_folder(parent: QWidget | None) -> Path | None:
    """The folder to write the letters into; tests patch this."""
    chosen = QFileDialog.getExistingDirectory(parent, "Chọn thư mục lưu công văn")
    return Path(chosen) if chosen else None


def batch_letters(
    ctx: UiContext, parent: QWidget | None, petition_ids: list[int], folder: Path | None = None
) -> LongWork[list[Path]] | None:
    """Write reply letters for petitions grouped by origin, with progress; None if not started
    (nothing chosen, no folder, or another long job runs)."""
    groups = group_by_origin(ctx.session.store, petition_ids)
    if not groups:
        ask.error(parent, "Công văn hàng loạt", "Chưa chọn kiến nghị để soạn công văn.")
        return None
    folder = folder or ask_folder(parent)
    if folder is None:
        return None

    def job(session: Session, progress: Progress) -> list[Path]:
        return write_letters(session, groups, folder, progress)

    def done(paths: list[Path]) -> None:
        n = len(paths) // 2
        ask.inform(
            parent, "Công văn hàng loạt", f"Đã soạn {n} công văn (DOCX và PDF) vào {folder}."
        )

    def failed(message: str) -> None:
        ask.error(parent, "Công văn hàng loạt", message)

    title = f"Soạn {len(groups)} công văn trả lời"
    return run_long_work(ctx, parent, title, job, on_done=done, on_error=failed)
