"""Công văn hàng loạt: one reply letter per origin for the selected petitions, DOCX and PDF.

All drafts are saved in one write transaction and the files are written to a hidden staging
folder first, moved in only once every letter rendered: Cancel leaves neither drafts nor files.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from desktop.core import petitions as pet
from desktop.core.letters import register
from desktop.core.letters.addressees import origin_key
from desktop.core.letters.docx_render import render_docx
from desktop.core.letters.file_names import incoming_numbers, suggested_name
from desktop.core.letters.kinds import reply_letter
from desktop.core.letters.pdf_render import render_pdf
from desktop.core.session import Session
from desktop.core.types import Store
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs.long_work import LongWork, Progress, run_long_work
from desktop.ui.qt import QFileDialog, QWidget


def ask_folder(parent: QWidget | None) -> Path | None:
    """The folder to write the letters into; tests patch this."""
    chosen = QFileDialog.getExistingDirectory(parent, "Chọn thư mục lưu công văn")
    return Path(chosen) if chosen else None


def group_by_origin(store: Store, petition_ids: Sequence[int]) -> dict[str, list[int]]:
    """Petition ids grouped by where they came from (`Thái Bình` and `UBND tỉnh Thái Bình` meet)."""
    groups: dict[str, list[int]] = {}
    for pid in dict.fromkeys(petition_ids):
        found = pet.get_petition(store, pid)
        if found is not None:
            groups.setdefault(origin_key(found.origin) or found.origin, []).append(pid)
    return groups


def write_letters(
    session: Session, groups: dict[str, list[int]], folder: Path, progress: Progress
) -> list[Path]:
    """Draft and render one letter per group; all or nothing (drafts and files).

    The letters are rendered before the write lock is taken (about 60 ms each): the lock is
    held only to save the drafts and move the finished files in."""
    staging = Path(tempfile.mkdtemp(prefix=".letters-", dir=folder))
    written: list[Path] = []
    try:
        total = len(groups)
        letters = []
        today = session.today()
        for i, ids in enumerate(groups.values(), start=1):
            progress(i - 1, total)
            letter = reply_letter(session, ids)
            # Numbered in group order, then what the letter is: the same name the window offers.
            name = suggested_name(letter, "", incoming_nos=incoming_numbers(session, ids))
            stem = f"{i:02d} {name}"
            render_docx(letter, staging / f"{stem}.docx", today=today)
            render_pdf(letter, staging / f"{stem}.pdf", today=today)
            letters.append(letter)
        progress(total, total)  # the last chance to cancel: after it, files move in
        with session.store.write():
            for letter in letters:
                register.save_draft(session, letter, kind=register.KIND_REPLY)
            for made in sorted(staging.iterdir()):
                dest = folder / made.name
                made.replace(dest)
                written.append(dest)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def batch_letters(
    ctx: UiContext, parent: QWidget | None, petition_ids: list[int], folder: Path | None = None
) -> LongWork[list[Path]] | None:
    """Write reply letters for petitions grouped by origin, with progress; None if not started."""
    groups = group_by_origin(ctx.session.store, petition_ids)
    if not groups:
        ask.error(parent, "Công văn hàng loạt", "Chưa chọn kiến nghị để soạn công văn.")
        return None
    folder = folder or ask_folder(parent)
    if folder is None:
        return None
    signed_in = ctx.session

    def job(store: Store, progress: Progress) -> list[Path]:
        # The worker's own connection, the signed-in user (a server refuses anyone else).
        return write_letters(signed_in.on_store(store), groups, folder, progress)

    def done(paths: list[Path]) -> None:
        n = len(paths) // 2
        ask.inform(
            parent, "Công văn hàng loạt", f"Đã soạn {n} công văn (DOCX và PDF) vào {folder}."
        )

    def failed(message: str) -> None:
        ask.error(parent, "Công văn hàng loạt", message)

    title = f"Soạn {len(groups)} công văn trả lời"
    return run_long_work(ctx, parent, title, job, on_done=done, on_error=failed)
