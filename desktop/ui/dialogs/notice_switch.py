"""Ctrl+I on a notice: a DOCX with no table of petitions that reads as a notice with tasks opens
the notice preview (notice_import.py) instead of the petition import's refusal."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import KienNghiError
from desktop.core.notices import ParsedNotice
from desktop.core.session import Session
from desktop.core.tasks import read_notice
from desktop.ui.context import UiContext
from desktop.ui.dialogs.notice_import import NoticeImportDialog
from desktop.ui.qt import QDialog, Qt, QWidget


@dataclass(frozen=True)
class NoticeFile:
    """A DOCX the petition reader refused but the notice reader found tasks in."""

    path: Path
    parsed: ParsedNotice


def notice_or_refusal(session: Session, path: Path, refusal: str) -> NoticeFile | str:
    """Off the UI thread, after the petition reader refused `path`: the notice it holds, else
    the petition reader's refusal followed by the notice reader's reason."""
    if path.suffix.lower() != ".docx":
        return refusal
    try:
        parsed = read_notice(session, path)
    except KienNghiError as exc:
        return f"{refusal}\nĐọc như thông báo giao nhiệm vụ: {exc}"
    return NoticeFile(path, parsed)


_kept: list[QDialog] = []  # a notice dialog without a parent window, alive until closed


def open_notice_import(
    ctx: UiContext, parent: QWidget | None, found: NoticeFile
) -> NoticeImportDialog:
    """Open the notice preview (window-modal, not blocking) for a file Ctrl+I recognised."""
    dialog = NoticeImportDialog(ctx, parent, found.path, parsed=found.parsed)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if parent is None:
        _kept.append(dialog)
        dialog.finished.connect(lambda _r: _kept.remove(dialog))
    dialog.open()
    return dialog
