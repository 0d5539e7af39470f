"""Công văn hàng loạt: one reply letter per origin for the chosen petitions, DOCX and PDF.

All drafts are saved in one write transaction and the files are written to a hidden staging
folder first, moved in only once every letter rendered: a cancel (the progress callback
raising) leaves neither drafts nor files.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from db import petitions as pet
from db.store import Store
from desktop.core.letters import register
from desktop.core.letters.addressees import origin_key
from desktop.core.letters.docx_render import render_docx
from desktop.core.letters.file_names import incoming_numbers, suggested_name
from desktop.core.letters.kinds import reply_letter
from desktop.core.letters.pdf_render import render_pdf
from desktop.core.session import Session

__all__ = ["Progress", "group_by_origin", "write_letters"]

# progress(done, total); the caller may raise from it to stop before anything is kept.
Progress = Callable[[int, int], None]


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
    """Draft and render one letter per group into `folder`; all or nothing (drafts and files).

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
